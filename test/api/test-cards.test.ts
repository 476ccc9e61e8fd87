// The test cards beyond approve / decline / 3-D Secure / time-out: an expired card, a wrong security
// code, a processing error (each a 402 with its declineReason, nothing charged or booked) and
// frictionless 3-D Secure (booked at once, no challenge). Listed in the OpenAPI document's x-test-cards.
import { describe, expect, it } from 'vitest';
import { API_ROUTES } from '../../src/features/api/api.routes.ts';
import { openApiDocument } from '../../src/features/api/openapi.ts';
import { createTestApp } from '../helpers/app.ts';
import { API, apiCheckoutWithPassengers, card, countRows, expectConforms, expectProblem } from './api-helpers.ts';

const DECLINING = [
  { number: '4000 0000 0000 0069', reason: 'expired_card' },
  { number: '4000 0000 0000 0127', reason: 'incorrect_cvc' },
  { number: '4000 0000 0000 0226', reason: 'processing_error' },
] as const;

describe('more test cards', () => {
  for (const { number, reason } of DECLINING) {
    it(`declines ${number} with 402 declineReason ${reason}, books nothing and lets the next card pay`, async () => {
      const ctx = createTestApp();
      const id = await apiCheckoutWithPassengers(ctx);
      const res = await ctx.agent.post(`${API}/checkouts/${id}/payment`).send(card(number));
      expectProblem(res, 402);
      expectConforms(res);
      expect(res.body.declineReason).toBe(reason);
      expect(res.body.detail).toContain('No money was taken');
      expect(countRows(ctx, 'bookings')).toBe(0);
      expect(countRows(ctx, 'payments', "status = 'declined' AND decline_reason = ?", reason)).toBe(1);
      expect((await ctx.agent.post(`${API}/checkouts/${id}/payment`).send(card())).status).toBe(201);
    });
  }

  it('books frictionless 3-D Secure (4000 0000 0000 3055) at once, without a challenge', async () => {
    const ctx = createTestApp();
    const id = await apiCheckoutWithPassengers(ctx);
    const res = await ctx.agent.post(`${API}/checkouts/${id}/payment`).send(card('4000 0000 0000 3055'));
    expect(res.status).toBe(201);
    expectConforms(res);
    expect(countRows(ctx, 'payment_challenges')).toBe(0);
    expect(countRows(ctx, 'bookings')).toBe(1);
  });

  it('lists every test card in the OpenAPI document with its behaviour', () => {
    const cards = openApiDocument(API_ROUTES)['x-test-cards'];
    expect(cards.map((c) => c.behaviour)).toEqual(
      expect.arrayContaining(['approve', 'decline', 'insufficient_funds', 'expired_card', 'incorrect_cvc', 'processing_error', 'challenge', 'frictionless', 'timeout']),
    );
  });
});
