// What the seats step shows, as plain data shared by the page (seats.view.ts builds the page from it)
// and the JSON API (presenters.ts): per flight and seated passenger, the cabin of their fare with each
// seat's state and price for them, the zone prices, and the seat they hold; and the seat offers shown.
import type { Db } from '../../db/database.ts';
import type { Money } from '../../lib/money.ts';
import type { Cabin, SeatPosition, SeatZone } from '../catalogue/aircraft.ts';
import { ZONE_OFFER, type FareSeatChoice } from '../catalogue/seat-zones.ts';
import type { Checkout, CheckoutFlight, Direction } from '../checkout/checkout.repository.ts';
import { recordOffersShown, type OfferEventContext, type OfferImpression } from '../offers/offer-events.ts';
import type { OfferCode } from '../offers/codes.ts';
import { getOffer } from '../offers/offers.repository.ts';
import { airportClock } from './seats.repository.ts';
import { heldUntilOf, releaseLapsedHoldsOfCheckout } from './seat-holds.ts';
import {
  freeSeatsByZone,
  loadFlightSeating,
  restrictionFor,
  seatedPassengers,
  seatItemKey,
  zonePrice,
  type FlightSeating,
  type SeatedPassenger,
} from './seating.ts';

export { seatedPassengers, type SeatedPassenger } from './seating.ts';

export type SeatsContext = { now: Date; seed: number };

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
  offerCode: OfferCode | null;
  price: Money;
  included: boolean;
  /** This passenger may sit in at least one seat of the zone (taken or not). */
  eligible: boolean;
};

export type PassengerSeatMap = {
  passenger: SeatedPassenger;
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
  seatChoice: FareSeatChoice;
  /** Seats still free in the cabin of the fare. */
  freeSeats: number;
  /** The same, per zone of that cabin. */
  freeByZone: ReadonlyMap<SeatZone, number>;
  passengers: PassengerSeatMap[];
};

export type SeatsPage = {
  flights: FlightSeatMap[];
  /** When this checkout's holds lapse (ISO), null when it holds no seat. */
  heldUntil: string | null;
  /** The clock the customer reads the hold time on: the first departure airport. */
  holdClock: { city: string; timeZone: string };
};

const ZONE_ORDER: readonly SeatZone[] = ['business', 'standard', 'up_front', 'extra_legroom'];

/** What every passenger's map of a flight shares: worked out once per flight, not once per seat and passenger. */
type FlightMapBasis = {
  cabinPlan: FlightSeating['plan']['cabins'][number];
  heldBy: ReadonlyMap<string, number>;
  zonePrices: ReadonlyMap<SeatZone, { price: Money; included: boolean }>;
};

function flightMapBasis(seating: FlightSeating): FlightMapBasis {
  const cabinPlan = seating.plan.cabins.find((c) => c.cabin === seating.cabin) ?? seating.plan.cabins[0]!;
  const zones = new Set(cabinPlan.rows.map((r) => r.zone));
  return {
    cabinPlan,
    heldBy: new Map([...seating.own.values()].map((a) => [a.seat, a.passenger_idx])),
    zonePrices: new Map([...zones].map((zone) => [zone, zonePrice(seating, zone)])),
  };
}

function passengerMap(seating: FlightSeating, basis: FlightMapBasis, passenger: SeatedPassenger, direction: Direction): PassengerSeatMap {
  const { cabinPlan, heldBy } = basis;
  const eligibleZones = new Set<SeatZone>();
  const rows = cabinPlan.rows.map((row) => ({
    row: row.row,
    exit: row.exit,
    wing: row.wing,
    zone: row.zone,
    groups: row.groups.map((group) =>
      group.map((cell): SeatOption => {
        const restriction = restrictionFor(seating, passenger, cell)?.short ?? null;
        if (!restriction) eligibleZones.add(cell.zone);
        const { price, included } = basis.zonePrices.get(cell.zone)!;
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
  const zonesInCabin = new Set(cabinPlan.rows.map((r) => r.zone));
  const zones = ZONE_ORDER.filter((z) => zonesInCabin.has(z)).map(
    (zone): ZoneOffer => ({
      zone,
      offerCode: zone === 'business' ? null : ZONE_OFFER[zone],
      ...basis.zonePrices.get(zone)!,
      eligible: eligibleZones.has(zone),
    }),
  );
  return {
    passenger,
    itemKey: seatItemKey(passenger.idx, direction),
    cabin: cabinPlan.cabin,
    rows,
    zones,
    heldSeat: seating.own.get(passenger.idx)?.seat ?? null,
  };
}

/**
 * Everything the seats step shows. On the step itself (the default) it releases this checkout's lapsed
 * holds first (in a transaction): the customer is back to choose again, and the price summary lists only
 * seats still held. Elsewhere (the API's offers list) `onSeatsStep: false` leaves them, so a lost seat
 * still stops the payment and is named there.
 */
export function seatsPage(db: Db, checkout: Checkout, ctx: SeatsContext & { onSeatsStep?: boolean }): SeatsPage {
  if (ctx.onSeatsStep !== false) releaseLapsedHoldsOfCheckout(db, checkout.id, ctx.now);
  const seated = seatedPassengers(checkout);
  const flights = checkout.flights.map((flight): FlightSeatMap => {
    const seating = loadFlightSeating(db, checkout, flight, ctx);
    const freeByZone = freeSeatsByZone(seating);
    const basis = flightMapBasis(seating);
    return {
      direction: flight.direction,
      flight,
      aircraftName: seating.aircraftName,
      seatChoice: seating.seatChoice,
      freeSeats: [...freeByZone.values()].reduce((a, b) => a + b, 0),
      freeByZone,
      passengers: seated.map((p) => passengerMap(seating, basis, p, flight.direction)),
    };
  });
  const first = checkout.flights[0];
  return { flights, heldUntil: heldUntilOf(db, checkout.id, ctx.now), holdClock: airportClock(db, first?.origin ?? '') };
}

/** One seat offer a page shows: a paid zone one passenger may sit in, at that zone's price for them. */
export type SeatOfferImpression = OfferImpression & { itemKey: string; zone: SeatZone; direction: Direction };

/** The seat offers a page shows. Zones their fare includes are not upsells and are not listed. */
export function seatOfferImpressions(db: Db, page: SeatsPage): SeatOfferImpression[] {
  return page.flights.flatMap((f) =>
    f.passengers.flatMap((p) =>
      p.zones
        .filter((z) => z.offerCode !== null && z.eligible && !z.included)
        .map((z) => ({ offer: getOffer(db, z.offerCode!), itemKey: p.itemKey, price: z.price, zone: z.zone, direction: f.direction })),
    ),
  );
}

/** The tactic a page applied (or, in the control arm, would have applied) to some of its impressions. */
export type TacticOnImpressions = { tactic: NonNullable<OfferEventContext['tactic']>; touches: (impression: Pick<SeatOfferImpression, 'direction' | 'zone'>) => boolean };

/**
 * Records the seat offers shown (placement seats). An impression a tactic touched carries that tactic
 * and the session's arm of it; an event names one tactic, so the first in `tactics` that touches wins.
 */
export function recordSeatOffersShown(
  db: Db,
  checkout: Checkout,
  page: SeatsPage,
  ctx: { sessionId: string; now: Date },
  tactics: readonly TacticOnImpressions[] = [],
): void {
  const base: OfferEventContext = { sessionId: ctx.sessionId, checkoutId: checkout.id, placement: 'seats', tactic: null, at: ctx.now };
  const byTactic = new Map<TacticOnImpressions | null, SeatOfferImpression[]>();
  for (const impression of seatOfferImpressions(db, page)) {
    const tactic = tactics.find((t) => t.touches(impression)) ?? null;
    byTactic.set(tactic, [...(byTactic.get(tactic) ?? []), impression]);
  }
  // One commit for the page view, whatever the number of tactics.
  recordOffersShown(db, [...byTactic].map(([tactic, impressions]) => ({ ctx: { ...base, tactic: tactic?.tactic ?? null }, impressions })));
}
