// POST /checkouts/:id/payment and the 3-D Secure challenge: the bodies go straight to the pay and
// answerChallenge commands (the same the review page calls), the booking is the confirmation's
// getBookingDetails. A booking answers 201, a challenge 202, a decline 402, a time-out 504.
import { z } from 'zod';
import type { CommandContext } from '../../lib/command.ts';
import { ConflictError } from '../../lib/errors.ts';
import { FareSoldOutError } from '../bookings/book.ts';
import { getBookingDetails } from '../bookings/confirmation.ts';
import { SeatHoldExpiredError } from '../seats/seat-holds.ts';
import { findLiveCheckout } from '../checkout/steps.ts';
import { answerChallenge, AnswerChallengeInputSchema, getChallenge } from '../payment/answer-challenge.ts';
import { pay, PayInputSchema } from '../payment/pay.ts';
import type { PaymentResult } from '../payment/payment-outcome.ts';
import { alreadyBooked, CheckoutParams, checkoutAtStep, checkoutExists } from './checkouts.api.ts';
import { ChallengeIdSchema, CheckoutIdSchema } from './common.schema.ts';
import { operation, problems, type ApiContext, type ApiResult } from './operation.ts';
import { BookingSchema, ChallengeRequiredSchema, ChallengeSchema } from './payment.schema.ts';
import { bookingLinkToken } from '../manage/booking-access.ts';
import { presentBooking, presentChallenge, signedBookingPath } from './presenters.ts';
import { ApiProblem } from './problem.ts';

function commandContext(ctx: ApiContext): CommandContext {
  return { db: ctx.db, now: ctx.now, sessionId: ctx.sessionId, seed: ctx.config.demoSeed };
}

/** The payment domain's conflicts, with the step that fixes them. */
function conflictProblem(error: ConflictError): ApiProblem {
  if (error instanceof SeatHoldExpiredError) return new ApiProblem('conflict', error.message, { step: 'seats' });
  if (error instanceof FareSoldOutError) return new ApiProblem('conflict', error.message, { step: 'flights' });
  return new ApiProblem('conflict', error.message);
}

/** The HTTP answer to what the payment functions returned. */
function paymentAnswer(ctx: ApiContext, checkoutId: string, result: PaymentResult): ApiResult {
  switch (result.status) {
    case 'booked': {
      const details = getBookingDetails(ctx.db, result.reference);
      return { status: 201, headers: { Location: signedBookingPath(result.reference, bookingLinkToken(ctx.config.sessionSecret, result.reference, ctx.now)) }, body: presentBooking(details) };
    }
    case 'already_booked':
      throw new ApiProblem('already-booked', `This checkout is already booked and paid: booking reference ${result.reference}. Nothing was charged again.`, {
        bookingReference: result.reference,
      });
    case 'challenge': {
      const challenge = presentChallenge(getChallenge(ctx.db, checkoutId, result.challengeId));
      return { status: 202, headers: { Location: challenge.answer.path }, body: { status: 'challenge_required', challenge } };
    }
    case 'declined':
      throw new ApiProblem('payment-declined', result.message, { declineReason: result.reason });
    case 'timeout':
      throw new ApiProblem('payment-timeout', result.message);
  }
}

async function settle(ctx: ApiContext, checkoutId: string, pay: () => PaymentResult | Promise<PaymentResult>): Promise<ApiResult> {
  let result: PaymentResult;
  try {
    result = await pay();
  } catch (error) {
    if (error instanceof ConflictError) throw conflictProblem(error);
    throw error;
  }
  return paymentAnswer(ctx, checkoutId, result);
}

export const payOperation = operation({
  operationId: 'payCheckout',
  tag: 'Payment',
  summary: 'Pay with a card',
  description:
    'Re-prices the checkout on the server and charges that total. 201 with the booking; 202 when the bank asks for 3-D Secure ' +
    '(answer the challenge); 402 for a decline (declineReason); 504 when the payment service does not answer (the time-out test ' +
    'card, after PAYMENT_TIMEOUT_MS); 409 when the trip cannot be sold as it stands (seat hold expired: step seats; fare sold out: ' +
    'step flights; already booked: bookingReference). Nothing is charged on any 4xx or 5xx. ' +
    'Send an Idempotency-Key header to retry safely: the same key and body answer the same, without paying again.',
  params: CheckoutParams,
  ensureExists: checkoutExists,
  body: PayInputSchema,
  // A retry is the same request when it pays the same checkout with the same card: the last four digits,
  // the length and the expiry stand for the card (its number and security code are never kept, not even hashed).
  idempotency: {
    fingerprint: (body) => {
      const digits = body.card.number.replace(/\D/g, '');
      return { last4: digits.slice(-4), length: digits.length, name: body.card.name.trim(), expiry: body.card.expiry.trim() };
    },
  },
  responses: [
    { status: 201, description: 'Booked; Location is the booking.', schema: BookingSchema, headers: ['Location', 'Idempotent-Replayed'] },
    { status: 202, description: '3-D Secure is required; Location is the challenge.', schema: ChallengeRequiredSchema, headers: ['Location', 'Idempotent-Replayed'] },
    ...problems(402, 404, 409, 415, 422, 429, 504),
  ],
  handle: ({ params, body, ctx }) => {
    const checkout = checkoutAtStep(ctx, params.id);
    return settle(ctx, checkout.id, () => pay(commandContext(ctx), checkout, body, { timeoutMs: ctx.config.paymentTimeoutMs }));
  },
});

const ChallengeParams = z.strictObject({ id: CheckoutIdSchema, challengeId: ChallengeIdSchema });

/** An unknown challenge, or one of another checkout, is a 404 whatever the body says. */
function challengeExists(params: { id: string; challengeId: string }, ctx: ApiContext): void {
  getChallenge(ctx.db, findLiveCheckout(ctx.db, params.id, ctx.now).id, params.challengeId);
}

export const getChallengeOperation = operation({
  operationId: 'getChallenge',
  tag: 'Payment',
  summary: 'Read a 3-D Secure challenge',
  description: 'Its status (pending, approved, failed), the amount and the card. 404 for an id of another checkout.',
  params: ChallengeParams,
  ensureExists: challengeExists,
  responses: [{ status: 200, description: 'The challenge.', schema: ChallengeSchema }, ...problems(404)],
  handle: ({ params, ctx }) => {
    const checkout = findLiveCheckout(ctx.db, params.id, ctx.now);
    return { status: 200, body: presentChallenge(getChallenge(ctx.db, checkout.id, params.challengeId)) };
  },
});

export const answerChallengeOperation = operation({
  operationId: 'answerChallenge',
  tag: 'Payment',
  summary: 'Answer a 3-D Secure challenge',
  description:
    'What the customer does on the bank’s page: approve books the checkout for the amount the bank confirmed (201), fail declines ' +
    'it (402, declineReason authentication_failed). Answering again is safe: an approved challenge gives 409 already booked, a ' +
    'failed one the same 402.',
  params: ChallengeParams,
  ensureExists: challengeExists,
  body: AnswerChallengeInputSchema,
  responses: [
    { status: 201, description: 'Booked; Location is the booking.', schema: BookingSchema, headers: ['Location'] },
    ...problems(402, 404, 409, 415, 422, 429),
  ],
  handle: ({ params, body, ctx }) => {
    const checkout = findLiveCheckout(ctx.db, params.id, ctx.now);
    getChallenge(ctx.db, checkout.id, params.challengeId); // 404 before anything else
    if (checkout.status === 'booked') throw alreadyBooked(ctx, checkout);
    return settle(ctx, checkout.id, () => answerChallenge(commandContext(ctx), checkout, params.challengeId, body));
  },
});
