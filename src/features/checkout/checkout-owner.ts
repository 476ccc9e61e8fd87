// A checkout belongs to the visitor session that opened it (checkouts.session_id). Every route under
// /checkouts/:id, pages and API alike, goes through ownCheckoutOnly: for another session the checkout
// does not exist (404, word for word the answer for an unknown id, so an id cannot be probed).
// The pages know the session from the skylark.sid cookie; the API from X-Session-Id (or that cookie).
import type { NextFunction, Request, Response } from 'express';
import { NotFoundError } from '../../lib/errors.ts';
import { findCheckoutSessionId } from './checkout.repository.ts';
import { CHECKOUT_NOT_FOUND } from './steps.ts';

/** Passes a checkout of this session (or an unknown id, for the route's own 404); another session's is a 404. */
export function ownCheckoutOnly(req: Request, _res: Response, next: NextFunction): void {
  const owner = findCheckoutSessionId(req.deps.db, String(req.params.id ?? ''));
  if (owner !== undefined && owner !== req.sessionId) return next(new NotFoundError(CHECKOUT_NOT_FOUND));
  next();
}
