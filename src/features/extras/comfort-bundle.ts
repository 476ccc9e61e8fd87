// The Comfort bundle, the offer of the `bundle` tactic: for every passenger with a seat on one flight,
// an extra-legroom seat, a 23 kg checked bag and priority boarding, for the three parts' own prices
// less the catalogue's discount (BUNDLE_COMFORT's price rule; offer-pricing.ts bundleQuote).
//
// It is offered per flight on the extras page, for the whole party, when the tactic applies to the
// session and every part is for sale there: an economy fare whose family neither includes priority
// boarding (BUNDLE_COMFORT's excludeFamilies) nor the most bags, no cabin upgrade saved on that flight,
// no seat of the checkout lapsed, and an extra-legroom seat for everyone. A passenger who already holds
// an extra-legroom seat keeps it; the others are given free ones here, by the seats step's own rules
// (restrictionFor: exit rows for adults without an infant; every child beside an adult of the party),
// and priced by them (priceFlight: family seating makes a child's seat and one adult's free). When the
// plan cannot seat everyone, the bundle is not offered on that flight.
import type { Db } from '../../db/database.ts';
import type { Money } from '../../lib/money.ts';
import { ConflictError } from '../../lib/errors.ts';
import type { Checkout, CheckoutFlight, Direction } from '../checkout/checkout.repository.ts';
import { bagPrice, bundleDiscountPercent, bundleQuote, comfortBundleParts, maxBagsPerPassenger, priorityPrice, type BundleQuote } from '../checkout/offer-pricing.ts';
import { OFFER } from '../offers/codes.ts';
import { listOffers } from '../offers/offers.repository.ts';
import { priceFlight, type Chosen, type HeldSeat } from '../seats/choose-seats.ts';
import { expiredSeatHolds, replaceSeatHolds, SeatHeldElsewhereError } from '../seats/seat-holds.ts';
import { neighboursOf, type SeatCell, type SeatPlan } from '../seats/seat-map.ts';
import { loadFlightSeating, restrictionFor, seatedPassengers, type FlightSeating, type SeatedPassenger } from '../seats/seating.ts';
import { forgetBundleSeats, listBundleSeats, releaseBundleSeat, rememberBundleSeat } from './comfort-bundle.repository.ts';
import { findFareFamily } from './extras.repository.ts';

type CabinRows = SeatPlan['cabins'][number]['rows'];

export type BundleSeat = { passengerIdx: number; seat: string; price: Money; /** true: given by the bundle; false: the passenger's own. */ assigned: boolean };

export type BundleLeg = {
  itemKey: string;
  direction: Direction;
  flight: CheckoutFlight;
  /** Passengers with a seat: each gets the three parts. */
  seated: number;
  seats: BundleSeat[];
  bag: Money;
  priority: Money;
  quote: BundleQuote;
  /** Every seat of the party on this flight as it will be held (kept and assigned), priced by the seats step's rules. */
  holds: HeldSeat[];
};

/** Why a flight has no Comfort bundle, as an issue code and message. */
export type NoBundle = { code: 'not_offered' | 'already_included' | 'upgraded' | 'seats_released' | 'no_seats'; message: string };

export type BundleContext = { now: Date; seed: number };

export const bundleItemKey = (direction: Direction) => `bundle:${direction}`;

/** The Comfort bundle of one flight of the checkout, or why there is none. */
export function comfortBundleFor(db: Db, checkout: Checkout, flight: CheckoutFlight, ctx: BundleContext, upgraded: readonly Direction[]): BundleLeg | NoBundle {
  const catalogue = listOffers(db);
  const offer = catalogue.get(OFFER.BUNDLE_COMFORT);
  const forSale = (code: string) => {
    const o = catalogue.get(code);
    return o !== undefined && o.active;
  };
  if (!offer || !offer.active || !offer.placements.includes('extras') || !forSale(OFFER.SEAT_EXTRA_LEGROOM) || !forSale(OFFER.BAG_CHECKED_23KG) || !forSale(OFFER.PRIORITY_BOARDING)) {
    return { code: 'not_offered', message: 'There is no Comfort bundle on this trip' };
  }
  if (upgraded.includes(flight.direction) || flight.seatingCabin !== 'economy') {
    return { code: 'upgraded', message: 'Your upgrade already gives this flight a business seat, bags and priority boarding' };
  }
  const family = findFareFamily(db, flight.family);
  if ((offer.eligibility.excludeFamilies ?? []).includes(flight.family) || (family?.checked_bags ?? 0) >= maxBagsPerPassenger(db)) {
    return { code: 'already_included', message: `Your ${flight.familyName} fare already includes what the Comfort bundle adds on this flight` };
  }
  if (expiredSeatHolds(db, checkout.id, ctx.now).length > 0) {
    return { code: 'seats_released', message: 'A seat you chose was released: choose your seats again before adding the Comfort bundle' };
  }
  const seated = seatedPassengers(checkout);
  const seating = loadFlightSeating(db, checkout, flight, ctx);
  const plan = planSeats(seating, seated);
  if (!plan || seated.length === 0) return { code: 'no_seats', message: 'There are not enough free extra-legroom seats on this flight to seat your party together' };

  const chosen: Chosen[] = seated.map((passenger, index) => ({ index, passenger, seating, cell: plan.get(passenger.idx)! }));
  const holds = priceFlight(flight.direction, seating, chosen);
  const bag = bagPrice(db, flight).online;
  const priority = priorityPrice(db, flight);
  const quote = bundleQuote(
    comfortBundleParts(db, flight, holds.map((h) => h.price)),
    bundleDiscountPercent(db),
    flight.currency,
  );
  return {
    itemKey: bundleItemKey(flight.direction),
    direction: flight.direction,
    flight,
    seated: seated.length,
    seats: holds.map((h) => ({ passengerIdx: h.passengerIdx, seat: h.seat, price: h.price, assigned: seating.own.get(h.passengerIdx)?.seat !== h.seat })),
    bag,
    priority,
    quote,
    holds,
  };
}

export function isBundleLeg(value: BundleLeg | NoBundle): value is BundleLeg {
  return 'itemKey' in value;
}

/** The Comfort bundles the checkout can take, one per flight that has one. */
export function listComfortBundles(db: Db, checkout: Checkout, ctx: BundleContext, upgraded: readonly Direction[]): BundleLeg[] {
  return checkout.flights.map((f) => comfortBundleFor(db, checkout, f, ctx, upgraded)).filter(isBundleLeg);
}

/**
 * Where each seated passenger sits with the bundle, or null when the flight cannot seat them all in
 * extra legroom. Passengers already in extra legroom keep their seat. The others take the first free
 * extra-legroom seats, row by row (adults side by side when one seat group has room); when a child needs a seat the whole party is seated afresh, each
 * adult with up to two children beside them in one seat group (child, adult, child), so that every
 * child sits next to an adult of the booking as the seats step requires.
 */
export function planSeats(seating: FlightSeating, seated: readonly SeatedPassenger[]): Map<number, SeatCell> | null {
  const cabin = seating.plan.cabins.find((c) => c.cabin === seating.cabin);
  if (!cabin) return null;
  const legroom = (cell: SeatCell | undefined): cell is SeatCell => cell !== undefined && cell.zone === 'extra_legroom' && cell.cabin === seating.cabin;
  const kept = new Map<number, SeatCell>();
  for (const p of seated) {
    const own = seating.own.get(p.idx);
    const cell = own ? seating.plan.seats.get(own.seat) : undefined;
    if (legroom(cell)) kept.set(p.idx, cell);
  }
  let need = seated.filter((p) => !kept.has(p.idx));
  if (need.length === 0) return kept;
  if (need.some((p) => p.type === 'child')) {
    kept.clear();
    need = [...seated];
  }

  // Family units: each adult with up to two children, the adult in the middle.
  const adults = need.filter((p) => p.type === 'adult');
  const children = need.filter((p) => p.type === 'child');
  if (children.length > 2 * adults.length) return null;
  const units: SeatedPassenger[][] = adults.map((a) => [a]);
  children.forEach((child, i) => {
    const unit = units[i % adults.length]!;
    if (unit.length === 1) unit.push(child);
    else unit.unshift(child);
  });
  units.sort((a, b) => b.length - a.length);
  // Adults alone sit side by side when one seat group has room for all of them; otherwise apart.
  const plan = (children.length === 0 && adults.length > 1 ? placeUnits(seating, cabin.rows, kept, [adults]) : null) ?? placeUnits(seating, cabin.rows, kept, units);
  return plan && everyChildBesideAnAdult(seating, seated, plan) ? plan : null;
}

/** The plan with each unit in consecutive free extra-legroom seats of one seat group, first rows first; null when one does not fit. */
function placeUnits(seating: FlightSeating, rows: CabinRows, kept: ReadonlyMap<number, SeatCell>, units: readonly SeatedPassenger[][]): Map<number, SeatCell> | null {
  const plan = new Map(kept);
  const used = new Set([...plan.values()].map((c) => c.seat));
  const free = (cell: SeatCell) => cell.zone === 'extra_legroom' && cell.cabin === seating.cabin && !seating.taken.has(cell.seat) && !used.has(cell.seat);
  const groups = rows.filter((r) => r.zone === 'extra_legroom').flatMap((r) => r.groups);
  for (const unit of units) {
    let placed = false;
    for (const group of groups) {
      for (let start = 0; start + unit.length <= group.length && !placed; start++) {
        const cells = group.slice(start, start + unit.length);
        if (cells.every((cell, i) => free(cell) && restrictionFor(seating, unit[i]!, cell) === null)) {
          cells.forEach((cell, i) => {
            plan.set(unit[i]!.idx, cell);
            used.add(cell.seat);
          });
          placed = true;
        }
      }
      if (placed) break;
    }
    if (!placed) return null;
  }
  return plan;
}

/** The seats step's family rule on the whole plan: every child beside an adult of the party. */
function everyChildBesideAnAdult(seating: FlightSeating, seated: readonly SeatedPassenger[], plan: ReadonlyMap<number, SeatCell>): boolean {
  const bySeat = new Map([...plan].map(([idx, cell]) => [cell.seat, seated.find((p) => p.idx === idx)!]));
  return seated.every((p) => p.type !== 'child' || neighboursOf(seating.plan, plan.get(p.idx)!.seat).some((s) => bySeat.get(s)?.type === 'adult'));
}

/**
 * Takes the bundle's seats: holds every seated passenger's seat on the flight as planned (the seats
 * step's holds, 15 minutes from now), and remembers the seats the bundle gave, so that removing it
 * releases those. Call it inside the save's transaction. A seat another checkout took since the plan
 * was made is a 409.
 */
export function holdBundleSeats(db: Db, checkout: Checkout, leg: BundleLeg, now: Date): void {
  try {
    replaceSeatHolds(db, {
      checkoutId: checkout.id,
      flightIds: [leg.flight.flightId],
      holds: leg.holds.map((h) => ({ flightId: h.flightId, seat: h.seat, passengerIdx: h.passengerIdx, priceMinor: h.price.amountMinor, currency: h.price.currency })),
      now,
    });
  } catch (error) {
    if (error instanceof SeatHeldElsewhereError) {
      throw new ConflictError(`Seat ${error.hold.seat} was just taken by another traveller: add the Comfort bundle again for other seats`, [
        { path: ['bundles'], code: 'seat_taken', message: `Seat ${error.hold.seat} was just taken by another traveller` },
      ]);
    }
    throw error;
  }
  forgetBundleSeats(db, checkout.id, leg.direction);
  for (const s of leg.seats) {
    if (s.assigned) rememberBundleSeat(db, checkout.id, { direction: leg.direction, passengerIdx: s.passengerIdx, flightId: leg.flight.flightId, seat: s.seat });
  }
}

/** Gives the bundle up on one flight: releases the seats it assigned (if still held). Returns the seats released. */
export function releaseBundleSeats(db: Db, checkout: Checkout, direction: Direction): string[] {
  const released = listBundleSeats(db, checkout.id, direction).filter((row) => releaseBundleSeat(db, checkout.id, row));
  forgetBundleSeats(db, checkout.id, direction);
  return released.map((r) => r.seat);
}
