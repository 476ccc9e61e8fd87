// Which tactics a session sees. A tactic is off, on, or an A/B test; the variant of an A/B test is
// derived from the session id, so a shopper keeps theirs for the whole visit without any stored state.
import { createHash } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import { preparedOnce } from '../../db/statements.ts';

const tacticMode = preparedOnce((db: Db) => db.prepare('SELECT mode FROM tactics WHERE code = ?'));

export type TacticMode = 'off' | 'on' | 'ab';
export type TacticAssignment = { tactic: string; variant: 'on' | 'A' | 'B'; applied: boolean } | null;

/** null when the tactic is off; applied is false for the control arm (A) of an A/B test. */
export function assignTactic(db: Db, tactic: string, sessionId: string): TacticAssignment {
  const row = tacticMode(db).get(tactic) as { mode: TacticMode } | undefined;
  if (!row || row.mode === 'off') return null;
  if (row.mode === 'on') return { tactic, variant: 'on', applied: true };
  const variant = abVariant(tactic, sessionId);
  return { tactic, variant, applied: variant === 'B' };
}

export function abVariant(tactic: string, sessionId: string): 'A' | 'B' {
  const byte = createHash('sha256').update(`${tactic}:${sessionId}`).digest()[0]!;
  return byte % 2 === 0 ? 'A' : 'B';
}
