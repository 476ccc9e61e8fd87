// The command of the seats step: replace a checkout's seats with the choices given, as 15-minute holds.
// Its input is the body of the JSON API's PUT /checkouts/:id/seats; the seats page maps its form to it.
// Refusals name the choice by its place in the input (`['seats', 2, 'seat']`) with a stable code.
import { z } from 'zod';
import { ConflictError, ValidationError, type Issue } from '../../lib/errors.ts';
import type { CommandContext } from '../../lib/command.ts';
import { money, type Money } from '../../lib/money.ts';
import { parseInput } from '../../lib/validation.ts';
import type { SeatZone } from '../catalogue/aircraft.ts';
import { ZONE_OFFER, zoneOfOffer } from '../catalogue/seat-zones.ts';
import { DIRECTIONS, touchCheckout, type Checkout, type Direction } from '../checkout/checkout.repository.ts';
import { TACTIC } from '../offers/codes.ts';
import { recordOfferResponse, type OfferEventContext } from '../offers/offer-events.ts';
import { getOffer } from '../offers/offers.repository.ts';
import { tacticAssignments } from '../tactics/assignments.ts';
import { neighboursOf, type SeatCell } from './seat-map.ts';
import { replaceSeatHolds, SeatHeldElsewhereError } from './seat-holds.ts';
import {
  freeSeatsByZone,
  loadFlightSeating,
  restrictionFor,
  scarceZones,
  seatedPassengers,
  seatItemKey,
  zonePrice,
  type FlightSeating,
  type SeatedPassenger,
} from './seating.ts';
import { lastSeatResponse } from './seats.repository.ts';

export const ChooseSeatsInputSchema = z.strictObject({
  seats: z
    .array(
      z.strictObject({
        passengerIdx: z.int().min(1).max(99),
        direction: z.enum(DIRECTIONS),
        seat: z
          .string()
          .max(4, 'At most 4 characters')
          .regex(/^[0-9]{1,2}[A-Za-z]$/, 'A seat like 14C, or null to skip')
          .nullable()
          .describe('A seat of the map, or null: no seat now (one is given at check-in).'),
      }),
    )
    .max(40, 'At most 40 choices'),
});
export type ChooseSeatsInput = z.infer<typeof ChooseSeatsInputSchema>;

/** Stable codes of the refusals, for clients and tests. */
export const SEAT_ISSUES = {
  duplicate: 'duplicate_choice',
  noFlight: 'unknown_flight',
  noPassenger: 'unknown_passenger',
  infant: 'infant_no_seat',
  noSeat: 'unknown_seat',
  cabin: 'wrong_cabin',
  exitRow: 'exit_row',
  taken: 'seat_taken',
  twice: 'seat_chosen_twice',
  family: 'not_adjacent',
} as const;

export const FAMILY_SEATING_MESSAGE =
  'A child must sit next to an adult of the booking: choose adjacent seats, or remove both seats and we will seat you together at check-in';

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

/** A seat chosen for a passenger on a flight (`index`: its place in the input, for issues). */
export type Chosen = { index: number; passenger: SeatedPassenger; seating: FlightSeating; cell: SeatCell };

const seatPath = (index: number) => ['seats', index, 'seat'] as const;

/**
 * Replaces the checkout's seats with the input's choices (a seated passenger and flight left out, or
 * `seat: null`, has no seat) as holds until now + 15 minutes, in one transaction that also records the
 * seat offers accepted or removed. Throws ValidationError (422), or ConflictError (409) when every
 * refusal is a seat another traveller has; nothing is written then.
 */
export function chooseSeats(ctx: CommandContext, checkout: Checkout, raw: ChooseSeatsInput): ChosenSeats {
  const input = parseInput(ChooseSeatsInputSchema, raw);
  const { db } = ctx;
  if (checkout.status !== 'open') throw new ConflictError('This booking is already paid: change seats in Manage booking.');
  const issues: Issue[] = [];
  const fail = (index: number, code: string, message: string) => issues.push({ path: seatPath(index), code, message });

  const seated = seatedPassengers(checkout);
  const seatings = new Map(checkout.flights.map((f) => [f.direction, loadFlightSeating(db, checkout, f, { now: ctx.now, seed: ctx.seed })]));

  // 1. Each choice on its own: the passenger, the flight, the seat and who may sit there.
  const chosen: Chosen[] = [];
  const seen = new Set<string>();
  input.seats.forEach((choice, index) => {
    const seat = choice.seat?.toUpperCase() ?? null;
    const key = `${choice.passengerIdx}:${choice.direction}`;
    if (seen.has(key)) return fail(index, SEAT_ISSUES.duplicate, `Choose one seat for passenger ${choice.passengerIdx} on the ${choice.direction} flight`);
    seen.add(key);
    const seating = seatings.get(choice.direction);
    const passenger = seated.find((p) => p.idx === choice.passengerIdx);
    if (!seating) return fail(index, SEAT_ISSUES.noFlight, `There is no ${choice.direction} flight on this booking`);
    if (!checkout.passengers.some((p) => p.idx === choice.passengerIdx)) {
      return fail(index, SEAT_ISSUES.noPassenger, `There is no passenger ${choice.passengerIdx} on this booking`);
    }
    if (!passenger) {
      if (seat !== null) fail(index, SEAT_ISSUES.infant, `Passenger ${choice.passengerIdx} is an infant and travels on an adult's lap, without a seat of their own`);
      return;
    }
    if (seat === null) return;
    const cell = seating.plan.seats.get(seat);
    if (!cell) return fail(index, SEAT_ISSUES.noSeat, `There is no seat ${seat} on this ${seating.aircraftName}: choose a seat on the map`);
    const restriction = restrictionFor(seating, passenger, cell);
    if (restriction) return fail(index, restriction.code, restriction.message);
    const takenBy = seating.taken.get(cell.seat);
    if (takenBy === 'preload') return fail(index, SEAT_ISSUES.taken, `Seat ${cell.seat} is already taken: choose another`);
    if (takenBy) return fail(index, SEAT_ISSUES.taken, `Seat ${cell.seat} was just taken by another traveller: choose another`);
    chosen.push({ index, passenger, seating, cell });
  });

  // 2. The choices together, flight by flight: no seat twice, and every child beside an adult.
  for (const seating of seatings.values()) {
    const onFlight = chosen.filter((c) => c.seating === seating).sort((a, b) => a.passenger.idx - b.passenger.idx);
    const bySeat = new Map<string, SeatedPassenger>();
    for (const c of onFlight) {
      const other = bySeat.get(c.cell.seat);
      if (other) fail(c.index, SEAT_ISSUES.twice, `Seat ${c.cell.seat} is already chosen for passenger ${other.idx}: choose another seat`);
      else bySeat.set(c.cell.seat, c.passenger);
    }
    for (const c of onFlight) {
      if (c.passenger.type !== 'child') continue;
      const besideAdult = neighboursOf(seating.plan, c.cell.seat).some((s) => bySeat.get(s)?.type === 'adult');
      if (!besideAdult) fail(c.index, SEAT_ISSUES.family, FAMILY_SEATING_MESSAGE);
    }
  }

  if (issues.length > 0) {
    issues.sort((a, b) => (a.path[1] as number) - (b.path[1] as number));
    const first = issues[0]!.message;
    if (issues.every((i) => i.code === SEAT_ISSUES.taken)) throw new ConflictError(first, issues);
    throw new ValidationError(first, issues);
  }

  const seats = [...seatings.entries()].flatMap(([direction, seating]) => priceFlight(direction, seating, chosen.filter((c) => c.seating === seating)));
  return holdAndRecord(ctx, checkout, seatings, seats, chosen);
}

/**
 * The zone's price unless the fare includes it; family seating makes a child's seat and the seat of
 * one adult beside them free. Also prices the seats a Comfort bundle assigns (extras/comfort-bundle.ts).
 */
export function priceFlight(direction: Direction, seating: FlightSeating, onFlight: readonly Chosen[]): HeldSeat[] {
  const held = [...onFlight]
    .sort((a, b) => a.passenger.idx - b.passenger.idx)
    .map((c): HeldSeat => {
      const { price, included } = zonePrice(seating, c.cell.zone);
      return { passengerIdx: c.passenger.idx, direction, flightId: seating.flight.flightId, seat: c.cell.seat, zone: c.cell.zone, price, reason: included ? 'fare' : 'paid' };
    });
  const byIdx = new Map(held.map((h) => [h.passengerIdx, h]));
  for (const c of onFlight) {
    if (c.passenger.type !== 'child') continue;
    const child = byIdx.get(c.passenger.idx)!;
    const adults = neighboursOf(seating.plan, c.cell.seat)
      .map((s) => onFlight.find((o) => o.cell.seat === s && o.passenger.type === 'adult'))
      .filter((o): o is Chosen => o !== undefined)
      .map((o) => byIdx.get(o.passenger.idx)!);
    // One adult per child goes free: one already free beside another child first, else the dearest seat.
    const partner = [...adults].sort(
      (a, b) => Number(b.reason === 'family') - Number(a.reason === 'family') || b.price.amountMinor - a.price.amountMinor || a.passengerIdx - b.passengerIdx,
    )[0];
    for (const h of [child, partner]) {
      if (!h) continue;
      if (h.reason === 'paid' || h.price.amountMinor > 0) h.reason = 'family';
      h.price = money(0, h.price.currency);
    }
  }
  return held;
}

/** One transaction: the checkout's holds on each flight replaced, the seat offer responses recorded. */
function holdAndRecord(ctx: CommandContext, checkout: Checkout, seatings: Map<Direction, FlightSeating>, seats: HeldSeat[], chosen: readonly Chosen[]): ChosenSeats {
  const { db } = ctx;
  const eventCtx: OfferEventContext = { sessionId: ctx.sessionId, checkoutId: checkout.id, placement: 'seats', tactic: null, at: ctx.now };
  // Responses carry the tactic that acted on the offer, as the page recorded its impressions
  // (seats.view.ts): scarcity on a zone it said (or, in arm A, would have said) was nearly full, else anchoring.
  const assignments = tacticAssignments(db, ctx.sessionId, ctx.variants);
  const scarcity = assignments.of(TACTIC.scarcity);
  const anchoring = assignments.of(TACTIC.anchoring);
  const scarce = new Map([...seatings].map(([direction, seating]) => [direction, scarceZones(freeSeatsByZone(seating))]));
  const contextFor = (direction: Direction, offerCode: string): OfferEventContext => {
    const zone = zoneOfOffer(offerCode);
    const tactic = scarcity && zone && scarce.get(direction)?.has(zone) ? scarcity : anchoring;
    return tactic ? { ...eventCtx, tactic: { tactic: tactic.tactic, variant: tactic.variant } } : eventCtx;
  };
  const seated = seatedPassengers(checkout);
  let heldUntil: string;
  try {
    heldUntil = db
      .transaction(() => {
        const until = replaceSeatHolds(db, {
          checkoutId: checkout.id,
          flightIds: [...seatings.values()].map((s) => s.flight.flightId),
          holds: seats.map((s) => ({ flightId: s.flightId, seat: s.seat, passengerIdx: s.passengerIdx, priceMinor: s.price.amountMinor, currency: s.price.currency })),
          now: ctx.now,
        });
        for (const direction of seatings.keys()) {
          for (const p of seated) {
            const itemKey = seatItemKey(p.idx, direction);
            const now = seats.find((s) => s.passengerIdx === p.idx && s.direction === direction);
            const after = now && now.reason === 'paid' && now.zone !== 'business' ? ZONE_OFFER[now.zone] : undefined;
            const last = lastSeatResponse(db, checkout.id, itemKey);
            const before = last?.event === 'accepted' ? last : undefined;
            if (before && before.offer_code !== after) {
              recordOfferResponse(db, contextFor(direction, before.offer_code), { offer: getOffer(db, before.offer_code), itemKey, price: money(before.price_minor, before.currency) }, 'removed');
            }
            if (now && after && before?.offer_code !== after) {
              recordOfferResponse(db, contextFor(direction, after), { offer: getOffer(db, after), itemKey, price: now.price }, 'accepted');
            }
          }
        }
        touchCheckout(db, checkout.id, ctx.now);
        return until;
      })
      .immediate();
  } catch (error) {
    // Another process took the seat between our check and our write: UNIQUE(flight_id, seat) says no.
    if (error instanceof SeatHeldElsewhereError) {
      const { seat, flightId, passengerIdx } = error.hold;
      const index = chosen.find((c) => c.seating.flight.flightId === flightId && c.passenger.idx === passengerIdx)?.index ?? 0;
      const message = `Seat ${seat} was just taken by another traveller: choose another`;
      throw new ConflictError(message, [{ path: seatPath(index), code: SEAT_ISSUES.taken, message }]);
    }
    throw error;
  }
  return { seats, heldUntil: seats.length > 0 ? heldUntil : null };
}
