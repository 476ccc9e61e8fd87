// npx tsx bench/dashboard.ts [file.sqlite] [events]: the trainer dashboard's queries at 1,000,000 offer
// events (issue 11: under 300 ms with every filter), in this process, without HTTP. Builds the file
// with bench/dashboard-data.ts when it does not exist (or reads the one given), prints the query plan
// of every statement the dashboard runs, then per filter case the median time of the page's figures
// (dashboardFigures + experiments) from the rollups, and once the same figures' event queries as first
// defined (test/dashboard/raw-definitions.ts: GROUP BYs over offer_events) for comparison.
// `npm run bench` measures the page over HTTP (server CPU and p99); this script says where time goes.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Statement } from 'better-sqlite3';
import { openDatabase, type Db } from '../src/db/database.ts';
import { experiments } from '../src/features/dashboard/experiments.ts';
import { dashboardFigures } from '../src/features/dashboard/figures.ts';
import { DEFAULT_FILTERS, type DashboardFilters } from '../src/features/dashboard/filters.ts';
import { TACTIC } from '../src/features/offers/codes.ts';
import { rawArmBookings, rawArmEvents, rawFunnelCounts, rawTakeBy } from '../test/dashboard/raw-definitions.ts';
import { buildDashboardDatabase } from './dashboard-data.ts';

/** The filter cases: each filter of the page alone, then all of them at once. */
export function dashboardCases(db: Db): [string, DashboardFilters][] {
  const route = db.prepare('SELECT origin, destination FROM routes ORDER BY id LIMIT 1').get() as { origin: string; destination: string };
  const r = `${route.origin}-${route.destination}`;
  return [
    ['all time, real traffic', DEFAULT_FILTERS],
    ['one week, simulated traffic', { ...DEFAULT_FILTERS, traffic: 'simulated', from: '2026-11-08', to: '2026-11-14' }],
    [`route ${r}, fare family standard`, { ...DEFAULT_FILTERS, route: r, family: 'standard' }],
    ['tactic bundle, variant B', { ...DEFAULT_FILTERS, tactic: TACTIC.bundle, variant: 'B' }],
    ['dark patterns out', { ...DEFAULT_FILTERS, dark: 'out' }],
    ['workshop room-1', { ...DEFAULT_FILTERS, workshop: 'room-1' }],
    ['all filters at once', { traffic: 'simulated', from: '2026-11-01', to: '2026-11-20', route: r, family: 'basic', tactic: TACTIC.bundle, variant: 'A', dark: 'out' }],
  ];
}

const median = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;

function main(): void {
  const given = process.argv[2];
  const events = Number(process.argv[3] ?? 1_000_000);
  const dir = given ? undefined : mkdtempSync(join(tmpdir(), 'skylark-dashboard-'));
  const path = given ?? join(dir!, 'dashboard.sqlite');
  try {
    if (!existsSync(path)) {
      console.log(`Writing ${events.toLocaleString('en')} offer events of traffic into ${path}…`);
      const built = buildDashboardDatabase(path, events);
      console.log(`  ${built.sessions.toLocaleString('en')} sessions, ${built.bookings.toLocaleString('en')} bookings in ${Math.round(built.ms / 1000)} s`);
    }
    const db = openDatabase(path);
    const count = (table: string) => (db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number).toLocaleString('en');
    console.log(
      `${path}: ${count('offer_events')} offer events, ${count('bookings')} bookings, ${count('funnel_events')} funnel rows; rollups: ` +
        `${count('offer_event_counts')} offer_event_counts, ${count('funnel_counts')} funnel_counts, ${count('arm_session_days')} arm_session_days, ${count('cohorts')} cohorts`,
    );

    // Every statement the page runs, with the parameters it ran with, for its plan.
    const seen = new Map<string, unknown>();
    const prepare = db.prepare.bind(db);
    (db as { prepare: (sql: string) => Statement }).prepare = (sql: string) => {
      const statement = prepare(sql);
      for (const method of ['all', 'get'] as const) {
        const run = statement[method].bind(statement) as (...args: unknown[]) => unknown;
        (statement as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
          if (!seen.has(sql)) seen.set(sql, args[0]);
          return run(...args);
        };
      }
      return statement;
    };
    const cases = dashboardCases(db);
    for (const [, filters] of cases) {
      dashboardFigures(db, filters);
      experiments(db, filters);
    }
    (db as { prepare: unknown }).prepare = prepare;
    console.log(`\nQuery plans (${seen.size} statements over the ${cases.length} cases):`);
    for (const [sql, params] of seen) {
      if (!/\b(offer_event_counts|funnel_counts|arm_session_days|bookings|session_cohorts)\b/.test(sql)) continue;
      const plan = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all((params ?? {}) as Record<string, unknown>) as { detail: string }[];
      console.log(`\n${sql.replace(/\s+/g, ' ').slice(0, 160)}…\n${plan.map((p) => `   ${p.detail}`).join('\n')}`);
    }

    // CPU time is the figure to read on a shared machine (the wall time waits for other processes).
    console.log('\nThe page\'s figures (dashboardFigures + experiments), median of 7: CPU ms (wall ms):');
    for (const [name, filters] of cases) {
      const cpu: number[] = [];
      const wall: number[] = [];
      for (let i = 0; i < 7; i++) {
        const t = performance.now();
        const c = process.cpuUsage();
        dashboardFigures(db, filters);
        experiments(db, filters);
        const used = process.cpuUsage(c);
        cpu.push((used.user + used.system) / 1000);
        wall.push(performance.now() - t);
      }
      console.log(`  ${name}: ${median(cpu).toFixed(1)} ms CPU (${median(wall).toFixed(1)} ms wall, max ${Math.max(...wall).toFixed(1)})`);
    }

    console.log('\nThe same event figures as first defined (GROUP BYs over offer_events; once each), ms:');
    for (const [name, filters] of cases.slice(0, 3)) {
      const t = performance.now();
      rawTakeBy(db, filters, 'offer_code');
      rawTakeBy(db, filters, 'placement');
      rawFunnelCounts(db, filters);
      rawArmEvents(db, { ...filters, tactic: undefined, variant: undefined });
      rawArmBookings(db, { ...filters, tactic: undefined, variant: undefined });
      console.log(`  ${name}: ${(performance.now() - t).toFixed(0)} ms`);
    }
    db.close();
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith("dashboard.ts")) main();
