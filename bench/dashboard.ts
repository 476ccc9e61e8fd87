// npx tsx bench/dashboard.ts [events]: the dashboard's figures at 1,000,000 offer events (the issue's
// target: under 300 ms), with the query plans of the take-rate and booking queries printed.
import { migrate, openDatabase } from '../src/db/database.ts';
import { seedCatalogue } from '../src/features/catalogue/seed.ts';
import { experiments } from '../src/features/dashboard/experiments.ts';
import { dashboardFigures } from '../src/features/dashboard/figures.ts';
import * as repo from '../src/features/dashboard/figures.repository.ts';
import { bookingTotalsSql, takeSql } from '../src/features/dashboard/figures.repository.ts';
import { DEFAULT_FILTERS, type DashboardFilters } from '../src/features/dashboard/filters.ts';
import { OFFER_CODES, TACTIC } from '../src/features/offers/codes.ts';

const EVENTS = Number(process.argv[2] ?? 1_000_000);
const db = openDatabase(':memory:');
migrate(db);
seedCatalogue(db, { seed: 7, now: new Date('2026-11-27T09:00:00Z') });
db.prepare("UPDATE tactics SET mode = 'ab' WHERE code = ?").run(TACTIC.bundle);

const PLACEMENTS = ['results', 'seats', 'extras', 'review', 'confirmation'];
const sessions = Math.ceil(EVENTS / 20);
const started = performance.now();
db.transaction(() => {
  const event = db.prepare(`INSERT INTO offer_events (session_id, offer_code, kind, category, placement, tactic, variant, price_minor, currency, event, created_at, simulated)
    VALUES (?, ?, 'upsell', 'seat', ?, ?, ?, 1000, 'EUR', ?, ?, ?)`);
  const checkout = db.prepare(`INSERT INTO checkouts (id, session_id, trip_type, adults, children, infants, created_at, updated_at, expires_at, simulated)
    VALUES (?, ?, 'one_way', 1, 0, 0, ?, ?, ?, ?)`);
  const booking = db.prepare(`INSERT INTO bookings (reference, checkout_id, session_id, contact_email, contact_phone, total_minor, currency, created_at, simulated)
    VALUES (?, ?, ?, 'a@b.c', '1', ?, 'EUR', ?, ?)`);
  for (let i = 0; i < EVENTS; i++) {
    const s = i % sessions;
    const at = new Date(Date.UTC(2026, 10, 1) + Math.floor((i * 2_592_000) / EVENTS) * 1000).toISOString(); // spread over 30 days
    const arm = s % 2 === 0 ? 'A' : 'B';
    event.run(`s${s}`, OFFER_CODES[i % OFFER_CODES.length], PLACEMENTS[i % PLACEMENTS.length], s % 3 === 0 ? TACTIC.bundle : null, s % 3 === 0 ? arm : null, i % 5 === 0 ? 'accepted' : 'shown', at, s % 2);
  }
  for (let s = 0; s < sessions; s += 5) {
    const at = new Date(Date.UTC(2026, 10, 1) + s * 1000).toISOString();
    checkout.run(`c${s}`, `s${s}`, at, at, at, s % 2);
    booking.run(String(s).padStart(6, '0').slice(-6), `c${s}`, `s${s}`, 10_000 + (s % 7) * 1000, at, s % 2);
  }
})();
console.log(`filled ${EVENTS} events, ${Math.ceil(sessions / 5)} bookings in ${Math.round(performance.now() - started)} ms`);

for (const q of [takeSql(DEFAULT_FILTERS, 'offer_code'), bookingTotalsSql(DEFAULT_FILTERS)]) {
  console.log((db.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(q.params) as { detail: string }[]).map((r) => `  ${r.detail}`).join('\n'));
}

const cases: [string, DashboardFilters][] = [
  ['all time, real', DEFAULT_FILTERS],
  ['one week, simulated', { ...DEFAULT_FILTERS, traffic: 'simulated', from: '2026-11-08', to: '2026-11-14' }],
  ['bundle B, dark out', { ...DEFAULT_FILTERS, tactic: TACTIC.bundle, variant: 'B', dark: 'out' }],
];
for (const [name, filters] of cases) {
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    dashboardFigures(db, filters);
    experiments(db, filters);
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  console.log(`${name}: median ${Math.round(samples[2]!)} ms (figures + experiments)`);
}

const each: [string, () => unknown][] = [
  ['bookingTotals', () => repo.bookingTotals(db, DEFAULT_FILTERS)],
  ['ancillaryByCategory', () => repo.ancillaryByCategory(db, DEFAULT_FILTERS)],
  ['takeBy offer', () => repo.takeBy(db, DEFAULT_FILTERS, 'offer_code')],
  ['takeBy placement', () => repo.takeBy(db, DEFAULT_FILTERS, 'placement')],
  ['funnelCounts', () => repo.funnelCounts(db, DEFAULT_FILTERS)],
  ['armEvents', () => repo.armEvents(db, DEFAULT_FILTERS)],
  ['armBookings', () => repo.armBookings(db, DEFAULT_FILTERS)],
  ['takeBy offer, tactic B', () => repo.takeBy(db, { ...DEFAULT_FILTERS, tactic: TACTIC.bundle, variant: 'B' }, 'offer_code')],
  ['takeBy offer, dark out', () => repo.takeBy(db, { ...DEFAULT_FILTERS, dark: 'out' }, 'offer_code')],
];
for (const [name, fn] of each) {
  const t = performance.now();
  fn();
  console.log(`  ${name}: ${Math.round(performance.now() - t)} ms`);
}
