import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import { dashboardFigures } from '../../src/features/dashboard/figures.ts';
import { DEFAULT_FILTERS } from '../../src/features/dashboard/filters.ts';
import { DEFAULT_PARAMS, takeProbability, type SimulationParams } from '../../src/features/simulator/model.ts';
import { simulate } from '../../src/features/simulator/simulate.ts';
import { ValidationError } from '../../src/lib/errors.ts';
import { TACTIC } from '../../src/features/offers/codes.ts';
import { setTactic } from '../../src/features/trainer/set-tactic.ts';
import { createTestDb, TEST_NOW, TEST_SEED } from '../helpers/db.ts';

const runOn = (db: Db, shoppers: number, seed: number, params: SimulationParams = DEFAULT_PARAMS) =>
  simulate({ db, now: new Date(TEST_NOW), demoSeed: TEST_SEED, paymentTimeoutMs: 0 }, { shoppers, seed, params });

/** What a run leaves, without the random ids (checkout ids, booking references, ticket numbers). */
function contentOf(db: Db) {
  return {
    events: db.prepare('SELECT session_id, offer_code, placement, tactic, variant, item_key, price_minor, event, created_at, simulated FROM offer_events ORDER BY id').all(),
    bookings: db.prepare('SELECT session_id, total_minor, created_at, simulated FROM bookings ORDER BY id').all(),
    items: db.prepare('SELECT bi.item_key, bi.kind, bi.category, bi.total_minor FROM booking_items bi ORDER BY bi.id').all(),
    funnel: db.prepare('SELECT session_id, step, simulated FROM funnel_events ORDER BY session_id, step').all(),
  };
}

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

  it('is deterministic: the same seed, parameters and demo clock give the same events and bookings', async () => {
    const a = createTestDb();
    const b = createTestDb();
    await runOn(a, 80, 7);
    await runOn(b, 80, 7);
    expect(contentOf(a)).toEqual(contentOf(b));
    const c = createTestDb();
    await runOn(c, 80, 8);
    expect(contentOf(c)).not.toEqual(contentOf(a));
  });

  it('follows the model: nobody abandons and everyone takes insurance at take 1, sensitivity 0', async () => {
    const db = createTestDb();
    const params: SimulationParams = {
      abandon: { results: 0, checkout: 0, passengers: 0, seats: 0, extras: 0, payment: 0 },
      take: { bag: 0, priority: 0, upgrade: 0, hotel: 0, insurance: 1 },
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
      take: { bag: 0, priority: 0, upgrade: 0, hotel: 0, insurance: 0.5 },
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
        await simulate({ db, now: new Date(TEST_NOW), demoSeed: TEST_SEED, paymentTimeoutMs: 0 }, { shoppers, seed: 1, params } as never);
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
      { db, now: new Date(TEST_NOW), demoSeed: TEST_SEED, paymentTimeoutMs: 0, batch: 10, onProgress: () => reports++, isCancelled: () => reports >= 2 },
      { shoppers: 100, seed: 1, params: DEFAULT_PARAMS },
    );
    expect(outcome).toMatchObject({ done: 20, cancelled: true });
  });
});
