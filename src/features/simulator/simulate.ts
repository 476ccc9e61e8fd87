// The shopper simulator: each shopper walks the same domain commands as a real booking (openCheckout,
// savePassengers, the extras offers and saveExtras, pay), decided by the propensity model (model.ts)
// and a seeded generator, so the same seed, parameters and demo clock give the same database: the
// commands take their ids (checkout ids, booking references, ticket numbers) from a seeded source in
// their context. Everything a shopper's session makes is then marked simulated.
import { createHash } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import { ValidationError } from '../../lib/errors.ts';
import { seededIds, type IdSource } from '../../lib/ids.ts';
import { parseInput } from '../../lib/validation.ts';
import { findCheckout, type Checkout } from '../checkout/checkout.repository.ts';
import { recordExtrasShown } from '../extras/extras-events.ts';
import { extrasTactics, listBundlesFor, optionTakesFor } from '../extras/extras-tactics.ts';
import { listExtrasOffers } from '../extras/extras.ts';
import { saveExtras, type SaveExtrasInput } from '../extras/save-extras.ts';
import { tacticAssignments } from '../tactics/assignments.ts';
import { savePassengers } from '../passengers/save-passengers.ts';
import { payNow } from '../payment/pay.ts';
import { openCheckout } from '../search/open-checkout.ts';
import { recordFunnelStep, type RecordedStep } from '../dashboard/funnel.repository.ts';
import { notifyChange } from '../dashboard/live.ts';
import { SimulationInputSchema, seededRandom, takeProbability, type SimulationInput, type SimulationParams } from './model.ts';
import { checkoutsSoFar, flightsToShop, itemsWithTacticApplied, markSimulated, type SimFlight } from './simulator.repository.ts';

export type SimulationProgress = { done: number; total: number; booked: number; elapsedMs: number };
export type SimulationOutcome = SimulationProgress & { cancelled: boolean };

export type SimulationRun = {
  db: Db;
  /** The demo clock: shopper i starts at now + i seconds. */
  now: Date;
  demoSeed: number;
  onProgress?: (p: SimulationProgress) => void;
  isCancelled?: () => boolean;
  /** Shoppers between progress reports and yields to the event loop. */
  batch?: number;
};

const GIVEN = ['Ada', 'Brian', 'Cora', 'Dara', 'Eve', 'Finn', 'Gina', 'Hugo'];

/** The session id of shopper i of a seeded run: 22 base64url characters, like a visitor's. */
export function simulatedSessionId(seed: number, i: number): string {
  return createHash('sha256').update(`skylark-sim:${seed}:${i}`).digest().subarray(0, 16).toString('base64url');
}

export async function simulate(run: SimulationRun, raw: SimulationInput): Promise<SimulationOutcome> {
  const input = parseInput(SimulationInputSchema, raw, 'The simulation needs other settings.');
  const random = seededRandom(input.seed);
  // The ids' stream also names how many checkouts the database held: a second run with the same seed on
  // the same database makes new checkout ids, and a run on a copy of the same database the same ones.
  const ids = seededIds(`skylark-sim:${input.seed}:${checkoutsSoFar(run.db)}`);
  const flights = flightsToShop(run.db, new Date(run.now.getTime() + 86_400_000));
  if (flights.length === 0) throw new Error(NO_FLIGHTS);
  const started = performance.now();
  const batch = run.batch ?? 100;
  let booked = 0;
  let done = 0;
  while (done < input.shoppers && !run.isCancelled?.()) {
    // A batch of shoppers is one transaction (one commit, not one per command; the commands' own
    // transactions become savepoints). Shoppers are synchronous, so nothing awaits inside it; between
    // batches the event loop serves the server's other requests. A shopper that fails (a bug, not a
    // refusal) rolls back its whole batch and stops the run.
    const end = Math.min(input.shoppers, done + batch);
    let shopper = done;
    try {
      booked += run.db.transaction(() => {
        let batchBooked = 0;
        for (; shopper < end; shopper++) {
          const at = new Date(run.now.getTime() + shopper * 1000);
          if (shop(run, input.params, random, ids, flights, simulatedSessionId(input.seed, shopper), at)) batchBooked++;
        }
        return batchBooked;
      })();
    } catch (error) {
      throw new Error(`Simulated shopper ${shopper + 1} failed, after ${done} shoppers were simulated: ${(error as Error).message}`, { cause: error });
    }
    done = end;
    run.onProgress?.({ done, total: input.shoppers, booked, elapsedMs: performance.now() - started });
    notifyChange(run.db);
    await new Promise((resolve) => setImmediate(resolve));
  }
  const outcome = { done, total: input.shoppers, booked, elapsedMs: performance.now() - started, cancelled: done < input.shoppers };
  return outcome;
}

function checkoutOf(db: Db, id: string): Checkout {
  const checkout = findCheckout(db, id);
  if (!checkout) throw new Error(`Simulated checkout ${id} vanished`);
  return checkout;
}

const NO_FLIGHTS = 'No flights with seats to simulate shoppers on: reseed the catalogue.';

/**
 * Opens the shopper's checkout on the flight their draw `r` picks. A flight sold out since the run began
 * leaves the list (openCheckout refuses it, as it would a customer), and the same draw picks again among
 * the others, so the draws that follow stay in step.
 */
function openOnFreeFlight(ctx: Parameters<typeof openCheckout>[0], flights: SimFlight[], r: number, adults: number): string {
  for (;;) {
    if (flights.length === 0) throw new Error(NO_FLIGHTS);
    const index = Math.floor(r * flights.length);
    const flight = flights[index]!;
    const search = { from: flight.origin, to: flight.destination, depart: flight.date, return: null, adults, children: 0, infants: 0 };
    try {
      return openCheckout(ctx, { search, outbound: { fareId: flight.fareId }, return: null }).checkoutId;
    } catch (error) {
      if (!(error instanceof ValidationError) || !error.issues.some((i) => i.code === 'not_enough_seats')) throw error;
      flights.splice(index, 1);
    }
  }
}

/** One shopper; true when they booked. */
function shop(run: SimulationRun, params: SimulationParams, random: () => number, ids: IdSource, flights: SimFlight[], sessionId: string, at: Date): boolean {
  const { db } = run;
  const step = (s: RecordedStep) => recordFunnelStep(db, { sessionId, step: s, simulated: true, at });
  const leaves = (s: keyof SimulationParams['abandon']) => random() < params.abandon[s];
  // Every draw happens in the same order whatever the outcome, so one shopper's choices never shift the next one's.
  const flightDraw = random();
  const adults = 1 + Math.floor(random() * 2);
  const ctx = { db, now: at, sessionId, seed: run.demoSeed, ids };
  try {
    step('search');
    if (leaves('results')) return false;
    step('results');
    if (leaves('checkout')) return false;
    const checkoutId = openOnFreeFlight(ctx, flights, flightDraw, adults);
    step('checkout');
    if (leaves('passengers')) return false;
    savePassengers(ctx, checkoutOf(db, checkoutId), {
      contact: { email: `shopper@example.com`, phone: '+353 1 555 0100' },
      passengers: Array.from({ length: adults }, (_, i) => ({ givenName: GIVEN[i % GIVEN.length]!, familyName: 'Simulated', dateOfBirth: '1985-06-15' })),
    });
    step('passengers');
    if (leaves('seats')) return false;
    step('seats'); // no paid seat: the seat map's upsells are not simulated
    const checkout = checkoutOf(db, checkoutId);
    const all = listExtrasOffers(db, checkout);
    const assignments = tacticAssignments(db, sessionId);
    // The Comfort bundle, listed as the extras page lists it: for a session the bundle tactic is assigned to.
    all.bundles = listBundlesFor(db, assignments, checkout, { now: at, seed: run.demoSeed }, []);
    const tactics = extrasTactics(assignments, optionTakesFor(db, assignments), all);
    // As the page: only what the tactics put on the page is seen (and can be taken).
    const offers = {
      ...all,
      bags: tactics.showAddons ? all.bags : [],
      priority: tactics.showAddons ? all.priority : [],
      upgrades: tactics.showUpgrades ? all.upgrades : [],
      hotel: tactics.showAddons ? all.hotel : null,
      insurance: tactics.showAddons ? all.insurance : null,
      bundles: tactics.showBundles ? all.bundles : [],
      // The car rental is not in the propensity model yet (model.ts TAKE_OFFERS): not shown, not taken.
      car: null,
    };
    recordExtrasShown(db, checkout, offers, tactics, { sessionId, now: at });
    // The lift applies where the impression the page recorded names a tactic applied to this session (on, or arm B).
    const lifted = itemsWithTacticApplied(db, sessionId, checkoutId);
    const takes = (offer: Parameters<typeof takeProbability>[1], priceMinor: number, itemKey: string) =>
      random() < takeProbability(params, offer, priceMinor, lifted.has(itemKey));
    const choice: Required<SaveExtrasInput> = { bags: [], priority: [], upgrades: [], hotel: null, insurance: null, bundles: [], car: null };
    // The Comfort bundle first (its seats, a bag and priority for the party on that flight): a flight bundled
    // has its priority boarding included, so the shopper is not asked for it again there.
    const bundled = new Set<string>();
    for (const leg of offers.bundles) {
      const taken = takes('bundle', leg.quote.price.amountMinor, leg.itemKey);
      choice.bundles.push({ direction: leg.direction, answer: taken ? 'add' : 'decline' });
      if (taken) bundled.add(leg.direction);
    }
    for (const leg of offers.bags) {
      for (const p of leg.passengers) if (leg.maxQuantity > 0 && takes('bag', leg.online.amountMinor, p.itemKey)) choice.bags.push({ passengerIdx: p.passenger.idx, direction: leg.direction, quantity: 1 });
    }
    for (const leg of offers.priority) {
      if (leg.included || bundled.has(leg.direction)) continue;
      for (const p of leg.passengers) choice.priority.push({ passengerIdx: p.passenger.idx, direction: leg.direction, answer: takes('priority', leg.price.amountMinor, p.itemKey) ? 'add' : 'decline' });
    }
    for (const leg of offers.upgrades) choice.upgrades.push({ direction: leg.direction, answer: takes('upgrade', leg.price.amountMinor, leg.itemKey) ? 'add' : 'decline' });
    if (offers.insurance) choice.insurance = takes('insurance', offers.insurance.total.amountMinor, offers.insurance.itemKey) ? 'add' : 'decline';
    const hotel = offers.hotel?.hotels[0];
    if (offers.hotel && hotel) {
      choice.hotel = takes('hotel', hotel.total.amountMinor, offers.hotel.itemKey)
        ? { answer: 'add', hotelId: hotel.id, nights: offers.hotel.fixedNights === null ? offers.hotel.nights : null, rooms: offers.hotel.defaultRooms }
        : { answer: 'decline' };
    }
    if (leaves('extras')) return false;
    saveExtras(ctx, checkout, choice); // recording what the page showed left the checkout as it was
    step('extras');
    if (leaves('payment')) return false;
    step('payment');
    // The approving card: no 3-D Secure, no time-out to wait for (payNow is pay without that wait).
    const result = payNow(ctx, checkoutOf(db, checkoutId), { card: { number: '4242 4242 4242 4242', name: 'Simulated Shopper', expiry: '12/30', cvc: '123' } });
    return result.status === 'booked';
  } finally {
    markSimulated(db, sessionId);
  }
}
