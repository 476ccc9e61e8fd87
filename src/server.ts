// The only module that touches the outside world: environment, database file, port, signals.
import type { Server } from 'node:http';
import { createApp } from './app.ts';
import { configOfProcess } from './config.ts';
import { migrate, openDatabase, optimize } from './db/database.ts';
import { keepSecret } from './db/secrets.ts';
import { clockFrom, movableClock } from './lib/clock.ts';
import { createLogger } from './lib/logger.ts';
import { ensureCatalogue } from './features/catalogue/seed.ts';
import { releaseAbandonedKeys } from './features/api/idempotency.repository.ts';
import { SEAT_HOLD_SWEEP_MS, sweepExpiredSeatHolds } from './features/seats/seat-holds.ts';
import { ensureTrainerPassword } from './features/trainer/password.ts';

/** How long SIGTERM waits for requests in flight before it closes their connections. */
const SHUTDOWN_GRACE_MS = 8000;

function main(): void {
  const loaded = configOfProcess();
  if (!loaded) return;

  // In TEST_MODE a tester can move the clock (POST /api/v1/test/clock); otherwise it only runs.
  const clock = loaded.testMode ? movableClock(clockFrom(loaded.demoNow)) : clockFrom(loaded.demoNow);
  const db = openDatabase(loaded.databasePath);
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
  const seeded = ensureCatalogue(db, { seed: loaded.demoSeed, now: clock.now() });
  if (seeded) console.log(`Seeded the demo catalogue (seed ${loaded.demoSeed}) into ${loaded.databasePath}`);
  optimize(db, 'open');

  // Without SESSION_SECRET (development and tests only), the first start keeps its generated secret in
  // the database: a restart, or a second process on the same file, keeps every open form valid.
  // After seeding, which empties every table of a fresh file.
  const config =
    loaded.sessionSecretSource === 'environment' ? loaded : { ...loaded, sessionSecret: keepSecret(db, 'session', loaded.sessionSecret, clock.now()) };
  const logger = createLogger(config);

  // Expired seat holds (and those of abandoned checkouts) give their seats back even when nobody writes
  // on that flight; each sweep is one IMMEDIATE transaction, serialised with payments.
  const sweepHolds = () => {
    try {
      sweepExpiredSeatHolds(db, clock.now());
    } catch (error) {
      logger.error({ err: error }, `Seat hold sweep failed (retried in ${SEAT_HOLD_SWEEP_MS / 1000} s)`);
    }
  };
  sweepHolds();
  const sweeper = setInterval(sweepHolds, SEAT_HOLD_SWEEP_MS);
  sweeper.unref();

  // After seeding, which empties every table: the generated password's hash must survive it.
  const trainerPassword = ensureTrainerPassword(db, config.trainerPassword, clock.now());

  const app = createApp({ db, config, clock, logger });
  const server: Server = config.host ? app.listen(config.port, config.host) : app.listen(config.port);
  server.once('listening', () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const base = `http://${config.host ?? 'localhost'}:${port}`;
    const lines = [`Skylark Air is ready on ${base}`];
    // Printed once, with the ready line: only its scrypt hash is kept. Set TRAINER_PASSWORD to choose your own.
    if (trainerPassword) lines.push(`Trainer console: ${base}/trainer (password, shown only this once: ${trainerPassword})`);
    console.log(lines.join('\n'));
  });
  // A port already taken (or not ours to use): say so and stop with a failing code, never "ready".
  server.once('error', (error: NodeJS.ErrnoException) => {
    const why = error.code === 'EADDRINUSE' ? `port ${config.port} is already in use (set PORT to another one)` : error.message;
    console.error(`Skylark Air could not listen: ${why}`);
    clearInterval(sweeper);
    db.close();
    process.exitCode = 1;
  });

  let stopping = false;
  const shutdown = (signal: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received: finishing the requests in flight, then closing the database.`);
    clearInterval(sweeper);
    // Requests in flight finish; idle keep-alive connections close now; after the grace period the rest do.
    const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      optimize(db, 'close');
      db.close();
      logger.flush();
      process.exitCode = exitCode;
    });
    server.closeIdleConnections();
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  // Express 5 catches what a handler throws or rejects; a promise forgotten outside one is logged, not fatal.
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));
  process.on('uncaughtException', (error) => {
    logger.fatal({ err: error }, 'uncaught exception: stopping');
    shutdown('uncaughtException', 1);
  });
}

main();
