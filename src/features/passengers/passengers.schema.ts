// The rules of the passengers step for one checkout (the input's shape is SavePassengersInputSchema,
// in save-passengers.ts): one entry per passenger in its order, names, dates of birth by type against
// the travel dates, and the contact details. Issues name domain paths: ['passengers', 2, 'dateOfBirth'].
import { z } from 'zod';
import { ageOn, spelledDate } from '../../lib/time.ts';
import type { Checkout, PassengerType } from '../checkout/checkout.repository.ts';

export const NAME_MAX = 50;
const NAME = /^[\p{L}][\p{L}\p{M} '’.-]*$/u;

const name = (what: string) =>
  z
    .string({ error: `Enter the ${what}` })
    .trim()
    .min(1, `Enter the ${what}`)
    .max(NAME_MAX, `The ${what} can be at most ${NAME_MAX} characters`)
    .regex(NAME, `The ${what} can use letters, spaces, hyphens and apostrophes`);

/** The date of birth of a child or an infant: a real date, before the first flight, the right age throughout. */
function dateOfBirth(type: Exclude<PassengerType, 'adult'>, first: string, last: string) {
  return z.iso
    .date({ error: 'Enter the date of birth, for example 23 April 2019' })
    .refine((dob) => dob <= first, { message: 'The date of birth must be before the flight', params: { code: 'born_after_flight' } })
    .refine((dob) => (type === 'infant' ? ageOn(dob, last) < 2 : ageOn(dob, first) >= 2 && ageOn(dob, first) < 12), {
      message:
        type === 'infant'
          ? `An infant must be under 2 on every flight (last flight ${spelledDate(last)}); book an older child as a child`
          : `A child must be 2 to 11 on the day of travel (${spelledDate(first)})`,
      params: { code: type === 'infant' ? 'not_an_infant' : 'not_a_child' },
    });
}

const rulesByKind = new Map<string, ReturnType<typeof buildRules>>();
/** Kinds of checkout kept at once: enough for every party on every travel date in use at a busy moment. */
const RULES_KEPT = 500;

/**
 * The rules of the step for this checkout's passengers. Passengers come first and contact last, as on
 * the form, so that issues (and the page's error summary) read in the same order.
 *
 * Built once per kind of checkout (its passengers' types, and its travel dates when a child or an
 * infant is on board: adults' rules do not depend on them) and kept: building a zod schema, and zod
 * compiling it on its first parse, cost far more than parsing with it.
 */
export function passengerRules(checkout: Pick<Checkout, 'flights' | 'passengers'>) {
  const travelDates = checkout.flights.map((f) => f.departureDate).sort();
  const first = travelDates[0]!;
  const last = travelDates.at(-1)!;
  const types = checkout.passengers.map((p) => p.type);
  const key = types.every((t) => t === 'adult') ? types.join(',') : `${types.join(',')}|${first}|${last}`;
  let rules = rulesByKind.get(key);
  if (!rules) {
    if (rulesByKind.size >= RULES_KEPT) rulesByKind.clear();
    rules = buildRules(types, first, last);
    rulesByKind.set(key, rules);
  }
  return rules;
}

function buildRules(types: readonly PassengerType[], first: string, last: string) {
  const entries = types.map((type) =>
    z.strictObject({
      givenName: name('given name'),
      familyName: name('family name'),
      // Adults have no date of birth: one sent is ignored.
      dateOfBirth: type === 'adult' ? z.string().max(20, 'At most 20 characters').nullable().optional() : dateOfBirth(type, first, last),
    }),
  );
  return z.strictObject({
    passengers: z.tuple(entries as unknown as [z.ZodType, ...z.ZodType[]]),
    contact: z.strictObject({
      email: z.email({ error: 'Enter an e-mail address like name@example.com' }).max(254, 'The e-mail address is too long'),
      phone: z
        .string({ error: 'Enter a phone number' })
        .trim()
        .regex(/^\+?[0-9 ()-]{6,20}$/, 'Enter a phone number with its country code, like +353 1 555 0100')
        .refine((v) => v.replace(/\D/g, '').length >= 6, 'Enter a phone number with its country code, like +353 1 555 0100'),
    }),
  });
}
