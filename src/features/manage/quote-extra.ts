// The price of one Manage booking purchase, and what buying it writes. Every price comes from
// checkout/offer-pricing.ts and the seats' zone prices (seats/seating.ts), the same rules as the checkout.
// Refusals carry issues at the item's path (['item', 'quantity'] …) with a stable code.
import type { Db } from '../../db/database.ts';
import { ConflictError, ValidationError, type Issue } from '../../lib/errors.ts';
import { money, type Money } from '../../lib/money.ts';
import { addDays, longDate } from '../../lib/time.ts';
import { ZONE_OFFER, ZONE_WORDS } from '../catalogue/seat-zones.ts';
import type { CheckoutFlight } from '../checkout/checkout.repository.ts';
import { bagPrice, hotelPrice, insurancePrice, maxBagsPerPassenger, priorityPrice, times, upgradePrice, upgradeTargetFamily } from '../checkout/offer-pricing.ts';
import { findFareAllowance, type NewBookingItem } from '../bookings/bookings.repository.ts';
import { CAR_ITEM_KEY, carOfferFor, type BookingDetails } from '../bookings/confirmation.ts';
import { checkRental, rentCar } from '../bookings/rent-car.ts';
import { describeItinerary } from '../bookings/itinerary.ts';
import { checkStay, hotelStayRule, type HotelStayRule } from '../hotels/hotel-stay.ts';
import { listHotelsIn, recordBookedStay, type Hotel } from '../hotels/hotels.repository.ts';
import { OFFER, type OfferCode } from '../offers/codes.ts';
import { getOffer, type Offer } from '../offers/offers.repository.ts';
import { loadFlightSeating, restrictionFor, seatedPassengers, seatItemKey, zonePrice } from '../seats/seating.ts';
import { ensureBeforeCutOff, hotelOnBooking, type ExtraItem } from './manage-rules.ts';
import { bookedSeatOf, familyCabin, familyIncludesPriority, fareIdOf, insertBookedSeat, moveBookedSeat, moveFareSeats } from './manage.repository.ts';

export type Quote = {
  item: ExtraItem;
  amount: Money;
  description: string;
  /** The offer the purchase answers (null for a seat in a cabin that is not sold by zone). */
  offer: Pick<Offer, 'code' | 'kind' | 'category'> | null;
  line: NewBookingItem;
  /** Writes beyond the receipt line (a seat moved, fare inventory); run inside the purchase's transaction. */
  apply: (now: Date) => void;
};

type QuoteCtx = { db: Db; now: Date; seed: number };

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const invalid = (path: Issue['path'], code: string, message: string) => new ValidationError(message, [{ path, message, code }]);
const conflict = (path: Issue['path'], code: string, message: string) => new ConflictError(message, [{ path, message, code }]);

function activeOffer(db: Db, code: OfferCode): Offer {
  const offer = getOffer(db, code);
  if (!offer.active || !offer.placements.includes('manage')) throw conflict(['item', 'type'], 'not_offered', `${offer.name} is not sold after booking.`);
  return offer;
}

function flightFor(details: BookingDetails, item: { direction: CheckoutFlight['direction'] }): CheckoutFlight {
  const flight = details.checkout.flights.find((f) => f.direction === item.direction);
  if (!flight) throw invalid(['item', 'direction'], 'unknown_flight', 'This booking has no return flight: choose the outbound flight.');
  return flight;
}

function passengerFor(details: BookingDetails, idx: number) {
  const p = details.passengers.find((x) => x.idx === idx && x.type !== 'infant');
  if (!p) throw invalid(['item', 'passengerIdx'], 'unknown_passenger', 'Choose a passenger with a seat on this booking (infants travel on a lap).');
  return p;
}

const route = (f: CheckoutFlight) => `${f.origin}–${f.destination}`;

function line(offer: Pick<Offer, 'kind' | 'category' | 'code'>, l: Omit<NewBookingItem, 'kind' | 'category' | 'offerCode' | 'unit'> & { unit?: Money }): NewBookingItem {
  return { kind: offer.kind, category: offer.category, offerCode: offer.code, unit: l.unit ?? l.total, placement: 'manage', ...l };
}

/** Checked bags one passenger has on a flight: those the fare (or a cabin upgrade) includes and those bought. */
export function bagsOf(db: Db, details: BookingDetails, flight: CheckoutFlight, passengerIdx: number): { included: number; bought: number; max: number } {
  const upgraded = details.items.some((i) => i.offerCode === OFFER.CABIN_UPGRADE && i.direction === flight.direction);
  const family = (upgraded ? upgradeTargetFamily(db) : null) ?? flight.seatingFamily;
  const included = findFareAllowance(db, family)?.checkedBags ?? 0;
  const bought = details.items.filter((i) => i.category === 'bag' && i.direction === flight.direction && i.passengerIdx === passengerIdx).reduce((n, i) => n + i.quantity, 0);
  // A Comfort bundle on this flight gave every passenger with a seat one 23 kg bag.
  const seated = details.checkout.passengers.some((p) => p.idx === passengerIdx && p.type !== 'infant');
  const inBundle = seated && hasComfortBundle(details, flight) ? 1 : 0;
  return { included, bought: bought + inBundle, max: maxBagsPerPassenger(db) };
}

/** Whether the passenger boards first on this flight: the fare includes it or it was bought. */
export function hasPriority(db: Db, details: BookingDetails, flight: CheckoutFlight, passengerIdx: number): boolean {
  if (familyIncludesPriority(db, flight.seatingFamily) || hasComfortBundle(details, flight)) return true;
  return details.items.some((i) => i.category === 'priority' && i.passengerIdx === passengerIdx && (i.direction === null || i.direction === flight.direction));
}

/** Whether the booking has the Comfort bundle on this flight (its seat, bag and priority boarding). */
export function hasComfortBundle(details: BookingDetails, flight: CheckoutFlight): boolean {
  return details.items.some((i) => i.offerCode === OFFER.BUNDLE_COMFORT && i.direction === flight.direction);
}

export function isUpgraded(details: BookingDetails, flight: CheckoutFlight): boolean {
  return flight.seatingCabin === 'business' || details.items.some((i) => i.offerCode === OFFER.CABIN_UPGRADE && i.direction === flight.direction);
}

/**
 * The booking as Manage booking sells to it: a cabin upgrade bought after the booking (a receipt line, not a
 * checkout extra) moves the party's seating to the upgrade's family and cabin on that flight, so the seat map,
 * the seat prices and what the fare includes are those of the new cabin.
 */
export function withBookedUpgrades(db: Db, details: BookingDetails): BookingDetails {
  const target = upgradeTargetFamily(db);
  if (!target) return details;
  const cabin = familyCabin(db, target);
  const flights = details.checkout.flights.map((f) => {
    const bought = details.items.some((i) => i.offerCode === OFFER.CABIN_UPGRADE && i.direction === f.direction);
    const fareId = bought ? fareIdOf(db, f.flightId, target) : undefined;
    if (!bought || !cabin || fareId === undefined || f.seatingCabin === cabin) return f;
    return { ...f, seatingFamily: target, seatingCabin: cabin, seatingFareId: fareId };
  });
  return { ...details, checkout: { ...details.checkout, flights } };
}

export type HotelChoice = HotelStayRule & { offer: Offer; city: string; hotels: readonly Hotel[] };


/** The stay a hotel can be added for (hotels/hotel-stay.ts, as in the checkout), or null. */
export function hotelChoice(db: Db, details: BookingDetails): HotelChoice | null {
  const offer = getOffer(db, OFFER.HOTEL_STAY);
  if (!offer.active || !offer.placements.includes('manage')) return null;
  const legs = describeItinerary(db, details.checkout.flights);
  const outbound = legs.find((l) => l.direction === 'outbound');
  const inbound = legs.find((l) => l.direction === 'return');
  if (!outbound) return null;
  const { checkout } = details;
  const stay = hotelStayRule({ checkIn: outbound.arrival.date, returnDepartureDate: inbound?.departure.date ?? null, seated: checkout.adults + checkout.children, adults: checkout.adults });
  const hotels = listHotelsIn(db, outbound.destination.code);
  return stay && hotels.length > 0 ? { ...stay, offer, city: outbound.destination.city, hotels } : null;
}

/**
 * Prices `item` for the booking at ctx.now, or refuses it: ConflictError for the cut-offs (manage-rules.ts) and for
 * what the booking already has (`already_bought`, `included`), a seat somebody has (`seat_taken`) or a sold-out
 * cabin (`sold_out`); ValidationError for a choice that does not fit (`too_many_bags`, `unknown_seat`, `same_seat`,
 * `wrong_cabin`, `exit_row`, `unknown_hotel`, the hotel stay's codes).
 */
export function quoteExtra(ctx: QuoteCtx, booked: BookingDetails, item: ExtraItem): Quote {
  const { db } = ctx;
  const details = withBookedUpgrades(db, booked);
  ensureBeforeCutOff(details, item, ctx.now);
  const currency = details.booking.total.currency;
  switch (item.type) {
    case 'bag': {
      const offer = activeOffer(db, OFFER.BAG_CHECKED_23KG);
      const flight = flightFor(details, item);
      const p = passengerFor(details, item.passengerIdx);
      const bags = bagsOf(db, details, flight, p.idx);
      const room = bags.max - bags.included - bags.bought;
      if (item.quantity > room) {
        throw invalid(['item', 'quantity'], 'too_many_bags', `At most ${bags.max} checked bags per passenger and flight: ${p.givenName} has ${bags.included + bags.bought} on ${route(flight)}, so you can add ${Math.max(0, room)}.`);
      }
      const unit = bagPrice(db, flight).online;
      const total = times(unit, item.quantity);
      const description = `${plural(item.quantity, 'checked bag')} (23 kg), ${p.givenName} ${p.familyName}, ${route(flight)}`;
      return { item, amount: total, description, offer, apply: () => {}, line: line(offer, { itemKey: `bag:p${p.idx}:${flight.direction}`, description, passengerIdx: p.idx, direction: flight.direction, quantity: item.quantity, unit, total }) };
    }
    case 'seat': {
      const flight = flightFor(details, item);
      const p = passengerFor(details, item.passengerIdx);
      const seating = loadFlightSeating(db, details.checkout, flight, ctx);
      const cell = seating.plan.seats.get(item.seat);
      if (!cell) throw invalid(['item', 'seat'], 'unknown_seat', `There is no seat ${item.seat} on this aircraft.`);
      const current = bookedSeatOf(db, details.booking.id, flight.flightId, p.idx);
      if (current?.seat === item.seat) throw invalid(['item', 'seat'], 'same_seat', `${p.givenName} already sits in ${item.seat}.`);
      const seated = seatedPassengers(details.checkout).find((s) => s.idx === p.idx);
      const restriction = seated ? restrictionFor(seating, seated, cell) : null;
      if (restriction) throw invalid(['item', 'seat'], restriction.code, restriction.message);
      if (seating.taken.has(item.seat)) throw conflict(['item', 'seat'], 'seat_taken', `Seat ${item.seat} has just been taken: choose another seat.`);
      // A change within the fare's free seat choice costs nothing; to a dearer seat, the difference with what was
      // paid; no refund for a cheaper one (what was paid stays recorded on the seat).
      const price = zonePrice(seating, cell.zone).price;
      const paid = current?.priceMinor ?? 0;
      const total = money(Math.max(0, price.amountMinor - paid), currency);
      const keep = Math.max(price.amountMinor, paid);
      const zoneOffer = cell.zone === 'business' ? null : getOffer(db, ZONE_OFFER[cell.zone]);
      const offer = zoneOffer ?? { code: OFFER.SEAT_STANDARD, kind: 'upsell' as const, category: 'seat' };
      const description = `Seat ${item.seat} (${ZONE_WORDS[cell.zone]})${current ? `, was ${current.seat}` : ''}, ${p.givenName} ${p.familyName}, ${route(flight)}`;
      const apply = (now: Date) => {
        try {
          if (current) moveBookedSeat(db, current.id, item.seat, keep);
          else insertBookedSeat(db, { flightId: flight.flightId, seat: item.seat, checkoutId: details.checkout.id, bookingId: details.booking.id, passengerIdx: p.idx, price: money(keep, currency), now });
        } catch (error) {
          if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw conflict(['item', 'seat'], 'seat_taken', `Seat ${item.seat} has just been taken: choose another seat.`);
          throw error;
        }
      };
      return { item, amount: total, description, offer: zoneOffer, apply, line: line(offer, { itemKey: seatItemKey(p.idx, flight.direction), description, passengerIdx: p.idx, direction: flight.direction, quantity: 1, total }) };
    }
    case 'priority': {
      const offer = activeOffer(db, OFFER.PRIORITY_BOARDING);
      const flight = flightFor(details, item);
      const p = passengerFor(details, item.passengerIdx);
      if (hasPriority(db, details, flight, p.idx)) throw conflict(['item'], 'already_bought', `${p.givenName} already boards first on ${route(flight)}.`);
      const total = priorityPrice(db, flight);
      const description = `Priority boarding, ${p.givenName} ${p.familyName}, ${route(flight)}`;
      return { item, amount: total, description, offer, apply: () => {}, line: line(offer, { itemKey: `priority:p${p.idx}:${flight.direction}`, description, passengerIdx: p.idx, direction: flight.direction, quantity: 1, total }) };
    }
    case 'upgrade': {
      const offer = activeOffer(db, OFFER.CABIN_UPGRADE);
      const flight = flightFor(details, item);
      if (isUpgraded(details, flight)) throw conflict(['item'], 'already_bought', `You already fly in the business cabin on ${route(flight)}.`);
      const { checkout } = details;
      const price = upgradePrice(db, { adults: checkout.adults, children: checkout.children, infants: checkout.infants, quotedAt: checkout.createdAt }, flight);
      const targetFare = price ? fareIdOf(db, flight.flightId, price.family) : undefined;
      if (!price || targetFare === undefined) throw conflict(['item', 'direction'], 'not_sold', `Flight ${flight.flightNumber} has no business cabin to upgrade to.`);
      const seated = checkout.adults + checkout.children;
      const description = `Upgrade to ${price.familyName}, ${route(flight)}, ${plural(checkout.adults + checkout.children + checkout.infants, 'passenger')}`;
      const apply = () => {
        try {
          moveFareSeats(db, targetFare, seated);
          moveFareSeats(db, flight.seatingFareId, -seated);
        } catch (error) {
          if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_CHECK') throw conflict(['item', 'direction'], 'sold_out', `The business cabin of flight ${flight.flightNumber} is full.`);
          throw error;
        }
      };
      return { item, amount: price.total, description, offer, apply, line: line(offer, { itemKey: `upgrade:${flight.direction}`, description, passengerIdx: null, direction: flight.direction, quantity: 1, total: price.total }) };
    }
    case 'hotel': {
      if (hotelOnBooking(details)) throw conflict(['item'], 'already_bought', 'This booking already has a hotel.');
      const choice = hotelChoice(db, details);
      if (!choice) throw conflict(['item', 'type'], 'not_offered', 'A hotel cannot be added to this booking.');
      const hotel = choice.hotels.find((h) => h.id === item.hotelId);
      const issues: Issue[] = [];
      if (!hotel) issues.push({ path: ['item', 'hotelId'], message: `Choose one of the hotels in ${choice.city}`, code: 'unknown_hotel' });
      issues.push(...checkStay(choice, item).map((i) => ({ ...i, path: ['item', ...i.path] })));
      if (!hotel || issues.length > 0) throw new ValidationError('Check the hotel, nights and rooms.', issues);
      const total = hotelPrice(hotel.nightly, item.nights, item.rooms);
      const description = `${hotel.name}, ${plural(item.nights, 'night')} from ${longDate(choice.checkIn)} to ${longDate(addDays(choice.checkIn, item.nights))}, ${plural(item.rooms, 'room')}`;
      const apply = (now: Date) => recordBookedStay(db, details.booking.id, { hotelId: hotel.id, checkIn: choice.checkIn, nights: item.nights, rooms: item.rooms }, now);
      return { item, amount: total, description, offer: choice.offer, apply, line: line(choice.offer, { itemKey: 'hotel', description, passengerIdx: null, direction: null, quantity: 1, total }) };
    }
    case 'car': {
      const offer = activeOffer(db, OFFER.CAR_RENTAL);
      if (details.car) throw conflict(['item'], 'already_bought', 'This booking already has a car.');
      const choice = carOfferFor(db, details.checkout, details.itinerary, 'manage');
      if (!choice) throw conflict(['item', 'type'], 'not_offered', 'A car cannot be added to this booking.');
      const rental = checkRental(db, choice, item, ['item']);
      const apply = (now: Date) => rentCar(db, details.booking.id, rental, 'manage', now);
      return {
        item,
        amount: rental.total,
        description: rental.description,
        offer,
        apply,
        line: line(offer, { itemKey: CAR_ITEM_KEY, description: rental.description, passengerIdx: null, direction: null, quantity: rental.days, unit: rental.car.daily, total: rental.total }),
      };
    }
    case 'insurance': {
      const offer = activeOffer(db, OFFER.TRAVEL_INSURANCE);
      if (details.items.some((i) => i.category === 'insurance')) throw conflict(['item'], 'already_bought', 'This trip is already insured.');
      const price = insurancePrice(db, details.checkout);
      const description = `Travel insurance, ${plural(price.insured, 'passenger')}`;
      return { item, amount: price.total, description, offer, apply: () => {}, line: line(offer, { itemKey: 'insurance', description, passengerIdx: null, direction: null, quantity: price.insured, unit: price.perPassenger, total: price.total }) };
    }
  }
}
