// The pay command: the card form of the review page and POST /api/v1/checkouts/:id/payment both call it
// with the same input, the API's body. It checks the card (issues by domain path: ['card', 'number'] …),
// authorises it with the simulated processor and books an approved payment (payment-outcome.ts).
// Every attempt leaves a payments row (brand and last four only); a decline changes nothing else.
import { z } from 'zod';
import { ConflictError, ValidationError } from '../../lib/errors.ts';
import type { CommandContext } from '../../lib/command.ts';
import { cryptoIds } from '../../lib/ids.ts';
import { parseInput } from '../../lib/validation.ts';
import { passengersComplete, type Checkout } from '../checkout/checkout.repository.ts';
import { priceCheckout } from '../checkout/pricing.ts';
import type { CardOnFile } from '../ledger/card-on-file.ts';
import { insertPayment } from '../ledger/payments.repository.ts';
import { cardDetails, cardProblems } from './card.ts';
import { insertChallenge } from './challenges.repository.ts';
import { bookAuthorised, checkoutToPay, declined, ensureSeatHoldsLive, type PaymentResult } from './payment-outcome.ts';
import { authorise, TIMEOUT_MESSAGE, waitForProcessor, type Sleep } from './processor.ts';

export const PayInputSchema = z.strictObject({
  card: z.strictObject({
    number: z.string().max(30, 'At most 30 characters').describe('Spaces and hyphens allowed. Test cards: see /docs/api#test-cards.'),
    name: z.string().max(100, 'At most 100 characters').describe('As printed on the card.'),
    expiry: z.string().max(10, 'At most 10 characters').describe('MM/YY, e.g. 12/30.'),
    cvc: z.string().max(10, 'At most 10 characters').describe('3 digits (4 for American Express).'),
  }),
});
export type PayInput = z.infer<typeof PayInputSchema>;

/** How long a customer waits for a processor that does not answer (PAYMENT_TIMEOUT_MS); tests inject the sleep. */
export type PayOptions = { timeoutMs: number; sleep?: Sleep };

/**
 * Pays a checkout. Returns booked / already_booked / challenge / declined / timeout. Throws
 * ValidationError (issues at ['card', 'number'|'name'|'expiry'|'cvc'] with codes, see cardProblems),
 * NotFoundError (unknown or expired checkout) or ConflictError with nothing charged when the trip cannot
 * be sold as it stands: a seat hold ran out (SeatHoldExpiredError), the fare sold out, passengers missing.
 *
 * Everything is written synchronously before the one await (the wait of the time-out test card, as a real
 * integration waits before giving up), so the JSON API can reserve an idempotency key first.
 */
export async function pay(ctx: CommandContext, checkout: Checkout, input: PayInput, options: PayOptions): Promise<PaymentResult> {
  const result = payNow(ctx, checkout, input);
  if (result.status === 'timeout') await waitForProcessor(options.timeoutMs, options.sleep);
  return result;
}

/**
 * pay without the time-out test card's wait: the same checks and writes, synchronously, for a caller
 * that runs inside its own transaction and so must not await (the shopper simulator, which pays with
 * the approving card).
 */
export function payNow(ctx: CommandContext, given: Checkout, input: PayInput): PaymentResult {
  const { db, now } = ctx;
  const { card: typed } = parseInput(PayInputSchema, input);
  const problems = cardProblems(typed, now);
  if (problems.length > 0) {
    throw new ValidationError(
      'Check the card details.',
      problems.map((p) => ({ path: ['card', p.field], message: p.message, code: p.code })),
    );
  }
  const details = cardDetails(typed);

  const found = checkoutToPay(db, given.id, now);
  if ('alreadyBooked' in found) return found.alreadyBooked;
  const { checkout } = found;
  if (!passengersComplete(checkout)) throw new ConflictError('Enter every passenger and your contact details before paying.');
  ensureSeatHoldsLive(db, checkout.id, now);

  const amount = priceCheckout(db, checkout).total;
  const card: CardOnFile = { brand: details.brand, last4: details.last4 };
  const authorisation = authorise({ digits: details.digits }, amount);

  switch (authorisation.status) {
    case 'declined':
      insertPayment(db, { checkoutId: checkout.id, status: 'declined', declineReason: authorisation.reason, card, amount, now });
      return declined(authorisation.reason);
    case 'challenge': {
      const challengeId = (ctx.ids ?? cryptoIds).token();
      db.transaction(() => {
        const paymentId = insertPayment(db, { checkoutId: checkout.id, status: 'challenge', card, amount, now });
        insertChallenge(db, { id: challengeId, checkoutId: checkout.id, paymentId, now });
      })();
      return { status: 'challenge', challengeId, amount };
    }
    case 'approved':
      return bookAuthorised(db, { checkoutId: checkout.id, card, amount, now, ids: ctx.ids });
    case 'timeout':
      insertPayment(db, { checkoutId: checkout.id, status: 'timeout', card, amount, now });
      return { status: 'timeout', message: TIMEOUT_MESSAGE };
  }
}
