// The extras step as plain functions: what can be added to a checkout (and at what price, from the
// catalogue), what the customer chose before, the recording of every offer shown, and the saving of a
// new selection in one transaction. No req or res here: the HTML handlers and the JSON API share them.
import type { Db } from '../../db/database.ts';
import { ConflictError, ValidationError, type FieldErrors } from '../../lib/errors.ts';
import { money, type Money } from '../../lib/money.ts';
import { daysBetween, localDate } from '../../lib/time.ts';
import { seatsOf, type SeatMapLayout } from '../catalogue/aircraft.ts';
import { touchCheckout, type Checkout, type CheckoutFlight, type Direction, type PassengerType } from '../checkout/checkout.repository.ts';
import { bagPrice, fareDifference, hotelPrice, insurancePrice, maxBagsPerPassenger, perFlightPrice, priceCheckout } from '../checkout/pricing.ts';
import { recordOfferResponse, recordOfferShown, type OfferEventContext, type OfferImpression } from '../offers/offer-events.ts';
import { listOffers, type Offer } from '../offers/offers.repository.ts';
import { assignTactic, type TacticAssignment } from '../tactics/assignments.ts';
import {
  deleteExtra,
  fareSeatsLeft,
  findAirport,
  findFareFamily,
  findHotel,
  lastResponses,
  listHeldSeats,
  listHotelsIn,
  listStoredExtras,
  releaseSeat,
  seatLayoutJson,
  upsertExtra,
  type FareFamilyRow,
  type StoredExtra,
} from './extras.repository.ts';
import { field, MAX_HOTEL_NIGHTS, MAX_HOTEL_ROOMS, type Answer, type ExtrasChoice } from './extras.schema.ts';

export const EXTRA_OFFER_CODES = {
  bag: 'BAG_CHECKED_23KG',
  priority: 'PRIORITY_BOARDING',
  upgrade: 'CABIN_UPGRADE',
  hotel: 'HOTEL_STAY',
  insurance: 'TRAVEL_INSURANCE',
} as const;

/** Tactics the extras page records its offers under. */
export const EXTRAS_TACTICS = { addons: 'checkout_addons', upgrade: 'better_model_upgrade' } as const;

/** checkout_extras.item_key of each extra this page manages. */
export const itemKey = {
  bag: (passengerIdx: number, direction: Direction) => `bag:p${passengerIdx}:${direction}`,
  priority: (passengerIdx: number, direction: Direction) => `priority:p${passengerIdx}:${direction}`,
  upgrade: (direction: Direction) => `upgrade:${direction}`,
  hotel: 'hotel',
  insurance: 'insurance',
} as const;

const MANAGED_KEY = /^(?:(bag|priority):p(\d+):(outbound|return)|upgrade:(outbound|return)|hotel|insurance)$/;

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
  /** Bags a passenger may add on top of those included. */
  maxQuantity: number;
  passengers: Array<{ itemKey: string; field: string; passenger: ExtrasPassenger }>;
  /** Passengers who cannot have a bag of their own (infants on a lap). */
  notEligible: ExtrasPassenger[];
};

export type PriorityLeg = {
  direction: Direction;
  flight: CheckoutFlight;
  /** Per passenger, and for every eligible passenger together. */
  price: Money;
  total: Money;
  /** Already included: by the fare family, or by the cabin upgrade chosen for this flight. */
  included: 'fare' | 'upgrade' | null;
  passengers: Array<{ itemKey: string; field: string; passenger: ExtrasPassenger }>;
};

export type UpgradeLeg = {
  itemKey: string;
  field: string;
  direction: Direction;
  flight: CheckoutFlight;
  /** The difference to pay for every passenger, and per passenger type. */
  price: Money;
  perType: Array<{ type: PassengerType; count: number; price: Money }>;
  target: FareFamilyRow;
  /** Seats this checkout holds on the flight, released when the upgrade is taken. */
  heldSeats: string[];
};

export type HotelOption = { id: number; name: string; stars: number; area: string; nightly: Money; total: Money };

export type HotelStay = {
  itemKey: string;
  airportCode: string;
  city: string;
  /** The local date the outbound flight lands. */
  checkIn: string;
  /** Nights between the flights on a return trip; null on a one-way, where the customer chooses. */
  fixedNights: number | null;
  maxNights: number;
  /** Nights and rooms the totals are for. */
  nights: number;
  rooms: number;
  defaultRooms: number;
  maxRooms: number;
  hotels: HotelOption[];
};

export type InsuranceCover = { itemKey: string; perPassenger: Money; total: Money; insured: number };

export type ExtrasOffers = {
  cities: Record<string, string>;
  bags: BagLeg[];
  priority: PriorityLeg[];
  upgrades: UpgradeLeg[];
  hotel: HotelStay | null;
  insurance: InsuranceCover | null;
};

export type ExtrasOptions = {
  /** Directions whose cabin upgrade is (to be) taken: Business includes priority boarding. */
  upgraded?: readonly Direction[];
  hotelNights?: number;
  hotelRooms?: number;
};

function offeredHere(db: Db, code: string): Offer | null {
  const offer = listOffers(db).get(code);
  return offer && offer.active && offer.placements.includes('extras') ? offer : null;
}

function passengersOf(checkout: Checkout): ExtrasPassenger[] {
  return checkout.passengers.map((p) => ({
    idx: p.idx,
    type: p.type,
    name: `${p.givenName} ${p.familyName}`.trim() || `Passenger ${p.idx}`,
  }));
}

function clamp(value: number | undefined, min: number, max: number, fallback: number): number {
  if (value === undefined || !Number.isInteger(value)) return fallback;
  return Math.min(max, Math.max(min, value));
}

function heldSeatsByCabin(db: Db, checkout: Checkout, flight: CheckoutFlight): Array<{ id: number; seat: string; cabin: string | null }> {
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
  const cities: Record<string, string> = {};
  for (const f of checkout.flights) {
    for (const code of [f.origin, f.destination]) cities[code] ??= findAirport(db, code)?.city ?? code;
  }

  const bagOffer = offeredHere(db, EXTRA_OFFER_CODES.bag);
  const bags: BagLeg[] = [];
  if (bagOffer) {
    const types = bagOffer.eligibility.passengerTypes ?? ['adult', 'child'];
    const perPassenger = maxBagsPerPassenger(db);
    for (const flight of checkout.flights) {
      const family = findFareFamily(db, flight.family);
      const includedBags = family?.checked_bags ?? 0;
      const maxQuantity = Math.max(0, perPassenger - includedBags);
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
        passengers:
          maxQuantity === 0
            ? []
            : passengers
                .filter((p) => types.includes(p.type))
                .map((p) => ({ itemKey: itemKey.bag(p.idx, flight.direction), field: field.bag(p.idx, flight.direction), passenger: p })),
        notEligible: passengers.filter((p) => !types.includes(p.type)),
      });
    }
  }

  const priorityOffer = offeredHere(db, EXTRA_OFFER_CODES.priority);
  const priority: PriorityLeg[] = [];
  if (priorityOffer) {
    // Infants board with the adult whose lap they travel on, so by default only seated passengers are offered it.
    const types = priorityOffer.eligibility.passengerTypes ?? ['adult', 'child'];
    const excluded = priorityOffer.eligibility.excludeFamilies ?? [];
    for (const flight of checkout.flights) {
      const price = perFlightPrice(priorityOffer, flight);
      const included = excluded.includes(flight.family) ? 'fare' : upgraded.has(flight.direction) ? 'upgrade' : null;
      const eligible = included ? [] : passengers.filter((p) => types.includes(p.type));
      priority.push({
        direction: flight.direction,
        flight,
        price,
        total: money(price.amountMinor * eligible.length, price.currency),
        included,
        passengers: eligible.map((p) => ({
          itemKey: itemKey.priority(p.idx, flight.direction),
          field: field.priority(p.idx, flight.direction),
          passenger: p,
        })),
      });
    }
  }

  const upgradeOffer = offeredHere(db, EXTRA_OFFER_CODES.upgrade);
  const upgrades: UpgradeLeg[] = [];
  if (upgradeOffer) {
    const targetCode = upgradeOffer.priceRule.type === 'fare_difference' ? upgradeOffer.priceRule.family : 'business';
    const target = findFareFamily(db, targetCode);
    const excluded = upgradeOffer.eligibility.excludeFamilies ?? [];
    for (const flight of checkout.flights) {
      if (!target || flight.cabin === target.cabin || flight.family === target.code || excluded.includes(flight.family)) continue;
      const seatsLeft = fareSeatsLeft(db, flight.flightId, target.code);
      if (seatsLeft === null || seatsLeft < seated) continue;
      const price = fareDifference(db, checkout, flight, target.code);
      if (!price || price.amountMinor <= 0) continue;
      // The same difference for a party of one of each type, so the page can say what it is per person.
      const one = (adults: number, children: number, infants: number) =>
        fareDifference(db, { ...checkout, adults, children, infants }, flight, target.code) ?? money(0, flight.currency);
      const perType: UpgradeLeg['perType'] = [];
      if (checkout.adults) perType.push({ type: 'adult', count: checkout.adults, price: one(1, 0, 0) });
      if (checkout.children) perType.push({ type: 'child', count: checkout.children, price: one(0, 1, 0) });
      if (checkout.infants) perType.push({ type: 'infant', count: checkout.infants, price: one(0, 0, 1) });
      upgrades.push({
        itemKey: itemKey.upgrade(flight.direction),
        field: field.upgrade(flight.direction),
        direction: flight.direction,
        flight,
        price,
        perType,
        target,
        heldSeats: heldSeatsByCabin(db, checkout, flight)
          .filter((s) => s.cabin !== target.cabin)
          .map((s) => s.seat),
      });
    }
  }

  let hotel: HotelStay | null = null;
  const outbound = checkout.flights.find((f) => f.direction === 'outbound');
  const hotels = outbound ? listHotelsIn(db, outbound.destination) : [];
  if (offeredHere(db, EXTRA_OFFER_CODES.hotel) && outbound && hotels.length > 0 && seated > 0) {
    const airport = findAirport(db, outbound.destination);
    const checkIn = localDate(outbound.arrivesAt, airport?.time_zone ?? 'UTC');
    const ret = checkout.flights.find((f) => f.direction === 'return');
    const fixedNights = ret ? Math.max(1, daysBetween(checkIn, ret.departureDate)) : null;
    const maxRooms = Math.min(seated, MAX_HOTEL_ROOMS);
    const defaultRooms = Math.min(maxRooms, Math.ceil(seated / 2));
    const nights = fixedNights ?? clamp(options.hotelNights, 1, MAX_HOTEL_NIGHTS, 1);
    const rooms = clamp(options.hotelRooms, 1, maxRooms, defaultRooms);
    hotel = {
      itemKey: itemKey.hotel,
      airportCode: outbound.destination,
      city: airport?.city ?? outbound.destination,
      checkIn,
      fixedNights,
      maxNights: MAX_HOTEL_NIGHTS,
      nights,
      rooms,
      defaultRooms,
      maxRooms,
      hotels: hotels.map((h) => ({
        id: h.id,
        name: h.name,
        stars: h.stars,
        area: h.area,
        nightly: money(h.nightly_minor, h.currency),
        total: hotelPrice(h, nights, rooms),
      })),
    };
  }

  let insurance: InsuranceCover | null = null;
  if (offeredHere(db, EXTRA_OFFER_CODES.insurance)) {
    const price = insurancePrice(db, checkout);
    if (price.insured > 0) insurance = { itemKey: itemKey.insurance, ...price };
  }

  return { cities, bags, priority, upgrades, hotel, insurance };
}

// ---- What was chosen -----------------------------------------------------------------------------

/**
 * The customer's current selection: the stored extras, plus the explicit "No thanks" answers, which
 * are not stored as extras but are the last response recorded for their item on this page.
 */
export function currentExtras(db: Db, checkout: Checkout): ExtrasChoice {
  const stored = listStoredExtras(db, checkout.id).filter((e) => isExtrasItemKey(e.itemKey));
  const storedKeys = new Set(stored.map((e) => e.itemKey));
  const choice: ExtrasChoice = { bags: [], priority: [], upgrades: [], hotel: null, insurance: null };
  for (const e of stored) {
    const m = MANAGED_KEY.exec(e.itemKey)!;
    if (m[1] === 'bag') choice.bags.push({ passengerIdx: Number(m[2]), direction: m[3] as Direction, quantity: e.quantity });
    else if (m[1] === 'priority') choice.priority.push({ passengerIdx: Number(m[2]), direction: m[3] as Direction, answer: 'add' });
    else if (m[4]) choice.upgrades.push({ direction: m[4] as Direction, answer: 'add' });
    else if (e.itemKey === itemKey.hotel && e.hotelId !== null) {
      choice.hotel = { answer: 'add', hotelId: e.hotelId, nights: e.nights, rooms: e.rooms ?? 1 };
    } else if (e.itemKey === itemKey.insurance) choice.insurance = 'add';
  }
  for (const [key, event] of lastResponses(db, checkout.id)) {
    if (storedKeys.has(key) || event === 'accepted') continue;
    const m = MANAGED_KEY.exec(key);
    if (!m || m[1] === 'bag') continue; // a bag's "no" is a quantity of 0
    if (m[1] === 'priority') choice.priority.push({ passengerIdx: Number(m[2]), direction: m[3] as Direction, answer: 'decline' });
    else if (m[4]) choice.upgrades.push({ direction: m[4] as Direction, answer: 'decline' });
    else if (key === itemKey.hotel) choice.hotel = { answer: 'decline' };
    else if (key === itemKey.insurance) choice.insurance = 'decline';
  }
  return choice;
}

// ---- Recording -----------------------------------------------------------------------------------

export type ExtrasEventContext = { sessionId: string; now: Date };

function tactics(db: Db, sessionId: string): { addons: TacticAssignment; upgrade: TacticAssignment } {
  return { addons: assignTactic(db, EXTRAS_TACTICS.addons, sessionId), upgrade: assignTactic(db, EXTRAS_TACTICS.upgrade, sessionId) };
}

/**
 * Records every offer the page renders as shown, with the item_key it would be stored under and its
 * price (per bag, per passenger for priority, everyone for the upgrade and insurance, the cheapest
 * stay for the hotel). recordOfferShown counts each once, however often the page is reloaded.
 */
export function recordExtrasShown(db: Db, checkout: Checkout, offers: ExtrasOffers, ctx: ExtrasEventContext): void {
  const catalogue = listOffers(db);
  const offer = (code: string) => catalogue.get(code)!;
  const addons: OfferImpression[] = [];
  for (const leg of offers.bags) {
    for (const p of leg.passengers) addons.push({ offer: offer(EXTRA_OFFER_CODES.bag), itemKey: p.itemKey, price: leg.online });
  }
  for (const leg of offers.priority) {
    for (const p of leg.passengers) addons.push({ offer: offer(EXTRA_OFFER_CODES.priority), itemKey: p.itemKey, price: leg.price });
  }
  if (offers.hotel) {
    const cheapest = offers.hotel.hotels.reduce((a, b) => (b.total.amountMinor < a.total.amountMinor ? b : a));
    addons.push({ offer: offer(EXTRA_OFFER_CODES.hotel), itemKey: offers.hotel.itemKey, price: cheapest.total });
  }
  if (offers.insurance) addons.push({ offer: offer(EXTRA_OFFER_CODES.insurance), itemKey: offers.insurance.itemKey, price: offers.insurance.total });
  const upgrades: OfferImpression[] = offers.upgrades.map((u) => ({ offer: offer(EXTRA_OFFER_CODES.upgrade), itemKey: u.itemKey, price: u.price }));

  const t = tactics(db, ctx.sessionId);
  const base = { sessionId: ctx.sessionId, checkoutId: checkout.id, placement: 'extras' as const, at: ctx.now };
  db.transaction(() => {
    if (addons.length) recordOfferShown(db, { ...base, tactic: t.addons }, addons);
    if (upgrades.length) recordOfferShown(db, { ...base, tactic: t.upgrade }, upgrades);
  })();
}

// ---- Saving --------------------------------------------------------------------------------------

export type ExtrasChange = { itemKey: string; offerCode: string; event: 'accepted' | 'removed' | 'declined'; price: Money };

export type SaveExtrasResult = {
  /** The responses recorded, in order. */
  changes: ExtrasChange[];
  /** Seats released because a cabin upgrade was taken (economy seats) or given up (business seats). */
  releasedSeats: Array<{ direction: Direction; seats: string[] }>;
};

type Wanted = { extra: StoredExtra; price: Money };

/**
 * Saves the complete selection of the extras page in one transaction: extras no longer chosen are
 * deleted, chosen ones upserted, and each change recorded as an offer event:
 * - accepted when an item goes from absent to present (price: what it adds);
 * - removed when a stored item goes (price: what it cost);
 * - declined when "No thanks" is chosen for an item that was neither stored nor already declined;
 * - nothing when a present item only changes (a bag quantity from 1 to 2, another hotel, more nights):
 *   one accept per item keeps take rate = accepted ÷ shown at most 1. See the README.
 * Taking a cabin upgrade releases the economy seats held on that flight, and makes priority boarding
 * on it part of the fare (a stored priority there is removed, a new one ignored).
 * Throws ValidationError (fieldErrors under the form's field names) or ConflictError (already paid).
 */
export function saveExtras(db: Db, checkout: Checkout, choice: ExtrasChoice, ctx: ExtrasEventContext): SaveExtrasResult {
  if (checkout.status !== 'open') {
    throw new ConflictError('This trip has already been paid for. Add bags, a hotel or an upgrade from Manage booking.');
  }
  return db.transaction((): SaveExtrasResult => {
    const errors: FieldErrors = {};
    const addError = (name: string, message: string) => {
      (errors[name] ??= []).push(message);
    };
    const passengers = new Map(passengersOf(checkout).map((p) => [p.idx, p]));
    const flights = new Map(checkout.flights.map((f) => [f.direction, f]));
    const seen = new Set<string>();
    const once = (name: string) => {
      if (seen.has(name)) {
        addError(name, 'This choice was sent twice: choose once');
        return false;
      }
      seen.add(name);
      return true;
    };
    const known = (name: string, passengerIdx: number | null, direction: Direction) => {
      if (passengerIdx !== null && !passengers.has(passengerIdx)) {
        addError(name, `There is no passenger ${passengerIdx} on this booking`);
        return false;
      }
      if (!flights.has(direction)) {
        addError(name, `There is no ${direction === 'return' ? 'return' : 'outbound'} flight on this trip`);
        return false;
      }
      return true;
    };

    // Upgrades first: they decide whether priority boarding is still for sale.
    const before = listExtrasOffers(db, checkout);
    const upgraded: Direction[] = [];
    const upgradeAnswers: Array<{ leg: UpgradeLeg; answer: Answer }> = [];
    for (const u of choice.upgrades) {
      const name = field.upgrade(u.direction);
      if (!once(name) || !known(name, null, u.direction)) continue;
      const leg = before.upgrades.find((l) => l.direction === u.direction);
      if (!leg) {
        const flight = flights.get(u.direction)!;
        addError(
          name,
          flight.cabin === 'business'
            ? 'You are already flying Business on this flight'
            : fareSeatsLeft(db, flight.flightId, 'business') === null
              ? 'This flight has no Business cabin to upgrade to'
              : 'Business is full on this flight: there is no upgrade for your party',
        );
        continue;
      }
      upgradeAnswers.push({ leg, answer: u.answer });
      if (u.answer === 'add') upgraded.push(u.direction);
    }

    const wantedHotel = choice.hotel?.answer === 'add' ? choice.hotel : null;
    const offers = listExtrasOffers(db, checkout, {
      upgraded,
      hotelNights: wantedHotel?.nights ?? undefined,
      hotelRooms: wantedHotel?.rooms,
    });
    const wanted = new Map<string, Wanted>();
    const declined = new Map<string, { offerCode: string; price: Money }>();
    const want = (key: string, offerCode: string, price: Money, extra: Partial<StoredExtra>) => {
      wanted.set(key, {
        price,
        extra: { itemKey: key, offerCode, passengerIdx: null, direction: null, quantity: 1, hotelId: null, checkIn: null, nights: null, rooms: null, ...extra },
      });
    };

    for (const u of upgradeAnswers) {
      if (u.answer === 'add') want(u.leg.itemKey, EXTRA_OFFER_CODES.upgrade, u.leg.price, { direction: u.leg.direction });
      else declined.set(u.leg.itemKey, { offerCode: EXTRA_OFFER_CODES.upgrade, price: u.leg.price });
    }

    for (const b of choice.bags) {
      const name = field.bag(b.passengerIdx, b.direction);
      if (!once(name) || !known(name, b.passengerIdx, b.direction)) continue;
      const passenger = passengers.get(b.passengerIdx)!;
      const leg = offers.bags.find((l) => l.direction === b.direction);
      if (!Number.isInteger(b.quantity) || b.quantity < 0) {
        addError(name, 'Choose a number of bags from the list');
        continue;
      }
      if (b.quantity === 0) continue;
      if (!leg) {
        addError(name, 'Checked bags cannot be added to this flight here');
        continue;
      }
      if (leg.notEligible.some((p) => p.idx === passenger.idx)) {
        addError(name, `${passenger.name} travels on an adult's lap and cannot have a checked bag of their own`);
        continue;
      }
      if (b.quantity > leg.maxQuantity) {
        addError(
          name,
          leg.maxQuantity === 0
            ? `Your ${leg.familyName} fare already includes the most bags a passenger can check`
            : `Choose 0 to ${leg.maxQuantity} bags for ${passenger.name}`,
        );
        continue;
      }
      want(itemKey.bag(passenger.idx, b.direction), EXTRA_OFFER_CODES.bag, money(leg.online.amountMinor * b.quantity, leg.online.currency), {
        passengerIdx: passenger.idx,
        direction: b.direction,
        quantity: b.quantity,
      });
    }

    for (const c of choice.priority) {
      const name = field.priority(c.passengerIdx, c.direction);
      if (!once(name) || !known(name, c.passengerIdx, c.direction)) continue;
      const passenger = passengers.get(c.passengerIdx)!;
      const leg = offers.priority.find((l) => l.direction === c.direction);
      if (!leg) {
        if (c.answer === 'add') addError(name, 'Priority boarding cannot be added to this flight here');
        continue;
      }
      // Business includes priority boarding: with the upgrade, the answer no longer matters.
      if (leg.included === 'upgrade') continue;
      if (leg.included === 'fare') {
        if (c.answer === 'add') addError(name, `Your ${leg.flight.familyName} fare already includes priority boarding`);
        continue;
      }
      const entry = leg.passengers.find((p) => p.passenger.idx === passenger.idx);
      if (!entry) {
        if (c.answer === 'add') addError(name, `${passenger.name} boards with their adult and needs no priority boarding`);
        continue;
      }
      if (c.answer === 'add') want(entry.itemKey, EXTRA_OFFER_CODES.priority, leg.price, { passengerIdx: passenger.idx, direction: c.direction });
      else declined.set(entry.itemKey, { offerCode: EXTRA_OFFER_CODES.priority, price: leg.price });
    }

    const stay = offers.hotel;
    if (choice.hotel?.answer === 'add') {
      const h = choice.hotel;
      const option = stay?.hotels.find((o) => o.id === h.hotelId);
      if (!stay) addError(field.hotel, 'There is no hotel to add to this trip');
      else if (!option) {
        addError(field.hotel, findHotel(db, h.hotelId) ? `That hotel is not in ${stay.city}: choose one of the hotels listed` : 'Choose one of the hotels listed');
      }
      let nights = stay?.fixedNights ?? null;
      if (stay && nights === null) {
        if (h.nights === null) addError(field.hotelNights, 'Choose the number of nights');
        else if (!Number.isInteger(h.nights) || h.nights < 1 || h.nights > MAX_HOTEL_NIGHTS) addError(field.hotelNights, `Choose 1 to ${MAX_HOTEL_NIGHTS} nights`);
        else nights = h.nights;
      }
      if (stay && (!Number.isInteger(h.rooms) || h.rooms < 1 || h.rooms > stay.maxRooms)) {
        addError(
          field.hotelRooms,
          stay.maxRooms === 1 ? 'Choose 1 room' : `Choose 1 to ${stay.maxRooms} rooms (no more rooms than passengers with a seat)`,
        );
      }
      if (stay && option && nights !== null && !errors[field.hotelRooms]) {
        want(itemKey.hotel, EXTRA_OFFER_CODES.hotel, hotelPrice({ nightly_minor: option.nightly.amountMinor, currency: option.nightly.currency }, nights, h.rooms), {
          hotelId: option.id,
          checkIn: stay.checkIn,
          nights,
          rooms: h.rooms,
        });
      }
    } else if (choice.hotel?.answer === 'decline' && stay) {
      const cheapest = stay.hotels.reduce((a, b) => (b.total.amountMinor < a.total.amountMinor ? b : a));
      declined.set(itemKey.hotel, { offerCode: EXTRA_OFFER_CODES.hotel, price: cheapest.total });
    }

    if (choice.insurance !== null) {
      if (!offers.insurance) {
        if (choice.insurance === 'add') addError(field.insurance, 'Travel insurance cannot be added to this trip');
      } else if (choice.insurance === 'add') want(itemKey.insurance, EXTRA_OFFER_CODES.insurance, offers.insurance.total, {});
      else declined.set(itemKey.insurance, { offerCode: EXTRA_OFFER_CODES.insurance, price: offers.insurance.total });
    }

    if (Object.keys(errors).length > 0) throw new ValidationError('Some of your extras need another look.', errors);

    // What the stored extras cost, as the summary priced them, for the "removed" events.
    const storedPrices = new Map(priceCheckout(db, checkout).lines.filter((l) => l.group === 'extras').map((l) => [l.key, l.total]));
    const stored = new Map(listStoredExtras(db, checkout.id).filter((e) => isExtrasItemKey(e.itemKey)).map((e) => [e.itemKey, e]));
    const last = lastResponses(db, checkout.id);
    const catalogue = listOffers(db);
    const t = tactics(db, ctx.sessionId);
    const changes: ExtrasChange[] = [];
    const record = (key: string, offerCode: string, price: Money, event: ExtrasChange['event']) => {
      const offer = catalogue.get(offerCode)!;
      const eventCtx: OfferEventContext = {
        sessionId: ctx.sessionId,
        checkoutId: checkout.id,
        placement: 'extras',
        tactic: offerCode === EXTRA_OFFER_CODES.upgrade ? t.upgrade : t.addons,
        at: ctx.now,
      };
      recordOfferResponse(db, eventCtx, { offer, itemKey: key, price }, event);
      changes.push({ itemKey: key, offerCode, event, price });
    };

    for (const [key, extra] of stored) {
      if (wanted.has(key)) continue;
      deleteExtra(db, checkout.id, key);
      record(key, extra.offerCode, storedPrices.get(key) ?? money(0), 'removed');
    }
    for (const [key, w] of wanted) {
      upsertExtra(db, checkout.id, w.extra);
      if (!stored.has(key)) record(key, w.extra.offerCode, w.price, 'accepted');
    }
    for (const [key, d] of declined) {
      const previous = last.get(key);
      if (stored.has(key) || previous === 'declined' || previous === 'removed') continue;
      record(key, d.offerCode, d.price, 'declined');
    }

    // An upgraded party sits in the business cabin: economy seats held on that flight are released,
    // and business seats are released again when the upgrade is given up.
    const releasedSeats: SaveExtrasResult['releasedSeats'] = [];
    for (const flight of checkout.flights) {
      const key = itemKey.upgrade(flight.direction);
      const taken = wanted.has(key) && !stored.has(key);
      const givenUp = stored.has(key) && !wanted.has(key);
      if (!taken && !givenUp) continue;
      const release = heldSeatsByCabin(db, checkout, flight).filter((s) => (taken ? s.cabin !== 'business' : s.cabin === 'business'));
      for (const seat of release) releaseSeat(db, checkout.id, seat.id);
      if (release.length) releasedSeats.push({ direction: flight.direction, seats: release.map((s) => s.seat) });
    }

    touchCheckout(db, checkout.id, ctx.now);
    return { changes, releasedSeats };
  })();
}
