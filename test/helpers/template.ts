// The seeded catalogue every test starts from, as bytes: migrate and seed an in-memory database,
// then serialize it. Shared by the run's globalSetup and by test/helpers/db.ts (for other seeds
// and clocks), so both build it exactly the same way.
import { migrate, openDatabase } from '../../src/db/database.ts';
import { seedCatalogue } from '../../src/features/catalogue/seed.ts';

export const TEST_SEED = 20261127;
export const TEST_NOW = '2026-11-27T09:00:00Z';

export function buildTemplate(seed: number, now: string): Buffer {
  const db = openDatabase(':memory:');
  migrate(db);
  seedCatalogue(db, { seed, now: new Date(now) });
  const bytes = db.serialize();
  db.close();
  return bytes;
}
