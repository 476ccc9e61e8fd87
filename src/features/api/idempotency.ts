// Idempotency-Key on every POST and PUT of the API (api.routes.ts; the pattern of public payment APIs):
// - the key is reserved in one IMMEDIATE transaction, synchronously, before the operation runs and
//   before any await, so two requests with one key can never both run (the second sees it reserved);
// - the answer (201, 202, 402, 409 …) is stored with the key and replayed, with Idempotent-Replayed: true,
//   for a retry with the same key and the same request;
// - the same key with another request (path or body) is refused with a 422 problem;
// - a 5xx answer (a time-out, a fault) releases the key: nothing was charged, so a retry tries again.
// The request is compared by a SHA-256 of the method, the path and the operation's fingerprint of the
// body (the body itself unless the operation says otherwise); the card number and security code never
// reach the table, not even hashed (the payment's fingerprint is the card's last four digits, length,
// name and expiry).
import { createHash } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import { completeKey, findKey, insertKey, releaseKey, type StoredResponse } from './idempotency.repository.ts';
import { ApiProblem, validationProblem } from './problem.ts';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
const KEY = /^[\x21-\x7E]{1,255}$/;

export type Reservation = { kind: 'reserved' } | { kind: 'replay'; response: StoredResponse };

/** JSON with keys sorted at every level, so {a,b} and {b,a} are the same request. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function requestHash(method: string, path: string, fingerprint: unknown): string {
  return createHash('sha256').update(`${method} ${path}\n${canonical(fingerprint)}`).digest('hex');
}

/** Checks the header's value: 1 to 255 visible ASCII characters (a UUID is the usual choice). */
export function checkKey(key: string): string {
  if (!KEY.test(key)) {
    throw validationProblem([{ field: IDEMPOTENCY_HEADER, code: 'invalid_format', message: 'Use 1 to 255 visible ASCII characters, e.g. a UUID' }], 'The Idempotency-Key header is not usable.');
  }
  return key;
}

/**
 * Reserves the key for this request, or says what to answer instead. Synchronous and in one
 * IMMEDIATE transaction: call it before any await of the request.
 */
export function reserveKey(db: Db, input: { key: string; hash: string; method: string; path: string; now: Date }): Reservation {
  return db
    .transaction((): Reservation => {
      const existing = findKey(db, input.key);
      if (existing.state === 'new') {
        insertKey(db, input);
        return { kind: 'reserved' };
      }
      if (existing.hash !== input.hash) {
        throw new ApiProblem(
          'idempotency-key-reused',
          'This Idempotency-Key was already used for a different request. Use a new key for a new request.',
          { errors: [{ field: IDEMPOTENCY_HEADER, code: 'key_reused', message: 'Already used with another path or body' }] },
        );
      }
      if (existing.state === 'in_progress') {
        throw new ApiProblem('idempotency-in-progress', 'A request with this Idempotency-Key is still being answered. Retry with the same key in a moment.', {}, {
          'Retry-After': '1',
        });
      }
      return { kind: 'replay', response: existing.response };
    })
    .immediate();
}

/** Stores the answer for replays; a 5xx releases the key instead, so that a retry runs again. */
export function settleKey(db: Db, key: string, response: StoredResponse, now: Date): void {
  if (response.status >= 500) releaseKey(db, key);
  else completeKey(db, key, response, now);
}
