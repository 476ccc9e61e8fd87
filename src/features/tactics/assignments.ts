// Which tactics a session sees. A tactic is off, on, or an A/B test; the variant of an A/B test is
// derived from the session id, so a shopper keeps theirs for the whole visit without any stored state.
// Pages never ask the tactics table themselves: their view model receives the session's
// TacticAssignments (read once per request) and decides with `applies`.
import { createHash } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import { preparedOnce } from '../../db/statements.ts';
import { isTacticCode, type TacticCode } from '../offers/codes.ts';

const tacticModes = preparedOnce((db: Db) => db.prepare('SELECT code, mode FROM tactics'));

export const TACTIC_MODES = ['off', 'on', 'ab'] as const;
export type TacticMode = (typeof TACTIC_MODES)[number];
export type TacticVariant = 'on' | 'A' | 'B';

/** null when the tactic is off; applied is false for the control arm (A) of an A/B test. */
export type TacticAssignment = { tactic: TacticCode; variant: TacticVariant; applied: boolean } | null;

/** The session's arm of every tactic. `applies(code)` is true when the page should use the tactic. */
export type TacticAssignments = {
  of: (tactic: TacticCode) => TacticAssignment;
  applies: (tactic: TacticCode) => boolean;
};

export function tacticAssignments(db: Db, sessionId: string): TacticAssignments {
  const assigned = new Map<TacticCode, TacticAssignment>();
  for (const row of tacticModes(db).all() as { code: string; mode: TacticMode }[]) {
    if (isTacticCode(row.code)) assigned.set(row.code, assignmentFor(row.code, row.mode, sessionId));
  }
  const of = (tactic: TacticCode) => assigned.get(tactic) ?? null;
  return { of, applies: (tactic) => of(tactic)?.applied === true };
}

/** One tactic's assignment (for code that needs a single one). */
export function assignTactic(db: Db, tactic: TacticCode, sessionId: string): TacticAssignment {
  return tacticAssignments(db, sessionId).of(tactic);
}

function assignmentFor(tactic: TacticCode, mode: TacticMode, sessionId: string): TacticAssignment {
  if (mode === 'off') return null;
  if (mode === 'on') return { tactic, variant: 'on', applied: true };
  const variant = abVariant(tactic, sessionId);
  return { tactic, variant, applied: variant === 'B' };
}

export function abVariant(tactic: string, sessionId: string): 'A' | 'B' {
  const byte = createHash('sha256').update(`${tactic}:${sessionId}`).digest()[0]!;
  return byte % 2 === 0 ? 'A' : 'B';
}
