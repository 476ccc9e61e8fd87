// Fuzz of the pages: for every route, at least 300 generated requests (paths that do not decode,
// queries, form bodies with a valid CSRF token so they reach the handler) and not one 5xx.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTestApp, csrfFrom } from '../helpers/app.ts';
import { reachReview } from '../payment/pay-flow.ts';
import { anyString, formBody, pathSegment, RUNS } from './fuzz-helpers.ts';

const SEARCH = ['from', 'to', 'trip', 'depart', 'return', 'adults', 'children', 'infants'];
const CARD = ['card-number', 'card-name', 'card-expiry', 'card-cvc', 'intent'];
const PASSENGERS = ['p1-given-name', 'p1-family-name', 'p1-dob', 'p2-given-name', 'p2-dob', 'email', 'phone'];
const SEATS = ['seat-p1-outbound', 'seat-p1-return', 'seat-p2-outbound', 'intent'];
const EXTRAS = ['bags-p1-outbound', 'priority-p1-outbound', 'upgrade-outbound', 'hotel', 'hotel-nights', 'hotel-rooms', 'insurance', 'intent'];

const ROUTES: Array<{ method: 'get' | 'post'; path: string; fields: string[] }> = [
  { method: 'get', path: '/', fields: SEARCH },
  { method: 'get', path: '/flights', fields: SEARCH },
  { method: 'post', path: '/checkouts', fields: [...SEARCH, 'outboundFare', 'returnFare'] },
  { method: 'get', path: '/checkouts/:id/upgrade', fields: [] },
  { method: 'post', path: '/checkouts/:id/upgrade', fields: ['answer'] },
  { method: 'get', path: '/checkouts/:id/passengers', fields: [] },
  { method: 'post', path: '/checkouts/:id/passengers', fields: PASSENGERS },
  { method: 'get', path: '/checkouts/:id/seats', fields: ['passenger'] },
  { method: 'post', path: '/checkouts/:id/seats', fields: SEATS },
  { method: 'get', path: '/checkouts/:id/extras', fields: [] },
  { method: 'post', path: '/checkouts/:id/extras', fields: EXTRAS },
  { method: 'get', path: '/checkouts/:id/review', fields: ['declined'] },
  { method: 'post', path: '/checkouts/:id/review/insurance', fields: ['response'] },
  { method: 'post', path: '/checkouts/:id/payment', fields: CARD },
  { method: 'get', path: '/checkouts/:id/payment/challenge/:challengeId', fields: [] },
  { method: 'post', path: '/checkouts/:id/payment/challenge/:challengeId', fields: ['outcome'] },
  { method: 'get', path: '/bookings/:reference', fields: ['added'] },
  { method: 'post', path: '/bookings/:reference/hotel', fields: ['hotel', 'nights', 'rooms'] },
  { method: 'get', path: '/manage', fields: ['reference'] },
  { method: 'post', path: '/manage', fields: ['reference', 'familyName'] },
];

describe('fuzz: every page route answers any input with no 5xx', () => {
  const ctx = createTestApp({ env: { RATE_LIMIT: 'off' } });
  let checkoutId = '';
  let token = '';

  it.each(ROUTES.map((r) => [`${r.method.toUpperCase()} ${r.path}`, r] as const))('%s', async (_name, route) => {
    if (!checkoutId) {
      // One passenger, one flight: small pages, so the 300 inputs per route stay quick.
      checkoutId = await reachReview(ctx);
      token = csrfFrom((await ctx.agent.get(`/checkouts/${checkoutId}/review`)).text);
    }
    const input = fc.record({
      params: fc.dictionary(fc.constantFrom('id', 'challengeId', 'reference'), fc.oneof(fc.constant(checkoutId), pathSegment), { minKeys: 3, maxKeys: 3 }),
      query: formBody(route.fields),
      body: formBody(route.fields),
      withToken: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(input, async ({ params, query, body, withToken }) => {
        const path = route.path.replace(/:(\w+)/g, (_m, name: string) => params[name] ?? 'x');
        const url = `${path}${query.size ? `?${query.toString()}` : ''}`;
        if (withToken) body.append('_csrf', token);
        const res = route.method === 'get' ? await ctx.agent.get(url) : await ctx.agent.post(path).type('form').send(body.toString());
        expect(res.status, `${route.method.toUpperCase()} ${url} ${body.toString().slice(0, 300)}`).toBeLessThan(500);
        expect(res.text).not.toMatch(/\bat \S+ \(|SqliteError|node_modules/);
      }),
      { numRuns: RUNS },
    );
  });

  it('used the generators it claims (a string of any kind, a path segment)', () => {
    expect(fc.sample(anyString, 50).length).toBe(50);
    expect(fc.sample(pathSegment, 50).some((s) => s.includes('%'))).toBe(true);
  });
});
