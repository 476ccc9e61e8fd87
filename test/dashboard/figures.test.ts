import { describe, expect, it } from 'vitest';
import { OFFER, TACTIC } from '../../src/features/offers/codes.ts';
import { dashboardFigures } from '../../src/features/dashboard/figures.ts';
import { DEFAULT_FILTERS, parseDashboardFilters, type DashboardFilters } from '../../src/features/dashboard/filters.ts';
import { experiments } from '../../src/features/dashboard/experiments.ts';
import { setTactic } from '../../src/features/trainer/set-tactic.ts';
import { ValidationError } from '../../src/lib/errors.ts';
import { createTestDb } from '../helpers/db.ts';
import { addBooking, addEvents, addFunnel, firstRoute } from './dashboard-helpers.ts';

const real: DashboardFilters = DEFAULT_FILTERS;
const simulated: DashboardFilters = { ...DEFAULT_FILTERS, traffic: 'simulated' };

describe('dashboard figures on a hand-built set', () => {
  it('counts bookings, the average order value, ancillary revenue per passenger, upsell and cross-sell revenue', () => {
    const db = createTestDb();
    addBooking(db, { session: 's1', totalMinor: 10_000, passengers: 2, items: [{ kind: 'upsell', category: 'seat', totalMinor: 1_500 }] });
    addBooking(db, { session: 's2', totalMinor: 20_001, passengers: 1, items: [{ kind: 'cross_sell', category: 'hotel', totalMinor: 9_000 }, { kind: 'upsell', category: 'bag', totalMinor: 3_000 }] });
    const f = dashboardFigures(db, real);
    expect(f.bookings).toBe(2);
    expect(f.revenueMinor).toBe(30_001);
    expect(f.averageOrderValueMinor).toBe(15_001); // 15,000.5 rounded to whole cents
    expect(f.passengers).toBe(3);
    expect(f.upsellRevenueMinor).toBe(4_500);
    expect(f.crossSellRevenueMinor).toBe(9_000);
    expect(f.ancillaryPerPassengerMinor).toBe(4_500); // 13,500 / 3
  });

  it('gives the attach rate per category as the share of bookings with such a line, a booking counted once', () => {
    const db = createTestDb();
    addBooking(db, { session: 's1', totalMinor: 1, passengers: 1, items: [{ kind: 'upsell', category: 'bag', totalMinor: 1 }, { kind: 'upsell', category: 'bag', totalMinor: 1 }] });
    addBooking(db, { session: 's2', totalMinor: 1, passengers: 1, items: [{ kind: 'upsell', category: 'cabin', totalMinor: 1 }, { kind: 'upsell', category: 'fare', totalMinor: 1 }] });
    addBooking(db, { session: 's3', totalMinor: 1, passengers: 1 });
    addBooking(db, { session: 's4', totalMinor: 1, passengers: 1, items: [{ kind: 'upsell', category: 'bag', totalMinor: 1 }] });
    const attach = Object.fromEntries(dashboardFigures(db, real).attach.map((a) => [a.key, a.rate]));
    expect(attach.bags).toEqual({ numerator: 2, denominator: 4, rate: 0.5 });
    expect(attach.upgrade).toEqual({ numerator: 1, denominator: 4, rate: 0.25 });
    expect(attach.hotel!.rate).toBe(0);
  });

  it('gives the take rate per offer and per placement as accepted over shown', () => {
    const db = createTestDb();
    addEvents(db, { session: 's1', offer: OFFER.PRIORITY_BOARDING, placement: 'extras', event: 'shown', count: 8 });
    addEvents(db, { session: 's1', offer: OFFER.PRIORITY_BOARDING, placement: 'extras', event: 'accepted', count: 2 });
    addEvents(db, { session: 's1', offer: OFFER.PRIORITY_BOARDING, placement: 'extras', event: 'declined', count: 3 });
    addEvents(db, { session: 's2', offer: OFFER.TRAVEL_INSURANCE, placement: 'review', event: 'shown', count: 4 });
    addEvents(db, { session: 's2', offer: OFFER.TRAVEL_INSURANCE, placement: 'review', event: 'accepted', count: 3 });
    const f = dashboardFigures(db, real);
    expect(f.takeByOffer).toEqual([
      { key: OFFER.PRIORITY_BOARDING, rate: { numerator: 2, denominator: 8, rate: 0.25 } },
      { key: OFFER.TRAVEL_INSURANCE, rate: { numerator: 3, denominator: 4, rate: 0.75 } },
    ]);
    expect(f.takeByPlacement.map((p) => [p.key, p.rate.rate])).toEqual([
      ['extras', 0.25],
      ['review', 0.75],
    ]);
  });

  it('counts the funnel per session with the drop-off from the step before, booked read from the bookings', () => {
    const db = createTestDb();
    for (let i = 0; i < 10; i++) addFunnel(db, `s${i}`, ['search', ...(i < 8 ? ['results'] : []), ...(i < 4 ? ['checkout', 'passengers'] : [])]);
    addBooking(db, { session: 's0', totalMinor: 1, passengers: 1 });
    const funnel = Object.fromEntries(dashboardFigures(db, real).funnel.map((s) => [s.step, s]));
    expect(funnel.search).toEqual({ step: 'search', sessions: 10, dropOff: null });
    expect(funnel.results!.dropOff).toBeCloseTo(0.2, 10);
    expect(funnel.checkout!.dropOff).toBeCloseTo(0.5, 10);
    expect(funnel.seats).toEqual({ step: 'seats', sessions: 0, dropOff: 1 });
    expect(funnel.extras!.dropOff).toBeNull(); // nobody reached seats: no rate to give
    expect(funnel.booked!.sessions).toBe(1);
  });

  it('keeps real and simulated traffic apart', () => {
    const db = createTestDb();
    addBooking(db, { session: 'real', totalMinor: 100, passengers: 1 });
    addBooking(db, { session: 'sim1', totalMinor: 300, passengers: 1, simulated: true });
    addBooking(db, { session: 'sim2', totalMinor: 500, passengers: 1, simulated: true });
    addEvents(db, { session: 'sim1', offer: OFFER.HOTEL_STAY, placement: 'confirmation', event: 'shown', simulated: true });
    addFunnel(db, 'sim1', ['search'], true);
    expect(dashboardFigures(db, real)).toMatchObject({ bookings: 1, averageOrderValueMinor: 100, takeByOffer: [] });
    expect(dashboardFigures(db, real).funnel[0]!.sessions).toBe(0);
    expect(dashboardFigures(db, simulated)).toMatchObject({ bookings: 2, averageOrderValueMinor: 400 });
    expect(dashboardFigures(db, simulated).takeByOffer).toHaveLength(1);
  });

  it('leaves out the sessions a dark-pattern demonstration was applied to when dark patterns are out', () => {
    const db = createTestDb();
    addBooking(db, { session: 'clean', totalMinor: 100, passengers: 1 });
    addBooking(db, { session: 'dark', totalMinor: 900, passengers: 1 });
    addBooking(db, { session: 'control', totalMinor: 500, passengers: 1 });
    addEvents(db, { session: 'dark', offer: OFFER.TRAVEL_INSURANCE, placement: 'review', event: 'shown', tactic: TACTIC.preticked_box, variant: 'B' });
    addEvents(db, { session: 'control', offer: OFFER.TRAVEL_INSURANCE, placement: 'review', event: 'shown', tactic: TACTIC.preticked_box, variant: 'A' });
    expect(dashboardFigures(db, real).bookings).toBe(3);
    const out = dashboardFigures(db, { ...real, dark: 'out' });
    expect(out.bookings).toBe(2);
    expect(out.averageOrderValueMinor).toBe(300);
    expect(out.takeByOffer[0]!.rate.denominator).toBe(1); // the control arm's impression stays
  });

  it('filters by time range (both days included), route, fare family, tactic and variant', () => {
    const db = createTestDb();
    const route = firstRoute(db);
    const other = firstRoute(db, 1);
    addBooking(db, { session: 'a', totalMinor: 100, passengers: 1, at: '2026-11-25T23:59:59.000Z', route });
    addBooking(db, { session: 'b', totalMinor: 200, passengers: 1, at: '2026-11-26T00:00:00.000Z', route, family: 'standard' });
    addBooking(db, { session: 'c', totalMinor: 400, passengers: 1, at: '2026-11-27T23:59:59.000Z', route: other });
    addBooking(db, { session: 'd', totalMinor: 800, passengers: 1, at: '2026-11-28T00:00:00.000Z', route });
    addEvents(db, { session: 'b', offer: OFFER.SEAT_UP_FRONT, placement: 'seats', event: 'shown', tactic: TACTIC.scarcity, variant: 'B' });
    addEvents(db, { session: 'c', offer: OFFER.SEAT_UP_FRONT, placement: 'seats', event: 'shown', tactic: TACTIC.scarcity, variant: 'A' });
    const range = { ...real, from: '2026-11-26', to: '2026-11-27' };
    expect(dashboardFigures(db, range).revenueMinor).toBe(600);
    expect(dashboardFigures(db, { ...real, route }).revenueMinor).toBe(1_100);
    expect(dashboardFigures(db, { ...real, route, family: 'standard' }).revenueMinor).toBe(200);
    expect(dashboardFigures(db, { ...real, tactic: TACTIC.scarcity }).revenueMinor).toBe(600);
    expect(dashboardFigures(db, { ...real, tactic: TACTIC.scarcity, variant: 'A' }).revenueMinor).toBe(400);
  });
});

describe('dashboard filters', () => {
  const issuesOf = (raw: unknown) => {
    try {
      parseDashboardFilters(createTestDb(), raw);
    } catch (error) {
      if (error instanceof ValidationError) return error.issues.map((i) => [i.path.join('.'), i.code]);
      throw error;
    }
    return [];
  };

  it('refuses an unknown route, a reversed time range, an unknown fare family and a variant without a tactic', () => {
    expect(issuesOf({ route: 'XXX-YYY' })).toEqual([['route', 'unknown_route']]);
    expect(issuesOf({ from: '2026-11-28', to: '2026-11-27' })).toEqual([['to', 'reversed_range']]);
    expect(issuesOf({ family: 'platinum' })).toEqual([['family', 'unknown_fare_family']]);
    expect(issuesOf({ variant: 'B' })).toEqual([['variant', 'variant_without_tactic']]);
    expect(issuesOf({ from: '2026-02-30' })).toEqual([['from', 'invalid_date']]);
    expect(issuesOf({ traffic: 'both' })).toEqual([['traffic', 'invalid_value']]);
  });

  it('takes blank fields as no filter and defaults to real traffic with dark patterns in', () => {
    expect(parseDashboardFilters(createTestDb(), { from: '', route: '', traffic: '' })).toEqual({ traffic: 'real', dark: 'in' });
  });
});

describe('experiments', () => {
  it('gives each A/B tactic per arm sessions, impressions, take rate with its Wilson interval, AOV and the z-test', () => {
    const db = createTestDb();
    setTactic(db, TACTIC.bundle, { mode: 'ab', split: 50 });
    // Arm A: 100 impressions, 10 takes over 2 sessions; arm B: 100 impressions, 30 takes, 1 session.
    addEvents(db, { session: 'a1', offer: OFFER.PRIORITY_BOARDING, placement: 'extras', event: 'shown', tactic: TACTIC.bundle, variant: 'A', count: 60 });
    addEvents(db, { session: 'a2', offer: OFFER.PRIORITY_BOARDING, placement: 'extras', event: 'shown', tactic: TACTIC.bundle, variant: 'A', count: 40 });
    addEvents(db, { session: 'a1', offer: OFFER.PRIORITY_BOARDING, placement: 'extras', event: 'accepted', tactic: TACTIC.bundle, variant: 'A', count: 10 });
    addEvents(db, { session: 'b1', offer: OFFER.PRIORITY_BOARDING, placement: 'extras', event: 'shown', tactic: TACTIC.bundle, variant: 'B', count: 100 });
    addEvents(db, { session: 'b1', offer: OFFER.PRIORITY_BOARDING, placement: 'extras', event: 'accepted', tactic: TACTIC.bundle, variant: 'B', count: 30 });
    addBooking(db, { session: 'a1', totalMinor: 100, passengers: 1 });
    addBooking(db, { session: 'a2', totalMinor: 300, passengers: 1 });
    addBooking(db, { session: 'b1', totalMinor: 500, passengers: 1 });
    const [bundle, ...others] = experiments(db, real);
    expect(others).toEqual([]);
    expect(bundle!.tactic).toBe(TACTIC.bundle);
    const { A, B } = bundle!.arms;
    expect(A).toMatchObject({ sessions: 2, impressions: 100, takes: 10, takeRate: 0.1, bookings: 2, averageOrderValueMinor: 200 });
    expect(A.takeRateInterval!.low).toBeCloseTo(0.0552, 4);
    expect(A.takeRateInterval!.high).toBeCloseTo(0.1744, 4);
    // sd of 100, 300 = 141.42; half-width 1.96 × 141.42 / √2 = 196
    expect(A.averageOrderValueInterval!.high).toBeCloseTo(396, 0);
    expect(B).toMatchObject({ sessions: 1, impressions: 100, takes: 30, takeRate: 0.3, bookings: 1, averageOrderValueMinor: 500, averageOrderValueInterval: null });
    expect(bundle!.takeRateDifference).toBeCloseTo(0.2, 10);
    // pooled 0.2: z = 0.2 / √(0.16 × 0.02) = 3.5355, p = 0.000407
    expect(bundle!.pValue).toBeCloseTo(0.000407, 5);
    expect(bundle!.averageOrderValueDifference!.difference).toBe(300);
    expect(bundle!.verdict.kind).toBe('b_higher');
  });

  it('says "not enough data yet" for a fresh A/B test', () => {
    const db = createTestDb();
    setTactic(db, TACTIC.scarcity, { mode: 'ab', split: 50 });
    const [scarcity] = experiments(db, real);
    expect(scarcity!.arms.A.impressions).toBe(0);
    expect(scarcity!.verdict.text).toMatch(/^Not enough data yet/);
  });
});
