// The extras step's reads: what can be added to a checkout (priced by checkout/offer-pricing.ts, the
// hotel stay by hotels/hotel-stay.ts) and what the customer chose before. The page, its view model
// and the JSON API share them; saving is the command in save-extras.ts, recording in extras-events.ts.
import type { Db } from '../../db/database.ts';
import type { Money } from '../../lib/money.ts';
import { localDate } from '../../lib/time.ts';
import { seatsOf, type SeatMapLayout } from '../catalogue/aircraft.ts';
import type { Checkout, CheckoutFlight, Direction, PassengerType } from '../checkout/checkout.repository.ts';
import { carRentalRule, daysToShow, seatsParty, type CarRentalRule } from '../cars/car-rental.ts';
import { listCarsAt } from '../cars/cars.repository.ts';
import type { CarClass } from '../catalogue/cars.ts';
import { bagPrice, carPrice, hotelQuote, insurancePrice, maxBagsPerPassenger, priorityPrice, times, upgradePrice, upgradeTargetFamily } from '../checkout/offer-pricing.ts';
import { hotelStayRule, stayToShow, type HotelStayRule } from '../hotels/hotel-stay.ts';
import { listHotelsIn } from '../hotels/hotels.repository.ts';
import { OFFER, type OfferCode } from '../offers/codes.ts';
import { listOffers, type Offer } from '../offers/offers.repository.ts';
import type { BundleLeg } from './comfort-bundle.ts';
import { fareSeatsLeft, findAirport, findFareFamily, lastResponses, listHeldSeats, listStoredExtras, seatLayoutJson, type FareFamilyRow } from './extras.repository.ts';

export const ANSWERS = ['add', 'decline'] as const;
export type Answer = (typeof ANSWERS)[number];

/**
 * What the customer chose on the extras step, and their explicit "No thanks" answers: the shape the
 * save command takes (save-extras.ts) and the API shows as the checkout's extras selection.
 */
export type ExtrasSelection = {
  bags: Array<{ passengerIdx: number; direction: Direction; quantity: number }>;
  priority: Array<{ passengerIdx: number; direction: Direction; answer: Answer }>;
  upgrades: Array<{ direction: Direction; answer: Answer }>;
  hotel: { answer: 'add'; hotelId: number; nights: number | null; rooms: number } | { answer: 'decline' } | null;
  insurance: Answer | null;
  /** The Comfort bundle per flight (tactic `bundle`). */
  bundles: Array<{ direction: Direction; answer: Answer }>;
  car: { answer: 'add'; carId: number; days: number | null } | { answer: 'decline' } | null;
};

/** checkout_extras.item_key of each extra this page manages. */
export const itemKey = {
  bag: (passengerIdx: number, direction: Direction) => `bag:p${passengerIdx}:${direction}`,
  priority: (passengerIdx: number, direction: Direction) => `priority:p${passengerIdx}:${direction}`,
  upgrade: (direction: Direction) => `upgrade:${direction}`,
  hotel: 'hotel',
  insurance: 'insurance',
  bundle: (direction: Direction) => `bundle:${direction}`,
  car: 'car',
} as const;

const MANAGED_KEY = /^(?:(bag|priority):p(\d+):(outbound|return)|upgrade:(outbound|return)|hotel|insurance|bundle:(outbound|return)|car)$/;

/** Whether an item_key belongs to the extras page (other features may store their own keys). */
export function isExtrasItemKey(key: string): boolean {
  return MANAGED_KEY.test(key);
}

// ---- What can be added ---------------------------------------------------------------------------

export type ExtrasPassenger = { idx: number; type: PassengerType; name: string };

export type BagLeg = {
  direction: Direction;
  flight: CheckoutFlight;
  /** Price of one 23 kg bag added now, and at the airport. */
  online: Money;
  airport: Money | null;
  familyName: string;
  /** Checked bags the fare already includes per passenger, and their weight. */
  includedBags: number;
  includedKg: number;
  /** Bags a passenger may add on top of those included (and of the Comfort bundle's). */
  maxQuantity: number;
  /** The Comfort bundle is saved on this flight: it adds one 23 kg bag per passenger. */
  bundled: boolean;
  passengers: Array<{ itemKey: string; passenger: ExtrasPassenger }>;
  /** Passengers who cannot have a bag of their own (infants on a lap). */
  notEligible: ExtrasPassenger[];
};

export type PriorityLeg = {
  direction: Direction;
  flight: CheckoutFlight;
  /** Per passenger, and for every eligible passenger together. */
  price: Money;
  total: Money;
  /** Already included: by the fare family, by the cabin upgrade chosen for this flight, or by its Comfort bundle. */
  included: 'fare' | 'upgrade' | 'bundle' | null;
  passengers: Array<{ itemKey: string; passenger: ExtrasPassenger }>;
};

export type UpgradeLeg = {
  itemKey: string;
  direction: Direction;
  flight: CheckoutFlight;
  /** The difference to pay for every passenger, and per passenger type. */
  price: Money;
  perType: Array<{ type: PassengerType; count: number; price: Money }>;
  target: FareFamilyRow;
  /** The fare family the party flies now, for what the upgrade adds to it (null when unknown). */
  current: FareFamilyRow | null;
  /** Seats this checkout holds on the flight, released when the upgrade is taken. */
  heldSeats: string[];
};

/**
 * A hotel as offered: `nightly` and `total` are charged (less the complementary discount, if any);
 * `fullNightly` and `fullTotal` are the hotel's own rate and the stay at it.
 */
export type HotelOption = { id: number; name: string; stars: number; area: string; ratingTenths: number; freeCancelDays: number | null; nightly: Money; fullNightly: Money; total: Money; fullTotal: Money; saving: Money | null };

/** The hotel cross-sell: the stay's rule (hotels/hotel-stay.ts), the hotels, and the stay the totals are for. */
export type HotelStay = HotelStayRule & {
  itemKey: string;
  airportCode: string;
  city: string;
  /** The complementary discount off the nightly rate (percent), 0 without one. */
  discountPercent: number;
  /** Nights and rooms the totals are for. */
  nights: number;
  rooms: number;
  hotels: HotelOption[];
};

export type InsuranceCover = { itemKey: string; perPassenger: Money; total: Money; insured: number };

/** A car as offered for the rental shown: its daily rate and the rental's total. */
export type CarOption = { id: number; carClass: CarClass; model: string; seats: number; bags: number; daily: Money; total: Money };

/** The car rental cross-sell: the rental's rule (cars/car-rental.ts), the cars, and the days the totals are for. */
export type CarRental = CarRentalRule & {
  itemKey: string;
  airportCode: string;
  city: string;
  /** Days the totals are for. */
  days: number;
  cars: CarOption[];
};

export type ExtrasOffers = {
  cities: Record<string, string>;
  bags: BagLeg[];
  priority: PriorityLeg[];
  upgrades: UpgradeLeg[];
  hotel: HotelStay | null;
  insurance: InsuranceCover | null;
  /** The Comfort bundles offered (comfort-bundle.ts): empty unless the caller lists them for a session the tactic applies to. */
  bundles: BundleLeg[];
  car: CarRental | null;
};

export type ExtrasOptions = {
  /** Directions whose Comfort bundle is (to be) taken: it includes a bag and priority boarding. */
  bundled?: readonly Direction[];
  /** Directions whose cabin upgrade is (to be) taken: Business includes priority boarding. */
  upgraded?: readonly Direction[];
  hotelNights?: number;
  hotelRooms?: number;
  /** The complementary discount the session gets on the hotel booked with the flight (extras-tactics.ts hotelDiscountFor). */
  hotelDiscountPercent?: number;
  /** The days of a one-way rental to price the cars for. */
  carDays?: number;
};

function offeredHere(db: Db, code: OfferCode): Offer | null {
  const offer = listOffers(db).get(code);
  return offer && offer.active && offer.placements.includes('extras') ? offer : null;
}

export function passengersOf(checkout: Checkout): ExtrasPassenger[] {
  return checkout.passengers.map((p) => ({
    idx: p.idx,
    type: p.type,
    name: `${p.givenName} ${p.familyName}`.trim() || `Passenger ${p.idx}`,
  }));
}

export function heldSeatsByCabin(db: Db, checkout: Checkout, flight: CheckoutFlight): Array<{ id: number; seat: string; cabin: string | null }> {
  const held = listHeldSeats(db, checkout.id, flight.flightId);
  if (held.length === 0) return [];
  const json = seatLayoutJson(db, flight.aircraftCode);
  const cabins = new Map(json ? seatsOf(JSON.parse(json) as SeatMapLayout).map((s) => [s.seat, s.cabin as string]) : []);
  return held.map((h) => ({ ...h, cabin: cabins.get(h.seat) ?? null }));
}

/**
 * Every extra the checkout can add on the extras page, priced from the catalogue. Nothing in it says
 * what the customer chose: see currentExtras.
 */
export function listExtrasOffers(db: Db, checkout: Checkout, options: ExtrasOptions = {}): ExtrasOffers {
  const passengers = passengersOf(checkout);
  const seated = checkout.adults + checkout.children;
  const upgraded = new Set(options.upgraded ?? []);
  const bundled = new Set(options.bundled ?? []);
  const cities: Record<string, string> = {};
  for (const f of checkout.flights) {
    for (const code of [f.origin, f.destination]) cities[code] ??= findAirport(db, code)?.city ?? code;
  }

  const bagOffer = offeredHere(db, OFFER.BAG_CHECKED_23KG);
  const bags: BagLeg[] = [];
  if (bagOffer) {
    const types = bagOffer.eligibility.passengerTypes ?? ['adult', 'child'];
    const perPassenger = maxBagsPerPassenger(db);
    for (const flight of checkout.flights) {
      const family = findFareFamily(db, flight.family);
      const includedBags = family?.checked_bags ?? 0;
      const maxQuantity = Math.max(0, perPassenger - includedBags - (bundled.has(flight.direction) ? 1 : 0));
      const price = bagPrice(db, flight);
      bags.push({
        direction: flight.direction,
        flight,
        online: price.online,
        airport: price.airport,
        familyName: flight.familyName,
        includedBags,
        includedKg: family?.checked_bag_kg ?? 0,
        maxQuantity,
        bundled: bundled.has(flight.direction),
        passengers:
          maxQuantity === 0
            ? []
            : passengers
                .filter((p) => types.includes(p.type))
                .map((p) => ({ itemKey: itemKey.bag(p.idx, flight.direction), passenger: p })),
        notEligible: passengers.filter((p) => !types.includes(p.type)),
      });
    }
  }

  const priorityOffer = offeredHere(db, OFFER.PRIORITY_BOARDING);
  const priority: PriorityLeg[] = [];
  if (priorityOffer) {
    // Infants board with the adult whose lap they travel on, so by default only seated passengers are offered it.
    const types = priorityOffer.eligibility.passengerTypes ?? ['adult', 'child'];
    const excluded = priorityOffer.eligibility.excludeFamilies ?? [];
    for (const flight of checkout.flights) {
      const price = priorityPrice(db, flight);
      const included = excluded.includes(flight.family) ? 'fare' : upgraded.has(flight.direction) ? 'upgrade' : bundled.has(flight.direction) ? 'bundle' : null;
      const eligible = included ? [] : passengers.filter((p) => types.includes(p.type));
      priority.push({
        direction: flight.direction,
        flight,
        price,
        total: times(price, eligible.length),
        included,
        passengers: eligible.map((p) => ({ itemKey: itemKey.priority(p.idx, flight.direction), passenger: p })),
      });
    }
  }

  const upgradeOffer = offeredHere(db, OFFER.CABIN_UPGRADE);
  const upgrades: UpgradeLeg[] = [];
  const target = upgradeOffer ? upgradeTarget(db) : null;
  if (upgradeOffer && target) {
    const excluded = upgradeOffer.eligibility.excludeFamilies ?? [];
    for (const flight of checkout.flights) {
      if (flight.cabin === target.cabin || flight.family === target.code || excluded.includes(flight.family)) continue;
      const seatsLeft = fareSeatsLeft(db, flight.flightId, target.code);
      if (seatsLeft === null || seatsLeft < seated) continue;
      const price = upgradePrice(db, { ...checkout, quotedAt: checkout.createdAt }, flight);
      if (!price || price.total.amountMinor <= 0) continue;
      upgrades.push({
        itemKey: itemKey.upgrade(flight.direction),
        direction: flight.direction,
        flight,
        price: price.total,
        perType: price.perType,
        target,
        current: findFareFamily(db, flight.family) ?? null,
        heldSeats: heldSeatsByCabin(db, checkout, flight)
          .filter((s) => s.cabin !== target.cabin)
          .map((s) => s.seat),
      });
    }
  }

  let hotel: HotelStay | null = null;
  const outbound = checkout.flights.find((f) => f.direction === 'outbound');
  const hotels = outbound ? listHotelsIn(db, outbound.destination) : [];
  if (offeredHere(db, OFFER.HOTEL_STAY) && outbound && hotels.length > 0) {
    const airport = findAirport(db, outbound.destination);
    const rule = hotelStayRule({
      checkIn: localDate(outbound.arrivesAt, airport?.time_zone ?? 'UTC'),
      returnDepartureDate: checkout.flights.find((f) => f.direction === 'return')?.departureDate ?? null,
      seated,
      adults: checkout.adults,
    });
    if (rule) {
      const { nights, rooms } = stayToShow(rule, { nights: options.hotelNights, rooms: options.hotelRooms });
      const discountPercent = options.hotelDiscountPercent ?? 0;
      hotel = {
        ...rule,
        itemKey: itemKey.hotel,
        airportCode: outbound.destination,
        city: airport?.city ?? outbound.destination,
        discountPercent,
        nights,
        rooms,
        hotels: hotels.map((h) => ({ id: h.id, name: h.name, stars: h.stars, area: h.area, ratingTenths: h.ratingTenths, freeCancelDays: h.freeCancelDays, ...hotelQuote(h.nightly, nights, rooms, discountPercent) })),
      };
    }
  }

  let insurance: InsuranceCover | null = null;
  if (offeredHere(db, OFFER.TRAVEL_INSURANCE)) {
    const price = insurancePrice(db, checkout);
    if (price.insured > 0) insurance = { itemKey: itemKey.insurance, ...price };
  }

  return { cities, bags, priority, upgrades, hotel, insurance, bundles: [], car: carRentalOffer(db, checkout, options.carDays) };
}

/** The cars at the outbound flight's arrival airport that seat the party, for the rental of cars/car-rental.ts; null when none. */
export function carRentalOffer(db: Db, checkout: Checkout, askedDays?: number): CarRental | null {
  const outbound = checkout.flights.find((f) => f.direction === 'outbound');
  if (!offeredHere(db, OFFER.CAR_RENTAL) || !outbound) return null;
  const airport = findAirport(db, outbound.destination);
  const rule = carRentalRule({
    pickUpDate: localDate(outbound.arrivesAt, airport?.time_zone ?? 'UTC'),
    returnDepartureDate: checkout.flights.find((f) => f.direction === 'return')?.departureDate ?? null,
    seated: checkout.adults + checkout.children,
  });
  if (!rule) return null;
  const days = daysToShow(rule, askedDays);
  const cars = listCarsAt(db, outbound.destination)
    .filter((c) => seatsParty(rule, c))
    .map((c) => ({ id: c.id, carClass: c.carClass, model: c.model, seats: c.seats, bags: c.bags, daily: c.daily, total: carPrice(c.daily, days) }));
  if (cars.length === 0) return null;
  return { ...rule, itemKey: itemKey.car, airportCode: outbound.destination, city: airport?.city ?? outbound.destination, days, cars };
}

// ---- What was chosen -----------------------------------------------------------------------------

/**
 * The customer's current selection: the stored extras, plus the explicit "No thanks" answers, which
 * are not stored as extras but are the last response recorded for their item on this page.
 */
export function currentExtras(db: Db, checkout: Checkout): ExtrasSelection {
  const stored = listStoredExtras(db, checkout.id).filter((e) => isExtrasItemKey(e.itemKey));
  const storedKeys = new Set(stored.map((e) => e.itemKey));
  const choice: ExtrasSelection = { bags: [], priority: [], upgrades: [], hotel: null, insurance: null, bundles: [], car: null };
  for (const e of stored) {
    const m = MANAGED_KEY.exec(e.itemKey)!;
    if (m[1] === 'bag') choice.bags.push({ passengerIdx: Number(m[2]), direction: m[3] as Direction, quantity: e.quantity });
    else if (m[1] === 'priority') choice.priority.push({ passengerIdx: Number(m[2]), direction: m[3] as Direction, answer: 'add' });
    else if (m[4]) choice.upgrades.push({ direction: m[4] as Direction, answer: 'add' });
    else if (e.itemKey === itemKey.hotel && e.hotelId !== null) {
      choice.hotel = { answer: 'add', hotelId: e.hotelId, nights: e.nights, rooms: e.rooms ?? 1 };
    } else if (e.itemKey === itemKey.insurance) choice.insurance = 'add';
    else if (m[5]) choice.bundles.push({ direction: m[5] as Direction, answer: 'add' });
    else if (e.itemKey === itemKey.car && e.carId !== null) choice.car = { answer: 'add', carId: e.carId, days: e.days };
  }
  for (const [key, event] of lastResponses(db, checkout.id)) {
    if (storedKeys.has(key) || event === 'accepted') continue;
    const m = MANAGED_KEY.exec(key);
    if (!m || m[1] === 'bag') continue; // a bag's "no" is a quantity of 0
    if (m[1] === 'priority') choice.priority.push({ passengerIdx: Number(m[2]), direction: m[3] as Direction, answer: 'decline' });
    else if (m[4]) choice.upgrades.push({ direction: m[4] as Direction, answer: 'decline' });
    else if (key === itemKey.hotel) choice.hotel = { answer: 'decline' };
    else if (key === itemKey.insurance) choice.insurance = 'decline';
    else if (m[5]) choice.bundles.push({ direction: m[5] as Direction, answer: 'decline' });
    else if (key === itemKey.car) choice.car = { answer: 'decline' };
  }
  return choice;
}

/** The fare family the cabin upgrade moves to, as the catalogue's price rule names it. */
export function upgradeTarget(db: Db): FareFamilyRow | null {
  const code = upgradeTargetFamily(db);
  return (code && findFareFamily(db, code)) || null;
}
