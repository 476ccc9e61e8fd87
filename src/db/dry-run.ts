// A write that is tried and undone: `dryRun(db, fn)` runs fn in a transaction that is always rolled
// back and returns what fn returned. The live price bar's quote runs the very command Continue runs
// (holding seats, storing extras, releasing seats an upgrade no longer fits, recording events) and
// prices the result, so the quote is the total the next page shows; nothing of it stays. fn must be
// synchronous (better-sqlite3 transactions never span an await), so no other request sees the
// uncommitted rows.
import type { Db } from './database.ts';

const UNDO = Symbol('dry run');

export function dryRun<T>(db: Db, fn: () => T): T {
  let result: { value: T } | undefined;
  try {
    db.transaction(() => {
      result = { value: fn() };
      throw UNDO;
    })();
  } catch (error) {
    if (error !== UNDO) throw error;
  }
  return result!.value;
}
