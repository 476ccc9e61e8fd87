// The seat holds of a checkout as payment sees them: which ones ran out before it was paid, for the
// review page's notice and for the check made before a card is authorised. Selling the holds inside
// the booking transaction is the seats feature's confirmSeatHolds (src/features/seats/seat-selection.ts).
// A hold: held_until set; expired: held_until <= now; sold: booking_id set and held_until NULL.
import type { Db } from '../../db/database.ts';
import { ConflictError } from '../../lib/errors.ts';
import { listSeatHolds, type SeatHold } from './bookings.repository.ts';

export function isExpired(hold: SeatHold, now: Date): boolean {
  return hold.bookingId === null && hold.heldUntil !== null && Date.parse(hold.heldUntil) <= now.getTime();
}

/** Seats of the checkout whose hold ran out before it was paid. */
export function expiredSeatHolds(db: Db, checkoutId: string, now: Date): SeatHold[] {
  return listSeatHolds(db, checkoutId).filter((hold) => isExpired(hold, now));
}

export class SeatHoldExpiredError extends ConflictError {
  constructor(readonly holds: SeatHold[]) {
    super('The seats you chose were held for you for a limited time and have been released. No money was taken. Choose your seats again, then pay.');
  }
}
