// Issue 11 item 7: the dashboard reads rollups kept by triggers (migration 013). Every figure they give
// must equal the raw definition (raw-definitions.ts: GROUP BYs over the events) for every filter, on a
// hand-built set, on a random one written in random order, after the simulator, and after each reset.
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import { armBookings, armEvents, funnelCounts, takeBy } from '../../src/features/dashboard/figures.repository.ts';
import { dashboardFigures } from '../../src/features/dashboard/figures.ts';
import { DEFAULT_FILTERS, type DashboardFilters } from '../../src/features/dashboard/filters.ts';
import { resetDemo } from '../../src/features/dashboard/reset.ts';
import { recordWorkshopSession } from '../../src/features/dashboard/funnel.repository.ts';
import { OFFER_CODES, TACTIC, TACTIC_CODES } from '../../src/features/offers/codes.ts';
import { simulate } from '../../src/features/simulator/simulate.ts';
import { DEFAULT_PARAMS } from '../../src/features/simulator/model.ts';
import { markSimulated } from '../../src/features/simulator/simulator.repository.ts';
import { readTakeData, readTakeDataTo } from '../../src/features/tactics/take-data.ts';
import { resetDemoData } from '../../src/features/testing/reset-demo-data.ts';
import { offerPlacementFigures, tacticFigures } from '../../src/features/trainer/trainer.repository.ts';
import { setTactic } from '../../src/features/trainer/set-tactic.ts';
import { createTestDb, TEST_NOW, TEST_SEED } from '../helpers/db.ts';
import { addBooking, addCheckout, addEvents, addFunnel, firstRoute } from './dashboard-helpers.ts';
import { rawArmBookings, rawArmEvents, rawBookingFigures, rawFunnelCounts, rawTakeBy, rawTakes } from './raw-definitions.ts';
import { bookingTotals, ancillaryByCategory } from '../../src/features/dashboard/figures.repository.ts';
import { mulberry32, pick } from '../../src/features/catalogue/random.ts';

const PLACEMENTS = ['results', 'seats', 'extras', 'review', 'confirmation', 'manage'] as const;
const STEPS = ['search', 'results', 'checkout', 'passengers', 'seats', 'extras', 'payment'] as const;

/** A small deterministic generator (mulberry32), so a failure can be replayed from its seed. */
function random(seed: number) {
  const next = mulberry32(seed);
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(list: readonly T[]): T => pick(next, list) };
}

/** Every combination of the filters that the rollups treat differently, for the tactics and routes in play. */
function filterSets(db: Db): DashboardFilters[] {
  const route = firstRoute(db, 0);
  const out: DashboardFilters[] = [];
  for (const traffic of ['real', 'simulated'] as const)
    for (const dark of ['in', 'out'] as const)
      for (const range of [{}, { from: '2026-11-26', to: '2026-11-27' }, { to: '2026-11-25' }])
        for (const t of [{}, { tactic: TACTIC.bundle, variant: 'B' as const }, { tactic: TACTIC.preticked_box }])
          for (const place of [{}, { route }, { route, family: 'basic' }, { family: 'standard' }])
            for (const workshop of [undefined, 'room-1']) out.push({ traffic, dark, ...range, ...t, ...place, workshop });
  return out;
}

const byKey = <T extends { key: string }>(rows: T[]) => [...rows].sort((a, b) => a.key.localeCompare(b.key));
const byArm = <T extends { tactic: string; variant: string }>(rows: T[]) => [...rows].sort((a, b) => `${a.tactic}|${a.variant}`.localeCompare(`${b.tactic}|${b.variant}`));

function expectRollupsEqualRaw(db: Db): number {
  let checked = 0;
  for (const filters of filterSets(db)) {
    const label = JSON.stringify(filters);
    expect(byKey(takeBy(db, filters, 'offer_code')), label).toEqual(byKey(rawTakeBy(db, filters, 'offer_code')));
    expect(byKey(takeBy(db, filters, 'placement')), label).toEqual(byKey(rawTakeBy(db, filters, 'placement')));
    const funnel = funnelCounts(db, filters);
    const raw = rawFunnelCounts(db, filters);
    expect(funnel.booked, label).toBe(raw.booked);
    expect(new Map(funnel.steps.map((s) => [s.step, s.sessions])), label).toEqual(new Map(raw.steps.map((s) => [s.step, s.sessions])));
    const scope = { ...filters, tactic: undefined, variant: undefined };
    expect(byArm(armEvents(db, scope)), label).toEqual(byArm(rawArmEvents(db, scope)));
    expect(byArm(armBookings(db, scope)), label).toEqual(byArm(rawArmBookings(db, scope)));
    const bookings = rawBookingFigures(db, filters);
    expect(bookingTotals(db, filters), label).toEqual(bookings.totals);
    expect(ancillaryByCategory(db, filters).sort((a, b) => `${a.kind}${a.category}`.localeCompare(`${b.kind}${b.category}`)), label).toEqual(
      (bookings.lines as { kind: string; category: string }[]).sort((a, b) => `${a.kind}${a.category}`.localeCompare(`${b.kind}${b.category}`)),
    );
    checked++;
  }
  return checked;
}

function expectTakesEqualRaw(db: Db, airports: readonly string[]): void {
  for (const airport of airports) {
    const raw = rawTakes(db, airport);
    const figure = (r: unknown) => r as { offerCode: string; shown: number; accepted: number };
    expect(readTakeData(db).all().sort((a, b) => a.offerCode.localeCompare(b.offerCode))).toEqual(
      raw.byOffer.map(figure).filter((r) => r.shown >= 30).map((r) => ({ ...r, rate: r.accepted / r.shown })),
    );
    expect(readTakeDataTo(db, airport).all().sort((a, b) => a.offerCode.localeCompare(b.offerCode))).toEqual(
      raw.toAirport.map(figure).filter((r) => r.shown >= 30).map((r) => ({ ...r, rate: r.accepted / r.shown })),
    );
    const tacticOrder = (a: { tactic: string; variant: string | null }, b: { tactic: string; variant: string | null }) =>
      `${a.tactic}|${a.variant}`.localeCompare(`${b.tactic}|${b.variant}`);
    expect(tacticFigures(db).sort(tacticOrder)).toEqual((raw.byTactic as { tactic: string; variant: string | null }[]).sort(tacticOrder));
    expect(offerPlacementFigures(db).sort((a, b) => `${a.offerCode}|${a.placement}`.localeCompare(`${b.offerCode}|${b.placement}`))).toEqual(
      raw.byOfferPlacement,
    );
  }
}

/** Random traffic in random order: sessions meet tactics, get checkouts and workshop tags after their first events, some are marked simulated later. */
function addRandomTraffic(db: Db, seed: number, sessions: number): void {
  const r = random(seed);
  const routes = [firstRoute(db, 0), firstRoute(db, 1), firstRoute(db, 2)];
  const days = ['2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28'];
  const work: (() => void)[] = [];
  for (let s = 0; s < sessions; s++) {
    const session = `rs-${seed}-${s}`;
    const simulated = r.next() < 0.3;
    const arm = r.pick(['A', 'B'] as const);
    for (let i = 0, n = 1 + r.int(12); i < n; i++) {
      const tactic = r.next() < 0.5 ? null : r.pick([TACTIC.bundle, TACTIC.bundle, TACTIC.preticked_box, TACTIC.scarcity, ...TACTIC_CODES]);
      const variant = tactic === null ? null : tactic === TACTIC.bundle ? arm : r.pick(['on', 'A', 'B', null]);
      const event = { session, offer: r.pick(OFFER_CODES), placement: r.pick(PLACEMENTS), event: r.pick(['shown', 'shown', 'accepted', 'declined'] as const), tactic, variant };
      const at = `${r.pick(days)}T${String(r.int(24)).padStart(2, '0')}:00:00.000Z`;
      work.push(() => addEvents(db, { ...event, simulated: simulated && r.next() < 0.5, at }));
    }
    if (r.next() < 0.5) work.push(() => addCheckout(db, session, { route: r.pick(routes), family: r.pick(['basic', 'standard']), simulated }));
    if (r.next() < 0.3) work.push(() => addBooking(db, { session, totalMinor: 5_000 + r.int(50_000), passengers: 1 + r.int(3), route: r.pick(routes), simulated, at: `${r.pick(days)}T12:00:00.000Z`, items: [{ kind: 'upsell', category: r.pick(['bag', 'seat', 'fare']), totalMinor: 100 + r.int(5_000) }] }));
    if (r.next() < 0.3) work.push(() => recordWorkshopSession(db, { sessionId: session, workshop: r.pick(['room-1', 'room-2']), at: new Date(TEST_NOW) }));
    work.push(() => addFunnel(db, session, STEPS.slice(0, 1 + r.int(STEPS.length)), simulated));
    if (simulated && r.next() < 0.5) work.push(() => markSimulated(db, session));
  }
  // Random order, so cohorts change after events were counted (the moves are what is under test).
  for (let i = work.length - 1; i > 0; i--) {
    const j = r.int(i + 1);
    [work[i], work[j]] = [work[j]!, work[i]!];
  }
  for (const w of work) w();
}

describe('the dashboard rollups (migration 013)', () => {
  it('give exactly the raw figures for every filter on a hand-built set', { timeout: 60_000 }, () => {
    const db = createTestDb();
    setTactic(db, TACTIC.bundle, { mode: 'ab', split: 50 });
    const route = firstRoute(db);
    addBooking(db, { session: 'a', totalMinor: 10_000, passengers: 1, route, items: [{ kind: 'upsell', category: 'bag', totalMinor: 2_000 }] });
    addEvents(db, { session: 'a', offer: 'BAG_CHECKED_23KG', placement: 'extras', event: 'shown', tactic: TACTIC.bundle, variant: 'A', count: 3 });
    addEvents(db, { session: 'a', offer: 'BAG_CHECKED_23KG', placement: 'extras', event: 'accepted', tactic: TACTIC.bundle, variant: 'A' });
    addEvents(db, { session: 'b', offer: 'TRAVEL_INSURANCE', placement: 'extras', event: 'shown', tactic: TACTIC.preticked_box, variant: 'on', count: 2 });
    addEvents(db, { session: 'b', offer: 'SEAT_UP_FRONT', placement: 'seats', event: 'shown', tactic: TACTIC.bundle, variant: 'B', at: '2026-11-28T01:00:00.000Z' });
    addBooking(db, { session: 'b', totalMinor: 30_000, passengers: 2, route, family: 'standard' });
    addFunnel(db, 'a', ['search', 'results', 'checkout']);
    addFunnel(db, 'b', ['search']);
    recordWorkshopSession(db, { sessionId: 'b', workshop: 'room-1', at: new Date(TEST_NOW) });
    addEvents(db, { session: 'c', offer: 'FARE_STANDARD', placement: 'results', event: 'shown', simulated: true, count: 4 });
    addFunnel(db, 'c', ['search', 'results'], true);

    // Known answers first, so the comparison below is not between two wrong figures.
    const all = dashboardFigures(db, DEFAULT_FILTERS);
    expect(all.takeByPlacement).toEqual([
      { key: 'extras', rate: { numerator: 1, denominator: 5, rate: 0.2 } },
      { key: 'seats', rate: { numerator: 0, denominator: 1, rate: 0 } },
    ]);
    const darkOut = dashboardFigures(db, { ...DEFAULT_FILTERS, dark: 'out' });
    expect(darkOut.takeByOffer).toEqual([{ key: 'BAG_CHECKED_23KG', rate: { numerator: 1, denominator: 3, rate: 1 / 3 } }]);
    expect(darkOut.bookings).toBe(1);
    const room = dashboardFigures(db, { ...DEFAULT_FILTERS, workshop: 'room-1' });
    expect(room.takeByOffer.map((t) => t.key)).toEqual(['SEAT_UP_FRONT', 'TRAVEL_INSURANCE']);
    expect(armEvents(db, DEFAULT_FILTERS).sort((x, y) => x.variant.localeCompare(y.variant))).toEqual([
      { tactic: TACTIC.bundle, variant: 'A', sessions: 1, shown: 3, accepted: 1 },
      { tactic: TACTIC.bundle, variant: 'B', sessions: 1, shown: 1, accepted: 0 },
    ]);
    expect(expectRollupsEqualRaw(db)).toBe(288);
  });

  it('give exactly the raw figures on random traffic written in random order, and the take data equals its GROUP BYs', { timeout: 60_000 }, () => {
    const db = createTestDb();
    setTactic(db, TACTIC.bundle, { mode: 'ab', split: 50 });
    addRandomTraffic(db, 11, 120);
    expectRollupsEqualRaw(db);
    // Enough impressions for take data (MIN_SAMPLE), and events of booked checkouts for the recommendation.
    const destination = firstRoute(db, 0).split('-')[1]!;
    expectTakesEqualRaw(db, [destination, 'LIS']);
  });

  it('follow the events the simulator records through the real commands, and both resets empty them', { timeout: 120_000 }, async () => {
    const db = createTestDb();
    setTactic(db, TACTIC.bundle, { mode: 'ab', split: 50 });
    setTactic(db, TACTIC.preticked_box, { mode: 'on', split: 50 });
    await simulate({ db, now: new Date(TEST_NOW), demoSeed: TEST_SEED }, { shoppers: 40, seed: 3, params: DEFAULT_PARAMS });
    addRandomTraffic(db, 5, 30);
    expect(db.prepare('SELECT COUNT(*) FROM offer_event_counts').pluck().get()).toBeGreaterThan(0);
    expectRollupsEqualRaw(db);
    expectTakesEqualRaw(db, ['LIS', 'LHR', 'DUB']);

    resetDemo(db);
    for (const table of ['offer_event_counts', 'funnel_counts', 'arm_session_days', 'offer_takes', 'booked_offer_takes', 'session_cohorts', 'session_tactics', 'cohort_refresh']) {
      expect(db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get(), table).toBe(0);
    }
    addRandomTraffic(db, 6, 40);
    expectRollupsEqualRaw(db);

    resetDemoData(db);
    expect(db.prepare('SELECT COUNT(*) FROM offer_event_counts').pluck().get()).toBe(0);
    addRandomTraffic(db, 7, 20);
    expectRollupsEqualRaw(db);
  });
});
