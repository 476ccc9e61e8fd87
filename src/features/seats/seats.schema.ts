// The seats form: one radio group per seated passenger and flight, named `seat-p1-outbound`, whose
// value is a seat ('14C') or 'skip'. formToInput turns the form into the command's input
// (ChooseSeatsInput, the JSON API's body); fieldOf maps the command's issue paths back to the fields.
// Which seats exist and who may sit where is the command's business (choose-seats.ts).
import { z } from 'zod';
import type { FieldErrors, IssuePath } from '../../lib/errors.ts';
import { DIRECTIONS, type Direction } from '../checkout/checkout.repository.ts';
import type { ChooseSeatsInput } from './choose-seats.ts';

export const SKIP = 'skip';

const SEAT_FIELD = /^seat-p([1-9][0-9]?)-([a-z]{1,10})$/;
const SEAT_CODE = /^[0-9]{1,2}[A-Z]$/;

/** Form field of a passenger's choice on a flight: `seat-p1-outbound`. */
export function seatField(passengerIdx: number, direction: Direction): string {
  return `seat-p${passengerIdx}-${direction}`;
}

export const SeatValueSchema = z
  .string({ error: 'Choose one seat on the map, or skip' })
  .trim()
  .transform((v) => (v.toLowerCase() === SKIP ? SKIP : v.toUpperCase()))
  .refine((v) => v === SKIP || SEAT_CODE.test(v), 'Choose a seat on the map, like 14C, or skip');

export type SeatsForm = { input: ChooseSeatsInput; errors: FieldErrors };

/**
 * Turns the posted fields into the command's input. Only `seat-p<n>-<flight>` fields are read: anything
 * else (the CSRF token, a price a browser made up) is ignored, since prices come from the catalogue.
 * A value the form itself cannot read is reported under its field, in the page's own words.
 */
export function formToInput(body: Record<string, unknown>): SeatsForm {
  const seats: ChooseSeatsInput['seats'] = [];
  const errors: FieldErrors = {};
  for (const [field, value] of Object.entries(body)) {
    const match = SEAT_FIELD.exec(field);
    if (!match) continue;
    const direction = match[2]!;
    if (!(DIRECTIONS as readonly string[]).includes(direction)) {
      errors[field] = [`There is no ${direction} flight on this booking`];
      continue;
    }
    const seat = SeatValueSchema.safeParse(value);
    if (!seat.success) {
      errors[field] = [seat.error.issues[0]?.message ?? 'Choose a seat on the map, or skip'];
      continue;
    }
    seats.push({ passengerIdx: Number(match[1]), direction: direction as Direction, seat: seat.data === SKIP ? null : seat.data });
  }
  return { input: { seats }, errors };
}

/** The form field that shows an issue of the command: `['seats', 2, 'seat']` → the field of choice 2. */
export function fieldOf(input: ChooseSeatsInput): (path: IssuePath) => string | undefined {
  return (path) => {
    const choice = path[0] === 'seats' && typeof path[1] === 'number' ? input.seats[path[1]] : undefined;
    return choice ? seatField(choice.passengerIdx, choice.direction) : undefined;
  };
}
