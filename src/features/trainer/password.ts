// The trainer's password. TRAINER_PASSWORD, when set, is the password; otherwise the first start
// generates one, stores only its scrypt hash and prints the password once (src/server.ts).
import { randomBytes, scryptSync, timingSafeEqual, createHash } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import { insertPasswordHash, storedPasswordHash } from './trainer.repository.ts';

// scrypt cost: N=2^15, r=8, p=1 (about 32 MB and ~50 ms per check): slow enough to make guessing a
// copied hash expensive, fast enough for a sign-in. Kept in the hash so it can change later.
const COST = { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const KEY_LENGTH = 32;

export function hashPassword(password: string, salt = randomBytes(16)): string {
  const key = scryptSync(password.normalize('NFC'), salt, KEY_LENGTH, COST);
  return `scrypt$${COST.N}$${COST.r}$${COST.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export function verifyPassword(password: string, stored: string): boolean {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = scryptSync(password.normalize('NFC'), Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: COST.maxmem,
  });
  return timingSafeEqual(actual, expected);
}

/** Four groups of five letters and digits (about 100 bits): easy to read out to a room, hard to guess. */
export function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(20);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]);
  return [0, 5, 10, 15].map((i) => chars.slice(i, i + 5).join('')).join('-');
}

/**
 * At start: the password to print when one was just generated, else undefined (TRAINER_PASSWORD set,
 * or a hash already stored by an earlier start).
 */
export function ensureTrainerPassword(db: Db, configured: string | undefined, now: Date): string | undefined {
  if (configured !== undefined || storedPasswordHash(db) !== undefined) return undefined;
  const password = generatePassword();
  return insertPasswordHash(db, hashPassword(password), now) ? password : undefined;
}

export type PasswordCheck = 'ok' | 'wrong' | 'none';

/** Checks a sign-in: against TRAINER_PASSWORD when set, else the stored hash ('none': no password yet). */
export function checkTrainerPassword(db: Db, configured: string | undefined, given: string): PasswordCheck {
  if (configured !== undefined) {
    // Compare digests so the comparison takes the same time whatever the lengths.
    const digest = (s: string) => createHash('sha256').update(s.normalize('NFC')).digest();
    return timingSafeEqual(digest(given), digest(configured)) ? 'ok' : 'wrong';
  }
  const stored = storedPasswordHash(db);
  if (stored === undefined) return 'none';
  return verifyPassword(given, stored) ? 'ok' : 'wrong';
}
