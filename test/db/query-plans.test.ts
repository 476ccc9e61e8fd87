// Issue 9: offer_events grows with every page view, so no per-request statement may scan it.
// The test runs the whole customer flow (pages and JSON API), catches every statement the app
// prepares on the way (with the source file that prepared it), and asks SQLite for each plan.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { optimize, type Db } from '../../src/db/database.ts';
import { createTestApp, postForm, type TestContext } from '../helpers/app.ts';
import { fillPassengers, openCheckout, type Trip } from '../helpers/flow.ts';
import { API, apiCheckoutWithPassengers, card } from '../api/api-helpers.ts';
import { availableSeats } from '../seats/seats-helpers.ts';
import { payAndBook, reviewUrl } from '../payment/pay-flow.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const TRIP: Trip = { from: 'DUB', to: 'LIS', depart: '2026-12-10', return: '2026-12-14', adults: 1 };

type Prepared = { sql: string; file: string };
const prepared: Prepared[] = [];

/** The src/ file that called db.prepare, from the stack. */
function callerFile(): string {
  const line = (new Error().stack ?? '').split('\n').find((l) => l.includes(`${ROOT}/src/`));
  const path = /\((\/[^:)]+)|at (\/[^:]+)/.exec(line ?? '');
  return path ? relative(ROOT, path[1] ?? path[2]!) : '(test)';
}

const touchesEvents = (sql: string) => /\boffer_events\b/i.test(sql);

/**
 * Source files with offer_events SQL that no request runs yet, and why. Once the flow reaches one, its
 * statements are plan-checked like the others (a GROUP BY over every event would then fail).
 */
const NOT_PER_REQUEST: Record<string, string> = {
  'src/features/dashboard/figures.repository.ts': 'trainer dashboard only: the rollups of migration 013, and with a route that route\'s sessions\' events by the session index; bench/dashboard.ts',
  'src/features/dashboard/export.ts': 'trainer CSV export only: reads the filtered events in id order, 1,000 at a time',
  'src/features/simulator/simulator.repository.ts': 'the shopper simulator only (by session id and checkout: the session index)',
};

async function walkTheFlow(ctx: TestContext): Promise<void> {
  // Pages: results, choose fares (claims the results impressions), the upgrade page, passengers, seats, extras, review, pay, confirmation.
  const id = await openCheckout(ctx, TRIP);
  // The free-to-paid upgrade page the Basic fares lead to: shown (its impressions), then answered (read once).
  const upgradeUrl = `/checkouts/${id}/upgrade`;
  expect((await ctx.agent.get(upgradeUrl)).status).toBe(200);
  expect((await postForm(ctx.agent, upgradeUrl, upgradeUrl, { answer: 'keep' })).status).toBe(303);
  expect((await ctx.agent.get(upgradeUrl)).status).toBe(303);
  await fillPassengers(ctx, id, TRIP);
  const seatsPage = await ctx.agent.get(`/checkouts/${id}/seats`);
  expect(seatsPage.status).toBe(200);
  const seat = availableSeats(seatsPage.text, 'seat-p1-outbound')[0]!;
  const seats = await postForm(ctx.agent, `/checkouts/${id}/seats`, `/checkouts/${id}/seats`, { 'seat-p1-outbound': seat, 'seat-p1-return': 'skip' });
  expect(seats.status, seats.text.slice(0, 2000)).toBe(303);
  const extrasUrl = `/checkouts/${id}/extras`;
  const extras = await postForm(ctx.agent, extrasUrl, extrasUrl, { 'priority-p1-outbound': 'add', hotel: 'none', 'hotel-rooms': '1' });
  expect(extras.status, extras.text.slice(0, 2000)).toBe(303);
  expect((await postForm(ctx.agent, reviewUrl(id), `/checkouts/${id}/review/insurance`, { response: 'decline' })).status).toBe(303);
  const reference = await payAndBook(ctx, id);
  const booking = await ctx.agent.get(`/bookings/${reference}`);
  expect(booking.status).toBe(200);
  const hotel = ctx.db.prepare("SELECT id FROM hotels WHERE airport_code = 'LIS' LIMIT 1").pluck().get() as number;
  const added = await postForm(ctx.agent, `/bookings/${reference}`, `/bookings/${reference}/hotel`, { hotel: String(hotel), nights: '4', rooms: '1' }); // the return trip's four nights
  expect(added.status, added.text.slice(0, 2000)).toBe(303);

  // The JSON API: search, checkout, passengers, seat maps, offers, extras, payment.
  const apiId = await apiCheckoutWithPassengers(ctx, TRIP);
  expect((await ctx.agent.get(`${API}/checkouts/${apiId}/seat-maps`)).status).toBe(200);
  expect((await ctx.agent.get(`${API}/checkouts/${apiId}/offers`)).status).toBe(200);
  const apiExtras = await ctx.agent.put(`${API}/checkouts/${apiId}/extras`).send({ insurance: 'add', hotel: { answer: 'decline' } });
  expect(apiExtras.status, JSON.stringify(apiExtras.body)).toBe(200);
  const apiPaid = await ctx.agent.post(`${API}/checkouts/${apiId}/payment`).send(card());
  expect(apiPaid.status).toBe(201);
  // What a tester reads back: the events of the checkout and of the booking.
  expect((await ctx.agent.get(`${API}/checkouts/${apiId}/events`)).status).toBe(200);
  expect((await ctx.agent.get(`${API}/bookings/${apiPaid.body.reference}/events?lastName=Lovelace`)).status).toBe(200);
}

/** Every plan step of `sql` that reads all of offer_events (under its own name or an alias). */
function scansOfEvents(db: Db, sql: string): string[] {
  const names = new Set(['offer_events']);
  for (const m of sql.matchAll(/\boffer_events\s+(?:AS\s+)?(\w+)/gi)) {
    if (!/^(WHERE|SET|VALUES|ON|ORDER|GROUP|LIMIT|JOIN|LEFT|INNER)$/i.test(m[1]!)) names.add(m[1]!);
  }
  const params = [...new Set([...sql.matchAll(/@(\w+)/g)].map((m) => m[1]!))];
  const positional = (sql.match(/\?/g) ?? []).length;
  const explain = db.prepare(`EXPLAIN QUERY PLAN ${sql}`);
  const rows = (params.length > 0 ? explain.all(Object.fromEntries(params.map((p) => [p, null]))) : explain.all(...Array(positional).fill(null))) as Array<{ detail: string }>;
  return rows.map((r) => r.detail).filter((detail) => {
    const scan = /^SCAN (\w+)/.exec(detail);
    return scan !== null && names.has(scan[1]!);
  });
}

/** The src/ files whose SQL reads or writes offer_events (comments aside). */
function sourcesWithEventSql(dir = join(ROOT, 'src')): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...sourcesWithEventSql(path));
    else if (name.endsWith('.ts') && /(FROM|INTO|UPDATE|JOIN)\s+offer_events\b/.test(readFileSync(path, 'utf8'))) found.push(relative(ROOT, path));
  }
  return found;
}

describe('per-request statements on offer_events use an index', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    const original = Database.prototype.prepare;
    const spy = vi.spyOn(Database.prototype, 'prepare').mockImplementation(function (this: Db, sql: string) {
      if (touchesEvents(sql) && !sql.startsWith('EXPLAIN')) prepared.push({ sql, file: callerFile() });
      return original.call(this, sql);
    });
    ctx = createTestApp();
    try {
      await walkTheFlow(ctx);
    } finally {
      spy.mockRestore();
    }
  }, 60_000);


  it('the flow exercised every source file that queries offer_events (extend walkTheFlow when this fails)', () => {
    const exercised = new Set(prepared.map((p) => p.file));
    expect(sourcesWithEventSql().filter((file) => !exercised.has(file) && !(file in NOT_PER_REQUEST))).toEqual([]);
    expect(prepared.length).toBeGreaterThanOrEqual(7);
  });

  it('no statement scans offer_events, on a fresh database', () => {
    const scans = prepared.map((p) => ({ ...p, scans: scansOfEvents(ctx.db, p.sql) })).filter((p) => p.scans.length > 0);
    expect(scans).toEqual([]);
  });

  it('no statement scans offer_events once the planner has statistics (PRAGMA optimize ran on a busy database)', () => {
    // 20,000 events as after a morning of a workshop: most are results impressions of visitors who
    // never opened a checkout (no checkout id); the rest are seats and extras events of 400 checkouts.
    const insert = ctx.db.prepare(
      `INSERT INTO offer_events (session_id, checkout_id, offer_code, kind, category, placement, item_key, price_minor, currency, event, created_at)
       VALUES (?, ?, ?, 'upsell', 'fare', ?, ?, 1000, 'EUR', ?, '2026-11-27T09:00:00.000Z')`,
    );
    ctx.db.transaction(() => {
      for (let i = 0; i < 20000; i += 1) {
        if (i % 5 === 0) {
          const placement = i % 2 === 0 ? 'seats' : 'extras';
          insert.run(`session-${i % 400}`, `checkout-${i % 400}`, 'SEAT_STANDARD', placement, `seat:p${i}:outbound`, i % 3 === 0 ? 'accepted' : 'shown');
        } else {
          insert.run(`session-${i % 2000}`, null, 'FARE_STANDARD', 'results', `flight:${i}`, 'shown');
        }
      }
    })();
    // The server's own PRAGMA optimize (approximate statistics, analysis_limit), then a full ANALYZE.
    optimize(ctx.db, 'open');
    expect(ctx.db.prepare("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'offer_events'").pluck().get()).toBeGreaterThan(0);
    const afterOptimize = prepared.map((p) => ({ ...p, scans: scansOfEvents(ctx.db, p.sql) })).filter((p) => p.scans.length > 0);
    expect(afterOptimize).toEqual([]);
    ctx.db.exec('ANALYZE');
    const afterAnalyze = prepared.map((p) => ({ ...p, scans: scansOfEvents(ctx.db, p.sql) })).filter((p) => p.scans.length > 0);
    expect(afterAnalyze).toEqual([]);
  });

  it('the check itself sees a scan, under the table\'s name or an alias', () => {
    expect(scansOfEvents(ctx.db, "SELECT count(*) FROM offer_events WHERE placement = @placement AND event = 'shown'")).toEqual([
      expect.stringMatching(/^SCAN offer_events/),
    ]);
    expect(scansOfEvents(ctx.db, 'SELECT e.id FROM offer_events AS e WHERE e.price_minor > ?')).toEqual(['SCAN e']);
    expect(scansOfEvents(ctx.db, 'SELECT id FROM offer_events WHERE checkout_id = ?')).toEqual([]);
  });
});
