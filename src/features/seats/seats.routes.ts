// Handlers of the seats step: map the form to the command's input, call the domain, render the view
// model or redirect. The page keeps its field names (`seat-p1-outbound`); the command speaks in paths.
// A pick on a map without JavaScript (a seat button, or "Remove") is checked and kept in the draft,
// which the page after the redirect carries in its query (seat-picks.ts); nothing is held until Continue.
import type { Request, Response } from 'express';
import { AppError, type FieldErrors } from '../../lib/errors.ts';
import { localTime } from '../../lib/time.ts';
import { fieldErrorsFrom } from '../../lib/validation.ts';
import { checkoutLocals, firstIncompleteStep, requireCheckout, stepUrl } from '../checkout/steps.ts';
import { tacticAssignments } from '../tactics/assignments.ts';
import { chooseSeats } from './choose-seats.ts';
import { dryRun } from '../../db/dry-run.ts';
import { ApiProblem } from '../../lib/error-mapper.ts';
import { priceCheckout } from '../checkout/pricing.ts';
import { answerQuote, quoteProblem } from '../checkout/quote.ts';
import { seatHoldsExpired } from './seat-holds.ts';
import { applyPick, draftQuery } from './seat-picks.ts';
import { recordSeatOffersShown, seatsPage } from './seat-selection.ts';
import { draftFrom, fieldOf, formToInput, formToPick, type SeatDraft, type SeatPick } from './seats.schema.ts';
import { seatsView } from './seats.view.ts';

type Shown = { values: Record<string, string>; current?: SeatDraft['current']; errors: FieldErrors; holdsExpired?: boolean };

function render(req: Request, res: Response, status: number, shown: Shown) {
  const checkout = requireCheckout(req);
  const { db, clock, config } = req.deps;
  const now = clock.now();
  const page = seatsPage(db, checkout, { now, seed: config.demoSeed });
  const { values, current, errors } = shown;
  const view = seatsView({
    page,
    checkout,
    values,
    current,
    errors,
    tactics: tacticAssignments(db, req.sessionId, req.variants),
    holdsExpired: shown.holdsExpired ?? false,
    heldUntilLocal: page.heldUntil ? localTime(page.heldUntil, page.holdClock.timeZone) : null,
  });
  recordSeatOffersShown(db, checkout, page, { sessionId: req.sessionId, now }, view.tactics);
  // After seatsPage released this checkout's lapsed holds, so the summary lists only seats still held.
  res.status(status).render('checkout/seats', { ...checkoutLocals(req, 'seats'), pageTitle: 'Seats', view, errors, quoteUrl: `${stepUrl(checkout, 'seats')}/quote` });
}

export function showSeats(req: Request, res: Response): void {
  const checkout = requireCheckout(req);
  if (firstIncompleteStep(checkout) === 'passengers') return res.redirect(303, stepUrl(checkout, 'passengers'));
  // After a pick without JavaScript, the query carries the choices so far and whose turn it is.
  const draft = draftFrom(req.query as Record<string, unknown>);
  render(req, res, 200, { ...draft, errors: {}, holdsExpired: seatHoldsExpired(req.deps.db, checkout, req.deps.clock.now()) });
}

export function submitSeats(req: Request, res: Response): void {
  const checkout = requireCheckout(req);
  if (firstIncompleteStep(checkout) === 'passengers') return res.redirect(303, stepUrl(checkout, 'passengers'));
  const body = (req.body ?? {}) as Record<string, unknown>;
  // Put back what was chosen (strings only, cut short) if the page has to be shown again.
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) if (key.startsWith('seat-') && typeof value === 'string') values[key] = value.slice(0, 10);

  const pick = formToPick(body);
  if (pick) return pickOnMap(req, res, pick, draftFrom(body));
  const form = formToInput(body);
  const { current } = draftFrom(body);
  if (Object.keys(form.errors).length > 0) return render(req, res, 422, { values, current, errors: form.errors });
  const { db, clock, config } = req.deps;
  try {
    chooseSeats({ db, now: clock.now(), sessionId: req.sessionId, seed: config.demoSeed, variants: req.variants }, checkout, form.input);
  } catch (error) {
    // 409 for a seat just taken, 422 otherwise; an error about no choice in particular goes to the error handler.
    if (error instanceof AppError && error.issues.length > 0) return render(req, res, error.status, { values, errors: fieldErrorsFrom(error.issues, fieldOf(form.input)) });
    throw error;
  }
  res.redirect(303, stepUrl(checkout, 'extras'));
}

/** A seat (or "Remove") pressed on a map without JavaScript: kept in the draft and shown again, or refused with 422. */
function pickOnMap(req: Request, res: Response, pick: SeatPick, draft: SeatDraft): void {
  const checkout = requireCheckout(req);
  const { db, clock, config } = req.deps;
  const picked = applyPick(seatsPage(db, checkout, { now: clock.now(), seed: config.demoSeed }), draft, pick);
  if (picked.ok) return res.redirect(303, `${stepUrl(checkout, 'seats')}?${draftQuery(picked.draft)}#seats-${pick.direction}`);
  render(req, res, 422, { ...picked.draft, errors: { [picked.field]: [picked.message] } });
}

/**
 * The live price bar's quote: the total and summary with the seats on the maps, read by the same form
 * adapter and held by the same command as Continue (family seating included), then priced, in a
 * transaction that is rolled back: no seat stays held and no event stays recorded. A passenger with no seat picked yet is priced without one.
 * Refused choices: 422 (409 for a seat another traveller has) problem with the form's field names.
 */
export function quoteSeats(req: Request, res: Response): void {
  answerQuote(req, res, () => {
    const checkout = requireCheckout(req);
    if (firstIncompleteStep(checkout) === 'passengers') throw new ApiProblem('conflict', 'Add the passengers of this booking first.');
    const body = (req.body ?? {}) as Record<string, unknown>;
    const chosen = Object.fromEntries(Object.entries(body).filter(([, value]) => value !== ''));
    const form = formToInput(chosen);
    const fields = Object.entries(form.errors).flatMap(([field, messages]) => (messages ?? []).map((message) => ({ field, code: 'invalid_format', message })));
    if (fields.length > 0) throw new ApiProblem('validation', fields[0]!.message, { errors: fields });
    const { db, clock, config } = req.deps;
    try {
      return dryRun(db, () => {
        chooseSeats({ db, now: clock.now(), sessionId: req.sessionId, seed: config.demoSeed, variants: req.variants }, checkout, form.input);
        return priceCheckout(db, checkout);
      });
    } catch (error) {
      if (error instanceof AppError && error.issues.length > 0) throw quoteProblem(error, fieldOf(form.input));
      throw error;
    }
  });
}
