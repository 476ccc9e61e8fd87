// The openCheckout command on its own: bad input is refused with issues by domain path and a code,
// and nothing is opened.
import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src/lib/errors.ts';
import { ValidationError } from '../../src/lib/errors.ts';
import { openCheckout, type OpenCheckoutInput } from '../../src/features/search/open-checkout.ts';
import { createTestApp, type TestContext } from '../helpers/app.ts';

const SEARCH = { from: 'DUB', to: 'LIS', depart: '2026-12-10', adults: 1, children: 0, infants: 0 };

function fareOf(ctx: TestContext, from: string, to: string, date: string, family: string): number {
  const row = ctx.db
    .prepare(
      `SELECT fa.id FROM fares fa JOIN flights f ON f.id = fa.flight_id
       WHERE f.origin = ? AND f.destination = ? AND f.departure_date = ? AND fa.family = ? AND f.departs_at > ? ORDER BY f.departs_at LIMIT 1`,
    )
    .get(from, to, date, family, ctx.clock.now().toISOString()) as { id: number };
  return row.id;
}

function issuesOf(ctx: TestContext, input: unknown): Issue[] {
  const command = { db: ctx.db, now: ctx.clock.now(), sessionId: 'session-open-checkout1', seed: 1 };
  try {
    openCheckout(command, input as OpenCheckoutInput);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    expect(ctx.db.prepare('SELECT count(*) AS n FROM checkouts').get()).toEqual({ n: 0 });
    return (error as ValidationError).issues;
  }
  throw new Error('openCheckout accepted the input');
}

const brief = (issues: Issue[]) => issues.map((i) => ({ path: i.path, code: i.code }));

describe('openCheckout refuses', () => {
  it('a missing outbound fare and an unknown field, naming outbound.fareId and the field', () => {
    const ctx = createTestApp();
    expect(brief(issuesOf(ctx, { search: SEARCH, outbound: {}, totalMinor: 1 }))).toEqual([
      { path: ['outbound', 'fareId'], code: 'required' },
      { path: ['totalMinor'], code: 'unknown_field' },
    ]);
  });

  it('a search that breaks its rules, under search with the rule as code', () => {
    const ctx = createTestApp();
    const issues = issuesOf(ctx, { search: { ...SEARCH, depart: '2026-11-01', adults: 0 }, outbound: { fareId: 1 } });
    expect(brief(issues)).toEqual(expect.arrayContaining([
      { path: ['search', 'depart'], code: 'in_the_past' },
      { path: ['search', 'adults'], code: 'too_small' },
    ]));
  });

  it('a route Skylark Air does not fly (route_not_flown on search.to)', () => {
    const ctx = createTestApp();
    const pair = ctx.db
      .prepare(`SELECT a.code AS a, b.code AS b FROM airports a, airports b
                WHERE a.code <> b.code AND NOT EXISTS (SELECT 1 FROM routes r WHERE r.origin = a.code AND r.destination = b.code) LIMIT 1`)
      .get() as { a: string; b: string };
    expect(brief(issuesOf(ctx, { search: { ...SEARCH, from: pair.a, to: pair.b }, outbound: { fareId: 1 } }))).toEqual([
      { path: ['search', 'to'], code: 'route_not_flown' },
    ]);
  });

  it('a return fare on a one-way search (one_way_search on return)', () => {
    const ctx = createTestApp();
    const fareId = fareOf(ctx, 'DUB', 'LIS', '2026-12-10', 'basic');
    expect(brief(issuesOf(ctx, { search: SEARCH, outbound: { fareId }, return: { fareId } }))).toEqual([{ path: ['return'], code: 'one_way_search' }]);
  });

  it('a return search without a return fare, and a fare of another route', () => {
    const ctx = createTestApp();
    const other = fareOf(ctx, 'DUB', 'LIS', '2026-12-11', 'basic');
    const issues = issuesOf(ctx, { search: { ...SEARCH, return: '2026-12-14' }, outbound: { fareId: other } });
    expect(brief(issues)).toEqual([
      { path: ['outbound', 'fareId'], code: 'unknown_fare' },
      { path: ['return', 'fareId'], code: 'required' },
    ]);
    expect(issues[0]!.message).toBe('Choose one of the outbound fares shown');
  });

  it('a fare with fewer seats left than the party needs (not_enough_seats)', () => {
    const ctx = createTestApp();
    const fareId = fareOf(ctx, 'DUB', 'LIS', '2026-12-10', 'basic');
    ctx.db.prepare('UPDATE fares SET seats_total = seats_sold + 1 WHERE id = ?').run(fareId);
    const issues = issuesOf(ctx, { search: { ...SEARCH, adults: 2 }, outbound: { fareId } });
    expect(brief(issues)).toEqual([{ path: ['outbound', 'fareId'], code: 'not_enough_seats' }]);
    expect(issues[0]!.message).toMatch(/^Only 1 Basic seats are left on SX\d+/);
  });
});

describe('openCheckout', () => {
  it('opens a checkout with the fares quoted now and returns its id', () => {
    const ctx = createTestApp();
    const outbound = fareOf(ctx, 'DUB', 'LIS', '2026-12-10', 'standard');
    const ret = fareOf(ctx, 'LIS', 'DUB', '2026-12-14', 'basic');
    const { checkoutId } = openCheckout(
      { db: ctx.db, now: ctx.clock.now(), sessionId: 'session-open-checkout1', seed: 1 },
      { search: { ...SEARCH, return: '2026-12-14' }, outbound: { fareId: outbound }, return: { fareId: ret } },
    );
    expect(ctx.db.prepare('SELECT direction, fare_id AS fareId FROM checkout_flights WHERE checkout_id = ? ORDER BY direction').all(checkoutId)).toEqual([
      { direction: 'outbound', fareId: outbound },
      { direction: 'return', fareId: ret },
    ]);
  });
});
