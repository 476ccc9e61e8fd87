import { describe, expect, it } from 'vitest';
import { TACTIC } from '../../src/features/offers/codes.ts';
import { setTactic } from '../../src/features/trainer/set-tactic.ts';
import { csrfFrom } from '../helpers/app.ts';
import { checkoutAt } from '../helpers/factories.ts';
import { TRIPS } from '../helpers/fixtures.ts';
import { createTrainerApp, signIn, tacticRow } from '../trainer/trainer-helpers.ts';
import { addFunnel } from './dashboard-helpers.ts';

const count = (ctx: { db: { prepare: (s: string) => { pluck: () => { get: () => unknown } } } }, table: string) =>
  ctx.db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;

describe('reset demo data', () => {
  it('asks for confirmation first: without RESET typed nothing is deleted (422)', async () => {
    const ctx = createTrainerApp();
    await checkoutAt(ctx, 'booked', TRIPS.soloToLondon);
    await signIn(ctx.agent);
    const page = await ctx.agent.get('/trainer/reset');
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/data-testid="reset-count-bookings">1</);
    const res = await ctx.agent.post('/trainer/reset').type('form').send({ _csrf: csrfFrom(page.text), confirm: 'yes' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Type RESET');
    expect(count(ctx, 'bookings')).toBe(1);
  });

  it('refuses a POST without the CSRF token', async () => {
    const ctx = createTrainerApp();
    await checkoutAt(ctx, 'booked', TRIPS.soloToLondon);
    await signIn(ctx.agent);
    const res = await ctx.agent.post('/trainer/reset').type('form').send({ confirm: 'RESET' });
    expect(res.status).toBe(403);
    expect(count(ctx, 'bookings')).toBe(1);
  });

  it('deletes bookings, holds, checkouts and events; the catalogue, the tactic settings and the trainer session stay', async () => {
    const ctx = createTrainerApp();
    setTactic(ctx.db, TACTIC.bundle, { mode: 'ab', split: 70 });
    await checkoutAt(ctx, 'booked', TRIPS.soloToLondon, { seats: 'first-free' });
    await checkoutAt(ctx, 'extras', TRIPS.soloToLondon, { seats: 'first-free' });
    addFunnel(ctx.db, 's1', ['search']);
    // A server that generated its own secret keeps it (open forms stay valid).
    ctx.db.prepare("INSERT INTO app_secrets (name, value, created_at) VALUES ('session', 'x', '2026-11-27T09:00:00Z')").run();
    const catalogue = ['airports', 'routes', 'flights', 'fares', 'offers', 'hotels', 'tactics', 'app_secrets'].map((t) => count(ctx, t));
    expect(count(ctx, 'seat_assignments')).toBeGreaterThan(0);
    expect(count(ctx, 'offer_events')).toBeGreaterThan(0);
    await signIn(ctx.agent);
    const page = await ctx.agent.get('/trainer/reset');
    const res = await ctx.agent.post('/trainer/reset').type('form').send({ _csrf: csrfFrom(page.text), confirm: 'RESET' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/trainer/reset?done=1');
    for (const table of ['bookings', 'booking_items', 'passengers', 'checkouts', 'seat_assignments', 'offer_events', 'funnel_events', 'payments']) {
      expect(count(ctx, table), table).toBe(0);
    }
    expect(ctx.db.prepare('SELECT SUM(seats_sold) FROM fares').pluck().get()).toBe(0);
    expect(['airports', 'routes', 'flights', 'fares', 'offers', 'hotels', 'tactics', 'app_secrets'].map((t) => count(ctx, t))).toEqual(catalogue);
    expect(tacticRow(ctx.db, TACTIC.bundle)).toEqual({ mode: 'ab', split: 70 });
    expect((await ctx.agent.get('/trainer/reset?done=1')).text).toContain('data-testid="reset-done"');
  });
});
