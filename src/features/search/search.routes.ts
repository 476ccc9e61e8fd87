// Handlers of the search form, the results page and the choice of fares.
import type { Request, Response } from 'express';
import { z } from 'zod';
import type { Db } from '../../db/database.ts';
import { ValidationError } from '../../lib/errors.ts';
import { money } from '../../lib/money.ts';
import { newId } from '../../lib/session.ts';
import { duration, localDate, localTime, longDate, addDays } from '../../lib/time.ts';
import { insertCheckout, type Direction } from '../checkout/checkout.repository.ts';
import { bagPrice } from '../checkout/pricing.ts';
import { recordOfferResponse, recordOfferShown, type OfferImpression } from '../offers/offer-events.ts';
import { getOffer } from '../offers/offers.repository.ts';
import { assignTactic, type TacticAssignment } from '../tactics/assignments.ts';
import {
  findFlights,
  listAirports,
  listFareFamilies,
  nearestFlightDays,
  routeExists,
  type Airport,
  type FareFamily,
  type FlightOption,
  type Party,
} from './flights.repository.ts';
import { ChooseFaresSchema, searchFormValues, searchSchema, type SearchQuery } from './search.schema.ts';

type FieldErrors = Record<string, string[] | undefined>;

function todayFor(db: Db, now: Date, from: unknown): string {
  const airports = listAirports(db);
  const origin = airports.find((a) => a.code === (typeof from === 'string' ? from.trim().toUpperCase() : ''));
  return localDate(now, origin?.timeZone ?? 'UTC');
}

function parseSearch(req: Request, input: Record<string, unknown>) {
  return validateSearch(req.deps.db, input, req.deps.clock.now());
}

/**
 * The search as the results page and the JSON API accept it: the schema's rules, then a route we fly.
 * Field errors are keyed by the form's names (from, to, depart, return, adults, children, infants).
 */
export function validateSearch(db: Db, input: Record<string, unknown>, now: Date) {
  const airports = listAirports(db);
  const today = todayFor(db, now, input.from);
  const parsed = searchSchema({ today, airportCodes: new Set(airports.map((a) => a.code)) }).safeParse(input);
  if (!parsed.success) return { ok: false as const, airports, today, errors: z.flattenError(parsed.error).fieldErrors as FieldErrors };
  if (!routeExists(db, parsed.data.from, parsed.data.to)) {
    const name = (code: string) => airports.find((a) => a.code === code)?.city ?? code;
    return {
      ok: false as const,
      airports,
      today,
      errors: { to: [`Skylark Air does not fly from ${name(parsed.data.from)} to ${name(parsed.data.to)}. Choose another destination.`] } as FieldErrors,
    };
  }
  return { ok: true as const, airports, today, query: parsed.data };
}

const SEARCH_FIELDS = ['from', 'to', 'trip', 'depart', 'return', 'adults', 'children', 'infants'];

function renderSearch(req: Request, res: Response, status: number, values: Record<string, string>, unordered: FieldErrors) {
  const { db, clock } = req.deps;
  // The error summary lists the problems in the order of the form.
  const errors = Object.fromEntries(SEARCH_FIELDS.filter((f) => unordered[f]).map((f) => [f, unordered[f]]));
  const airports = listAirports(db);
  res.status(status).render('search/index', {
    pageTitle: 'Book a flight',
    airports,
    values,
    errors,
    today: todayFor(db, clock.now(), values.from),
  });
}

/** The search form, empty or, from "Change search", filled with the search it came from. */
export function showSearch(req: Request, res: Response): void {
  const defaults = { from: '', to: '', trip: 'return', depart: '', return: '', adults: '1', children: '0', infants: '0' };
  const given = Object.fromEntries(Object.entries(searchFormValues(req.query as Record<string, unknown>)).filter(([, v]) => v !== ''));
  renderSearch(req, res, 200, { ...defaults, ...given }, {});
}

export type DirectionResults = {
  direction: Direction;
  bagFee: ReturnType<typeof bagPrice> | null;
  from: Airport;
  to: Airport;
  date: string;
  flights: FlightOption[];
  nearestDays: string[];
};

function buildResults(req: Request, query: SearchQuery, airports: Airport[], today: string): DirectionResults[] {
  return searchResults(req.deps.db, query, { airports, today, now: req.deps.clock.now() });
}

/** The flights of each direction of a valid search, with the bag fee and, when none fly that day, the nearest days. */
export function searchResults(db: Db, query: SearchQuery, ctx: { airports: Airport[]; today: string; now: Date }): DirectionResults[] {
  const { airports, today, now } = ctx;
  const party: Party = { adults: query.adults, children: query.children, infants: query.infants };
  const byCode = new Map(airports.map((a) => [a.code, a]));
  const legs: Array<[Direction, string, string, string]> = [['outbound', query.from, query.to, query.depart]];
  if (query.return) legs.push(['return', query.to, query.from, query.return]);
  return legs.map(([direction, from, to, date]) => {
    const flights = findFlights(db, { from, to, date, party, now });
    return {
      direction,
      bagFee: flights[0] ? bagPrice(db, flights[0]) : null,
      from: byCode.get(from)!,
      to: byCode.get(to)!,
      date,
      flights,
      nearestDays: flights.length === 0 ? nearestFlightDays(db, from, to, date, today) : [],
    };
  });
}

const FARE_OFFER: Record<string, string> = { standard: 'FARE_STANDARD', flex: 'FARE_FLEX', business: 'FARE_BUSINESS' };

/** Every family dearer than the cheapest on sale for a flight is a fare upsell, priced as the difference. */
export function fareUpsells(db: Db, flight: FlightOption): Array<OfferImpression & { family: string }> {
  const onSale = flight.fares.filter((f) => f.seatsLeft > 0);
  const cheapest = onSale[0];
  if (!cheapest) return [];
  return onSale
    .filter((f) => f.family.rank > cheapest.family.rank && FARE_OFFER[f.family.code])
    .map((f) => ({
      family: f.family.code,
      offer: getOffer(db, FARE_OFFER[f.family.code]!),
      itemKey: `flight:${flight.id}`,
      price: money(f.totalMinor - cheapest.totalMinor, f.currency),
    }));
}

function renderResults(
  req: Request,
  res: Response,
  status: number,
  query: SearchQuery,
  results: DirectionResults[],
  errors: FieldErrors,
  chosen: Record<string, string>,
) {
  const { db, clock } = req.deps;
  const tactic = recordFareUpsellsShown(db, results, { sessionId: req.sessionId, now: clock.now() });
  const families = listFareFamilies(db);
  res.status(status).render('search/results', {
    pageTitle: `${results[0]!.from.city} to ${results[0]!.to.city}`,
    query,
    results,
    families,
    errors,
    chosen,
    showUpgradeHints: tactic?.applied ?? false,
    upgradeGains,
    hidden: {
      from: query.from,
      to: query.to,
      trip: query.return ? 'return' : 'one_way',
      depart: query.depart,
      return: query.return ?? '',
      adults: String(query.adults),
      children: String(query.children),
      infants: String(query.infants),
    },
    fmt: { localTime, localDate, longDate, duration, addDays },
  });
}

/** What a dearer family adds to a cheaper one, in words: "a 23 kg bag, a free seat and free changes". */
export function upgradeGains(from: FareFamily, to: FareFamily): string {
  const gains: string[] = [];
  if (to.cabin !== from.cabin) gains.push(`the ${to.cabin} cabin`);
  const bags = to.checkedBags - from.checkedBags;
  if (bags > 0) gains.push(bags === 1 ? `a ${to.checkedBagKg} kg bag` : `${bags} bags of ${to.checkedBagKg} kg`);
  if (to.seatChoice !== from.seatChoice) gains.push(to.seatChoice === 'any' ? 'any seat free' : 'a free seat');
  if (to.changes !== from.changes) gains.push(to.changes === 'Free changes' ? 'free changes' : 'changes allowed (fee applies)');
  if (to.refund !== from.refund) gains.push('a refund if you cancel');
  if (to.priority && !from.priority) gains.push('priority boarding');
  if (gains.length <= 1) return gains[0] ?? 'more';
  return `${gains.slice(0, -1).join(', ')} and ${gains.at(-1)}`;
}

/** Records the fare upsells of the results shown (placement results); returns the session's tactic. */
export function recordFareUpsellsShown(db: Db, results: readonly DirectionResults[], ctx: { sessionId: string; now: Date }): TacticAssignment {
  const tactic = assignTactic(db, 'free_to_paid_upgrade', ctx.sessionId);
  const impressions = results.flatMap((r) => r.flights.flatMap((f) => fareUpsells(db, f)));
  recordOfferShown(db, { sessionId: ctx.sessionId, placement: 'results', tactic, at: ctx.now }, impressions);
  return tactic;
}

export function showResults(req: Request, res: Response): void {
  const input = req.query as Record<string, unknown>;
  const parsed = parseSearch(req, input);
  if (!parsed.ok) return renderSearch(req, res, 422, searchFormValues(input), parsed.errors);
  renderResults(req, res, 200, parsed.query, buildResults(req, parsed.query, parsed.airports, parsed.today), {}, {});
}

/** POST /checkouts: the customer chose a fare (one per direction); open a checkout with the fares quoted now. */
export function chooseFares(req: Request, res: Response): void {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const parsed = parseSearch(req, body);
  if (!parsed.ok) return renderSearch(req, res, 422, searchFormValues(body), parsed.errors);
  const query = parsed.query;
  const choice = ChooseFaresSchema.safeParse({
    outboundFare: body.outboundFare,
    returnFare: query.return ? (body.returnFare ?? '') : undefined,
  });
  const chosenRaw = { outboundFare: String(body.outboundFare ?? ''), returnFare: String(body.returnFare ?? '') };
  const rerender = (errors: FieldErrors) =>
    renderResults(req, res, 422, query, buildResults(req, query, parsed.airports, parsed.today), errors, chosenRaw);
  if (!choice.success) return rerender(z.flattenError(choice.error).fieldErrors as FieldErrors);
  try {
    const id = openCheckout(req.deps.db, {
      search: query,
      outboundFareId: choice.data.outboundFare,
      returnFareId: choice.data.returnFare ?? null,
      sessionId: req.sessionId,
      now: req.deps.clock.now(),
    });
    res.redirect(303, `/checkouts/${id}/passengers`);
  } catch (error) {
    if (error instanceof ValidationError) return rerender(error.fieldErrors);
    throw error;
  }
}

/**
 * Opens a checkout for the fares chosen (one per direction of the search), quoting them now and
 * recording the fare upsell taken. Throws ValidationError naming outboundFare / returnFare.
 */
export function openCheckout(
  db: Db,
  input: { search: SearchQuery; outboundFareId: number; returnFareId: number | null; sessionId: string; now: Date },
): string {
  const { search, now } = input;
  const party: Party = { adults: search.adults, children: search.children, infants: search.infants };
  const legs: Array<[Direction, number | null, string, string, string]> = [['outbound', input.outboundFareId, search.from, search.to, search.depart]];
  if (search.return) legs.push(['return', input.returnFareId, search.to, search.from, search.return]);
  const errors: FieldErrors = {};
  const selected: Array<{ direction: Direction; flight: FlightOption; fare: FlightOption['fares'][number] }> = [];
  for (const [direction, fareId, from, to, date] of legs) {
    const field = direction === 'outbound' ? 'outboundFare' : 'returnFare';
    const flight = findFlights(db, { from, to, date, party, now }).find((f) => f.fares.some((fa) => fa.fareId === fareId));
    const fare = flight?.fares.find((fa) => fa.fareId === fareId);
    if (!flight || !fare) errors[field] = [`Choose one of the ${direction} fares shown`];
    else if (fare.seatsLeft < search.adults + search.children)
      errors[field] = [`Only ${fare.seatsLeft} ${fare.family.name} seats are left on ${flight.flightNumber}: choose another fare or flight`];
    else selected.push({ direction, flight, fare });
  }
  if (Object.keys(errors).length > 0) throw new ValidationError('Choose a fare for each direction', errors);

  const id = newId();
  const tactic = assignTactic(db, 'free_to_paid_upgrade', input.sessionId);
  db.transaction(() => {
    insertCheckout(db, {
      id,
      sessionId: input.sessionId,
      tripType: search.return ? 'return' : 'one_way',
      ...party,
      now,
      flights: selected.map(({ direction, flight, fare }) => ({
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
    // The fare upsells this shopper saw for the chosen flights belong to this checkout from now on,
    // so that the booking's events tell the whole story (shown on results, then accepted or not).
    const claim = db.prepare(
      `UPDATE offer_events SET checkout_id = @checkoutId
       WHERE session_id = @sessionId AND checkout_id IS NULL AND placement = 'results' AND item_key = @itemKey`,
    );
    for (const { flight } of selected) claim.run({ checkoutId: id, sessionId: input.sessionId, itemKey: `flight:${flight.id}` });
    for (const { flight, fare } of selected) {
      const upsell = fareUpsells(db, flight).find((u) => u.family === fare.family.code);
      if (upsell) recordOfferResponse(db, { sessionId: input.sessionId, checkoutId: id, placement: 'results', tactic, at: now }, upsell, 'accepted');
    }
  })();
  return id;
}
