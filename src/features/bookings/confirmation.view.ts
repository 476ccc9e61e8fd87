// The confirmation page's view model: what views/bookings/confirmation.ejs shows of a booking, decided
// here from the domain data (getBookingDetails) and the session's tactic assignments. The template only
// displays: labels, plurals, money and the hotel form's choices are made here.
import type { FieldErrors } from '../../lib/errors.ts';
import { formatMoney } from '../../lib/money.ts';
import { addDays, longDate } from '../../lib/time.ts';
import { carClassLabel } from '../catalogue/cars.ts';
import { DIRECTION_LABEL, ITINERARY_TYPE_LABEL } from '../checkout/labels.ts';
import { cardLabel } from '../ledger/card-on-file.ts';
import { OFFER, type OfferCode } from '../offers/codes.ts';
import type { TacticAssignments } from '../tactics/assignments.ts';
import type { BookingDetails, HotelOffer } from './confirmation.ts';
import type { ItineraryLeg } from './itinerary.ts';

/** The hotel form as the customer left it (strings, as typed), its errors, and whether a hotel was just added. */
export type ConfirmationFormState = { values?: Record<string, string>; errors?: FieldErrors; hotelAdded?: boolean; carAdded?: boolean; carValues?: Record<string, string>; carErrors?: FieldErrors };

type Option = { value: string; selected: boolean };

export type ConfirmationView = {
  reference: string;
  contactEmail: string;
  hotelAdded: { description: string; charged: string } | null;
  legs: Array<ItineraryLeg & { heading: string; meta: string }>;
  passengers: Array<{ idx: number; name: string; typeLabel: string; ticketNumber: string; seats: Array<{ direction: string; label: string; seat: string }> }>;
  receipt: { lines: Array<{ testId: string; description: string; quantityNote: string | null; total: string }>; total: string };
  /** "Visa ending 4242"; null when no card is on file. */
  card: string | null;
  bags: Array<{ direction: string; heading: string; cabinBag: string; allowance: string; prices: string }>;
  hotel: {
    /** For the tactic lens's label. */
    offerCode: OfferCode;
    city: string;
    checkIn: string;
    fromPrice: string;
    stay: string;
    hotels: Array<{ id: number; name: string; stars: number; area: string; nightly: string; checked: boolean }>;
    nights: Option[];
    rooms: Option[];
  } | null;
  /** The hotel on the booking, as the customer checks it (null when there is none). */
  hotelStay: { name: string; stars: number; area: string; city: string; checkIn: string; checkOut: string; nights: string; rooms: string } | null;
  /** The "Add to calendar" download (bookings/calendar.ts). */
  calendarHref: string;
  errors: FieldErrors;
  /** The car rented with the booking (views/bookings/confirmation-car.ejs), or the car cross-sell when there is none. */
  car: ConfirmationCarView;
};

export type ConfirmationCarView = {
  rented: { carClass: string; model: string; pickUp: string; dates: string; days: string; total: string; justAdded: boolean } | null;
  offer: {
    offerCode: OfferCode;
    city: string;
    pickUp: string;
    fromPrice: string;
    fixedDays: string | null;
    days: Option[] | null;
    cars: Array<{ id: number; label: string; model: string; details: string; daily: string; checked: boolean }>;
  } | null;
  errors: FieldErrors;
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function options(min: number, max: number, selected: string | undefined): Option[] {
  return Array.from({ length: max - min + 1 }, (_, i) => ({ value: String(min + i), selected: selected === String(min + i) }));
}

/** The hotel form's values before the customer touched it: no hotel chosen, the default stay. */
export function defaultHotelValues(offer: HotelOffer | null): Record<string, string> {
  return offer ? { hotel: '', nights: String(offer.defaultNights), rooms: String(offer.defaultRooms) } : {};
}

function hotelView(offer: HotelOffer | null, values: Record<string, string>): ConfirmationView['hotel'] {
  if (!offer) return null;
  return {
    offerCode: OFFER.HOTEL_STAY,
    city: offer.city,
    checkIn: longDate(offer.checkIn),
    fromPrice: formatMoney(offer.fromPrice),
    stay: `for ${plural(offer.defaultNights, 'night')}${offer.defaultRooms > 1 ? ` and ${offer.defaultRooms} rooms` : ''}`,
    hotels: offer.hotels.map((h) => ({ id: h.id, name: h.name, stars: h.stars, area: h.area, nightly: formatMoney(h.nightly), checked: values.hotel === String(h.id) })),
    // The stay's rule (hotels/hotel-stay.ts): on a return trip the only choice is the nights between the flights.
    nights: options(offer.minNights, offer.maxNights, values.nights),
    rooms: options(1, offer.maxRooms, values.rooms),
  };
}

/**
 * No tactic acts on the confirmation yet: `assignments` is the seam where one will (the hotel offer's
 * presentation), so every page's view model is built the same way.
 */
export function confirmationView(details: BookingDetails, _assignments: TacticAssignments, state: ConfirmationFormState = {}): ConfirmationView {
  const values = state.values ?? defaultHotelValues(details.hotelOffer);
  const added = state.hotelAdded && details.hotelItem ? details.hotelItem : null;
  return {
    reference: details.booking.reference,
    contactEmail: details.booking.contactEmail,
    hotelAdded: added ? { description: added.description, charged: formatMoney(added.total, { alwaysCents: true }) } : null,
    legs: details.itinerary.map((leg) => ({
      ...leg,
      heading: `${DIRECTION_LABEL[leg.direction]}: ${leg.origin.city} → ${leg.destination.city} · ${leg.flightNumber}`,
      meta: `${leg.familyName} fare · ${leg.cabin === 'business' ? 'Business' : 'Economy'} · ${leg.duration} non-stop`,
    })),
    passengers: details.passengers.map((p) => ({
      idx: p.idx,
      name: `${p.givenName} ${p.familyName}`,
      typeLabel: ITINERARY_TYPE_LABEL[p.type],
      ticketNumber: p.ticketNumber,
      seats: p.seats.map((s) => ({ direction: s.direction, label: DIRECTION_LABEL[s.direction], seat: s.seat ?? 'given at check-in' })),
    })),
    receipt: {
      lines: details.items.map((i) => ({
        testId: `receipt-line-${i.itemKey ? i.itemKey.replace(/:/g, '-') : `item-${i.id}`}`,
        description: i.description,
        quantityNote: i.quantity > 1 ? `(${i.quantity} × ${formatMoney(i.unit)})` : null,
        total: formatMoney(i.total),
      })),
      total: formatMoney(details.booking.total, { alwaysCents: true }),
    },
    card: details.card ? cardLabel(details.card) : null,
    bags: details.bagNotices.map((b) => ({
      direction: b.direction,
      heading: `${DIRECTION_LABEL[b.direction]} ${b.route}, ${b.familyName}:`,
      cabinBag: b.cabinBag,
      allowance:
        (b.includedBags > 0 ? `${plural(b.includedBags, 'checked bag')} of ${b.includedKg} kg per passenger included` : 'no checked bag included') +
        (b.boughtBags > 0 ? `, plus ${plural(b.boughtBags, 'checked bag')} you bought` : ''),
      prices: `An extra 23 kg bag costs ${formatMoney(b.online)} online now${b.airport ? `, ${formatMoney(b.airport)} at the airport` : ''}.`,
    })),
    hotel: hotelView(details.hotelOffer, values),
    hotelStay: details.hotelStay
      ? {
          name: details.hotelStay.hotel.name,
          stars: details.hotelStay.hotel.stars,
          area: details.hotelStay.hotel.area,
          city: details.itinerary.find((l) => l.direction === 'outbound')?.destination.city ?? '',
          checkIn: longDate(details.hotelStay.checkIn),
          checkOut: longDate(addDays(details.hotelStay.checkIn, details.hotelStay.nights)),
          nights: plural(details.hotelStay.nights, 'night'),
          rooms: plural(details.hotelStay.rooms, 'room'),
        }
      : null,
    calendarHref: `/bookings/${details.booking.reference}/calendar.ics`,
    errors: state.errors ?? {},
    car: carView(details, state),
  };
}

function carView(details: BookingDetails, state: ConfirmationFormState): ConfirmationCarView {
  const { car, carOffer } = details;
  const values = state.carValues ?? (carOffer ? { car: '', days: String(carOffer.defaultDays) } : {});
  return {
    rented: car && {
      carClass: carClassLabel(car.car.carClass),
      model: car.car.model,
      pickUp: `${car.car.airportCode} airport`,
      dates: `${longDate(car.pickUpDate)} to ${longDate(car.dropOffDate)}`,
      days: plural(car.days, 'day'),
      total: formatMoney(car.total),
      justAdded: state.carAdded === true,
    },
    offer: carOffer && {
      offerCode: OFFER.CAR_RENTAL,
      city: carOffer.city,
      pickUp: `${carOffer.city} airport (${carOffer.airportCode}) on ${longDate(carOffer.pickUpDate)}`,
      fromPrice: formatMoney(carOffer.fromPrice),
      fixedDays: carOffer.fixedDays === null ? null : plural(carOffer.fixedDays, 'day'),
      days: carOffer.fixedDays === null ? options(carOffer.minDays, carOffer.maxDays, values.days) : null,
      cars: carOffer.cars.map((c) => ({
        id: c.id,
        label: carClassLabel(c.carClass),
        model: c.model,
        details: `${c.seats} seats · ${plural(c.bags, 'large bag')}`,
        daily: formatMoney(c.daily),
        checked: values.car === String(c.id),
      })),
    },
    errors: state.carErrors ?? {},
  };
}
