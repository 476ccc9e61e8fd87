// Handlers of the search form, the results page and the choice of fares: thin adapters over the
// search domain (validate-search.ts, search-results.ts, open-checkout.ts) and the results view model.
// They speak the form's flat fields (from … infants, outboundFare, returnFare); the domain its paths.
import type { Request, Response } from 'express';
import type { CommandContext } from '../../lib/command.ts';
import { ValidationError, type FieldErrors, type Issue, type IssuePath } from '../../lib/errors.ts';
import { fieldErrorsFrom } from '../../lib/validation.ts';
import { TACTIC } from '../offers/codes.ts';
import { tacticAssignments } from '../tactics/assignments.ts';
import { NO_TAKE_DATA, readTakeData } from '../tactics/take-data.ts';
import { fareOffers, fareUpsells, recordFareUpsellsShown } from './fare-upsells.ts';
import { pageAfterFareChoice } from './fare-upgrade.ts';
import { listAirports } from './flights.repository.ts';
import { openCheckout, type OpenCheckoutInput } from './open-checkout.ts';
import { resultsView } from './results.view.ts';
import { destinationGroups, networkOf } from './network.ts';
import { nearbyLowestFares, partyOf, searchResults, type DirectionResults } from './search-results.ts';
import { searchFormValues, type SearchQuery } from './search.schema.ts';
import { todayAt, validateSearch, type ValidSearch } from './validate-search.ts';

const SEARCH_FIELDS = ['from', 'to', 'trip', 'depart', 'return', 'adults', 'children', 'infants'];

function commandContext(req: Request): CommandContext {
  return { db: req.deps.db, now: req.deps.clock.now(), sessionId: req.sessionId, seed: req.deps.config.demoSeed, variants: req.variants };
}

/** A search issue beside its field; the error summary lists them in the order of the form. */
function searchErrors(issues: readonly Issue[]): FieldErrors {
  const unordered = fieldErrorsFrom(issues, (path) => (SEARCH_FIELDS.includes(String(path[0])) ? String(path[0]) : undefined));
  const ordered: FieldErrors = Object.fromEntries(SEARCH_FIELDS.filter((f) => unordered[f]).map((f) => [f, unordered[f]]));
  if (unordered['']) ordered[''] = unordered[''];
  return ordered;
}

function renderSearch(req: Request, res: Response, status: number, values: Record<string, string>, errors: FieldErrors) {
  const { db, clock } = req.deps;
  const airports = listAirports(db);
  res.status(status).render('search/index', {
    pageTitle: 'Book a flight',
    airports,
    destinations: destinationGroups(db, { from: values.from ?? '', to: values.to ?? '' }),
    values,
    errors,
    today: todayAt(airports, clock.now(), values.from),
  });
}

/** The search of a query or a form, or the search form again with 422 and the values typed. */
function searchOr422(req: Request, res: Response, input: Record<string, unknown>): ValidSearch | undefined {
  try {
    return validateSearch(req.deps.db, input, req.deps.clock.now());
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    renderSearch(req, res, 422, searchFormValues(input), searchErrors(error.issues));
    return undefined;
  }
}

/** Where Skylark Air flies: every route, by the airport it leaves from, each a link to the search form filled in. */
export function showNetwork(req: Request, res: Response): void {
  res.render('search/network', { pageTitle: 'Where we fly', network: networkOf(req.deps.db) });
}

/** The search form, empty or, from "Change search", filled with the search it came from. */
export function showSearch(req: Request, res: Response): void {
  const defaults = { from: '', to: '', trip: 'return', depart: '', return: '', adults: '1', children: '0', infants: '0' };
  const given = Object.fromEntries(Object.entries(searchFormValues(req.query as Record<string, unknown>)).filter(([, v]) => v !== ''));
  renderSearch(req, res, 200, { ...defaults, ...given }, {});
}

function renderResults(req: Request, res: Response, status: number, search: ValidSearch, errors: FieldErrors, chosen: Record<string, string>) {
  const { db, clock } = req.deps;
  const { query } = search;
  const results: DirectionResults[] = searchResults(db, query, { airports: search.airports, today: search.today, now: clock.now() });
  const tactics = tacticAssignments(db, req.sessionId, req.variants);
  const party = partyOf(query);
  const view = resultsView({
    query,
    results,
    upsells: new Map(results.flatMap((r) => r.flights).map((f) => [f.id, fareUpsells(db, f, party)])),
    fareOffers: fareOffers(db),
    tactics,
    // Take data is read only when a tactic that speaks from it is assigned (on, or either arm).
    takeData: tactics.of(TACTIC.social_proof) ? readTakeData(db) : NO_TAKE_DATA,
    chosen,
    nearby: nearbyLowestFares(db, query, clock.now()),
    today: search.today,
  });
  recordFareUpsellsShown(db, { sessionId: req.sessionId, now: clock.now() }, view.impressions);
  res.status(status).render('search/results', { pageTitle: view.pageTitle, view, errors });
}

export function showResults(req: Request, res: Response): void {
  const search = searchOr422(req, res, req.query as Record<string, unknown>);
  // "Show fares" without JavaScript: the flight whose fares to open, each way (a flight number).
  const open = Object.fromEntries(
    (['outboundFlight', 'returnFlight'] as const).flatMap((k) => (typeof req.query[k] === 'string' ? [[k, String(req.query[k]).slice(0, 10)]] : [])),
  );
  if (search) renderResults(req, res, 200, search, {}, open);
}

/** A fare field's value as a fare id (NaN when it is not one: the command then asks to choose a fare). */
function fareIdFrom(value: unknown): number {
  return typeof value === 'string' && /^\d{1,10}$/.test(value) ? Number(value) : Number.NaN;
}

/** The form's fields as the command's input: the search as validated, a fare id per direction. */
function formToInput(body: Record<string, unknown>, query: SearchQuery): OpenCheckoutInput {
  return {
    search: { from: query.from, to: query.to, depart: query.depart, return: query.return, adults: query.adults, children: query.children, infants: query.infants },
    outbound: { fareId: fareIdFrom(body.outboundFare) },
    ...(query.return ? { return: { fareId: fareIdFrom(body.returnFare) } } : {}),
  };
}

/** outbound.fareId → outboundFare, return.fareId → returnFare; anything else to the error summary. */
function fareField(path: IssuePath): string | undefined {
  if (path[0] === 'outbound') return 'outboundFare';
  if (path[0] === 'return') return 'returnFare';
  return undefined;
}

/** POST /checkouts: the customer chose a fare (one per direction); open a checkout with the fares quoted now. */
export function chooseFares(req: Request, res: Response): void {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const search = searchOr422(req, res, body);
  if (!search) return;
  const chosen = { outboundFare: String(body.outboundFare ?? ''), returnFare: String(body.returnFare ?? '') };
  try {
    const { checkoutId } = openCheckout(commandContext(req), formToInput(body, search.query));
    // A Basic fare may be asked once whether to step up to Standard (free_to_paid_upgrade); else passengers.
    const tactics = tacticAssignments(req.deps.db, req.sessionId, req.variants);
    res.redirect(303, pageAfterFareChoice(req.deps.db, checkoutId, tactics, req.deps.clock.now()));
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    renderResults(req, res, 422, search, fieldErrorsFrom(error.issues, fareField), chosen);
  }
}
