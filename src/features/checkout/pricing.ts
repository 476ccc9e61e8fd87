// The itemised price of a checkout, computed on the server from the catalogue and the customer's
// choices. The same lines are shown on every step, charged at payment and written as booking_items.
// Each offer's price comes from offer-pricing.ts, the one reader of the catalogue's price rules.
import type { Db } from '../../db/database.ts';
import { preparedOnce } from '../../db/statements.ts';
import { money, type Money } from '../../lib/money.ts';
import { longDate } from '../../lib/time.ts';
import { describeRental } from '../cars/car-rental.ts';
import { findCar } from '../cars/cars.repository.ts';
import { findHotel } from '../hotels/hotels.repository.ts';
import { OFFER } from '../offers/codes.ts';
import { getOffer } from '../offers/offers.repository.ts';
import { seatLineDetails, seatOf } from '../catalogue/seat-zones.ts';
import { formatMoney } from '../../lib/money.ts';
import type { Checkout, CheckoutFlight, Direction, PassengerType } from './checkout.repository.ts';
import { DIRECTION_LABEL, PASSENGER_COUNT_LABEL, passengerLabel } from './labels.ts';
import { bagPrice, bundleQuote, carPrice, hotelPrice, insurancePrice, priorityPrice, upgradePrice } from './offer-pricing.ts';

export type PriceGroup = 'fares' | 'taxes' | 'seats' | 'extras';

export type PriceLine = {
  key: string;
  group: PriceGroup;
  kind: 'fare' | 'tax' | 'upsell' | 'cross_sell';
  category: string;
  offerCode: string | null;
  description: string;
  passengerIdx: number | null;
  direction: Direction | null;
  quantity: number;
  unit: Money;
  total: Money;
  /** A hotel line's stay (the booking records it for the confirmation and the calendar). */
  stay?: { hotelId: number; checkIn: string; nights: number; rooms: number };
};

export type PriceSummary = { lines: PriceLine[]; total: Money };

const TYPE_LABEL = PASSENGER_COUNT_LABEL;

function countOf(checkout: Checkout, type: PassengerType): number {
  return type === 'adult' ? checkout.adults : type === 'child' ? checkout.children : checkout.infants;
}

function line(partial: Omit<PriceLine, 'total' | 'unit'> & { unitMinor: number; currency: string }): PriceLine {
  const { unitMinor, currency, ...rest } = partial;
  return { ...rest, unit: money(unitMinor, currency), total: money(unitMinor * partial.quantity, currency) };
}

/** The fare and tax lines of one direction. */
export function fareLines(checkout: Checkout, flight: CheckoutFlight): PriceLine[] {
  const route = `${flight.origin}–${flight.destination}`;
  const lines: PriceLine[] = [];
  for (const type of ['adult', 'child', 'infant'] as const) {
    const count = countOf(checkout, type);
    if (count === 0) continue;
    const unitMinor = type === 'adult' ? flight.adultMinor : type === 'child' ? flight.childMinor : flight.infantMinor;
    lines.push(
      line({
        key: `fare:${flight.direction}:${type}`,
        group: 'fares',
        kind: 'fare',
        category: 'fare',
        offerCode: null,
        description: `${DIRECTION_LABEL[flight.direction]} ${route}, ${flight.familyName}: ${count} ${TYPE_LABEL[type][count === 1 ? 0 : 1]}`,
        passengerIdx: null,
        direction: flight.direction,
        quantity: count,
        unitMinor,
        currency: flight.currency,
      }),
    );
  }
  const seated = checkout.adults + checkout.children;
  lines.push(
    line({
      key: `tax:${flight.direction}:seated`,
      group: 'taxes',
      kind: 'tax',
      category: 'tax',
      offerCode: null,
      description: `${DIRECTION_LABEL[flight.direction]} taxes and airport fees: ${seated} × seated passenger`,
      passengerIdx: null,
      direction: flight.direction,
      quantity: seated,
      unitMinor: flight.taxesMinor,
      currency: flight.currency,
    }),
  );
  if (checkout.infants > 0) {
    lines.push(
      line({
        key: `tax:${flight.direction}:infant`,
        group: 'taxes',
        kind: 'tax',
        category: 'tax',
        offerCode: null,
        description: `${DIRECTION_LABEL[flight.direction]} taxes and fees: ${checkout.infants} × infant`,
        passengerIdx: null,
        direction: flight.direction,
        quantity: checkout.infants,
        unitMinor: flight.infantTaxesMinor,
        currency: flight.currency,
      }),
    );
  }
  return lines;
}

const statements = preparedOnce((db: Db) => ({
  seats: db.prepare(
    `SELECT id, flight_id, seat, passenger_idx, price_minor, currency FROM seat_assignments
     WHERE checkout_id = ? ORDER BY flight_id, passenger_idx`,
  ),
  extras: db.prepare('SELECT * FROM checkout_extras WHERE checkout_id = ? ORDER BY item_key'),
}));

// ---- The whole summary ------------------------------------------------------------------------

type ExtraRow = {
  item_key: string;
  offer_code: string;
  passenger_idx: number | null;
  direction: Direction | null;
  quantity: number;
  hotel_id: number | null;
  check_in: string | null;
  nights: number | null;
  rooms: number | null;
  discount_percent: number;
  car_id: number | null;
  pick_up_date: string | null;
  days: number | null;
};

type SeatRow = { id: number; flight_id: number; seat: string; passenger_idx: number; price_minor: number; currency: string };

export function priceCheckout(db: Db, checkout: Checkout): PriceSummary {
  const lines: PriceLine[] = [];
  for (const flight of checkout.flights) lines.push(...fareLines(checkout, flight));

  const flightById = new Map(checkout.flights.map((f) => [f.flightId, f]));
  const seats = statements(db).seats.all(checkout.id) as SeatRow[];
  const extras = statements(db).extras.all(checkout.id) as ExtraRow[];
  // A Comfort bundle's extra-legroom seats are priced inside its one line (bundleLine), so their own lines show 0.
  const bundled = new Set(extras.filter((e) => e.offer_code === OFFER.BUNDLE_COMFORT).map((e) => e.direction));
  const bundleSeats = new Map<number, Money>();
  for (const seat of seats) {
    const flight = flightById.get(seat.flight_id);
    if (!flight) continue;
    if (bundled.has(flight.direction) && seatOf(db, flight.aircraftCode, seat.seat)?.zone === 'extra_legroom') {
      bundleSeats.set(seat.id, money(seat.price_minor, seat.currency));
      lines.push(
        line({
          key: `seat:p${seat.passenger_idx}:${flight.direction}`,
          group: 'seats',
          // Included in the bundle, like a seat included in the fare: sold (and counted by the dashboard) as the bundle.
          kind: 'fare',
          category: 'seat',
          offerCode: null,
          description: `Seat ${seat.seat}, extra legroom, ${passengerLabel(checkout, seat.passenger_idx)}, ${DIRECTION_LABEL[flight.direction].toLowerCase()}: in your Comfort bundle`,
          passengerIdx: seat.passenger_idx,
          direction: flight.direction,
          quantity: 1,
          unitMinor: 0,
          currency: seat.currency,
        }),
      );
      continue;
    }
    const { zone, note, offerCode } = seatLineDetails(db, flight, seat.seat, seat.price_minor);
    lines.push(
      line({
        key: `seat:p${seat.passenger_idx}:${flight.direction}`,
        group: 'seats',
        kind: seat.price_minor > 0 ? 'upsell' : 'fare',
        category: 'seat',
        offerCode,
        description: `Seat ${seat.seat}${zone ? `, ${zone}` : ''}, ${passengerLabel(checkout, seat.passenger_idx)}, ${DIRECTION_LABEL[flight.direction].toLowerCase()}${note ? `: ${note}` : ''}`,
        passengerIdx: seat.passenger_idx,
        direction: flight.direction,
        quantity: 1,
        unitMinor: seat.price_minor,
        currency: seat.currency,
      }),
    );
  }

  for (const extra of extras) {
    if (extra.offer_code === OFFER.BUNDLE_COMFORT) lines.push(bundleLine(db, checkout, extra, seats, bundleSeats));
    else lines.push(priceExtra(db, checkout, extra));
  }

  const currency = checkout.flights[0]?.currency ?? 'EUR';
  const total = lines.reduce((sum, l) => sum + l.total.amountMinor, 0);
  return { lines, total: money(total, currency) };
}

function priceExtra(db: Db, checkout: Checkout, extra: ExtraRow): PriceLine {
  const offer = getOffer(db, extra.offer_code);
  const flight = checkout.flights.find((f) => f.direction === extra.direction) ?? checkout.flights[0]!;
  const base = {
    key: extra.item_key,
    group: 'extras' as const,
    kind: offer.kind,
    category: offer.category,
    offerCode: offer.code,
    passengerIdx: extra.passenger_idx,
    direction: extra.direction,
  };
  const who = extra.passenger_idx ? passengerLabel(checkout, extra.passenger_idx) : 'all passengers';
  const where = extra.direction ? `, ${DIRECTION_LABEL[extra.direction].toLowerCase()}` : '';
  switch (offer.code) {
    case OFFER.BAG_CHECKED_23KG: {
      const price = bagPrice(db, flight).online;
      return line({ ...base, description: `Checked bag 23 kg, ${who}${where}`, quantity: extra.quantity, unitMinor: price.amountMinor, currency: price.currency });
    }
    case OFFER.PRIORITY_BOARDING: {
      const price = priorityPrice(db, flight);
      return line({ ...base, description: `Priority boarding, ${who}${where}`, quantity: 1, unitMinor: price.amountMinor, currency: price.currency });
    }
    case OFFER.CABIN_UPGRADE: {
      const upgrade = upgradePrice(db, { ...checkout, quotedAt: checkout.createdAt }, flight);
      const price = upgrade?.total ?? money(0, flight.currency);
      return line({ ...base, description: `Upgrade to ${upgrade?.familyName ?? 'another cabin'}${where}, all passengers`, quantity: 1, unitMinor: price.amountMinor, currency: price.currency });
    }
    case OFFER.HOTEL_STAY: {
      const hotel = extra.hotel_id === null ? undefined : findHotel(db, extra.hotel_id);
      if (!hotel) throw new Error(`Extra ${extra.item_key} names no known hotel`);
      const nights = extra.nights ?? 1;
      const rooms = extra.rooms ?? 1;
      const discount = extra.discount_percent ?? 0;
      const price = hotelPrice(hotel.nightly, nights, rooms, discount);
      return line({
        ...base,
        description: `${hotel.name}, ${nights} night${nights === 1 ? '' : 's'} from ${extra.check_in ? longDate(extra.check_in) : 'check-in'}, ${rooms} room${rooms === 1 ? '' : 's'}${discount ? `, ${discount}% off with your flight` : ''}`,
        quantity: 1,
        unitMinor: price.amountMinor,
        currency: price.currency,
        ...(extra.check_in ? { stay: { hotelId: hotel.id, checkIn: extra.check_in, nights, rooms } } : {}),
      });
    }
    case OFFER.TRAVEL_INSURANCE: {
      const price = insurancePrice(db, checkout);
      return line({
        ...base,
        description: `Travel insurance, ${price.insured} passenger${price.insured === 1 ? '' : 's'}`,
        quantity: price.insured,
        unitMinor: price.perPassenger.amountMinor,
        currency: price.perPassenger.currency,
      });
    }
    case OFFER.CAR_RENTAL: {
      const car = extra.car_id === null ? undefined : findCar(db, extra.car_id);
      if (!car || !extra.pick_up_date) throw new Error(`Extra ${extra.item_key} names no known car`);
      const days = extra.days ?? 1;
      // One line of `days` × the daily rate, so the receipt shows the rate it was charged at.
      return line({ ...base, description: describeRental(car, extra.pick_up_date, days), quantity: days, unitMinor: car.daily.amountMinor, currency: car.daily.currency });
    }
    default:
      throw new Error(`No pricing for extra ${offer.code}`);
  }
}

/**
 * The Comfort bundle of one flight as one line: for every passenger with a seat, the extra-legroom seat
 * they hold there (at the price the seats step gave it), a 23 kg bag and priority boarding, each at its
 * catalogue price, less the discount frozen when the bundle was taken (offer-pricing.ts bundleQuote).
 */
function bundleLine(db: Db, checkout: Checkout, extra: ExtraRow, seats: readonly SeatRow[], bundleSeats: ReadonlyMap<number, Money>): PriceLine {
  const flight = checkout.flights.find((f) => f.direction === extra.direction) ?? checkout.flights[0]!;
  const seated = checkout.adults + checkout.children;
  const bag = bagPrice(db, flight).online;
  const priority = priorityPrice(db, flight);
  const parts: Money[] = [];
  for (const seat of seats) {
    const price = seat.flight_id === flight.flightId ? bundleSeats.get(seat.id) : undefined;
    if (price) parts.push(price);
  }
  for (let i = 0; i < seated; i++) parts.push(bag, priority);
  // The discount is for the whole bundle: while someone lacks their extra-legroom seat (changed or skipped
  // on the seats step since), the bag and priority are charged at their own prices.
  const complete = parts.length === 3 * seated;
  const quote = bundleQuote(parts, complete ? (extra.discount_percent ?? 0) : 0, flight.currency);
  const where = extra.direction ? `, ${DIRECTION_LABEL[extra.direction].toLowerCase()}` : '';
  const people = `${seated} passenger${seated === 1 ? '' : 's'}`;
  const description = complete
    ? `Comfort bundle${where}: extra-legroom seat, 23 kg bag and priority boarding for ${people}, you save ${formatMoney(quote.saving)}`
    : `Comfort bundle${where}, incomplete: 23 kg bag and priority boarding for ${people} at their own prices (choose an extra-legroom seat for everyone to save)`;
  return line({
    key: extra.item_key,
    group: 'extras',
    kind: 'cross_sell',
    category: 'bundle',
    offerCode: OFFER.BUNDLE_COMFORT,
    description,
    passengerIdx: null,
    direction: extra.direction,
    quantity: 1,
    unitMinor: quote.price.amountMinor,
    currency: quote.price.currency,
  });
}
