// Paying a checkout: authorise the card with the simulated processor, then book (bookings/book.ts).
// Plain functions over the database, so the HTML routes and the JSON API call the very same code.
// Every attempt leaves a payments row (brand and last four only); a decline changes nothing else.
import type { Db } from '../../db/database.ts';
import { ConflictError, NotFoundError } from '../../lib/errors.ts';
import type { Money } from '../../lib/money.ts';
import { newId } from '../../lib/session.ts';
import { findCheckout, passengersComplete, type Checkout } from '../checkout/checkout.repository.ts';
import { priceCheckout } from '../checkout/pricing.ts';
import { AlreadyBookedError, bookCheckout, FareSoldOutError, PriceChangedError } from '../bookings/book.ts';
import { findBookingByCheckout } from '../bookings/bookings.repository.ts';
import { expiredSeatHolds, SeatHoldExpiredError } from '../bookings/seat-holds.ts';
import type { CardBrand } from './card.ts';
import type { CardDetails } from './payment.schema.ts';
import {
  findChallenge,
  insertChallenge,
  insertPayment,
  resolveChallenge,
  settlePayment,
  type CardOnFile,
  type DeclineReason,
} from './payments.repository.ts';
import { authorise, DECLINE_MESSAGES, TIMEOUT_MESSAGE, waitForProcessor, type Sleep } from './processor.ts';

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

function declined(reason: DeclineReason): PaymentResult {
  return { status: 'declined', reason, message: DECLINE_MESSAGES[reason] };
}

function failureReason(error: ConflictError): DeclineReason | null {
  if (error instanceof SeatHoldExpiredError) return 'seat_hold_expired';
  if (error instanceof FareSoldOutError) return 'fare_sold_out';
  if (error instanceof PriceChangedError) return 'price_changed';
  return null;
}

/** The checkout to pay, or the booking it already became; NotFoundError when unknown or expired. */
function checkoutToPay(db: Db, checkoutId: string, now: Date): { checkout: Checkout } | { alreadyBooked: PaymentResult } {
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

/**
 * Pays a checkout with a card that passed the form's checks (payment.schema.ts).
 * Returns booked / already_booked / challenge / declined. Throws ConflictError (with nothing charged)
 * when the trip cannot be sold as it stands: a seat hold ran out (SeatHoldExpiredError), the fare sold
 * out (FareSoldOutError), passengers missing.
 */
export function payCheckout(db: Db, input: { checkoutId: string; card: CardDetails; now: Date }): PaymentResult {
  const { now } = input;
  const found = checkoutToPay(db, input.checkoutId, now);
  if ('alreadyBooked' in found) return found.alreadyBooked;
  const { checkout } = found;
  if (!passengersComplete(checkout)) throw new ConflictError('Enter every passenger and your contact details before paying.');

  // Checked before the card is touched, so the customer is not authorised for a trip we cannot sell.
  const expired = expiredSeatHolds(db, checkout.id, now);
  if (expired.length > 0) throw new SeatHoldExpiredError(expired);

  const amount = priceCheckout(db, checkout).total;
  const card: CardOnFile = { brand: input.card.brand, last4: input.card.last4 };
  const authorisation = authorise({ digits: input.card.digits }, amount);

  switch (authorisation.status) {
    case 'declined':
      insertPayment(db, { checkoutId: checkout.id, status: 'declined', declineReason: authorisation.reason, card, amount, now });
      return declined(authorisation.reason);
    case 'challenge': {
      const challengeId = newId();
      db.transaction(() => {
        const paymentId = insertPayment(db, { checkoutId: checkout.id, status: 'challenge', card, amount, now });
        insertChallenge(db, { id: challengeId, checkoutId: checkout.id, paymentId, now });
      })();
      return { status: 'challenge', challengeId, amount };
    }
    case 'approved':
      return book(db, { checkoutId: checkout.id, card, amount, now });
    case 'timeout':
      insertPayment(db, { checkoutId: checkout.id, status: 'timeout', card, amount, now });
      return { status: 'timeout', message: TIMEOUT_MESSAGE };
  }
}

/**
 * payCheckout as the customer waits for it: when the processor does not answer (the time-out test
 * card), the answer comes after `timeoutMs`, as a real integration waits before giving up. Everything
 * is written before the wait, synchronously, so the JSON API can reserve an idempotency key first.
 */
export async function payCheckoutWaiting(
  db: Db,
  input: { checkoutId: string; card: CardDetails; now: Date; timeoutMs: number; sleep?: Sleep },
): Promise<PaymentResult> {
  const result = payCheckout(db, input);
  if (result.status === 'timeout') await waitForProcessor(input.timeoutMs, input.sleep);
  return result;
}

function book(
  db: Db,
  input: { checkoutId: string; card: CardOnFile; amount: Money; now: Date; paymentId?: number; challengeId?: string },
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

export type ChallengeView = {
  id: string;
  checkoutId: string;
  status: 'pending' | 'approved' | 'failed';
  card: { brand: CardBrand; last4: string };
  amount: Money;
  createdAt: string;
};

/** The 3-D Secure challenge of this checkout; NotFoundError for an unknown id or one of another checkout. */
export function getChallenge(db: Db, checkoutId: string, challengeId: string): ChallengeView {
  const challenge = findChallenge(db, checkoutId, challengeId);
  if (!challenge) throw new NotFoundError('We could not find that payment confirmation. Go back to your trip and pay again.');
  return {
    id: challenge.id,
    checkoutId: challenge.checkoutId,
    status: challenge.status,
    card: challenge.payment.card,
    amount: challenge.payment.amount,
    createdAt: challenge.createdAt,
  };
}

/**
 * The customer's answer on the bank's page. approve books the checkout for the amount the bank
 * confirmed (PriceChangedError if the trip changed meanwhile); fail declines. Answering twice is safe:
 * an approved challenge gives already_booked, a failed one the same decline again.
 */
export function answerChallenge(
  db: Db,
  input: { checkoutId: string; challengeId: string; outcome: 'approve' | 'fail'; now: Date },
): PaymentResult {
  const challenge = findChallenge(db, input.checkoutId, input.challengeId);
  if (!challenge) throw new NotFoundError('We could not find that payment confirmation. Go back to your trip and pay again.');
  const found = checkoutToPay(db, input.checkoutId, input.now);
  if ('alreadyBooked' in found) return found.alreadyBooked;
  if (challenge.status !== 'pending') return declined(challenge.payment.declineReason ?? 'authentication_failed');

  if (input.outcome === 'fail') {
    db.transaction(() => {
      if (resolveChallenge(db, challenge.id, 'failed', input.now)) {
        settlePayment(db, challenge.paymentId, { status: 'failed', declineReason: 'authentication_failed' });
      }
    })();
    return declined('authentication_failed');
  }
  return book(db, {
    checkoutId: input.checkoutId,
    card: challenge.payment.card,
    amount: challenge.payment.amount,
    now: input.now,
    paymentId: challenge.paymentId,
    challengeId: challenge.id,
  });
}
