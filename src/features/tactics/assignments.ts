// Which tactics a session sees. A tactic is off, on, or an A/B test with a split (the percentage of
// sessions put in arm B). A session's arm is assigned by the split the first time it meets the test
// and then kept in its VariantStore (variants.ts: a signed cookie for the pages), so it stays the same
// for the whole visit. The first assignment is a hash of the tactic and the session id: without a
// store (the JSON API, commands called without one) a session gets the same arm it would be given.
// Pages never ask the tactics table themselves: their view model receives the session's
// TacticAssignments (read once per request) and decides with `applies`.
import { createHash } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import { preparedOnce } from '../../db/statements.ts';
import { isTacticCode, type TacticCode } from '../offers/codes.ts';
import type { VariantStore } from '../../lib/command.ts';
import type { AbArm } from './variants.ts';

const tacticModes = preparedOnce((db: Db) => db.prepare('SELECT code, mode, split FROM tactics'));

export const TACTIC_MODES = ['off', 'on', 'ab'] as const;
export type TacticMode = (typeof TACTIC_MODES)[number];
export type TacticVariant = 'on' | AbArm;

/** null when the tactic is off; applied is false for the control arm (A) of an A/B test. */
export type TacticAssignment = { tactic: TacticCode; variant: TacticVariant; applied: boolean } | null;

/** The session's arm of every tactic. `applies(code)` is true when the page should use the tactic. */
export type TacticAssignments = {
  of: (tactic: TacticCode) => TacticAssignment;
  applies: (tactic: TacticCode) => boolean;
};

/**
 * The session's assignments. Pass the request's store (`req.variants`) from a page so the arms stay
 * sticky; an A/B arm is looked up (and, the first time, stored) only when a page asks for that tactic.
 */
export function tacticAssignments(db: Db, sessionId: string, store?: VariantStore): TacticAssignments {
  const rows = new Map<TacticCode, { mode: TacticMode; split: number }>();
  for (const row of tacticModes(db).all() as { code: string; mode: TacticMode; split: number }[]) {
    if (isTacticCode(row.code)) rows.set(row.code, { mode: row.mode, split: row.split });
  }
  const decided = new Map<TacticCode, TacticAssignment>();
  const of = (tactic: TacticCode): TacticAssignment => {
    if (!decided.has(tactic)) {
      const row = rows.get(tactic);
      decided.set(tactic, row ? assignmentFor(tactic, row.mode, row.split, sessionId, store) : null);
    }
    return decided.get(tactic) ?? null;
  };
  return { of, applies: (tactic) => of(tactic)?.applied === true };
}

/** One tactic's assignment (for code that needs a single one). */
export function assignTactic(db: Db, tactic: TacticCode, sessionId: string, store?: VariantStore): TacticAssignment {
  return tacticAssignments(db, sessionId, store).of(tactic);
}

function assignmentFor(tactic: TacticCode, mode: TacticMode, split: number, sessionId: string, store: VariantStore | undefined): TacticAssignment {
  if (mode === 'off') return null;
  if (mode === 'on') return { tactic, variant: 'on', applied: true };
  let variant = store?.get(tactic);
  if (variant === undefined) {
    variant = abVariant(tactic, sessionId, split);
    store?.set(tactic, variant);
  }
  return { tactic, variant, applied: variant === 'B' };
}

/** The arm a session is first given: B for `split` percent of sessions, spread by a hash of tactic and session. */
export function abVariant(tactic: string, sessionId: string, split = 50): AbArm {
  const bucket = createHash('sha256').update(`${tactic}:${sessionId}`).digest().readUInt32BE(0) % 100;
  return bucket < split ? 'B' : 'A';
}
