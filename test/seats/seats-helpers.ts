// Shared steps for the seats tests: reach the seats step, read the map a customer sees, post choices.
import { expect } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import { bandAmount, getOffer } from '../../src/features/offers/offers.repository.ts';
import { parseSeatMapLayout } from '../../src/features/catalogue/seat-zones.ts';
import { seatPlan, neighboursOf, type SeatPlan } from '../../src/features/seats/seat-map.ts';
import { postForm, type TestContext } from '../helpers/app.ts';
import { checkoutAt } from '../helpers/factories.ts';
import type { Trip } from '../helpers/flow.ts';
import { TRIPS } from '../helpers/fixtures.ts';

export const SHORT_HAUL: Trip = TRIPS.soloToLondon;
export const LONG_HAUL: Trip = TRIPS.soloToNewYork;

export function seatsUrl(checkoutId: string): string {
  return `/checkouts/${checkoutId}/seats`;
}

/** A checkout for `trip` with its passengers entered (through the domain, not the pages), ready for the seats step. */
export async function reachSeats(ctx: TestContext, trip: Trip): Promise<string> {
  return (await checkoutAt(ctx, 'seats', trip)).id;
}

export async function submitSeats(ctx: TestContext, checkoutId: string, fields: Record<string, string | string[]>) {
  return postForm(ctx.agent, seatsUrl(checkoutId), seatsUrl(checkoutId), fields);
}

type MapSeat = { seat: string; disabled: boolean; checked: boolean };

/**
 * Every seat of one flight's map (the one map of `seat-p1-outbound`'s flight) as passenger 1 of that
 * field sees it: disabled when taken by another traveller, or not for this passenger (`data-off`);
 * checked when the page's field for that passenger holds it.
 */
export function seatRadios(html: string, field: string): MapSeat[] {
  const [, p, direction] = /^seat-p(\d+)-(\w+)$/.exec(field) ?? [];
  const chosen = new RegExp(`<input type="hidden" name="${field}" value="(\\w+)">`).exec(html)?.[1];
  const re = new RegExp(`<(button|span) ([^>]*data-testid="seat-${direction}-(\\d+[A-Z])"[^>]*)>`, 'g');
  return [...html.matchAll(re)].map((m) => {
    const off = /data-off="([^"]*)"/.exec(m[2]!)?.[1]?.split(' ') ?? [];
    return { seat: m[3]!, disabled: m[1] === 'span' || off.includes(p!), checked: m[3] === chosen };
  });
}

export function availableSeats(html: string, field: string): string[] {
  return seatRadios(html, field).filter((r) => !r.disabled).map((r) => r.seat);
}

/** Seats other travellers have (drawn, not buttons). */
export function occupiedSeats(html: string, field: string): string[] {
  const [, , direction] = /^seat-p(\d+)-(\w+)$/.exec(field) ?? [];
  return [...html.matchAll(new RegExp(`<span class="seat [^"]*is-taken" data-testid="seat-${direction}-(\\d+[A-Z])"`, 'g'))].map((m) => m[1]!);
}

export function planOf(db: Db, aircraftCode: string): SeatPlan {
  const json = db.prepare('SELECT layout_json FROM seat_maps WHERE aircraft_code = ?').pluck().get(aircraftCode) as string;
  return seatPlan(parseSeatMapLayout(json));
}

export function checkoutFlight(db: Db, checkoutId: string, direction: 'outbound' | 'return') {
  return db
    .prepare(
      `SELECT f.id AS flightId, f.aircraft_code AS aircraftCode, r.distance_km AS distanceKm, cf.family
       FROM checkout_flights cf JOIN flights f ON f.id = cf.flight_id JOIN routes r ON r.id = f.route_id
       WHERE cf.checkout_id = ? AND cf.direction = ?`,
    )
    .get(checkoutId, direction) as { flightId: number; aircraftCode: string; distanceKm: number; family: string };
}

/** The catalogue price of a seat zone offer for a flight of that length. */
export function bandPrice(db: Db, code: string, distanceKm: number): number {
  const rule = getOffer(db, code).priceRule;
  if (rule.type !== 'distance_band') throw new Error(`${code} is not distance-banded`);
  return bandAmount(rule.bands, distanceKm);
}

/** Two free seats side by side (same row, no aisle between) among `free`, accepted by `where`. */
export function adjacentPair(plan: SeatPlan, free: readonly string[], where: (seat: string) => boolean = () => true): [string, string] {
  const set = new Set(free);
  for (const seat of free) {
    if (!where(seat)) continue;
    const next = neighboursOf(plan, seat).find((n) => set.has(n) && where(n));
    if (next) return [seat, next];
  }
  throw new Error('No two free seats side by side');
}

export function zoneOf(plan: SeatPlan, seat: string) {
  const cell = plan.seats.get(seat);
  if (!cell) throw new Error(`No seat ${seat}`);
  return cell;
}

export function holds(db: Db, checkoutId: string) {
  return db
    .prepare('SELECT flight_id, seat, passenger_idx, price_minor, held_until, booking_id FROM seat_assignments WHERE checkout_id = ? ORDER BY flight_id, passenger_idx')
    .all(checkoutId) as Array<{ flight_id: number; seat: string; passenger_idx: number; price_minor: number; held_until: string | null; booking_id: number | null }>;
}

export function expectStatus(res: { status: number; text: string }, status: number): void {
  expect(res.status, res.text.replace(/\s+/g, ' ').slice(0, 1500)).toBe(status);
}
