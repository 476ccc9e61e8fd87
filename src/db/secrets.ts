// Secrets generated once and kept in the database (migration 005-app-secrets.sql).
import type { Db } from './database.ts';

/**
 * The secret called `name`: the one stored, or `candidate` stored now when there is none yet.
 * One statement decides, so two processes starting together on one file keep the same secret.
 */
export function keepSecret(db: Db, name: string, candidate: string, now: Date): string {
  db.prepare('INSERT INTO app_secrets (name, value, created_at) VALUES (@name, @candidate, @now) ON CONFLICT (name) DO NOTHING').run({
    name,
    candidate,
    now: now.toISOString(),
  });
  return db.prepare('SELECT value FROM app_secrets WHERE name = @name').pluck().get({ name }) as string;
}
