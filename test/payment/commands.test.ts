// The payment commands called as the API and the pages call them: bad input is refused with issues by
// domain path (the API body's field names) and a stable code, and nothing is written.
import { describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/lib/command.ts';
import { NotFoundError, ValidationError } from '../../src/lib/errors.ts';
import { findCheckout, type Checkout } from '../../src/features/checkout/checkout.repository.ts';
import { answerChallenge, type AnswerChallengeInput } from '../../src/features/payment/answer-challenge.ts';
import { pay, type PayInput } from '../../src/features/payment/pay.ts';
import { respondToReviewInsurance, type RespondToReviewInsuranceInput } from '../../src/features/payment/respond-to-review-insurance.ts';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { CARDS, count, reachReview } from './pay-flow.ts';

const GOOD = { number: CARDS.approve, name: 'Ada Lovelace', expiry: '12/30', cvc: '123' };

async function atReview(ctx: TestContext): Promise<{ checkout: Checkout; cmd: CommandContext }> {
  const checkout = findCheckout(ctx.db, await reachReview(ctx))!;
  return { checkout, cmd: { db: ctx.db, now: ctx.clock.now(), sessionId: checkout.sessionId, seed: 1 } };
}

const OPTIONS = { timeoutMs: 1, sleep: async () => {} };

/** The issues of a ValidationError as [path, code] pairs. */
async function issuesOf(call: () => unknown): Promise<Array<[string, string | undefined]>> {
  try {
    await call();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).issues.map((i) => [i.path.join('.'), i.code]);
  }
  throw new Error('Expected a ValidationError');
}

describe('pay: bad input', () => {
  const cases: Array<{ name: string; input: unknown; issues: Array<[string, string]> }> = [
    { name: 'a missing card', input: {}, issues: [['card', 'required']] },
    { name: 'an unknown field (an amount)', input: { card: GOOD, amountMinor: 1 }, issues: [['amountMinor', 'unknown_field']] },
    { name: 'a card number sent as a number', input: { card: { ...GOOD, number: 4242424242424242 } }, issues: [['card.number', 'invalid_type']] },
    { name: 'a 10,000-character name', input: { card: { ...GOOD, name: 'A'.repeat(10_000) } }, issues: [['card.name', 'too_big']] },
    { name: 'an empty card number', input: { card: { ...GOOD, number: ' ' } }, issues: [['card.number', 'required']] },
    { name: 'a number that fails the Luhn check', input: { card: { ...GOOD, number: '4242 4242 4242 4241' } }, issues: [['card.number', 'luhn']] },
    { name: 'a number of 10 digits', input: { card: { ...GOOD, number: '4242 4242 42' } }, issues: [['card.number', 'invalid_number']] },
    { name: 'an expired card', input: { card: { ...GOOD, expiry: '01/20' } }, issues: [['card.expiry', 'expired']] },
    { name: 'an expiry not written MM/YY', input: { card: { ...GOOD, expiry: '1230' } }, issues: [['card.expiry', 'format']] },
    { name: 'a 2-digit security code', input: { card: { ...GOOD, cvc: '12' } }, issues: [['card.cvc', 'cvc']] },
    { name: 'a 3-digit code for an Amex', input: { card: { ...GOOD, number: CARDS.amex, cvc: '123' } }, issues: [['card.cvc', 'cvc']] },
    { name: 'a one-letter name', input: { card: { ...GOOD, name: 'A' } }, issues: [['card.name', 'too_short']] },
    {
      name: 'everything wrong at once',
      input: { card: { number: '1234', name: '', expiry: '', cvc: '' } },
      issues: [['card.number', 'invalid_number'], ['card.name', 'required'], ['card.expiry', 'required'], ['card.cvc', 'required']],
    },
  ];
  it.each(cases)('refuses $name with issues by domain path and code, and charges nothing', async (c) => {
    const ctx = createTestApp();
    const { checkout, cmd } = await atReview(ctx);
    expect(await issuesOf(() => pay(cmd, checkout, c.input as PayInput, OPTIONS))).toEqual(c.issues);
    expect(count(ctx, 'SELECT count(*) FROM payments') + count(ctx, 'SELECT count(*) FROM bookings')).toBe(0);
  });

  it('books with a good card: the same command the page and the API call', async () => {
    const ctx = createTestApp();
    const { checkout, cmd } = await atReview(ctx);
    const result = await pay(cmd, checkout, { card: GOOD }, OPTIONS);
    expect(result).toMatchObject({ status: 'booked', reference: expect.stringMatching(/^[A-Z0-9]{6}$/) });
    expect(ctx.db.prepare('SELECT card_brand, card_last4 FROM payments').get()).toEqual({ card_brand: 'visa', card_last4: '4242' });
  });
});

describe('answerChallenge: bad input', () => {
  async function pending(ctx: TestContext) {
    const { checkout, cmd } = await atReview(ctx);
    const result = await pay(cmd, checkout, { card: { ...GOOD, number: CARDS.challenge } }, OPTIONS);
    if (result.status !== 'challenge') throw new Error(`Expected a challenge, got ${result.status}`);
    return { checkout, cmd, challengeId: result.challengeId };
  }

  it.each([
    ['an unknown outcome', { outcome: 'maybe' }, [['outcome', 'invalid_value']]],
    ['a missing outcome', {}, [['outcome', 'required']]],
    ['an unknown field', { outcome: 'approve', amountMinor: 1 }, [['amountMinor', 'unknown_field']]],
  ] as const)('refuses %s with issues by domain path and code, and leaves the challenge pending', async (_name, input, issues) => {
    const ctx = createTestApp();
    const { checkout, cmd, challengeId } = await pending(ctx);
    expect(await issuesOf(() => answerChallenge(cmd, checkout, challengeId, input as unknown as AnswerChallengeInput))).toEqual(issues);
    expect(count(ctx, "SELECT count(*) FROM payment_challenges WHERE status = 'pending'")).toBe(1);
    expect(count(ctx, 'SELECT count(*) FROM bookings')).toBe(0);
  });

  it('answers an unknown challenge with NotFoundError before looking at the input', async () => {
    const ctx = createTestApp();
    const { checkout, cmd } = await pending(ctx);
    expect(() => answerChallenge(cmd, checkout, 'Zx8bT1qL0cVv3Yp2Nn5aRw', { outcome: 'maybe' } as unknown as AnswerChallengeInput)).toThrow(NotFoundError);
  });
});

describe('respondToReviewInsurance: bad input', () => {
  it.each([
    ['an answer other than accept or decline', { response: 'yes-please' }, [['response', 'invalid_value']]],
    ['no answer', {}, [['response', 'required']]],
    ['a posted price', { response: 'accept', price: '0' }, [['price', 'unknown_field']]],
  ] as const)('refuses %s with issues by domain path and code, and adds nothing', async (_name, input, issues) => {
    const ctx = createTestApp();
    const { checkout, cmd } = await atReview(ctx);
    expect(await issuesOf(() => respondToReviewInsurance(cmd, checkout, input as unknown as RespondToReviewInsuranceInput))).toEqual(issues);
    expect(count(ctx, 'SELECT count(*) FROM checkout_extras')).toBe(0);
    expect(count(ctx, "SELECT count(*) FROM offer_events WHERE event <> 'shown'")).toBe(0);
  });
});
