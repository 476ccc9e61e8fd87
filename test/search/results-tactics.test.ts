// The tactics of the results page, as documented in src/features/search/results.view.ts: off changes
// nothing, on and the B arm apply the tactic, the A arm (control) sees the page without it, and the
// impressions record the tactic and the arm.
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../src/lib/session.ts';
import { openCheckout } from '../../src/features/search/open-checkout.ts';
import { abVariant } from '../../src/features/tactics/assignments.ts';
import { MIN_SAMPLE } from '../../src/features/tactics/take-data.ts';
import { createTestApp, text, type TestContext } from '../helpers/app.ts';
import { searchQuery } from '../helpers/flow.ts';

const TRIP = { from: 'DUB', to: 'LIS', depart: '2026-12-10', adults: 1 };
const RESULTS = `/flights?${new URLSearchParams(searchQuery(TRIP)).toString()}`;

/** A session id (deterministic) whose arm of the tactic's A/B test is `variant`. */
function sessionIn(tactic: string, variant: 'A' | 'B'): string {
  for (let i = 0; ; i++) {
    const id = `session-${String(i).padStart(14, '0')}`;
    if (abVariant(tactic, id) === variant) return id;
  }
}

function setMode(ctx: TestContext, tactic: string, mode: 'off' | 'on' | 'ab') {
  ctx.db.prepare('UPDATE tactics SET mode = ? WHERE code = ?').run(mode, tactic);
}

async function resultsFor(ctx: TestContext, sessionId: string) {
  const res = await request(ctx.app).get(RESULTS).set('Cookie', `${SESSION_COOKIE}=${sessionId}`);
  expect(res.status).toBe(200);
  return res.text;
}

function firstFlight(ctx: TestContext): { id: number; number: string } {
  const row = ctx.db
    .prepare(`SELECT id, flight_number FROM flights WHERE origin = 'DUB' AND destination = 'LIS' AND departure_date = '2026-12-10' AND departs_at > ? ORDER BY departs_at LIMIT 1`)
    .get(ctx.clock.now().toISOString()) as { id: number; flight_number: string };
  return { id: row.id, number: row.flight_number };
}

/** The families of a flight's fare radios, in the order of the page. */
function familyOrder(html: string, flightNumber: string): string[] {
  return [...html.matchAll(new RegExp(`data-testid="fare-outbound-${flightNumber}-(\\w+)"`, 'g'))].map((m) => m[1]!);
}

function shownEvents(ctx: TestContext, sessionId: string) {
  return ctx.db
    .prepare(`SELECT offer_code AS offer, tactic, variant FROM offer_events WHERE session_id = ? AND event = 'shown' AND placement = 'results'`)
    .all(sessionId) as Array<{ offer: string; tactic: string | null; variant: string | null }>;
}

/** Take data: `shown` impressions of an offer, `accepted` of them taken (other sessions). */
function seedTake(ctx: TestContext, offerCode: string, shown: number, accepted: number) {
  const insert = ctx.db.prepare(
    `INSERT INTO offer_events (session_id, offer_code, kind, category, placement, item_key, price_minor, currency, event, created_at)
     VALUES (@session, @offerCode, 'upsell', 'fare', 'results', 'flight:1', 5000, 'EUR', @event, '2026-11-20T10:00:00Z')`,
  );
  for (let i = 0; i < shown; i++) insert.run({ session: `past-${i}`, offerCode, event: 'shown' });
  for (let i = 0; i < accepted; i++) insert.run({ session: `past-${i}`, offerCode, event: 'accepted' });
}

describe('free_to_paid_upgrade on the results page', () => {
  it('shows "Standard adds … for +€N" when on (the default) and nothing when off', async () => {
    const ctx = createTestApp();
    const flight = firstFlight(ctx);
    const on = await resultsFor(ctx, sessionIn('x', 'A'));
    expect(on).toContain(`data-testid="fare-upsell-outbound-${flight.number}-standard"`);
    setMode(ctx, 'free_to_paid_upgrade', 'off');
    const off = await resultsFor(ctx, sessionIn('x', 'B'));
    expect(off).not.toContain('data-testid="fare-upsell-');
  });

  it('shows the hint to the B arm only, and records each arm on its impressions', async () => {
    const ctx = createTestApp();
    setMode(ctx, 'free_to_paid_upgrade', 'ab');
    const a = sessionIn('free_to_paid_upgrade', 'A');
    const b = sessionIn('free_to_paid_upgrade', 'B');
    expect(await resultsFor(ctx, a)).not.toContain('data-testid="fare-upsell-');
    expect(await resultsFor(ctx, b)).toContain('data-testid="fare-upsell-');
    for (const [session, variant] of [[a, 'A'], [b, 'B']] as const) {
      const events = shownEvents(ctx, session);
      expect(events.length).toBeGreaterThan(0);
      expect(events.every((e) => e.tactic === 'free_to_paid_upgrade' && e.variant === variant)).toBe(true);
    }
  });
});

describe('scarcity on the results page', () => {
  it('is off by default: no "seats left" even when few are', async () => {
    const ctx = createTestApp();
    const flight = firstFlight(ctx);
    ctx.db.prepare(`UPDATE fares SET seats_total = seats_sold + 2 WHERE flight_id = ? AND family = 'basic'`).run(flight.id);
    expect(await resultsFor(ctx, sessionIn('x', 'A'))).not.toContain('data-testid="seats-left-');
  });

  it('names one fare the party can buy, never one with fewer seats than the party', async () => {
    const ctx = createTestApp();
    setMode(ctx, 'scarcity', 'on');
    const flight = firstFlight(ctx);
    const party = `/flights?${new URLSearchParams(searchQuery({ ...TRIP, adults: 2 })).toString()}`;
    ctx.db.prepare(`UPDATE fares SET seats_total = seats_sold + 1 WHERE flight_id = ? AND family = 'basic'`).run(flight.id);
    ctx.db.prepare(`UPDATE fares SET seats_total = seats_sold + 4 WHERE flight_id = ? AND family = 'standard'`).run(flight.id);
    const res = await request(ctx.app).get(party).set('Cookie', `${SESSION_COOKIE}=${sessionIn('x', 'A')}`);
    expect(res.text).toContain(`data-testid="seats-left-${flight.number}">4 Standard seats left at this price<`);
    expect(res.text).not.toContain('1 Basic seat');
  });

  it('shows the B arm "N seats left" and the A arm nothing, recording the arm on the fare it names', async () => {
    const ctx = createTestApp();
    setMode(ctx, 'scarcity', 'ab');
    const flight = firstFlight(ctx);
    ctx.db.prepare(`UPDATE fares SET seats_total = seats_sold + 3 WHERE flight_id = ? AND family = 'standard'`).run(flight.id);
    const a = sessionIn('scarcity', 'A');
    const b = sessionIn('scarcity', 'B');
    expect(await resultsFor(ctx, a)).not.toContain(`data-testid="seats-left-${flight.number}"`);
    expect(await resultsFor(ctx, b)).toContain(`data-testid="seats-left-${flight.number}">3 Standard seats left at this price<`);
    const named = (session: string) =>
      ctx.db
        .prepare(`SELECT tactic, variant FROM offer_events WHERE session_id = ? AND offer_code = 'FARE_STANDARD' AND item_key = ?`)
        .get(session, `flight:${flight.id}`);
    expect(named(a)).toEqual({ tactic: 'scarcity', variant: 'A' });
    expect(named(b)).toEqual({ tactic: 'scarcity', variant: 'B' });
  });
});

describe('anchoring on the results page', () => {
  it('lists the dearest family first when on, with the same radios and test ids', async () => {
    const ctx = createTestApp();
    const flight = firstFlight(ctx);
    const usual = familyOrder(await resultsFor(ctx, sessionIn('x', 'A')), flight.number);
    expect(usual[0]).toBe('basic');
    setMode(ctx, 'anchoring', 'on');
    const anchored = familyOrder(await resultsFor(ctx, sessionIn('x', 'A')), flight.number);
    expect(anchored).toEqual([...usual].reverse());
  });

  it('anchors for the B arm only, and records the arm on every fare upsell', async () => {
    const ctx = createTestApp();
    setMode(ctx, 'anchoring', 'ab');
    const flight = firstFlight(ctx);
    const a = sessionIn('anchoring', 'A');
    const b = sessionIn('anchoring', 'B');
    expect(familyOrder(await resultsFor(ctx, a), flight.number)[0]).toBe('basic');
    expect(familyOrder(await resultsFor(ctx, b), flight.number)[0]).not.toBe('basic');
    for (const [session, variant] of [[a, 'A'], [b, 'B']] as const) {
      const events = shownEvents(ctx, session);
      expect(events.length).toBeGreaterThan(0);
      expect(events.every((e) => e.tactic === 'anchoring' && e.variant === variant)).toBe(true);
    }
  });
});

describe('the fare upsell taken', () => {
  it('is recorded as accepted with the tactic and arm its impression was shown with', async () => {
    const ctx = createTestApp();
    setMode(ctx, 'anchoring', 'ab');
    const session = sessionIn('anchoring', 'B');
    await resultsFor(ctx, session);
    const flight = firstFlight(ctx);
    const standard = ctx.db.prepare(`SELECT id FROM fares WHERE flight_id = ? AND family = 'standard'`).get(flight.id) as { id: number };
    const { checkoutId } = openCheckout(
      { db: ctx.db, now: ctx.clock.now(), sessionId: session, seed: 1 },
      { search: { from: 'DUB', to: 'LIS', depart: '2026-12-10', adults: 1 }, outbound: { fareId: standard.id } },
    );
    expect(ctx.db.prepare(`SELECT offer_code, tactic, variant, checkout_id FROM offer_events WHERE event = 'accepted'`).all()).toEqual([
      { offer_code: 'FARE_STANDARD', tactic: 'anchoring', variant: 'B', checkout_id: checkoutId },
    ]);
  });
});

describe('social proof on the results page', () => {
  it('labels "Most chosen" the family taken in more than half of its offers, when on', async () => {
    const ctx = createTestApp();
    const flight = firstFlight(ctx);
    seedTake(ctx, 'FARE_STANDARD', MIN_SAMPLE + 10, MIN_SAMPLE);
    seedTake(ctx, 'FARE_FLEX', MIN_SAMPLE + 10, 2);
    expect(await resultsFor(ctx, sessionIn('x', 'A'))).not.toContain('data-testid="fare-badge-');
    setMode(ctx, 'social_proof', 'on');
    const html = await resultsFor(ctx, sessionIn('x', 'B'));
    expect(text(html)).toContain('Most chosen');
    expect(html).toContain(`data-testid="fare-badge-outbound-${flight.number}-standard">Most chosen<`);
    expect(html).not.toContain(`data-testid="fare-badge-outbound-${flight.number}-flex"`);
  });

  it('claims nothing below the minimum sample, or when no family was taken by more than half', async () => {
    const ctx = createTestApp();
    setMode(ctx, 'social_proof', 'on');
    // The page views add impressions of their own: stay well below the sample with them.
    seedTake(ctx, 'FARE_STANDARD', MIN_SAMPLE - 15, MIN_SAMPLE - 16);
    expect(await resultsFor(ctx, sessionIn('x', 'A'))).not.toContain('data-testid="fare-badge-');
    seedTake(ctx, 'FARE_FLEX', 100, 50);
    expect(await resultsFor(ctx, sessionIn('x', 'B'))).not.toContain('data-testid="fare-badge-');
  });

  it('shows the badge to the B arm only, and records the arm on the family it labels', async () => {
    const ctx = createTestApp();
    setMode(ctx, 'social_proof', 'ab');
    seedTake(ctx, 'FARE_STANDARD', MIN_SAMPLE, MIN_SAMPLE - 1);
    const a = sessionIn('social_proof', 'A');
    const b = sessionIn('social_proof', 'B');
    expect(await resultsFor(ctx, a)).not.toContain('data-testid="fare-badge-');
    expect(await resultsFor(ctx, b)).toContain('data-testid="fare-badge-');
    for (const [session, variant] of [[a, 'A'], [b, 'B']] as const) {
      const events = shownEvents(ctx, session);
      expect(events.some((e) => e.offer === 'FARE_STANDARD') && events.some((e) => e.offer === 'FARE_FLEX')).toBe(true);
      expect(events.filter((e) => e.offer === 'FARE_STANDARD').every((e) => e.tactic === 'social_proof' && e.variant === variant)).toBe(true);
      expect(events.filter((e) => e.offer === 'FARE_FLEX').every((e) => e.tactic === 'free_to_paid_upgrade' && e.variant === 'on')).toBe(true);
    }
  });
});
