import { describe, expect, it } from 'vitest';
import { OFFER, TACTIC } from '../../src/features/offers/codes.ts';
import { setTactic } from '../../src/features/trainer/set-tactic.ts';
import { createTrainerApp, signIn } from '../trainer/trainer-helpers.ts';
import { addBooking, addEvents, firstRoute } from './dashboard-helpers.ts';

describe('the trainer dashboard page', () => {
  it('is for trainers only: an anonymous visitor is sent to the sign-in page', async () => {
    const ctx = createTrainerApp();
    const res = await ctx.agent.get('/trainer/dashboard');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/trainer/sign-in');
  });

  it('shows the figures, accessible SVG charts with values as text, definitions, and is never cached', async () => {
    const ctx = createTrainerApp();
    addBooking(ctx.db, { session: 's1', totalMinor: 12_345, passengers: 1, items: [{ kind: 'upsell', category: 'bag', totalMinor: 2_500 }] });
    addEvents(ctx.db, { session: 's1', offer: OFFER.BAG_CHECKED_23KG, placement: 'extras', event: 'shown', count: 4 });
    addEvents(ctx.db, { session: 's1', offer: OFFER.BAG_CHECKED_23KG, placement: 'extras', event: 'accepted' });
    await signIn(ctx.agent);
    const res = await ctx.agent.get('/trainer/dashboard');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toMatch(/no-store/);
    expect(res.text).toMatch(/data-testid="figure-bookings"><dt>Bookings<\/dt><dd data-live="bookings">1<\/dd>/);
    expect(res.text).toContain('€123.45');
    expect(res.text).toMatch(/<svg role="img" aria-labelledby="chart-take-offer-title chart-take-offer-desc"/);
    expect(res.text).toContain('<title id="chart-take-offer-title">Take rate per offer</title>');
    expect(res.text).toContain('25.0% (1 of 4)');
    expect(res.text).toContain('data-testid="definition-takeRate"');
    expect([...res.text.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1])).toEqual(['/static/js/enhance.js', '/static/js/dashboard-live.js']); // no charting library
  });

  it('shows each A/B experiment with its verdict', async () => {
    const ctx = createTrainerApp();
    setTactic(ctx.db, TACTIC.bundle, { mode: 'ab', split: 50 });
    await signIn(ctx.agent);
    const res = await ctx.agent.get('/trainer/dashboard');
    expect(res.text).toContain('data-testid="experiment-bundle"');
    expect(res.text).toMatch(/experiment-bundle-verdict">Not enough data yet/);
  });

  it('refuses an unknown route and a reversed time range with 422, the typed values and a clear message', async () => {
    const ctx = createTrainerApp();
    await signIn(ctx.agent);
    const unknown = await ctx.agent.get('/trainer/dashboard?route=XXX-YYY');
    expect(unknown.status).toBe(422);
    expect(unknown.text).toContain('We fly no route XXX-YYY');
    expect(unknown.text).toContain('<option value="XXX-YYY" selected>');
    const reversed = await ctx.agent.get('/trainer/dashboard?from=2026-11-28&to=2026-11-20');
    expect(reversed.status).toBe(422);
    expect(reversed.text).toContain('The end of the time range is before its start');
    expect(reversed.text).toContain('value="2026-11-28"');
  });

  it('applies a valid route filter and keeps it in the export links', async () => {
    const ctx = createTrainerApp();
    await signIn(ctx.agent);
    const route = firstRoute(ctx.db);
    const res = await ctx.agent.get(`/trainer/dashboard?route=${route}&traffic=simulated`);
    expect(res.status).toBe(200);
    expect(res.text).toContain(`offer-events.csv?route=${route}&amp;traffic=simulated&amp;dark=in`);
    expect(res.text).toContain('Simulated traffic');
  });
});
