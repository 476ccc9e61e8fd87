// One flight of a checkout as the seats step sees it: the cabin of the fare, the seats other travellers
// have, this checkout's holds, the price of each zone and who may sit where. Shared by the page
// (seat-selection.ts: seatsPage) and the command (choose-seats.ts: chooseSeats), so both apply the same rules.
import type { Db } from '../../db/database.ts';
import { money, type Money } from '../../lib/money.ts';
import type { Cabin, SeatZone } from '../catalogue/aircraft.ts';
import { daysToDeparture } from '../catalogue/fare-pricing.ts';
import {
  fareIncludesZone,
  fareSeatChoice,
  findSeatMap,
  parseSeatMapLayout,
  ZONE_OFFER,
  type FareSeatChoice,
  type PaidZone,
} from '../catalogue/seat-zones.ts';
import type { Checkout, CheckoutFlight, CheckoutPassenger, Direction } from '../checkout/checkout.repository.ts';
import { perFlightPrice } from '../checkout/offer-pricing.ts';
import { getOffer } from '../offers/offers.repository.ts';
import { preloadOccupied, seatPlan, type SeatCell, type SeatPlan } from './seat-map.ts';
import { takenSeatsOnFlight, type SeatAssignmentRow } from './seat-holds.ts';

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

export type TakenBy = 'preload' | 'sold' | 'held';

export type FlightSeating = {
  flight: CheckoutFlight;
  aircraftName: string;
  plan: SeatPlan;
  cabin: Cabin;
  seatChoice: FareSeatChoice;
  zonePrices: Record<PaidZone, Money>;
  /** Seats other travellers have: the demo pre-load, other bookings and other checkouts' live holds. */
  taken: Map<string, TakenBy>;
  /** This checkout's live holds on the flight, by passenger. */
  own: Map<number, SeatAssignmentRow>;
};

export function loadFlightSeating(db: Db, checkout: Checkout, flight: CheckoutFlight, ctx: { now: Date; seed: number }): FlightSeating {
  const seatMap = findSeatMap(db, flight.aircraftCode);
  const layout = parseSeatMapLayout(seatMap.layoutJson);
  const own = new Map<number, SeatAssignmentRow>();
  const taken = new Map<string, TakenBy>();
  // Expired holds count as free seats (the next write on the flight releases them).
  const assignments = takenSeatsOnFlight(db, flight.flightId, ctx.now);
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
export function zonePrice(seating: FlightSeating, zone: SeatZone): { price: Money; included: boolean } {
  if (zone === 'business' || fareIncludesZone(seating.seatChoice, zone)) return { price: money(0, seating.flight.currency), included: true };
  return { price: seating.zonePrices[zone], included: false };
}

/** Seats of the fare's cabin nobody has, per zone: real counts, for the page and its scarcity hint. */
export function freeSeatsByZone(seating: FlightSeating): Map<SeatZone, number> {
  const free = new Map<SeatZone, number>();
  for (const cell of seating.plan.seats.values()) {
    if (cell.cabin !== seating.cabin || seating.taken.has(cell.seat)) continue;
    free.set(cell.zone, (free.get(cell.zone) ?? 0) + 1);
  }
  return free;
}

/** At most this many free seats left in a zone makes "only N left" true enough to say (the scarcity tactic). */
export const SCARCITY_MAX = 5;

/** The zones of a flight with 1 to SCARCITY_MAX free seats, and how many. */
export function scarceZones(freeByZone: ReadonlyMap<SeatZone, number>): Map<SeatZone, number> {
  const scarce = new Map<SeatZone, number>();
  for (const [zone, free] of freeByZone) if (free >= 1 && free <= SCARCITY_MAX) scarce.set(zone, free);
  return scarce;
}

export type Restriction = {
  code: 'wrong_cabin' | 'exit_row';
  /** The sentence a refused choice gets. */
  message: string;
  /** A few words for the map ('exit row, adults only'). */
  short: string;
};

/** Why this passenger may not sit in this seat; null when they may. */
export function restrictionFor(seating: FlightSeating, passenger: SeatedPassenger, cell: SeatCell): Restriction | null {
  if (cell.cabin !== seating.cabin) {
    const message =
      seating.cabin === 'business'
        ? `Your Business fare seats you in the business cabin: choose a business seat instead of ${cell.seat}`
        : `Seat ${cell.seat} is in the business cabin, which comes with a Business fare: choose an economy seat`;
    return { code: 'wrong_cabin', message, short: 'not in your cabin' };
  }
  if (cell.exit && passenger.type === 'child') {
    return { code: 'exit_row', message: `Seat ${cell.seat} is in an exit row, which is only for adults: choose another seat for this child`, short: 'exit row, adults only' };
  }
  if (cell.exit && passenger.carriesInfant) {
    return {
      code: 'exit_row',
      message: `Seat ${cell.seat} is in an exit row, where an adult travelling with an infant cannot sit: choose another seat`,
      short: 'exit row, not with an infant',
    };
  }
  return null;
}
