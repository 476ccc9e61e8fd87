// Offer pricing: the one place the price rules of the offer catalogue are read and turned into money.
// Bags, priority boarding, seats by zone, the cabin upgrade, the hotel and insurance are priced here
// for every page, the JSON API and the checkout's summary (pricing.ts); nobody else reads a price
// rule or multiplies a price. The car rental (CAR_RENTAL, `car_days`) is the car's daily rate × days. The upgrade's target fare family is the family of CABIN_UPGRADE's
// price rule, never a hard-coded 'business'.
//
// The inputs are structural (a flight's distance, a party's counts), so this module depends on the
// catalogue and lib only, and any feature can call it without a cycle.
import type { Db } from '../../db/database.ts';
import { preparedOnce } from '../../db/statements.ts';
import { money, type Money } from '../../lib/money.ts';
import { quoteFare } from '../catalogue/fare-pricing.ts';
import { OFFER } from '../offers/codes.ts';
import { bandAmount, getOffer, type Offer } from '../offers/offers.repository.ts';

export type Party = { adults: number; children: number; infants: number };
export type PartyType = 'adult' | 'child' | 'infant';
/** What the price of a flight's offers depends on. */
export type PricedFlight = { distanceKm: number };
/** A flight as the checkout froze its fare: what the upgrade's difference is measured from. */
export type FrozenFare = {
  flightId: number;
  departsAt: string;
  currency: string;
  adultMinor: number;
  childMinor: number;
  infantMinor: number;
  taxesMinor: number;
  infantTaxesMinor: number;
};

const statements = preparedOnce((db: Db) => ({
  fareOfFamily: db.prepare('SELECT base_minor, taxes_minor FROM fares WHERE flight_id = ? AND family = ?'),
  familyName: db.prepare('SELECT name FROM fare_families WHERE code = ?').pluck(),
}));

/** `price` × `count`, in the same currency (a bag quantity, every eligible passenger). */
export function times(price: Money, count: number): Money {
  return money(price.amountMinor * count, price.currency);
}

// ---- Bags ----------------------------------------------------------------------------------------

/** Online price of one checked bag on this flight, and the airport price it saves. */
export function bagPrice(db: Db, flight: PricedFlight): { online: Money; airport: Money | null } {
  const rule = getOffer(db, OFFER.BAG_CHECKED_23KG).priceRule;
  if (rule.type !== 'distance_band') throw new Error(`${OFFER.BAG_CHECKED_23KG} must be distance-banded`);
  return {
    online: money(bandAmount(rule.bands, flight.distanceKm)),
    airport: rule.airportBands ? money(bandAmount(rule.airportBands, flight.distanceKm)) : null,
  };
}

/** The most checked bags one passenger may travel with on a flight (those the fare includes count). */
export function maxBagsPerPassenger(db: Db): number {
  const rule = getOffer(db, OFFER.BAG_CHECKED_23KG).priceRule;
  return rule.type === 'distance_band' ? (rule.maxPerPassenger ?? 3) : 3;
}

// ---- Per passenger and flight: priority boarding, seats by zone ----------------------------------

/** Price of a distance-banded per passenger and flight offer (priority boarding, seats by zone). */
export function perFlightPrice(offer: Offer, flight: PricedFlight): Money {
  if (offer.priceRule.type !== 'distance_band') throw new Error(`${offer.code} is not distance-banded`);
  return money(bandAmount(offer.priceRule.bands, flight.distanceKm));
}

export function priorityPrice(db: Db, flight: PricedFlight): Money {
  return perFlightPrice(getOffer(db, OFFER.PRIORITY_BOARDING), flight);
}

// ---- The cabin upgrade ---------------------------------------------------------------------------

/** The fare family the cabin upgrade moves a party to: its price rule's family; null when the rule is not a fare difference. */
export function upgradeTargetFamily(db: Db): string | null {
  const rule = getOffer(db, OFFER.CABIN_UPGRADE).priceRule;
  return rule.type === 'fare_difference' ? rule.family : null;
}

/**
 * The difference to pay to move every passenger of one direction to another fare family, quoted at
 * the moment the checkout was created (`quotedAt`), so it does not drift while the customer shops.
 * null when the flight does not sell that family.
 */
export function fareDifference(db: Db, party: Party & { quotedAt: string }, flight: FrozenFare, family: string): Money | null {
  const fare = statements(db).fareOfFamily.get(flight.flightId, family) as { base_minor: number; taxes_minor: number } | undefined;
  if (!fare) return null;
  const quote = quoteFare({ baseMinor: fare.base_minor, taxesMinor: fare.taxes_minor, family, departsAt: flight.departsAt, now: new Date(party.quotedAt) });
  const seated = party.adults + party.children;
  const target =
    quote.adultMinor * party.adults +
    quote.childMinor * party.children +
    quote.infantMinor * party.infants +
    quote.taxesMinor * seated +
    quote.infantTaxesMinor * party.infants;
  const current =
    flight.adultMinor * party.adults +
    flight.childMinor * party.children +
    flight.infantMinor * party.infants +
    flight.taxesMinor * seated +
    flight.infantTaxesMinor * party.infants;
  return money(Math.max(0, target - current), flight.currency);
}

export type UpgradePrice = {
  /** The target family (from the price rule): its code and its name ("Business"). */
  family: string;
  familyName: string;
  /** For the whole party, and for one passenger of each type travelling. */
  total: Money;
  perType: Array<{ type: PartyType; count: number; price: Money }>;
};

/** What the cabin upgrade of one direction costs; null when there is no target or the flight does not sell it. */
export function upgradePrice(db: Db, party: Party & { quotedAt: string }, flight: FrozenFare): UpgradePrice | null {
  const family = upgradeTargetFamily(db);
  return family ? familyUpgradePrice(db, party, flight, family) : null;
}

/**
 * What moving every passenger of one direction to `family` costs, for the party and per passenger
 * type (the cabin upgrade, and the free-to-paid fare upgrade Basic → Standard); null when the flight
 * does not sell that family.
 */
export function familyUpgradePrice(db: Db, party: Party & { quotedAt: string }, flight: FrozenFare, family: string): UpgradePrice | null {
  const total = fareDifference(db, party, flight, family);
  if (!total) return null;
  const one = (adults: number, children: number, infants: number) =>
    fareDifference(db, { adults, children, infants, quotedAt: party.quotedAt }, flight, family) ?? money(0, flight.currency);
  const perType: UpgradePrice['perType'] = [];
  if (party.adults) perType.push({ type: 'adult', count: party.adults, price: one(1, 0, 0) });
  if (party.children) perType.push({ type: 'child', count: party.children, price: one(0, 1, 0) });
  if (party.infants) perType.push({ type: 'infant', count: party.infants, price: one(0, 0, 1) });
  const familyName = (statements(db).familyName.get(family) as string | undefined) ?? family;
  return { family, familyName, total, perType };
}

// ---- Travel insurance ----------------------------------------------------------------------------

/** Travel insurance covers every passenger but infants, for the whole trip. */
export function insurancePrice(db: Db, trip: Party & { tripType: 'one_way' | 'return' }): { perPassenger: Money; total: Money; insured: number } {
  const rule = getOffer(db, OFFER.TRAVEL_INSURANCE).priceRule;
  if (rule.type !== 'per_passenger') throw new Error(`${OFFER.TRAVEL_INSURANCE} must be priced per passenger`);
  const perPassenger = money(trip.tripType === 'return' ? rule.returnMinor : rule.oneWayMinor);
  const insured = trip.adults + trip.children;
  return { perPassenger, total: times(perPassenger, insured), insured };
}

// ---- The hotel -----------------------------------------------------------------------------------

/**
 * A stay (HOTEL_STAY's rule `hotel_nights`): the nightly rate per room × nights × rooms. With a
 * complementary discount (`discountPercent`, the hotel booked with the flight) the nightly rate is
 * first reduced by that percentage, rounded to the cent.
 */
export function hotelPrice(nightly: Money, nights: number, rooms: number, discountPercent = 0): Money {
  const rate = discountedNightly(nightly, discountPercent);
  return money(rate.amountMinor * nights * rooms, nightly.currency);
}

/** The nightly rate less `discountPercent` percent (rounded to the cent). */
export function discountedNightly(nightly: Money, discountPercent: number): Money {
  return money(nightly.amountMinor - Math.round((nightly.amountMinor * discountPercent) / 100), nightly.currency);
}

/** A stay's price as a page shows it: what is charged, what it would cost alone, and the saving (null without a discount). */
export function hotelQuote(
  nightly: Money,
  nights: number,
  rooms: number,
  discountPercent = 0,
): { nightly: Money; fullNightly: Money; total: Money; fullTotal: Money; saving: Money | null } {
  const total = hotelPrice(nightly, nights, rooms, discountPercent);
  const fullTotal = hotelPrice(nightly, nights, rooms);
  const saving = fullTotal.amountMinor > total.amountMinor ? money(fullTotal.amountMinor - total.amountMinor, nightly.currency) : null;
  return { nightly: discountedNightly(nightly, discountPercent), fullNightly: nightly, total, fullTotal, saving };
}

/** The complementary discount of a hotel booked with the flight, in percent (0 when the rule has none). */
export function hotelWithFlightDiscountPercent(db: Db): number {
  const rule = getOffer(db, OFFER.HOTEL_STAY).priceRule;
  return rule.type === 'hotel_nights' ? (rule.withFlightDiscountPercent ?? 0) : 0;
}

// ---- The Comfort bundle --------------------------------------------------------------------------

/** The Comfort bundle's discount off the sum of its parts, in percent (BUNDLE_COMFORT's price rule). */
export function bundleDiscountPercent(db: Db): number {
  const rule = getOffer(db, OFFER.BUNDLE_COMFORT).priceRule;
  if (rule.type !== 'bundle') throw new Error(`${OFFER.BUNDLE_COMFORT} must be priced as a bundle`);
  return rule.discountPercent;
}

export type BundleQuote = {
  /** What the parts cost apart, the saving and what the bundle costs (parts − saving). */
  parts: Money;
  saving: Money;
  price: Money;
  discountPercent: number;
};

/**
 * A bundle's price from its parts: each part at its own price for its passenger and flight, summed,
 * less `discountPercent` of the sum, rounded to the nearest cent (half a cent up), in integer minor units.
 */
export function bundleQuote(parts: readonly Money[], discountPercent: number, currency = 'EUR'): BundleQuote {
  const sum = parts.reduce((total, p) => total + p.amountMinor, 0);
  const saving = Math.round((sum * discountPercent) / 100);
  return { parts: money(sum, currency), saving: money(saving, currency), price: money(sum - saving, currency), discountPercent };
}

/** The parts of a Comfort bundle on one flight, apart: every seated passenger's seat price, and a bag and priority boarding each. */
export function comfortBundleParts(db: Db, flight: PricedFlight, seatPrices: readonly Money[]): Money[] {
  const bag = bagPrice(db, flight).online;
  const priority = priorityPrice(db, flight);
  return seatPrices.flatMap((seat) => [seat, bag, priority]);
}

// ---- The car rental ------------------------------------------------------------------------------

/** A rental (CAR_RENTAL's rule `car_days`): the car's daily rate × the days rented. */
export function carPrice(daily: Money, days: number): Money {
  return money(daily.amountMinor * days, daily.currency);
}
