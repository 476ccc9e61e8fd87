// The rules of a search, shared by the results page, POST /checkouts (the page's form and the API's
// body) and GET /api/v1/flights: the schema's rules (airports we serve, dates from the customer's
// today to the end of the schedule, the party), then a route we fly. Problems come back as issues
// whose path is the search's own field (`['depart']`), each with a code.
import type { Db } from '../../db/database.ts';
import { ValidationError } from '../../lib/errors.ts';
import { localDate } from '../../lib/time.ts';
import { issuesFromZod } from '../../lib/validation.ts';
import { airportCodes, listAirports, routeExists, type Airport } from './flights.repository.ts';
import { searchSchema, type SearchQuery } from './search.schema.ts';

export const SEARCH_PROBLEM = 'The search needs another look: see errors.';

export type ValidSearch = { query: SearchQuery; airports: readonly Airport[]; today: string };

/** The customer's today: the date at the airport they fly from (UTC while it is unknown). */
export function todayAt(airports: readonly Airport[], now: Date, from: unknown): string {
  const code = typeof from === 'string' ? from.trim().toUpperCase() : '';
  return localDate(now, airports.find((a) => a.code === code)?.timeZone ?? 'UTC');
}

/**
 * A search as typed (strings from a URL or a form) or as sent by the JSON API (numbers, null for no
 * return). Throws ValidationError with issues on the search's fields.
 */
export function validateSearch(db: Db, input: unknown, now: Date): ValidSearch {
  const airports = listAirports(db);
  const from = typeof input === 'object' && input !== null ? (input as Record<string, unknown>).from : undefined;
  const today = todayAt(airports, now, from);
  const parsed = searchSchema({ today, airportCodes: airportCodes(db) }).safeParse(input, { reportInput: true });
  if (!parsed.success) throw new ValidationError(SEARCH_PROBLEM, issuesFromZod(parsed.error));
  const query = parsed.data;
  if (!routeExists(db, query.from, query.to)) {
    const city = (code: string) => airports.find((a) => a.code === code)?.city ?? code;
    throw new ValidationError(SEARCH_PROBLEM, [
      {
        path: ['to'],
        code: 'route_not_flown',
        message: `Skylark Air does not fly from ${city(query.from)} to ${city(query.to)}. Choose another destination.`,
      },
    ]);
  }
  return { query, airports, today };
}
