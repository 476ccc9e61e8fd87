// How a held seat reads in the price summary and on booking items: its zone, and why it is free
// when it is. Kept apart from seat-selection.ts so that pricing.ts can use it without a cycle.
import type { Db } from '../../db/database.ts';
import { parseSeatMapLayout, seatPlan } from './seat-map.ts';
import { fareSeatChoice, findSeatMap } from './seats.repository.ts';

const ZONE_WORDS = { business: 'business', extra_legroom: 'extra legroom', up_front: 'up front', standard: 'standard' } as const;

/** ", extra legroom" and, for a free seat, why: "included in the fare" or "family seating, included". */
export function seatLineDetails(
  db: Db,
  flight: { aircraftCode: string; family: string },
  seat: string,
  priceMinor: number,
): { zone: string | null; note: string | null } {
  const cell = seatPlan(parseSeatMapLayout(findSeatMap(db, flight.aircraftCode).layoutJson)).seats.get(seat);
  if (!cell) return { zone: null, note: null };
  if (priceMinor > 0) return { zone: ZONE_WORDS[cell.zone], note: null };
  const choice = fareSeatChoice(db, flight.family);
  const inFare = cell.zone === 'business' || choice === 'any' || (choice === 'standard' && cell.zone === 'standard');
  return { zone: ZONE_WORDS[cell.zone], note: inFare ? 'included in the fare' : 'family seating, included' };
}
