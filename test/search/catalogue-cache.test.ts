// Work done once instead of per request: airports and fare families are read once per database
// (until the catalogue is seeded again) and the search schema is built once per day.
import { describe, expect, it } from 'vitest';
import { seedCatalogue } from '../../src/features/catalogue/seed.ts';
import { findAirport, findFareFamily } from '../../src/features/extras/extras.repository.ts';
import { listHotelsIn, type Hotel } from '../../src/features/hotels/hotels.repository.ts';
import { airportCodes, listAirports, listFareFamilies } from '../../src/features/search/flights.repository.ts';
import { searchSchema } from '../../src/features/search/search.schema.ts';
import { createTestDb, TEST_NOW, TEST_SEED } from '../helpers/db.ts';

describe('the catalogue as requests read it', () => {
  it('reads airports and fare families once per database, and again after the catalogue is seeded', () => {
    const db = createTestDb();
    const airports = listAirports(db);
    const families = listFareFamilies(db);
    db.prepare("UPDATE airports SET city = 'Changed behind the cache' WHERE code = 'DUB'").run();
    expect(listAirports(db)).toBe(airports);
    expect(listFareFamilies(db)).toBe(families);
    expect(airportCodes(db).has('DUB')).toBe(true);

    seedCatalogue(db, { seed: TEST_SEED, now: new Date(TEST_NOW) });
    expect(listAirports(db)).not.toBe(airports);
    expect(listAirports(db)).toEqual(airports);
    expect(listFareFamilies(db)).not.toBe(families);
  });

  it('reads the hotels, airports and fare families of the extras step once per database, and again after seeding', () => {
    const db = createTestDb();
    const hotels = listHotelsIn(db, 'LIS');
    const family = findFareFamily(db, 'basic');
    expect(hotels.length).toBeGreaterThan(2);
    expect(findAirport(db, 'DUB')?.city).toBe('Dublin');
    db.prepare("UPDATE hotels SET name = 'Changed behind the cache' WHERE airport_code = 'LIS'").run();
    db.prepare("UPDATE airports SET city = 'Changed behind the cache' WHERE code = 'DUB'").run();
    expect(listHotelsIn(db, 'LIS')).toBe(hotels);
    expect(findFareFamily(db, 'basic')).toBe(family);
    expect(findAirport(db, 'DUB')?.city).toBe('Dublin');
    expect(() => (hotels as Hotel[]).pop()).toThrow(TypeError);

    seedCatalogue(db, { seed: TEST_SEED, now: new Date(TEST_NOW) });
    expect(listHotelsIn(db, 'LIS')).not.toBe(hotels);
    expect(listHotelsIn(db, 'LIS')).toEqual(hotels);
  });

  it('keeps each database its own catalogue', () => {
    const a = createTestDb();
    const b = createTestDb();
    expect(listAirports(a)).not.toBe(listAirports(b));
    expect(listAirports(a)).toEqual(listAirports(b));
  });

  it('hands out airports that cannot be changed by a caller', () => {
    const airports = listAirports(createTestDb()) as unknown as Array<{ city: string }>;
    expect(() => {
      airports[0]!.city = 'Elsewhere';
    }).toThrow(TypeError);
    expect(() => airports.pop()).toThrow(TypeError);
  });

  it('builds the search schema once per day and set of airports', () => {
    const codes = airportCodes(createTestDb());
    const today = searchSchema({ today: '2026-11-27', airportCodes: codes });
    expect(searchSchema({ today: '2026-11-27', airportCodes: codes })).toBe(today);
    const tomorrow = searchSchema({ today: '2026-11-28', airportCodes: codes });
    expect(tomorrow).not.toBe(today);
    // The day is part of the rules: a departure today is valid today and in the past tomorrow.
    const query = { from: 'DUB', to: 'LIS', depart: '2026-11-27' };
    expect(today.safeParse(query).success).toBe(true);
    expect(tomorrow.safeParse(query).success).toBe(false);
  });
});
