// The review step's domain: what the page shows besides the price (the trip, the passengers and
// their seats, seat holds that ran out) and the last-chance travel insurance offer (placement 'review').
import type { Db } from '../../db/database.ts';
import type { Money } from '../../lib/money.ts';
import type { Checkout, PassengerType } from '../checkout/checkout.repository.ts';
import { insurancePrice } from '../checkout/pricing.ts';
import { recordOfferResponse, recordOfferShown, type OfferImpression } from '../offers/offer-events.ts';
import { getOffer, type Offer } from '../offers/offers.repository.ts';
import { listSeatHolds } from '../bookings/bookings.repository.ts';
import { describeItinerary, seatsByPassenger, type ItineraryLeg } from '../bookings/itinerary.ts';
import { isExpired } from '../bookings/seat-holds.ts';
import { addWholeTripExtra, checkoutHasOffer, lastOfferResponse } from './review.repository.ts';

export const INSURANCE_CODE = 'TRAVEL_INSURANCE';
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
  const holds = listSeatHolds(db, checkout.id);
  const seats = seatsByPassenger(checkout.flights, holds);
  const expiredKeys = new Set(seatsByPassenger(checkout.flights, holds.filter((h) => isExpired(h, now))).keys());
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
  const offer = getOffer(db, INSURANCE_CODE);
  if (!offer.active || !offer.placements.includes('review')) return null;
  if (checkoutHasOffer(db, checkout.id, INSURANCE_CODE)) return null;
  // "No thanks" is respected: a customer who declined it on the extras step is not asked again.
  if (lastOfferResponse(db, checkout.id, INSURANCE_CODE, 'review') === 'declined') return null;
  if (lastOfferResponse(db, checkout.id, INSURANCE_CODE, 'extras') === 'declined') return null;
  const price = insurancePrice(db, checkout);
  if (price.insured === 0) return null;
  return { offer, perPassenger: price.perPassenger, total: price.total, insured: price.insured };
}

function impression(offer: InsuranceOffer): OfferImpression {
  return { offer: offer.offer, itemKey: INSURANCE_ITEM_KEY, price: offer.total };
}

/** Records the impression (once per session and checkout, however often the page is reloaded). */
export function recordReviewInsuranceShown(db: Db, input: { checkout: Checkout; sessionId: string; offer: InsuranceOffer; now: Date }): void {
  recordOfferShown(db, { sessionId: input.sessionId, checkoutId: input.checkout.id, placement: 'review', at: input.now }, [impression(input.offer)]);
}

/**
 * "Add travel insurance" or "No thanks" on the review page. Adding puts it in the checkout and records
 * 'accepted' in the same transaction; an offer no longer on show (already added) changes nothing.
 */
export function respondToReviewInsurance(
  db: Db,
  input: { checkout: Checkout; sessionId: string; response: 'accept' | 'decline'; now: Date },
): { changed: boolean } {
  const offer = reviewInsuranceOffer(db, input.checkout);
  if (!offer) return { changed: false };
  const ctx = { sessionId: input.sessionId, checkoutId: input.checkout.id, placement: 'review' as const, at: input.now };
  return db.transaction(() => {
    if (input.response === 'decline') {
      recordOfferResponse(db, ctx, impression(offer), 'declined');
      return { changed: true };
    }
    if (!addWholeTripExtra(db, input.checkout.id, INSURANCE_ITEM_KEY, INSURANCE_CODE)) return { changed: false };
    recordOfferResponse(db, ctx, impression(offer), 'accepted');
    return { changed: true };
  })();
}
