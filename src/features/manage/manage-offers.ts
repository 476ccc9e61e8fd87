// What Manage booking offers a booking now: one entry per thing that can be bought (a bag for a passenger
// on a flight, a seat, priority boarding, the cabin upgrade of a flight, a hotel, insurance) or cancelled (the
// hotel, the car), each with its price and, when it cannot be bought now, the refusal that says why. The booking page's
// view model and GET /api/v1/bookings/{reference}/offers both read it; impressions are recorded from it.
import type { Db } from '../../db/database.ts';
import { money, type Money } from '../../lib/money.ts';
import { ZONE_OFFER, type PaidZone } from '../catalogue/seat-zones.ts';
import type { CheckoutFlight, Direction } from '../checkout/checkout.repository.ts';
import { bagPrice, hotelPrice, insurancePrice, priorityPrice, upgradePrice } from '../checkout/offer-pricing.ts';
import { CAR_ITEM_KEY, carOfferFor, type BookingDetails } from '../bookings/confirmation.ts';
import type { Car } from '../cars/cars.repository.ts';
import type { Hotel } from '../hotels/hotels.repository.ts';
import { OFFER, type OfferCode } from '../offers/codes.ts';
import { recordOfferShown, type OfferImpression } from '../offers/offer-events.ts';
import { getOffer } from '../offers/offers.repository.ts';
import type { SeatZone } from '../catalogue/aircraft.ts';
import { loadFlightSeating, restrictionFor, seatedPassengers, seatItemKey, zonePrice } from '../seats/seating.ts';
import { carCutOff, cutOff, hotelCancelCutOff, hotelOnBooking, type ExtraType, type Refusal } from './manage-rules.ts';
import { bookedSeatOf } from './manage.repository.ts';
import { bagsOf, hasPriority, hotelChoice, isUpgraded, withBookedUpgrades } from './quote-extra.ts';

export type SeatOption = { seat: string; zone: SeatZone; price: Money };

export type ManageOffer = {
  type: ExtraType | 'hotel_cancel' | 'car_cancel';
  offerCode: OfferCode;
  itemKey: string;
  direction: Direction | null;
  passengerIdx: number | null;
  /** One bag, the upgrade of every passenger, insurance for all, the cheapest hotel's default stay, a seat "from", a refund. */
  price: Money;
  refusal: Refusal | { code: 'already_bought' | 'included' | 'full' | 'not_sold'; message: string } | null;
  /** Bags: how many more this passenger may add on this flight. */
  maxQuantity?: number;
  /** Seats: the passenger's seat now, and the seats they may move to with what each costs. */
  currentSeat?: string | null;
  seats?: SeatOption[];
  /** Hotel: the stay's rule and the hotels. */
  hotel?: { city: string; checkIn: string; minNights: number; maxNights: number; defaultNights: number; maxRooms: number; defaultRooms: number; hotels: readonly Hotel[] };
  /** Car: the rental's rule (cars/car-rental.ts) and the cars that seat the party, cheapest first. */
  car?: { city: string; airportCode: string; pickUpDate: string; fixedDays: number | null; minDays: number; maxDays: number; defaultDays: number; cars: Car[] };
  /** Hotel or car cancellation: what is on the booking. */
  description?: string;
};

export type ManageOffersCtx = { db: Db; now: Date; seed: number };

const route = (f: CheckoutFlight) => `${f.origin}–${f.destination}`;

function flightOffers(ctx: ManageOffersCtx, details: BookingDetails, flight: CheckoutFlight): ManageOffer[] {
  const { db, now } = ctx;
  const out: ManageOffer[] = [];
  const dir = flight.direction;
  const currency = details.booking.total.currency;
  const seating = loadFlightSeating(db, details.checkout, flight, ctx);
  const seated = seatedPassengers(details.checkout);
  for (const p of seated) {
    const bags = bagsOf(db, details, flight, p.idx);
    const room = Math.max(0, bags.max - bags.included - bags.bought);
    out.push({
      type: 'bag',
      offerCode: OFFER.BAG_CHECKED_23KG,
      itemKey: `bag:p${p.idx}:${dir}`,
      direction: dir,
      passengerIdx: p.idx,
      price: bagPrice(db, flight).online,
      maxQuantity: room,
      refusal: cutOff(details, 'bag', dir, now) ?? (room === 0 ? { code: 'full', message: `${p.givenName} has the most checked bags allowed on ${route(flight)} (${bags.max}).` } : null),
    });
    const current = bookedSeatOf(db, details.booking.id, flight.flightId, p.idx);
    const paid = current?.priceMinor ?? 0;
    const seats: SeatOption[] = [];
    for (const cell of seating.plan.seats.values()) {
      if (seating.taken.has(cell.seat) || restrictionFor(seating, p, cell)) continue;
      const price = zonePrice(seating, cell.zone).price;
      seats.push({ seat: cell.seat, zone: cell.zone, price: money(Math.max(0, price.amountMinor - paid), currency) });
    }
    const cheapest = seats.reduce((m, s) => Math.min(m, s.price.amountMinor), Number.POSITIVE_INFINITY);
    const seatOffer: OfferCode = ZONE_OFFER[(seats.find((s) => s.price.amountMinor === cheapest)?.zone ?? 'standard') as PaidZone] ?? OFFER.SEAT_STANDARD;
    out.push({
      type: 'seat',
      offerCode: seatOffer,
      itemKey: seatItemKey(p.idx, dir),
      direction: dir,
      passengerIdx: p.idx,
      price: money(Number.isFinite(cheapest) ? cheapest : 0, currency),
      currentSeat: current?.seat ?? null,
      seats,
      refusal: cutOff(details, 'seat', dir, now) ?? (seats.length === 0 ? { code: 'full', message: `There are no free seats on ${route(flight)}.` } : null),
    });
    out.push({
      type: 'priority',
      offerCode: OFFER.PRIORITY_BOARDING,
      itemKey: `priority:p${p.idx}:${dir}`,
      direction: dir,
      passengerIdx: p.idx,
      price: priorityPrice(db, flight),
      refusal: cutOff(details, 'priority', dir, now) ?? (hasPriority(db, details, flight, p.idx) ? { code: 'included', message: `${p.givenName} boards first on ${route(flight)}.` } : null),
    });
  }
  const { checkout } = details;
  const upgrade = upgradePrice(db, { adults: checkout.adults, children: checkout.children, infants: checkout.infants, quotedAt: checkout.createdAt }, flight);
  out.push({
    type: 'upgrade',
    offerCode: OFFER.CABIN_UPGRADE,
    itemKey: `upgrade:${dir}`,
    direction: dir,
    passengerIdx: null,
    price: upgrade?.total ?? money(0, currency),
    refusal:
      cutOff(details, 'upgrade', dir, now) ??
      (isUpgraded(details, flight)
        ? { code: 'already_bought', message: `You fly in the business cabin on ${route(flight)}.` }
        : upgrade
          ? null
          : { code: 'not_sold', message: `Flight ${flight.flightNumber} has no business cabin.` }),
  });
  return out;
}

/** Everything Manage booking can sell or cancel on this booking at ctx.now (offers switched off are left out). */
export function manageOffers(ctx: ManageOffersCtx, booked: BookingDetails): ManageOffer[] {
  const { db, now } = ctx;
  // A cabin upgrade bought here moves the party's seats, seat prices and fare rules to the new cabin.
  const details = withBookedUpgrades(db, booked);
  const active = (code: OfferCode) => {
    const offer = getOffer(db, code);
    return offer.active && offer.placements.includes('manage');
  };
  const out = details.checkout.flights.flatMap((f) => flightOffers(ctx, details, f));
  const onBooking = hotelOnBooking(details);
  const choice = hotelChoice(db, details);
  if (onBooking) {
    out.push({
      type: 'hotel_cancel',
      offerCode: OFFER.HOTEL_STAY,
      itemKey: 'hotel',
      direction: null,
      passengerIdx: null,
      price: money(-onBooking.total.amountMinor, onBooking.total.currency),
      description: onBooking.description,
      refusal: hotelCancelCutOff(details, now),
    });
  } else if (choice) {
    const cheapest = choice.hotels[0]!;
    out.push({
      type: 'hotel',
      offerCode: OFFER.HOTEL_STAY,
      itemKey: 'hotel',
      direction: null,
      passengerIdx: null,
      price: hotelPrice(cheapest.nightly, choice.defaultNights, choice.defaultRooms),
      hotel: {
        city: choice.city,
        checkIn: choice.checkIn,
        minNights: choice.minNights,
        maxNights: choice.maxNights,
        defaultNights: choice.defaultNights,
        maxRooms: choice.maxRooms,
        defaultRooms: choice.defaultRooms,
        hotels: choice.hotels,
      },
      refusal: cutOff(details, 'hotel', null, now),
    });
  }
  out.push(...carOffers(ctx, details));
  const insured = details.items.some((i) => i.category === 'insurance');
  out.push({
    type: 'insurance',
    offerCode: OFFER.TRAVEL_INSURANCE,
    itemKey: 'insurance',
    direction: null,
    passengerIdx: null,
    price: insurancePrice(db, details.checkout).total,
    refusal: cutOff(details, 'insurance', null, now) ?? (insured ? { code: 'already_bought', message: 'Your trip is insured.' } : null),
  });
  return out.filter((o) => active(o.offerCode));
}

/** The car: its free cancellation when the booking has one, else a car to rent (until 24 hours before pick-up). */
function carOffers(ctx: ManageOffersCtx, details: BookingDetails): ManageOffer[] {
  const base = { offerCode: OFFER.CAR_RENTAL, itemKey: CAR_ITEM_KEY, direction: null, passengerIdx: null };
  if (details.car) {
    const line = details.items.filter((i) => i.itemKey === CAR_ITEM_KEY).at(-1);
    return [{ ...base, type: 'car_cancel', price: money(-details.car.total.amountMinor, details.car.total.currency), description: line?.description ?? details.car.car.model, refusal: carCutOff(details, ctx.now, 'cancelled') }];
  }
  const choice = carOfferFor(ctx.db, details.checkout, details.itinerary, 'manage');
  if (!choice) return [];
  const { city, airportCode, pickUpDate, fixedDays, minDays, maxDays, defaultDays, cars } = choice;
  return [{ ...base, type: 'car', price: choice.fromPrice, car: { city, airportCode, pickUpDate, fixedDays, minDays, maxDays, defaultDays, cars }, refusal: cutOff(details, 'car', null, ctx.now) }];
}

/** Records the offers the page or the API showed as 'shown' with placement manage (once per session and item). */
export function recordManageOffersShown(ctx: ManageOffersCtx & { sessionId: string }, details: BookingDetails, offers: readonly ManageOffer[]): void {
  const impressions: OfferImpression[] = offers
    .filter((o) => o.refusal === null && o.type !== 'hotel_cancel' && o.type !== 'car_cancel')
    .map((o) => ({ offer: getOffer(ctx.db, o.offerCode), itemKey: o.itemKey, price: o.price }));
  const { booking } = details;
  recordOfferShown(ctx.db, { sessionId: ctx.sessionId, checkoutId: booking.checkoutId, bookingId: booking.id, placement: 'manage', at: ctx.now }, impressions);
}

