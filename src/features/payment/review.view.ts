// The review page's view model: what the page shows and how, decided here from the domain data (the
// trip, the passengers, the server's price, the insurance offer) and the session's tactic assignments.
// views/checkout/review.ejs only displays it: no grouping, labels, plurals or money in the template.
import type { FieldErrors } from '../../lib/errors.ts';
import { formatMoney } from '../../lib/money.ts';
import { spelledDate } from '../../lib/time.ts';
import type { Checkout } from '../checkout/checkout.repository.ts';
import { DIRECTION_LABEL, ITINERARY_TYPE_LABEL } from '../checkout/labels.ts';
import type { PriceLine, PriceSummary } from '../checkout/pricing.ts';
import type { ItineraryLeg } from '../bookings/itinerary.ts';
import type { TacticAssignment, TacticAssignments } from '../tactics/assignments.ts';
import { groupDigits, TEST_CARDS } from './card.ts';
import { reviewInsuranceTactic, type InsuranceOffer, type ReviewDetails } from './review.ts';
import { NO_REVIEW_ADDONS, type ReviewAddons } from './review-addons.ts';
import { OFFER, TACTIC } from '../offers/codes.ts';

const EXTRA_GROUP_LABEL: Record<string, string> = {
  bag: 'Checked bags',
  cabin: 'Cabin upgrade',
  priority: 'Priority boarding',
  hotel: 'Hotel',
  insurance: 'Travel insurance',
  car: 'Rental car',
};

/** What the last attempt left to say, and what the customer typed (never the card number or security code). */
export type ReviewFormState = {
  values?: Record<string, string>;
  errors?: FieldErrors;
  /** Why the last attempt did not go through (decline, 3-D Secure failed, a conflict). */
  paymentError?: string | null;
  /** After a failed form: the card number and security code are not shown again and must be re-typed. */
  reenterCard?: boolean;
  /** A bad answer to the insurance offer, shown beside it. */
  insuranceError?: string | null;
};

export type ReviewLeg = ItineraryLeg & { heading: string };
export type ReviewPriceLine = { testId: string; description: string; quantityNote: string | null; total: string };
export type ReviewPriceGroup = { label: string; lines: ReviewPriceLine[] };

export type ReviewInsuranceView = {
  offer: InsuranceOffer;
  /** The tactic that puts the offer here, recorded on its events. */
  tactic: TacticAssignment;
  description: string;
  perPassenger: string;
  total: string;
  insuredText: string;
};

export type ReviewView = {
  legs: ReviewLeg[];
  passengers: Array<{
    idx: number;
    name: string;
    details: string;
    seats: Array<{ direction: string; text: string }>;
  }>;
  expiredSeats: { any: boolean; text: string };
  priceGroups: ReviewPriceGroup[];
  totalText: string;
  insurance: ReviewInsuranceView | null;
  /** Where the confirmation goes and who is called if a flight changes: the customer checks them here. */
  contact: { email: string; phone: string };
  /** Add-ons at checkout: priority boarding and seats offered again, each linking to its step (checkout_addons applied). */
  addons: Array<{ testId: string; title: string; text: string; action: string; href: string; offerCode: string; tactic: string }>;
  form: {
    values: Record<string, string>;
    errors: FieldErrors;
    paymentError: string | null;
    /** The card form's own problems, when no payment was attempted. */
    formProblem: boolean;
    reenterCard: boolean;
    insuranceError: string | null;
  };
  testCards: Array<{ number: string; description: string }>;
};

const TEST_CARD_LIST = TEST_CARDS.map((c) => ({ number: groupDigits(c.number), description: c.description }));

function groupLabel(line: PriceLine): string {
  if (line.group === 'fares') return 'Fares';
  if (line.group === 'taxes') return 'Taxes and fees';
  if (line.group === 'seats') return 'Seats';
  return EXTRA_GROUP_LABEL[line.category] ?? 'Extras';
}

/** The price lines in the order priced, in groups by first appearance. */
export function priceGroups(summary: PriceSummary): ReviewPriceGroup[] {
  const groups: ReviewPriceGroup[] = [];
  for (const line of summary.lines) {
    const label = groupLabel(line);
    let group = groups.find((g) => g.label === label);
    if (!group) groups.push((group = { label, lines: [] }));
    group.lines.push({
      testId: `review-line-${line.key.replace(/:/g, '-')}`,
      description: line.description,
      quantityNote: line.quantity > 1 ? `(${line.quantity} × ${formatMoney(line.unit)})` : null,
      total: formatMoney(line.total),
    });
  }
  return groups;
}

function insuranceView(checkout: Checkout, offer: InsuranceOffer | null, assignments: TacticAssignments): ReviewInsuranceView | null {
  const tactic = reviewInsuranceTactic(assignments);
  if (!offer || !tactic) return null;
  return {
    offer,
    tactic,
    description: offer.offer.description + (checkout.infants > 0 ? ' Infants are covered free.' : ''),
    perPassenger: formatMoney(offer.perPassenger),
    total: formatMoney(offer.total),
    insuredText: `${offer.insured} passenger${offer.insured === 1 ? '' : 's'}`,
  };
}

export function reviewView(input: {
  checkout: Checkout;
  summary: PriceSummary;
  details: ReviewDetails;
  assignments: TacticAssignments;
  state?: ReviewFormState;
  /** What can still be added (review-addons.ts), and the steps that sell it. */
  addons?: ReviewAddons;
  stepUrls?: { extras: string; seats: string };
}): ReviewView {
  const { checkout, summary, details, assignments, state = {}, addons = NO_REVIEW_ADDONS, stepUrls = { extras: '', seats: '' } } = input;
  const offerAddons = reviewInsuranceTactic(assignments) !== null;
  const few = (n: number, one: string, many: string) => (n === 1 ? one : many);
  const errors = state.errors ?? {};
  const paymentError = state.paymentError ?? null;
  return {
    legs: details.itinerary.map((leg) => ({ ...leg, heading: `${DIRECTION_LABEL[leg.direction]}: ${leg.origin.city} → ${leg.destination.city}` })),
    passengers: details.passengers.map((p) => ({
      idx: p.idx,
      name: p.name,
      details: ITINERARY_TYPE_LABEL[p.type] + (p.dateOfBirth ? `, born ${spelledDate(p.dateOfBirth)}` : ''),
      seats: p.seats.map((s) => ({
        direction: s.direction,
        text: `${DIRECTION_LABEL[s.direction]} seat: ${!s.seat ? 'given at check-in' : s.expired ? `${s.seat} (hold expired)` : s.seat}`,
      })),
    })),
    expiredSeats: {
      any: details.expiredSeats.length > 0,
      text: details.expiredSeats.map((s) => `seat ${s.seat} (passenger ${s.passengerIdx}, ${s.direction})`).join(', '),
    },
    priceGroups: priceGroups(summary),
    totalText: formatMoney(summary.total, { alwaysCents: true }),
    insurance: insuranceView(checkout, details.insuranceOffer, assignments),
    contact: { email: checkout.contactEmail ?? '', phone: checkout.contactPhone ?? '' },
    addons: offerAddons
      ? [
          ...(addons.priority
            ? [{
                testId: 'review-addon-priority',
                offerCode: OFFER.PRIORITY_BOARDING,
                tactic: TACTIC.checkout_addons,
                title: 'Board first',
                text: `Priority boarding from ${formatMoney(addons.priority.from)} per passenger and flight: ${addons.priority.missing} ${few(addons.priority.missing, 'place', 'places')} without it on this trip.`,
                action: 'Add priority boarding',
                href: `${stepUrls.extras}#priority-title`,
              }]
            : []),
          ...(addons.seats
            ? [{
                testId: 'review-addon-seats',
                offerCode: OFFER.SEAT_STANDARD,
                tactic: TACTIC.checkout_addons,
                title: 'Sit where you like',
                text: `${addons.seats.unseated} ${few(addons.seats.unseated, 'seat is', 'seats are')} not chosen and will be given at check-in. Choose one from ${formatMoney(addons.seats.from)}.`,
                action: 'Choose seats',
                href: stepUrls.seats,
              }]
            : []),
        ]
      : [],
    form: {
      values: state.values ?? {},
      errors,
      paymentError,
      formProblem: !paymentError && Object.values(errors).some((messages) => (messages?.length ?? 0) > 0),
      reenterCard: state.reenterCard ?? false,
      insuranceError: state.insuranceError ?? null,
    },
    testCards: TEST_CARD_LIST,
  };
}
