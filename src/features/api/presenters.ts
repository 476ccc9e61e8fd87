// JSON shapes of the API, built from the domain's plain data. Each presenter lists every field it
// sends, so what a client receives is what the schemas (and so the OpenAPI document) say, and no
// internal column leaks by accident. The conformance tests parse real answers with those schemas.
import type { z } from 'zod';
import type { Db } from '../../db/database.ts';
import type { Money } from '../../lib/money.ts';
import type { Checkout } from '../checkout/checkout.repository.ts';
import { nextStep, stepStatuses } from '../checkout/progress.ts';
import { priceCheckout, type PriceLine, type PriceSummary } from '../checkout/pricing.ts';
import { findBookingByCheckout } from '../bookings/bookings.repository.ts';
import type { BookingDetails } from '../bookings/confirmation.ts';
import { seatHoldsOf } from '../seats/seat-holds.ts';
import { currentExtras } from '../extras/extras.ts';
import type { ChallengeView } from '../payment/answer-challenge.ts';
import type { Airport, FlightOption } from '../search/flights.repository.ts';
import type { SearchQuery } from '../search/search.schema.ts';
import type { FareUpsell } from '../search/fare-upsells.ts';
import type { DirectionResults } from '../search/search-results.ts';
import type { SeatsPage } from '../seats/seat-selection.ts';
import { seatedPassengers } from '../seats/seat-selection.ts';
import type { CheckoutBody } from './checkouts.schema.ts';
import type { BookingSchema, ChallengeSchema } from './payment.schema.ts';
import type { FlightSearchSchema } from './search.schema.ts';
import type { SeatMapsSchema } from './seats.schema.ts';

export const API_BASE = '/api/v1';

const m = (money: Money) => ({ amountMinor: money.amountMinor, currency: money.currency });
const minor = (amountMinor: number, currency: string) => ({ amountMinor, currency });

export function presentAirport(a: Airport) {
  return { code: a.code, name: a.name, city: a.city, country: a.country, timeZone: a.timeZone };
}

// ---- Search --------------------------------------------------------------------------------------

function presentFlight(flight: FlightOption, fareUpsells: readonly FareUpsell[]) {
  const upsells = new Map(fareUpsells.map((u) => [u.fareId, u]));
  return {
    id: flight.id,
    flightNumber: flight.flightNumber,
    origin: flight.origin,
    destination: flight.destination,
    departureDate: flight.departureDate,
    departsAt: flight.departsAt,
    arrivesAt: flight.arrivesAt,
    durationMin: flight.durationMin,
    distanceKm: flight.distanceKm,
    aircraft: { code: flight.aircraftCode, name: flight.aircraftName },
    fares: flight.fares.map((f) => {
      const upsell = upsells.get(f.fareId);
      return {
        fareId: f.fareId,
        family: {
          code: f.family.code,
          name: f.family.name,
          rank: f.family.rank,
          cabin: f.family.cabin,
          cabinBag: f.family.cabinBag,
          checkedBags: f.family.checkedBags,
          checkedBagKg: f.family.checkedBagKg,
          seatChoice: f.family.seatChoice,
          changes: f.family.changes,
          refund: f.family.refund,
          priority: f.family.priority,
        },
        seatsLeft: f.seatsLeft,
        price: {
          adult: minor(f.adultMinor, f.currency),
          child: minor(f.childMinor, f.currency),
          infant: minor(f.infantMinor, f.currency),
          taxesPerSeatedPassenger: minor(f.taxesMinor, f.currency),
          taxesPerInfant: minor(f.infantTaxesMinor, f.currency),
          perAdultAllIn: minor(f.perAdultMinor, f.currency),
          total: minor(f.totalMinor, f.currency),
        },
        upsell: upsell
          ? { offerCode: upsell.offerCode, kind: 'upsell' as const, category: 'fare' as const, placement: 'results' as const, price: m(upsell.price) }
          : null,
      };
    }),
  };
}

/** The search answer; `upsells` are the fare upsells of each flight (by id), as recorded shown. */
export function presentFlightSearch(
  query: SearchQuery,
  results: readonly DirectionResults[],
  upsells: ReadonlyMap<number, readonly FareUpsell[]>,
): z.input<typeof FlightSearchSchema> {
  return {
    search: {
      from: query.from,
      to: query.to,
      depart: query.depart,
      return: query.return,
      adults: query.adults,
      children: query.children,
      infants: query.infants,
    },
    directions: results.map((r) => ({
      direction: r.direction,
      date: r.date,
      from: presentAirport(r.from),
      to: presentAirport(r.to),
      bagFee: r.bagFee ? { online: m(r.bagFee.online), airport: r.bagFee.airport ? m(r.bagFee.airport) : null } : null,
      flights: r.flights.map((f) => presentFlight(f, upsells.get(f.id) ?? [])),
      nearestDays: [...r.nearestDays],
    })),
  };
}

// ---- Checkout ------------------------------------------------------------------------------------

export function presentPriceLine(l: PriceLine) {
  return {
    key: l.key,
    group: l.group,
    kind: l.kind,
    category: l.category,
    offerCode: l.offerCode,
    description: l.description,
    passengerIdx: l.passengerIdx,
    direction: l.direction,
    quantity: l.quantity,
    unit: m(l.unit),
    total: m(l.total),
  };
}

export function presentPrice(summary: PriceSummary) {
  return { lines: summary.lines.map(presentPriceLine), total: m(summary.total) };
}

export const checkoutPath = (id: string) => `${API_BASE}/checkouts/${id}`;

/** The checkout as GET /checkouts/:id answers it; `now` decides which seat holds have lapsed. */
export function presentCheckout(db: Db, checkout: Checkout, now: Date): CheckoutBody {
  const price = priceCheckout(db, checkout);
  const lineByKey = new Map(price.lines.map((l) => [l.key, l]));
  const direction = new Map(checkout.flights.map((f) => [f.flightId, f.direction]));
  const seats = seatHoldsOf(db, checkout.id, now)
    .filter((h) => direction.has(h.flightId))
    .map((h) => {
      const dir = direction.get(h.flightId)!;
      const line = lineByKey.get(`seat:p${h.passengerIdx}:${dir}`);
      return {
        passengerIdx: h.passengerIdx,
        direction: dir,
        flightId: h.flightId,
        seat: h.seat,
        price: line ? m(line.total) : minor(0, checkout.flights[0]?.currency ?? 'EUR'),
        status: h.status,
        heldUntil: h.heldUntil,
      };
    });
  const extras = currentExtras(db, checkout);
  const booking = checkout.status === 'booked' ? findBookingByCheckout(db, checkout.id) : undefined;

  const seatedCount = seatedPassengers(checkout).length * checkout.flights.length;
  const steps = stepStatuses(checkout, {
    seatsDone: seats.filter((s) => s.status !== 'expired').length >= seatedCount,
    extrasAnswered: extras.bags.length + extras.priority.length + extras.upgrades.length > 0 || extras.hotel !== null || extras.insurance !== null || extras.bundles.length > 0 || extras.car !== null,
  });
  const base = checkoutPath(checkout.id);

  return {
    id: checkout.id,
    status: checkout.status,
    bookingReference: booking?.reference ?? null,
    tripType: checkout.tripType,
    createdAt: checkout.createdAt,
    updatedAt: checkout.updatedAt,
    expiresAt: checkout.expiresAt,
    party: { adults: checkout.adults, children: checkout.children, infants: checkout.infants },
    contact: checkout.contactEmail !== null ? { email: checkout.contactEmail, phone: checkout.contactPhone ?? '' } : null,
    steps,
    nextStep: nextStep(steps),
    flights: checkout.flights.map((f) => ({
      direction: f.direction,
      flightId: f.flightId,
      flightNumber: f.flightNumber,
      origin: f.origin,
      destination: f.destination,
      departureDate: f.departureDate,
      departsAt: f.departsAt,
      arrivesAt: f.arrivesAt,
      aircraftCode: f.aircraftCode,
      fareId: f.fareId,
      family: { code: f.family, name: f.familyName },
      cabin: f.cabin,
    })),
    passengers: checkout.passengers.map((p) => ({
      idx: p.idx,
      type: p.type,
      givenName: p.givenName,
      familyName: p.familyName,
      dateOfBirth: p.dateOfBirth,
    })),
    selections: {
      seats,
      extras: {
        bags: extras.bags.map((b) => ({ passengerIdx: b.passengerIdx, direction: b.direction, quantity: b.quantity })),
        priority: extras.priority.map((p) => ({ passengerIdx: p.passengerIdx, direction: p.direction, answer: p.answer })),
        upgrades: extras.upgrades.map((u) => ({ direction: u.direction, answer: u.answer })),
        hotel:
          extras.hotel === null
            ? null
            : extras.hotel.answer === 'add'
              ? { answer: 'add' as const, hotelId: extras.hotel.hotelId, nights: extras.hotel.nights, rooms: extras.hotel.rooms }
              : { answer: 'decline' as const },
        insurance: extras.insurance,
        bundles: extras.bundles.map((b) => ({ direction: b.direction, answer: b.answer })),
        car: extras.car === null ? null : extras.car.answer === 'add' ? { answer: 'add' as const, carId: extras.car.carId, days: extras.car.days } : { answer: 'decline' as const },
      },
    },
    price: presentPrice(price),
    links: {
      self: base,
      passengers: `${base}/passengers`,
      seatMaps: `${base}/seat-maps`,
      seats: `${base}/seats`,
      offers: `${base}/offers`,
      extras: `${base}/extras`,
      payment: `${base}/payment`,
      booking: booking ? `${API_BASE}/bookings/${booking.reference}` : null,
    },
  };
}

// ---- Seats ---------------------------------------------------------------------------------------

/** One map per flight: the seats of the fare's cabin, with who of this checkout may not sit where. */
export function presentSeatMaps(page: SeatsPage): z.input<typeof SeatMapsSchema> {
  return {
    heldUntil: page.heldUntil,
    flights: page.flights.map((f) => {
      const heldBy = new Map(f.passengers.filter((p) => p.heldSeat !== null).map((p) => [p.heldSeat!, p.passenger.idx]));
      const first = f.passengers[0];
      const rows = (first?.rows ?? []).map((row, r) => ({
        row: row.row,
        zone: row.zone,
        exit: row.exit,
        wing: row.wing,
        groups: row.groups.map((group, g) =>
          group.map((seat, s) => ({
            seat: seat.seat,
            letter: seat.letter,
            zone: seat.zone,
            position: seat.position,
            exit: seat.exit,
            available: seat.state !== 'occupied',
            heldBy: heldBy.get(seat.seat) ?? null,
            price: m(seat.price),
            included: seat.included,
            restrictedFor: f.passengers
              .map((p) => ({ passengerIdx: p.passenger.idx, option: p.rows[r]?.groups[g]?.[s] }))
              .filter((x) => x.option?.state === 'restricted')
              .map((x) => ({ passengerIdx: x.passengerIdx, reason: x.option?.restriction ?? 'not for this passenger' })),
          })),
        ),
      }));
      return {
        direction: f.direction,
        flightId: f.flight.flightId,
        flightNumber: f.flight.flightNumber,
        aircraft: { code: f.flight.aircraftCode, name: f.aircraftName },
        cabin: f.flight.cabin,
        seatChoice: f.seatChoice,
        freeSeats: f.freeSeats,
        rows,
        passengers: f.passengers.map((p) => ({
          passengerIdx: p.passenger.idx,
          type: p.passenger.type,
          carriesInfant: p.passenger.carriesInfant,
          heldSeat: p.heldSeat,
          zones: p.zones.map((z) => ({ zone: z.zone, offerCode: z.offerCode, price: m(z.price), included: z.included, eligible: z.eligible })),
        })),
      };
    }),
  };
}

// ---- Payment and bookings ------------------------------------------------------------------------

export function presentChallenge(challenge: ChallengeView): z.input<typeof ChallengeSchema> {
  return {
    id: challenge.id,
    status: challenge.status,
    amount: m(challenge.amount),
    card: { brand: challenge.card.brand, last4: challenge.card.last4 },
    createdAt: challenge.createdAt,
    answer: { method: 'POST', path: `${checkoutPath(challenge.checkoutId)}/payment/challenges/${challenge.id}` },
  };
}

export const bookingPath = (reference: string) => `${API_BASE}/bookings/${reference}`;
/** The booking's address with a signed 30-minute access token: a Location that works as returned. */
export const signedBookingPath = (reference: string, token: string) => `${bookingPath(reference)}?access=${encodeURIComponent(token)}`;

export function presentBooking(details: BookingDetails): z.input<typeof BookingSchema> {
  const { booking } = details;
  const moment = (x: { date: string; time: string; timeZone: string }) => ({ date: x.date, time: x.time, timeZone: x.timeZone });
  return {
    reference: booking.reference,
    status: 'confirmed',
    checkoutId: booking.checkoutId,
    createdAt: booking.createdAt,
    contact: { email: booking.contactEmail, phone: booking.contactPhone },
    total: m(booking.total),
    card: details.card ? { brand: details.card.brand, last4: details.card.last4 } : null,
    flights: details.itinerary.map((leg) => ({
      direction: leg.direction,
      flightNumber: leg.flightNumber,
      familyName: leg.familyName,
      cabin: leg.cabin,
      origin: presentAirport(leg.origin),
      destination: presentAirport(leg.destination),
      departure: moment(leg.departure),
      arrival: moment(leg.arrival),
      arrivalDayOffset: leg.arrivalDayOffset,
    })),
    passengers: details.passengers.map((p) => ({
      idx: p.idx,
      type: p.type,
      givenName: p.givenName,
      familyName: p.familyName,
      dateOfBirth: p.dateOfBirth,
      ticketNumber: p.ticketNumber,
      seats: p.seats.map((s) => ({ direction: s.direction, seat: s.seat })),
    })),
    items: details.items.map((i) => ({
      itemKey: i.itemKey,
      kind: i.kind,
      category: i.category,
      offerCode: i.offerCode,
      description: i.description,
      passengerIdx: i.passengerIdx,
      direction: i.direction,
      quantity: i.quantity,
      unit: m(i.unit),
      total: m(i.total),
      createdAt: i.createdAt,
    })),
    links: { self: bookingPath(booking.reference) },
  };
}
