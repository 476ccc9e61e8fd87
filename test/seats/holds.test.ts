import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { ConflictError } from '../../src/lib/errors.ts';
import { findCheckout } from '../../src/features/checkout/checkout.repository.ts';
import { confirmSeatHolds, expiredSeatHolds, seatHoldsExpired } from '../../src/features/seats/seat-holds.ts';
import { createTestApp, postForm, text, type TestContext } from '../helpers/app.ts';
import { fillPassengers, openCheckout, type Trip } from '../helpers/flow.ts';
import { availableSeats, expectStatus, holds, reachSeats, seatsUrl, submitSeats } from './seats-helpers.ts';

const TRIP: Trip = { from: 'DUB', to: 'LHR', depart: '2027-05-12' };
const MINUTE = 60_000;

/** A second shopper on the same app and database: their own cookies, session and checkout. */
async function secondShopper(ctx: TestContext) {
  const other: TestContext = { ...ctx, agent: request.agent(ctx.app) };
  const id = await openCheckout(other, TRIP);
  await fillPassengers(other, id, TRIP);
  return { other, id, submit: (fields: Record<string, string>) => postForm(other.agent, seatsUrl(id), seatsUrl(id), fields) };
}

function insertBooking(ctx: TestContext, checkoutId: string): number {
  return Number(
    ctx.db
      .prepare(
        `INSERT INTO bookings (reference, checkout_id, session_id, contact_email, contact_phone, total_minor, currency, created_at)
         VALUES ('ABC234', ?, 's', 'ada@example.com', '+353 1 555 0100', 10000, 'EUR', ?)`,
      )
      .run(checkoutId, ctx.clock.now().toISOString()).lastInsertRowid,
  );
}

describe('seat holds', () => {
  it('holds chosen seats for 15 minutes, with the price computed on the server', async () => {
    const ctx = createTestApp();
    const id = await reachSeats(ctx, TRIP);
    const seat = availableSeats((await ctx.agent.get(seatsUrl(id))).text, 'seat-p1-outbound').find((s) => /^(2[0-9]|3[01])[A-F]$/.test(s))!;
    expectStatus(await submitSeats(ctx, id, { 'seat-p1-outbound': seat }), 303);
    expect(holds(ctx.db, id)).toEqual([
      { flight_id: expect.any(Number), seat, passenger_idx: 1, price_minor: 800, held_until: '2026-11-27T09:15:00.000Z', booking_id: null },
    ]);
  });

  it('refuses a seat another checkout holds, with 409, and changes nothing', async () => {
    const ctx = createTestApp();
    const first = await reachSeats(ctx, TRIP);
    const free = availableSeats((await ctx.agent.get(seatsUrl(first))).text, 'seat-p1-outbound');
    const [wanted, other] = [free[0]!, free[1]!];
    expectStatus(await submitSeats(ctx, first, { 'seat-p1-outbound': wanted }), 303);

    const second = await secondShopper(ctx);
    expectStatus(await second.submit({ 'seat-p1-outbound': other }), 303);
    const page = await second.other.agent.get(seatsUrl(second.id));
    expect(availableSeats(page.text, 'seat-p1-outbound')).not.toContain(wanted);

    const res = await second.submit({ 'seat-p1-outbound': wanted });
    expectStatus(res, 409);
    expect(text(res.text)).toContain(`Seat ${wanted} was just taken by another traveller: choose another`);
    expect(res.text).toContain('data-testid="error-seat-p1-outbound"');
    expect(holds(ctx.db, first).map((h) => h.seat)).toEqual([wanted]);
    expect(holds(ctx.db, second.id).map((h) => h.seat)).toEqual([other]);
  });

  it('answers 409 and keeps the previous holds when the unique constraint catches two checkouts racing for one seat', async () => {
    const ctx = createTestApp();
    const first = await reachSeats(ctx, TRIP);
    const second = await secondShopper(ctx);
    const free = availableSeats((await second.other.agent.get(seatsUrl(second.id))).text, 'seat-p1-outbound');
    const [wanted, previous] = [free[0]!, free[1]!];
    expectStatus(await second.submit({ 'seat-p1-outbound': previous }), 303);

    // The first checkout writes the seat after the second one checked it was free, as another
    // server process could: a trigger slips its row in just before the second checkout's insert.
    ctx.db.exec(`
      CREATE TEMP TRIGGER race BEFORE INSERT ON seat_assignments WHEN NEW.checkout_id = '${second.id}'
      BEGIN
        INSERT INTO seat_assignments (flight_id, seat, checkout_id, passenger_idx, held_until, created_at)
        VALUES (NEW.flight_id, NEW.seat, '${first}', 1, '2099-01-01T00:00:00.000Z', '2026-11-27T09:00:00.000Z');
      END`);
    const res = await second.submit({ 'seat-p1-outbound': wanted });
    ctx.db.exec('DROP TRIGGER race');

    expectStatus(res, 409);
    expect(text(res.text)).toContain(`Seat ${wanted} was just taken by another traveller: choose another`);
    expect(holds(ctx.db, second.id).map((h) => h.seat)).toEqual([previous]);
  });

  it('releases a hold after 15 minutes, so another checkout can take the seat', async () => {
    const ctx = createTestApp();
    const first = await reachSeats(ctx, TRIP);
    const seat = availableSeats((await ctx.agent.get(seatsUrl(first))).text, 'seat-p1-outbound')[0]!;
    expectStatus(await submitSeats(ctx, first, { 'seat-p1-outbound': seat }), 303);
    const second = await secondShopper(ctx);

    ctx.clock.advance(14 * MINUTE);
    expectStatus(await second.submit({ 'seat-p1-outbound': seat }), 409);
    expect(seatHoldsExpired(ctx.db, { id: first }, ctx.clock.now())).toBe(false);

    ctx.clock.advance(2 * MINUTE);
    expect(seatHoldsExpired(ctx.db, { id: first }, ctx.clock.now())).toBe(true);
    expectStatus(await second.submit({ 'seat-p1-outbound': seat }), 303);
    expect(holds(ctx.db, first)).toEqual([]);
    expect(holds(ctx.db, second.id).map((h) => h.seat)).toEqual([seat]);
  });

  it("releases another checkout's lapsed hold at the next write on that flight, and still tells that checkout which seat it lost", async () => {
    const ctx = createTestApp();
    const first = await reachSeats(ctx, TRIP);
    const free = availableSeats((await ctx.agent.get(seatsUrl(first))).text, 'seat-p1-outbound');
    const [lapsed, elsewhere] = [free[0]!, free[1]!];
    expectStatus(await submitSeats(ctx, first, { 'seat-p1-outbound': lapsed }), 303);
    ctx.clock.advance(16 * MINUTE);

    const second = await secondShopper(ctx);
    const page = await second.other.agent.get(seatsUrl(second.id));
    expect(availableSeats(page.text, 'seat-p1-outbound')).toContain(lapsed);
    // Reading the map wrote nothing: the lapsed hold is still in place.
    expect(holds(ctx.db, first).map((h) => h.seat)).toEqual([lapsed]);

    expectStatus(await second.submit({ 'seat-p1-outbound': elsewhere }), 303);
    expect(holds(ctx.db, first)).toEqual([]);
    expect(expiredSeatHolds(ctx.db, first, ctx.clock.now()).map((h) => h.seat)).toEqual([lapsed]);
    expect(seatHoldsExpired(ctx.db, { id: first }, ctx.clock.now())).toBe(true);

    expectStatus(await second.submit({ 'seat-p1-outbound': lapsed }), 303);
    expect(holds(ctx.db, second.id).map((h) => h.seat)).toEqual([lapsed]);
  });

  it('tells the customer when their holds ran out and drops them from the price summary', async () => {
    const ctx = createTestApp();
    const id = await reachSeats(ctx, TRIP);
    const seat = availableSeats((await ctx.agent.get(seatsUrl(id))).text, 'seat-p1-outbound')[0]!;
    expectStatus(await submitSeats(ctx, id, { 'seat-p1-outbound': seat }), 303);
    ctx.clock.advance(16 * MINUTE);
    const page = await ctx.agent.get(seatsUrl(id));
    expect(page.text).toContain('data-testid="seats-hold-expired"');
    expect(page.text).not.toContain('data-testid="price-line-seat-p1-outbound"');
    expect(page.text).not.toContain('data-testid="seats-hold-until"');
    expect(holds(ctx.db, id)).toEqual([]);
  });

  it('sells held seats to a booking, which other checkouts then see as taken', async () => {
    const ctx = createTestApp();
    const id = await reachSeats(ctx, TRIP);
    const seat = availableSeats((await ctx.agent.get(seatsUrl(id))).text, 'seat-p1-outbound')[0]!;
    expectStatus(await submitSeats(ctx, id, { 'seat-p1-outbound': seat }), 303);
    ctx.clock.advance(10 * MINUTE);

    const bookingId = insertBooking(ctx, id);
    expect(ctx.db.transaction(() => confirmSeatHolds(ctx.db, id, bookingId, ctx.clock.now()))()).toBe(1);
    expect(holds(ctx.db, id)).toEqual([expect.objectContaining({ seat, booking_id: bookingId, held_until: null })]);

    // Sold seats never lapse.
    ctx.clock.advance(60 * MINUTE);
    const second = await secondShopper(ctx);
    expectStatus(await second.submit({ 'seat-p1-outbound': seat }), 409);
    expect(holds(ctx.db, id)).toHaveLength(1);
  });

  it('refuses to sell seats whose hold has lapsed, rolling back the booking transaction', async () => {
    const ctx = createTestApp();
    const id = await reachSeats(ctx, TRIP);
    const seat = availableSeats((await ctx.agent.get(seatsUrl(id))).text, 'seat-p1-outbound')[0]!;
    expectStatus(await submitSeats(ctx, id, { 'seat-p1-outbound': seat }), 303);
    ctx.clock.advance(15 * MINUTE);

    const book = ctx.db.transaction(() => confirmSeatHolds(ctx.db, id, insertBooking(ctx, id), ctx.clock.now()));
    expect(book).toThrow(ConflictError);
    expect(ctx.db.prepare('SELECT COUNT(*) FROM bookings').pluck().get()).toBe(0);
    expect(holds(ctx.db, id)).toEqual([expect.objectContaining({ seat, booking_id: null })]);
  });

  it('refuses to change the seats of a checkout that is already paid', async () => {
    const ctx = createTestApp();
    const id = await reachSeats(ctx, TRIP);
    const html = (await ctx.agent.get(seatsUrl(id))).text;
    ctx.db.prepare("UPDATE checkouts SET status = 'booked' WHERE id = ?").run(id);
    expect(findCheckout(ctx.db, id)?.status).toBe('booked');
    const token = /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
    const res = await ctx.agent.post(seatsUrl(id)).type('form').send({ _csrf: token, 'seat-p1-outbound': 'skip' });
    expect(res.status).toBe(409);
    expect(holds(ctx.db, id)).toEqual([]);
  });
});
