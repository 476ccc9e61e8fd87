// Handlers of the review page, the card payment, the 3-D Secure challenge and the last-chance insurance.
// They parse, call the domain (pay.ts, review.ts), then render or redirect.
import type { Request, Response } from 'express';
import { z } from 'zod';
import { ConflictError, type FieldErrors } from '../../lib/errors.ts';
import { checkoutLocals, firstIncompleteStep, requireCheckout, stepUrl } from '../checkout/steps.ts';
import type { Checkout } from '../checkout/checkout.repository.ts';
import { findBookingByCheckout } from '../bookings/bookings.repository.ts';
import { BRAND_LABEL, groupDigits, TEST_CARDS } from './card.ts';
import { answerChallenge, getChallenge, payCheckoutWaiting, type PaymentResult } from './pay.ts';
import { ChallengeAnswerSchema, ECHOED_CARD_FIELDS, parseCardForm, ReviewInsuranceSchema } from './payment.schema.ts';
import { recordReviewInsuranceShown, respondToReviewInsurance, reviewDetails } from './review.ts';

type ReviewState = {
  values?: Record<string, string>;
  errors?: FieldErrors;
  /** Why the last attempt did not go through (decline, 3-D Secure failed, a conflict). */
  paymentError?: string | null;
  /** After a failed form: the card number and security code are not shown again and must be re-typed. */
  reenterCard?: boolean;
  /** A bad answer to the insurance offer, shown beside it. */
  insuranceError?: string | null;
};

const TEST_CARD_LIST = TEST_CARDS.map((c) => ({ number: groupDigits(c.number), description: c.description }));

function renderReview(req: Request, res: Response, status: number, state: ReviewState = {}): void {
  const { db, clock } = req.deps;
  const locals = checkoutLocals(req, 'review');
  const now = clock.now();
  const details = reviewDetails(db, locals.checkout, now);
  if (details.insuranceOffer) {
    recordReviewInsuranceShown(db, { checkout: locals.checkout, sessionId: req.sessionId, offer: details.insuranceOffer, now });
  }
  res.status(status).render('checkout/review', {
    ...locals,
    ...details,
    pageTitle: 'Review and pay',
    styles: ['payment'],
    values: state.values ?? {},
    errors: state.errors ?? {},
    paymentError: state.paymentError ?? null,
    reenterCard: state.reenterCard ?? false,
    insuranceError: state.insuranceError ?? null,
    seatsUrl: stepUrl(locals.checkout, 'seats'),
    testCards: TEST_CARD_LIST,
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

/** What the customer typed, minus what must never be echoed (card number, security code). */
function echoedValues(body: Record<string, unknown>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of ECHOED_CARD_FIELDS) {
    const value = body[field];
    if (typeof value === 'string') values[field] = value.slice(0, 100);
  }
  return values;
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
  const parsed = ReviewInsuranceSchema.safeParse(req.body ?? {});
  if (!parsed.success) {
    return renderReview(req, res, 422, { insuranceError: z.flattenError(parsed.error).fieldErrors.response?.[0] ?? 'Choose an option' });
  }
  respondToReviewInsurance(req.deps.db, { checkout, sessionId: req.sessionId, response: parsed.data.response, now: req.deps.clock.now() });
  res.redirect(303, `/checkouts/${checkout.id}/review${parsed.data.response === 'accept' ? '#price' : '#pay'}`);
}

// POST /checkouts/:id/payment
export async function submitPayment(req: Request, res: Response): Promise<void> {
  const checkout = requireCheckout(req);
  if (redirectIfBooked(req, res, checkout) || redirectIfIncomplete(res, checkout)) return;
  const { db, clock } = req.deps;
  const body = (req.body ?? {}) as Record<string, unknown>;
  const values = echoedValues(body);
  const parsed = parseCardForm(body, clock.now());
  if (!parsed.success) {
    return renderReview(req, res, 422, { values, errors: z.flattenError(parsed.error).fieldErrors as FieldErrors, reenterCard: true });
  }
  let result: PaymentResult;
  try {
    result = await payCheckoutWaiting(db, {
      checkoutId: checkout.id,
      card: parsed.data,
      now: clock.now(),
      timeoutMs: req.deps.config.paymentTimeoutMs,
    });
  } catch (error) {
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

function renderChallenge(req: Request, res: Response, status: number, challenge: ReturnType<typeof getChallenge>, errors: FieldErrors): void {
  res.status(status).render('checkout/challenge', {
    pageTitle: 'Confirm this payment',
    styles: ['payment'],
    checkout: requireCheckout(req),
    challenge,
    brandLabel: BRAND_LABEL[challenge.card.brand],
    errors,
  });
}

// POST /checkouts/:id/payment/challenge/:challengeId
export function submitChallenge(req: Request, res: Response): void {
  const checkout = requireCheckout(req);
  const { db, clock } = req.deps;
  const challengeId = String(req.params.challengeId ?? '');
  const challenge = getChallenge(db, checkout.id, challengeId); // 404 before anything else
  if (redirectIfBooked(req, res, checkout)) return;
  const parsed = ChallengeAnswerSchema.safeParse(req.body ?? {});
  if (!parsed.success) return renderChallenge(req, res, 422, challenge, z.flattenError(parsed.error).fieldErrors as FieldErrors);
  try {
    answer(req, res, answerChallenge(db, { checkoutId: checkout.id, challengeId, outcome: parsed.data.outcome, now: clock.now() }), {});
  } catch (error) {
    if (error instanceof ConflictError) return renderConflict(req, res, error, {});
    throw error;
  }
}
