// The experiments table: for each tactic in A/B, per arm, sessions, impressions, take rate with its
// Wilson interval and the average order value with its interval; then B − A with a z-test and a verdict.
import type { Db } from '../../db/database.ts';
import { isTacticCode, type TacticCode } from '../offers/codes.ts';
import type { DashboardFilters } from './filters.ts';
import { armBookings, armEvents, tacticsInAb } from './figures.repository.ts';
import { meanDifference, meanEstimate, takeRateVerdict, twoProportionZTest, wilsonInterval, type Interval, type Moments, type Verdict } from './stats.ts';

export type ArmFigures = {
  variant: 'A' | 'B';
  sessions: number;
  impressions: number;
  takes: number;
  takeRate: number | null;
  takeRateInterval: Interval | null;
  bookings: number;
  averageOrderValueMinor: number | null;
  averageOrderValueInterval: Interval | null;
};

export type Experiment = {
  tactic: TacticCode;
  name: string;
  darkPattern: boolean;
  arms: { A: ArmFigures; B: ArmFigures };
  /** B − A. */
  takeRateDifference: number | null;
  pValue: number | null;
  averageOrderValueDifference: { difference: number; interval: Interval | null } | null;
  verdict: Verdict;
};

const NO_MOMENTS: Moments = { n: 0, sum: 0, sumSquares: 0 };

export function armFigures(variant: 'A' | 'B', events: { sessions: number; shown: number; accepted: number } | undefined, bookings: Moments): ArmFigures {
  const impressions = events?.shown ?? 0;
  const takes = events?.accepted ?? 0;
  const aov = meanEstimate(bookings);
  return {
    variant,
    sessions: events?.sessions ?? 0,
    impressions,
    takes,
    takeRate: impressions > 0 ? takes / impressions : null,
    takeRateInterval: wilsonInterval(takes, impressions),
    bookings: bookings.n,
    averageOrderValueMinor: aov ? aov.mean : null,
    averageOrderValueInterval: aov?.interval ?? null,
  };
}

/** The experiments of the tactics in A/B now, over the traffic, time, route, family and dark-pattern filters (not the tactic filter). */
export function experiments(db: Db, filters: DashboardFilters): Experiment[] {
  const scope: DashboardFilters = { ...filters, tactic: undefined, variant: undefined };
  const events = armEvents(db, scope);
  const bookings = armBookings(db, scope);
  const out: Experiment[] = [];
  for (const tactic of tacticsInAb(db)) {
    if (!isTacticCode(tactic.code)) continue;
    const eventsOf = (v: 'A' | 'B') => events.find((e) => e.tactic === tactic.code && e.variant === v);
    const momentsOf = (v: 'A' | 'B'): Moments => {
      const row = bookings.find((b) => b.tactic === tactic.code && b.variant === v);
      return row ? { n: row.n, sum: row.sum, sumSquares: row.sumSquares } : NO_MOMENTS;
    };
    const A = armFigures('A', eventsOf('A'), momentsOf('A'));
    const B = armFigures('B', eventsOf('B'), momentsOf('B'));
    const test = twoProportionZTest(A.takes, A.impressions, B.takes, B.impressions);
    out.push({
      tactic: tactic.code,
      name: tactic.name,
      darkPattern: tactic.darkPattern === 1,
      arms: { A, B },
      takeRateDifference: A.takeRate !== null && B.takeRate !== null ? B.takeRate - A.takeRate : null,
      pValue: test ? test.pValue : null,
      averageOrderValueDifference: meanDifference(momentsOf('A'), momentsOf('B')),
      verdict: takeRateVerdict(A, B),
    });
  }
  return out;
}
