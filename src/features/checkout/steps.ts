// The param loader every step route starts with, and what every checkout page needs for its stepper.
import type { NextFunction, Request, Response } from 'express';
import type { Db } from '../../db/database.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { findCheckout, type Checkout } from './checkout.repository.ts';
import { priceCheckout, type PriceSummary } from './pricing.ts';
import { searchUrlFor, stepIndex, STEPS, stepUrl, type StepKey } from './progress.ts';

// Step progress lives in progress.ts (shared with the JSON API); re-exported for the pages.
export { STEPS, firstIncompleteStep, searchUrlFor, stepUrl, type StepKey } from './progress.ts';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      checkout?: Checkout;
    }
  }
}

const CHECKOUT_ID = /^[A-Za-z0-9_-]{22}$/;
export const CHECKOUT_NOT_FOUND = 'We could not find that booking in progress. It may have expired: please search again.';

/**
 * The checkout of `id` as every step sees it (the pages through loadCheckout, the JSON API directly):
 * NotFoundError for a malformed or unknown id, or an open checkout past its three hours. A booked
 * checkout is returned: the caller decides where it leads.
 */
export function findLiveCheckout(db: Db, id: string, now: Date): Checkout {
  const checkout = CHECKOUT_ID.test(id) ? findCheckout(db, id) : undefined;
  if (!checkout) throw new NotFoundError(CHECKOUT_NOT_FOUND);
  if (checkout.status === 'open' && new Date(checkout.expiresAt).getTime() <= now.getTime()) {
    throw new NotFoundError('This booking in progress has expired after three hours. Please search again.');
  }
  return checkout;
}

/** Puts the open checkout of :id on the request, or answers 404 (unknown, expired or malformed id). */
export function loadCheckout(req: Request, res: Response, next: NextFunction): void {
  const { db, clock } = req.deps;
  let checkout: Checkout;
  try {
    checkout = findLiveCheckout(db, String(req.params.id ?? ''), clock.now());
  } catch (error) {
    return next(error);
  }
  if (checkout.status === 'booked') {
    const reference = (db.prepare('SELECT reference FROM bookings WHERE checkout_id = ?').get(checkout.id) as { reference: string } | undefined)?.reference;
    if (reference && req.method === 'GET') return res.redirect(303, `/bookings/${reference}`);
  }
  req.checkout = checkout;
  next();
}

export function requireCheckout(req: Request): Checkout {
  if (!req.checkout) throw new Error('loadCheckout must run before this handler');
  return req.checkout;
}

/** What every checkout page needs for its stepper, summary and back link. */
export function checkoutLocals(req: Request, step: StepKey): { checkout: Checkout; summary: PriceSummary; steps: typeof STEPS; step: StepKey; stepIndex: number; backUrl: string } {
  const checkout = requireCheckout(req);
  const index = stepIndex(step);
  const previous = STEPS[index - 1];
  const backUrl = previous ? (previous.key === 'flights' ? searchUrlFor(checkout) : stepUrl(checkout, previous.key)) : '/';
  return { checkout, summary: priceCheckout(req.deps.db, checkout), steps: STEPS, step, stepIndex: index, backUrl };
}
