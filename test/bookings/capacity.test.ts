// Issue 8, capacity: a flight never sells more tickets in a cabin than it has seats. The seat map's
// pre-load stands for tickets sold before the demo; fare inventory is fitted to what it leaves from
// the seed on, and the booking transaction checks the cabin whatever the inventory says.
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import { bookCheckout } from '../../src/features/bookings/book.ts';
import { aircraftByCode } from '../../src/features/catalogue/aircraft.ts';
import { daysToDeparture, fitToSeats } from '../../src/features/catalogue/fare-pricing.ts';
import { parseSeatMapLayout } from '../../src/features/catalogue/seat-zones.ts';
import { FAMILY_BLOCK_SEATS, seatsLeftByPreload } from '../../src/features/catalogue/preload.ts';
import { familyBlock, preloadOccupied, seatPlan } from '../../src/features/seats/seat-map.ts';
import { createTestApp, text, type TestContext } from '../helpers/app.ts';
import { createTestDb, TEST_NOW, TEST_SEED } from '../helpers/db.ts';
import { count, holdSeat, pay, payAndBook, reachReview } from '../payment/pay-flow.ts';

const ONE_WAY = { from: 'DUB', to: 'LHR', depart: '2026-12-10' } as const;

type FlightRow = { id: number; aircraft_code: string; departs_at: string };

function flightOf(db: Db, checkoutId: string): FlightRow {
  return db
    .prepare("SELECT f.id, f.aircraft_code, f.departs_at FROM checkout_flights cf JOIN flights f ON f.id = cf.flight_id WHERE cf.checkout_id = ? AND cf.direction = 'outbound'")
    .get(checkoutId) as FlightRow;
}

/** Tickets the economy cabin of the checkout's flight may still sell, as the booking counts them. */
function economyCapacity(ctx: TestContext, flight: FlightRow): number {
  return seatsLeftByPreload(aircraftByCode(flight.aircraft_code).layout, 'economy', daysToDeparture(flight.departs_at, ctx.clock.now()));
}

/**
 * Sells `sold` economy tickets on the flight through Flex, and gives every fare far more inventory
 * than the cabin: the state an oversold database of an older version was in, so only the cabin
 * check stands between the next booking and a passenger without a seat.
 */
function sellEconomy(ctx: TestContext, flight: FlightRow, sold: number): void {
  ctx.db.prepare('UPDATE fares SET seats_total = seats_total + 500 WHERE flight_id = ?').run(flight.id);
  ctx.db.prepare("UPDATE fares SET seats_sold = ? WHERE flight_id = ? AND family = 'flex'").run(sold, flight.id);
}

describe('no more tickets in a cabin than seats', () => {
  it('the seed puts no more fares on sale in a cabin than the seat map shows free that day, on every flight sampled', () => {
    const db = createTestDb();
    const now = new Date(TEST_NOW);
    const flights = db.prepare('SELECT f.id, f.aircraft_code, f.departs_at FROM flights f WHERE f.id % 89 = 0 AND f.departs_at > ?').all(now.toISOString()) as FlightRow[];
    expect(flights.length).toBeGreaterThan(500);
    const onSale = db.prepare(
      'SELECT ff.cabin, sum(fa.seats_total) AS seats FROM fares fa JOIN fare_families ff ON ff.code = fa.family WHERE fa.flight_id = ? GROUP BY ff.cabin',
    );
    const layouts = new Map(
      (db.prepare('SELECT aircraft_code, layout_json FROM seat_maps').all() as Array<{ aircraft_code: string; layout_json: string }>).map((r) => [
        r.aircraft_code,
        parseSeatMapLayout(r.layout_json),
      ]),
    );
    const over: string[] = [];
    for (const flight of flights) {
      const layout = layouts.get(flight.aircraft_code)!;
      const plan = seatPlan(layout);
      // The seats page's own function: what a customer sees taken.
      const taken = preloadOccupied({ seed: TEST_SEED, flightId: flight.id, layout, daysToDeparture: daysToDeparture(flight.departs_at, now) });
      for (const row of onSale.all(flight.id) as Array<{ cabin: string; seats: number }>) {
        const free = [...plan.seats.values()].filter((s) => s.cabin === row.cabin && !taken.has(s.seat)).length;
        if (row.seats > free) over.push(`flight ${flight.id} ${row.cabin}: ${row.seats} on sale, ${free} free`);
      }
    }
    expect(over).toEqual([]);
  });

  it('counts the seats the pre-load leaves as the seats page does: the family block is four economy seats in one row on every aircraft, whatever the seed', () => {
    const db = createTestDb();
    for (const layoutJson of db.prepare('SELECT layout_json FROM seat_maps').pluck().all() as string[]) {
      const plan = seatPlan(parseSeatMapLayout(layoutJson));
      for (const [seed, flightId] of [[0, 0], [TEST_SEED, 17], [7, 40001]] as const) {
        const block = familyBlock(plan, seed, flightId);
        expect(block).toHaveLength(FAMILY_BLOCK_SEATS);
        expect(new Set(block.map((seat) => `${plan.seats.get(seat)!.cabin}|${plan.seats.get(seat)!.row}`)).size).toBe(1);
        expect(plan.seats.get(block[0]!)!.cabin).toBe('economy');
      }
    }
  });

  it('fits a cabin\'s families to its free seats in proportion, keeping a seat for the dearer families while it can', () => {
    expect(fitToSeats(new Map([['basic', 54], ['standard', 72], ['flex', 54]]), 131)).toEqual(new Map([['basic', 39], ['standard', 52], ['flex', 39]]));
    expect(fitToSeats(new Map([['basic', 5], ['standard', 6]]), 20)).toEqual(new Map([['basic', 5], ['standard', 6]]));
    expect(fitToSeats(new Map([['basic', 9], ['standard', 1], ['flex', 1]]), 3)).toEqual(new Map([['basic', 2], ['standard', 1], ['flex', 0]]));
    expect(fitToSeats(new Map([['basic', 9], ['standard', 1], ['flex', 1]]), 0)).toEqual(new Map([['basic', 0], ['standard', 0], ['flex', 0]]));
  });

  it('payment sells the last seat of the cabin, then refuses the next ticket with 409 "sold out", charging and writing nothing', async () => {
    const ctx = createTestApp();
    const first = await reachReview(ctx, ONE_WAY);
    const second = await reachReview(ctx, ONE_WAY);
    const flight = flightOf(ctx.db, first);
    expect(flightOf(ctx.db, second).id).toBe(flight.id);
    sellEconomy(ctx, flight, economyCapacity(ctx, flight) - 1);

    await payAndBook(ctx, first);
    const refused = await pay(ctx, second);
    expect(refused.status).toBe(409);
    expect(text(refused.text)).toContain('This fare has just sold out');
    expect(count(ctx, 'SELECT count(*) FROM bookings')).toBe(1);
    expect(count(ctx, "SELECT count(*) FROM payments WHERE checkout_id = ? AND status = 'failed' AND decline_reason = 'fare_sold_out'", second)).toBe(1);
    expect(count(ctx, "SELECT count(*) FROM payments WHERE checkout_id = ? AND status = 'approved'", second)).toBe(0);
    const tickets = count(ctx, "SELECT sum(seats_sold) FROM fares f JOIN fare_families ff ON ff.code = f.family WHERE f.flight_id = ? AND ff.cabin = 'economy'", flight.id);
    expect(tickets).toBe(economyCapacity(ctx, flight));
  });

  it('counts the seats other open checkouts hold, until their hold lapses', async () => {
    const ctx = createTestApp();
    const buyer = await reachReview(ctx, ONE_WAY);
    const holder = await reachReview(ctx, ONE_WAY);
    const flight = flightOf(ctx.db, buyer);
    sellEconomy(ctx, flight, economyCapacity(ctx, flight) - 1);
    holdSeat(ctx, holder, { direction: 'outbound', passengerIdx: 1, seat: '30F', heldForMs: 10 * 60_000 });

    const now = () => ctx.clock.now();
    expect(() => bookCheckout(ctx.db, { checkoutId: buyer, card: { brand: 'visa', last4: '4242' }, now: now() })).toThrow('This fare has just sold out');
    ctx.clock.advance(11 * 60_000);
    expect(bookCheckout(ctx.db, { checkoutId: buyer, card: { brand: 'visa', last4: '4242' }, now: now() }).reference).toMatch(/^[A-Z0-9]{6}$/);
  });

  it('checks the cabin the passengers sit in: a business cabin is full at its own seats, whatever economy has left', async () => {
    const ctx = createTestApp();
    const id = await reachReview(ctx, { from: 'DUB', to: 'JFK', depart: '2026-12-10', family: 'business' });
    const flight = flightOf(ctx.db, id);
    const business = seatsLeftByPreload(aircraftByCode(flight.aircraft_code).layout, 'business', daysToDeparture(flight.departs_at, ctx.clock.now()));
    ctx.db.prepare("UPDATE fares SET seats_total = seats_total + 500, seats_sold = CASE family WHEN 'business' THEN ? ELSE 0 END WHERE flight_id = ?").run(business, flight.id);
    expect(() => bookCheckout(ctx.db, { checkoutId: id, card: { brand: 'visa', last4: '4242' }, now: ctx.clock.now() })).toThrow('This fare has just sold out');
    ctx.db.prepare("UPDATE fares SET seats_sold = CASE family WHEN 'business' THEN ? ELSE 100 END WHERE flight_id = ?").run(business - 1, flight.id);
    expect(bookCheckout(ctx.db, { checkoutId: id, card: { brand: 'visa', last4: '4242' }, now: ctx.clock.now() }).reference).toMatch(/^[A-Z0-9]{6}$/);
  });
});
