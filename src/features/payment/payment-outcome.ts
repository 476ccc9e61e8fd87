// What paying a checkout comes to, shared by the pay and answer-challenge commands: the result type,
// the checks on the checkout before any card is touched, and booking an authorised payment
// (bookings/book.ts) with the attempt kept in the payments ledger whatever happens.
import type { Db } from '../../db/database.ts';
import { ConflictError, NotFoundError } from '../../lib/errors.ts';
import type { Money } from '../../lib/money.ts';
import { findCheckout, type Checkout } from '../checkout/checkout.repository.ts';
import { AlreadyBookedError, bookCheckout, FareSoldOutError, PriceChangedError } from '../bookings/book.ts';
import { findBookingByCheckout } from '../bookings/bookings.repository.ts';
import { generateReference, generateTicketNumber } from '../bookings/reference.ts';
import type { IdSource } from '../../lib/ids.ts';
import { expiredSeatHolds, SeatHoldExpiredError } from '../seats/seat-holds.ts';
import type { CardOnFile } from '../ledger/card-on-file.ts';
import { insertPayment, settlePayment, type DeclineReason } from '../ledger/payments.repository.ts';
import { resolveChallenge } from './challenges.repository.ts';
import { DECLINE_MESSAGES } from './processor.ts';

export type PaymentResult =
  | { status: 'booked'; reference: string; bookingId: number; total: Money }
  /** Paid before (double click, refresh, another tab): nothing was charged again. */
  | { status: 'already_booked'; reference: string }
  /** The bank wants 3-D Secure: send the customer to the challenge page. */
  | { status: 'challenge'; challengeId: string; amount: Money }
  | { status: 'declined'; reason: DeclineReason; message: string }
  /** The processor did not answer in time (the time-out test card): nothing charged, nothing booked. */
  | { status: 'timeout'; message: string };

/** Another click or tab answered this 3-D Secure challenge first. */
class ChallengeAnsweredError extends ConflictError {
  constructor() {
    super('This payment was already answered.');
  }
}

export function declined(reason: DeclineReason): PaymentResult {
  return { status: 'declined', reason, message: DECLINE_MESSAGES[reason] };
}

function failureReason(error: ConflictError): DeclineReason | null {
  if (error instanceof SeatHoldExpiredError) return 'seat_hold_expired';
  if (error instanceof FareSoldOutError) return 'fare_sold_out';
  if (error instanceof PriceChangedError) return 'price_changed';
  return null;
}

/** The checkout to pay as it is now, or the booking it already became; NotFoundError when unknown or expired. */
export function checkoutToPay(db: Db, checkoutId: string, now: Date): { checkout: Checkout } | { alreadyBooked: PaymentResult } {
  const checkout = findCheckout(db, checkoutId);
  if (!checkout) throw new NotFoundError('We could not find that booking in progress.');
  if (checkout.status === 'booked') {
    const booking = findBookingByCheckout(db, checkout.id);
    if (booking) return { alreadyBooked: { status: 'already_booked', reference: booking.reference } };
  }
  if (new Date(checkout.expiresAt).getTime() <= now.getTime()) {
    throw new NotFoundError('This booking in progress has expired after three hours. Please search again.');
  }
  return { checkout };
}

/** Checked before the card is touched, so the customer is not authorised for a trip we cannot sell. */
export function ensureSeatHoldsLive(db: Db, checkoutId: string, now: Date): void {
  const expired = expiredSeatHolds(db, checkoutId, now);
  if (expired.length > 0) throw new SeatHoldExpiredError(expired);
}

const idsFrom = (source: IdSource) => ({ reference: () => generateReference(source), ticketNumber: () => generateTicketNumber(source) });

/**
 * Books an authorised payment. With `paymentId` (3-D Secure) it settles that attempt for the amount the
 * bank confirmed; without it a new approved attempt is written. When the trip cannot be sold the attempt
 * is kept as failed and the ConflictError is thrown again; when another attempt booked it first, nothing
 * is charged and the result is already_booked. `ids`: where the booking reference and ticket numbers come
 * from (the command's context; absent: the system's CSPRNG).
 */
export function bookAuthorised(
  db: Db,
  input: { checkoutId: string; card: CardOnFile; amount: Money; now: Date; paymentId?: number; challengeId?: string; ids?: IdSource | undefined },
): PaymentResult {
  try {
    const booked = db.transaction(() => {
      if (input.challengeId && !resolveChallenge(db, input.challengeId, 'approved', input.now)) {
        throw new ChallengeAnsweredError();
      }
      return bookCheckout(db, {
        checkoutId: input.checkoutId,
        card: input.card,
        now: input.now,
        ...(input.ids ? { ids: idsFrom(input.ids) } : {}),
        ...(input.paymentId !== undefined ? { paymentId: input.paymentId, authorisedAmount: input.amount } : {}),
      });
    }).immediate();
    return { status: 'booked', reference: booked.reference, bookingId: booked.bookingId, total: booked.total };
  } catch (error) {
    if (error instanceof AlreadyBookedError) {
      // Another attempt booked the trip first: this one charges nothing.
      if (input.paymentId !== undefined) {
        const paymentId = input.paymentId;
        db.transaction(() => {
          if (input.challengeId && resolveChallenge(db, input.challengeId, 'failed', input.now)) {
            settlePayment(db, paymentId, { status: 'failed' });
          }
        })();
      }
      return { status: 'already_booked', reference: error.reference };
    }
    if (error instanceof ChallengeAnsweredError) {
      const booking = findBookingByCheckout(db, input.checkoutId);
      if (booking) return { status: 'already_booked', reference: booking.reference };
      return declined('authentication_failed');
    }
    if (error instanceof ConflictError) {
      // The card was authorised but the trip could not be sold: the attempt is voided and kept as failed.
      const reason = failureReason(error) ?? (expiredSeatHolds(db, input.checkoutId, input.now).length > 0 ? 'seat_hold_expired' : null);
      db.transaction(() => {
        if (input.paymentId !== undefined) {
          settlePayment(db, input.paymentId, { status: 'failed', declineReason: reason });
          if (input.challengeId) resolveChallenge(db, input.challengeId, 'failed', input.now);
        } else {
          insertPayment(db, { checkoutId: input.checkoutId, status: 'failed', declineReason: reason, card: input.card, amount: input.amount, now: input.now });
        }
      })();
    }
    throw error;
  }
}
