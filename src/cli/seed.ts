// `npm run seed`: rebuilds the demo catalogue in DATABASE_PATH from DEMO_SEED and DEMO_NOW (or now).
// This is a full reset: checkouts, bookings and offer events are removed too.
import { configOfProcess } from '../config.ts';
import { migrate, openDatabase } from '../db/database.ts';
import { seedCatalogue } from '../features/catalogue/seed.ts';

function main(): void {
  const config = configOfProcess();
  if (!config) return;

  const now = config.demoNow ? new Date(config.demoNow) : new Date();
  const db = openDatabase(config.databasePath);
  try {
    migrate(db);
    const started = performance.now();
    seedCatalogue(db, { seed: config.demoSeed, now });
    const ms = Math.round(performance.now() - started);
    const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    console.log(
      `Seeded ${config.databasePath} (seed ${config.demoSeed}, now ${now.toISOString()}) in ${ms} ms: ` +
        `${count('airports')} airports, ${count('routes')} routes, ${count('flights')} flights, ${count('fares')} fares, ` +
        `${count('hotels')} hotels, ${count('offers')} offers`,
    );
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 1;
  } finally {
    db.close();
  }
}

main();
