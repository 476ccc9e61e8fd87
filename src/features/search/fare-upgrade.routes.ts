// Handlers of the free-to-paid upgrade page (/checkouts/:id/upgrade): a thin adapter over fare-upgrade.ts.
// The page shows while the tactic applies to the session and there is a Basic flight to upgrade; else,
// and once answered, it sends the customer on to the passengers step.
import type { Request, Response } from 'express';
import { ValidationError, type FieldErrors } from '../../lib/errors.ts';
import { fieldErrorsFrom } from '../../lib/validation.ts';
import { stepUrl } from '../checkout/progress.ts';
import { checkoutLocals, requireCheckout, searchUrlFor } from '../checkout/steps.ts';
import { TACTIC } from '../offers/codes.ts';
import { tacticAssignments } from '../tactics/assignments.ts';
import { fareUpgradeOffer, fareUpgradeTactic, recordFareUpgradeShown, upgradeFare } from './fare-upgrade.ts';
import { fareUpgradeView } from './fare-upgrade.view.ts';

/** The page, or false when there is nothing to ask (the caller sends the customer on). */
function render(req: Request, res: Response, status: number, errors: FieldErrors): boolean {
  const checkout = requireCheckout(req);
  const { db, clock } = req.deps;
  const tactics = tacticAssignments(db, req.sessionId, req.variants);
  const offer = tactics.applies(TACTIC.free_to_paid_upgrade) ? fareUpgradeOffer(db, checkout, clock.now()) : null;
  if (!offer) return false;
  const tactic = fareUpgradeTactic(tactics);
  recordFareUpgradeShown(db, { sessionId: req.sessionId, now: clock.now(), tactic }, checkout.id, offer);
  const view = fareUpgradeView(offer, checkout, tactic);
  // The page finishes the choice of fares: the stepper is on "Flights", Back returns to the results.
  res.status(status).render('checkout/upgrade', { ...checkoutLocals(req, 'flights'), backUrl: searchUrlFor(checkout), pageTitle: view.pageTitle, view, errors });
  return true;
}

export function showFareUpgrade(req: Request, res: Response): void {
  if (!render(req, res, 200, {})) res.redirect(303, stepUrl(requireCheckout(req), 'passengers'));
}

/** POST: "Upgrade to Standard" or "Keep Basic"; either way on to the passengers step. */
export function submitFareUpgrade(req: Request, res: Response): void {
  const checkout = requireCheckout(req);
  const body = (req.body ?? {}) as Record<string, unknown>;
  const ctx = { db: req.deps.db, now: req.deps.clock.now(), sessionId: req.sessionId, seed: req.deps.config.demoSeed, variants: req.variants };
  try {
    upgradeFare(ctx, checkout, { answer: (typeof body.answer === 'string' ? body.answer : '') as 'upgrade' | 'keep' });
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    if (render(req, res, 422, fieldErrorsFrom(error.issues, (path) => (path[0] === 'answer' ? 'answer' : undefined)))) return;
  }
  res.redirect(303, stepUrl(checkout, 'passengers'));
}
