// Failed trainer sign-ins per client: 5 in 15 minutes, then 429 until the window passes. Only a wrong
// password (401) counts: a trainer who signs in, or a script that sends a bad split, is never slowed
// down. express-rate-limit keeps one memory store per call, so each app (and each test) counts alone.
import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';

export const SIGN_IN_LIMIT = { limit: 5, windowMs: 15 * 60_000 } as const;

/** `onLimit` answers a throttled request: the sign-in page again, or a problem document for the API. */
export function signInThrottle(onLimit: RequestHandler): RequestHandler {
  return rateLimit({
    ...SIGN_IN_LIMIT,
    requestWasSuccessful: (_req, res) => res.statusCode !== 401,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    identifier: 'trainer-sign-in',
    handler: onLimit,
  });
}
