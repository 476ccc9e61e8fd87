// GET /airports and GET /flights: the catalogue and the search, over the search domain the results
// page uses too (validate-search.ts, search-results.ts, fare-upsells.ts).
import { TACTIC } from '../offers/codes.ts';
import { fareUpsells, recordFareUpsellsShown } from '../search/fare-upsells.ts';
import { listAirports } from '../search/flights.repository.ts';
import { partyOf, searchResults } from '../search/search-results.ts';
import { validateSearch } from '../search/validate-search.ts';
import { tacticAssignments } from '../tactics/assignments.ts';
import { operation, problems } from './operation.ts';
import { presentAirport, presentFlightSearch } from './presenters.ts';
import { AirportListSchema, FlightSearchSchema, FLIGHTS_QUERY_DOCS, FlightsQuerySchema } from './search.schema.ts';

export const listAirportsOperation = operation({
  operationId: 'listAirports',
  tag: 'Catalogue',
  summary: 'List the airports',
  description: 'Every airport of the network, by city. Codes are what GET /flights takes as from and to.',
  responses: [{ status: 200, description: 'The airports.', schema: AirportListSchema }],
  handle: ({ ctx }) => ({ status: 200, body: { airports: listAirports(ctx.db).map(presentAirport) } }),
});

export const searchFlightsOperation = operation({
  operationId: 'searchFlights',
  tag: 'Catalogue',
  summary: 'Search flights and fares',
  description:
    'The flights of the day on the route, each direction, with every fare family quoted for the party (all-in prices). ' +
    'Validated exactly like the results page: a 422 problem names each field (from, to, depart, return, adults, children, infants). ' +
    'The fare upsells listed (each family above the cheapest fare the party can buy) are recorded as shown (placement results), like the page.',
  query: FlightsQuerySchema,
  queryDocs: FLIGHTS_QUERY_DOCS,
  responses: [{ status: 200, description: 'The flights and fares.', schema: FlightSearchSchema }, ...problems(422)],
  handle: ({ query, ctx }) => {
    const { db, now, sessionId } = ctx;
    const search = validateSearch(db, query, now);
    const results = searchResults(db, search.query, { airports: search.airports, today: search.today, now });
    const party = partyOf(search.query);
    const upsells = new Map(results.flatMap((r) => r.flights).map((f) => [f.id, fareUpsells(db, f, party)]));
    // The API lists every upsell as data (no page, so no hint, order or badge): the fare upgrade tactic acts on all.
    const tactic = tacticAssignments(db, sessionId).of(TACTIC.free_to_paid_upgrade);
    recordFareUpsellsShown(db, { sessionId, now }, [...upsells.values()].flat().map((upsell) => ({ upsell, tactic })));
    return { status: 200, body: presentFlightSearch(search.query, results, upsells) };
  },
});
