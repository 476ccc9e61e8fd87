// Who is a trainer. Signing in creates a new random session token (never reusing one sent by the
// browser, so a planted cookie cannot be promoted); the cookie holds the token, the database only its
// SHA-256 and expiry. Every request with the cookie is checked against the table, so sign-out and
// expiry take effect at once.
import { createHash, randomBytes } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { sign, unsign } from '../../lib/signed.ts';
import { deleteTrainerSession, insertTrainerSession, isLiveTrainerSession } from './trainer.repository.ts';

export const TRAINER_COOKIE = 'skylark.trainer';
export const LENS_COOKIE = 'skylark.lens';
export const TRAINER_SESSION_HOURS = 8;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** The signed-in trainer's session (the token's hash), when there is one. */
      trainer?: { tokenHash: string };
    }
  }
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

function cookieOptions(req: Request) {
  return { httpOnly: true, sameSite: 'strict', secure: req.deps.config.nodeEnv === 'production', path: '/' } as const;
}

/** For every page: `req.trainer` and `res.locals.trainerSignedIn`, and the lens (`res.locals.tacticLens`). */
export function identifyTrainer(req: Request, res: Response, next: NextFunction): void {
  res.locals.trainerSignedIn = false;
  res.locals.tacticLens = false;
  const token: unknown = req.cookies?.[TRAINER_COOKIE];
  if (typeof token === 'string' && TOKEN.test(token)) {
    const tokenHash = hashToken(token);
    if (isLiveTrainerSession(req.deps.db, tokenHash, req.deps.clock.now())) {
      req.trainer = { tokenHash };
      res.locals.trainerSignedIn = true;
      res.locals.tacticLens = lensIsOn(req, tokenHash);
    }
  }
  next();
}

/** Starts a new trainer session (ending the one the browser had, if any) and sets its cookie. */
export function startTrainerSession(req: Request, res: Response): void {
  const { db, clock } = req.deps;
  if (req.trainer) deleteTrainerSession(db, req.trainer.tokenHash);
  const token = randomBytes(32).toString('base64url');
  const now = clock.now();
  const expiresAt = new Date(now.getTime() + TRAINER_SESSION_HOURS * 3600_000);
  insertTrainerSession(db, hashToken(token), now, expiresAt);
  res.cookie(TRAINER_COOKIE, token, { ...cookieOptions(req), maxAge: TRAINER_SESSION_HOURS * 3600_000 });
  res.clearCookie(LENS_COOKIE, cookieOptions(req));
}

export function endTrainerSession(req: Request, res: Response): void {
  if (req.trainer) deleteTrainerSession(req.deps.db, req.trainer.tokenHash);
  res.clearCookie(TRAINER_COOKIE, cookieOptions(req));
  res.clearCookie(LENS_COOKIE, cookieOptions(req));
}

// The lens cookie is signed for the trainer session it was set in: it means nothing after sign-out,
// in another browser, or to a customer who copies it.
const lensPurpose = (tokenHash: string) => `tactic-lens:${tokenHash}`;

function lensIsOn(req: Request, tokenHash: string): boolean {
  return unsign(req.deps.config.sessionSecret, lensPurpose(tokenHash), req.cookies?.[LENS_COOKIE]) === 'on';
}

export function setLens(req: Request, res: Response, on: boolean): void {
  if (!req.trainer) return;
  if (on) res.cookie(LENS_COOKIE, sign(req.deps.config.sessionSecret, lensPurpose(req.trainer.tokenHash), 'on'), cookieOptions(req));
  else res.clearCookie(LENS_COOKIE, cookieOptions(req));
}

/** Trainer pages: an anonymous request is sent to the sign-in page. */
export function requireTrainer(req: Request, res: Response, next: NextFunction): void {
  if (req.trainer) return next();
  res.redirect(303, '/trainer/sign-in');
}
