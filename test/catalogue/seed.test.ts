import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { migrate, openDatabase, type Db } from '../../src/db/database.ts';
import { aircraftByCode, seatsOf, type SeatMapLayout } from '../../src/features/catalogue/aircraft.ts';
import { AIRPORTS } from '../../src/features/catalogue/airports.ts';
import { OFFER_CODES, TACTIC_CODES } from '../../src/features/offers/codes.ts';
import { ensureCatalogue, seedCatalogue } from '../../src/features/catalogue/seed.ts';
import { daysToDeparture } from '../../src/features/catalogue/fare-pricing.ts';
import { seatsLeftByPreload } from '../../src/features/catalogue/preload.ts';
import { createTestDb, TEST_NOW, TEST_SEED } from '../helpers/db.ts';

const CATALOGUE_TABLES = ['airports', 'seat_maps', 'routes', 'fare_families', 'flights', 'fares', 'hotels', 'offers', 'tactics'] as const;

function freshlySeeded(seed: number, now = TEST_NOW): Db {
  const db = openDatabase(':memory:');
  migrate(db);
  seedCatalogue(db, { seed, now: new Date(now) });
  return db;
}

/**
 * A hash of every row of a table in primary-key order. The rows are joined inside SQLite: reading
 * 180,000 fares into JavaScript one by one would double the time of these tests.
 */
function digest(db: Db, table: string): string {
  const columns = db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[];
  const row = columns.map((c) => `quote("${c}")`).join(" || '|' || ");
  const text = db.prepare(`SELECT group_concat(${row}, char(10)) FROM (SELECT * FROM "${table}" ORDER BY 1)`).pluck().get() as string;
  return createHash('sha256').update(text).digest('hex');
}

describe('seeding the catalogue', () => {
  it('the same seed and clock give the same catalogue', () => {
    // Two separate seedings: the test template, and ensureCatalogue on an empty database.
    const db = openDatabase(':memory:');
    migrate(db);
    expect(ensureCatalogue(db, { seed: TEST_SEED, now: new Date(TEST_NOW) })).toBe(true);
    const template = createTestDb();
    for (const table of CATALOGUE_TABLES) expect(digest(db, table), table).toBe(digest(template, table));
  });

  it('another seed gives other prices and hotels but the same timetable', () => {
    const a = createTestDb();
    const b = freshlySeeded(TEST_SEED + 1);
    expect(digest(b, 'fares')).not.toBe(digest(a, 'fares'));
    expect(digest(b, 'hotels')).not.toBe(digest(a, 'hotels'));
    expect(digest(b, 'flights')).toBe(digest(a, 'flights'));
    expect(digest(b, 'routes')).toBe(digest(a, 'routes'));
  });

  it('writes every airport, both aircraft, four fare families, every offer and tactic', () => {
    const db = createTestDb();
    const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get();
    expect(count('airports')).toBe(AIRPORTS.length);
    expect(count('seat_maps')).toBe(2);
    expect(db.prepare('SELECT code FROM fare_families ORDER BY rank').pluck().all()).toEqual(['basic', 'standard', 'flex', 'business']);
    expect(db.prepare('SELECT code FROM offers ORDER BY code').pluck().all()).toEqual([...OFFER_CODES].sort());
    expect(db.prepare('SELECT code FROM tactics ORDER BY code').pluck().all()).toEqual([...TACTIC_CODES].sort());
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('seat maps are stored with their layout and seat count', () => {
    const db = createTestDb();
    const rows = db.prepare('SELECT * FROM seat_maps ORDER BY aircraft_code').all() as { aircraft_code: string; layout_json: string; seat_count: number }[];
    expect(rows.map((r) => r.aircraft_code)).toEqual(['A320', 'A333']);
    for (const row of rows) {
      const layout = JSON.parse(row.layout_json) as SeatMapLayout;
      expect(layout).toEqual(aircraftByCode(row.aircraft_code).layout);
      expect(row.seat_count).toBe(seatsOf(layout).length);
    }
  });

  it('ensureCatalogue leaves a seeded database alone; seedCatalogue wipes what customers did and resets the tactics', () => {
    const db = createTestDb();
    db.prepare(
      `INSERT INTO checkouts (id, session_id, trip_type, adults, children, infants, created_at, updated_at, expires_at)
       VALUES ('c1', 's1', 'one_way', 1, 0, 0, ?, ?, ?)`,
    ).run(TEST_NOW, TEST_NOW, TEST_NOW);
    db.prepare(
      `INSERT INTO offer_events (session_id, checkout_id, offer_code, kind, category, placement, price_minor, currency, event, created_at)
       VALUES ('s1', 'c1', 'TRAVEL_INSURANCE', 'cross_sell', 'insurance', 'extras', 1400, 'EUR', 'shown', ?)`,
    ).run(TEST_NOW);
    db.prepare("UPDATE tactics SET mode = 'ab' WHERE code = 'scarcity'").run();

    const now = new Date(TEST_NOW);
    expect(ensureCatalogue(db, { seed: TEST_SEED, now })).toBe(false);
    expect(db.prepare('SELECT count(*) FROM checkouts').pluck().get()).toBe(1);

    seedCatalogue(db, { seed: TEST_SEED, now });
    expect(db.prepare('SELECT count(*) FROM checkouts').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM offer_events').pluck().get()).toBe(0);
    expect(db.prepare("SELECT mode FROM tactics WHERE code = 'scarcity'").pluck().get()).toBe('off');
    expect(db.prepare('SELECT count(*) FROM flights').pluck().get()).toBe(createTestDb().prepare('SELECT count(*) FROM flights').pluck().get());
  });

  it('all money is integer minor units, and fares and hotel nights are whole euros', () => {
    const db = createTestDb();
    const notIntegers = db
      .prepare(
        `SELECT (SELECT count(*) FROM fares WHERE typeof(base_minor) <> 'integer' OR typeof(taxes_minor) <> 'integer' OR base_minor % 100 <> 0)
              + (SELECT count(*) FROM hotels WHERE typeof(nightly_minor) <> 'integer' OR nightly_minor % 100 <> 0)`,
      )
      .pluck()
      .get();
    expect(notIntegers).toBe(0);
    expect(db.prepare("SELECT DISTINCT currency FROM fares UNION SELECT DISTINCT currency FROM hotels").pluck().all()).toEqual(['EUR']);

    // Every amount in a price rule is a whole number of cents.
    const amounts: unknown[] = [];
    const walk = (value: unknown, key = ''): void => {
      if (Array.isArray(value)) value.forEach((v) => walk(v));
      else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, k);
      else if (key.endsWith('Minor')) amounts.push(value);
    };
    for (const json of db.prepare('SELECT price_rule_json FROM offers').pluck().all() as string[]) walk(JSON.parse(json));
    expect(amounts.length).toBeGreaterThanOrEqual(20);
    for (const amount of amounts) expect(Number.isSafeInteger(amount)).toBe(true);
  });

  it('every destination city has at least three hotels, two to five stars', () => {
    const db = createTestDb();
    const rows = db
      .prepare('SELECT a.code, count(h.id) AS n, min(h.stars) AS lo, max(h.stars) AS hi FROM airports a LEFT JOIN hotels h ON h.airport_code = a.code GROUP BY a.code')
      .all() as { code: string; n: number; lo: number; hi: number }[];
    expect(rows).toHaveLength(AIRPORTS.length);
    for (const row of rows) {
      expect(row.n, row.code).toBeGreaterThanOrEqual(3);
      expect(row.lo, row.code).toBeGreaterThanOrEqual(2);
      expect(row.hi, row.code).toBeLessThanOrEqual(5);
    }
    // Dearer cities cost more at the same standard.
    const avg = (code: string) => db.prepare('SELECT avg(nightly_minor * 1.0 / stars) FROM hotels WHERE airport_code = ?').pluck().get(code) as number;
    expect(avg('ZRH')).toBeGreaterThan(avg('WAW'));
  });

  it('fares: basic < standard < flex < business on every flight, with the cabin split far ahead and scarcity close in', () => {
    const db = createTestDb();
    const disorder = db
      .prepare(
        `SELECT count(*) FROM flights f
           JOIN fares b ON b.flight_id = f.id AND b.family = 'basic'
           JOIN fares s ON s.flight_id = f.id AND s.family = 'standard'
           JOIN fares x ON x.flight_id = f.id AND x.family = 'flex'
           LEFT JOIN fares z ON z.flight_id = f.id AND z.family = 'business'
          WHERE NOT (b.base_minor < s.base_minor AND s.base_minor < x.base_minor AND (z.id IS NULL OR x.base_minor < z.base_minor))`,
      )
      .pluck()
      .get();
    expect(disorder).toBe(0);
    expect(db.prepare('SELECT count(*) FROM flights f WHERE (SELECT count(*) FROM fares WHERE flight_id = f.id) < 3').pluck().get()).toBe(0);

    // Far ahead (> 60 days) the economy families share every seat the seat map leaves free: the A320's
    // 180 less the pre-load (tickets sold before the demo), to within the rounding of the split.
    const farAhead = db
      .prepare(
        `SELECT f.departs_at AS departsAt, (SELECT sum(seats_total) FROM fares WHERE flight_id = f.id AND family <> 'business') AS onSale
           FROM flights f WHERE f.aircraft_code = 'A320' AND f.departs_at > '2027-02-01'`,
      )
      .all() as Array<{ departsAt: string; onSale: number }>;
    const narrow = aircraftByCode('A320').layout;
    const gaps = new Set(farAhead.map((f) => seatsLeftByPreload(narrow, 'economy', daysToDeparture(f.departsAt, new Date(TEST_NOW))) - f.onSale));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(2);

    // Within a week, some Basic fares are down to their last few seats.
    const lastSeats = db
      .prepare("SELECT count(*) FROM fares JOIN flights f ON f.id = flight_id WHERE family = 'basic' AND seats_total BETWEEN 1 AND 3 AND f.departs_at BETWEEN ? AND '2026-12-04'")
      .pluck()
      .get(new Date(TEST_NOW).toISOString());
    expect(lastSeats).toBeGreaterThan(0);

    // Taxes per seated passenger stay in a plausible range.
    expect(db.prepare('SELECT min(taxes_minor) >= 1200 AND max(taxes_minor) <= 4500 FROM fares').pluck().get()).toBe(1);
  });
});
