// Where Skylark Air flies: the routes of the catalogue grouped by the airport they leave from, for
// the search form's "To" list (destinations grouped by origin, filtered by a script) and the route
// list page (GET /where-we-fly).
import type { Db } from '../../db/database.ts';
import { cachedCatalogue } from '../../db/statements.ts';
import { duration } from '../../lib/time.ts';
import { listAirports, listRoutes, type Airport } from './flights.repository.ts';

export type NetworkOrigin = {
  airport: Airport;
  /** Its destinations by city, each with the flight time in words. */
  destinations: Array<{ airport: Airport; flightTime: string }>;
};

/** Every airport with a route, by city, and its destinations by city. Read once per database: do not mutate. */
export const networkOf: (db: Db) => readonly NetworkOrigin[] = cachedCatalogue((db) => {
  const airports = listAirports(db);
  const byCode = new Map(airports.map((a) => [a.code, a]));
  const byOrigin = new Map<string, NetworkOrigin['destinations']>();
  for (const route of listRoutes(db)) {
    const to = byCode.get(route.destination);
    if (!to || !byCode.has(route.origin)) continue;
    const list = byOrigin.get(route.origin) ?? [];
    list.push({ airport: to, flightTime: duration(route.durationMin) });
    byOrigin.set(route.origin, list);
  }
  return Object.freeze(
    airports
      .filter((a) => byOrigin.has(a.code))
      .map((airport) => ({
        airport,
        destinations: byOrigin.get(airport.code)!.sort((a, b) => a.airport.city.localeCompare(b.airport.city) || a.airport.code.localeCompare(b.airport.code)),
      })),
  );
});

/**
 * The search form's "To" list without JavaScript: a group of destinations per origin, the origin
 * chosen (if any) first, the destination typed selected in it (or in the first group that has it).
 */
export function destinationGroups(db: Db, values: { from: string; to: string }): Array<NetworkOrigin & { selected: string | null }> {
  const from = values.from.trim().toUpperCase();
  const to = values.to.trim().toUpperCase();
  const network = networkOf(db);
  const ordered = [...network.filter((o) => o.airport.code === from), ...network.filter((o) => o.airport.code !== from)];
  let placed = false;
  return ordered.map((origin) => {
    const has = !placed && origin.destinations.some((d) => d.airport.code === to);
    if (has) placed = true;
    return { ...origin, selected: has ? to : null };
  });
}
