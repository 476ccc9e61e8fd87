// A checkout belongs to the session that opened it: another session gets the 404 of an unknown id,
// on every page of the flow and every API route under /checkouts/{id}.
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createTestApp, postForm } from '../helpers/app.ts';
import { API, apiCheckoutWithPassengers, card, passengersBody, ONE_WAY as API_TRIP } from '../api/api-helpers.ts';
import { cardFields, reachReview } from '../payment/pay-flow.ts';

const UNKNOWN = 'AAAAAAAAAAAAAAAAAAAAAA';

describe('a checkout belongs to its session', () => {
  it("answers every page of another session's checkout with the 404 of an unknown id, and changes nothing", async () => {
    const ctx = createTestApp();
    const id = await reachReview(ctx);
    const stranger = request.agent(ctx.app);
    await stranger.get('/');
    for (const step of ['upgrade', 'passengers', 'seats', 'extras', 'review']) {
      const theirs = await stranger.get(`/checkouts/${id}/${step}`);
      const unknown = await stranger.get(`/checkouts/${UNKNOWN}/${step}`);
      expect(theirs.status, step).toBe(404);
      expect(theirs.text.replace(/value="[^"]*"/g, '')).toBe(unknown.text.replace(/value="[^"]*"/g, ''));
      expect(theirs.text).not.toContain('ada@example.com');
    }
    const before = ctx.db.prepare('SELECT updated_at, contact_email FROM checkouts WHERE id = ?').get(id);
    const changed = await postForm(stranger, '/manage', `/checkouts/${id}/passengers`, { 'p1-given-name': 'Mallory', 'p1-family-name': 'Evil', email: 'm@evil.test', phone: '+1 555 0100' });
    expect(changed.status).toBe(404);
    const paid = await postForm(stranger, '/manage', `/checkouts/${id}/payment`, cardFields());
    expect(paid.status).toBe(404);
    expect(ctx.db.prepare('SELECT updated_at, contact_email FROM checkouts WHERE id = ?').get(id)).toEqual(before);
    expect(ctx.db.prepare('SELECT count(*) FROM bookings').pluck().get()).toBe(0);
    // The owner is not disturbed.
    expect((await ctx.agent.get(`/checkouts/${id}/review`)).status).toBe(200);
  });

  it('identifies an API session by X-Session-Id: the same header keeps the checkout, another one gets the unknown-id 404 problem', async () => {
    const ctx = createTestApp();
    const mine = { 'X-Session-Id': 'tester-session-0001' };
    const search = await request(ctx.app).get(`${API}/flights?from=DUB&to=LIS&depart=2026-12-10&adults=1&children=0&infants=0`).set(mine);
    const fareId = search.body.directions[0].flights[0].fares[0].fareId as number;
    const created = await request(ctx.app).post(`${API}/checkouts`).set(mine).send({ search: search.body.search, outbound: { fareId } });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await request(ctx.app).put(`${API}/checkouts/${id}/passengers`).set(mine).send(passengersBody(API_TRIP))).status).toBe(200);

    const other = { 'X-Session-Id': 'someone-else-0002' };
    const probes = [
      (c: string) => request(ctx.app).get(`${API}/checkouts/${c}`),
      (c: string) => request(ctx.app).put(`${API}/checkouts/${c}/passengers`).send(passengersBody(API_TRIP)),
      (c: string) => request(ctx.app).get(`${API}/checkouts/${c}/seat-maps`),
      (c: string) => request(ctx.app).get(`${API}/checkouts/${c}/offers?placement=extras`),
      (c: string) => request(ctx.app).post(`${API}/checkouts/${c}/payment`).send(card()),
    ];
    for (const probe of probes) {
      const theirs = await probe(id).set(other);
      const unknown = await probe(UNKNOWN).set(other);
      expect(theirs.status, String(probe)).toBe(404);
      expect({ ...theirs.body, instance: undefined }).toEqual({ ...unknown.body, instance: undefined });
    }
    // Without any session (no header, no cookie) a request is a session of its own: 404 too.
    expect((await request(ctx.app).get(`${API}/checkouts/${id}`)).status).toBe(404);
    expect(ctx.db.prepare('SELECT count(*) FROM bookings').pluck().get()).toBe(0);
    expect((await request(ctx.app).get(`${API}/checkouts/${id}`).set(mine)).status).toBe(200);
  });

  it('lets the cookie session of the pages use its checkout through the API too (one session, two doors)', async () => {
    const ctx = createTestApp();
    const id = await apiCheckoutWithPassengers(ctx);
    expect((await ctx.agent.get(`/checkouts/${id}/seats`)).status).toBe(200);
  });
});
