// The idempotency_keys table (migration 003). Statements are prepared once per database.
import type { Db } from '../../db/database.ts';
import { preparedOnce } from '../../db/statements.ts';

export type StoredResponse = { status: number; headers: Record<string, string>; body: unknown };

type KeyRow = {
  idempotency_key: string;
  request_hash: string;
  status: 'in_progress' | 'completed';
  response_status: number | null;
  response_headers_json: string | null;
  response_body: string | null;
};

function prepare(db: Db) {
  return {
    find: db.prepare('SELECT * FROM idempotency_keys WHERE idempotency_key = ?'),
    insert: db.prepare(`
      INSERT INTO idempotency_keys (idempotency_key, request_hash, method, path, status, created_at)
      VALUES (@key, @hash, @method, @path, 'in_progress', @now)`),
    complete: db.prepare(`
      UPDATE idempotency_keys
      SET status = 'completed', response_status = @status, response_headers_json = @headers, response_body = @body, completed_at = @now
      WHERE idempotency_key = @key AND status = 'in_progress'`),
    release: db.prepare("DELETE FROM idempotency_keys WHERE idempotency_key = ? AND status = 'in_progress'"),
    releaseAll: db.prepare("DELETE FROM idempotency_keys WHERE status = 'in_progress'"),
  };
}

const s = preparedOnce(prepare);

export type KeyState =
  | { state: 'new' }
  | { state: 'in_progress'; hash: string }
  | { state: 'completed'; hash: string; response: StoredResponse };

export function findKey(db: Db, key: string): KeyState {
  const row = s(db).find.get(key) as KeyRow | undefined;
  if (!row) return { state: 'new' };
  if (row.status === 'in_progress') return { state: 'in_progress', hash: row.request_hash };
  return {
    state: 'completed',
    hash: row.request_hash,
    response: {
      status: row.response_status ?? 500,
      headers: JSON.parse(row.response_headers_json ?? '{}') as Record<string, string>,
      body: JSON.parse(row.response_body ?? 'null') as unknown,
    },
  };
}

export function insertKey(db: Db, input: { key: string; hash: string; method: string; path: string; now: Date }): void {
  s(db).insert.run({ key: input.key, hash: input.hash, method: input.method, path: input.path, now: input.now.toISOString() });
}

export function completeKey(db: Db, key: string, response: StoredResponse, now: Date): void {
  s(db).complete.run({
    key,
    status: response.status,
    headers: JSON.stringify(response.headers),
    body: JSON.stringify(response.body),
    now: now.toISOString(),
  });
}

export function releaseKey(db: Db, key: string): void {
  s(db).release.run(key);
}

/**
 * At start no request can be in flight, so a key still 'in_progress' belongs to a process that died
 * mid-request. Releasing it lets the client's retry run again (the booking itself is one transaction,
 * so a retry of a payment that did book answers with that booking).
 */
export function releaseAbandonedKeys(db: Db): number {
  return s(db).releaseAll.run().changes;
}
