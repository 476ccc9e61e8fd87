// The dashboard's figures: plain functions over the SQL of figures.repository.ts. Every figure's
// definition is in FIGURE_DEFINITIONS (shown on the page and in docs/trainer.md).
import type { Db } from '../../db/database.ts';
import { DEFAULT_CURRENCY } from '../../lib/money.ts';
import type { DashboardFilters } from './filters.ts';
import { ancillaryByCategory, attachedBookings, bookingTotals, funnelCounts, revenueByPlacement, takeBy } from './figures.repository.ts';

/** The pages that sell upsells and cross-sells, in the order of the flow; `manage` is after the booking. */
export const REVENUE_PLACEMENTS = ['results', 'seats', 'extras', 'review', 'confirmation', 'manage'] as const;

export const FUNNEL_STEPS = ['search', 'results', 'checkout', 'passengers', 'seats', 'extras', 'payment', 'booked'] as const;
export type FunnelStep = (typeof FUNNEL_STEPS)[number];

/** The attach-rate categories, each with the offer categories (offers.category) it covers. */
export const ATTACH_CATEGORIES = [
  { key: 'bags', label: 'Bags', categories: ['bag'] },
  { key: 'seats', label: 'Seats', categories: ['seat'] },
  { key: 'priority', label: 'Priority boarding', categories: ['priority'] },
  { key: 'upgrade', label: 'Upgrade (fare or cabin)', categories: ['fare', 'cabin'] },
  { key: 'hotel', label: 'Hotel', categories: ['hotel'] },
  { key: 'insurance', label: 'Insurance', categories: ['insurance'] },
  { key: 'car', label: 'Car', categories: ['car'] },
  { key: 'bundle', label: 'Bundle', categories: ['bundle'] },
] as const;

export const FIGURE_DEFINITIONS = {
  bookings: 'Bookings: bookings made in the time range (by the time of payment) that match the filters.',
  aov: 'Average order value: the bookings’ totals as charged (fares, taxes, upsells and cross-sells) divided by the number of bookings.',
  ancillaryPerPassenger:
    'Ancillary revenue per passenger: the upsell and cross-sell lines of those bookings (everything but fares and taxes) divided by their passengers (infants included).',
  upsellRevenue: 'Upsell revenue: lines of kind upsell (a better fare, seat, cabin, priority, bag) of those bookings.',
  crossSellRevenue: 'Cross-sell revenue: lines of kind cross-sell (hotel, insurance, car) of those bookings.',
  attachRate:
    'Attach rate of a category: the share of bookings with upsell or cross-sell lines of that category adding up to more than nothing (a hotel or car cancelled free of charge, or a seat change at no charge, does not count).',
  revenueByPlacement:
    'Revenue per placement: the upsell and cross-sell lines of those bookings, by the page that sold them. Lines paid with the booking count for the page where their item was last accepted (results, seats, extras, review); lines added after it count for the confirmation page (its last cross-sells) or for Manage booking (post-booking revenue, placement manage), where a free cancellation’s refund counts too, as a negative amount.',
  takeRate:
    'Take rate of an offer or placement: offers accepted divided by offers shown (an impression counts once per session, checkout, offer, item and placement; an acceptance is an "accepted" event).',
  funnel:
    'Funnel: the sessions that reached each step at least once (a page of search, results; a step of the checkout submitted; payment attempted; a booking made). Drop-off: the share of the previous step’s sessions that did not reach this one. With a route or fare family, only sessions with a checkout on it count.',
  traffic: 'Traffic: real shoppers and simulated ones (the shopper simulator) are never added together; the filter chooses which you see.',
  tactic: 'Tactic and variant: only sessions that met the tactic (in that variant) count.',
  workshop: 'Workshop: only sessions that came in through that workshop’s QR code (/?workshop=<code>).',
  dark: 'Dark patterns out: sessions to which a dark-pattern demonstration was applied (on, or arm B) are left out.',
} as const;

export type Rate = { numerator: number; denominator: number; rate: number | null };
const rate = (numerator: number, denominator: number): Rate => ({ numerator, denominator, rate: denominator > 0 ? numerator / denominator : null });

export type DashboardFigures = {
  currency: string;
  bookings: number;
  revenueMinor: number;
  /** Rounded to whole minor units. */
  averageOrderValueMinor: number | null;
  passengers: number;
  ancillaryRevenueMinor: number;
  ancillaryPerPassengerMinor: number | null;
  upsellRevenueMinor: number;
  crossSellRevenueMinor: number;
  attach: { key: string; label: string; bookings: number; rate: Rate }[];
  /** Every placement of REVENUE_PLACEMENTS, with 0 where nothing was sold; share of the ancillary revenue (null without any). */
  revenueByPlacement: { placement: (typeof REVENUE_PLACEMENTS)[number]; bookings: number; revenueMinor: number; share: number | null }[];
  takeByOffer: { key: string; rate: Rate }[];
  takeByPlacement: { key: string; rate: Rate }[];
  funnel: { step: FunnelStep; sessions: number; dropOff: number | null }[];
};

export function dashboardFigures(db: Db, filters: DashboardFilters): DashboardFigures {
  const totals = bookingTotals(db, filters);
  const lines = ancillaryByCategory(db, filters);
  const revenueOf = (kind: string) => lines.filter((l) => l.kind === kind).reduce((sum, l) => sum + l.revenueMinor, 0);
  const upsellRevenueMinor = revenueOf('upsell');
  const crossSellRevenueMinor = revenueOf('cross_sell');
  const ancillaryRevenueMinor = upsellRevenueMinor + crossSellRevenueMinor;

  // A booking with a seat upsell and a cabin upsell counts once for "upgrade": distinct bookings per category key.
  const attached = attachedBookings(db, filters, ATTACH_CATEGORIES);
  const attach = ATTACH_CATEGORIES.map((c) => {
    const bookings = attached[c.key] ?? 0;
    return { key: c.key, label: c.label, bookings, rate: rate(bookings, totals.bookings) };
  });

  const byPlacement = new Map(revenueByPlacement(db, filters).map((r) => [r.placement, r]));
  const placementRevenue = REVENUE_PLACEMENTS.map((placement) => {
    const row = byPlacement.get(placement);
    const revenueMinor = row?.revenueMinor ?? 0;
    return { placement, bookings: row?.bookings ?? 0, revenueMinor, share: ancillaryRevenueMinor !== 0 ? revenueMinor / ancillaryRevenueMinor : null };
  });

  const { steps, booked } = funnelCounts(db, filters);
  const reached = new Map(steps.map((s) => [s.step, s.sessions]));
  reached.set('booked', booked);
  const funnel = FUNNEL_STEPS.map((step, i) => {
    const sessions = reached.get(step) ?? 0;
    const previous = i === 0 ? undefined : (reached.get(FUNNEL_STEPS[i - 1]!) ?? 0);
    return { step, sessions, dropOff: previous ? 1 - sessions / previous : null };
  });

  return {
    currency: totals.currency ?? DEFAULT_CURRENCY,
    bookings: totals.bookings,
    revenueMinor: totals.revenueMinor,
    averageOrderValueMinor: totals.bookings > 0 ? Math.round(totals.revenueMinor / totals.bookings) : null,
    passengers: totals.passengers,
    ancillaryRevenueMinor,
    ancillaryPerPassengerMinor: totals.passengers > 0 ? Math.round(ancillaryRevenueMinor / totals.passengers) : null,
    upsellRevenueMinor,
    crossSellRevenueMinor,
    attach,
    revenueByPlacement: placementRevenue,
    takeByOffer: takeBy(db, filters, 'offer_code').map((r) => ({ key: r.key, rate: rate(r.accepted, r.shown) })),
    takeByPlacement: takeBy(db, filters, 'placement').map((r) => ({ key: r.key, rate: rate(r.accepted, r.shown) })),
    funnel,
  };
}
