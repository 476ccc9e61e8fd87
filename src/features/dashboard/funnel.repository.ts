// The funnel's raw material: the first time a session reached a step (one row per session and step).
import type { Db } from '../../db/database.ts';
import { preparedOnce } from '../../db/statements.ts';

export type RecordedStep = 'search' | 'results' | 'checkout' | 'passengers' | 'seats' | 'extras' | 'payment';

const insert = preparedOnce((db: Db) =>
  db.prepare(`INSERT INTO funnel_events (session_id, step, simulated, created_at) VALUES (@sessionId, @step, @simulated, @at)
              ON CONFLICT (session_id, step) DO NOTHING`),
);

export function recordFunnelStep(db: Db, row: { sessionId: string; step: RecordedStep; simulated?: boolean; at: Date }): void {
  insert(db).run({ sessionId: row.sessionId, step: row.step, simulated: row.simulated ? 1 : 0, at: row.at.toISOString() });
}

const joinWorkshop = preparedOnce((db: Db) =>
  db.prepare(`INSERT INTO workshop_sessions (session_id, workshop, created_at) VALUES (@sessionId, @workshop, @at)
              ON CONFLICT (session_id) DO NOTHING`),
);

/** Tags a session with the workshop whose QR code it came in through (its first workshop only). */
export function recordWorkshopSession(db: Db, row: { sessionId: string; workshop: string; at: Date }): void {
  joinWorkshop(db).run({ sessionId: row.sessionId, workshop: row.workshop, at: row.at.toISOString() });
}
