// The review step's domain: what the page shows besides the price (the trip, the passengers and
// their seats, seat holds that ran out) and the last-chance travel insurance offer (placement 'review').
// The page is built from it by review.view.ts; the insurance answer is respond-to-review-insurance.ts.
import type { Db } from '../../db/database.ts';
import type { Money } from '../../lib/money.ts';
import type { Checkout, PassengerType } from '../checkout/checkout.repository.ts';
import { insurancePrice } from '../checkout/offer-pricing.ts';
import { recordOfferResponse, recordOfferShown, type OfferImpression } from '../offers/offer-events.ts';
import { OFFER, TACTIC } from '../offers/codes.ts';
import { getOffer, type Offer } from '../offers/offers.repository.ts';
import type { TacticAssignment, TacticAssignments } from '../tactics/assignments.ts';
import { describeItinerary, seatsByPassenger, type ItineraryLeg } from '../bookings/itinerary.ts';
import { isExpired, seatHoldsOf } from '../seats/seat-holds.ts';
import { checkoutHasOffer, lastOfferResponse } from './review.repository.ts';

export const INSURANCE_ITEM_KEY = 'insurance';

export type ReviewPassenger = {
  idx: number;
  type: PassengerType;
  name: string;
  dateOfBirth: string | null;
  /** Seat per direction; null when none is chosen (one is given at check-in). */
  seats: Array<{ direction: 'outbound' | 'return'; seat: string | null; expired: boolean }>;
};

export type InsuranceOffer = {
  offer: Pick<Offer, 'code' | 'kind' | 'category' | 'name' | 'description'>;
  perPassenger: Money;
  total: Money;
  insured: number;
};

export type ReviewDetails = {
  itinerary: ItineraryLeg[];
  passengers: ReviewPassenger[];
  /** Seats whose hold ran out: paying would fail until they are chosen again. */
  expiredSeats: Array<{ passengerIdx: number; direction: string; seat: string }>;
  insuranceOffer: InsuranceOffer | null;
};

export function reviewDetails(db: Db, checkout: Checkout, now: Date): ReviewDetails {
  const holds = seatHoldsOf(db, checkout.id, now);
  const seats = seatsByPassenger(checkout.flights, holds);
  const expiredKeys = new Set(seatsByPassenger(checkout.flights, holds.filter(isExpired)).keys());
  const passengers = checkout.passengers.map(
    (p): ReviewPassenger => ({
      idx: p.idx,
      type: p.type,
      name: `${p.givenName} ${p.familyName}`,
      dateOfBirth: p.dateOfBirth,
      seats: p.type === 'infant' ? [] : checkout.flights.map((f) => {
        const key = `p${p.idx}:${f.direction}`;
        return { direction: f.direction, seat: seats.get(key) ?? null, expired: expiredKeys.has(key) };
      }),
    }),
  );
  const expiredSeats = passengers.flatMap((p) =>
    p.seats.filter((s) => s.expired && s.seat).map((s) => ({ passengerIdx: p.idx, direction: s.direction, seat: s.seat! })),
  );
  return { itinerary: describeItinerary(db, checkout.flights), passengers, expiredSeats, insuranceOffer: reviewInsuranceOffer(db, checkout) };
}

/**
 * Travel insurance, offered one last time on the review page: only when it is not in the checkout
 * already and the customer has not said "No thanks" to it on this page.
 */
export function reviewInsuranceOffer(db: Db, checkout: Checkout): InsuranceOffer | null {
  const offer = getOffer(db, OFFER.TRAVEL_INSURANCE);
  if (!offer.active || !offer.placements.includes('review')) return null;
  if (checkoutHasOffer(db, checkout.id, OFFER.TRAVEL_INSURANCE)) return null;
  // "No thanks" is respected: a customer who declined it on the extras step is not asked again.
  if (lastOfferResponse(db, checkout.id, OFFER.TRAVEL_INSURANCE, 'review') === 'declined') return null;
  if (lastOfferResponse(db, checkout.id, OFFER.TRAVEL_INSURANCE, 'extras') === 'declined') return null;
  const price = insurancePrice(db, checkout);
  if (price.insured === 0) return null;
  return { offer, perPassenger: price.perPassenger, total: price.total, insured: price.insured };
}

function impression(offer: InsuranceOffer): OfferImpression {
  return { offer: offer.offer, itemKey: INSURANCE_ITEM_KEY, price: offer.total };
}

/**
 * The last-chance insurance is the "add-ons at checkout" tactic acting on the review page: offered when
 * the tactic applies to the session (on, or arm B of an A/B test); arm A, the control, and off see no
 * offer here. The assignment is recorded on the offer's events.
 */
export function reviewInsuranceTactic(assignments: TacticAssignments): TacticAssignment {
  const assignment = assignments.of(TACTIC.checkout_addons);
  return assignment?.applied ? assignment : null;
}

/** Records the impression (once per session and checkout, however often the page is reloaded). */
export function recordReviewInsuranceShown(
  db: Db,
  input: { checkout: Checkout; sessionId: string; offer: InsuranceOffer; tactic: TacticAssignment; now: Date },
): void {
  recordOfferShown(
    db,
    { sessionId: input.sessionId, checkoutId: input.checkout.id, placement: 'review', tactic: input.tactic, at: input.now },
    [impression(input.offer)],
  );
}

/** Records the customer's answer, in the transaction that changes the checkout. */
export function recordReviewInsuranceResponse(
  db: Db,
  input: { checkout: Checkout; sessionId: string; offer: InsuranceOffer; tactic: TacticAssignment; now: Date },
  event: 'accepted' | 'declined',
): void {
  recordOfferResponse(
    db,
    { sessionId: input.sessionId, checkoutId: input.checkout.id, placement: 'review', tactic: input.tactic, at: input.now },
    impression(input.offer),
    event,
  );
}
