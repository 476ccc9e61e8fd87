// The test clock (TEST_MODE=1): a tester moves the server's clock so that holds lapse, checkouts expire
// and cut-offs pass without waiting. It never goes back before what was already recorded (a checkout
// opened or a booking made "in the future" would make holds and expiry meaningless).
import type { Db } from '../../db/database.ts';
import type { MovableClock } from '../../lib/clock.ts';
import { ConflictError } from '../../lib/errors.ts';

/** The latest instant a checkout or booking was recorded at, or null when there is none. */
export function latestRecorded(db: Db): Date | null {
  const latest = db
    .prepare('SELECT MAX(at) FROM (SELECT MAX(created_at) AS at FROM checkouts UNION ALL SELECT MAX(created_at) AS at FROM bookings)')
    .pluck()
    .get() as string | null;
  return latest ? new Date(latest) : null;
}

/** Moves the clock to `target`, refusing (409) an instant before the latest checkout or booking. */
export function moveClock(db: Db, clock: MovableClock, target: Date): Date {
  if (Number.isNaN(target.getTime())) throw new ConflictError('That is not an instant.');
  const floor = latestRecorded(db);
  if (floor && target.getTime() < floor.getTime()) {
    throw new ConflictError(`The clock cannot go back before ${floor.toISOString()}, when the last checkout or booking was recorded. Reset the demo data first.`, [
      { path: [], message: `Not before ${floor.toISOString()}`, code: 'before_recorded' },
    ]);
  }
  clock.set(target);
  return clock.now();
}
