// A paid booking to manage, and the command context to buy for it with the injected clock.
import type { CommandContext } from '../../src/lib/command.ts';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { checkoutAt } from '../helpers/factories.ts';
import { CARD_HOLDER, CARDS, type Trip } from '../helpers/fixtures.ts';

export { CARDS };
export const card = (number: string = CARDS.approve) => ({ number, ...CARD_HOLDER });

/** Lisbon and back, two adults: every passenger seated by the first free seats. */
export const COUPLE_TO_LISBON: Trip = { from: 'DUB', to: 'LIS', depart: '2026-12-10', return: '2026-12-14', adults: 2 };

export type Managed = TestContext & { reference: string; checkoutId: string; cmd: () => CommandContext };

/** A booking paid through the domain (seats: the first free for everyone), the clock still at TEST_NOW. */
export async function bookedTrip(trip: Trip = COUPLE_TO_LISBON, options: { now?: string; family?: Trip['family'] } = {}): Promise<Managed> {
  const ctx = createTestApp({ now: options.now });
  const at = await checkoutAt(ctx, 'booked', { ...trip, family: options.family ?? trip.family }, { seats: 'first-free' });
  if (!at.reference) throw new Error('Not booked');
  return { ...ctx, reference: at.reference, checkoutId: at.id, cmd: () => ({ db: ctx.db, now: ctx.clock.now(), sessionId: 'manage-session', seed: ctx.config.demoSeed }) };
}

export function count(ctx: TestContext, sql: string, ...params: unknown[]): number {
  return ctx.db.prepare(sql).pluck().get(...params) as number;
}

export function bookingTotal(ctx: Managed): number {
  return count(ctx, 'SELECT total_minor FROM bookings WHERE reference = ?', ctx.reference);
}

export function departsAt(ctx: Managed, direction: 'outbound' | 'return' = 'outbound'): Date {
  return new Date(count(ctx, `SELECT f.departs_at FROM checkout_flights cf JOIN flights f ON f.id = cf.flight_id WHERE cf.checkout_id = ? AND cf.direction = ?`, ctx.checkoutId, direction) as unknown as string);
}

export function seatOf(ctx: Managed, passengerIdx: number, direction: 'outbound' | 'return' = 'outbound'): { seat: string; price_minor: number } {
  return ctx.db
    .prepare(`SELECT sa.seat, sa.price_minor FROM seat_assignments sa JOIN checkout_flights cf ON cf.flight_id = sa.flight_id AND cf.checkout_id = ? AND cf.direction = ?
              JOIN bookings b ON b.id = sa.booking_id AND b.reference = ? WHERE sa.passenger_idx = ?`)
    .get(ctx.checkoutId, direction, ctx.reference, passengerIdx) as { seat: string; price_minor: number };
}
