// The free-to-paid upgrade (tactic free_to_paid_upgrade), after the results page: a checkout opened
// with the cheapest fare family (Basic) on a flight is asked once, on its own page, whether to move to
// the family the FARE_STANDARD offer sells (Standard). It is not a gate: the passengers step stays
// reachable directly, and the JSON API never shows the page.
//
// - fareUpgradeOffer: what the page offers (each Basic flight that sells Standard to the whole party,
//   priced by offer pricing at the moment the checkout froze its fares), or null when there is nothing
//   to ask: the checkout is booked, seats or extras were already chosen (their prices depend on the
//   fare), or the question was answered.
// - pageAfterFareChoice: where the results form sends a new checkout (the page, or passengers).
// - upgradeFare: the command the page's two buttons call; records the answer (accepted or declined)
//   with the session's arm of the tactic, on the page's own impression.
//
// The events use placement `results`: the fare family is a results offer (FARE_STANDARD's placements)
// and the page finishes the fare choice made there, before passengers; offer_events allows no other
// placement name. The page's impression has its own item (`fare-upgrade:flight:<id>`), so it counts
// apart from the results page's hint on the same flight (`flight:<id>`).
import { z } from 'zod';
import type { Db } from '../../db/database.ts';
import type { CommandContext } from '../../lib/command.ts';
import { ConflictError } from '../../lib/errors.ts';
import { money, type Money } from '../../lib/money.ts';
import { parseInput } from '../../lib/validation.ts';
import { quoteFare } from '../catalogue/fare-pricing.ts';
import { findCheckout, touchCheckout, type Checkout, type CheckoutFlight, type Direction } from '../checkout/checkout.repository.ts';
import { familyUpgradePrice, type UpgradePrice } from '../checkout/offer-pricing.ts';
import { stepUrl } from '../checkout/progress.ts';
import { listStoredExtras } from '../extras/extras.repository.ts';
import { OFFER, TACTIC } from '../offers/codes.ts';
import { recordOfferResponse, recordOfferShown, type OfferImpression } from '../offers/offer-events.ts';
import { getOffer } from '../offers/offers.repository.ts';
import { selectHoldsOfCheckout } from '../seats/seat-holds.repository.ts';
import { tacticAssignments, type TacticAssignment, type TacticAssignments } from '../tactics/assignments.ts';
import { findFareOfFamily, findUpgradeAnswer, moveCheckoutFare } from './fare-upgrade.repository.ts';
import { listFareFamilies, type FareFamily } from './flights.repository.ts';

export const UpgradeFareInputSchema = z.strictObject({
  answer: z
    .enum(['upgrade', 'keep'], { error: 'Choose "Upgrade to Standard" or "Keep Basic"' })
    .describe('upgrade: move every Basic flight of the checkout to Standard; keep: stay on Basic.'),
});
export type UpgradeFareInput = z.infer<typeof UpgradeFareInputSchema>;

/** One Basic flight of the checkout and what moving it to the target family costs. */
export type FareUpgradeFlight = {
  flight: CheckoutFlight;
  /** The target family's fare on this flight, quoted when the checkout froze its fares. */
  fareId: number;
  price: UpgradePrice;
  impression: OfferImpression;
};

export type FareUpgradeOffer = {
  from: FareFamily;
  to: FareFamily;
  flights: FareUpgradeFlight[];
  /** Every flight of the offer together, for the whole party, all-in. */
  total: Money;
};

/** The item of the page's impression and answer for one flight (the results page's hint is `flight:<id>`). */
export function fareUpgradeItemKey(flightId: number): string {
  return `fare-upgrade:flight:${flightId}`;
}

/** The family the upgrade sells: FARE_STANDARD's price rule names it (never a hard-coded 'standard'). */
function targetFamily(db: Db): FareFamily | undefined {
  const rule = getOffer(db, OFFER.FARE_STANDARD).priceRule;
  return rule.type === 'fare_difference' ? listFareFamilies(db).find((f) => f.code === rule.family) : undefined;
}

/** How the page was answered on this checkout (on any of its flights), if it was. */
export function fareUpgradeAnswer(db: Db, checkout: Pick<Checkout, 'id' | 'flights'>): 'accepted' | 'declined' | undefined {
  for (const f of checkout.flights) {
    const answer = findUpgradeAnswer(db, checkout.id, fareUpgradeItemKey(f.flightId));
    if (answer) return answer;
  }
  return undefined;
}

/**
 * What the page offers this checkout now, or null when there is nothing to ask (see the header). A
 * flight is offered when it flies the cheapest family (and no cabin upgrade), and the target family
 * has a seat left for every seated passenger and costs more.
 */
export function fareUpgradeOffer(db: Db, checkout: Checkout, now: Date): FareUpgradeOffer | null {
  if (checkout.status !== 'open' || fareUpgradeAnswer(db, checkout) !== undefined) return null;
  if (selectHoldsOfCheckout(db, checkout.id, now).length > 0 || listStoredExtras(db, checkout.id).length > 0) return null;
  const from = listFareFamilies(db)[0];
  const to = targetFamily(db);
  if (!from || !to || to.rank <= from.rank) return null;
  const party = { adults: checkout.adults, children: checkout.children, infants: checkout.infants, quotedAt: checkout.createdAt };
  const offer = getOffer(db, OFFER.FARE_STANDARD);
  const flights: FareUpgradeFlight[] = [];
  for (const flight of checkout.flights) {
    if (flight.family !== from.code || flight.seatingFamily !== flight.family) continue;
    const fare = findFareOfFamily(db, flight.flightId, to.code);
    if (!fare || fare.seats_total - fare.seats_sold < checkout.adults + checkout.children) continue;
    const price = familyUpgradePrice(db, party, flight, to.code);
    if (!price || price.total.amountMinor <= 0) continue;
    flights.push({ flight, fareId: fare.id, price, impression: { offer, itemKey: fareUpgradeItemKey(flight.flightId), price: price.total } });
  }
  const first = flights[0];
  if (!first) return null;
  const total = money(
    flights.reduce((sum, f) => sum + f.price.total.amountMinor, 0),
    first.price.total.currency,
  );
  return { from, to, flights, total };
}

/** The tactic the page's events name: the session's assignment of free_to_paid_upgrade (null when off). */
export function fareUpgradeTactic(tactics: TacticAssignments): TacticAssignment {
  return tactics.of(TACTIC.free_to_paid_upgrade);
}

/** Records the page's impressions (once per checkout and flight, however often it is viewed). */
export function recordFareUpgradeShown(db: Db, ctx: { sessionId: string; now: Date; tactic: TacticAssignment }, checkoutId: string, offer: FareUpgradeOffer): void {
  recordOfferShown(
    db,
    { sessionId: ctx.sessionId, checkoutId, placement: 'results', tactic: ctx.tactic, at: ctx.now },
    offer.flights.map((f) => f.impression),
  );
}

/**
 * Where the results form sends the checkout it just opened: the upgrade page when the tactic applies
 * to the session (on, or arm B) and there is a Basic flight to upgrade; else the passengers step.
 */
export function pageAfterFareChoice(db: Db, checkoutId: string, tactics: TacticAssignments, now: Date): string {
  const checkout = findCheckout(db, checkoutId);
  if (!checkout) throw new Error(`Checkout ${checkoutId} was just opened and is missing`);
  const asks = tactics.applies(TACTIC.free_to_paid_upgrade) && fareUpgradeOffer(db, checkout, now) !== null;
  return asks ? fareUpgradePath(checkoutId) : stepUrl(checkout, 'passengers');
}

export function fareUpgradePath(checkoutId: string): string {
  return `/checkouts/${checkoutId}/upgrade`;
}

export type UpgradedFare = {
  answer: UpgradeFareInput['answer'];
  /** The directions moved to the target family (empty when kept, or when already answered). */
  upgraded: Direction[];
  /** False when the question had already been answered: nothing changed (a form sent twice). */
  recorded: boolean;
};

/**
 * Answers the upgrade question once per checkout. `upgrade` moves every offered flight to the target
 * family at the fare quoted when the checkout was opened (the price the page showed) and records it
 * accepted; `keep` records it declined. A second answer changes nothing. Upgrading when the offer has
 * gone (seats or extras chosen since, the target family sold out) is a ConflictError.
 */
export function upgradeFare(ctx: CommandContext, checkout: Checkout, raw: UpgradeFareInput): UpgradedFare {
  const input = parseInput(UpgradeFareInputSchema, raw);
  const { db, now, sessionId } = ctx;
  const tactic = fareUpgradeTactic(tacticAssignments(db, sessionId, ctx.variants));
  return db.transaction((): UpgradedFare => {
    // Read again inside the write lock: two answers sent at once leave one.
    const current = findCheckout(db, checkout.id) ?? checkout;
    if (fareUpgradeAnswer(db, current) !== undefined) return { answer: input.answer, upgraded: [], recorded: false };
    const offer = fareUpgradeOffer(db, current, now);
    if (!offer) {
      if (input.answer === 'keep') return { answer: input.answer, upgraded: [], recorded: false };
      throw new ConflictError('The upgrade to Standard is no longer offered for this booking: continue with your fare.', [
        { path: ['answer'], code: 'not_offered', message: 'The upgrade to Standard is no longer offered for this booking' },
      ]);
    }
    const events = { sessionId, checkoutId: current.id, placement: 'results' as const, tactic, at: now };
    recordFareUpgradeShown(db, { sessionId, now, tactic }, current.id, offer);
    for (const f of offer.flights) {
      if (input.answer === 'upgrade') moveFlightTo(db, current.id, f, offer.to, current.createdAt);
      recordOfferResponse(db, events, f.impression, input.answer === 'upgrade' ? 'accepted' : 'declined');
    }
    touchCheckout(db, current.id, now);
    return { answer: input.answer, upgraded: input.answer === 'upgrade' ? offer.flights.map((f) => f.flight.direction) : [], recorded: true };
  })();
}

/** The checkout's fare of one direction becomes the target family's, quoted when the checkout was opened. */
function moveFlightTo(db: Db, checkoutId: string, f: FareUpgradeFlight, to: FareFamily, quotedAt: string): void {
  const fare = findFareOfFamily(db, f.flight.flightId, to.code)!;
  const quote = quoteFare({ baseMinor: fare.base_minor, taxesMinor: fare.taxes_minor, family: to.code, departsAt: f.flight.departsAt, now: new Date(quotedAt) });
  moveCheckoutFare(db, {
    checkoutId,
    direction: f.flight.direction,
    fareId: fare.id,
    family: to.code,
    adultMinor: quote.adultMinor,
    childMinor: quote.childMinor,
    infantMinor: quote.infantMinor,
    taxesMinor: quote.taxesMinor,
    infantTaxesMinor: quote.infantTaxesMinor,
    currency: quote.currency,
  });
}
