// Card numbers as the payment form reads them: digits only, the Luhn check, the brand, and the test
// cards testers know from public payment sandboxes. Nothing here stores or logs a number: callers keep
// only `brand` and `last4` (see ledger/payments.repository.ts).
import type { CardBrand } from '../ledger/card-on-file.ts';

/** What the simulated processor does with a card. */
export type TestCardBehaviour =
  | 'approve'
  | 'decline'
  | 'insufficient_funds'
  | 'expired_card'
  | 'incorrect_cvc'
  | 'processing_error'
  | 'challenge'
  | 'frictionless'
  | 'timeout';

/**
 * The sandbox test cards (the same numbers as the public Stripe test cards, so testers need no
 * new list). Any other number that passes the Luhn check is approved.
 */
export const TEST_CARDS: ReadonlyArray<{ number: string; behaviour: TestCardBehaviour; description: string }> = [
  { number: '4242424242424242', behaviour: 'approve', description: 'Approved' },
  { number: '4000000000000002', behaviour: 'decline', description: 'Declined' },
  { number: '4000000000009995', behaviour: 'insufficient_funds', description: 'Declined for insufficient funds' },
  { number: '4000000000000069', behaviour: 'expired_card', description: 'Declined: the bank says the card has expired (whatever expiry is typed)' },
  { number: '4000000000000127', behaviour: 'incorrect_cvc', description: 'Declined: the bank says the security code is wrong' },
  // Not a public sandbox number (theirs, …0119, is our time-out card): a processor that answers with an error.
  { number: '4000000000000226', behaviour: 'processing_error', description: 'Declined: the payment service reports a processing error; nothing is charged, try again' },
  { number: '4000002760003184', behaviour: 'challenge', description: 'Asks for 3-D Secure (approve or fail it on the bank page)' },
  { number: '4000000000003055', behaviour: 'frictionless', description: '3-D Secure without a challenge (frictionless): the bank authenticates it silently; approved' },
  // The sandboxes' "processing error" number: here the processor never answers, and the payment times out.
  { number: '4000000000000119', behaviour: 'timeout', description: 'The payment service does not answer: times out, nothing is charged' },
];

/** "4242 4242 4242 4242" → "4242424242424242". Spaces and hyphens are how people type card numbers. */
export function cardDigits(input: string): string {
  return input.replace(/[\s-]/g, '');
}

/** The Luhn (mod 10) check digit test every card number passes. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i -= 1) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** The brand from the number's prefix (IIN ranges); 'other' when it is none of the three we name. */
export function detectBrand(digits: string): CardBrand {
  if (/^3[47]/.test(digits)) return 'amex';
  if (/^4/.test(digits)) return 'visa';
  const two = Number(digits.slice(0, 2));
  const four = Number(digits.slice(0, 4));
  if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) return 'mastercard';
  return 'other';
}

/** Amex prints a 4-digit code on the front; the others a 3-digit code on the back. */
export function cvcLength(brand: CardBrand): 3 | 4 {
  return brand === 'amex' ? 4 : 3;
}

export function testCardBehaviour(digits: string): TestCardBehaviour {
  return TEST_CARDS.find((c) => c.number === digits)?.behaviour ?? 'approve';
}

/** "4242 4242 4242 4242", for the list of test cards on the page. */
export function groupDigits(digits: string): string {
  return digits.replace(/(\d{4})(?=\d)/g, '$1 ');
}

/** A card as the customer typed it: the pay command's `card` (the JSON API's body, the form's four fields). */
export type TypedCard = { number: string; name: string; expiry: string; cvc: string };

/** A card that passed the checks below: used once to authorise, then only brand and last four are kept. */
export type CardDetails = {
  digits: string;
  brand: CardBrand;
  last4: string;
  name: string;
  expiryMonth: number;
  expiryYear: number;
};

const EXPIRY = /^(\d{2})\s*\/\s*(\d{2})$/;
const MAX_YEARS_AHEAD = 20;
const EXPIRY_FORMAT = 'Enter the expiry date as MM/YY, for example 08/29';

type CardProblem = { field: keyof TypedCard; code: string; message: string };

/** A card is valid to the last day of its expiry month. */
function expiryProblem(value: string, now: Date): CardProblem | null {
  const match = EXPIRY.exec(value);
  const month = Number(match?.[1]);
  if (!match || month < 1 || month > 12) return { field: 'expiry', code: value === '' ? 'required' : 'format', message: EXPIRY_FORMAT };
  const months = (2000 + Number(match[2])) * 12 + (month - 1);
  const current = now.getUTCFullYear() * 12 + now.getUTCMonth();
  if (months < current) return { field: 'expiry', code: 'expired', message: 'The card has expired' };
  if (months > current + MAX_YEARS_AHEAD * 12) return { field: 'expiry', code: 'too_far', message: 'Check the expiry date' };
  return null;
}

/**
 * What is wrong with a typed card, one problem per field at most, with a stable code: number
 * `required` / `invalid_number` (not 13 to 19 digits) / `luhn`; name `required` / `too_short` / `too_long`;
 * expiry `required` / `format` / `expired` / `too_far`; cvc `required` / `cvc` (3 digits, 4 for Amex).
 */
export function cardProblems(card: TypedCard, now: Date): CardProblem[] {
  const problems: CardProblem[] = [];
  const digits = cardDigits(card.number);
  if (digits === '') problems.push({ field: 'number', code: 'required', message: 'Enter the card number' });
  else if (!/^\d{13,19}$/.test(digits)) problems.push({ field: 'number', code: 'invalid_number', message: 'Check the card number' });
  else if (!luhnValid(digits)) problems.push({ field: 'number', code: 'luhn', message: 'Check the card number' });

  const name = card.name.trim();
  if (name === '') problems.push({ field: 'name', code: 'required', message: 'Enter the name on the card' });
  else if (name.length < 2) problems.push({ field: 'name', code: 'too_short', message: 'Enter the name as it is printed on the card' });
  else if (name.length > 80) problems.push({ field: 'name', code: 'too_long', message: 'The name on the card can be at most 80 characters' });

  const expiry = expiryProblem(card.expiry.trim(), now);
  if (expiry) problems.push(expiry);

  // The security code's length follows the brand the typed number shows.
  const cvcDigits = cvcLength(detectBrand(digits));
  const cvc = card.cvc.trim();
  if (!(cvcDigits === 4 ? /^\d{4}$/ : /^\d{3}$/).test(cvc)) {
    problems.push({ field: 'cvc', code: cvc === '' ? 'required' : 'cvc', message: `Enter the ${cvcDigits}-digit security code` });
  }
  return problems;
}

/** The card's details once cardProblems found nothing. */
export function cardDetails(card: TypedCard): CardDetails {
  const digits = cardDigits(card.number);
  const [, month, year] = EXPIRY.exec(card.expiry.trim()) ?? [];
  return {
    digits,
    brand: detectBrand(digits),
    last4: digits.slice(-4),
    name: card.name.trim(),
    expiryMonth: Number(month),
    expiryYear: 2000 + Number(year),
  };
}
