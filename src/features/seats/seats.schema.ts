// The seats form: one field per seated passenger and flight, named `seat-p1-outbound`, whose value is
// a seat ('14C') or 'skip' (a hidden field the map fills in). formToInput turns the form into the
// command's input (ChooseSeatsInput, the JSON API's body); fieldOf maps the command's issue paths back
// to the fields. Which seats exist and who may sit where is the command's business (choose-seats.ts).
// Picking on the one map of a flight without JavaScript (seat-picks.ts) posts `pick=outbound:14C`
// for the passenger chosen in `for-outbound`, or `skip=seat-p1-outbound`; formToPick reads those.
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

/** Which passenger the map of a flight picks for: `for-outbound` = `2`. */
export function forField(direction: Direction): string {
  return `for-${direction}`;
}

/** The choices so far (a seat or skip per field) and whose turn it is on each flight's map. */
export type SeatDraft = { values: Record<string, string>; current: Partial<Record<Direction, number>> };

/**
 * The draft a page carries (the query after a pick, or a posted form): only well-formed
 * `seat-p<n>-<flight>` values and `for-<flight>` passenger numbers are kept, anything else is dropped.
 */
export function draftFrom(source: Record<string, unknown>): SeatDraft {
  const values: Record<string, string> = {};
  const current: SeatDraft['current'] = {};
  for (const [field, value] of Object.entries(source)) {
    const match = SEAT_FIELD.exec(field);
    if (!match || !(DIRECTIONS as readonly string[]).includes(match[2]!)) continue;
    const seat = SeatValueSchema.safeParse(value);
    if (seat.success) values[field] = seat.data;
  }
  for (const direction of DIRECTIONS) {
    const idx = source[forField(direction)];
    if (typeof idx === 'string' && /^[1-9][0-9]?$/.test(idx)) current[direction] = Number(idx);
  }
  return { values, current };
}

/** A pick on a map: a seat for whoever's turn it is on that flight, or no seat for one passenger. */
export type SeatPick = { kind: 'seat'; direction: Direction; seat: string } | { kind: 'skip'; direction: Direction; passengerIdx: number };

const PICK = /^([a-z]{1,10}):([0-9]{1,2}[A-Za-z])$/;

/** The pick a form posted (the seat button or the remove button pressed), null for "Continue". */
export function formToPick(body: Record<string, unknown>): SeatPick | null {
  const isDirection = (d: string | undefined): d is Direction => (DIRECTIONS as readonly string[]).includes(d ?? '');
  const pick = typeof body.pick === 'string' ? PICK.exec(body.pick) : null;
  if (pick && isDirection(pick[1])) return { kind: 'seat', direction: pick[1], seat: pick[2]!.toUpperCase() };
  const skip = typeof body.skip === 'string' ? SEAT_FIELD.exec(body.skip) : null;
  if (skip && isDirection(skip[2])) return { kind: 'skip', direction: skip[2], passengerIdx: Number(skip[1]) };
  return null;
}
