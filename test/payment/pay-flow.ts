// Shared steps of the payment and booking tests: reach the review page through the real HTML flow,
// pay with a card, and arrange seat holds and extras (rows the seats and extras steps would write).
import { expect } from 'vitest';
import { postForm, type TestContext } from '../helpers/app.ts';
import { CARD_HOLDER, CARDS, TRIPS } from '../helpers/fixtures.ts';
import { checkoutAt } from '../helpers/factories.ts';
import type { Trip } from '../helpers/flow.ts';

export { CARDS };
export const RETURN_TRIP: Trip = TRIPS.familyToLisbon;
export const ONE_WAY: Trip = TRIPS.soloToLondon;

export function cardFields(overrides: Record<string, string> = {}): Record<string, string> {
  return { 'card-number': CARDS.approve, 'card-name': CARD_HOLDER.name, 'card-expiry': CARD_HOLDER.expiry, 'card-cvc': CARD_HOLDER.cvc, ...overrides };
}

/** A checkout with its passengers entered (through the domain, not the pages): the review page is the next stop. */
export async function reachReview(ctx: TestContext, trip: Trip = ONE_WAY): Promise<string> {
  return (await checkoutAt(ctx, 'review', trip)).id;
}

export const reviewUrl = (id: string) => `/checkouts/${id}/review`;

export function pay(ctx: TestContext, id: string, fields: Record<string, string> = {}) {
  return postForm(ctx.agent, reviewUrl(id), `/checkouts/${id}/payment`, cardFields(fields));
}

/** Pays with the approving card and returns the booking reference. */
export async function payAndBook(ctx: TestContext, id: string): Promise<string> {
  const res = await pay(ctx, id);
  expect(res.status, res.text.slice(0, 3000)).toBe(303);
  const reference = /^\/bookings\/([A-Z0-9]{6})$/.exec(res.headers.location ?? '')?.[1];
  if (!reference) throw new Error(`Unexpected redirect ${res.headers.location}`);
  return reference;
}

function flightOf(ctx: TestContext, checkoutId: string, direction: 'outbound' | 'return'): number {
  return ctx.db.prepare('SELECT flight_id FROM checkout_flights WHERE checkout_id = ? AND direction = ?').pluck().get(checkoutId, direction) as number;
}

/** A seat held for a passenger, as the seats step writes it (held for 15 minutes unless told). */
export function holdSeat(
  ctx: TestContext,
  checkoutId: string,
  input: { direction: 'outbound' | 'return'; passengerIdx: number; seat: string; priceMinor?: number; heldForMs?: number },
): void {
  const now = ctx.clock.now();
  ctx.db
    .prepare(
      `INSERT INTO seat_assignments (flight_id, seat, checkout_id, passenger_idx, price_minor, currency, held_until, created_at)
       VALUES (?, ?, ?, ?, ?, 'EUR', ?, ?)`,
    )
    .run(
      flightOf(ctx, checkoutId, input.direction),
      input.seat,
      checkoutId,
      input.passengerIdx,
      input.priceMinor ?? 0,
      new Date(now.getTime() + (input.heldForMs ?? 15 * 60_000)).toISOString(),
      now.toISOString(),
    );
}

/** An extra in the checkout, as the extras step writes it. */
export function addExtra(
  ctx: TestContext,
  checkoutId: string,
  extra: { itemKey: string; offerCode: string; passengerIdx?: number; direction?: 'outbound' | 'return'; quantity?: number; hotelId?: number; checkIn?: string; nights?: number; rooms?: number },
): void {
  ctx.db
    .prepare(
      `INSERT INTO checkout_extras (checkout_id, item_key, offer_code, passenger_idx, direction, quantity, hotel_id, check_in, nights, rooms)
       VALUES (@checkoutId, @itemKey, @offerCode, @passengerIdx, @direction, @quantity, @hotelId, @checkIn, @nights, @rooms)`,
    )
    .run({
      checkoutId,
      itemKey: extra.itemKey,
      offerCode: extra.offerCode,
      passengerIdx: extra.passengerIdx ?? null,
      direction: extra.direction ?? null,
      quantity: extra.quantity ?? 1,
      hotelId: extra.hotelId ?? null,
      checkIn: extra.checkIn ?? null,
      nights: extra.nights ?? null,
      rooms: extra.rooms ?? null,
    });
}

export function count(ctx: TestContext, sql: string, ...params: unknown[]): number {
  return ctx.db.prepare(sql).pluck().get(...params) as number;
}
