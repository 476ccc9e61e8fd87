// The only module that touches the outside world: environment, database file, port, signals.
import { createApp } from './app.ts';
import { configOfProcess } from './config.ts';
import { migrate, openDatabase } from './db/database.ts';
import { clockFrom } from './lib/clock.ts';
import { ensureCatalogue } from './features/catalogue/seed.ts';
import { releaseAbandonedKeys } from './features/api/idempotency.repository.ts';
import { SEAT_HOLD_SWEEP_MS, sweepExpiredSeatHolds } from './features/seats/seat-holds.ts';

function main(): void {
  const config = configOfProcess();
  if (!config) return;

  const clock = clockFrom(config.demoNow);
  const db = openDatabase(config.databasePath);
  try {
    migrate(db);
  } catch (error) {
    console.error((error as Error).message);
    db.close();
    process.exitCode = 1;
    return;
  }
  const abandoned = releaseAbandonedKeys(db);
  if (abandoned > 0) console.log(`Released ${abandoned} idempotency key(s) left in progress by the previous run`);
  const seeded = ensureCatalogue(db, { seed: config.demoSeed, now: clock.now() });
  if (seeded) console.log(`Seeded the demo catalogue (seed ${config.demoSeed}) into ${config.databasePath}`);

  // Expired seat holds (and those of abandoned checkouts) give their seats back even when nobody writes
  // on that flight; each sweep is one IMMEDIATE transaction, serialised with payments.
  const sweepHolds = () => {
    try {
      sweepExpiredSeatHolds(db, clock.now());
    } catch (error) {
      console.error(`Seat hold sweep failed (retried in ${SEAT_HOLD_SWEEP_MS / 1000} s):`, (error as Error).message);
    }
  };
  sweepHolds();
  const sweeper = setInterval(sweepHolds, SEAT_HOLD_SWEEP_MS);
  sweeper.unref();

  const app = createApp({ db, config, clock });
  const server = app.listen(config.port, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    console.log(`Skylark Air is ready on http://localhost:${port}`);
  });

  const shutdown = (signal: string) => {
    console.log(`${signal} received: closing the server and the database.`);
    clearInterval(sweeper);
    server.close(() => {
      db.close();
      process.exitCode = 0;
    });
    server.closeAllConnections();
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main();
