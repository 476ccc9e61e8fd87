// Card numbers as the payment form reads them: digits only, the Luhn check, the brand, and the test
// cards testers know from public payment sandboxes. Nothing here stores or logs a number: callers keep
// only `brand` and `last4` (see payments.repository.ts).

export const CARD_BRANDS = ['visa', 'mastercard', 'amex', 'other'] as const;
export type CardBrand = (typeof CARD_BRANDS)[number];

export const BRAND_LABEL: Record<CardBrand, string> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  other: 'card',
};

/** What the simulated processor does with a card. */
export type TestCardBehaviour = 'approve' | 'decline' | 'insufficient_funds' | 'challenge' | 'timeout';

/**
 * The sandbox test cards (the same numbers as the public Stripe test cards, so testers need no
 * new list). Any other number that passes the Luhn check is approved.
 */
export const TEST_CARDS: ReadonlyArray<{ number: string; behaviour: TestCardBehaviour; description: string }> = [
  { number: '4242424242424242', behaviour: 'approve', description: 'Approved' },
  { number: '4000000000000002', behaviour: 'decline', description: 'Declined' },
  { number: '4000000000009995', behaviour: 'insufficient_funds', description: 'Declined for insufficient funds' },
  { number: '4000002760003184', behaviour: 'challenge', description: 'Asks for 3-D Secure (approve or fail it on the bank page)' },
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
