// Puts a checkout at a given step without walking the pages: calls the domain functions and the
// repositories the pages call, so a test about the review page does not also exercise search,
// passengers and seats through HTML. Tests of those steps' pages keep using helpers/flow.ts.
//
//   const { id } = await checkoutAt(ctx, 'seats', TRIPS.familyToLisbon);      // passengers entered
//   const { id } = await checkoutAt(ctx, 'review', trip, { seats: 'first-free', extras: { insurance: 'add' } });
//   const { reference } = await checkoutAt(ctx, 'booked', TRIPS.soloToLondon);
import type { Db } from '../../src/db/database.ts';
import { findCheckout, type Checkout } from '../../src/features/checkout/checkout.repository.ts';
import { saveExtras, type SaveExtrasInput } from '../../src/features/extras/save-extras.ts';
import { savePassengers } from '../../src/features/passengers/save-passengers.ts';
import { pay } from '../../src/features/payment/pay.ts';
import type { PaymentResult } from '../../src/features/payment/payment-outcome.ts';
import { findFlights } from '../../src/features/search/flights.repository.ts';
import { openCheckout } from '../../src/features/search/open-checkout.ts';
import { chooseSeats, type ChooseSeatsInput } from '../../src/features/seats/choose-seats.ts';
import { seatsPage } from '../../src/features/seats/seat-selection.ts';
import type { TestContext } from './app.ts';
import { CARD_HOLDER, CARDS, CONTACT, passengersOf, type Trip } from './fixtures.ts';

type SeatChoice = ChooseSeatsInput['seats'][number];

/**
 * The step the checkout is put at: the page the customer would see next.
 * - passengers: opened on the first flights selling `trip.family` (Basic unless told), nobody named yet;
 * - seats: the fixtures' passengers and contact entered;
 * - extras: and the `seats` option held (none unless given);
 * - review: and the `extras` option saved (none unless given);
 * - booked: and paid with `card` (the approving card unless told).
 */
export const FACTORY_STEPS = ['passengers', 'seats', 'extras', 'review', 'booked'] as const;
export type FactoryStep = (typeof FACTORY_STEPS)[number];

export type CheckoutAtOptions = {
  /**
   * The session the checkout belongs to (its tactic arms and offer events). By default the session of
   * `ctx.agent`, as when the agent walks the pages, so the pages it then asks for see the same shopper.
   */
  sessionId?: string;
  /** Seats to hold, or 'first-free': for every seated passenger on every flight, the first seat they may take. */
  seats?: readonly SeatChoice[] | 'first-free';
  extras?: SaveExtrasInput;
  /** A card number of fixtures' CARDS; a challenge card leaves the checkout open with a pending challenge. */
  card?: string;
};

export type CheckoutAt = { id: string; checkout: Checkout; payment?: PaymentResult; reference?: string };


export function checkoutOf(db: Db, id: string): Checkout {
  const checkout = findCheckout(db, id);
  if (!checkout) throw new Error(`No checkout ${id}`);
  return checkout;
}

/** The fare of the first flight each way that sells `family` to the whole party, as the results page lists them. */
function fareIds(ctx: TestContext, trip: Trip, family: string): { outbound: number; return: number | null } {
  const now = ctx.clock.now();
  const party = { adults: trip.adults ?? 1, children: trip.children ?? 0, infants: trip.infants ?? 0 };
  const pick = (from: string, to: string, date: string) => {
    for (const flight of findFlights(ctx.db, { from, to, date, party, now })) {
      const fare = flight.fares.find((f) => f.family.code === family && f.seatsLeft >= party.adults + party.children);
      if (fare) return fare.fareId;
    }
    throw new Error(`No ${family} fare from ${from} to ${to} on ${date}`);
  };
  return { outbound: pick(trip.from, trip.to, trip.depart), return: trip.return ? pick(trip.to, trip.from, trip.return) : null };
}

/** For each seated passenger and flight, the first seat the seats page offers them that nobody else took. */
export function firstFreeSeats(db: Db, checkout: Checkout, ctx: { now: Date; seed: number }): SeatChoice[] {
  const taken = new Set<string>();
  const choices: SeatChoice[] = [];
  for (const flight of seatsPage(db, checkout, ctx).flights) {
    for (const map of flight.passengers) {
      const seat = map.rows.flatMap((r) => r.groups.flat()).find((o) => o.state === 'available' && !taken.has(`${flight.direction} ${o.seat}`));
      if (!seat) throw new Error(`No free seat for passenger ${map.passenger.idx} ${flight.direction}`);
      taken.add(`${flight.direction} ${seat.seat}`);
      choices.push({ passengerIdx: map.passenger.idx, direction: flight.direction, seat: seat.seat });
    }
  }
  return choices;
}

/** The visitor session of a supertest agent (given one by this request if it had none): the API echoes it. */
export async function sessionOf(agent: TestContext['agent']): Promise<string> {
  const res = await agent.get('/api/v1/airports');
  const sessionId = res.headers['x-session-id'];
  if (typeof sessionId !== 'string') throw new Error('The API did not echo a session id');
  return sessionId;
}

export async function checkoutAt(ctx: TestContext, step: FactoryStep, trip: Trip, options: CheckoutAtOptions = {}): Promise<CheckoutAt> {
  const { db } = ctx;
  const sessionId = options.sessionId ?? (await sessionOf(ctx.agent));
  const now = () => ctx.clock.now();

  const command = () => ({ db, now: now(), sessionId, seed: ctx.config.demoSeed });
  const fares = fareIds(ctx, trip, trip.family ?? 'basic');
  const search = {
    from: trip.from,
    to: trip.to,
    depart: trip.depart,
    return: trip.return ?? null,
    adults: trip.adults ?? 1,
    children: trip.children ?? 0,
    infants: trip.infants ?? 0,
  };
  const { checkoutId: id } = openCheckout(command(), {
    search,
    outbound: { fareId: fares.outbound },
    return: fares.return === null ? null : { fareId: fares.return },
  });
  if (step === 'passengers') return { id, checkout: checkoutOf(db, id) };

  savePassengers(command(), checkoutOf(db, id), {
    contact: { ...CONTACT },
    passengers: passengersOf(trip).map(({ givenName, familyName, dateOfBirth }) => ({ givenName, familyName, dateOfBirth })),
  });
  if (step === 'seats') return { id, checkout: checkoutOf(db, id) };

  if (options.seats) {
    const checkout = checkoutOf(db, id);
    const seatsCtx = { now: now(), seed: ctx.config.demoSeed };
    const choices = options.seats === 'first-free' ? firstFreeSeats(db, checkout, seatsCtx) : options.seats;
    chooseSeats(command(), checkout, { seats: [...choices] });
  }
  if (step === 'extras') return { id, checkout: checkoutOf(db, id) };

  if (options.extras) saveExtras(command(), checkoutOf(db, id), options.extras);
  if (step === 'review') return { id, checkout: checkoutOf(db, id) };

  const payment = await pay(
    command(),
    checkoutOf(db, id),
    { card: { number: options.card ?? CARDS.approve, ...CARD_HOLDER } },
    { timeoutMs: ctx.config.paymentTimeoutMs },
  );
  const reference = payment.status === 'booked' || payment.status === 'already_booked' ? payment.reference : undefined;
  return { id, checkout: checkoutOf(db, id), payment, reference };
}
