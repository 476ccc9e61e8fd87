// GET /airports and GET /flights: the catalogue and the search, over the results page's own functions.
import { listAirports } from '../search/flights.repository.ts';
import { recordFareUpsellsShown, searchResults, validateSearch } from '../search/search.routes.ts';
import { FLIGHT_SEARCH } from './examples.ts';
import { operation, problems } from './operation.ts';
import { presentAirport, presentFlightSearch } from './presenters.ts';
import { validationProblem, renameFields } from './problem.ts';
import { AirportListSchema, FlightSearchSchema, FlightsQuerySchema } from './search.schema.ts';

export const listAirportsOperation = operation({
  operationId: 'listAirports',
  tag: 'Catalogue',
  summary: 'List the airports',
  description: 'Every airport of the network, by city. Codes are what GET /flights takes as from and to.',
  responses: [{ status: 200, description: 'The airports.', schema: AirportListSchema }, ...problems(500)],
  example: {
    response: {
      status: 200,
      body: { airports: [{ code: 'DUB', name: 'Dublin Airport', city: 'Dublin', country: 'Ireland', timeZone: 'Europe/Dublin' }] },
    },
  },
  handle: ({ ctx }) => ({ status: 200, body: { airports: listAirports(ctx.db).map(presentAirport) } }),
});

export const searchFlightsOperation = operation({
  operationId: 'searchFlights',
  tag: 'Catalogue',
  summary: 'Search flights and fares',
  description:
    'The flights of the day on the route, each direction, with every fare family quoted for the party (all-in prices). ' +
    'Validated exactly like the results page: a 422 problem names each field (from, to, depart, return, adults, children, infants). ' +
    'The fare upsells listed are recorded as shown (placement results), like the page.',
  query: FlightsQuerySchema,
  responses: [{ status: 200, description: 'The flights and fares.', schema: FlightSearchSchema }, ...problems(422)],
  example: { response: { status: 200, body: FLIGHT_SEARCH } },
  handle: ({ query, ctx }) => {
    const { db, now, sessionId } = ctx;
    const checked = validateSearch(db, query, now);
    if (!checked.ok) throw validationProblem(renameFields(checked.errors, (f) => f), 'The search needs another look: see errors.');
    const results = searchResults(db, checked.query, { airports: checked.airports, today: checked.today, now });
    recordFareUpsellsShown(db, results, { sessionId, now });
    return { status: 200, body: presentFlightSearch(db, checked.query, results) };
  },
});
