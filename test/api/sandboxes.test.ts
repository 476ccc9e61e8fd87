// Sandboxes (TEST_MODE=1): private copies of the seeded demo with their own clock and reset, chosen per
// request by the Skylark-Sandbox header or the cookie set by /enter; idle ones expire, their number is capped.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { Sandboxes } from '../../src/features/testing/sandboxes.ts';
import { migrate, openDatabase } from '../../src/db/database.ts';
import { fixedClock } from '../../src/lib/clock.ts';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { TEST_NOW } from '../helpers/db.ts';
import { API, apiCheckoutWithPassengers, card, countRows, expectConforms, expectProblem } from './api-helpers.ts';

const SANDBOX = 'Skylark-Sandbox';

/** The same app, every request of its agent carrying the sandbox header. */
function inSandbox(ctx: TestContext, id: string): TestContext {
  const agent = request.agent(ctx.app).set(SANDBOX, id);
  return { ...ctx, agent };
}

async function book(ctx: TestContext): Promise<string> {
  const id = await apiCheckoutWithPassengers(ctx);
  const paid = await ctx.agent.post(`${API}/checkouts/${id}/payment`).send(card());
  expect(paid.status, paid.text).toBe(201);
  return paid.body.reference as string;
}

describe('sandboxes', () => {
  it('are a 404 problem without TEST_MODE, and the header is then ignored', async () => {
    const ctx = createTestApp();
    expectProblem(await ctx.agent.post(`${API}/test/sandboxes`).send({}), 404);
    expect((await ctx.agent.get(`${API}/airports`).set(SANDBOX, 'sbx_AAAAAAAAAAAAAAAA')).status).toBe(200);
  });

  it('keep their bookings to themselves: the server and another sandbox see none of them', async () => {
    const ctx = createTestApp({ env: { TEST_MODE: '1' } });
    // Like the reset: only with Content-Type: application/json, which a form on another site cannot send.
    expectProblem(await ctx.agent.post(`${API}/test/sandboxes`), 415);
    const created = await ctx.agent.post(`${API}/test/sandboxes`).send({});
    expectConforms(created);
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe(`${API}/test/sandboxes/${created.body.id}`);
    const other = (await ctx.agent.post(`${API}/test/sandboxes`).send({})).body.id as string;

    const sandboxed = inSandbox(ctx, created.body.id);
    const reference = await book(sandboxed);
    expect(countRows(ctx, 'bookings')).toBe(0);
    expectProblem(await ctx.agent.get(`${API}/bookings/${reference}?lastName=Lovelace`), 404);
    expectProblem(await inSandbox(ctx, other).agent.get(`${API}/bookings/${reference}?lastName=Lovelace`), 404);
    const found = await sandboxed.agent.get(`${API}/bookings/${reference}?lastName=Lovelace`);
    expect(found.status).toBe(200);
    expect(found.headers['skylark-sandbox']).toBe(created.body.id);
  });

  it('start from the seeded demo even when the server has bookings, and reset on their own', async () => {
    const ctx = createTestApp({ env: { TEST_MODE: '1' } });
    await book(ctx);
    const id = (await ctx.agent.post(`${API}/test/sandboxes`).send({})).body.id as string;
    const sandboxed = inSandbox(ctx, id);
    const search = await sandboxed.agent.get(`${API}/flights?from=DUB&to=LIS&depart=2026-12-10&adults=1&children=0&infants=0`);
    const serverSearch = await ctx.agent.get(`${API}/flights?from=DUB&to=LIS&depart=2026-12-10&adults=1&children=0&infants=0`);
    const seatsLeft = (body: { directions: Array<{ flights: Array<{ fares: Array<{ seatsLeft: number }> }> }> }) =>
      body.directions[0]!.flights.flatMap((f) => f.fares.map((fare) => fare.seatsLeft));
    expect(seatsLeft(search.body).reduce((a, b) => a + b, 0)).toBe(seatsLeft(serverSearch.body).reduce((a, b) => a + b, 0) + 1);

    await book(sandboxed);
    const reset = await sandboxed.agent.post(`${API}/test/reset`).send({});
    expect(reset.body.deleted.bookings).toBe(1);
    expect(countRows(ctx, 'bookings')).toBe(1);
  });

  it('have their own clock: moving it moves nothing else', async () => {
    const ctx = createTestApp({ env: { TEST_MODE: '1' } });
    const id = (await ctx.agent.post(`${API}/test/sandboxes`).send({})).body.id as string;
    const sandboxed = inSandbox(ctx, id);
    const moved = await sandboxed.agent.post(`${API}/test/clock`).send({ advanceSeconds: 3600 });
    expect(moved.body.now).toBe(new Date(new Date(TEST_NOW).getTime() + 3600_000).toISOString());
    expect((await ctx.agent.get(`${API}/test/clock`)).body.now).toBe(new Date(TEST_NOW).toISOString());
    expect((await ctx.agent.get(`${API}/test/sandboxes/${id}`)).body.now).toBe(moved.body.now);
  });

  it('answer 404 for an unknown or deleted id, by header or on their own paths', async () => {
    const ctx = createTestApp({ env: { TEST_MODE: '1' } });
    const unknown = await ctx.agent.get(`${API}/airports`).set(SANDBOX, 'sbx_AAAAAAAAAAAAAAAA');
    expect(unknown.status).toBe(404);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    expect((await ctx.agent.get(`/`).set(SANDBOX, 'nonsense')).status).toBe(404);
    expectProblem(await ctx.agent.get(`${API}/test/sandboxes/sbx_AAAAAAAAAAAAAAAA`), 404);

    const id = (await ctx.agent.post(`${API}/test/sandboxes`).send({})).body.id as string;
    const deleted = await ctx.agent.delete(`${API}/test/sandboxes/${id}`).set('Content-Type', 'application/json');
    expectConforms(deleted);
    expect((await ctx.agent.get(`${API}/airports`).set(SANDBOX, id)).status).toBe(404);
  });

  it('enter a browser by a cookie (303 to the search page), which then sees only the sandbox', async () => {
    const ctx = createTestApp({ env: { TEST_MODE: '1' } });
    const id = (await ctx.agent.post(`${API}/test/sandboxes`).send({})).body.id as string;
    const browser = request.agent(ctx.app);
    const enter = await browser.get(`${API}/test/sandboxes/${id}/enter`);
    expect(enter.status).toBe(303);
    expect(enter.headers.location).toBe('/');
    expect(String(enter.headers['set-cookie'])).toContain(`skylark.sandbox=${id}`);
    const page = await browser.get('/');
    expect(page.status).toBe(200);
    expect(page.headers['skylark-sandbox']).toBe(id);
    await book({ ...ctx, agent: browser });
    expect(countRows(ctx, 'bookings')).toBe(0);
  });

  it('cannot be entered from another site: a cross-site or same-site navigation is a 403 without the cookie; typed, page.goto or this site’s own link enter', async () => {
    const ctx = createTestApp({ env: { TEST_MODE: '1' } });
    const id = (await ctx.agent.post(`${API}/test/sandboxes`).send({})).body.id as string;
    for (const site of ['cross-site', 'same-site']) {
      const refused = await request(ctx.app).get(`${API}/test/sandboxes/${id}/enter`).set('Sec-Fetch-Site', site);
      expectProblem(refused, 403);
      expect(refused.body.type).toBe('/docs/api#problem-cross-site');
      expect(refused.headers['set-cookie'] ?? []).not.toEqual(expect.arrayContaining([expect.stringContaining('skylark.sandbox=')]));
    }
    for (const site of ['none', 'same-origin']) {
      const entered = await request(ctx.app).get(`${API}/test/sandboxes/${id}/enter`).set('Sec-Fetch-Site', site);
      expect(entered.status, site).toBe(303);
      expect(String(entered.headers['set-cookie'])).toContain(`skylark.sandbox=${id}`);
    }
  });

  it('are dropped after an idle hour and capped in number', async () => {
    const ctx = createTestApp({ env: { TEST_MODE: '1' } });
    let real = 0;
    const sandboxes = new Sandboxes({ root: ctx.db, clock: ctx.clock, realNow: () => real, limit: 2 });
    const agent = request.agent(createApp({ db: ctx.db, config: ctx.config, clock: ctx.clock, sandboxes }));
    const first = (await agent.post(`${API}/test/sandboxes`).send({})).body.id as string;
    expect((await agent.post(`${API}/test/sandboxes`).send({})).status).toBe(201);
    const full = await agent.post(`${API}/test/sandboxes`).send({});
    expectProblem(full, 409);
    expectConforms(full);

    real += 59 * 60_000;
    expect((await agent.get(`${API}/airports`).set(SANDBOX, first)).status).toBe(200);
    real += 59 * 60_000;
    // The second was idle for 118 minutes: gone, so there is room again; the first was used 59 minutes ago.
    expect((await agent.post(`${API}/test/sandboxes`).send({})).status).toBe(201);
    expect((await agent.get(`${API}/airports`).set(SANDBOX, first)).status).toBe(200);
    real += 60 * 60_000;
    expect((await agent.get(`${API}/airports`).set(SANDBOX, first)).status).toBe(404);
  });

  it('copy a server database kept in a WAL-mode file (as src/server.ts opens it) into memory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'skylark-sandbox-'));
    try {
      const root = openDatabase(join(dir, 'skylark.sqlite'));
      migrate(root);
      root.prepare("INSERT INTO airports (code, name, city, country, time_zone, latitude, longitude) VALUES ('AAA', 'A', 'A', 'A', 'UTC', 0, 0)").run();
      const sandbox = new Sandboxes({ root, clock: fixedClock(TEST_NOW) }).create();
      expect(sandbox.db.prepare('SELECT count(*) FROM airports').pluck().get()).toBe(1);
      sandbox.db.close();
      root.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
