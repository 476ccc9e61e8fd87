// Back to the seeded state in milliseconds, without reseeding (POST /api/v1/test/reset, and the template
// of a sandbox). Everything customers and testers did goes; the catalogue stays. Catalogue tables are
// listed here; every other table (checkouts, bookings, payments, offer_events, idempotency_keys, and any
// table a later migration adds for what customers do) is emptied. A new *catalogue* table must be added
// to CATALOGUE_TABLES, or a reset would empty it.
import type { Db } from '../../db/database.ts';
import { TACTICS } from '../catalogue/offers.ts';
import { forgetOfferCache } from '../offers/offers.repository.ts';

export const CATALOGUE_TABLES = ['airports', 'seat_maps', 'routes', 'fare_families', 'flights', 'fares', 'hotels', 'cars', 'offers', 'tactics'] as const;
/**
 * Kept by a reset besides the catalogue: the server's own secrets (a reset must not void open forms) and
 * the trainer's password hash and sessions (it must not lock the trainer out).
 */
export const SERVER_TABLES = ['app_secrets', 'trainer_credentials', 'trainer_sessions'] as const;

export type ResetResult = { deleted: Record<string, number>; faresReleased: number; tacticsRestored: number };

/** Empties the customer tables, gives fares back their seats and tactics and offers their seeded settings, in one transaction. */
export function resetDemoData(db: Db): ResetResult {
  const keep = new Set<string>([...CATALOGUE_TABLES, ...SERVER_TABLES]);
  const tables = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[]).filter(
    (t) => !keep.has(t),
  );
  // The split back to the schema's default, 50 (the seed sets none).
  const restoreTactic = db.prepare('UPDATE tactics SET mode = @mode, split = 50 WHERE code = @code AND (mode <> @mode OR split <> 50)');
  const result = db.transaction((): ResetResult => {
    // Customer tables reference each other (bookings ↔ checkouts ↔ seats …): check the keys at commit.
    db.pragma('defer_foreign_keys = ON');
    const deleted: Record<string, number> = {};
    for (const table of tables) deleted[table] = db.prepare(`DELETE FROM "${table}"`).run().changes;
    const faresReleased = db.prepare('UPDATE fares SET seats_sold = 0 WHERE seats_sold <> 0').run().changes;
    let tacticsRestored = 0;
    for (const tactic of TACTICS) tacticsRestored += restoreTactic.run({ code: tactic.code, mode: tactic.mode }).changes;
    db.prepare('UPDATE offers SET active = 1 WHERE active <> 1').run();
    return { deleted, faresReleased, tacticsRestored };
  })();
  forgetOfferCache(db);
  return result;
}
