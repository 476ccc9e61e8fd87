// POST /api/v1/test/reset: only with TEST_MODE=1; back to the seeded state in well under a second.
import { describe, expect, it } from 'vitest';
import { TACTICS } from '../../src/features/catalogue/offers.ts';
import { CATALOGUE_TABLES } from '../../src/features/api/test-reset.ts';
import { listOffers } from '../../src/features/offers/offers.repository.ts';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { API, apiCheckoutWithPassengers, card, countRows, expectConforms, expectProblem } from './api-helpers.ts';

type Seat = { seat: string; available: boolean; restrictedFor: unknown[] };

async function bookWithSeat(ctx: TestContext): Promise<{ seat: string; id: string }> {
  const id = await apiCheckoutWithPassengers(ctx);
  const maps = await ctx.agent.get(`${API}/checkouts/${id}/seat-maps`);
  const seat = (maps.body.flights[0].rows as Array<{ groups: Seat[][] }>).flatMap((r) => r.groups.flat()).find((s) => s.available && s.restrictedFor.length === 0)!.seat;
  expect((await ctx.agent.put(`${API}/checkouts/${id}/seats`).send({ seats: [{ passengerIdx: 1, direction: 'outbound', seat }] })).status).toBe(200);
  await ctx.agent.get(`${API}/checkouts/${id}/offers`);
  expect((await ctx.agent.post(`${API}/checkouts/${id}/payment`).set('Idempotency-Key', 'reset-key').send(card())).status).toBe(201);
  return { seat, id };
}

function tables(ctx: TestContext): string[] {
  return ctx.db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
}

describe('POST /api/v1/test/reset', () => {
  it('is a 404 problem without TEST_MODE, and deletes nothing', async () => {
    const ctx = createTestApp();
    await bookWithSeat(ctx);
    const res = await ctx.agent.post(`${API}/test/reset`).set('Content-Type', 'application/json');
    expectProblem(res, 404);
    expectConforms(res);
    expect(countRows(ctx, 'bookings')).toBe(1);
  });

  it('with TEST_MODE=1 empties every customer table, frees sold seats and restores tactics and offers', async () => {
    const ctx = createTestApp({ env: { TEST_MODE: '1' } });
    const { seat } = await bookWithSeat(ctx);
    expect(countRows(ctx, 'offer_events')).toBeGreaterThan(0);
    expect(countRows(ctx, 'fares', 'seats_sold > 0')).toBe(1);
    ctx.db.prepare("UPDATE tactics SET mode = 'ab' WHERE code = 'bundle'").run();
    ctx.db.prepare("UPDATE tactics SET mode = 'off' WHERE code = 'checkout_addons'").run();
    ctx.db.prepare("UPDATE offers SET active = 0 WHERE code = 'HOTEL_STAY'").run();

    // How fast it is ("well under a second") is measured by npm run bench, not asserted here.
    const res = await ctx.agent.post(`${API}/test/reset`).set('Content-Type', 'application/json');
    expectConforms(res);
    expect(res.status).toBe(200);
    expect(typeof res.body.tookMs).toBe('number');
    expect(res.body.deleted.bookings).toBe(1);
    expect(res.body.tacticsRestored).toBe(2);

    for (const table of tables(ctx)) {
      if ((CATALOGUE_TABLES as readonly string[]).includes(table)) continue;
      expect(countRows(ctx, table), table).toBe(0);
    }
    expect(countRows(ctx, 'fares', 'seats_sold <> 0')).toBe(0);
    const modes = Object.fromEntries((ctx.db.prepare('SELECT code, mode FROM tactics').all() as Array<{ code: string; mode: string }>).map((t) => [t.code, t.mode]));
    expect(modes).toEqual(Object.fromEntries(TACTICS.map((t) => [t.code, t.mode])));
    expect(listOffers(ctx.db).get('HOTEL_STAY')?.active).toBe(true);
    expect(countRows(ctx, 'flights')).toBeGreaterThan(1000);

    // The seat sold before the reset is free again for a new checkout.
    const id = await apiCheckoutWithPassengers(ctx);
    const maps = await ctx.agent.get(`${API}/checkouts/${id}/seat-maps`);
    const again = (maps.body.flights[0].rows as Array<{ groups: Seat[][] }>).flatMap((r) => r.groups.flat()).find((s) => s.seat === seat)!;
    expect(again.available).toBe(true);
    const chosen = await ctx.agent.put(`${API}/checkouts/${id}/seats`).send({ seats: [{ passengerIdx: 1, direction: 'outbound', seat }] });
    expect(chosen.status).toBe(200);
  });

  it('forgets idempotency keys: the same key pays a new checkout after a reset', async () => {
    const ctx = createTestApp({ env: { TEST_MODE: '1' } });
    await bookWithSeat(ctx);
    await ctx.agent.post(`${API}/test/reset`).set('Content-Type', 'application/json');
    const id = await apiCheckoutWithPassengers(ctx);
    const res = await ctx.agent.post(`${API}/checkouts/${id}/payment`).set('Idempotency-Key', 'reset-key').send(card());
    expect(res.status).toBe(201);
  });

  it('refuses a request that does not say Content-Type: application/json (415), so a cross-site form cannot reset the demo', async () => {
    const ctx = createTestApp({ env: { TEST_MODE: '1' } });
    await bookWithSeat(ctx);
    for (const send of [
      () => ctx.agent.post(`${API}/test/reset`),
      () => ctx.agent.post(`${API}/test/reset`).type('form').send('a=1'),
      () => ctx.agent.post(`${API}/test/reset`).set('Content-Type', 'text/plain').send('{}'),
    ]) {
      const res = await send();
      expectProblem(res, 415);
      expectConforms(res);
    }
    expect(countRows(ctx, 'bookings')).toBe(1);
  });
});
