// Reset demo data (the trainer's "start over"): every booking, seat hold, checkout, payment, offer and
// funnel event goes — every table that is neither catalogue (CATALOGUE_TABLES, owned by the test reset)
// nor the server's own (SERVER_TABLES: app secrets, the trainer's credentials and sessions) — and fares
// get their seats back. Unlike the test reset,
// the tactics keep the trainer's settings (mode and split) and offers keep their active flag.
import type { Db } from '../../db/database.ts';
import { CATALOGUE_TABLES, SERVER_TABLES } from '../testing/reset-demo-data.ts';

export type DemoReset = { deleted: Record<string, number>; faresReleased: number };

export function demoTables(db: Db): string[] {
  const keep = new Set<string>([...CATALOGUE_TABLES, ...SERVER_TABLES]);
  return (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[]).filter(
    (t) => !keep.has(t),
  );
}

/** What a reset would delete now, per table (for the confirmation page). */
export function demoDataCounts(db: Db): Record<string, number> {
  return Object.fromEntries(demoTables(db).map((t) => [t, db.prepare(`SELECT COUNT(*) FROM "${t}"`).pluck().get() as number]));
}

export function resetDemo(db: Db): DemoReset {
  const tables = demoTables(db);
  return db.transaction((): DemoReset => {
    db.pragma('defer_foreign_keys = ON');
    const deleted: Record<string, number> = {};
    for (const table of tables) deleted[table] = db.prepare(`DELETE FROM "${table}"`).run().changes;
    const faresReleased = db.prepare('UPDATE fares SET seats_sold = 0 WHERE seats_sold <> 0').run().changes;
    return { deleted, faresReleased };
  })();
}
