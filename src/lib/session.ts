// A visitor session is an opaque random id in an HttpOnly cookie. It ties checkouts and
// offer events to one shopper and keeps their A/B variants sticky. No server-side store.
import { randomBytes } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

export const SESSION_COOKIE = 'skylark.sid';
const SESSION_ID = /^[A-Za-z0-9_-]{22}$/;

export function newId(bytes = 16): string {
  return randomBytes(bytes).toString('base64url');
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      sessionId: string;
    }
  }
}

export function sessionCookie(secure: boolean) {
  return (req: Request, res: Response, next: NextFunction) => {
    const existing: unknown = req.cookies?.[SESSION_COOKIE];
    if (typeof existing === 'string' && SESSION_ID.test(existing)) {
      req.sessionId = existing;
    } else {
      req.sessionId = newId();
      res.cookie(SESSION_COOKIE, req.sessionId, { httpOnly: true, sameSite: 'lax', secure, path: '/' });
    }
    next();
  };
}
