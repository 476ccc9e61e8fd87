// SQL of seat holds: seat_assignments (a seat held by an open checkout, or sold to a booking; one row
// per seat of a flight) and seat_hold_releases (a lapsed hold swept away, kept so that its checkout can
// still be told which seat it lost). Only seats/seat-holds.ts calls these. Prepared once per database.
import type { Db } from '../../db/database.ts';
import { preparedOnce } from '../../db/statements.ts';

/**
 * THE definition of an expired hold, in SQL: not sold, and either its time has passed or its checkout
 * was abandoned (still open after its own expiry). Every statement below that speaks of expiry uses it.
 */
const EXPIRED = `(seat_assignments.booking_id IS NULL AND (seat_assignments.held_until <= @now OR EXISTS (
  SELECT 1 FROM checkouts c WHERE c.id = seat_assignments.checkout_id AND c.status = 'open' AND c.expires_at <= @now)))`;

/** The checkout of the hold is still open and not expired: someone may come back to it and must be told. */
const CHECKOUT_LIVE = `EXISTS (
  SELECT 1 FROM checkouts c WHERE c.id = seat_assignments.checkout_id AND c.status = 'open' AND c.expires_at > @now)`;

export type SeatAssignmentRow = {
  id: number;
  flight_id: number;
  seat: string;
  checkout_id: string | null;
  booking_id: number | null;
  passenger_idx: number;
  price_minor: number;
  currency: string;
  held_until: string | null;
  created_at: string;
};

export type SeatHoldRow = {
  id: number;
  flight_id: number;
  seat: string;
  passenger_idx: number;
  held_until: string | null;
  booking_id: number | null;
  status: 'held' | 'sold' | 'expired';
};

export type NewSeatHoldRow = {
  flightId: number;
  seat: string;
  checkoutId: string;
  passengerIdx: number;
  priceMinor: number;
  currency: string;
  heldUntil: string;
  createdAt: string;
};

function prepare(db: Db) {
  return {
    holdsOfCheckout: db.prepare(`
      SELECT id, flight_id, seat, passenger_idx, held_until, booking_id,
             CASE WHEN booking_id IS NOT NULL THEN 'sold' WHEN ${EXPIRED} THEN 'expired' ELSE 'held' END AS status
      FROM seat_assignments WHERE checkout_id = @checkoutId
      UNION ALL
      -- Lapsed holds swept away since: expired as of their release.
      SELECT -id, flight_id, seat, passenger_idx, released_at, NULL, 'expired' FROM seat_hold_releases WHERE checkout_id = @checkoutId
      ORDER BY flight_id, passenger_idx`),
    soldTo: db.prepare(`
      SELECT id, flight_id, seat, passenger_idx, held_until, booking_id, 'sold' AS status
      FROM seat_assignments WHERE booking_id = @bookingId ORDER BY flight_id, passenger_idx`),
    liveOnFlight: db.prepare(`SELECT * FROM seat_assignments WHERE flight_id = @flightId AND NOT ${EXPIRED} ORDER BY seat`),
    noteReleases: db.prepare(`
      INSERT INTO seat_hold_releases (checkout_id, flight_id, seat, passenger_idx, released_at)
      SELECT checkout_id, flight_id, seat, passenger_idx, @now FROM seat_assignments
      WHERE ${EXPIRED} AND ${CHECKOUT_LIVE} AND (@flightId IS NULL OR flight_id = @flightId)`),
    deleteExpired: db.prepare(`DELETE FROM seat_assignments WHERE ${EXPIRED} AND (@flightId IS NULL OR flight_id = @flightId)`),
    // Nobody will read the notices of an abandoned checkout again.
    forgetAbandonedReleases: db.prepare(`
      DELETE FROM seat_hold_releases WHERE checkout_id IN (SELECT id FROM checkouts WHERE status = 'open' AND expires_at <= @now)`),
    deleteExpiredOfCheckout: db.prepare(`DELETE FROM seat_assignments WHERE checkout_id = @checkoutId AND ${EXPIRED}`),
    forgetReleasesOfCheckout: db.prepare('DELETE FROM seat_hold_releases WHERE checkout_id = @checkoutId'),
    deleteHoldsOnFlight: db.prepare(
      'DELETE FROM seat_assignments WHERE checkout_id = @checkoutId AND flight_id = @flightId AND booking_id IS NULL',
    ),
    insertHold: db.prepare(`
      INSERT INTO seat_assignments (flight_id, seat, checkout_id, passenger_idx, price_minor, currency, held_until, created_at)
      VALUES (@flightId, @seat, @checkoutId, @passengerIdx, @priceMinor, @currency, @heldUntil, @createdAt)`),
    markSold: db.prepare(
      'UPDATE seat_assignments SET booking_id = @bookingId, held_until = NULL WHERE checkout_id = @checkoutId AND booking_id IS NULL',
    ),
  };
}

const s = preparedOnce(prepare);

/** Every seat of a checkout: held, sold, or expired (still in place, or swept away since). */
export function selectHoldsOfCheckout(db: Db, checkoutId: string, now: Date): SeatHoldRow[] {
  return s(db).holdsOfCheckout.all({ checkoutId, now: now.toISOString() }) as SeatHoldRow[];
}

export function selectSoldTo(db: Db, bookingId: number): SeatHoldRow[] {
  return s(db).soldTo.all({ bookingId }) as SeatHoldRow[];
}

/** Seats of a flight sold, or held and not expired. */
export function selectLiveOnFlight(db: Db, flightId: number, now: Date): SeatAssignmentRow[] {
  return s(db).liveOnFlight.all({ flightId, now: now.toISOString() }) as SeatAssignmentRow[];
}

/** Notes, then deletes, the expired holds (of one flight, or all). Returns the number deleted. */
export function deleteExpiredHolds(db: Db, now: Date, flightId: number | null): number {
  const params = { now: now.toISOString(), flightId };
  s(db).noteReleases.run(params);
  const deleted = s(db).deleteExpired.run(params).changes;
  if (flightId === null) s(db).forgetAbandonedReleases.run({ now: params.now });
  return deleted;
}

export function deleteExpiredHoldsOfCheckout(db: Db, checkoutId: string, now: Date): number {
  s(db).forgetReleasesOfCheckout.run({ checkoutId });
  return s(db).deleteExpiredOfCheckout.run({ checkoutId, now: now.toISOString() }).changes;
}

export function forgetReleasesOfCheckout(db: Db, checkoutId: string): void {
  s(db).forgetReleasesOfCheckout.run({ checkoutId });
}

export function deleteHoldsOnFlight(db: Db, checkoutId: string, flightId: number): void {
  s(db).deleteHoldsOnFlight.run({ checkoutId, flightId });
}

export function insertHold(db: Db, hold: NewSeatHoldRow): void {
  s(db).insertHold.run(hold);
}

export function markHoldsSold(db: Db, checkoutId: string, bookingId: number): number {
  return s(db).markSold.run({ checkoutId, bookingId }).changes;
}
