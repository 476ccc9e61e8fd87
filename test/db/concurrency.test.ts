// Two connections on one database file stand for two server processes: what one writes, the other
// must neither lose nor fail on. (test/app/two-processes.test.ts runs real processes under load.)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { BUSY_TIMEOUT_MS, loadMigrations, migrate, openDatabase, type Db, type Migration } from '../../src/db/database.ts';
import { ensureCatalogue, seedCatalogue } from '../../src/features/catalogue/seed.ts';
import { recordOfferShown, type OfferEventContext, type OfferImpression } from '../../src/features/offers/offer-events.ts';

const dirs: string[] = [];
const open: Db[] = [];

function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'skylark-concurrency-'));
  dirs.push(dir);
  return join(dir, 'skylark.sqlite');
}

function connect(file: string): Db {
  const db = openDatabase(file);
  open.push(db);
  return db;
}

afterEach(() => {
  for (const db of open.splice(0)) db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const AT = new Date('2026-11-27T09:00:00Z');
const HOTEL: OfferImpression = { offer: { code: 'HOTEL_STAY', kind: 'cross_sell', category: 'hotel' }, itemKey: null, price: { amountMinor: 9900, currency: 'EUR' } };
const BAG: OfferImpression = { offer: { code: 'BAG_23KG', kind: 'cross_sell', category: 'bag' }, itemKey: 'bag:p1:outbound', price: { amountMinor: 3500, currency: 'EUR' } };

function shownRows(db: Db): number {
  return db.prepare("SELECT count(*) FROM offer_events WHERE event = 'shown'").pluck().get() as number;
}

describe('transactions across processes', () => {
  it('every transaction takes the write lock when it begins (BEGIN IMMEDIATE), so it never fails half-way on another writer', () => {
    const file = tempFile();
    const a = connect(file);
    migrate(a);
    const b = connect(file);
    b.pragma('busy_timeout = 0'); // the other process, answering at once instead of waiting
    const write = b.prepare("INSERT INTO idempotency_keys (idempotency_key, request_hash, method, path, created_at) VALUES ('k', 'h', 'POST', '/', 'now')");
    a.transaction(() => {
      // Nothing written yet by `a`, and still `b` cannot write: the lock was taken at BEGIN.
      expect(() => write.run()).toThrow(/database is locked/);
    })();
    expect(write.run().changes).toBe(1);
  });

  it('keeps better-sqlite3\'s variants and savepoints: .deferred() for a reader, nested calls inside one transaction', () => {
    const db = connect(tempFile());
    migrate(db);
    const outer = db.transaction(() => {
      db.transaction(() => db.prepare("INSERT INTO idempotency_keys (idempotency_key, request_hash, method, path, created_at) VALUES ('n', 'h', 'POST', '/', 'now')").run())();
      return db.inTransaction;
    });
    expect(outer()).toBe(true);
    expect(typeof outer.deferred).toBe('function');
    expect(db.prepare('SELECT count(*) FROM idempotency_keys').pluck().get()).toBe(1);
  });

  it('waits for another writer for the busy timeout rather than failing at once', () => {
    const db = connect(tempFile());
    expect(db.pragma('busy_timeout', { simple: true })).toBe(BUSY_TIMEOUT_MS);
    expect(BUSY_TIMEOUT_MS).toBeGreaterThanOrEqual(1000);
  });

  it('two migrations starting together on one new file apply each version once', () => {
    const file = tempFile();
    const a = connect(file);
    const b = connect(file);
    const migrations = loadMigrations();
    const latest = migrations.at(-1)!.version;
    // `b` reads version 0, then `a` migrates the whole file before `b` starts applying: `b` must
    // re-read the version under the write lock rather than run 001 again on existing tables.
    class RacedByA extends Array<Migration> {
      override [Symbol.iterator]() {
        migrate(a, migrations);
        return super[Symbol.iterator]();
      }
    }
    expect(migrate(b, RacedByA.from(migrations) as Migration[])).toEqual({ from: 0, to: latest });
    expect(b.pragma('user_version', { simple: true })).toBe(latest);
  });

  it('a process that found the new file empty does not reseed it once another process has seeded it (customers\' rows stay)', () => {
    const file = tempFile();
    const a = connect(file);
    const b = connect(file);
    migrate(a);
    migrate(b);
    const options = { seed: 20261127, now: AT };
    // `b` checked for airports before `a` seeded and is about to seed: the check under the lock stops it.
    expect(ensureCatalogue(a, options)).toBe(true);
    a.prepare("INSERT INTO idempotency_keys (idempotency_key, request_hash, method, path, created_at) VALUES ('customer', 'h', 'POST', '/', 'now')").run();
    expect(seedCatalogue(b, options, { onlyIfEmpty: true })).toBe(false);
    expect(b.prepare('SELECT count(*) FROM idempotency_keys').pluck().get()).toBe(1);
  });
});

describe('impressions recorded on a unique key (migration 006)', () => {
  const ctx = (checkoutId: string | null): OfferEventContext => ({ sessionId: 's1', checkoutId, placement: 'extras', at: AT });

  it('counts an impression once per session, checkout, offer, item and placement, NULL checkout and item included, from two connections', () => {
    const file = tempFile();
    const a = connect(file);
    migrate(a);
    const b = connect(file);
    expect(recordOfferShown(a, ctx(null), [HOTEL, BAG])).toBe(2);
    expect(recordOfferShown(b, ctx(null), [HOTEL, BAG])).toBe(0);
    expect(recordOfferShown(b, ctx('c1'), [HOTEL])).toBe(1);
    expect(recordOfferShown(a, { ...ctx('c1'), placement: 'review' }, [HOTEL])).toBe(1);
    expect(recordOfferShown(a, { ...ctx('c1'), sessionId: 's2' }, [HOTEL])).toBe(1);
    expect(shownRows(a)).toBe(5);
  });

  it('records a page view\'s impressions in one transaction: all or none', () => {
    const db = connect(tempFile());
    migrate(db);
    const broken: OfferImpression = { ...BAG, offer: { ...BAG.offer, kind: 'nonsense' as 'upsell' } };
    expect(() => recordOfferShown(db, ctx('c1'), [HOTEL, broken])).toThrow(/CHECK constraint/);
    expect(shownRows(db)).toBe(0);
  });

  it('removes the duplicates older versions wrote and then refuses new ones', () => {
    const file = tempFile();
    const db = connect(file);
    migrate(db, loadMigrations().filter((m) => m.version <= 5));
    const insert = db.prepare(
      `INSERT INTO offer_events (session_id, checkout_id, offer_code, kind, category, placement, item_key, price_minor, currency, event, created_at)
       VALUES (?, ?, 'HOTEL_STAY', 'cross_sell', 'hotel', 'extras', ?, 9900, 'EUR', ?, '2026-11-27T09:00:00.000Z')`,
    );
    for (let i = 0; i < 3; i += 1) {
      insert.run('s1', null, null, 'shown');
      insert.run('s1', 'c1', 'hotel', 'shown');
      insert.run('s1', 'c1', 'hotel', 'accepted');
    }
    migrate(db);
    expect(db.prepare('SELECT checkout_id, item_key, event, count(*) AS n FROM offer_events GROUP BY 1, 2, 3 ORDER BY 1, 2, 3').all()).toEqual([
      { checkout_id: null, item_key: null, event: 'shown', n: 1 },
      { checkout_id: 'c1', item_key: 'hotel', event: 'accepted', n: 3 },
      { checkout_id: 'c1', item_key: 'hotel', event: 'shown', n: 1 },
    ]);
    // The first row of each is the one kept.
    expect(db.prepare("SELECT min(id) FROM offer_events WHERE event = 'shown'").pluck().get()).toBe(1);
    expect(() => insert.run('s1', null, null, 'shown')).toThrow(/UNIQUE constraint failed/);
    expect(insert.run('s1', 'c1', 'hotel', 'accepted').changes).toBe(1);
  });

  it('a connection opened without our settings (a tester\'s sqlite3) still cannot write a duplicate', () => {
    const file = tempFile();
    migrate(connect(file));
    const raw = new Database(file);
    open.push(raw);
    recordOfferShown(raw, ctx(null), [HOTEL]);
    expect(() =>
      raw
        .prepare(
          `INSERT INTO offer_events (session_id, offer_code, kind, category, placement, price_minor, currency, event, created_at)
           VALUES ('s1', 'HOTEL_STAY', 'cross_sell', 'hotel', 'extras', 1, 'EUR', 'shown', 'x')`,
        )
        .run(),
    ).toThrow(/UNIQUE/);
  });
});
