// The answerChallenge command: the customer's answer on the simulated bank's 3-D Secure page, from the
// challenge page's buttons and POST /api/v1/checkouts/:id/payment/challenges/:challengeId alike.
import { z } from 'zod';
import type { CommandContext } from '../../lib/command.ts';
import { NotFoundError } from '../../lib/errors.ts';
import type { Money } from '../../lib/money.ts';
import { parseInput } from '../../lib/validation.ts';
import type { Db } from '../../db/database.ts';
import type { Checkout } from '../checkout/checkout.repository.ts';
import type { CardOnFile } from '../ledger/card-on-file.ts';
import { settlePayment } from '../ledger/payments.repository.ts';
import { findChallenge, resolveChallenge } from './challenges.repository.ts';
import { bookAuthorised, checkoutToPay, declined, type PaymentResult } from './payment-outcome.ts';

export const AnswerChallengeInputSchema = z.strictObject({
  outcome: z.enum(['approve', 'fail'], { error: 'Choose Approve or Fail' }).describe('What the customer does on the bank’s page.'),
});
export type AnswerChallengeInput = z.infer<typeof AnswerChallengeInputSchema>;

export type ChallengeView = {
  id: string;
  checkoutId: string;
  status: 'pending' | 'approved' | 'failed';
  card: CardOnFile;
  amount: Money;
  createdAt: string;
};

const UNKNOWN_CHALLENGE = 'We could not find that payment confirmation. Go back to your trip and pay again.';

/** The 3-D Secure challenge of this checkout; NotFoundError for an unknown id or one of another checkout. */
export function getChallenge(db: Db, checkoutId: string, challengeId: string): ChallengeView {
  const challenge = findChallenge(db, checkoutId, challengeId);
  if (!challenge) throw new NotFoundError(UNKNOWN_CHALLENGE);
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
 * approve books the checkout for the amount the bank confirmed (PriceChangedError, a ConflictError, if
 * the trip changed meanwhile); fail declines. Answering twice is safe: an approved challenge gives
 * already_booked, a failed one the same decline again. An unknown challenge is a NotFoundError, before the
 * input is looked at; a bad outcome a ValidationError at ['outcome'].
 */
export function answerChallenge(ctx: CommandContext, checkout: Checkout, challengeId: string, input: AnswerChallengeInput): PaymentResult {
  const { db, now } = ctx;
  const challenge = findChallenge(db, checkout.id, challengeId);
  if (!challenge) throw new NotFoundError(UNKNOWN_CHALLENGE);
  const { outcome } = parseInput(AnswerChallengeInputSchema, input, 'Choose Approve or Fail.');
  const found = checkoutToPay(db, checkout.id, now);
  if ('alreadyBooked' in found) return found.alreadyBooked;
  if (challenge.status !== 'pending') return declined(challenge.payment.declineReason ?? 'authentication_failed');

  if (outcome === 'fail') {
    db.transaction(() => {
      if (resolveChallenge(db, challenge.id, 'failed', now)) {
        settlePayment(db, challenge.paymentId, { status: 'failed', declineReason: 'authentication_failed' });
      }
    })();
    return declined('authentication_failed');
  }
  return bookAuthorised(db, {
    checkoutId: checkout.id,
    card: challenge.payment.card,
    amount: challenge.payment.amount,
    now,
    paymentId: challenge.paymentId,
    challengeId: challenge.id,
    ids: ctx.ids,
  });
}
