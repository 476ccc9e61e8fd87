// Handlers of the review page, the card payment, the 3-D Secure challenge and the last-chance insurance.
// Thin adapters: each maps its form fields to a command's input (pay.ts, answer-challenge.ts,
// respond-to-review-insurance.ts), calls it, and maps the issues' domain paths back to its fields.
import type { Request, Response } from 'express';
import type { CommandContext } from '../../lib/command.ts';
import { ConflictError, ValidationError, type FieldErrors, type IssuePath } from '../../lib/errors.ts';
import { fieldErrorsFrom } from '../../lib/validation.ts';
import { checkoutLocals, firstIncompleteStep, requireCheckout, stepUrl } from '../checkout/steps.ts';
import type { Checkout } from '../checkout/checkout.repository.ts';
import { findBookingByCheckout } from '../bookings/bookings.repository.ts';
import { tacticAssignments } from '../tactics/assignments.ts';
import { answerChallenge, getChallenge, type AnswerChallengeInput, type ChallengeView } from './answer-challenge.ts';
import { challengeView } from './challenge.view.ts';
import { pay, type PayInput } from './pay.ts';
import type { PaymentResult } from './payment-outcome.ts';
import { respondToReviewInsurance, type RespondToReviewInsuranceInput } from './respond-to-review-insurance.ts';
import { recordReviewInsuranceShown, reviewDetails } from './review.ts';
import { recordReviewAddonsShown, reviewAddons } from './review-addons.ts';
import { TACTIC } from '../offers/codes.ts';
import { reviewView, type ReviewFormState } from './review.view.ts';

/** The card form's fields, by the part of the pay input each one fills. */
const CARD_FIELD = { number: 'card-number', name: 'card-name', expiry: 'card-expiry', cvc: 'card-cvc' } as const;
/** The fields a failed form may show again. The card number and security code are never echoed back. */
const ECHOED_CARD_FIELDS = [CARD_FIELD.name, CARD_FIELD.expiry] as const;

function commandContext(req: Request): CommandContext {
  return { db: req.deps.db, now: req.deps.clock.now(), sessionId: req.sessionId, seed: req.deps.config.demoSeed, variants: req.variants };
}

const formString = (body: Record<string, unknown>, field: string): string => (typeof body[field] === 'string' ? (body[field] as string) : '');

function formBody(req: Request): Record<string, unknown> {
  return (req.body ?? {}) as Record<string, unknown>;
}

/** The card form as the pay command's input (a missing field is empty: the command asks for it). */
function cardFormToInput(body: Record<string, unknown>): PayInput {
  return {
    card: {
      number: formString(body, CARD_FIELD.number),
      name: formString(body, CARD_FIELD.name),
      expiry: formString(body, CARD_FIELD.expiry),
      cvc: formString(body, CARD_FIELD.cvc),
    },
  };
}

/** ['card', 'number'] → 'card-number'; anything else goes to the page's error summary. */
function cardField(path: IssuePath): string | undefined {
  const [root, part] = path;
  return root === 'card' && typeof part === 'string' && part in CARD_FIELD ? CARD_FIELD[part as keyof typeof CARD_FIELD] : undefined;
}

/** What the customer typed, minus what must never be echoed (card number, security code). */
function echoedValues(body: Record<string, unknown>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of ECHOED_CARD_FIELDS) {
    const value = body[field];
    if (typeof value === 'string') values[field] = value.slice(0, 100);
  }
  return values;
}

function renderReview(req: Request, res: Response, status: number, state: ReviewFormState = {}): void {
  const { db, clock } = req.deps;
  const locals = checkoutLocals(req, 'review');
  const now = clock.now();
  const details = reviewDetails(db, locals.checkout, now);
  const assignments = tacticAssignments(db, req.sessionId, req.variants);
  const addons = reviewAddons(db, locals.checkout, details);
  const stepUrls = { extras: stepUrl(locals.checkout, 'extras'), seats: stepUrl(locals.checkout, 'seats') };
  const view = reviewView({ checkout: locals.checkout, summary: locals.summary, details, assignments, state, addons, stepUrls });
  // Recorded as shown only when the page shows them (checkout_addons applied), as the insurance offer.
  if (view.addons.length) recordReviewAddonsShown(db, { checkout: locals.checkout, sessionId: req.sessionId, addons, tactic: assignments.of(TACTIC.checkout_addons), now });
  if (view.insurance) {
    recordReviewInsuranceShown(db, { checkout: locals.checkout, sessionId: req.sessionId, offer: view.insurance.offer, tactic: view.insurance.tactic, now });
  }
  res.status(status).render('checkout/review', {
    ...locals,
    view,
    pageTitle: 'Review and pay',
    styles: ['payment'],
    seatsUrl: stepUrl(locals.checkout, 'seats'),
  });
}

/** Sends a booked checkout to its confirmation; true when it did. POSTs are not redirected by loadCheckout. */
function redirectIfBooked(req: Request, res: Response, checkout: Checkout): boolean {
  if (checkout.status !== 'booked') return false;
  const booking = findBookingByCheckout(req.deps.db, checkout.id);
  if (!booking) return false;
  res.redirect(303, `/bookings/${booking.reference}`);
  return true;
}

function redirectIfIncomplete(res: Response, checkout: Checkout): boolean {
  const step = firstIncompleteStep(checkout);
  if (!step) return false;
  res.redirect(303, stepUrl(checkout, step));
  return true;
}

function answer(req: Request, res: Response, result: PaymentResult, values: Record<string, string>): void {
  switch (result.status) {
    case 'booked':
    case 'already_booked':
      return res.redirect(303, `/bookings/${result.reference}`);
    case 'challenge':
      return res.redirect(303, `/checkouts/${requireCheckout(req).id}/payment/challenge/${result.challengeId}`);
    case 'declined':
      return renderReview(req, res, 422, { values, paymentError: result.message, reenterCard: true });
    case 'timeout':
      // The processor did not answer: nothing was charged or booked, and the customer may simply try again.
      return renderReview(req, res, 504, { values, paymentError: result.message, reenterCard: true });
  }
}

/** A conflict (seat hold ran out, fare sold out, price changed) is shown on the review page, 409. */
// The page shows the expired seats with a link back to the seats step by itself (from the database).
function renderConflict(req: Request, res: Response, error: ConflictError, values: Record<string, string>): void {
  renderReview(req, res, 409, { values, paymentError: error.message, reenterCard: true });
}

// GET /checkouts/:id/review
export function showReview(req: Request, res: Response): void {
  const checkout = requireCheckout(req);
  if (redirectIfIncomplete(res, checkout)) return;
  renderReview(req, res, 200);
}

// POST /checkouts/:id/review/insurance
export function submitReviewInsurance(req: Request, res: Response): void {
  const checkout = requireCheckout(req);
  if (redirectIfBooked(req, res, checkout) || redirectIfIncomplete(res, checkout)) return;
  const input = { response: formBody(req).response } as RespondToReviewInsuranceInput;
  try {
    respondToReviewInsurance(commandContext(req), checkout, input);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return renderReview(req, res, 422, { insuranceError: error.issues[0]?.message ?? 'Choose an option' });
  }
  res.redirect(303, `/checkouts/${checkout.id}/review${input.response === 'accept' ? '#price' : '#pay'}`);
}

// POST /checkouts/:id/payment
export async function submitPayment(req: Request, res: Response): Promise<void> {
  const checkout = requireCheckout(req);
  if (redirectIfBooked(req, res, checkout) || redirectIfIncomplete(res, checkout)) return;
  const body = formBody(req);
  const values = echoedValues(body);
  let result: PaymentResult;
  try {
    result = await pay(commandContext(req), checkout, cardFormToInput(body), { timeoutMs: req.deps.config.paymentTimeoutMs });
  } catch (error) {
    if (error instanceof ValidationError) {
      return renderReview(req, res, 422, { values, errors: fieldErrorsFrom(error.issues, cardField), reenterCard: true });
    }
    if (error instanceof ConflictError) return renderConflict(req, res, error, values);
    throw error;
  }
  answer(req, res, result, values);
}

// GET /checkouts/:id/payment/challenge/:challengeId
export function showChallenge(req: Request, res: Response): void {
  const checkout = requireCheckout(req);
  const challenge = getChallenge(req.deps.db, checkout.id, String(req.params.challengeId ?? ''));
  // Answered already (a back button, a second tab): the review page says where things stand.
  if (challenge.status !== 'pending') return res.redirect(303, `/checkouts/${checkout.id}/review`);
  renderChallenge(req, res, 200, challenge, {});
}

function renderChallenge(req: Request, res: Response, status: number, challenge: ChallengeView, errors: FieldErrors): void {
  res.status(status).render('checkout/challenge', {
    pageTitle: 'Confirm this payment',
    styles: ['payment'],
    checkout: requireCheckout(req),
    view: challengeView(challenge),
    errors,
  });
}

// POST /checkouts/:id/payment/challenge/:challengeId
export function submitChallenge(req: Request, res: Response): void {
  const checkout = requireCheckout(req);
  const ctx = commandContext(req);
  const challengeId = String(req.params.challengeId ?? '');
  const challenge = getChallenge(ctx.db, checkout.id, challengeId); // 404 before anything else
  if (redirectIfBooked(req, res, checkout)) return;
  const input = { outcome: formBody(req).outcome } as AnswerChallengeInput;
  try {
    answer(req, res, answerChallenge(ctx, checkout, challengeId, input), {});
  } catch (error) {
    // The page's only field is the pair of buttons named outcome.
    if (error instanceof ValidationError) return renderChallenge(req, res, 422, challenge, fieldErrorsFrom(error.issues, () => 'outcome'));
    if (error instanceof ConflictError) return renderConflict(req, res, error, {});
    throw error;
  }
}
