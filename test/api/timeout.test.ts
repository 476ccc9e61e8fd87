// The time-out test card (4000 0000 0000 0119): the simulated processor does not answer, the customer
// is told after PAYMENT_TIMEOUT_MS that nothing was taken, and nothing is booked or charged.
import { describe, expect, it } from 'vitest';
import { createTestApp, postForm, text } from '../helpers/app.ts';
import { fillPassengers, openCheckout } from '../helpers/flow.ts';
import { API, apiCheckoutWithPassengers, card, CARDS, countRows, expectConforms, expectProblem } from './api-helpers.ts';

const MESSAGE = 'The payment service did not answer in time. No money was taken and nothing was booked; you can try again.';

describe('the time-out test card', () => {
  it('answers 504 in the API after PAYMENT_TIMEOUT_MS, books and charges nothing, and a retry with a good card books', async () => {
    const ctx = createTestApp({ env: { PAYMENT_TIMEOUT_MS: '50' } });
    const id = await apiCheckoutWithPassengers(ctx);
    const seatsSold = ctx.db.prepare('SELECT sum(seats_sold) FROM fares').pluck().get();
    const started = performance.now();
    const res = await ctx.agent.post(`${API}/checkouts/${id}/payment`).send(card(CARDS.timeout));
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
    expectProblem(res, 504);
    expectConforms(res);
    expect(res.body).toMatchObject({ type: '/docs/api#problem-payment-timeout', detail: MESSAGE });
    expect(countRows(ctx, 'bookings')).toBe(0);
    expect(countRows(ctx, 'payments', "status = 'timeout' AND booking_id IS NULL")).toBe(1);
    expect(countRows(ctx, 'payments', "status <> 'timeout'")).toBe(0);
    expect(ctx.db.prepare('SELECT sum(seats_sold) FROM fares').pluck().get()).toBe(seatsSold);
    expect((await ctx.agent.get(`${API}/checkouts/${id}`)).body.status).toBe('open');

    const retry = await ctx.agent.post(`${API}/checkouts/${id}/payment`).send(card());
    expect(retry.status).toBe(201);
  });

  it('re-renders the review page with 504 and the message, and books nothing', async () => {
    const ctx = createTestApp({ env: { PAYMENT_TIMEOUT_MS: '50' } });
    const trip = { from: 'DUB', to: 'LIS', depart: '2026-12-10' };
    const id = await openCheckout(ctx, trip);
    await fillPassengers(ctx, id, trip);
    const review = await ctx.agent.get(`/checkouts/${id}/review`);
    expect(text(review.text)).toContain('4000 0000 0000 0119');
    const res = await postForm(ctx.agent, `/checkouts/${id}/review`, `/checkouts/${id}/payment`, {
      'card-number': CARDS.timeout,
      'card-name': 'Ada Lovelace',
      'card-expiry': '12/30',
      'card-cvc': '123',
    });
    expect(res.status).toBe(504);
    expect(text(res.text)).toContain(MESSAGE);
    expect(countRows(ctx, 'bookings')).toBe(0);
    expect(countRows(ctx, 'payments', "status = 'timeout'")).toBe(1);
  });
});
