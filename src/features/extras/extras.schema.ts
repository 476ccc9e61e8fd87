// The extras form and the choice it describes. The HTML form is flat (bag-p1-outbound=2,
// priority-p1-outbound=add, upgrade-outbound=decline, hotel=12, hotel-nights=3, hotel-rooms=1,
// insurance=add) so that labels, field errors and tester selectors share one name; it is parsed
// here into an ExtrasChoice, the structured value the domain (and the JSON API) works with.
// Only shapes are checked here; what the checkout allows (ranges, eligibility, the destination's
// hotels) is checked by saveExtras, which answers with field errors under the same flat names.
import { z } from 'zod';
import type { FieldErrors } from '../../lib/errors.ts';
import { DIRECTIONS, type Direction } from '../checkout/checkout.repository.ts';

export const ANSWERS = ['add', 'decline'] as const;
export type Answer = (typeof ANSWERS)[number];

/** The maximum nights a hotel can be booked for on a one-way trip. */
export const MAX_HOTEL_NIGHTS = 14;
/** The most rooms one booking can take (and never more than the seated passengers). */
export const MAX_HOTEL_ROOMS = 4;

const Direction = z.enum(DIRECTIONS);
// 0 parses, so that a posted bag-p0-outbound is answered by the domain ("no passenger 0") rather than ignored.
const PassengerIdx = z.int().min(0).max(99);

/**
 * The complete selection of the extras page. Anything not in it is not wanted: a stored extra that
 * is missing is removed. A null answer means the customer did not answer (neither Add nor No thanks).
 */
export const ExtrasChoiceSchema = z.object({
  bags: z.array(z.object({ passengerIdx: PassengerIdx, direction: Direction, quantity: z.int() })),
  priority: z.array(z.object({ passengerIdx: PassengerIdx, direction: Direction, answer: z.enum(ANSWERS) })),
  upgrades: z.array(z.object({ direction: Direction, answer: z.enum(ANSWERS) })),
  hotel: z
    .discriminatedUnion('answer', [
      z.object({
        answer: z.literal('add'),
        hotelId: z.int(),
        /** Ignored on a return trip, where the stay is the time between the flights. */
        nights: z.int().nullable(),
        rooms: z.int(),
      }),
      z.object({ answer: z.literal('decline') }),
    ])
    .nullable(),
  insurance: z.enum(ANSWERS).nullable(),
});
export type ExtrasChoice = z.infer<typeof ExtrasChoiceSchema>;

/** Form field names, shared by the view, the field errors and the tests. */
export const field = {
  bag: (passengerIdx: number, direction: Direction) => `bag-p${passengerIdx}-${direction}`,
  priority: (passengerIdx: number, direction: Direction) => `priority-p${passengerIdx}-${direction}`,
  upgrade: (direction: Direction) => `upgrade-${direction}`,
  hotel: 'hotel',
  hotelNights: 'hotel-nights',
  hotelRooms: 'hotel-rooms',
  insurance: 'insurance',
} as const;

const BAG_FIELD = /^bag-p(\d{1,2})-(outbound|return)$/;
const PRIORITY_FIELD = /^priority-p(\d{1,2})-(outbound|return)$/;
const UPGRADE_FIELD = /^upgrade-(outbound|return)$/;

const BagQuantityField = z
  .string({ error: 'Choose a number of bags from the list' })
  .trim()
  .regex(/^\d{1,2}$/, 'Choose a number of bags from the list')
  .transform(Number);
const AnswerField = z.enum(ANSWERS, { error: 'Choose Add or No thanks' });
const HotelField = z.union([z.literal('none'), z.string().regex(/^\d{1,9}$/).transform(Number)], {
  error: 'Choose one of the hotels, or No hotel',
});
const WholeNumberField = (what: string) =>
  z
    .string({ error: `Choose the number of ${what}` })
    .trim()
    .regex(/^\d{1,3}$/, `Choose the number of ${what} from the list`)
    .transform(Number);

/** What the extras form may post, besides _csrf: which button was used. */
export const IntentSchema = z.enum(['save', 'update-hotel']).catch('save');

export type ParsedExtrasForm = { success: true; data: ExtrasChoice } | { success: false; fieldErrors: FieldErrors };

/**
 * Turns the flat form into an ExtrasChoice. Fields the form does not have (a posted price or total,
 * anything else) are ignored: the server prices everything from the catalogue.
 */
export function parseExtrasForm(body: Record<string, unknown>): ParsedExtrasForm {
  const fieldErrors: FieldErrors = {};
  const fail = (name: string, error: z.ZodError) => {
    fieldErrors[name] = [error.issues[0]?.message ?? 'Check this choice'];
  };
  const choice: ExtrasChoice = { bags: [], priority: [], upgrades: [], hotel: null, insurance: null };

  for (const [name, value] of Object.entries(body)) {
    const bag = BAG_FIELD.exec(name);
    if (bag) {
      const parsed = BagQuantityField.safeParse(value);
      if (!parsed.success) fail(name, parsed.error);
      else choice.bags.push({ passengerIdx: Number(bag[1]), direction: bag[2] as Direction, quantity: parsed.data });
      continue;
    }
    const priority = PRIORITY_FIELD.exec(name);
    if (priority) {
      if (value === '' || value === undefined) continue;
      const parsed = AnswerField.safeParse(value);
      if (!parsed.success) fail(name, parsed.error);
      else choice.priority.push({ passengerIdx: Number(priority[1]), direction: priority[2] as Direction, answer: parsed.data });
      continue;
    }
    const upgrade = UPGRADE_FIELD.exec(name);
    if (upgrade) {
      if (value === '' || value === undefined) continue;
      const parsed = AnswerField.safeParse(value);
      if (!parsed.success) fail(name, parsed.error);
      else choice.upgrades.push({ direction: upgrade[1] as Direction, answer: parsed.data });
    }
  }

  const answer = (name: string) => {
    const value = body[name];
    if (value === undefined || value === '') return null;
    const parsed = AnswerField.safeParse(value);
    if (!parsed.success) {
      fail(name, parsed.error);
      return null;
    }
    return parsed.data;
  };
  choice.insurance = answer(field.insurance);

  // Nights and rooms are checked whenever they are sent, even without a hotel: the lists only
  // offer valid numbers, so anything else was not typed by a customer.
  const number = (name: string, what: string) => {
    const value = body[name];
    if (value === undefined || value === '') return null;
    const parsed = WholeNumberField(what).safeParse(value);
    if (!parsed.success) {
      fail(name, parsed.error);
      return null;
    }
    return parsed.data;
  };
  const nights = number(field.hotelNights, 'nights');
  const rooms = number(field.hotelRooms, 'rooms');
  const hotelValue = body[field.hotel];
  if (hotelValue !== undefined && hotelValue !== '') {
    const parsed = HotelField.safeParse(hotelValue);
    if (!parsed.success) fail(field.hotel, parsed.error);
    else if (parsed.data === 'none') choice.hotel = { answer: 'decline' };
    else if (rooms === null && !fieldErrors[field.hotelRooms]) fieldErrors[field.hotelRooms] = ['Choose the number of rooms'];
    else choice.hotel = { answer: 'add', hotelId: parsed.data, nights, rooms: rooms ?? 0 };
  }

  if (Object.keys(fieldErrors).length > 0) return { success: false, fieldErrors };
  const checked = ExtrasChoiceSchema.safeParse(choice);
  if (!checked.success) return { success: false, fieldErrors: { form: ['Some choices could not be read: please check them and try again'] } };
  return { success: true, data: checked.data };
}
