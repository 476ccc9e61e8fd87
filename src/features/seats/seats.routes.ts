// Handlers of the seats step: parse, call the domain (seat-selection.ts), render or redirect.
import type { Request, Response } from 'express';
import { z } from 'zod';
import { ValidationError, type FieldErrors } from '../../lib/errors.ts';
import { localTime } from '../../lib/time.ts';
import { checkoutLocals, firstIncompleteStep, requireCheckout, stepUrl } from '../checkout/steps.ts';
import {
  chooseSeats,
  recordSeatOffersShown,
  SeatTakenError,
  seatHoldsExpired,
  seatsPage,
  SKIP,
} from './seat-selection.ts';
import { SeatsFormSchema } from './seats.schema.ts';

function render(
  req: Request,
  res: Response,
  status: number,
  values: Record<string, string>,
  errors: FieldErrors,
  notice: { holdsExpired?: boolean } = {},
) {
  const checkout = requireCheckout(req);
  const { db, clock, config } = req.deps;
  const now = clock.now();
  const page = seatsPage(db, checkout, { now, seed: config.demoSeed });
  recordSeatOffersShown(db, checkout, page, { sessionId: req.sessionId, now });
  // Values not posted (first visit, or a group left alone) show what is held, else "skip".
  const chosen: Record<string, string> = {};
  for (const f of page.flights) for (const p of f.passengers) chosen[p.field] = values[p.field] ?? p.heldSeat ?? SKIP;
  res.status(status).render('checkout/seats', {
    // After the holds were released, so the summary lists only seats still held.
    ...checkoutLocals(req, 'seats'),
    pageTitle: 'Seats',
    page,
    values: chosen,
    errors,
    holdsExpired: notice.holdsExpired ?? false,
    heldUntilLocal: page.heldUntil ? localTime(page.heldUntil, page.holdClock.timeZone) : null,
  });
}

export function showSeats(req: Request, res: Response): void {
  const checkout = requireCheckout(req);
  const incomplete = firstIncompleteStep(checkout);
  if (incomplete === 'passengers') return res.redirect(303, stepUrl(checkout, 'passengers'));
  const holdsExpired = seatHoldsExpired(req.deps.db, checkout, req.deps.clock.now());
  render(req, res, 200, {}, {}, { holdsExpired });
}

export function submitSeats(req: Request, res: Response): void {
  const checkout = requireCheckout(req);
  const incomplete = firstIncompleteStep(checkout);
  if (incomplete === 'passengers') return res.redirect(303, stepUrl(checkout, 'passengers'));
  const body = (req.body ?? {}) as Record<string, unknown>;
  // Put back what was chosen (strings only, cut short) if the page has to be shown again.
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) if (key.startsWith('seat-') && typeof value === 'string') values[key] = value.slice(0, 10);

  const parsed = SeatsFormSchema.safeParse(body);
  if (!parsed.success) return render(req, res, 422, values, fieldErrorsOf(parsed.error));
  const { db, clock, config } = req.deps;
  try {
    chooseSeats(db, checkout, parsed.data, { now: clock.now(), seed: config.demoSeed, sessionId: req.sessionId });
  } catch (error) {
    if (error instanceof SeatTakenError) return render(req, res, 409, values, error.fieldErrors);
    if (error instanceof ValidationError) return render(req, res, 422, values, error.fieldErrors);
    throw error;
  }
  res.redirect(303, stepUrl(checkout, 'extras'));
}

/** Field errors keyed by form field (the schema's output is a list of choices, its issues name fields). */
function fieldErrorsOf(error: z.ZodError): FieldErrors {
  return z.flattenError(error).fieldErrors as FieldErrors;
}
