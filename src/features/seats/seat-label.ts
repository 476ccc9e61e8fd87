// How a held seat reads in the price summary and on booking items: its zone, and why it is free
// when it is. Kept apart from seat-selection.ts so that pricing.ts can use it without a cycle.
import type { Db } from '../../db/database.ts';
import { parseSeatMapLayout, seatPlan } from './seat-map.ts';
import { fareSeatChoice, findSeatMap } from './seats.repository.ts';

/** The seat upsell a paid seat was bought as; business seats are never sold on their own. */
const ZONE_OFFERS = { business: null, extra_legroom: 'SEAT_EXTRA_LEGROOM', up_front: 'SEAT_UP_FRONT', standard: 'SEAT_STANDARD' } as const;

const ZONE_WORDS = { business: 'business', extra_legroom: 'extra legroom', up_front: 'up front', standard: 'standard' } as const;

// Seat maps never change while the app runs (a reseed replaces the database), so each is parsed once.
const plans = new WeakMap<Db, Map<string, ReturnType<typeof seatPlan>>>();
function planFor(db: Db, aircraftCode: string): ReturnType<typeof seatPlan> {
  let byAircraft = plans.get(db);
  if (!byAircraft) plans.set(db, (byAircraft = new Map()));
  let plan = byAircraft.get(aircraftCode);
  if (!plan) byAircraft.set(aircraftCode, (plan = seatPlan(parseSeatMapLayout(findSeatMap(db, aircraftCode).layoutJson))));
  return plan;
}

/** ", extra legroom" and, for a free seat, why: "included in the fare" or "family seating, included". */
export function seatLineDetails(
  db: Db,
  flight: { aircraftCode: string; seatingFamily: string },
  seat: string,
  priceMinor: number,
): { zone: string | null; note: string | null; offerCode: string | null } {
  const cell = planFor(db, flight.aircraftCode).seats.get(seat);
  if (!cell) return { zone: null, note: null, offerCode: null };
  if (priceMinor > 0) return { zone: ZONE_WORDS[cell.zone], note: null, offerCode: ZONE_OFFERS[cell.zone] };
  const choice = fareSeatChoice(db, flight.seatingFamily);
  const inFare = cell.zone === 'business' || choice === 'any' || (choice === 'standard' && cell.zone === 'standard');
  return { zone: ZONE_WORDS[cell.zone], note: inFare ? 'included in the fare' : 'family seating, included', offerCode: null };
}
