// A seat whose 15-minute hold lapsed and which another traveller then took is not lost silently:
// its checkout's review page names it and payment refuses until seats are chosen again.
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createTestApp, postForm, text, type TestContext } from '../helpers/app.ts';
import { fillPassengers, openCheckout, type Trip } from '../helpers/flow.ts';
import { count, pay } from '../payment/pay-flow.ts';
import { TRIPS } from '../helpers/fixtures.ts';

const TRIP: Trip = TRIPS.soloToLondon;

async function checkoutWithSeat(ctx: TestContext, seat?: string): Promise<{ id: string; seat: string }> {
  const id = await openCheckout(ctx, TRIP);
  await fillPassengers(ctx, id, TRIP);
  const url = `/checkouts/${id}/seats`;
  const page = await ctx.agent.get(url);
  const chosen = seat ?? /<button name="pick" value="outbound:(\d+[A-F])"/.exec(page.text)?.[1];
  if (!chosen) throw new Error('no free seat on the map');
  const res = await postForm(ctx.agent, url, url, { 'seat-p1-outbound': chosen });
  expect(res.status, res.text.slice(0, 1500)).toBe(303);
  return { id, seat: chosen };
}

describe('a lapsed seat hold taken by another traveller', () => {
  it('is named on the review page and stops payment until seats are chosen again', async () => {
    const ctx = createTestApp();
    const first = await checkoutWithSeat(ctx);
    ctx.clock.advance(16 * 60_000);
    // A second shopper: same app and database, another browser (cookie jar, so another session).
    await checkoutWithSeat({ ...ctx, agent: request.agent(ctx.app) }, first.seat);

    const review = await ctx.agent.get(`/checkouts/${first.id}/review`);
    expect(text(review.text)).toContain(first.seat);
    expect(review.text).toContain('data-testid="seat-hold-expired"');

    const res = await pay(ctx, first.id);
    expect(res.status).toBe(409);
    expect(count(ctx, 'SELECT count(*) FROM bookings')).toBe(0);

    await ctx.agent.get(`/checkouts/${first.id}/seats`);
    const again = await ctx.agent.get(`/checkouts/${first.id}/review`);
    expect(again.text).not.toContain('data-testid="seat-hold-expired"');
  });
});
