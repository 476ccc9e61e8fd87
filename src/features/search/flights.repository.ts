// Flights and fares as the results page and checkout creation read them.
import type { Db } from '../../db/database.ts';
import { cachedCatalogue, preparedOnce } from '../../db/statements.ts';
import { quoteFare } from '../catalogue/fare-pricing.ts';

export type Airport = { code: string; name: string; city: string; country: string; timeZone: string };

export type FareFamily = {
  code: string;
  name: string;
  rank: number;
  cabin: 'economy' | 'business';
  cabinBag: string;
  checkedBags: number;
  checkedBagKg: number;
  seatChoice: 'paid' | 'standard' | 'any';
  changes: string;
  refund: string;
  priority: boolean;
};

export type QuotedFare = {
  fareId: number;
  family: FareFamily;
  seatsLeft: number;
  adultMinor: number;
  childMinor: number;
  infantMinor: number;
  taxesMinor: number;
  infantTaxesMinor: number;
  currency: string;
  /** All passengers, all-in (fares, taxes and fees). */
  totalMinor: number;
  /** One adult, all-in. */
  perAdultMinor: number;
};

export type FlightOption = {
  id: number;
  flightNumber: string;
  origin: string;
  destination: string;
  departureDate: string;
  departsAt: string;
  arrivesAt: string;
  durationMin: number;
  distanceKm: number;
  aircraftCode: string;
  aircraftName: string;
  fares: QuotedFare[];
};

export type Party = { adults: number; children: number; infants: number };

const statements = preparedOnce((db: Db) => ({
  airports: db.prepare('SELECT code, name, city, country, time_zone FROM airports ORDER BY city, code'),
  fareFamilies: db.prepare('SELECT * FROM fare_families ORDER BY rank'),
  route: db.prepare('SELECT 1 FROM routes WHERE origin = ? AND destination = ?'),
  flightsOfDay: db.prepare(
    `SELECT f.id, f.flight_number, f.origin, f.destination, f.departure_date, f.departs_at, f.arrives_at,
            f.aircraft_code, r.duration_min, r.distance_km, sm.aircraft_name
     FROM flights f JOIN routes r ON r.id = f.route_id JOIN seat_maps sm ON sm.aircraft_code = f.aircraft_code
     WHERE f.origin = ? AND f.destination = ? AND f.departure_date = ? AND f.departs_at > ?
     ORDER BY f.departs_at`,
  ),
  faresOfFlight: db.prepare('SELECT * FROM fares WHERE flight_id = ?'),
  faresOfDays: db.prepare(
    `SELECT fa.id, fa.flight_id, fa.family, fa.base_minor, fa.taxes_minor, fa.currency, fa.seats_total, fa.seats_sold, f.departure_date, f.departs_at
     FROM flights f JOIN fares fa ON fa.flight_id = f.id
     WHERE f.origin = @from AND f.destination = @to AND f.departure_date BETWEEN @first AND @last AND f.departs_at > @now
       AND fa.seats_total - fa.seats_sold >= @seated`,
  ),
  routes: db.prepare('SELECT origin, destination, duration_min, distance_km FROM routes ORDER BY origin, destination'),
  nearestDays: db.prepare(
    `SELECT DISTINCT departure_date AS d FROM flights
     WHERE origin = ? AND destination = ? AND departure_date >= ? AND departure_date <> ?
     ORDER BY abs(julianday(departure_date) - julianday(?)) LIMIT 4`,
  ),
}));

/** Every airport, by city. Read once per database (the catalogue changes only when seeded): do not mutate. */
export const listAirports: (db: Db) => readonly Airport[] = cachedCatalogue((db) =>
  Object.freeze(
    (statements(db).airports.all() as Array<Record<string, string>>).map(
      (a): Airport => Object.freeze({ code: a.code!, name: a.name!, city: a.city!, country: a.country!, timeZone: a.time_zone! }),
    ),
  ),
);

/** The codes of listAirports, as a set (the search schema's check), kept as long as the airports. */
export const airportCodes: (db: Db) => ReadonlySet<string> = cachedCatalogue((db) => new Set(listAirports(db).map((a) => a.code)));

/** The fare families, cheapest first. Read once per database (see listAirports): do not mutate. */
export const listFareFamilies: (db: Db) => readonly FareFamily[] = cachedCatalogue((db) =>
  Object.freeze(readFareFamilies(db).map((f) => Object.freeze(f))),
);

/** The fare families by code. */
const fareFamilyByCode: (db: Db) => ReadonlyMap<string, FareFamily> = cachedCatalogue((db) => new Map(listFareFamilies(db).map((f) => [f.code, f])));

function readFareFamilies(db: Db): FareFamily[] {
  return (statements(db).fareFamilies.all() as Array<Record<string, unknown>>).map((f) => ({
    code: f.code as string,
    name: f.name as string,
    rank: f.rank as number,
    cabin: f.cabin as 'economy' | 'business',
    cabinBag: f.cabin_bag as string,
    checkedBags: f.checked_bags as number,
    checkedBagKg: f.checked_bag_kg as number,
    seatChoice: f.seat_choice as 'paid' | 'standard' | 'any',
    changes: f.changes as string,
    refund: f.refund as string,
    priority: f.priority === 1,
  }));
}

export function routeExists(db: Db, from: string, to: string): boolean {
  return statements(db).route.get(from, to) !== undefined;
}

type FareRow = {
  id: number;
  flight_id: number;
  family: string;
  base_minor: number;
  taxes_minor: number;
  currency: string;
  seats_total: number;
  seats_sold: number;
};

export function quote(fare: FareRow, family: FareFamily, departsAt: string, party: Party, now: Date): QuotedFare {
  const q = quoteFare({ baseMinor: fare.base_minor, taxesMinor: fare.taxes_minor, family: fare.family, departsAt, now });
  const seated = party.adults + party.children;
  return {
    fareId: fare.id,
    family,
    seatsLeft: fare.seats_total - fare.seats_sold,
    adultMinor: q.adultMinor,
    childMinor: q.childMinor,
    infantMinor: q.infantMinor,
    taxesMinor: q.taxesMinor,
    infantTaxesMinor: q.infantTaxesMinor,
    currency: q.currency,
    totalMinor:
      q.adultMinor * party.adults +
      q.childMinor * party.children +
      q.infantMinor * party.infants +
      q.taxesMinor * seated +
      q.infantTaxesMinor * party.infants,
    perAdultMinor: q.adultMinor + q.taxesMinor,
  };
}

/** The flights of one day on a route, each with its fares quoted for the party. */
export function findFlights(db: Db, search: { from: string; to: string; date: string; party: Party; now: Date }): FlightOption[] {
  const families = fareFamilyByCode(db);
  const flights = statements(db)
    .flightsOfDay.all(search.from, search.to, search.date, search.now.toISOString()) as Array<Record<string, unknown>>;
  return flights.map((f) => {
    const fares = (statements(db).faresOfFlight.all(f.id) as FareRow[])
      .map((fare) => quote(fare, families.get(fare.family)!, f.departs_at as string, search.party, search.now))
      .sort((a, b) => a.family.rank - b.family.rank);
    return {
      id: f.id as number,
      flightNumber: f.flight_number as string,
      origin: f.origin as string,
      destination: f.destination as string,
      departureDate: f.departure_date as string,
      departsAt: f.departs_at as string,
      arrivesAt: f.arrives_at as string,
      durationMin: f.duration_min as number,
      distanceKm: f.distance_km as number,
      aircraftCode: f.aircraft_code as string,
      aircraftName: f.aircraft_name as string,
      fares,
    };
  });
}

/**
 * The lowest all-in price for the party of each day from `first` to `last` on a route (the strip of
 * nearby dates): fares the party can buy, of flights not yet departed. A day without one is absent.
 */
export function lowestFareByDay(
  db: Db,
  search: { from: string; to: string; first: string; last: string; party: Party; now: Date },
): Map<string, { amountMinor: number; currency: string }> {
  const families = fareFamilyByCode(db);
  const seated = search.party.adults + search.party.children;
  const rows = statements(db).faresOfDays.all({ from: search.from, to: search.to, first: search.first, last: search.last, now: search.now.toISOString(), seated }) as Array<
    FareRow & { departure_date: string; departs_at: string }
  >;
  const lowest = new Map<string, { amountMinor: number; currency: string }>();
  for (const row of rows) {
    const q = quote(row, families.get(row.family)!, row.departs_at, search.party, search.now);
    const best = lowest.get(row.departure_date);
    if (!best || q.totalMinor < best.amountMinor) lowest.set(row.departure_date, { amountMinor: q.totalMinor, currency: q.currency });
  }
  return lowest;
}

export type Route = { origin: string; destination: string; durationMin: number; distanceKm: number };

/** Every route flown, by origin then destination code. Read once per database (see listAirports): do not mutate. */
export const listRoutes: (db: Db) => readonly Route[] = cachedCatalogue((db) =>
  Object.freeze(
    (statements(db).routes.all() as Array<{ origin: string; destination: string; duration_min: number; distance_km: number }>).map(
      (r): Route => Object.freeze({ origin: r.origin, destination: r.destination, durationMin: r.duration_min, distanceKm: r.distance_km }),
    ),
  ),
);

/** The days nearest to `date` that have a flight on the route (for the "no flight that day" page). */
export function nearestFlightDays(db: Db, from: string, to: string, date: string, today: string): string[] {
  const rows = statements(db)
    .nearestDays.all(from, to, today, date, date) as Array<{ d: string }>;
  return rows.map((r) => r.d).sort();
}
