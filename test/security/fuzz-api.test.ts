// Fuzz of the JSON API: for every route, at least 300 generated requests (paths that do not decode,
// queries, JSON and not-JSON bodies, session headers) and not one 5xx. In-process, throttles off.
import fc from 'fast-check';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { API_ROUTES } from '../../src/features/api/api.routes.ts';
import { createTestApp } from '../helpers/app.ts';
import { API, apiCheckoutWithPassengers } from '../api/api-helpers.ts';
import { anyString, pathSegment, rawJson, RUNS } from './fuzz-helpers.ts';

const SESSION = 'fuzz-session-0001';

describe('fuzz: the JSON API answers any input with no 5xx', () => {
  const ctx = createTestApp({ env: { RATE_LIMIT: 'off', TEST_MODE: '0' } });
  let checkoutId = '';

  it.each(API_ROUTES.map((r) => [`${r.method.toUpperCase()} ${r.path}`, r] as const))('%s', async (_name, route) => {
    if (!checkoutId) {
      const agent = request.agent(ctx.app).set('X-Session-Id', SESSION);
      checkoutId = await apiCheckoutWithPassengers({ ...ctx, agent });
    }
    const input = fc.record({
      // The real checkout of the session half the time, so the body reaches the operation.
      params: fc.dictionary(fc.constantFrom('id', 'challengeId', 'reference'), fc.oneof(fc.constant(checkoutId), pathSegment), { minKeys: 3, maxKeys: 3 }),
      query: fc.dictionary(fc.oneof(fc.constantFrom('from', 'to', 'depart', 'return', 'adults', 'children', 'infants', 'lastName', 'placement'), anyString), anyString, { maxKeys: 6 }),
      body: rawJson,
      contentType: fc.constantFrom('application/json', 'application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1'),
      session: fc.oneof(fc.constant(SESSION), fc.constant(SESSION), anyString.filter((s) => /^[\t\x20-\x7e]*$/.test(s))),
    });
    let worst = 0;
    await fc.assert(
      fc.asyncProperty(input, async ({ params, query, body, contentType, session }) => {
        const path = route.path.replace(/:(\w+)/g, (_m, name: string) => params[name] ?? 'x');
        const qs = new URLSearchParams();
        for (const [k, v] of Object.entries(query)) qs.append(k, v);
        const url = `${API}${path}${qs.size ? `?${qs.toString()}` : ''}`;
        let req = request(ctx.app)[route.method](url).set('X-Session-Id', session);
        if (route.method !== 'get') req = req.set('Content-Type', contentType).send(body);
        const res = await req;
        worst = Math.max(worst, res.status);
        expect(res.status, `${route.method.toUpperCase()} ${url} ${String(body).slice(0, 200)}`).toBeLessThan(500);
        expect(res.text).not.toMatch(/\bat \S+ \(|SqliteError|node_modules/);
      }),
      { numRuns: RUNS },
    );
    expect(worst).toBeLessThan(500);
  });
});
