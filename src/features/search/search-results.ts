// The flights of each direction of a valid search, as the results page and GET /api/v1/flights show them.
import type { Db } from '../../db/database.ts';
import type { Direction } from '../checkout/checkout.repository.ts';
import { bagPrice } from '../checkout/offer-pricing.ts';
import { findFlights, lowestFareByDay, nearestFlightDays, type Airport, type FlightOption, type Party } from './flights.repository.ts';
import type { Money } from '../../lib/money.ts';
import { addDays } from '../../lib/time.ts';
import type { SearchQuery } from './search.schema.ts';

export type DirectionResults = {
  direction: Direction;
  bagFee: ReturnType<typeof bagPrice> | null;
  from: Airport;
  to: Airport;
  date: string;
  flights: FlightOption[];
  nearestDays: string[];
};

export function partyOf(query: Pick<SearchQuery, 'adults' | 'children' | 'infants'>): Party {
  return { adults: query.adults, children: query.children, infants: query.infants };
}

/** The legs of a search: outbound, and return when it has a return date. */
export function legsOf(query: SearchQuery): Array<{ direction: Direction; from: string; to: string; date: string }> {
  const legs: Array<{ direction: Direction; from: string; to: string; date: string }> = [
    { direction: 'outbound', from: query.from, to: query.to, date: query.depart },
  ];
  if (query.return) legs.push({ direction: 'return', from: query.to, to: query.from, date: query.return });
  return legs;
}

/** The flights of each direction with the bag fee and, when none fly that day, the nearest days. */
export function searchResults(db: Db, query: SearchQuery, ctx: { airports: readonly Airport[]; today: string; now: Date }): DirectionResults[] {
  const party = partyOf(query);
  const byCode = new Map(ctx.airports.map((a) => [a.code, a]));
  return legsOf(query).map(({ direction, from, to, date }) => {
    const flights = findFlights(db, { from, to, date, party, now: ctx.now });
    return {
      direction,
      bagFee: flights[0] ? bagPrice(db, flights[0]) : null,
      from: byCode.get(from)!,
      to: byCode.get(to)!,
      date,
      flights,
      nearestDays: flights.length === 0 ? nearestFlightDays(db, from, to, date, ctx.today) : [],
    };
  });
}

/** How many days either side of the date searched the results page's strip of nearby dates shows. */
export const NEARBY_DAYS = 3;

/** The lowest all-in price for the party of each day within NEARBY_DAYS of each direction's date (the days with a fare it can buy). */
export function nearbyLowestFares(db: Db, query: SearchQuery, now: Date): Map<Direction, Map<string, Money>> {
  const party = partyOf(query);
  return new Map(
    legsOf(query).map(({ direction, from, to, date }) => [
      direction,
      lowestFareByDay(db, { from, to, first: addDays(date, -NEARBY_DAYS), last: addDays(date, NEARBY_DAYS), party, now }),
    ]),
  );
}
