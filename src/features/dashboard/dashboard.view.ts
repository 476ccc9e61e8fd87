// The dashboard page's view model: the figures as text and charts, the filter form's options and
// values, the experiments table, and the definitions. Templates only display what is here.
import type { FieldErrors } from '../../lib/errors.ts';
import { formatMoney } from '../../lib/money.ts';
import { barChart, type BarChart } from './charts.ts';
import type { Experiment } from './experiments.ts';
import { FIGURE_DEFINITIONS, type DashboardFigures, type Rate } from './figures.ts';
import type { Interval } from './stats.ts';

export type FilterOptions = {
  routes: { value: string; label: string }[];
  families: { value: string; label: string }[];
  tactics: { value: string; label: string }[];
};

export type FilterValues = Record<'from' | 'to' | 'route' | 'family' | 'traffic' | 'tactic' | 'variant' | 'dark' | 'workshop', string>;

export const pct = (rate: number | null, digits = 1) => (rate === null ? '–' : `${(rate * 100).toFixed(digits)}%`);
const rateText = (r: Rate) => (r.rate === null ? 'no impressions' : `${pct(r.rate)} (${r.numerator} of ${r.denominator})`);
const intervalPct = (i: Interval | null) => (i ? `${pct(i.low)} – ${pct(i.high)}` : '–');

const money = (minor: number | null, currency: string) => (minor === null ? '–' : formatMoney({ amountMinor: Math.round(minor), currency }, { alwaysCents: true }));
const moneyInterval = (i: Interval | null, currency: string) => (i ? `${money(i.low, currency)} – ${money(i.high, currency)}` : '–');

export function dashboardView(input: {
  figures: DashboardFigures | null;
  experiments: Experiment[];
  values: FilterValues;
  errors: FieldErrors;
  options: FilterOptions;
  exportQuery: string;
}) {
  const { figures: f, experiments } = input;
  const trafficLabel = input.values.traffic === 'simulated' ? 'Simulated traffic' : 'Real traffic';

  const headline = f
    ? [
        { key: 'bookings', label: 'Bookings', value: String(f.bookings), definition: FIGURE_DEFINITIONS.bookings },
        { key: 'aov', label: 'Average order value', value: money(f.averageOrderValueMinor, f.currency), definition: FIGURE_DEFINITIONS.aov },
        {
          key: 'ancillary-per-passenger',
          label: 'Ancillary revenue per passenger',
          value: money(f.ancillaryPerPassengerMinor, f.currency),
          definition: FIGURE_DEFINITIONS.ancillaryPerPassenger,
        },
        { key: 'upsell-revenue', label: 'Upsell revenue', value: money(f.upsellRevenueMinor, f.currency), definition: FIGURE_DEFINITIONS.upsellRevenue },
        { key: 'cross-sell-revenue', label: 'Cross-sell revenue', value: money(f.crossSellRevenueMinor, f.currency), definition: FIGURE_DEFINITIONS.crossSellRevenue },
      ]
    : [];

  const charts: BarChart[] = f
    ? [
        barChart(
          'attach',
          'Attach rate per category',
          `${trafficLabel}: share of ${f.bookings} bookings with at least one line of each category.`,
          f.attach.map((a) => ({ label: a.label, value: a.rate.rate, valueText: rateText(a.rate) })),
        ),
        barChart(
          'revenue-placement',
          'Revenue per placement',
          `${trafficLabel}: upsell and cross-sell revenue of ${f.bookings} bookings by the page that sold it; manage is post-booking revenue.`,
          f.revenueByPlacement.map((r) => ({ label: r.placement, value: r.revenueMinor, valueText: `${money(r.revenueMinor, f.currency)} (${pct(r.share)})` })),
          0,
        ),
        barChart(
          'take-offer',
          'Take rate per offer',
          `${trafficLabel}: offers accepted divided by offers shown, per offer.`,
          f.takeByOffer.map((t) => ({ label: t.key, value: t.rate.rate, valueText: rateText(t.rate) })),
        ),
        barChart(
          'take-placement',
          'Take rate per placement',
          `${trafficLabel}: offers accepted divided by offers shown, per page.`,
          f.takeByPlacement.map((t) => ({ label: t.key, value: t.rate.rate, valueText: rateText(t.rate) })),
        ),
        barChart(
          'funnel',
          'Funnel',
          `${trafficLabel}: sessions reaching each step, with the drop-off from the step before.`,
          f.funnel.map((s) => ({
            label: s.step,
            value: s.sessions,
            valueText: `${s.sessions}${s.dropOff === null ? '' : ` (−${pct(s.dropOff)})`}`,
          })),
          0,
        ),
      ]
    : [];

  const revenueTable = f
    ? {
        definition: FIGURE_DEFINITIONS.revenueByPlacement,
        rows: f.revenueByPlacement.map((r) => ({ placement: r.placement, bookings: String(r.bookings), revenue: money(r.revenueMinor, f.currency), share: pct(r.share) })),
        total: money(f.ancillaryRevenueMinor, f.currency),
      }
    : null;

  return {
    trafficLabel,
    headline,
    charts,
    revenueTable,
    definitions: Object.entries(FIGURE_DEFINITIONS).map(([key, text]) => ({ key, text })),
    experiments: experiments.map((e) => {
      // The presenter view of this experiment, over the same filters (its tactic instead of the filter's).
      const query = new URLSearchParams(input.exportQuery);
      query.delete('variant');
      query.set('tactic', e.tactic);
      return { ...experimentView(e, f?.currency ?? 'EUR'), presentHref: `/trainer/present?${query.toString()}` };
    }),
    values: input.values,
    errors: input.errors,
    options: input.options,
    exportQuery: input.exportQuery,
  };
}
export type DashboardView = ReturnType<typeof dashboardView>;

/** One experiment as text: both arms, B − A, the p-value and the verdict (the dashboard's table and the presenter view). */
export function experimentView(e: Experiment, currency: string) {
  const arm = (a: Experiment['arms']['A']) => ({
    key: a.variant,
    variant: a.variant === 'A' ? 'A (control)' : 'B (applied)',
    sessions: String(a.sessions),
    impressions: String(a.impressions),
    takeRate: a.takeRate === null ? '–' : `${pct(a.takeRate)} (${a.takes})`,
    takeRateInterval: intervalPct(a.takeRateInterval),
    aov: money(a.averageOrderValueMinor, currency),
    aovInterval: moneyInterval(a.averageOrderValueInterval, currency),
    bookings: String(a.bookings),
  });
  const d = e.averageOrderValueDifference;
  return {
    tactic: e.tactic,
    name: e.name,
    darkPattern: e.darkPattern,
    arms: [arm(e.arms.A), arm(e.arms.B)],
    takeRateDifference: e.takeRateDifference === null ? '–' : `${e.takeRateDifference >= 0 ? '+' : ''}${(e.takeRateDifference * 100).toFixed(1)} points`,
    pValue: e.pValue === null ? '–' : e.pValue < 0.001 ? '< 0.001' : e.pValue.toFixed(3),
    aovDifference: d ? `${d.difference >= 0 ? '+' : ''}${money(d.difference, currency)}${d.interval ? ` (95%: ${moneyInterval(d.interval, currency)})` : ''}` : '–',
    verdict: e.verdict.text,
    verdictKind: e.verdict.kind,
  };
}
export type ExperimentView = ReturnType<typeof experimentView>;
