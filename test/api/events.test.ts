// GET /checkouts/{id}/events and GET /bookings/{reference}/events: the offer events recorded, as a
// test would assert on them (what was shown, accepted, declined, where, under which tactic, at what price).
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app.ts';
import { API, apiCheckoutWithPassengers, card, countRows, expectConforms, expectProblem } from './api-helpers.ts';

type Event = { id: number; event: string; offerCode: string; placement: string; itemKey: string | null; price: { amountMinor: number }; tactic: string | null; variant: string | null };

describe('the recorded offer events', () => {
  it('lists a checkout’s events, oldest first, exactly as recorded: impressions, acceptances and declines with placement and price', async () => {
    const ctx = createTestApp();
    const id = await apiCheckoutWithPassengers(ctx);
    const offers = await ctx.agent.get(`${API}/checkouts/${id}/offers?placement=extras`);
    const bag = offers.body.offers.find((o: { id: string }) => o.id === 'extras:BAG_CHECKED_23KG:bag:p1:outbound');
    await ctx.agent.put(`${API}/checkouts/${id}/extras`).send({ bags: [{ passengerIdx: 1, direction: 'outbound', quantity: 1 }], hotel: { answer: 'decline' } });

    const res = await ctx.agent.get(`${API}/checkouts/${id}/events`);
    expectConforms(res);
    const events = res.body.events as Event[];
    expect(events.length).toBe(countRows(ctx, 'offer_events', 'checkout_id = ?', id));
    expect(events.map((e) => e.id)).toEqual([...events.map((e) => e.id)].sort((a, b) => a - b));
    const shownExtras = events.filter((e) => e.event === 'shown' && e.placement === 'extras');
    expect(shownExtras.length).toBe(offers.body.offers.filter((o: { placement: string }) => o.placement === 'extras').length);
    const accepted = events.find((e) => e.event === 'accepted' && e.itemKey === 'bag:p1:outbound');
    expect(accepted).toMatchObject({ offerCode: 'BAG_CHECKED_23KG', placement: 'extras', price: { amountMinor: bag.price.amountMinor, currency: 'EUR' } });
    expect(events.find((e) => e.event === 'declined' && e.itemKey === 'hotel')).toMatchObject({ placement: 'extras' });
  });

  it('lists a booking’s events (those of its checkout and after it) only with a passenger’s last name', async () => {
    const ctx = createTestApp();
    const id = await apiCheckoutWithPassengers(ctx);
    await ctx.agent.get(`${API}/checkouts/${id}/offers`);
    const paid = await ctx.agent.post(`${API}/checkouts/${id}/payment`).send(card());
    expect(paid.status).toBe(201);
    const reference = paid.body.reference as string;

    const res = await ctx.agent.get(`${API}/bookings/${reference}/events?lastName=lovelace`);
    expectConforms(res);
    const bookingId = ctx.db.prepare('SELECT id FROM bookings WHERE reference = ?').pluck().get(reference);
    expect((res.body.events as Event[]).length).toBe(countRows(ctx, 'offer_events', 'checkout_id = ? OR booking_id = ?', id, bookingId));
    expect((res.body.events as Event[]).length).toBeGreaterThan(0);

    expectProblem(await ctx.agent.get(`${API}/bookings/${reference}/events?lastName=Hopper`), 404);
    expectProblem(await ctx.agent.get(`${API}/bookings/${reference}/events`), 422, 'lastName');
    expectProblem(await ctx.agent.get(`${API}/bookings/ZZZZZZ/events?lastName=Lovelace`), 404);
  });

  it('answers 404 for an unknown or expired checkout', async () => {
    const ctx = createTestApp();
    expectProblem(await ctx.agent.get(`${API}/checkouts/AAAAAAAAAAAAAAAAAAAAAA/events`), 404);
    const id = await apiCheckoutWithPassengers(ctx);
    ctx.clock.advance(3 * 60 * 60 * 1000);
    expectProblem(await ctx.agent.get(`${API}/checkouts/${id}/events`), 404);
  });
});
