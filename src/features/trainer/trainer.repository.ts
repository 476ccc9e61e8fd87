// SQL of the trainer console: its credentials and sessions, the tactics' settings and their figures.
import type { Db } from '../../db/database.ts';
import { preparedOnce } from '../../db/statements.ts';
import type { TacticMode } from '../tactics/assignments.ts';

const statements = preparedOnce((db: Db) => ({
  passwordHash: db.prepare('SELECT password_hash FROM trainer_credentials WHERE id = 1').pluck(),
  insertPasswordHash: db.prepare('INSERT INTO trainer_credentials (id, password_hash, created_at) VALUES (1, @hash, @now) ON CONFLICT (id) DO NOTHING'),
  insertSession: db.prepare('INSERT INTO trainer_sessions (token_hash, created_at, expires_at) VALUES (@tokenHash, @now, @expiresAt)'),
  liveSession: db.prepare('SELECT 1 FROM trainer_sessions WHERE token_hash = @tokenHash AND expires_at > @now').pluck(),
  deleteSession: db.prepare('DELETE FROM trainer_sessions WHERE token_hash = @tokenHash'),
  deleteExpired: db.prepare('DELETE FROM trainer_sessions WHERE expires_at <= @now'),
  tactics: db.prepare('SELECT code, name, description, mode, split, dark_pattern AS darkPattern FROM tactics ORDER BY rowid'),
  updateTactic: db.prepare('UPDATE tactics SET mode = @mode, split = @split WHERE code = @code'),
  // From the all-time rollup of migration 013 ('' stands for no tactic or variant there).
  figures: db.prepare(`
    SELECT tactic, nullif(variant, '') AS variant, SUM(shown) AS shown, SUM(accepted) AS accepted
    FROM offer_takes
    WHERE tactic <> ''
    GROUP BY tactic, variant`),
}));

export function storedPasswordHash(db: Db): string | undefined {
  return statements(db).passwordHash.get() as string | undefined;
}

/** Keeps the first hash only: a second process starting on the same file does not replace it. */
export function insertPasswordHash(db: Db, hash: string, now: Date): boolean {
  return statements(db).insertPasswordHash.run({ hash, now: now.toISOString() }).changes === 1;
}

export function insertTrainerSession(db: Db, tokenHash: string, now: Date, expiresAt: Date): void {
  const s = statements(db);
  db.transaction(() => {
    s.deleteExpired.run({ now: now.toISOString() });
    s.insertSession.run({ tokenHash, now: now.toISOString(), expiresAt: expiresAt.toISOString() });
  })();
}

export function isLiveTrainerSession(db: Db, tokenHash: string, now: Date): boolean {
  return statements(db).liveSession.get({ tokenHash, now: now.toISOString() }) === 1;
}

export function deleteTrainerSession(db: Db, tokenHash: string): void {
  statements(db).deleteSession.run({ tokenHash });
}

export type TacticRow = { code: string; name: string; description: string; mode: TacticMode; split: number; darkPattern: 0 | 1 };

export function listTactics(db: Db): TacticRow[] {
  return statements(db).tactics.all() as TacticRow[];
}

export function updateTactic(db: Db, setting: { code: string; mode: TacticMode; split: number }): boolean {
  return statements(db).updateTactic.run(setting).changes === 1;
}

export type TacticFigureRow = { tactic: string; variant: string | null; shown: number; accepted: number };

/** Offers shown and taken per tactic and variant, from every offer event that names a tactic (kept as counts: offer_takes). */
export function tacticFigures(db: Db): TacticFigureRow[] {
  return statements(db).figures.all() as TacticFigureRow[];
}

export type OfferPlacementFigureRow = { offerCode: string; placement: string; shown: number; accepted: number };

/** Offers shown and taken per offer and placement (the tactic lens's take rates). */
export function offerPlacementFigures(db: Db): OfferPlacementFigureRow[] {
  return offerFigures(db).all() as OfferPlacementFigureRow[];
}

const offerFigures = preparedOnce((db: Db) =>
  db.prepare(`
    SELECT offer_code AS offerCode, placement, SUM(shown) AS shown, SUM(accepted) AS accepted
    FROM offer_takes
    GROUP BY offer_code, placement`),
);
