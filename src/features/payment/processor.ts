// The simulated card processor. It answers at once and deterministically from the card number, like
// a payment sandbox: the test cards of card.ts decline or ask for 3-D Secure, every other card is approved.
// It never sees more than it needs and keeps nothing. The time-out test card stands for a processor that
// does not answer: authorise says so at once, and the caller waits PAYMENT_TIMEOUT_MS (waitForProcessor)
// before telling the customer, as a real integration would wait before giving up.
import type { Money } from '../../lib/money.ts';
import { testCardBehaviour } from './card.ts';
import type { DeclineReason } from '../ledger/payments.repository.ts';

export type Authorisation =
  | { status: 'approved' }
  | { status: 'declined'; reason: Extract<DeclineReason, 'card_declined' | 'insufficient_funds' | 'expired_card' | 'incorrect_cvc' | 'processing_error'> }
  | { status: 'challenge' }
  | { status: 'timeout' };

export function authorise(card: { digits: string }, _amount: Money): Authorisation {
  switch (testCardBehaviour(card.digits)) {
    case 'decline':
      return { status: 'declined', reason: 'card_declined' };
    case 'insufficient_funds':
      return { status: 'declined', reason: 'insufficient_funds' };
    case 'expired_card':
      return { status: 'declined', reason: 'expired_card' };
    case 'incorrect_cvc':
      return { status: 'declined', reason: 'incorrect_cvc' };
    case 'processing_error':
      return { status: 'declined', reason: 'processing_error' };
    case 'challenge':
      return { status: 'challenge' };
    case 'timeout':
      return { status: 'timeout' };
    // Frictionless 3-D Secure: the bank authenticates the payment without asking the customer.
    case 'frictionless':
    case 'approve':
      return { status: 'approved' };
  }
}

export const TIMEOUT_MESSAGE = 'The payment service did not answer in time. No money was taken and nothing was booked; you can try again.';

export type Sleep = (ms: number) => Promise<void>;
const sleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** How long the customer waits for a processor that does not answer; tests inject a short timeout or their own sleep. */
export function waitForProcessor(timeoutMs: number, wait: Sleep = sleep): Promise<void> {
  return wait(timeoutMs);
}

/** What the customer reads when an attempt did not go through. Every one says no money was taken. */
export const DECLINE_MESSAGES: Record<DeclineReason, string> = {
  card_declined: 'Your card was declined. No money was taken. Try another card.',
  insufficient_funds: 'Your card was declined for insufficient funds. No money was taken. Try another card.',
  expired_card: 'Your bank says this card has expired. No money was taken. Check the card or use another one.',
  incorrect_cvc: 'Your bank says the security code is wrong. No money was taken. Check the code on the card and try again.',
  processing_error: 'The payment service could not process the card. No money was taken. Try again in a moment.',
  authentication_failed: 'The payment was not authorised by your bank. No money was taken. Try again or use another card.',
  price_changed: 'The price of your trip changed while you were confirming with your bank, so no money was taken. Check the new total and pay again.',
  fare_sold_out: 'This fare has just sold out. No money was taken. Go back to the flights to choose another fare.',
  seat_hold_expired: 'The seats you chose were held for you for a limited time and have been released. No money was taken. Choose your seats again, then pay.',
};
