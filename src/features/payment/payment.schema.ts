// The card form and the 3-D Secure answer. Field names are the form's (card-number …), so field errors,
// labels and tester selectors agree. Only the parsed card leaves this file; it is used once and dropped.
import { z } from 'zod';
import { cardDigits, cvcLength, detectBrand, luhnValid, type CardBrand } from './card.ts';

export const CARD_FIELDS = ['card-number', 'card-name', 'card-expiry', 'card-cvc'] as const;
/** The fields a failed form may show again. The card number and security code are never echoed back. */
export const ECHOED_CARD_FIELDS = ['card-name', 'card-expiry'] as const;

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

/** A card is valid to the last day of its expiry month. */
function expiryProblem(value: string, now: Date): string | null {
  const match = EXPIRY.exec(value);
  if (!match) return 'Enter the expiry date as MM/YY, for example 08/29';
  const month = Number(match[1]);
  const year = 2000 + Number(match[2]);
  if (month < 1 || month > 12) return 'Enter the expiry date as MM/YY, for example 08/29';
  const months = year * 12 + (month - 1);
  const current = now.getUTCFullYear() * 12 + now.getUTCMonth();
  if (months < current) return 'The card has expired';
  if (months > current + MAX_YEARS_AHEAD * 12) return 'Check the expiry date';
  return null;
}

/** The security code's length follows the brand the typed number shows (4 digits for Amex). */
export function paymentSchema(now: Date, cvcDigits: 3 | 4 = 3) {
  return z
    .object({
      'card-number': z
        .string({ error: 'Enter the card number' })
        .transform(cardDigits)
        .refine((d) => d.length > 0, 'Enter the card number')
        .refine((d) => d.length === 0 || (/^\d{13,19}$/.test(d) && luhnValid(d)), 'Check the card number'),
      'card-name': z
        .string({ error: 'Enter the name on the card' })
        .trim()
        .refine((v) => v.length > 0, 'Enter the name on the card')
        .refine((v) => v.length === 0 || v.length >= 2, 'Enter the name as it is printed on the card')
        .max(80, 'The name on the card can be at most 80 characters'),
      'card-expiry': z
        .string({ error: 'Enter the expiry date as MM/YY, for example 08/29' })
        .trim()
        .superRefine((value, ctx) => {
          const problem = expiryProblem(value, now);
          if (problem) ctx.addIssue({ code: 'custom', message: problem });
        }),
      'card-cvc': z
        .string({ error: `Enter the ${cvcDigits}-digit security code` })
        .trim()
        .regex(cvcDigits === 4 ? /^\d{4}$/ : /^\d{3}$/, `Enter the ${cvcDigits}-digit security code`),
    })
    .transform((form): CardDetails => {
      const [, month, year] = EXPIRY.exec(form['card-expiry']) ?? [];
      return {
        digits: form['card-number'],
        brand: detectBrand(form['card-number']),
        last4: form['card-number'].slice(-4),
        name: form['card-name'],
        expiryMonth: Number(month),
        expiryYear: 2000 + Number(year),
      };
    });
}

/** Parses a posted card form; anything else in the body (a posted price or total) is ignored. */
export function parseCardForm(input: Record<string, unknown>, now: Date) {
  const typed = typeof input['card-number'] === 'string' ? cardDigits(input['card-number']) : '';
  return paymentSchema(now, cvcLength(detectBrand(typed))).safeParse(input);
}

export const ChallengeAnswerSchema = z.object({
  outcome: z.enum(['approve', 'fail'], { error: 'Choose Approve or Fail' }),
});
export type ChallengeAnswer = z.infer<typeof ChallengeAnswerSchema>;

export const ReviewInsuranceSchema = z.object({
  response: z.enum(['accept', 'decline'], { error: 'Choose Add travel insurance or No thanks' }),
});
