// Manage booking in the JSON API: the offers of a booking, a purchase with Idempotency-Key (one charge),
// refusals as problem documents with domain paths, and the signed Location of a purchase.
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { expectConforms } from '../api/api-helpers.ts';
import { bookedTrip, bookingTotal, card, count, departsAt } from './manage-helpers.ts';

const API = '/api/v1';

describe('Manage booking API', () => {
  it('lists what a booking can still buy, for whoever knows a passenger\'s name, and 404 for a wrong name', async () => {
    const ctx = await bookedTrip();
    const client = request(ctx.app);
    const res = await client.get(`${API}/bookings/${ctx.reference}/offers?lastName=lovelace`);
    expect(res.status).toBe(200);
    expectConforms(res);
    const types = new Set(res.body.offers.map((o: { type: string }) => o.type));
    expect([...types].sort()).toEqual(['bag', 'car', 'hotel', 'insurance', 'priority', 'seat', 'upgrade']);
    const bag = res.body.offers.find((o: { type: string; passengerIdx: number; direction: string }) => o.type === 'bag' && o.passengerIdx === 1 && o.direction === 'outbound');
    expect(bag).toMatchObject({ available: true, refusal: null, price: { currency: 'EUR' } });
    expect((await client.get(`${API}/bookings/${ctx.reference}/offers?lastName=Babbage`)).status).toBe(404);
  });

  it('buys a bag with an Idempotency-Key: 201 with the booking, a retry replays it, one charge; the Location opens the booking as returned', async () => {
    const ctx = await bookedTrip();
    const before = bookingTotal(ctx);
    const body = { item: { type: 'bag', passengerIdx: 2, direction: 'return', quantity: 1 }, card: card() };
    const send = () => request(ctx.app).post(`${API}/bookings/${ctx.reference}/extras?lastName=Lovelace`).set('Idempotency-Key', 'manage-bag-0001').send(body);
    const first = await send();
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expectConforms(first);
    expect(first.body).toMatchObject({ status: 'bought', purchaseId: 'manage-bag-0001' });
    const again = await send();
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(bookingTotal(ctx)).toBe(before + first.body.charged.amountMinor);
    expect(count(ctx, "SELECT count(*) FROM manage_purchases WHERE id = 'manage-bag-0001'")).toBe(1);
    const followed = await request(ctx.app).get(first.headers.location!);
    expect(followed.status).toBe(200);
    expect(followed.body.total.amountMinor).toBe(before + first.body.charged.amountMinor);
  });

  it('refuses a purchase after the cut-off with 409 and the path item, and a bag count over the limit with 422 at item/quantity', async () => {
    const ctx = await bookedTrip();
    const url = `${API}/bookings/${ctx.reference}/extras?lastName=Lovelace`;
    const tooMany = await request(ctx.app).post(url).set('Idempotency-Key', 'manage-bag-0002').send({ item: { type: 'bag', passengerIdx: 1, direction: 'outbound', quantity: 9 }, card: card() });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.errors.map((e: { field: string }) => e.field)).toEqual(['item/quantity']);
    ctx.clock.set(new Date(departsAt(ctx).getTime() - 30 * 60_000).toISOString());
    const late = await request(ctx.app).post(url).set('Idempotency-Key', 'manage-bag-0003').send({ item: { type: 'bag', passengerIdx: 1, direction: 'outbound', quantity: 1 }, card: card() });
    expect(late.status).toBe(409);
    expectConforms(late);
    expect(late.body.detail).toMatch(/until 2 hours before departure/);
    expect(late.body.errors.map((e: { field: string }) => e.field)).toEqual(['item']);
  });

  it('answers 3-D Secure with 202 and where to answer it; approving buys once', async () => {
    const ctx = await bookedTrip();
    const paid = await request(ctx.app).post(`${API}/bookings/${ctx.reference}/extras?lastName=Lovelace`).set('Idempotency-Key', 'manage-ins-0001').send({ item: { type: 'insurance' }, card: card('4000 0027 6000 3184') });
    expect(paid.status).toBe(202);
    expectConforms(paid);
    const answered = await request(ctx.app).post(`${paid.headers.location}?lastName=Lovelace`).send({ outcome: 'approve' });
    expect(answered.status).toBe(201);
    expect(count(ctx, "SELECT count(*) FROM booking_items WHERE category = 'insurance'")).toBe(1);
  });
});
