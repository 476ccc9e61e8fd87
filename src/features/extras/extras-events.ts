// The extras step's impressions: every offer the page (or the API's offer list) shows is recorded
// once per session, checkout and item, with its price and the tactic acting on it (extras-tactics.ts).
import type { Db } from '../../db/database.ts';
import type { Checkout } from '../checkout/checkout.repository.ts';
import { OFFER, type OfferCode } from '../offers/codes.ts';
import { recordOffersShown, type OfferImpression } from '../offers/offer-events.ts';
import { listOffers } from '../offers/offers.repository.ts';
import type { ExtrasOffers } from './extras.ts';
import type { ExtrasTactics } from './extras-tactics.ts';

export type ExtrasEventContext = { sessionId: string; now: Date };

/**
 * Records every offer given as shown, with the item_key it would be stored under and its price (per
 * bag, per passenger for priority, everyone for the upgrade, insurance and the Comfort bundle, the
 * cheapest stay for the hotel, the cheapest rental for the car). recordOffersShown counts each once, however often the page is reloaded.
 */
export function recordExtrasShown(db: Db, checkout: Checkout, offers: ExtrasOffers, tactics: ExtrasTactics, ctx: ExtrasEventContext): void {
  const catalogue = listOffers(db);
  const impressions: Array<{ code: OfferCode; impression: OfferImpression }> = [];
  const add = (code: OfferCode, itemKey: string, price: OfferImpression['price']) => impressions.push({ code, impression: { offer: catalogue.get(code)!, itemKey, price } });
  for (const leg of offers.bags) for (const p of leg.passengers) add(OFFER.BAG_CHECKED_23KG, p.itemKey, leg.online);
  for (const leg of offers.priority) for (const p of leg.passengers) add(OFFER.PRIORITY_BOARDING, p.itemKey, leg.price);
  for (const u of offers.upgrades) add(OFFER.CABIN_UPGRADE, u.itemKey, u.price);
  if (offers.hotel) {
    const cheapest = offers.hotel.hotels.reduce((a, b) => (b.total.amountMinor < a.total.amountMinor ? b : a));
    add(OFFER.HOTEL_STAY, offers.hotel.itemKey, cheapest.total);
  }
  if (offers.insurance) add(OFFER.TRAVEL_INSURANCE, offers.insurance.itemKey, offers.insurance.total);
  // The Comfort bundle: its price for everyone with a seat on that flight (parts less the discount).
  for (const b of offers.bundles) add(OFFER.BUNDLE_COMFORT, b.itemKey, b.quote.price);
  // The car: the cheapest car for the rental shown (cars are listed cheapest first).
  if (offers.car) add(OFFER.CAR_RENTAL, offers.car.itemKey, offers.car.cars[0]!.total);

  // While a dark-pattern demonstration acts on the page, every impression of it is flagged.
  const base = { sessionId: ctx.sessionId, checkoutId: checkout.id, placement: 'extras' as const, demonstration: tactics.demonstration, at: ctx.now };
  recordOffersShown(db, impressions.map(({ code, impression }) => ({ ctx: { ...base, tactic: tactics.of(code) }, impressions: [impression] })));
}
