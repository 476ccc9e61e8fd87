import { z } from 'zod';
import { addDays, spelledDate } from '../../lib/time.ts';

/**
 * How a message shows a date to type: spelled out, as a customer reads the date picker, never the
 * wire format (the API documents YYYY-MM-DD and answers the code `invalid_format`).
 */
const DATE_EXAMPLE = '14 March 2027';

/** How far ahead flights are sold (the demo schedule covers 330 days). */
export const BOOKING_HORIZON_DAYS = 329;
export const MAX_SEATED_PASSENGERS = 9;

// A count comes as text from a URL or a form, or as a number from the JSON API: both are read the same.
const asText = (value: unknown) => (typeof value === 'number' && Number.isInteger(value) ? String(value) : value);
const count = (label: string, min: number, max: number) =>
  z.preprocess(
    asText,
    z
      .string({ error: `Enter the number of ${label} as a whole number` })
      .trim()
      .regex(/^\d{1,2}$/, `Enter the number of ${label} as a whole number`)
      .transform(Number)
      .pipe(z.number().min(min, `${min} to ${max} ${label}`).max(max, `${min} to ${max} ${label}`)),
  );

const date = (what: string) =>
  // One message per field: a malformed date is not also "not a real date" nor "beyond the schedule" (abort).
  z.iso.date({ error: `Enter the ${what} date, for example ${DATE_EXAMPLE}`, abort: true }).refine((v) => !Number.isNaN(Date.parse(v)), { message: `Enter a real ${what} date`, abort: true });

const isRealDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v));

/**
 * The search query. `today` is the customer's date; airports are the codes we serve.
 * Cross-field rules name the field they concern, so the page shows the message beside it, and their
 * code (`in_the_past`, `same_airport` …) so that a client can tell them apart.
 * `trip` is the search form's: without it, a return date makes a return trip (the JSON API's way).
 * Built once per day and set of airports (the set listAirports' cache keeps), not per request.
 */
export function searchSchema(ctx: { today: string; airportCodes: ReadonlySet<string> }) {
  let byDay = schemas.get(ctx.airportCodes);
  if (!byDay) schemas.set(ctx.airportCodes, (byDay = new Map()));
  let schema = byDay.get(ctx.today);
  if (!schema) {
    // A few days at most are in use at once (customers' time zones either side of midnight).
    if (byDay.size >= 4) byDay.clear();
    byDay.set(ctx.today, (schema = buildSearchSchema(ctx)));
  }
  return schema;
}

const schemas = new WeakMap<ReadonlySet<string>, Map<string, ReturnType<typeof buildSearchSchema>>>();

function buildSearchSchema(ctx: { today: string; airportCodes: ReadonlySet<string> }) {
  const airport = (label: string) =>
    z
      .string({ error: `Choose the airport you fly ${label}` })
      .trim()
      .toUpperCase()
      .min(1, `Choose the airport you fly ${label}`)
      .refine((code) => ctx.airportCodes.has(code), `We do not fly ${label} that airport: choose one from the list`);
  const lastDay = addDays(ctx.today, BOOKING_HORIZON_DAYS);
  return z
    .object({
      from: airport('from'),
      to: airport('to'),
      trip: z.enum(['one_way', 'return'], { error: 'Choose one-way or return' }).optional(),
      depart: date('departure'),
      return: z.string().trim().nullish(),
      adults: count('adults', 1, 9).default(1),
      children: count('children', 0, 8).default(0),
      infants: count('infants', 0, 9).default(0),
    })
    .superRefine((v, issue) => {
      if (v.from === v.to) issue.addIssue({ code: 'custom', path: ['to'], params: { code: 'same_airport' }, message: 'Choose a destination other than where you fly from' });
      const departOk = isRealDate(v.depart);
      if (departOk && v.depart < ctx.today) issue.addIssue({ code: 'custom', path: ['depart'], params: { code: 'in_the_past' }, message: 'The departure date is in the past' });
      if (departOk && v.depart > lastDay) issue.addIssue({ code: 'custom', path: ['depart'], params: { code: 'beyond_schedule' }, message: `We sell flights up to ${spelledDate(lastDay)}` });
      if (v.infants > v.adults) issue.addIssue({ code: 'custom', path: ['infants'], params: { code: 'infants_over_adults' }, message: 'Each infant travels on an adult’s lap: no more infants than adults' });
      // Only when each count is valid on its own: "10 adults" already has its message.
      if (v.adults <= 9 && v.children <= 8 && v.adults + v.children > MAX_SEATED_PASSENGERS)
        issue.addIssue({ code: 'custom', path: ['children'], params: { code: 'too_many_passengers' }, message: `At most ${MAX_SEATED_PASSENGERS} passengers with a seat per booking` });
      const wantsReturn = v.trip === 'return' || (v.trip === undefined && !!v.return);
      if (wantsReturn) {
        if (!v.return) issue.addIssue({ code: 'custom', path: ['return'], params: { code: 'required' }, message: 'Choose a return date, or a one-way trip' });
        else if (!/^\d{4}-\d{2}-\d{2}$/.test(v.return) || Number.isNaN(Date.parse(v.return)))
          issue.addIssue({ code: 'custom', path: ['return'], params: { code: 'invalid_date' }, message: `Enter the return date, for example ${DATE_EXAMPLE}` });
        else if (departOk && v.return < v.depart) issue.addIssue({ code: 'custom', path: ['return'], params: { code: 'before_departure' }, message: 'The return date is before the departure date' });
        else if (v.return > lastDay) issue.addIssue({ code: 'custom', path: ['return'], params: { code: 'beyond_schedule' }, message: `We sell flights up to ${spelledDate(lastDay)}` });
      }
    })
    .transform((v) => {
      const wantsReturn = v.trip === 'return' || (v.trip === undefined && !!v.return);
      return {
        from: v.from,
        to: v.to,
        depart: v.depart,
        return: wantsReturn ? (v.return ?? null) : null,
        adults: v.adults,
        children: v.children,
        infants: v.infants,
      };
    });
}

export type SearchQuery = z.output<ReturnType<typeof buildSearchSchema>>;

/** The raw values to put back in the form: strings only, never the parsed object. */
export function searchFormValues(input: Record<string, unknown>): Record<string, string> {
  const keys = ['from', 'to', 'trip', 'depart', 'return', 'adults', 'children', 'infants'];
  const values: Record<string, string> = {};
  for (const key of keys) {
    const value = input[key];
    values[key] = typeof value === 'string' ? value.slice(0, 40) : '';
  }
  return values;
}
