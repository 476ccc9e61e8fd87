// What the confirmation page shows of a booking, and its one last cross-sell: a hotel at the
// destination (HOTEL_STAY, placement 'confirmation'). The page is built by confirmation.view.ts; adding
// the hotel, charged to the card on file, is the addHotelToBooking command (add-hotel-to-booking.ts).
// The car rented with the booking is shown with its details; without one, a car rental is the other last
// cross-sell (CAR_RENTAL, placement 'confirmation'; add-car-to-booking.ts).
import type { Db } from '../../db/database.ts';
import { NotFoundError } from '../../lib/errors.ts';
import type { Money } from '../../lib/money.ts';
import { findCheckout, type Checkout, type Direction } from '../checkout/checkout.repository.ts';
import { bagPrice, hotelPrice, upgradeTargetFamily } from '../checkout/offer-pricing.ts';
import { hotelStayRule, type HotelStayRule } from '../hotels/hotel-stay.ts';
import { findBookedStay, listHotelsIn, type BookedStay, type Hotel } from '../hotels/hotels.repository.ts';
import { OFFER } from '../offers/codes.ts';
import { recordOfferShown, type OfferImpression } from '../offers/offer-events.ts';
import { getOffer, type Offer } from '../offers/offers.repository.ts';
import type { CardOnFile } from '../ledger/card-on-file.ts';
import { findBookingPayment } from '../ledger/payments.repository.ts';
import {
  findBookingByReference,
  findFareAllowance,
  listBookedPassengers,
  listBookingItems,
  type BookedPassenger,
  type Booking,
  type BookingItem,
} from './bookings.repository.ts';
import { seatsSoldTo } from '../seats/seat-holds.ts';
import { findBookingCar, type BookingCar } from '../cars/cars.repository.ts';
import { carChoiceFor, type CarChoice, type RentalTripOfBooking } from './rent-car.ts';
import { describeItinerary, seatsByPassenger, type ItineraryLeg } from './itinerary.ts';
import { normaliseReference } from './reference.ts';

export const HOTEL_ITEM_KEY = 'hotel';
/** The receipt line of a hotel cancelled from Manage booking (a refund). */
export const HOTEL_CANCELLED_KEY = 'hotel:cancelled';

/** The hotel line still on the booking: the last one added, unless as many were cancelled; null for none. */
export function currentHotelItem(items: readonly BookingItem[]): BookingItem | null {
  const added = items.filter((i) => i.itemKey === HOTEL_ITEM_KEY || (i.itemKey === null && i.category === 'hotel'));
  const cancelled = items.filter((i) => i.itemKey === HOTEL_CANCELLED_KEY).length;
  return added.length > cancelled ? (added.at(-1) ?? null) : null;
}

export type BagNotice = {
  direction: Direction;
  route: string;
  familyName: string;
  cabinBag: string;
  includedBags: number;
  includedKg: number;
  /** Checked bags bought on this booking for this direction, all passengers. */
  boughtBags: number;
  online: Money;
  airport: Money | null;
};

/** The stay (checkIn, nights and rooms allowed: hotels/hotel-stay.ts) and the hotels it can be at. */
export type HotelOffer = HotelStayRule & {
  offer: Pick<Offer, 'code' | 'kind' | 'category' | 'name' | 'description'>;
  city: string;
  airportCode: string;
  hotels: readonly Hotel[];
  /** The cheapest hotel for the default stay: the "from" price, and the price recorded as shown. */
  fromPrice: Money;
};

export type BookingDetails = {
  booking: Booking;
  checkout: Checkout;
  itinerary: ItineraryLeg[];
  passengers: Array<BookedPassenger & { seats: Array<{ direction: Direction; seat: string | null }> }>;
  items: BookingItem[];
  card: CardOnFile | null;
  bagNotices: BagNotice[];
  hotelItem: BookingItem | null;
  /** The hotel stay on the booking now (none once cancelled), when its facts were recorded. */
  hotelStay: BookedStay | null;
  hotelOffer: HotelOffer | null;
  /** The car rented with the booking (not cancelled), and the confirmation's car cross-sell when there is none. */
  car: BookingCar | null;
  carOffer: CarOffer | null;
};

/** The confirmation's car cross-sell (CAR_RENTAL, placement 'confirmation'): the rental's rule and the cars. */
export type CarOffer = CarChoice & { offer: Pick<Offer, 'code' | 'kind' | 'category' | 'name' | 'description'> };

export const CAR_ITEM_KEY = 'car';

export function loadBooking(db: Db, reference: string): { booking: Booking; checkout: Checkout } {
  const normalised = normaliseReference(reference);
  const booking = normalised ? findBookingByReference(db, normalised) : undefined;
  const checkout = booking ? findCheckout(db, booking.checkoutId) : undefined;
  if (!booking || !checkout) throw new NotFoundError('We could not find a booking with that reference. Check the six characters and try again.');
  return { booking, checkout };
}

/** Everything the confirmation shows; NotFoundError for an unknown reference (any case is accepted). */
export function getBookingDetails(db: Db, reference: string): BookingDetails {
  const { booking, checkout } = loadBooking(db, reference);
  const items = listBookingItems(db, booking.id);
  const itinerary = describeItinerary(db, checkout.flights);
  const seats = seatsByPassenger(checkout.flights, seatsSoldTo(db, booking.id));
  const passengers = listBookedPassengers(db, booking.id).map((p) => ({
    ...p,
    seats: p.type === 'infant' ? [] : checkout.flights.map((f) => ({ direction: f.direction, seat: seats.get(`p${p.idx}:${f.direction}`) ?? null })),
  }));
  const hotelItem = items.find((i) => i.category === 'hotel') ?? null;
  const car = findBookingCar(db, booking.id) ?? null;
  return {
    booking,
    checkout,
    itinerary,
    passengers,
    items,
    card: findBookingPayment(db, booking.id)?.card ?? null,
    bagNotices: bagNotices(db, checkout, items),
    hotelItem,
    hotelStay: currentHotelItem(items) ? (findBookedStay(db, booking.id) ?? null) : null,
    hotelOffer: hotelItem ? null : hotelOfferFor(db, checkout, itinerary),
    car,
    carOffer: car ? null : carOfferFor(db, checkout, itinerary, 'confirmation'),
  };
}

function bagNotices(db: Db, checkout: Checkout, items: readonly BookingItem[]): BagNotice[] {
  return checkout.flights.map((f) => {
    // An upgrade to Business brings Business's allowance with it.
    const upgraded = items.some((i) => i.offerCode === OFFER.CABIN_UPGRADE && i.direction === f.direction);
    const allowance = findFareAllowance(db, (upgraded ? upgradeTargetFamily(db) : null) ?? f.family);
    const price = bagPrice(db, f);
    return {
      direction: f.direction,
      route: `${f.origin}–${f.destination}`,
      familyName: allowance?.name ?? f.familyName,
      cabinBag: allowance?.cabinBag ?? '',
      includedBags: allowance?.checkedBags ?? 0,
      includedKg: allowance?.checkedBagKg ?? 0,
      boughtBags: items.filter((i) => i.category === 'bag' && i.direction === f.direction).reduce((n, i) => n + i.quantity, 0),
      online: price.online,
      airport: price.airport,
    };
  });
}

/**
 * The hotel cross-sell: hotels in the destination city for the stay of hotels/hotel-stay.ts (the
 * extras step's rule: from the day the outbound flight lands to the day the return flight leaves).
 * null when the offer is off, not placed on the confirmation, or there is no stay (a same-day return).
 */
export function hotelOfferFor(db: Db, checkout: Checkout, itinerary: readonly ItineraryLeg[]): HotelOffer | null {
  const offer = getOffer(db, OFFER.HOTEL_STAY);
  if (!offer.active || !offer.placements.includes('confirmation')) return null;
  const outbound = itinerary.find((l) => l.direction === 'outbound');
  const inbound = itinerary.find((l) => l.direction === 'return');
  if (!outbound) return null;
  const stay = hotelStayRule({ checkIn: outbound.arrival.date, returnDepartureDate: inbound?.departure.date ?? null, seated: checkout.adults + checkout.children, adults: checkout.adults });
  if (!stay) return null;
  const hotels = listHotelsIn(db, outbound.destination.code);
  const cheapest = hotels[0];
  if (!cheapest) return null;
  return {
    ...stay,
    offer,
    city: outbound.destination.city,
    airportCode: outbound.destination.code,
    hotels,
    fromPrice: hotelPrice(cheapest.nightly, stay.defaultNights, stay.defaultRooms),
  };
}

/** The trip's rental as bookings/rent-car.ts takes it: pick-up where and when the outbound flight lands. */
export function rentalTripOf(checkout: Checkout, itinerary: readonly ItineraryLeg[]): RentalTripOfBooking | null {
  const outbound = itinerary.find((l) => l.direction === 'outbound');
  if (!outbound) return null;
  const inbound = itinerary.find((l) => l.direction === 'return');
  return {
    airportCode: outbound.destination.code,
    city: outbound.destination.city,
    pickUpDate: outbound.arrival.date,
    returnDepartureDate: inbound?.departure.date ?? null,
    seated: checkout.adults + checkout.children,
  };
}

/** The car cross-sell of a placement (confirmation, manage); null when the offer is off or not placed there, or no car fits. */
export function carOfferFor(db: Db, checkout: Checkout, itinerary: readonly ItineraryLeg[], placement: 'confirmation' | 'manage'): CarOffer | null {
  const offer = getOffer(db, OFFER.CAR_RENTAL);
  if (!offer.active || !offer.placements.includes(placement)) return null;
  const trip = rentalTripOf(checkout, itinerary);
  const choice = trip ? carChoiceFor(db, trip) : null;
  return choice ? { ...choice, offer } : null;
}

/** Records the car impression on the confirmation (its cheapest rental), once per booking. */
export function recordCarOfferShown(db: Db, input: { booking: Booking; offer: CarOffer; now: Date }): void {
  recordOfferShown(
    db,
    { sessionId: input.booking.sessionId, checkoutId: input.booking.checkoutId, bookingId: input.booking.id, placement: 'confirmation', at: input.now },
    [{ offer: input.offer.offer, itemKey: CAR_ITEM_KEY, price: input.offer.fromPrice }],
  );
}

export function hotelImpression(offer: HotelOffer['offer'], price: Money): OfferImpression {
  return { offer, itemKey: HOTEL_ITEM_KEY, price };
}

/**
 * Records the hotel impression on the confirmation, in the booking's session (the shopper who bought it),
 * once per booking however often the page is opened.
 */
export function recordHotelOfferShown(db: Db, input: { booking: Booking; offer: HotelOffer; now: Date }): void {
  recordOfferShown(
    db,
    { sessionId: input.booking.sessionId, checkoutId: input.booking.checkoutId, bookingId: input.booking.id, placement: 'confirmation', at: input.now },
    [hotelImpression(input.offer.offer, input.offer.fromPrice)],
  );
}
