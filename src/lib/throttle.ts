// Throttles: what stops a client from probing booking references or trying card after card.
// express-rate-limit counts per app (a memory store per createApp, so tests never share counts),
// answers 429 through the one error mapper (a page or a problem document) with the standard
// `RateLimit` / `RateLimit-Policy` headers (IETF draft 8) and `Retry-After`.
// RATE_LIMIT=off (benchmarks only; refused in production) makes every throttle a pass-through.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { TooManyRequestsError } from './errors.ts';

const MINUTE = 60_000;

export type Throttles = {
  /** Failed booking look-ups per client: the Manage booking form, a booking page without access, the API's GET /bookings. */
  bookingLookup: RequestHandler;
  /** Failed payment attempts (declines, 3-D Secure failures, invalid cards) on one checkout. */
  paymentPerCheckout: RequestHandler;
  /** Failed payment attempts per client, across checkouts. */
  paymentPerClient: RequestHandler;
  /** Wrong trainer passwords per client: the /trainer/sign-in form and the bearer of /api/v1/trainer (src/features/trainer). */
  trainerSignIn: RequestHandler;
};

/** The limits, in one place: documented in docs/security.md. */
export const THROTTLE_LIMITS = {
  bookingLookup: { limit: 10, windowMs: 15 * MINUTE },
  paymentPerCheckout: { limit: 10, windowMs: 15 * MINUTE },
  paymentPerClient: { limit: 30, windowMs: 15 * MINUTE },
  trainerSignIn: { limit: 5, windowMs: 15 * MINUTE },
} as const;

const clientKey = (req: Request) => ipKeyGenerator(req.ip ?? 'unknown');

const MESSAGES: Record<keyof Throttles, string> = {
  bookingLookup: 'Too many booking look-ups from here. Wait a few minutes, then check the reference and family name and try again.',
  paymentPerCheckout: 'Too many payment attempts on this booking. Wait a few minutes before you try again; no money was taken.',
  paymentPerClient: 'Too many payment attempts from here. Wait a few minutes before you try again; no money was taken.',
  trainerSignIn: 'Too many sign-in attempts. Wait a few minutes and try again.',
};

function limiter(name: keyof Throttles, keyGenerator: (req: Request) => string): RequestHandler {
  const { limit, windowMs } = THROTTLE_LIMITS[name];
  return rateLimit({
    windowMs,
    limit,
    // Only failures count: a customer who finds their booking or pays is never slowed down.
    skipSuccessfulRequests: true,
    // Trainer sign-ins: only a wrong password (401) is a failure, not a trainer's bad split (422).
    ...(name === 'trainerSignIn' ? { requestWasSuccessful: (_req: Request, res: Response) => res.statusCode !== 401 } : {}),
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    identifier: name,
    keyGenerator,
    handler: (_req: Request, _res: Response, next: NextFunction) => next(new TooManyRequestsError(MESSAGES[name])),
  });
}

const passThrough: RequestHandler = (_req, _res, next) => next();

export function createThrottles(enabled: boolean): Throttles {
  if (!enabled) return { bookingLookup: passThrough, paymentPerCheckout: passThrough, paymentPerClient: passThrough, trainerSignIn: passThrough };
  return {
    bookingLookup: limiter('bookingLookup', clientKey),
    paymentPerCheckout: limiter('paymentPerCheckout', (req) => `checkout:${String(req.params.id ?? '')}`),
    paymentPerClient: limiter('paymentPerClient', clientKey),
    trainerSignIn: limiter('trainerSignIn', clientKey),
  };
}
