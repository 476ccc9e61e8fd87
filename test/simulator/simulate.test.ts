import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import { dashboardFigures } from '../../src/features/dashboard/figures.ts';
import { DEFAULT_FILTERS } from '../../src/features/dashboard/filters.ts';
import { DEFAULT_PARAMS, takeProbability, type SimulationParams } from '../../src/features/simulator/model.ts';
import { simulate } from '../../src/features/simulator/simulate.ts';
import { ValidationError } from '../../src/lib/errors.ts';
import { seededIds } from '../../src/lib/ids.ts';
import { generateReference, generateTicketNumber, REFERENCE_PATTERN } from '../../src/features/bookings/reference.ts';
import { TACTIC } from '../../src/features/offers/codes.ts';
import { setTactic } from '../../src/features/trainer/set-tactic.ts';
import { createTestDb, TEST_NOW, TEST_SEED } from '../helpers/db.ts';

const runOn = (db: Db, shoppers: number, seed: number, params: SimulationParams = DEFAULT_PARAMS) =>
  simulate({ db, now: new Date(TEST_NOW), demoSeed: TEST_SEED }, { shoppers, seed, params });

/**
 * The database's whole content: per table, its row count and a SHA-256 of every row (ids included) in
 * the table's own order. A digest, not the rows: the catalogue alone is 240,000 rows.
 */
function dumpOf(db: Db): Record<string, string> {
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  return Object.fromEntries(
    tables.map((table) => {
      const hash = createHash('sha256');
      let rows = 0;
      for (const row of db.prepare(`SELECT * FROM "${table}"`).raw().iterate() as Iterable<unknown[]>) {
        hash.update(`${JSON.stringify(row, (_key, value: unknown) => (Buffer.isBuffer(value) ? value.toString('hex') : value))}\n`);
        rows += 1;
      }
      return [table, `${rows} rows, sha256 ${hash.digest('hex')}`];
    }),
  );
}
const rowsIn = (dump: Record<string, string>, table: string) => Number(dump[table]!.split(' ')[0]);

describe('the shopper simulator', () => {
  it('walks shoppers through the real commands: their checkouts, events and bookings are ordinary rows marked simulated', async () => {
    const db = createTestDb();
    const outcome = await runOn(db, 150, 7);
    expect(outcome).toMatchObject({ done: 150, total: 150, cancelled: false });
    expect(outcome.booked).toBeGreaterThan(20);
    expect(db.prepare('SELECT COUNT(*) FROM bookings WHERE simulated = 1').pluck().get()).toBe(outcome.booked);
    expect(db.prepare('SELECT COUNT(*) FROM bookings WHERE simulated = 0').pluck().get()).toBe(0);
    expect(db.prepare('SELECT COUNT(*) FROM offer_events WHERE simulated = 0').pluck().get()).toBe(0);
    expect(db.prepare("SELECT COUNT(*) FROM offer_events WHERE event = 'shown'").pluck().get()).toBeGreaterThan(100);
    const sim = dashboardFigures(db, { ...DEFAULT_FILTERS, traffic: 'simulated' });
    expect(sim.bookings).toBe(outcome.booked);
    expect(sim.funnel[0]).toMatchObject({ step: 'search', sessions: 150 });
    expect(sim.funnel.at(-1)!.sessions).toBe(outcome.booked);
    expect(dashboardFigures(db, DEFAULT_FILTERS).bookings).toBe(0);
  });

  it('is deterministic: the same seed, parameters and demo clock give the same database, every table and id; another seed another', async () => {
    const a = createTestDb();
    const b = createTestDb();
    const outcome = await runOn(a, 120, 7);
    await runOn(b, 120, 7);
    expect(outcome.booked).toBeGreaterThan(10);
    const dump = dumpOf(a);
    expect(rowsIn(dump, 'checkouts')).toBeGreaterThan(outcome.booked);
    expect(rowsIn(dump, 'passengers')).toBeGreaterThanOrEqual(outcome.booked);
    expect(dumpOf(b)).toEqual(dump);
    const c = createTestDb();
    await runOn(c, 120, 8);
    const other = dumpOf(c);
    expect(other['checkouts']).not.toEqual(dump['checkouts']);
    expect(other['bookings']).not.toEqual(dump['bookings']);
  });

  it('runs again with the same seed on the same database, with new checkout ids and references', async () => {
    const db = createTestDb();
    const first = await runOn(db, 60, 7);
    const second = await runOn(db, 60, 7);
    expect(second.booked).toBe(first.booked);
    expect(db.prepare('SELECT COUNT(*) FROM bookings').pluck().get()).toBe(first.booked + second.booked);
  });

  it('keeps going when a fare sells out during the run: the shopper picks another flight', async () => {
    const db = createTestDb();
    const everyoneBooks: SimulationParams = {
      abandon: { results: 0, checkout: 0, passengers: 0, seats: 0, extras: 0, payment: 0 },
      take: { bag: 0, priority: 0, upgrade: 0, hotel: 0, insurance: 0, bundle: 0 },
      priceSensitivity: 0,
      tacticLift: 0,
    };
    // Three flights on sale, 9 Basic seats each (27): 12 shoppers of 1-2 adults (at most 24 seats) fill some of them.
    const onSale = db
      .prepare("SELECT f.id FROM flights f JOIN fares fa ON fa.flight_id = f.id AND fa.family = 'basic' WHERE f.departs_at > ? AND fa.seats_total - fa.seats_sold >= 9 ORDER BY f.departs_at, f.id LIMIT 3")
      .pluck()
      .all(new Date(Date.parse(TEST_NOW) + 86_400_000).toISOString()) as number[];
    db.prepare(`UPDATE fares SET seats_sold = seats_total WHERE flight_id NOT IN (${onSale.join(',')})`).run();
    db.prepare(`UPDATE fares SET seats_sold = seats_total - 9 WHERE flight_id IN (${onSale.join(',')}) AND family = 'basic'`).run();
    const outcome = await runOn(db, 12, 2, everyoneBooks);
    expect(outcome).toMatchObject({ done: 12, booked: 12, cancelled: false });
    const left = db.prepare(`SELECT seats_total - seats_sold FROM fares WHERE flight_id IN (${onSale.join(',')}) AND family = 'basic' ORDER BY 1`).pluck().all();
    expect(left[0]).toBeLessThan(2); // too few for a party of two: openCheckout refused one there, and they booked another flight
  });

  it('follows the model: nobody abandons and everyone takes insurance at take 1, sensitivity 0', async () => {
    const db = createTestDb();
    const params: SimulationParams = {
      abandon: { results: 0, checkout: 0, passengers: 0, seats: 0, extras: 0, payment: 0 },
      take: { bag: 0, priority: 0, upgrade: 0, hotel: 0, insurance: 1, bundle: 0 },
      priceSensitivity: 0,
      tacticLift: 0,
    };
    const outcome = await runOn(db, 20, 3, params);
    expect(outcome.booked).toBe(20);
    const attach = dashboardFigures(db, { ...DEFAULT_FILTERS, traffic: 'simulated' }).attach;
    expect(attach.find((x) => x.key === 'insurance')!.rate.rate).toBe(1);
    expect(attach.find((x) => x.key === 'bags')!.rate.rate).toBe(0);
  });

  it('adds the tactic lift where the page recorded the tactic as applied to the shopper (checkout add-ons on)', async () => {
    const params = (tacticLift: number): SimulationParams => ({
      abandon: { results: 0, checkout: 0, passengers: 0, seats: 0, extras: 0, payment: 0 },
      take: { bag: 0, priority: 0, upgrade: 0, hotel: 0, insurance: 0.5, bundle: 0 },
      priceSensitivity: 0,
      tacticLift,
    });
    const insuranceAttach = async (lift: number) => {
      const db = createTestDb();
      setTactic(db, TACTIC.checkout_addons, { mode: 'on' });
      await runOn(db, 30, 5, params(lift));
      return dashboardFigures(db, { ...DEFAULT_FILTERS, traffic: 'simulated' }).attach.find((x) => x.key === 'insurance')!.rate.rate!;
    };
    expect(await insuranceAttach(1)).toBe(1); // 0.5 × (1 + 1)
    const without = await insuranceAttach(0);
    expect(without).toBeGreaterThan(0.2);
    expect(without).toBeLessThan(0.8);
  });

  it('takes the Comfort bundle only where the page shows it: with the bundle in A/B, arm B sessions buy it and arm A sessions never see it', async () => {
    const db = createTestDb();
    setTactic(db, TACTIC.bundle, { mode: 'ab', split: 50 });
    const params: SimulationParams = {
      abandon: { results: 0, checkout: 0, passengers: 0, seats: 0, extras: 0, payment: 0 },
      take: { bag: 0, priority: 0, upgrade: 0, hotel: 0, insurance: 0, bundle: 1 },
      priceSensitivity: 0,
      tacticLift: 0,
    };
    const outcome = await runOn(db, 24, 11, params);
    expect(outcome.booked).toBe(24);
    const byArm = db
      .prepare(
        `SELECT variant, event, COUNT(*) AS n FROM offer_events WHERE offer_code = 'BUNDLE_COMFORT' AND tactic = 'bundle' GROUP BY variant, event ORDER BY variant, event`,
      )
      .all() as Array<{ variant: string; event: string; n: number }>;
    expect(byArm.filter((r) => r.variant === 'A')).toEqual([]); // arm A: not on the page, not recorded, not bought
    expect(byArm.find((r) => r.variant === 'B' && r.event === 'accepted')?.n).toBeGreaterThan(0);
    const sold = db.prepare(`SELECT COUNT(*) FROM booking_items WHERE category = 'bundle' AND total_minor > 0`).pluck().get() as number;
    expect(sold).toBeGreaterThan(0);
    expect(sold).toBeLessThan(24); // roughly half the shoppers are in arm A
  });

  it('computes the take probability from base, price sensitivity and tactic lift', () => {
    const p = { ...DEFAULT_PARAMS, take: { ...DEFAULT_PARAMS.take, bag: 0.4 }, priceSensitivity: 0.5, tacticLift: 0.25 };
    expect(takeProbability(p, 'bag', 0, false)).toBeCloseTo(0.4, 10);
    expect(takeProbability(p, 'bag', 10_000, false)).toBeCloseTo(0.3, 10); // €100: × (1 − 0.5 × 0.5)
    expect(takeProbability(p, 'bag', 10_000, true)).toBeCloseTo(0.375, 10);
    expect(takeProbability(p, 'bag', 90_000, false)).toBeCloseTo(0.2, 10); // capped at €200
  });

  it('refuses 0 or 10,000,000 shoppers and parameters outside 0-1, before anything runs', async () => {
    const db = createTestDb();
    const issues = async (shoppers: number, params: unknown) => {
      try {
        await simulate({ db, now: new Date(TEST_NOW), demoSeed: TEST_SEED }, { shoppers, seed: 1, params } as never);
      } catch (error) {
        if (error instanceof ValidationError) return error.issues.map((i) => i.path.join('.'));
        throw error;
      }
      return [];
    };
    expect(await issues(0, DEFAULT_PARAMS)).toEqual(['shoppers']);
    expect(await issues(10_000_000, DEFAULT_PARAMS)).toEqual(['shoppers']);
    expect(await issues(5, { ...DEFAULT_PARAMS, tacticLift: 1.5, take: { ...DEFAULT_PARAMS.take, bag: -0.1 } })).toEqual(['params.take.bag', 'params.tacticLift']);
    expect(db.prepare('SELECT COUNT(*) FROM funnel_events').pluck().get()).toBe(0);
  });

  it('stops when cancelled, reporting how far it got', async () => {
    const db = createTestDb();
    let reports = 0;
    const outcome = await simulate(
      { db, now: new Date(TEST_NOW), demoSeed: TEST_SEED, batch: 10, onProgress: () => reports++, isCancelled: () => reports >= 2 },
      { shoppers: 100, seed: 1, params: DEFAULT_PARAMS },
    );
    expect(outcome).toMatchObject({ done: 20, cancelled: true });
  });
});

describe('the seeded ids of a simulation', () => {
  it('gives the same ids for the same key and others for another key, references and ticket numbers in their format', () => {
    const take = (key: string) => {
      const ids = seededIds(key);
      return [ids.token(), ids.token(8), generateReference(ids), generateTicketNumber(ids)];
    };
    const a = take('skylark-sim:7:0');
    expect(take('skylark-sim:7:0')).toEqual(a);
    expect(take('skylark-sim:8:0')[0]).not.toBe(a[0]);
    expect(a[0]).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(a[1]).toMatch(/^[A-Za-z0-9_-]{11}$/);
    expect(a[2]).toMatch(REFERENCE_PATTERN);
    expect(a[3]).toMatch(/^555\d{10}$/);
  });

  it('draws whole numbers below the bound, every value reached', () => {
    const ids = seededIds('bounds');
    const seen = new Set(Array.from({ length: 400 }, () => ids.int(7)));
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(() => ids.int(0)).toThrow(RangeError);
  });
});
