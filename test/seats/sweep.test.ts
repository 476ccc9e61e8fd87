// Expired seat holds give their seats back (issue 8 item 5): the sweep releases them inside a write
// transaction, abandoned checkouts release theirs too, and a sweep never races a payment into selling
// one seat twice: the payment's IMMEDIATE transaction re-checks the holds, and SQLite serialises the two.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/db/database.ts';
import { bookCheckout } from '../../src/features/bookings/book.ts';
import { findCheckout } from '../../src/features/checkout/checkout.repository.ts';
import { chooseSeats } from '../../src/features/seats/choose-seats.ts';
import { seatsPage } from '../../src/features/seats/seat-selection.ts';
import {
  confirmSeatHolds,
  expiredSeatHolds,
  SEAT_HOLD_MS,
  SeatHoldExpiredError,
  seatHoldsOf,
  sweepExpiredSeatHolds,
} from '../../src/features/seats/seat-holds.ts';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import type { Trip } from '../helpers/flow.ts';
import { holds, reachSeats } from './seats-helpers.ts';

const TRIP: Trip = { from: 'DUB', to: 'LHR', depart: '2027-05-12' };
const MINUTE = 60_000;
const CARD = { brand: 'visa', last4: '4242' } as never;

/** A shopper (own cookies and session) at the seats step of their own checkout. */
async function shopper(ctx: TestContext) {
  const own: TestContext = { ...ctx, agent: request.agent(ctx.app) };
  const id = await reachSeats(own, TRIP);
  const choose = (seat: string, db: Db = ctx.db) =>
    chooseSeats({ db, now: ctx.clock.now(), sessionId: `s-${id}`, seed: ctx.config.demoSeed }, findCheckout(db, id)!, {
      seats: [{ passengerIdx: 1, direction: 'outbound', seat }],
    });
  return { id, choose };
}

/** Seats passenger 1 of the checkout may choose on the outbound flight, as its map shows them. */
function freeSeats(ctx: TestContext, checkoutId: string): string[] {
  const page = seatsPage(ctx.db, findCheckout(ctx.db, checkoutId)!, { now: ctx.clock.now(), seed: ctx.config.demoSeed });
  return page.flights[0]!.passengers[0]!.rows.flatMap((r) => r.groups.flat()).filter((s) => s.state === 'available').map((s) => s.seat);
}

async function twoShoppers() {
  const ctx = createTestApp();
  const first = await shopper(ctx);
  const second = await shopper(ctx);
  return { ctx, first, second, seat: freeSeats(ctx, first.id)[0]! };
}

const bookingsOf = (db: Db) => db.prepare('SELECT checkout_id FROM bookings').pluck().all();
const rowsOfSeat = (db: Db, seat: string) =>
  db.prepare('SELECT checkout_id, booking_id IS NOT NULL AS sold FROM seat_assignments WHERE seat = ? ORDER BY id').all(seat);

describe('sweeping expired seat holds', () => {
  it('releases every expired hold in one transaction, keeps a notice for its checkout, and leaves live holds alone', async () => {
    const { ctx, first, second } = await twoShoppers();
    const seats = freeSeats(ctx, second.id);
    first.choose(seats[0]!);
    ctx.clock.advance(10 * MINUTE);
    second.choose(seats[1]!);

    ctx.clock.advance(5 * MINUTE); // the first hold is exactly 15 minutes old: expired
    expect(sweepExpiredSeatHolds(ctx.db, ctx.clock.now())).toBe(1);
    expect(holds(ctx.db, first.id)).toEqual([]);
    expect(expiredSeatHolds(ctx.db, first.id, ctx.clock.now()).map((h) => [h.seat, h.status])).toEqual([[seats[0], 'expired']]);
    expect(seatHoldsOf(ctx.db, second.id, ctx.clock.now()).map((h) => [h.seat, h.status])).toEqual([[seats[1], 'held']]);
    expect(sweepExpiredSeatHolds(ctx.db, ctx.clock.now())).toBe(0);
  });

  it('releases the seats of an abandoned checkout (3 hours) even before their 15 minutes end, and keeps no notice for it', async () => {
    const { ctx, first, seat } = await twoShoppers();
    ctx.clock.advance(3 * 60 * MINUTE - 5 * MINUTE);
    first.choose(seat);
    ctx.clock.advance(6 * MINUTE); // the checkout expired a minute ago; its hold would last 9 more
    expect(seatHoldsOf(ctx.db, first.id, ctx.clock.now()).map((h) => h.status)).toEqual(['expired']);
    expect(sweepExpiredSeatHolds(ctx.db, ctx.clock.now())).toBe(1);
    expect(ctx.db.prepare('SELECT COUNT(*) FROM seat_hold_releases').pluck().get()).toBe(0);
    expect(ctx.db.prepare('SELECT COUNT(*) FROM seat_assignments').pluck().get()).toBe(0);
  });

  it('sweeps only the flights given, on the next write on a flight', async () => {
    const { ctx, first, seat } = await twoShoppers();
    first.choose(seat);
    ctx.clock.advance(SEAT_HOLD_MS);
    const other = ctx.db.prepare('SELECT id FROM flights WHERE id <> ? LIMIT 1').pluck().get(findCheckout(ctx.db, first.id)!.flights[0]!.flightId) as number;
    expect(sweepExpiredSeatHolds(ctx.db, ctx.clock.now(), [other])).toBe(0);
    expect(sweepExpiredSeatHolds(ctx.db, ctx.clock.now(), [findCheckout(ctx.db, first.id)!.flights[0]!.flightId])).toBe(1);
  });
});

describe('a sweep never races a payment into a double sale', () => {
  it('refuses to book a checkout whose hold was swept and the seat taken by another traveller: the seat is sold once', async () => {
    const { ctx, first, second, seat } = await twoShoppers();
    first.choose(seat);
    ctx.clock.advance(16 * MINUTE);
    sweepExpiredSeatHolds(ctx.db, ctx.clock.now());
    second.choose(seat);

    // The first shopper's payment had passed its early check; the booking transaction re-checks.
    expect(() => bookCheckout(ctx.db, { checkoutId: first.id, card: CARD, now: ctx.clock.now() })).toThrow(SeatHoldExpiredError);
    expect(bookingsOf(ctx.db)).toEqual([]);
    bookCheckout(ctx.db, { checkoutId: second.id, card: CARD, now: ctx.clock.now() });
    expect(bookingsOf(ctx.db)).toEqual([second.id]);
    expect(rowsOfSeat(ctx.db, seat)).toEqual([{ checkout_id: second.id, sold: 1 }]);
  });

  it('refuses to book a swept hold even when nobody took the seat, rather than booking the trip without it', async () => {
    const { ctx, first, seat } = await twoShoppers();
    first.choose(seat);
    ctx.clock.advance(16 * MINUTE);
    sweepExpiredSeatHolds(ctx.db, ctx.clock.now());
    expect(() => bookCheckout(ctx.db, { checkoutId: first.id, card: CARD, now: ctx.clock.now() })).toThrow(SeatHoldExpiredError);
    expect(bookingsOf(ctx.db)).toEqual([]);
  });

  describe('with the sweeper and the payment on two connections to one file', () => {
    let dir: string | undefined;
    afterEach(() => {
      if (dir) rmSync(dir, { recursive: true, force: true });
      dir = undefined;
    });

    async function onTwoConnections() {
      const setup = await twoShoppers();
      setup.first.choose(setup.seat);
      dir = mkdtempSync(join(tmpdir(), 'skylark-sweep-'));
      const path = join(dir, 'race.db');
      writeFileSync(path, setup.ctx.db.serialize());
      const payer = openDatabase(path);
      const sweeper = openDatabase(path);
      sweeper.pragma('busy_timeout = 0'); // answer SQLITE_BUSY at once instead of waiting
      const insertBooking = () =>
        Number(
          payer
            .prepare(
              `INSERT INTO bookings (reference, checkout_id, session_id, contact_email, contact_phone, total_minor, currency, created_at)
               VALUES ('RACE22', ?, 's', 'ada@example.com', '+353 1 555 0100', 100, 'EUR', ?)`,
            )
            .run(setup.first.id, setup.ctx.clock.now().toISOString()).lastInsertRowid,
        );
      return { ...setup, payer, sweeper, insertBooking, close: () => (payer.close(), sweeper.close()) };
    }

    it('a sweep waits for a payment in progress, then finds the seat sold and releases nothing', async () => {
      const { ctx, payer, sweeper, insertBooking, first, seat, close } = await onTwoConnections();
      ctx.clock.advance(SEAT_HOLD_MS - 1000);
      payer.exec('BEGIN IMMEDIATE');
      expect(confirmSeatHolds(payer, first.id, insertBooking(), ctx.clock.now())).toBe(1);
      // The hold lapses while the payment is still writing: the sweeper cannot get in.
      ctx.clock.advance(2000);
      expect(() => sweepExpiredSeatHolds(sweeper, ctx.clock.now())).toThrow(/database is locked/);
      payer.exec('COMMIT');
      expect(sweepExpiredSeatHolds(sweeper, ctx.clock.now())).toBe(0);
      expect(rowsOfSeat(sweeper, seat)).toEqual([{ checkout_id: first.id, sold: 1 }]);
      close();
    });

    it('a payment after a sweep of its lapsed hold is refused inside its transaction and rolled back', async () => {
      const { ctx, payer, sweeper, insertBooking, first, seat, close } = await onTwoConnections();
      ctx.clock.advance(SEAT_HOLD_MS);
      expect(sweepExpiredSeatHolds(sweeper, ctx.clock.now())).toBe(1);
      payer.exec('BEGIN IMMEDIATE');
      const bookingId = insertBooking();
      expect(() => confirmSeatHolds(payer, first.id, bookingId, ctx.clock.now())).toThrow(SeatHoldExpiredError);
      payer.exec('ROLLBACK');
      expect(bookingsOf(sweeper)).toEqual([]);
      expect(rowsOfSeat(sweeper, seat)).toEqual([]);
      close();
    });
  });
});
