// The buyExtra command: one purchase on a paid booking (a bag, a seat, priority boarding, a cabin upgrade,
// a hotel, insurance), paid with a card by the checkout's rules (payment/card.ts, the simulated processor's
// test cards, 3-D Secure). Its input is the JSON API's body of POST /bookings/{reference}/extras; the
// Manage booking review form fills the same fields.
//
// Nothing is charged twice: the purchase id (the review form's nonce, or the API's Idempotency-Key) is the
// PRIMARY KEY of manage_purchases, checked and written in the same IMMEDIATE transaction as the receipt line,
// the booking's total, the payment and the offer event. Nothing is half-written: that one transaction or nothing.
import { z } from 'zod';
import type { CommandContext } from '../../lib/command.ts';
import { AppError, ConflictError, ValidationError } from '../../lib/errors.ts';
import type { Money } from '../../lib/money.ts';
import { parseInput } from '../../lib/validation.ts';
import { addToBookingTotal, insertBookingItem } from '../bookings/bookings.repository.ts';
import { getBookingDetails, type BookingDetails } from '../bookings/confirmation.ts';
import type { CardOnFile } from '../ledger/card-on-file.ts';
import { insertPayment, settlePayment, type DeclineReason } from '../ledger/payments.repository.ts';
import { recordOfferResponse } from '../offers/offer-events.ts';
import { cardDetails, cardProblems } from '../payment/card.ts';
import { PayInputSchema, type PayOptions } from '../payment/pay.ts';
import { authorise, DECLINE_MESSAGES, TIMEOUT_MESSAGE, waitForProcessor } from '../payment/processor.ts';
import { ExtraItemSchema, type ExtraItem } from './manage-rules.ts';
import { approvePurchase, findPurchase, forgetChallengedPurchase, insertPurchase, type Purchase } from './manage.repository.ts';
import { quoteExtra, type Quote } from './quote-extra.ts';

export const PURCHASE_ID = /^[\x21-\x7E]{8,255}$/;

export const BuyExtraInputSchema = z.strictObject({
  purchaseId: z
    .string({ error: 'Start the purchase again from the booking page' })
    .regex(PURCHASE_ID, 'A purchase id has 8 to 255 visible characters')
    .optional()
    .describe('Names this purchase once: sending it again charges nothing again. The API takes the Idempotency-Key header when it is left out.'),
  item: ExtraItemSchema,
  card: PayInputSchema.shape.card.optional().describe('Required unless the purchase costs nothing (a seat change within the fare). Test cards: see /docs/api#test-cards.'),
});
export type BuyExtraInput = z.infer<typeof BuyExtraInputSchema>;

export type BuyExtraResult =
  | { status: 'bought'; reference: string; purchaseId: string; charged: Money; total: Money; description: string }
  | { status: 'already_bought'; reference: string; purchaseId: string; charged: Money; description: string }
  | { status: 'challenge'; reference: string; purchaseId: string; amount: Money }
  | { status: 'declined'; reason: DeclineReason; message: string }
  | { status: 'timeout'; message: string };

function quoteFor(ctx: CommandContext, reference: string, item: ExtraItem): { details: BookingDetails; quote: Quote } {
  const details = getBookingDetails(ctx.db, reference);
  return { details, quote: quoteExtra(ctx, details, item) };
}

/** The price of `item` without buying it (the review page, the API's offers). */
export function priceExtra(ctx: CommandContext, reference: string, item: unknown): Quote {
  return quoteFor(ctx, reference, parseInput(ExtraItemSchema, item, 'Choose what to buy.')).quote;
}

/** Writes an approved purchase: receipt line, new total, what the item moves, the 'accepted' event (placement manage). */
function fulfil(ctx: CommandContext, details: BookingDetails, quote: Quote, purchaseId: string, paymentId: number | null, fresh: boolean) {
  const { db, now } = ctx;
  const { booking } = details;
  if (fresh) insertPurchase(db, { id: purchaseId, bookingId: booking.id, status: 'approved', itemJson: JSON.stringify(quote.item), description: quote.description, amount: quote.amount, paymentId, now });
  quote.apply(now);
  insertBookingItem(db, booking.id, quote.line, now);
  addToBookingTotal(db, booking.id, quote.amount);
  if (quote.offer) {
    recordOfferResponse(
      db,
      { sessionId: ctx.sessionId, checkoutId: booking.checkoutId, bookingId: booking.id, placement: 'manage', at: now },
      { offer: quote.offer, itemKey: quote.line.itemKey, price: quote.amount },
      'accepted',
    );
  }
  return { total: { amountMinor: booking.total.amountMinor + quote.amount.amountMinor, currency: booking.total.currency } };
}

function replay(existing: Purchase, reference: string, bookingId: number): BuyExtraResult {
  if (existing.bookingId !== bookingId) throw new ConflictError('This purchase id was used for another booking: start the purchase again.', [{ path: ['purchaseId'], message: 'Used for another booking', code: 'purchase_id_used' }]);
  if (existing.status === 'challenge') return { status: 'challenge', reference, purchaseId: existing.id, amount: existing.amount };
  return { status: 'already_bought', reference, purchaseId: existing.id, charged: existing.amount, description: existing.description };
}

/**
 * Buys `input.item` for the booking. NotFoundError for an unknown reference; ValidationError / ConflictError
 * from quoteExtra (issues at ['item', …]), for the card (['card', 'number'|…], codes of cardProblems; ['card']
 * `required` when the purchase costs money) and ['purchaseId'] (`required`, `purchase_id_used`). A purchase id
 * seen before answers `already_bought` (or `challenge`) and charges nothing. A decline or time-out leaves a
 * payments row and nothing else.
 */
export function buyExtra(ctx: CommandContext, reference: string, raw: BuyExtraInput): BuyExtraResult {
  const { db, now } = ctx;
  return db
    .transaction((): BuyExtraResult => {
      const details = getBookingDetails(db, reference);
      const input = parseInput(BuyExtraInputSchema, raw, 'Check what you are buying and the card.');
      const purchaseId = input.purchaseId;
      if (!purchaseId) throw new ValidationError('Start the purchase again from the booking page.', [{ path: ['purchaseId'], message: 'A purchase needs its id', code: 'required' }]);
      const { booking } = details;
      const existing = findPurchase(db, purchaseId);
      if (existing) return replay(existing, booking.reference, booking.id);

      const quote = quoteExtra(ctx, details, input.item);
      if (quote.amount.amountMinor === 0) {
        const { total } = fulfil(ctx, details, quote, purchaseId, null, true);
        return { status: 'bought', reference: booking.reference, purchaseId, charged: quote.amount, total, description: quote.description };
      }
      if (!input.card) throw new ValidationError('Enter the card to pay with.', [{ path: ['card'], message: 'Enter the card to pay with', code: 'required' }]);
      const problems = cardProblems(input.card, now);
      if (problems.length > 0) throw new ValidationError('Check the card details.', problems.map((p) => ({ path: ['card', p.field], message: p.message, code: p.code })));
      const typed = cardDetails(input.card);
      const card: CardOnFile = { brand: typed.brand, last4: typed.last4 };
      const payment = (status: 'approved' | 'declined' | 'challenge' | 'timeout', declineReason?: DeclineReason) =>
        insertPayment(db, { checkoutId: booking.checkoutId, bookingId: booking.id, status, declineReason: declineReason ?? null, card, amount: quote.amount, now });

      const authorisation = authorise({ digits: typed.digits }, quote.amount);
      switch (authorisation.status) {
        case 'declined':
          payment('declined', authorisation.reason);
          return { status: 'declined', reason: authorisation.reason, message: DECLINE_MESSAGES[authorisation.reason] };
        case 'timeout':
          payment('timeout');
          return { status: 'timeout', message: TIMEOUT_MESSAGE };
        case 'challenge': {
          const paymentId = payment('challenge');
          insertPurchase(db, { id: purchaseId, bookingId: booking.id, status: 'challenge', itemJson: JSON.stringify(quote.item), description: quote.description, amount: quote.amount, paymentId, now });
          return { status: 'challenge', reference: booking.reference, purchaseId, amount: quote.amount };
        }
        case 'approved': {
          const { total } = fulfil(ctx, details, quote, purchaseId, payment('approved'), true);
          return { status: 'bought', reference: booking.reference, purchaseId, charged: quote.amount, total, description: quote.description };
        }
      }
    })
    .immediate();
}

/**
 * buyExtra as the customer meets it: with the time-out test card the answer comes only after the processor's
 * time-out (PAYMENT_TIMEOUT_MS), as at checkout (payment/pay.ts). Everything is written before the one await.
 */
export async function buyExtraAndWait(ctx: CommandContext, reference: string, raw: BuyExtraInput, options: PayOptions): Promise<BuyExtraResult> {
  const result = buyExtra(ctx, reference, raw);
  if (result.status === 'timeout') await waitForProcessor(options.timeoutMs, options.sleep);
  return result;
}

/** A purchase waiting for 3-D Secure, for its bank page; NotFoundError unless it is this booking's. */
export function challengedPurchase(ctx: CommandContext, reference: string, purchaseId: string): Purchase & { reference: string } {
  const details = getBookingDetails(ctx.db, reference);
  const purchase = findPurchase(ctx.db, purchaseId);
  if (!purchase || purchase.bookingId !== details.booking.id) throw new AppError(404, 'Not found', 'We could not find that payment.');
  return { ...purchase, reference: details.booking.reference };
}

/**
 * The customer's answer on the bank's page. 'approve' buys the item as priced at the review, when it can still be
 * bought at that price (else the payment fails, `price_changed`, or the refusal of quoteExtra is thrown after
 * the payment is marked failed); 'fail' declines (`authentication_failed`). Answering twice changes nothing.
 */
export function answerPurchaseChallenge(ctx: CommandContext, reference: string, purchaseId: string, answer: 'approve' | 'fail'): BuyExtraResult {
  const { db, now } = ctx;
  let refusal: AppError | null = null;
  const result = db
    .transaction((): BuyExtraResult => {
      const purchase = challengedPurchase(ctx, reference, purchaseId);
      if (purchase.status !== 'challenge') return replay(purchase, purchase.reference, purchase.bookingId);
      const fail = (reason: DeclineReason): BuyExtraResult => {
        if (purchase.paymentId !== null) settlePayment(db, purchase.paymentId, { status: 'failed', declineReason: reason, bookingId: purchase.bookingId });
        forgetChallengedPurchase(db, purchase.id);
        return { status: 'declined', reason, message: DECLINE_MESSAGES[reason] };
      };
      if (answer === 'fail') return fail('authentication_failed');
      let quoted: { details: BookingDetails; quote: Quote };
      try {
        quoted = quoteFor(ctx, reference, ExtraItemSchema.parse(JSON.parse(purchase.itemJson)));
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        refusal = error;
        return fail('price_changed');
      }
      if (quoted.quote.amount.amountMinor !== purchase.amount.amountMinor) return fail('price_changed');
      if (!approvePurchase(db, purchase.id, now)) return replay(purchase, purchase.reference, purchase.bookingId);
      if (purchase.paymentId !== null) settlePayment(db, purchase.paymentId, { status: 'approved', bookingId: purchase.bookingId });
      const { total } = fulfil(ctx, quoted.details, quoted.quote, purchase.id, purchase.paymentId, false);
      return { status: 'bought', reference: purchase.reference, purchaseId, charged: purchase.amount, total, description: purchase.description };
    })
    .immediate();
  if (refusal) throw refusal;
  return result;
}
