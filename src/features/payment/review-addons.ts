// Add-ons at checkout, repeated on the review page: priority boarding and a chosen seat, offered again
// to the passengers who have neither, when the checkout_addons tactic applies (on, or arm B). Each is
// a short offer with its price and a link back to the step that sells it (extras, seats), where it is
// added and its acceptance recorded; the review page records the impression (placement 'review').
import type { Db } from '../../db/database.ts';
import type { Money } from '../../lib/money.ts';
import type { Checkout } from '../checkout/checkout.repository.ts';
import { perFlightPrice } from '../checkout/offer-pricing.ts';
import { currentExtras, listExtrasOffers } from '../extras/extras.ts';
import { OFFER } from '../offers/codes.ts';
import { recordOfferShown, type OfferImpression } from '../offers/offer-events.ts';
import { getOffer } from '../offers/offers.repository.ts';
import type { TacticAssignment } from '../tactics/assignments.ts';
import type { ReviewDetails } from './review.ts';

export const REVIEW_ADDON_KEYS = { priority: 'review:priority', seats: 'review:seats' } as const;

export type ReviewAddons = {
  /** Passengers and flights that could still add priority boarding, and its lowest price per passenger and flight. */
  priority: { missing: number; from: Money } | null;
  /** Seats not chosen yet (given at check-in), and the lowest price of choosing one. */
  seats: { unseated: number; from: Money } | null;
};

const lowest = (prices: Money[]): Money => prices.reduce((a, b) => (b.amountMinor < a.amountMinor ? b : a));

/** What the review page can offer again; nothing when every passenger has both. */
export function reviewAddons(db: Db, checkout: Checkout, details: ReviewDetails): ReviewAddons {
  const chosen = currentExtras(db, checkout);
  const upgraded = chosen.upgrades.filter((u) => u.answer === 'add').map((u) => u.direction);
  // A Comfort bundle includes priority boarding on its flight, like the upgrade's cabin.
  const bundled = chosen.bundles.filter((b) => b.answer === 'add').map((b) => b.direction);
  const offers = listExtrasOffers(db, checkout, { upgraded, bundled });
  const has = new Set(chosen.priority.filter((p) => p.answer === 'add').map((p) => `${p.passengerIdx}:${p.direction}`));
  const open = offers.priority.flatMap((leg) => leg.passengers.filter((p) => !has.has(`${p.passenger.idx}:${leg.direction}`)).map(() => leg.price));
  const priority = open.length ? { missing: open.length, from: lowest(open) } : null;

  const seatOffer = getOffer(db, OFFER.SEAT_STANDARD);
  const unseated = details.passengers.flatMap((p) => p.seats.filter((s) => !s.seat).map((s) => s.direction));
  const seatPrices = unseated.map((direction) => perFlightPrice(seatOffer, checkout.flights.find((f) => f.direction === direction)!));
  const seats = seatOffer.active && unseated.length ? { unseated: unseated.length, from: lowest(seatPrices) } : null;
  return { priority, seats };
}

/** Records the impressions of the add-ons the page shows, under the tactic that puts them there. */
export function recordReviewAddonsShown(db: Db, input: { checkout: Checkout; sessionId: string; addons: ReviewAddons; tactic: TacticAssignment; now: Date }): void {
  const impressions: OfferImpression[] = [];
  if (input.addons.priority) impressions.push({ offer: getOffer(db, OFFER.PRIORITY_BOARDING), itemKey: REVIEW_ADDON_KEYS.priority, price: input.addons.priority.from });
  if (input.addons.seats) impressions.push({ offer: getOffer(db, OFFER.SEAT_STANDARD), itemKey: REVIEW_ADDON_KEYS.seats, price: input.addons.seats.from });
  if (impressions.length === 0) return;
  recordOfferShown(db, { sessionId: input.sessionId, checkoutId: input.checkout.id, placement: 'review', tactic: input.tactic, at: input.now }, impressions);
}

export const NO_REVIEW_ADDONS: ReviewAddons = { priority: null, seats: null };
