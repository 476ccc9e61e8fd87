// The time-out test card in Manage booking: as at checkout, the answer comes after PAYMENT_TIMEOUT_MS, says
// nothing was taken, and nothing is bought or charged; the API answers 504.
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createTestApp, postForm, text } from '../helpers/app.ts';
import { checkoutAt } from '../helpers/factories.ts';
import { CARD_HOLDER, CARDS } from '../helpers/fixtures.ts';
import { COUPLE_TO_LISBON, count } from './manage-helpers.ts';

async function booked() {
  const ctx = createTestApp({ env: { PAYMENT_TIMEOUT_MS: '50' } });
  const { reference } = await checkoutAt(ctx, 'booked', COUPLE_TO_LISBON, { seats: 'first-free' });
  return { ...ctx, reference: reference! };
}

describe('the time-out test card in Manage booking', () => {
  it('re-renders the review with 504 after PAYMENT_TIMEOUT_MS, and buys and charges nothing', async () => {
    const ctx = await booked();
    const url = `/bookings/${ctx.reference}/manage`;
    const agent = request.agent(ctx.app);
    await postForm(agent, '/manage', '/manage', { reference: ctx.reference, familyName: 'Lovelace' });
    const review = await postForm(agent, url, `${url}/review`, { type: 'insurance' });
    const purchase = /name="purchase" value="([^"]+)"/.exec(review.text)![1]!;
    const started = performance.now();
    const res = await postForm(agent, url, `${url}/pay`, { type: 'insurance', purchase, 'card-number': CARDS.timeout, 'card-name': CARD_HOLDER.name, 'card-expiry': CARD_HOLDER.expiry, 'card-cvc': CARD_HOLDER.cvc });
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
    expect(res.status).toBe(504);
    expect(text(res.text)).toContain('The payment service did not answer in time. No money was taken');
    expect(count(ctx, "SELECT count(*) FROM booking_items WHERE category = 'insurance'")).toBe(0);
    expect(count(ctx, "SELECT count(*) FROM payments WHERE status = 'timeout'")).toBe(1);
    expect(count(ctx, 'SELECT count(*) FROM manage_purchases')).toBe(0);
  });

  it('answers the API with 504 after PAYMENT_TIMEOUT_MS', async () => {
    const ctx = await booked();
    const started = performance.now();
    const res = await request(ctx.app)
      .post(`/api/v1/bookings/${ctx.reference}/extras?lastName=Lovelace`)
      .set('Idempotency-Key', 'timeout-0001')
      .send({ item: { type: 'insurance' }, card: { number: CARDS.timeout, ...CARD_HOLDER } });
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
    expect(res.status).toBe(504);
    expect(count(ctx, "SELECT count(*) FROM booking_items WHERE category = 'insurance'")).toBe(0);
  });
});
