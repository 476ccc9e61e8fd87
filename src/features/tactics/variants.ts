// Sticky A/B arms. A session's arm of each A/B-tested tactic is kept in a cookie signed with the app's
// session secret and bound to the session id, so a shopper keeps their arm for the whole visit even
// when a trainer changes the split meanwhile (the new split applies to sessions that meet the test
// afterwards). A cookie that does not verify, names an unknown tactic or an arm other than A or B is
// ignored: that tactic is assigned again by the split, and the cookie rewritten.
import type { NextFunction, Request, Response } from 'express';
import type { VariantStore } from '../../lib/command.ts';
import { sign, unsign } from '../../lib/signed.ts';
import { isTacticCode, type TacticCode } from '../offers/codes.ts';

export const VARIANTS_COOKIE = 'skylark.ab';
export type AbArm = 'A' | 'B';

export type { VariantStore };

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** The session's A/B arms (pages only; the cookie-less JSON API derives arms from the session id). */
      variants?: VariantStore;
    }
  }
}

const purpose = (sessionId: string) => `ab-variants:${sessionId}`;
const ENTRY = /^([a-z_]+):([AB])$/;

/** The arms a cookie vouches for: only verified entries with a known tactic and arm A or B. */
export function readVariants(secret: string, sessionId: string, cookie: unknown): Map<TacticCode, AbArm> {
  const arms = new Map<TacticCode, AbArm>();
  const value = unsign(secret, purpose(sessionId), cookie);
  if (value === undefined || value === '') return arms;
  for (const entry of value.split(',')) {
    const match = ENTRY.exec(entry);
    if (match && isTacticCode(match[1])) arms.set(match[1], match[2] as AbArm);
  }
  return arms;
}

export function writeVariants(secret: string, sessionId: string, arms: ReadonlyMap<TacticCode, AbArm>): string {
  return sign(secret, purpose(sessionId), [...arms].map(([tactic, arm]) => `${tactic}:${arm}`).join(','));
}

/** An in-memory store: for tests, scripts and anything without a cookie. */
export function memoryVariants(initial: Iterable<[string, AbArm]> = []): VariantStore & { arms: Map<string, AbArm> } {
  const arms = new Map(initial);
  return { arms, get: (tactic) => arms.get(tactic), set: (tactic, arm) => void arms.set(tactic, arm) };
}

/** Middleware for the pages: `req.variants`, backed by the signed cookie. Skips the JSON API. */
export function tacticVariants(secure: boolean) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.path.startsWith('/api/')) return next();
    const secret = req.deps.config.sessionSecret;
    const arms = readVariants(secret, req.sessionId, req.cookies?.[VARIANTS_COOKIE]);
    req.variants = {
      get: (tactic) => (isTacticCode(tactic) ? arms.get(tactic) : undefined),
      set: (tactic, arm) => {
        if (!isTacticCode(tactic) || arms.get(tactic) === arm) return;
        arms.set(tactic, arm);
        if (res.headersSent) return;
        replaceCookie(res, VARIANTS_COOKIE);
        res.cookie(VARIANTS_COOKIE, writeVariants(secret, req.sessionId, arms), { httpOnly: true, sameSite: 'lax', secure, path: '/' });
      },
    };
    next();
  };
}

/** Drops a Set-Cookie already queued for this name, so one response sets the cookie once. */
function replaceCookie(res: Response, name: string): void {
  const queued = res.getHeader('Set-Cookie');
  if (queued === undefined) return;
  const list = (Array.isArray(queued) ? queued : [String(queued)]).filter((c) => !c.startsWith(`${name}=`));
  if (list.length > 0) res.setHeader('Set-Cookie', list);
  else res.removeHeader('Set-Cookie');
}
