// The seats form: one radio group per seated passenger and flight, named `seat-p1-outbound`, whose
// value is a seat ('14C') or 'skip'. The schema checks the shape; which seats exist and who may sit
// where is the domain's business (chooseSeats), so the JSON API gets the same rules.
import { z } from 'zod';
import { DIRECTIONS, type Direction } from '../checkout/checkout.repository.ts';
import { SKIP, type SeatChoice } from './seat-selection.ts';

const SEAT_FIELD = /^seat-p([0-9]{1,2})-([a-z]{1,10})$/;
const SEAT_CODE = /^[0-9]{1,2}[A-Z]$/;

export const SeatValueSchema = z
  .string({ error: 'Choose one seat on the map, or skip' })
  .trim()
  .transform((v) => (v.toLowerCase() === SKIP ? SKIP : v.toUpperCase()))
  .refine((v) => v === SKIP || SEAT_CODE.test(v), 'Choose a seat on the map, like 14C, or skip');

/**
 * Turns the posted fields into choices. Only `seat-p<n>-<flight>` fields are read: anything else (the
 * CSRF token, a price a browser made up) is ignored, since prices come from the catalogue.
 */
export const SeatsFormSchema = z.record(z.string(), z.unknown()).transform((body, ctx): SeatChoice[] => {
  const choices: SeatChoice[] = [];
  for (const [field, value] of Object.entries(body)) {
    const match = SEAT_FIELD.exec(field);
    if (!match) continue;
    const direction = match[2] as Direction;
    if (!(DIRECTIONS as readonly string[]).includes(direction)) {
      ctx.addIssue({ code: 'custom', path: [field], message: `There is no ${direction} flight on this booking` });
      continue;
    }
    const seat = SeatValueSchema.safeParse(value);
    if (!seat.success) {
      ctx.addIssue({ code: 'custom', path: [field], message: seat.error.issues[0]?.message ?? 'Choose a seat on the map, or skip' });
      continue;
    }
    choices.push({ passengerIdx: Number(match[1]), direction, seat: seat.data });
  }
  return choices;
});
