// The presenter view (issue 11 item 4): one A/B tactic's two arms side by side, in large type, for the
// room's projector. The figures are the experiments table's (experiments.ts, stats.ts), over the
// dashboard's filters but the tactic filter (the tactic chosen is the experiment shown).
import type { Db } from '../../db/database.ts';
import { experiments } from './experiments.ts';
import { experimentView, type ExperimentView } from './dashboard.view.ts';
import { filtersQuery, type DashboardFilters } from './filters.ts';
import { dashboardFigures } from './figures.ts';

export type Presentation = {
  /** The experiment shown: the tactic asked for, or the first tactic in A/B. */
  experiment: ExperimentView | null;
  /** The tactics in A/B now, to switch between (links keep the other filters). */
  others: { tactic: string; name: string; href: string; current: boolean }[];
  /** Why no experiment is shown. */
  message: string | null;
  href: string;
  liveHref: string;
};

/** The values the page's data-live elements hold, by key (`A-take-rate`, `verdict`, …). */
export function presenterLiveFigures(e: ExperimentView): Record<string, string> {
  const out: Record<string, string> = {};
  for (const arm of e.arms) {
    out[`${arm.key}-sessions`] = arm.sessions;
    out[`${arm.key}-impressions`] = arm.impressions;
    out[`${arm.key}-take-rate`] = arm.takeRate;
    out[`${arm.key}-take-rate-interval`] = arm.takeRateInterval;
    out[`${arm.key}-bookings`] = arm.bookings;
    out[`${arm.key}-aov`] = arm.aov;
    out[`${arm.key}-aov-interval`] = arm.aovInterval;
  }
  out['take-rate-difference'] = e.takeRateDifference;
  out['p-value'] = e.pValue;
  out['aov-difference'] = e.aovDifference;
  out.verdict = e.verdict;
  return out;
}

export function presentation(db: Db, filters: DashboardFilters): Presentation {
  const all = experiments(db, filters);
  const currency = dashboardFigures(db, { ...filters, tactic: undefined, variant: undefined }).currency;
  const chosen = filters.tactic ? all.find((e) => e.tactic === filters.tactic) : all[0];
  const query = (tactic: string | undefined) => filtersQuery({ ...filters, tactic: tactic as DashboardFilters['tactic'], variant: undefined });
  const current = chosen?.tactic;
  return {
    experiment: chosen ? experimentView(chosen, currency) : null,
    others: all.map((e) => ({ tactic: e.tactic, name: e.name, href: `/trainer/present?${query(e.tactic)}`, current: e.tactic === current })),
    message: chosen
      ? null
      : filters.tactic
        ? `The tactic “${filters.tactic}” is not in A/B now: set it to A/B on the playbook to compare its variants.`
        : 'No tactic is in A/B now: set one to A/B on the playbook to compare its variants.',
    href: `/trainer/present?${query(current)}`,
    liveHref: `/trainer/present/live?${query(current)}`,
  };
}
