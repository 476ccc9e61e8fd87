// test/helpers/factories.ts puts a checkout at a step through the domain; these tests check that the
// pages agree it is there, so tests that start from a factory start where they think they do.
import { describe, expect, it } from 'vitest';
import { createTestApp, text } from '../helpers/app.ts';
import { checkoutAt } from '../helpers/factories.ts';
import { CARDS, TRIPS } from '../helpers/fixtures.ts';

describe('checkout factories', () => {
  it("'passengers' opens a checkout on the trip's fares with nobody named: later steps send the customer back to passengers", async () => {
    const ctx = createTestApp();
    const { id, checkout } = await checkoutAt(ctx, 'passengers', { ...TRIPS.familyToLisbon, family: 'standard' });
    expect(checkout.flights.map((f) => [f.direction, f.family])).toEqual([['outbound', 'standard'], ['return', 'standard']]);
    expect(checkout.passengers.map((p) => p.type)).toEqual(['adult', 'adult', 'child']);
    expect((await ctx.agent.get(`/checkouts/${id}/passengers`)).status).toBe(200);
    const seats = await ctx.agent.get(`/checkouts/${id}/seats`);
    expect(seats.status).toBe(303);
    expect(seats.headers.location).toBe(`/checkouts/${id}/passengers`);
  });

  it("belongs to the test agent's session, as a checkout opened through the pages does", async () => {
    const ctx = createTestApp();
    const { checkout } = await checkoutAt(ctx, 'passengers', TRIPS.soloToLondon);
    const res = await ctx.agent.get('/api/v1/airports');
    expect(checkout.sessionId).toBe(res.headers['x-session-id']);
  });

  it("'seats' has the fixtures' passengers and contact entered, so the seats page opens", async () => {
    const ctx = createTestApp();
    const { id, checkout } = await checkoutAt(ctx, 'seats', TRIPS.familyWithInfantToLisbon);
    expect(checkout.passengers.map((p) => `${p.givenName} ${p.type} ${p.dateOfBirth ?? ''}`.trim())).toEqual([
      'Ada adult',
      'Brian adult',
      'Cora child 2018-05-01',
      'Dara infant 2026-03-01',
    ]);
    expect(checkout.contactEmail).toBe('ada@example.com');
    expect((await ctx.agent.get(`/checkouts/${id}/seats`)).status).toBe(200);
  });

  it("'review' holds the seats and saves the extras given, and the review page prices them", async () => {
    const ctx = createTestApp();
    const { id, checkout } = await checkoutAt(ctx, 'review', TRIPS.soloToLondon, {
      seats: 'first-free',
      extras: { bags: [{ passengerIdx: 1, direction: 'outbound', quantity: 1 }] },
    });
    const seat = ctx.db.prepare('SELECT seat FROM seat_assignments WHERE checkout_id = ?').pluck().get(id) as string;
    expect(seat).toMatch(/^\d+[A-K]$/);
    expect(checkout.status).toBe('open');
    const review = await ctx.agent.get(`/checkouts/${id}/review`);
    expect(review.status).toBe(200);
    expect(text(review.text)).toContain(seat);
    expect(review.text).toContain('data-testid="review-line-seat-p1-outbound"');
    expect(review.text).toContain('data-testid="review-line-bag-p1-outbound"');
  });

  it("'booked' pays with the approving card: the checkout answers with its booking", async () => {
    const ctx = createTestApp();
    const { id, reference } = await checkoutAt(ctx, 'booked', TRIPS.soloToLondon);
    expect(reference).toMatch(/^[A-Z0-9]{6}$/);
    const review = await ctx.agent.get(`/checkouts/${id}/review`);
    expect(review.status).toBe(303);
    expect(review.headers.location).toBe(`/bookings/${reference}`);
  });

  it("'booked' with the challenge card leaves the checkout open with a 3-D Secure challenge pending", async () => {
    const ctx = createTestApp();
    const { checkout, payment, reference } = await checkoutAt(ctx, 'booked', TRIPS.soloToLondon, { card: CARDS.challenge });
    expect(payment?.status).toBe('challenge');
    expect(reference).toBeUndefined();
    expect(checkout.status).toBe('open');
  });
});
