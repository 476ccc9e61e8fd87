// Opening a checkout: the customer chose one fare per direction of a search. The fares are quoted now
// and frozen for the checkout; the fare upsell taken (a family above the cheapest the party can buy)
// is recorded as accepted, with the tactic and arm its impression was shown with.
import { z } from 'zod';
import type { CommandContext } from '../../lib/command.ts';
import { ValidationError, type Issue } from '../../lib/errors.ts';
import { cryptoIds } from '../../lib/ids.ts';
import { parseInput } from '../../lib/validation.ts';
import { insertCheckout, type Direction } from '../checkout/checkout.repository.ts';
import { TACTIC } from '../offers/codes.ts';
import { recordOfferResponse } from '../offers/offer-events.ts';
import { tacticAssignments } from '../tactics/assignments.ts';
import { fareUpsells, fareItemKey, seatedCount } from './fare-upsells.ts';
import { findFlights, type FlightOption, type QuotedFare } from './flights.repository.ts';
import { claimResultsImpressions, shownTactic } from './results-events.repository.ts';
import { legsOf, partyOf } from './search-results.ts';
import { validateSearch } from './validate-search.ts';

const fareChoice = (direction: Direction) => {
  const message = direction === 'outbound' ? 'Choose an outbound fare' : 'Choose a return fare';
  return z.strictObject({ fareId: z.int({ error: message }).min(1, message).max(2_000_000_000, message).describe('A fareId from GET /flights.') });
};
const iata = z.string().max(10, 'At most 10 characters');
const party = (min: number, max: number, what: string) => z.int().min(min).max(max).describe(what);

export const OpenCheckoutInputSchema = z.strictObject({
  search: z
    .strictObject({
      from: iata.describe('Departure airport, IATA code.'),
      to: iata.describe('Arrival airport, IATA code.'),
      depart: z.string().max(20, 'At most 20 characters').describe('YYYY-MM-DD'),
      return: z.string().max(20, 'At most 20 characters').nullable().optional().describe('YYYY-MM-DD, or null / absent for one-way.'),
      adults: party(0, 99, 'Adults, 1–9.'),
      children: party(0, 99, 'Children 2–11, 0–8.').optional(),
      infants: party(0, 99, 'Infants under 2, at most one per adult.').optional(),
    })
    .describe('The search the fares were found with: `search` of the GET /flights answer.'),
  outbound: fareChoice('outbound'),
  return: fareChoice('return').nullable().optional().describe('Required when search.return is set; absent or null for one-way.'),
});
export type OpenCheckoutInput = z.infer<typeof OpenCheckoutInputSchema>;

export type OpenedCheckout = { checkoutId: string };

type Chosen = { direction: Direction; flight: FlightOption; fare: QuotedFare };

/**
 * Opens a checkout. Refuses, with issues by path: a search that breaks its rules (`search.depart` …),
 * a return fare on a one-way search (`return`), a fare missing or not of the search (`outbound.fareId`,
 * code `unknown_fare`), and a fare with fewer seats left than the party needs (`not_enough_seats`).
 */
export function openCheckout(ctx: CommandContext, raw: OpenCheckoutInput): OpenedCheckout {
  const input = parseInput(OpenCheckoutInputSchema, raw);
  const { db, now, sessionId } = ctx;
  let query;
  try {
    query = validateSearch(db, input.search, now).query;
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    throw new ValidationError('The search needs another look: see errors.', error.issues.map((i) => ({ ...i, path: ['search', ...i.path] })));
  }
  if (!query.return && input.return) {
    throw new ValidationError('Some fields need another look.', [
      { path: ['return'], code: 'one_way_search', message: 'This search is one-way: leave out return, or give search.return' },
    ]);
  }

  const partySearched = partyOf(query);
  const issues: Issue[] = [];
  const chosen: Chosen[] = [];
  for (const leg of legsOf(query)) {
    const fareId = leg.direction === 'outbound' ? input.outbound.fareId : input.return?.fareId;
    const path = [leg.direction, 'fareId'];
    if (fareId === undefined) {
      issues.push({ path, code: 'required', message: 'Choose a return fare' });
      continue;
    }
    const flight = findFlights(db, { ...leg, party: partySearched, now }).find((f) => f.fares.some((fa) => fa.fareId === fareId));
    const fare = flight?.fares.find((fa) => fa.fareId === fareId);
    if (!flight || !fare) issues.push({ path, code: 'unknown_fare', message: `Choose one of the ${leg.direction} fares shown` });
    else if (fare.seatsLeft < seatedCount(partySearched)) {
      issues.push({
        path,
        code: 'not_enough_seats',
        message: `Only ${fare.seatsLeft} ${fare.family.name} seats are left on ${flight.flightNumber}: choose another fare or flight`,
      });
    } else chosen.push({ direction: leg.direction, flight, fare });
  }
  if (issues.length > 0) throw new ValidationError('Choose a fare for each direction', issues);

  const checkoutId = (ctx.ids ?? cryptoIds).token();
  const fallbackTactic = tacticAssignments(db, sessionId, ctx.variants).of(TACTIC.free_to_paid_upgrade);
  db.transaction(() => {
    insertCheckout(db, {
      id: checkoutId,
      sessionId,
      tripType: query.return ? 'return' : 'one_way',
      ...partySearched,
      now,
      flights: chosen.map(({ direction, flight, fare }) => ({
        direction,
        flightId: flight.id,
        fareId: fare.fareId,
        family: fare.family.code,
        adultMinor: fare.adultMinor,
        childMinor: fare.childMinor,
        infantMinor: fare.infantMinor,
        taxesMinor: fare.taxesMinor,
        infantTaxesMinor: fare.infantTaxesMinor,
        currency: fare.currency,
      })),
    });
    for (const { flight, fare } of chosen) {
      const itemKey = fareItemKey(flight.id);
      claimResultsImpressions(db, { checkoutId, sessionId, itemKey });
      const upsell = fareUpsells(db, flight, partySearched).find((u) => u.fareId === fare.fareId);
      if (!upsell) continue;
      const shown = shownTactic(db, { checkoutId, itemKey, offerCode: upsell.offerCode });
      const tactic = shown === undefined ? fallbackTactic : shown;
      recordOfferResponse(db, { sessionId, checkoutId, placement: 'results', tactic, at: now }, upsell, 'accepted');
    }
  })();
  return { checkoutId };
}
