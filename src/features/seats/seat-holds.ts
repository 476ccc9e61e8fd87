// The one owner of seat holds: a seat chosen by an open checkout is HELD for 15 minutes, SOLD to a
// booking at payment, or EXPIRED (its time passed, or its checkout was abandoned); expired holds are
// swept away (released) inside a write transaction, leaving a notice so that their checkout can still
// be told which seat it lost. "Expired" has one definition, in SQL (seat-holds.repository.ts: EXPIRED),
// and everything here reads it from there. Every write runs in a transaction; payment sells the holds
// inside its own IMMEDIATE transaction (confirmSeatHolds), which re-checks them there, so a sweep and a
// payment are serialised by SQLite and a swept seat is never sold.
import type { Db } from '../../db/database.ts';
import { ConflictError } from '../../lib/errors.ts';
import {
  deleteExpiredHolds,
  deleteExpiredHoldsOfCheckout,
  deleteHoldsOnFlight,
  forgetReleasesOfCheckout,
  insertHold,
  markHoldsSold,
  selectHoldsOfCheckout,
  selectLiveOnFlight,
  selectSoldTo,
  type SeatAssignmentRow,
  type SeatHoldRow,
} from './seat-holds.repository.ts';

export type { SeatAssignmentRow } from './seat-holds.repository.ts';

/** How long a chosen seat is kept for a checkout that has not paid yet. */
export const SEAT_HOLD_MS = 15 * 60 * 1000;

/** How often src/server.ts sweeps every flight (a write on a flight sweeps that flight at once). */
export const SEAT_HOLD_SWEEP_MS = 60 * 1000;

export type SeatHoldStatus = 'held' | 'sold' | 'expired';

export type SeatHold = {
  id: number;
  flightId: number;
  seat: string;
  passengerIdx: number;
  /** Held: until when; expired: when it lapsed or was released; sold: null. */
  heldUntil: string | null;
  bookingId: number | null;
  status: SeatHoldStatus;
};

export class SeatHoldExpiredError extends ConflictError {
  constructor(readonly holds: SeatHold[]) {
    super('The seats you chose were held for you for a limited time and have been released. No money was taken. Choose your seats again, then pay.');
  }
}

/** A seat another checkout wrote between our check and our insert (UNIQUE(flight_id, seat) said no). */
export class SeatHeldElsewhereError extends Error {
  constructor(readonly hold: NewSeatHold) {
    super(`Seat ${hold.seat} is held by another checkout`);
  }
}

// ---- Reading -------------------------------------------------------------------------------------

/** Every seat of a checkout: held, sold or expired (an expired one may have been released since). */
export function seatHoldsOf(db: Db, checkoutId: string, now: Date): SeatHold[] {
  return selectHoldsOfCheckout(db, checkoutId, now).map(toSeatHold);
}

/** The seats sold to a booking. */
export function seatsSoldTo(db: Db, bookingId: number): SeatHold[] {
  return selectSoldTo(db, bookingId).map(toSeatHold);
}

function toSeatHold(r: SeatHoldRow): SeatHold {
  return {
    id: r.id,
    flightId: r.flight_id,
    seat: r.seat,
    passengerIdx: r.passenger_idx,
    heldUntil: r.held_until,
    bookingId: r.booking_id,
    status: r.status,
  };
}

export function isExpired(hold: Pick<SeatHold, 'status'>): boolean {
  return hold.status === 'expired';
}

/** Seats of the checkout whose hold ran out before it was paid. */
export function expiredSeatHolds(db: Db, checkoutId: string, now: Date): SeatHold[] {
  return seatHoldsOf(db, checkoutId, now).filter(isExpired);
}

/** True when a seat this checkout chose is no longer held (its 15 minutes have passed). */
export function seatHoldsExpired(db: Db, checkout: { id: string }, now: Date): boolean {
  return expiredSeatHolds(db, checkout.id, now).length > 0;
}

/** When the checkout's live holds lapse (the earliest), null when it holds no seat. */
export function heldUntilOf(db: Db, checkoutId: string, now: Date): string | null {
  const times = seatHoldsOf(db, checkoutId, now).flatMap((h) => (h.status === 'held' && h.heldUntil ? [h.heldUntil] : []));
  return times.sort()[0] ?? null;
}

/** The seats of a flight that are not free: sold, or held and not expired (an expired hold counts as free). */
export function takenSeatsOnFlight(db: Db, flightId: number, now: Date): SeatAssignmentRow[] {
  return selectLiveOnFlight(db, flightId, now);
}

// ---- Writing -------------------------------------------------------------------------------------

export type NewSeatHold = { flightId: number; seat: string; passengerIdx: number; priceMinor: number; currency: string };

/**
 * Replaces the checkout's unsold holds on `flightIds` with `holds`, each held until now + 15 minutes.
 * Call it inside the transaction that records the choice: it first sweeps the expired holds of those
 * flights (the next write on a flight releases its lapsed seats) and forgets the checkout's notices of
 * seats lost (it has chosen again). Throws SeatHeldElsewhereError when another checkout holds a seat.
 */
export function replaceSeatHolds(db: Db, input: { checkoutId: string; flightIds: readonly number[]; holds: readonly NewSeatHold[]; now: Date }): string {
  if (!db.inTransaction) throw new Error('replaceSeatHolds must run inside the transaction that records the choice');
  const heldUntil = new Date(input.now.getTime() + SEAT_HOLD_MS).toISOString();
  for (const flightId of input.flightIds) {
    deleteExpiredHolds(db, input.now, flightId);
    deleteHoldsOnFlight(db, input.checkoutId, flightId);
  }
  forgetReleasesOfCheckout(db, input.checkoutId);
  for (const hold of input.holds) {
    try {
      insertHold(db, { ...hold, checkoutId: input.checkoutId, heldUntil, createdAt: input.now.toISOString() });
    } catch (error) {
      if ((error as { code?: string } | null)?.code === 'SQLITE_CONSTRAINT_UNIQUE') throw new SeatHeldElsewhereError(hold);
      throw error;
    }
  }
  return heldUntil;
}

/**
 * Releases every expired hold (of the given flights, or of all), in one IMMEDIATE transaction: a
 * notice is kept for each checkout still open, so its review page and its payment can say which seat
 * it lost. Run on the next write on a flight and every minute by src/server.ts. Returns the number released.
 */
export function sweepExpiredSeatHolds(db: Db, now: Date, flightIds?: readonly number[]): number {
  return db
    .transaction(() => {
      if (!flightIds) return deleteExpiredHolds(db, now, null);
      return flightIds.reduce((n, flightId) => n + deleteExpiredHolds(db, now, flightId), 0);
    })
    .immediate();
}

/**
 * The customer is back on the seats step: their expired holds and the notices of seats they lost go
 * (in a transaction), so the price summary lists only seats still held. Returns the number released.
 */
export function releaseLapsedHoldsOfCheckout(db: Db, checkoutId: string, now: Date): number {
  // Most visits have nothing to release: they read, and take no write lock.
  if (expiredSeatHolds(db, checkoutId, now).length === 0) return 0;
  return db.transaction(() => deleteExpiredHoldsOfCheckout(db, checkoutId, now)).immediate();
}

/**
 * Sells the checkout's held seats to a booking. Call it inside the payment's booking transaction
 * (IMMEDIATE): it re-checks the holds there and throws SeatHoldExpiredError if any has expired or was
 * released (the seat may be someone else's by now), which rolls the booking back; otherwise sets
 * booking_id and clears held_until. Returns the number of seats sold.
 */
export function confirmSeatHolds(db: Db, checkoutId: string, bookingId: number, now: Date): number {
  if (!db.inTransaction) throw new Error('confirmSeatHolds must run inside the booking transaction');
  const expired = expiredSeatHolds(db, checkoutId, now);
  if (expired.length > 0) throw new SeatHoldExpiredError(expired);
  return markHoldsSold(db, checkoutId, bookingId);
}
