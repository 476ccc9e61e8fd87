// The seats step as plain functions, shared by the HTML handlers and the JSON API:
// what each passenger may choose on each flight and at what price (seatsPage), saving a choice as
// 15-minute holds (chooseSeats), and turning holds into sold seats at payment (confirmSeatHolds).
import type { Db } from '../../db/database.ts';
import { ConflictError, ValidationError, type FieldErrors } from '../../lib/errors.ts';
import { money, type Money } from '../../lib/money.ts';
import type { Cabin, SeatPosition, SeatZone } from '../catalogue/aircraft.ts';
import { daysToDeparture } from '../catalogue/fare-pricing.ts';
import { touchCheckout, type Checkout, type CheckoutFlight, type CheckoutPassenger, type Direction } from '../checkout/checkout.repository.ts';
import { perFlightPrice } from '../checkout/pricing.ts';
import { recordOfferResponse, recordOfferShown, type OfferEventContext, type OfferImpression } from '../offers/offer-events.ts';
import { getOffer } from '../offers/offers.repository.ts';
import { neighboursOf, parseSeatMapLayout, preloadOccupied, seatPlan, type SeatCell, type SeatPlan } from './seat-map.ts';
import {
  airportClock,
  assignmentsOnFlight,
  deleteHoldsOnFlight,
  fareSeatChoice,
  findSeatMap,
  hasExpiredHold,
  holdsOfCheckout,
  insertHold,
  lastSeatResponse,
  markHoldsSold,
  releaseExpiredHoldsOfCheckout,
  releaseExpiredSeat,
  type SeatAssignmentRow,
} from './seats.repository.ts';

/** How long a chosen seat is kept for a checkout that has not paid yet. */
export const SEAT_HOLD_MS = 15 * 60 * 1000;
export const SKIP = 'skip';

export type PaidZone = Exclude<SeatZone, 'business'>;
export const ZONE_OFFER: Record<PaidZone, string> = {
  standard: 'SEAT_STANDARD',
  up_front: 'SEAT_UP_FRONT',
  extra_legroom: 'SEAT_EXTRA_LEGROOM',
};
export const ZONE_LABEL: Record<SeatZone, string> = {
  business: 'business',
  extra_legroom: 'extra legroom',
  up_front: 'up front',
  standard: 'standard',
};

export const FAMILY_SEATING_MESSAGE =
  'A child must sit next to an adult of the booking: choose adjacent seats, or skip and we will seat you together at check-in';

/** One passenger's choice on one flight: a seat designator ('14C') or 'skip'. */
export type SeatChoice = { passengerIdx: number; direction: Direction; seat: string };

export type SeatsContext = { now: Date; seed: number };

/** Form field and error key of a passenger's choice on a flight: `seat-p1-outbound`. */
export function seatField(passengerIdx: number, direction: Direction): string {
  return `seat-p${passengerIdx}-${direction}`;
}

/** Item key of a passenger's seat on a flight in offer_events and the price summary: `seat:p1:outbound`. */
export function seatItemKey(passengerIdx: number, direction: Direction): string {
  return `seat:p${passengerIdx}:${direction}`;
}

export type SeatedPassenger = CheckoutPassenger & { carriesInfant: boolean };

/** Adults and children; infants sit on a lap, and the first N adults carry the N infants. */
export function seatedPassengers(checkout: Pick<Checkout, 'passengers' | 'infants'>): SeatedPassenger[] {
  return checkout.passengers
    .filter((p) => p.type !== 'infant')
    .map((p) => ({ ...p, carriesInfant: p.type === 'adult' && p.idx <= checkout.infants }));
}

// ---- One flight as one checkout sees it -------------------------------------------------------

type TakenBy = 'preload' | 'sold' | 'held';

type FlightSeating = {
  flight: CheckoutFlight;
  aircraftName: string;
  plan: SeatPlan;
  cabin: Cabin;
  seatChoice: 'paid' | 'standard' | 'any';
  zonePrices: Record<PaidZone, Money>;
  /** Seats other travellers have: the demo pre-load, other bookings and other checkouts' live holds. */
  taken: Map<string, TakenBy>;
  /** This checkout's holds on the flight, by passenger. */
  own: Map<number, SeatAssignmentRow>;
};

/** Sold, or held until a moment still to come. */
function isLive(a: SeatAssignmentRow, now: Date): boolean {
  return a.booking_id !== null || (a.held_until !== null && a.held_until > now.toISOString());
}

function loadFlightSeating(db: Db, checkout: Checkout, flight: CheckoutFlight, ctx: SeatsContext): FlightSeating {
  const seatMap = findSeatMap(db, flight.aircraftCode);
  const layout = parseSeatMapLayout(seatMap.layoutJson);
  const own = new Map<number, SeatAssignmentRow>();
  const taken = new Map<string, TakenBy>();
  // Lapsed holds count as free seats; the row goes when someone takes the seat (see chooseSeats).
  const assignments = assignmentsOnFlight(db, flight.flightId).filter((a) => isLive(a, ctx.now));
  for (const a of assignments) if (a.checkout_id === checkout.id && a.booking_id === null) own.set(a.passenger_idx, a);
  const ownSeats = new Set([...own.values()].map((a) => a.seat));
  const preload = preloadOccupied({
    seed: ctx.seed,
    flightId: flight.flightId,
    layout,
    daysToDeparture: daysToDeparture(flight.departsAt, ctx.now),
    exclude: ownSeats,
  });
  for (const seat of preload) taken.set(seat, 'preload');
  for (const a of assignments) {
    if (ownSeats.has(a.seat) && a.booking_id === null && a.checkout_id === checkout.id) continue;
    taken.set(a.seat, a.booking_id !== null ? 'sold' : 'held');
  }
  const priceOf = (zone: PaidZone) => perFlightPrice(getOffer(db, ZONE_OFFER[zone]), flight);
  return {
    flight,
    aircraftName: seatMap.aircraftName,
    plan: seatPlan(layout),
    cabin: flight.seatingCabin,
    seatChoice: fareSeatChoice(db, flight.seatingFamily),
    zonePrices: { standard: priceOf('standard'), up_front: priceOf('up_front'), extra_legroom: priceOf('extra_legroom') },
    taken,
    own,
  };
}

/** The price of a zone for one passenger before family seating, and whether the fare includes it. */
function zonePrice(seating: FlightSeating, zone: SeatZone): { price: Money; included: boolean } {
  const currency = seating.flight.currency;
  if (zone === 'business' || seating.seatChoice === 'any' || (seating.seatChoice === 'standard' && zone === 'standard')) {
    return { price: money(0, currency), included: true };
  }
  return { price: seating.zonePrices[zone], included: false };
}

/** Why this passenger may not sit in this seat, in plain words; null when they may. */
function restrictionFor(seating: FlightSeating, passenger: SeatedPassenger, cell: SeatCell): string | null {
  if (cell.cabin !== seating.cabin) {
    return seating.cabin === 'business'
      ? `Your Business fare seats you in the business cabin: choose a business seat instead of ${cell.seat}`
      : `Seat ${cell.seat} is in the business cabin, which comes with a Business fare: choose an economy seat`;
  }
  if (cell.exit && passenger.type === 'child') {
    return `Seat ${cell.seat} is in an exit row, which is only for adults: choose another seat for this child`;
  }
  if (cell.exit && passenger.carriesInfant) {
    return `Seat ${cell.seat} is in an exit row, where an adult travelling with an infant cannot sit: choose another seat`;
  }
  return null;
}

// ---- What the page shows -----------------------------------------------------------------------

export type SeatOption = {
  seat: string;
  letter: string;
  zone: SeatZone;
  position: SeatPosition;
  exit: boolean;
  state: 'available' | 'occupied' | 'restricted';
  /** Short reason for a restricted seat ('exit row: adults only'). */
  restriction: string | null;
  price: Money;
  included: boolean;
  /** Another passenger of this checkout holds it (they may swap within one submission). */
  heldForPassenger: number | null;
};

export type ZoneOffer = {
  zone: SeatZone;
  offerCode: string | null;
  price: Money;
  included: boolean;
  /** This passenger may sit in at least one seat of the zone (taken or not). */
  eligible: boolean;
};

export type PassengerSeatMap = {
  passenger: SeatedPassenger;
  field: string;
  itemKey: string;
  cabin: Cabin;
  rows: Array<{ row: number; exit: boolean; wing: boolean; zone: SeatZone; groups: SeatOption[][] }>;
  zones: ZoneOffer[];
  heldSeat: string | null;
};

export type FlightSeatMap = {
  direction: Direction;
  flight: CheckoutFlight;
  aircraftName: string;
  seatChoice: 'paid' | 'standard' | 'any';
  /** Seats still free in the cabin of the fare. */
  freeSeats: number;
  passengers: PassengerSeatMap[];
};

export type SeatsPage = {
  flights: FlightSeatMap[];
  /** When this checkout's holds lapse (ISO), null when it holds no seat. */
  heldUntil: string | null;
  /** The clock the customer reads the hold time on: the first departure airport. */
  holdClock: { city: string; timeZone: string };
};

const SHORT_RESTRICTION: Record<string, string> = {
  cabin: 'not in your cabin',
  child: 'exit row, adults only',
  infant: 'exit row, not with an infant',
};

function shortRestriction(seating: FlightSeating, passenger: SeatedPassenger, cell: SeatCell): string | null {
  if (cell.cabin !== seating.cabin) return SHORT_RESTRICTION.cabin!;
  if (cell.exit && passenger.type === 'child') return SHORT_RESTRICTION.child!;
  if (cell.exit && passenger.carriesInfant) return SHORT_RESTRICTION.infant!;
  return null;
}

function passengerMap(seating: FlightSeating, passenger: SeatedPassenger, direction: Direction): PassengerSeatMap {
  const cabinPlan = seating.plan.cabins.find((c) => c.cabin === seating.cabin) ?? seating.plan.cabins[0]!;
  const heldBy = new Map([...seating.own.values()].map((a) => [a.seat, a.passenger_idx]));
  const eligibleZones = new Set<SeatZone>();
  const rows = cabinPlan.rows.map((row) => ({
    row: row.row,
    exit: row.exit,
    wing: row.wing,
    zone: row.zone,
    groups: row.groups.map((group) =>
      group.map((cell): SeatOption => {
        const restriction = shortRestriction(seating, passenger, cell);
        if (!restriction) eligibleZones.add(cell.zone);
        const { price, included } = zonePrice(seating, cell.zone);
        const holder = heldBy.get(cell.seat);
        return {
          seat: cell.seat,
          letter: cell.letter,
          zone: cell.zone,
          position: cell.position,
          exit: cell.exit,
          state: seating.taken.has(cell.seat) ? 'occupied' : restriction ? 'restricted' : 'available',
          restriction,
          price,
          included,
          heldForPassenger: holder !== undefined && holder !== passenger.idx ? holder : null,
        };
      }),
    ),
  }));
  const zonesInCabin = [...new Set(cabinPlan.rows.map((r) => r.zone))];
  const order: SeatZone[] = ['business', 'standard', 'up_front', 'extra_legroom'];
  const zones = order
    .filter((z) => zonesInCabin.includes(z))
    .map((zone): ZoneOffer => ({
      zone,
      offerCode: zone === 'business' ? null : ZONE_OFFER[zone],
      ...zonePrice(seating, zone),
      eligible: eligibleZones.has(zone),
    }));
  return {
    passenger,
    field: seatField(passenger.idx, direction),
    itemKey: seatItemKey(passenger.idx, direction),
    cabin: cabinPlan.cabin,
    rows,
    zones,
    heldSeat: seating.own.get(passenger.idx)?.seat ?? null,
  };
}

/**
 * Everything the seats page shows: per flight and seated passenger, the cabin of their fare with
 * each seat's state and price for them, the zone prices, and the seat they hold.
 * Deletes this checkout's lapsed holds first: the customer is back on the step to choose again.
 */
export function seatsPage(db: Db, checkout: Checkout, ctx: SeatsContext): SeatsPage {
  releaseExpiredHoldsOfCheckout(db, checkout.id, ctx.now);
  const seated = seatedPassengers(checkout);
  const flights = checkout.flights.map((flight): FlightSeatMap => {
    const seating = loadFlightSeating(db, checkout, flight, ctx);
    const cabinSeats = [...seating.plan.seats.values()].filter((c) => c.cabin === seating.cabin);
    return {
      direction: flight.direction,
      flight,
      aircraftName: seating.aircraftName,
      seatChoice: seating.seatChoice,
      freeSeats: cabinSeats.filter((c) => !seating.taken.has(c.seat)).length,
      passengers: seated.map((p) => passengerMap(seating, p, flight.direction)),
    };
  });
  const holds = holdsOfCheckout(db, checkout.id);
  const heldUntil = holds.map((h) => h.held_until).filter((t): t is string => t !== null).sort()[0] ?? null;
  const first = checkout.flights[0];
  return { flights, heldUntil, holdClock: airportClock(db, first?.origin ?? '') };
}

/**
 * The seat offers a page shows: per passenger and flight, each paid zone they may sit in, at that
 * zone's price for them. Zones their fare includes are not upsells and are not listed.
 */
export function seatOfferImpressions(db: Db, page: SeatsPage): OfferImpression[] {
  return page.flights.flatMap((f) =>
    f.passengers.flatMap((p) =>
      p.zones
        .filter((z) => z.offerCode !== null && z.eligible && !z.included)
        .map((z) => ({ offer: getOffer(db, z.offerCode!), itemKey: p.itemKey, price: z.price })),
    ),
  );
}

export function recordSeatOffersShown(db: Db, checkout: Checkout, page: SeatsPage, ctx: { sessionId: string; now: Date }): void {
  recordOfferShown(db, offerContext(checkout, ctx), seatOfferImpressions(db, page));
}

function offerContext(checkout: Checkout, ctx: { sessionId: string; now: Date }): OfferEventContext {
  // No tactic changes how seats are presented yet; the placement alone identifies the offers.
  return { sessionId: ctx.sessionId, checkoutId: checkout.id, placement: 'seats', tactic: null, at: ctx.now };
}

// ---- Choosing seats -------------------------------------------------------------------------------

export type HeldSeat = {
  passengerIdx: number;
  direction: Direction;
  flightId: number;
  seat: string;
  zone: SeatZone;
  price: Money;
  /** paid: an upsell; fare: included in the fare; family: free beside a child of the booking. */
  reason: 'paid' | 'fare' | 'family';
};

export type ChosenSeats = { seats: HeldSeat[]; heldUntil: string | null };

/** A 409 that still says which passenger's choice is concerned, so the page can show it beside them. */
export class SeatTakenError extends ConflictError {
  constructor(message: string, fieldErrors: FieldErrors) {
    super(message, fieldErrors);
  }
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/**
 * Replaces the checkout's seats with `choices` (one per seated passenger and flight; a missing
 * choice means skip) as holds until now + 15 minutes, in one transaction, and records the seat
 * offers accepted or removed. Throws ValidationError (422) or SeatTakenError (409) with field
 * errors keyed `seat-p1-outbound`; nothing is written then.
 */
export function chooseSeats(
  db: Db,
  checkout: Checkout,
  choices: readonly SeatChoice[],
  ctx: SeatsContext & { sessionId: string },
): ChosenSeats {
  if (checkout.status !== 'open') throw new ConflictError('This booking is already paid: change seats in Manage booking.');
  const errors: FieldErrors = {};
  const conflicts = new Set<string>();
  const fail = (field: string, message: string, conflict = false) => {
    (errors[field] ??= []).push(message);
    if (conflict) conflicts.add(field);
  };

  releaseExpiredHoldsOfCheckout(db, checkout.id, ctx.now);
  const seated = seatedPassengers(checkout);
  const seatings = new Map(checkout.flights.map((f) => [f.direction, loadFlightSeating(db, checkout, f, ctx)]));

  // 1. Each choice on its own: the passenger, the flight, the seat and who may sit there.
  const chosen = new Map<string, { passenger: SeatedPassenger; seating: FlightSeating; cell: SeatCell }>();
  const seen = new Set<string>();
  for (const choice of choices) {
    const field = seatField(choice.passengerIdx, choice.direction);
    if (seen.has(field)) {
      fail(field, `Choose one seat for passenger ${choice.passengerIdx} on the ${choice.direction} flight`);
      continue;
    }
    seen.add(field);
    const seating = seatings.get(choice.direction);
    const passenger = seated.find((p) => p.idx === choice.passengerIdx);
    const onBooking = checkout.passengers.find((p) => p.idx === choice.passengerIdx);
    if (!seating) {
      fail(field, `There is no ${choice.direction} flight on this booking`);
    } else if (!onBooking) {
      fail(field, `There is no passenger ${choice.passengerIdx} on this booking`);
    } else if (!passenger) {
      if (choice.seat !== SKIP) fail(field, `Passenger ${choice.passengerIdx} is an infant and travels on an adult's lap, without a seat of their own`);
    } else if (choice.seat !== SKIP) {
      const cell = seating.plan.seats.get(choice.seat);
      if (!cell) {
        fail(field, `There is no seat ${choice.seat} on this ${seating.aircraftName}: choose a seat on the map`);
      } else {
        const restriction = restrictionFor(seating, passenger, cell);
        if (restriction) fail(field, restriction);
        else if (seating.taken.get(cell.seat) === 'preload') fail(field, `Seat ${cell.seat} is already taken: choose another`, true);
        else if (seating.taken.has(cell.seat)) fail(field, `Seat ${cell.seat} was just taken by another traveller: choose another`, true);
        else chosen.set(field, { passenger, seating, cell });
      }
    }
  }

  // 2. The choices together, flight by flight: no seat twice, and every child beside an adult.
  for (const [direction, seating] of seatings) {
    const onFlight = seated
      .map((p) => chosen.get(seatField(p.idx, direction)))
      .filter((c): c is NonNullable<typeof c> => c !== undefined && c.seating === seating);
    const bySeat = new Map<string, SeatedPassenger>();
    for (const c of onFlight) {
      const other = bySeat.get(c.cell.seat);
      if (other) fail(seatField(c.passenger.idx, direction), `Seat ${c.cell.seat} is already chosen for passenger ${other.idx}: choose another seat`);
      else bySeat.set(c.cell.seat, c.passenger);
    }
    for (const c of onFlight) {
      if (c.passenger.type !== 'child') continue;
      const besideAdult = neighboursOf(seating.plan, c.cell.seat).some((s) => bySeat.get(s)?.type === 'adult');
      if (!besideAdult) fail(seatField(c.passenger.idx, direction), FAMILY_SEATING_MESSAGE);
    }
  }

  const fields = Object.keys(errors);
  if (fields.length > 0) {
    const first = errors[fields[0]!]![0]!;
    if (fields.every((f) => conflicts.has(f))) throw new SeatTakenError(first, errors);
    throw new ValidationError(first, errors);
  }

  // 3. Prices: the zone's price unless the fare includes it; family seating makes a child's seat and
  //    the seat of one adult beside them free.
  const seats: HeldSeat[] = [];
  for (const [direction, seating] of seatings) {
    const onFlight = seated
      .map((p) => chosen.get(seatField(p.idx, direction)))
      .filter((c): c is NonNullable<typeof c> => c !== undefined && c.seating === seating);
    const held = onFlight.map((c): HeldSeat => {
      const { price, included } = zonePrice(seating, c.cell.zone);
      return {
        passengerIdx: c.passenger.idx,
        direction,
        flightId: seating.flight.flightId,
        seat: c.cell.seat,
        zone: c.cell.zone,
        price,
        reason: included ? 'fare' : 'paid',
      };
    });
    const byIdx = new Map(held.map((h) => [h.passengerIdx, h]));
    for (const c of onFlight) {
      if (c.passenger.type !== 'child') continue;
      const child = byIdx.get(c.passenger.idx)!;
      const adults = neighboursOf(seating.plan, c.cell.seat)
        .map((s) => onFlight.find((o) => o.cell.seat === s && o.passenger.type === 'adult'))
        .filter((o): o is NonNullable<typeof o> => o !== undefined)
        .map((o) => byIdx.get(o.passenger.idx)!);
      // One adult per child goes free: one already free beside another child first, else the dearest seat.
      const partner = [...adults].sort(
        (a, b) =>
          Number(b.reason === 'family') - Number(a.reason === 'family') ||
          b.price.amountMinor - a.price.amountMinor ||
          a.passengerIdx - b.passengerIdx,
      )[0];
      for (const h of [child, partner]) {
        if (!h) continue;
        if (h.reason === 'paid' || h.price.amountMinor > 0) h.reason = 'family';
        h.price = money(0, h.price.currency);
      }
    }
    seats.push(...held);
  }

  // 4. One transaction: this checkout's holds on each flight replaced, the responses recorded.
  const heldUntil = new Date(ctx.now.getTime() + SEAT_HOLD_MS).toISOString();
  const createdAt = ctx.now.toISOString();
  const eventCtx = offerContext(checkout, ctx);
  let inserting: HeldSeat | undefined;
  try {
    db.transaction(() => {
      for (const seating of seatings.values()) deleteHoldsOnFlight(db, checkout.id, seating.flight.flightId);
      for (const seat of seats) {
        inserting = seat;
        releaseExpiredSeat(db, seat.flightId, seat.seat, ctx.now);
        insertHold(db, {
          flightId: seat.flightId,
          seat: seat.seat,
          checkoutId: checkout.id,
          passengerIdx: seat.passengerIdx,
          priceMinor: seat.price.amountMinor,
          currency: seat.price.currency,
          heldUntil,
          createdAt,
        });
      }
      inserting = undefined;
      for (const direction of seatings.keys()) {
        for (const p of seated) {
          const itemKey = seatItemKey(p.idx, direction);
          const now = seats.find((s) => s.passengerIdx === p.idx && s.direction === direction);
          const after = now && now.reason === 'paid' ? ZONE_OFFER[now.zone as PaidZone] : undefined;
          const last = lastSeatResponse(db, checkout.id, itemKey);
          const before = last?.event === 'accepted' ? last : undefined;
          if (before && before.offer_code !== after) {
            recordOfferResponse(db, eventCtx, { offer: getOffer(db, before.offer_code), itemKey, price: money(before.price_minor, before.currency) }, 'removed');
          }
          if (now && after && before?.offer_code !== after) {
            recordOfferResponse(db, eventCtx, { offer: getOffer(db, after), itemKey, price: now.price }, 'accepted');
          }
        }
      }
      touchCheckout(db, checkout.id, ctx.now);
    })();
  } catch (error) {
    // Another process took the seat between our check and our write: UNIQUE(flight_id, seat) says no.
    const seat = inserting as HeldSeat | undefined;
    if (isUniqueViolation(error) && seat) {
      const message = `Seat ${seat.seat} was just taken by another traveller: choose another`;
      throw new SeatTakenError(message, { [seatField(seat.passengerIdx, seat.direction)]: [message] });
    }
    throw error;
  }
  return { seats, heldUntil: seats.length > 0 ? heldUntil : null };
}

// ---- For the review and payment steps ----------------------------------------------------------

/** True when a seat this checkout chose is no longer held (its 15 minutes have passed). */
export function seatHoldsExpired(db: Db, checkout: Pick<Checkout, 'id'>, now: Date): boolean {
  return hasExpiredHold(db, checkout.id, now);
}

/** Drops the checkout's lapsed holds, so that the price summary no longer lists them. */
export function releaseExpiredSeatHolds(db: Db, checkout: Pick<Checkout, 'id'>, now: Date): number {
  return releaseExpiredHoldsOfCheckout(db, checkout.id, now);
}

/**
 * Sells the checkout's held seats to a booking. Call it inside the payment's booking transaction:
 * it throws ConflictError if any hold has lapsed (the seat may be someone else's by now), which rolls
 * the booking back; otherwise sets booking_id and clears held_until. Returns the number of seats sold.
 */
export function confirmSeatHolds(db: Db, checkoutId: string, bookingId: number, now: Date): number {
  if (hasExpiredHold(db, checkoutId, now)) {
    throw new ConflictError('The seats you chose were held for 15 minutes and that time has passed: choose your seats again before you pay.');
  }
  return markHoldsSold(db, checkoutId, bookingId);
}
