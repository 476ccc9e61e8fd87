// Idempotency-Key on every POST and PUT of the API (not only payment), with payment's semantics:
// a retry with the same key, path and body answers the stored answer without doing it again.
import { describe, expect, it } from 'vitest';
import { API_ROUTES } from '../../src/features/api/api.routes.ts';
import { openApiDocument, openApiPath } from '../../src/features/api/openapi.ts';
import { createTestApp } from '../helpers/app.ts';
import { API, apiCheckout, countRows, expectConforms, expectProblem, ONE_WAY, passengersBody } from './api-helpers.ts';

describe('Idempotency-Key on every POST and PUT', () => {
  it('opens one checkout for a retried POST /checkouts with the same key, answering it again, marked replayed', async () => {
    const ctx = createTestApp();
    const search = await ctx.agent.get(`${API}/flights?from=DUB&to=LIS&depart=2026-12-10&adults=1&children=0&infants=0`);
    const fareId = search.body.directions[0].flights[0].fares[0].fareId as number;
    const body = { search: search.body.search, outbound: { fareId } };
    const first = await ctx.agent.post(`${API}/checkouts`).set('Idempotency-Key', 'open-1').send(body);
    expect(first.status).toBe(201);
    const again = await ctx.agent.post(`${API}/checkouts`).set('Idempotency-Key', 'open-1').send(body);
    expectConforms(again);
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers.location).toBe(first.headers.location);
    expect(countRows(ctx, 'checkouts')).toBe(1);
  });

  it('replays a PUT, and refuses the key with another body (422, code key_reused) changing nothing', async () => {
    const ctx = createTestApp();
    const checkout = await apiCheckout(ctx, ONE_WAY);
    const url = `${API}/checkouts/${checkout.id}/passengers`;
    const first = await ctx.agent.put(url).set('Idempotency-Key', 'pax-1').send(passengersBody(ONE_WAY));
    expect(first.status).toBe(200);
    const replay = await ctx.agent.put(url).set('Idempotency-Key', 'pax-1').send(passengersBody(ONE_WAY));
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(first.body);

    const other = passengersBody(ONE_WAY);
    other.passengers[0].givenName = 'Grace';
    const reused = await ctx.agent.put(url).set('Idempotency-Key', 'pax-1').send(other);
    expectProblem(reused, 422, 'Idempotency-Key');
    expect(reused.body.errors[0].code).toBe('key_reused');
    const now = await ctx.agent.get(`${API}/checkouts/${checkout.id}`);
    expect(now.body.passengers[0].givenName).toBe('Ada');
  });

  it('stores a refusal too: a retried 422 answers the same without running again', async () => {
    const ctx = createTestApp();
    const checkout = await apiCheckout(ctx, ONE_WAY);
    const url = `${API}/checkouts/${checkout.id}/seats`;
    const bad = { seats: [{ passengerIdx: 1, direction: 'outbound', seat: '99Z' }] };
    const first = await ctx.agent.put(url).set('Idempotency-Key', 'seat-1').send(bad);
    const second = await ctx.agent.put(url).set('Idempotency-Key', 'seat-1').send(bad);
    expect(second.status).toBe(first.status);
    expect(second.body).toEqual(first.body);
    expect(second.headers['idempotent-replayed']).toBe('true');
  });

  it('is documented on every POST and PUT (but the tester-only /test/* ones), with Idempotent-Replayed, 409 Retry-After and 422', () => {
    const doc = openApiDocument(API_ROUTES);
    for (const route of API_ROUTES.filter((r) => r.method !== 'get')) {
      const op = doc.paths[openApiPath(route.path)]![route.method]!;
      const hasKey = op.parameters.some((p) => '$ref' in p && p.$ref === '#/components/parameters/IdempotencyKey');
      const label = `${route.method} ${route.path}`;
      if (route.path.startsWith('/test/')) {
        expect(hasKey, label).toBe(false);
        continue;
      }
      expect(hasKey, label).toBe(true);
      expect(Object.keys(op.responses['409']!.headers ?? {}), label).toEqual(expect.arrayContaining(['Retry-After', 'Idempotent-Replayed']));
      expect(op.responses['422'], label).toBeDefined();
      const success = Object.entries(op.responses).find(([status]) => status.startsWith('2'))!;
      expect(Object.keys(success[1].headers ?? {}), label).toContain('Idempotent-Replayed');
    }
  });
});
