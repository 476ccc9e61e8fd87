// Writes the demo catalogue into the database: one transaction that empties every table (a full
// reset of demo data, customers' checkouts and bookings included) and inserts the catalogue the
// seed and the clock determine. Same seed + same clock = the same rows, ids included.
import type { Db } from '../../db/database.ts';
import { forgetCatalogueCaches } from '../../db/statements.ts';
import { AIRCRAFT, aircraftByCode, seatCount } from './aircraft.ts';
import { AIRPORTS, airportByCode } from './airports.ts';
import { FARE_FAMILIES, type FareFamilyCode } from './fare-families.ts';
import { seatsLeftByPreload } from './preload.ts';
import type { Cabin } from './aircraft.ts';
import { baseFares, cabinShares, daysToDeparture, fitToSeats, seatsOnSale, taxesForRoute } from './fare-pricing.ts';
import { buildCars } from './cars.ts';
import { buildHotels, hotelDetails } from './hotels.ts';
import { OFFERS, TACTICS } from './offers.ts';
import { buildRoutes, buildSchedule } from './schedule.ts';

export type SeedOptions = { seed: number; now: Date };

/**
 * Every table of the schema, children before the tables they reference, found from the schema
 * itself so that tables added by later migrations are wiped too without editing this file.
 */
function tablesInDeleteOrder(db: Db): string[] {
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  const foreignKeys = db.prepare('SELECT "table" FROM pragma_foreign_key_list(?)').pluck();
  const references = new Map(tables.map((t) => [t, new Set((foreignKeys.all(t) as string[]).filter((p) => p !== t))]));
  const order: string[] = [];
  const remaining = new Set(tables);
  while (remaining.size > 0) {
    // A table may go once no remaining table points at it.
    const next = [...remaining].find((t) => ![...remaining].some((other) => other !== t && references.get(other)?.has(t)));
    // A reference cycle cannot be ordered: the rest goes in name order, with foreign keys deferred to the commit.
    const batch = next ? [next] : [...remaining];
    for (const t of batch) {
      order.push(t);
      remaining.delete(t);
    }
  }
  return order;
}

/**
 * Rebuilds the catalogue. With `onlyIfEmpty`, it first looks for airports under the write lock and
 * does nothing when another process seeded the file meanwhile; returns whether it wrote.
 */
export function seedCatalogue(db: Db, { seed, now }: SeedOptions, options: { onlyIfEmpty?: boolean } = {}): boolean {
  if (!Number.isSafeInteger(seed)) throw new Error(`The seed must be a whole number, got ${seed}`);
  if (Number.isNaN(now.getTime())) throw new Error('The clock gave an invalid date');

  const routes = buildRoutes();
  const flights = buildSchedule(routes, now);
  const hotels = buildHotels(seed, new Map(AIRPORTS.map((a) => [a.code, a.city])));
  const cars = buildCars(seed, AIRPORTS.map((a) => a.code));

  const deletes = tablesInDeleteOrder(db).map((t) => db.prepare(`DELETE FROM "${t}"`));
  const insertAirport = db.prepare(
    'INSERT INTO airports (code, name, city, country, time_zone, latitude, longitude) VALUES (@code, @name, @city, @country, @timeZone, @latitude, @longitude)',
  );
  const insertSeatMap = db.prepare(
    'INSERT INTO seat_maps (aircraft_code, aircraft_name, layout_json, seat_count) VALUES (@code, @name, @layoutJson, @seatCount)',
  );
  const insertFamily = db.prepare(
    `INSERT INTO fare_families (code, name, rank, cabin, cabin_bag, checked_bags, checked_bag_kg, seat_choice, changes, refund, priority)
     VALUES (@code, @name, @rank, @cabin, @cabinBag, @checkedBags, @checkedBagKg, @seatChoice, @changes, @refund, @priority)`,
  );
  const insertRoute = db.prepare(
    'INSERT INTO routes (id, origin, destination, distance_km, duration_min, aircraft_code) VALUES (@id, @origin, @destination, @distanceKm, @durationMin, @aircraftCode)',
  );
  // Positional parameters for the two big tables: ~60,000 flights and ~180,000 fares, where
  // building a named-parameter object per row is measurable.
  const insertFlight = db.prepare(
    'INSERT INTO flights (id, flight_number, route_id, origin, destination, departure_date, departs_at, arrives_at, aircraft_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertFare = db.prepare(
    "INSERT INTO fares (id, flight_id, family, base_minor, taxes_minor, currency, seats_total, seats_sold) VALUES (?, ?, ?, ?, ?, 'EUR', ?, 0)",
  );
  const insertHotel = db.prepare(
    "INSERT INTO hotels (id, airport_code, name, stars, area, nightly_minor, currency, rating_tenths, free_cancel_days) VALUES (@id, @airportCode, @name, @stars, @area, @nightlyMinor, 'EUR', @ratingTenths, @freeCancelDays)",
  );
  const insertCar = db.prepare(
    "INSERT INTO cars (id, airport_code, class, model, seats, bags, daily_minor, currency) VALUES (@id, @airportCode, @carClass, @model, @seats, @bags, @dailyMinor, 'EUR')",
  );
  const insertOffer = db.prepare(
    `INSERT INTO offers (code, kind, category, name, description, price_rule_json, eligibility_json, placements_json, active)
     VALUES (@code, @kind, @category, @name, @description, @priceRuleJson, @eligibilityJson, @placementsJson, 1)`,
  );
  const insertTactic = db.prepare(
    'INSERT INTO tactics (code, name, description, mode, dark_pattern) VALUES (@code, @name, @description, @mode, @darkPattern)',
  );

  // Per route and per aircraft, computed once rather than per flight.
  const taxesByRoute = new Map(routes.map((r) => [r.id, taxesForRoute(airportByCode(r.origin), airportByCode(r.destination))]));
  const sharesByAircraft = new Map(
    AIRCRAFT.map((a) => [a.code, cabinShares(seatCount(a.layout, 'economy'), seatCount(a.layout, 'business'))]),
  );

  // Fare inventory never exceeds the seats the seat map shows free on the seed's day (issue 8): the
  // pre-load of occupied seats stands for tickets sold before the demo, so each cabin's families
  // are fitted to what it leaves.
  const cabinOf = new Map(FARE_FAMILIES.map((f) => [f.code, f.cabin]));
  const seatsLeft = new Map<string, number>();
  const fitToCabins = (onSale: ReadonlyMap<FareFamilyCode, number>, aircraftCode: string, days: number) => {
    const fitted = new Map<FareFamilyCode, number>();
    for (const cabin of ['economy', 'business'] as const satisfies readonly Cabin[]) {
      const key = `${aircraftCode}|${cabin}|${days}`;
      let free = seatsLeft.get(key);
      if (free === undefined) {
        free = seatsLeftByPreload(aircraftByCode(aircraftCode).layout, cabin, days);
        seatsLeft.set(key, free);
      }
      const inCabin = new Map([...onSale].filter(([family]) => cabinOf.get(family) === cabin));
      for (const [family, n] of fitToSeats(inCabin, free)) fitted.set(family, n);
    }
    return fitted;
  };

  const hasAirports = db.prepare('SELECT EXISTS (SELECT 1 FROM airports)').pluck();
  const write = db.transaction((): boolean => {
    if (options.onlyIfEmpty && hasAirports.get() === 1) return false;
    db.pragma('defer_foreign_keys = ON');
    for (const statement of deletes) statement.run();

    for (const airport of AIRPORTS) insertAirport.run(airport);
    for (const aircraft of AIRCRAFT) {
      insertSeatMap.run({ code: aircraft.code, name: aircraft.name, layoutJson: JSON.stringify(aircraft.layout), seatCount: seatCount(aircraft.layout) });
    }
    for (const family of FARE_FAMILIES) insertFamily.run(family);
    for (const route of routes) insertRoute.run(route);

    let fareId = 0;
    flights.forEach((flight, index) => {
      const flightId = index + 1;
      insertFlight.run(flightId, flight.flightNumber, flight.routeId, flight.origin, flight.destination, flight.departureDate, flight.departsAt, flight.arrivesAt, flight.aircraftCode);
      const shares = sharesByAircraft.get(flight.aircraftCode) ?? cabinShares(seatCount(aircraftByCode(flight.aircraftCode).layout), 0);
      const taxes = taxesByRoute.get(flight.routeId) ?? 0;
      const bases = baseFares(seed, flight, shares.has('business'));
      const onSale = new Map([...bases.keys()].map((family) => [family, seatsOnSale(seed, flight, family, shares.get(family) ?? 0, now)] as const));
      const seats = fitToCabins(onSale, flight.aircraftCode, daysToDeparture(flight.departsAt, now));
      for (const [family, baseMinor] of bases) insertFare.run(++fareId, flightId, family, baseMinor, taxes, seats.get(family) ?? 0);
    });

    hotels.forEach((hotel, index) => insertHotel.run({ id: index + 1, ...hotel, ...hotelDetails(index + 1, hotel.stars) }));
    cars.forEach((car, index) => insertCar.run({ id: index + 1, ...car }));
    for (const offer of OFFERS) {
      insertOffer.run({
        code: offer.code,
        kind: offer.kind,
        category: offer.category,
        name: offer.name,
        description: offer.description,
        priceRuleJson: JSON.stringify(offer.priceRule),
        eligibilityJson: JSON.stringify(offer.eligibility),
        placementsJson: JSON.stringify(offer.placements),
      });
    }
    for (const tactic of TACTICS) insertTactic.run(tactic);
    return true;
  });

  // With foreign keys enforced, SQLite empties a table row by row to check each one, which on a
  // reseed costs more than writing the whole catalogue; without, it truncates at once. Every table
  // is emptied and the catalogue is built from constants, so nothing can dangle (the seed tests run
  // PRAGMA foreign_key_check). Inside an outer transaction the pragma is a no-op and the ordered,
  // deferred deletes above keep it correct, only slower.
  const enforced = db.pragma('foreign_keys', { simple: true }) === 1;
  if (enforced) db.pragma('foreign_keys = OFF');
  try {
    return write();
  } finally {
    if (enforced) db.pragma('foreign_keys = ON');
    // Airports and fare families are read once per database: read them again from the new catalogue.
    forgetCatalogueCaches(db);
  }
}

/** Seeds only an empty catalogue (a first start); returns whether it did. */
export function ensureCatalogue(db: Db, options: SeedOptions): boolean {
  const hasAirports = db.prepare('SELECT EXISTS (SELECT 1 FROM airports)').pluck().get() === 1;
  if (hasAirports) return false;
  // Two processes starting on a new file both see it empty: the second must not wipe the first's seed.
  return seedCatalogue(db, options, { onlyIfEmpty: true });
}
