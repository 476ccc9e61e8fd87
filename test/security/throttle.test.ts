// Probing is throttled: failed booking look-ups (page and API) and failed payment attempts (per
// checkout and per client) answer 429 with the standard RateLimit headers once over the limit.
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import express from 'express';
import { errorHandler } from '../../src/lib/error-mapper.ts';
import { createThrottles, THROTTLE_LIMITS } from '../../src/lib/throttle.ts';
import { createTestApp, csrfFrom, text, type TestContext } from '../helpers/app.ts';
import { API, apiCheckoutWithPassengers, card, CARDS, expectConforms } from '../api/api-helpers.ts';
import { payAndBook, reachReview } from '../payment/pay-flow.ts';

/** `n` different well-formed references that no booking of these tests has (all start with ZZ). */
const probes = (n: number) => Array.from({ length: n }, (_, i) => `ZZ${'ABCDEFGHJK'[i % 10]}${'ABCDEFGHJK'[Math.floor(i / 10) % 10]}ZZ`);

async function lookUp(agent: ReturnType<typeof request.agent>, reference: string, familyName: string) {
  const token = csrfFrom((await agent.get('/manage')).text);
  return agent.post('/manage').type('form').send({ _csrf: token, reference, familyName });
}

function expectRateLimited(res: request.Response, policy: string): void {
  expect(res.status).toBe(429);
  // Two throttles on one route each add their entry to the same headers.
  expect(res.headers['ratelimit']).toMatch(new RegExp(`(^|, )"${policy}"; r=0; t=\\d+`));
  expect(res.headers['ratelimit-policy']).toMatch(new RegExp(`(^|, )"${policy}"; q=\\d+; w=900`));
  expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
}

describe('throttling booking look-ups', () => {
  it('answers reference probing on /manage with 429 after 10 failures, and then refuses even a right guess', async () => {
    const ctx = createTestApp();
    const reference = await payAndBook(ctx, await reachReview(ctx));
    const prober = request.agent(ctx.app);
    const { limit } = THROTTLE_LIMITS.bookingLookup;
    for (const probe of probes(limit)) {
      const res = await lookUp(prober, probe, 'Lovelace');
      expect(res.status).toBe(422);
      expect(res.headers['ratelimit']).toMatch(/^"bookingLookup"; r=\d+; t=\d+/);
    }
    const limited = await lookUp(prober, 'ZZZZZZ', 'Lovelace');
    expectRateLimited(limited, 'bookingLookup');
    expect(text(limited.text)).toContain('Too many booking look-ups');
    expect(limited.text).toContain('data-testid="error-page"');
    const right = await lookUp(prober, reference, 'Lovelace');
    expect(right.status).toBe(429);
  });

  it('never counts a look-up that finds its booking: a customer can come back as often as they like', async () => {
    const ctx = createTestApp();
    const reference = await payAndBook(ctx, await reachReview(ctx));
    for (let i = 0; i < THROTTLE_LIMITS.bookingLookup.limit + 3; i += 1) expect((await lookUp(ctx.agent, reference, 'Lovelace')).status).toBe(303);
  });

  it('answers reference probing on GET /api/v1/bookings/{reference} with a 429 problem (too-many-requests)', async () => {
    const ctx = createTestApp();
    for (const probe of probes(THROTTLE_LIMITS.bookingLookup.limit)) {
      expect((await request(ctx.app).get(`${API}/bookings/${probe}?lastName=Lovelace`)).status).toBe(404);
    }
    const limited = await request(ctx.app).get(`${API}/bookings/ZZZZZZ?lastName=Lovelace`);
    expectRateLimited(limited, 'bookingLookup');
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited.body).toMatchObject({ type: '/docs/api#problem-too-many-requests', status: 429, title: 'Too many requests' });
    expectConforms(limited);
  });

  it('throttles nothing with RATE_LIMIT=off (benchmarks only)', async () => {
    const ctx = createTestApp({ env: { RATE_LIMIT: 'off' } });
    for (const probe of probes(THROTTLE_LIMITS.bookingLookup.limit + 5)) {
      const res = await request(ctx.app).get(`${API}/bookings/${probe}?lastName=Lovelace`);
      expect(res.status).toBe(404);
      expect(res.headers['ratelimit']).toBeUndefined();
    }
  });
});

async function declineTimes(ctx: TestContext, id: string, n: number, session: Record<string, string>) {
  const statuses: number[] = [];
  for (let i = 0; i < n; i += 1) statuses.push((await request(ctx.app).post(`${API}/checkouts/${id}/payment`).set(session).send(card(CARDS.decline))).status);
  return statuses;
}

describe('throttling payment attempts', () => {
  it('stops card after card on one checkout: 10 declines, then 429 however good the next card is', async () => {
    const ctx = createTestApp();
    const id = await apiCheckoutWithPassengers(ctx);
    const { limit } = THROTTLE_LIMITS.paymentPerCheckout;
    const statuses = [];
    for (let i = 0; i < limit; i += 1) statuses.push((await ctx.agent.post(`${API}/checkouts/${id}/payment`).send(card(CARDS.decline))).status);
    expect(statuses).toEqual(Array(limit).fill(402));
    const limited = await ctx.agent.post(`${API}/checkouts/${id}/payment`).send(card());
    expectRateLimited(limited, 'paymentPerCheckout');
    expect(limited.body.type).toBe('/docs/api#problem-too-many-requests');
    expect(ctx.db.prepare('SELECT count(*) FROM bookings').pluck().get()).toBe(0);
    // Another checkout of the same client is not blocked by this one's quota.
    const other = await apiCheckoutWithPassengers(ctx);
    expect((await ctx.agent.post(`${API}/checkouts/${other}/payment`).send(card())).status).toBe(201);
  });

  it('stops a client trying cards across many checkouts: 429 after 30 failures in all', async () => {
    const ctx = createTestApp();
    const session = { 'X-Session-Id': 'card-tester-0001' };
    const { limit } = THROTTLE_LIMITS.paymentPerClient;
    const perCheckout = THROTTLE_LIMITS.paymentPerCheckout.limit - 1;
    let failures = 0;
    while (failures < limit) {
      const ctxForSession = { ...ctx, agent: request.agent(ctx.app).set(session) } as TestContext;
      const id = await apiCheckoutWithPassengers(ctxForSession);
      const statuses = await declineTimes(ctx, id, Math.min(perCheckout, limit - failures), session);
      expect(new Set(statuses)).toEqual(new Set([402]));
      failures += statuses.length;
    }
    const ctxForSession = { ...ctx, agent: request.agent(ctx.app).set(session) } as TestContext;
    const fresh = await apiCheckoutWithPassengers(ctxForSession);
    const limited = await request(ctx.app).post(`${API}/checkouts/${fresh}/payment`).set(session).send(card());
    expectRateLimited(limited, 'paymentPerClient');
  });

  it('throttles the payment form of the pages too, with a page', async () => {
    const ctx = createTestApp();
    const id = await reachReview(ctx);
    const { limit } = THROTTLE_LIMITS.paymentPerCheckout;
    let last: request.Response | undefined;
    for (let i = 0; i <= limit; i += 1) {
      const token = csrfFrom((await ctx.agent.get(`/checkouts/${id}/review`)).text);
      last = await ctx.agent
        .post(`/checkouts/${id}/payment`)
        .type('form')
        .send({ _csrf: token, 'card-number': CARDS.decline, 'card-name': 'Ada Lovelace', 'card-expiry': '12/30', 'card-cvc': '123' });
      if (i < limit) expect(last.status).not.toBe(429);
    }
    expectRateLimited(last!, 'paymentPerCheckout');
    expect(text(last!.text)).toContain('Too many payment attempts');
  });
});

describe('the trainer sign-in throttle (ready for the trainer console)', () => {
  it('answers 429 after 5 failed sign-ins from one client, and never counts a successful one', async () => {
    const app = express();
    app.use(express.urlencoded({ extended: false }));
    const { trainerSignIn } = createThrottles(true);
    app.post('/trainer/sign-in', trainerSignIn, (req, res) => {
      res.status((req.body as { password?: string }).password === 'right' ? 303 : 401).end();
    });
    app.use(errorHandler);
    for (let i = 0; i < THROTTLE_LIMITS.trainerSignIn.limit + 3; i += 1) expect((await request(app).post('/trainer/sign-in').type('form').send('password=right')).status).toBe(303);
    for (let i = 0; i < THROTTLE_LIMITS.trainerSignIn.limit; i += 1) expect((await request(app).post('/trainer/sign-in').type('form').send('password=wrong')).status).toBe(401);
    const limited = await request(app).post('/trainer/sign-in').type('form').send('password=right');
    expect(limited.status).toBe(429);
    expect(limited.text).toContain('Too many sign-in attempts');
    expect(limited.headers['ratelimit']).toMatch(/"trainerSignIn"; r=0/);
  });
});
