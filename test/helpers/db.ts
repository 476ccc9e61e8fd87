// A fresh, migrated, seeded database for one test. Seeding takes about a second, so each test
// worker seeds once per (seed, now) into memory, keeps the serialized bytes, and every test gets
// its own in-memory copy of them: tests never share rows, and a copy takes milliseconds.
import Database from 'better-sqlite3';
import { migrate, openDatabase, type Db } from '../../src/db/database.ts';
import { seedCatalogue } from '../../src/features/catalogue/seed.ts';

export const TEST_SEED = 20261127;
export const TEST_NOW = '2026-11-27T09:00:00Z';

const templates = new Map<string, Buffer>();

function template(seed: number, now: string): Buffer {
  const key = `${seed}|${now}`;
  let bytes = templates.get(key);
  if (!bytes) {
    const db = openDatabase(':memory:');
    migrate(db);
    seedCatalogue(db, { seed, now: new Date(now) });
    bytes = db.serialize();
    db.close();
    templates.set(key, bytes);
  }
  return bytes;
}

export function createTestDb(options: { seed?: number; now?: string } = {}): Db {
  const db = new Database(template(options.seed ?? TEST_SEED, options.now ?? TEST_NOW));
  db.pragma('foreign_keys = ON');
  return db;
}
