// Where the ids a command makes come from (checkout and challenge ids, booking references, ticket
// numbers). Real traffic uses the system's CSPRNG, so one id cannot be guessed from another. The shopper
// simulator hands its commands a seeded source (CommandContext.ids), so the same seed, parameters and
// demo clock give the same database, ids included.
import { createHash, randomBytes, randomInt } from 'node:crypto';

export type IdSource = {
  /** `bytes` random bytes as base64url text (16 bytes: 22 characters, like a session id). */
  token: (bytes?: number) => string;
  /** A whole number from 0 to max − 1 (max at most 2^48). */
  int: (max: number) => number;
};

export const cryptoIds: IdSource = {
  token: (bytes = 16) => randomBytes(bytes).toString('base64url'),
  int: (max) => randomInt(max),
};

const RANGE = 2 ** 48;

/**
 * A deterministic source: SHA-256 of `key` and a counter, block after block. Different keys give
 * unrelated streams (unlike a small generator whose seeds are offsets in one cycle), so two runs with
 * different keys do not collide on ids. For simulations only: anyone who knows the key knows the ids.
 */
export function seededIds(key: string): IdSource {
  let block = Buffer.alloc(0);
  let used = 0;
  let counter = 0;
  const take = (n: number): Buffer => {
    const out = Buffer.alloc(n);
    let filled = 0;
    while (filled < n) {
      if (used === block.length) {
        block = createHash('sha256').update(`${key}:${counter++}`).digest();
        used = 0;
      }
      const k = Math.min(n - filled, block.length - used);
      block.copy(out, filled, used, used + k);
      used += k;
      filled += k;
    }
    return out;
  };
  return {
    token: (bytes = 16) => take(bytes).toString('base64url'),
    int: (max) => {
      if (!Number.isSafeInteger(max) || max < 1 || max > RANGE) throw new RangeError(`int(max): max must be a whole number from 1 to 2^48, not ${max}`);
      // Rejection sampling: values at or above the last whole multiple of max would favour small numbers.
      const limit = RANGE - (RANGE % max);
      for (;;) {
        const value = take(6).readUIntBE(0, 6);
        if (value < limit) return value % max;
      }
    },
  };
}
