// Handlers of the extras step: parse, call the domain (extras.ts), then render or redirect.
import type { Request, Response } from 'express';
import { z } from 'zod';
import { ValidationError, type FieldErrors } from '../../lib/errors.ts';
import { longDate, localTime } from '../../lib/time.ts';
import { DIRECTIONS, type Direction } from '../checkout/checkout.repository.ts';
import { checkoutLocals, firstIncompleteStep, requireCheckout, STEPS, stepUrl } from '../checkout/steps.ts';
import { currentExtras, listExtrasOffers, recordExtrasShown, saveExtras } from './extras.ts';
import { field, IntentSchema, parseExtrasForm, type ExtrasChoice } from './extras.schema.ts';

const EXTRAS_INDEX = STEPS.findIndex((s) => s.key === 'extras');

/** The step to send the customer back to when an earlier one is not complete, or null. */
function earlierIncompleteStep(req: Request): string | null {
  const checkout = requireCheckout(req);
  const step = firstIncompleteStep(checkout);
  if (!step || STEPS.findIndex((s) => s.key === step) >= EXTRAS_INDEX) return null;
  return stepUrl(checkout, step);
}

/** The form values that show a saved selection again. */
function valuesOf(choice: ExtrasChoice): Record<string, string> {
  const values: Record<string, string> = {};
  for (const b of choice.bags) values[field.bag(b.passengerIdx, b.direction)] = String(b.quantity);
  for (const p of choice.priority) values[field.priority(p.passengerIdx, p.direction)] = p.answer;
  for (const u of choice.upgrades) values[field.upgrade(u.direction)] = u.answer;
  if (choice.hotel?.answer === 'add') {
    values[field.hotel] = String(choice.hotel.hotelId);
    if (choice.hotel.nights !== null) values[field.hotelNights] = String(choice.hotel.nights);
    values[field.hotelRooms] = String(choice.hotel.rooms);
  } else if (choice.hotel?.answer === 'decline') values[field.hotel] = 'none';
  if (choice.insurance) values[field.insurance] = choice.insurance;
  return values;
}

/** Exactly what was posted, strings only and cut to a sane length, to put back in the form. */
function typedValues(body: Record<string, unknown>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === 'string' && key !== '_csrf' && key !== 'intent') values[key] = value.slice(0, 300);
  }
  return values;
}

const wholeNumber = (value: string | undefined) => (value && /^\d{1,3}$/.test(value) ? Number(value) : undefined);

const ReleasedSchema = z
  .string()
  .transform((v) => v.split(','))
  .pipe(z.array(z.enum(DIRECTIONS)))
  .catch([]);

function render(req: Request, res: Response, status: number, values: Record<string, string>, errors: FieldErrors, released: Direction[] = []) {
  const checkout = requireCheckout(req);
  const { db, clock } = req.deps;
  // The page's layout follows what is saved (an upgrade saved makes priority part of the fare);
  // the values shown are what was saved or what was just typed.
  const saved = currentExtras(db, checkout);
  const upgraded = saved.upgrades.filter((u) => u.answer === 'add').map((u) => u.direction);
  const offers = listExtrasOffers(db, checkout, {
    upgraded,
    hotelNights: wholeNumber(values[field.hotelNights]),
    hotelRooms: wholeNumber(values[field.hotelRooms]),
  });
  recordExtrasShown(db, checkout, offers, { sessionId: req.sessionId, now: clock.now() });
  // Errors about fields the page does not render (a passenger or flight the trip does not have) are listed together.
  const rendered = new Set<string>([
    ...offers.bags.flatMap((l) => l.passengers.map((p) => p.field)),
    ...offers.priority.flatMap((l) => l.passengers.map((p) => p.field)),
    ...offers.upgrades.map((u) => u.field),
    ...(offers.hotel ? [field.hotel, field.hotelRooms, ...(offers.hotel.fixedNights === null ? [field.hotelNights] : [])] : []),
    ...(offers.insurance ? [field.insurance] : []),
  ]);
  const strayErrors = Object.keys(errors).filter((name) => errors[name]?.length && !rendered.has(name));
  res.status(status).render('checkout/extras', {
    ...checkoutLocals(req, 'extras'),
    pageTitle: 'Extras',
    offers,
    values,
    errors,
    strayErrors,
    upgraded,
    released: released.filter((d) => checkout.flights.some((f) => f.direction === d)),
    seatsUrl: stepUrl(checkout, 'seats'),
    fmt: { longDate, localTime },
  });
}

export function showExtras(req: Request, res: Response): void {
  const back = earlierIncompleteStep(req);
  if (back) return res.redirect(303, back);
  const checkout = requireCheckout(req);
  const released = ReleasedSchema.parse(req.query.released ?? '');
  render(req, res, 200, valuesOf(currentExtras(req.deps.db, checkout)), {}, released);
}

export function submitExtras(req: Request, res: Response): void {
  const back = earlierIncompleteStep(req);
  if (back) return res.redirect(303, back);
  const checkout = requireCheckout(req);
  const body = (req.body ?? {}) as Record<string, unknown>;
  const values = typedValues(body);
  const parsed = parseExtrasForm(body);
  if (!parsed.success) return render(req, res, 422, values, parsed.fieldErrors);
  // "Update hotel prices" shows the totals for the nights and rooms chosen, without saving anything.
  if (IntentSchema.parse(body.intent) === 'update-hotel') return render(req, res, 200, values, {});
  let result;
  try {
    result = saveExtras(req.deps.db, checkout, parsed.data, { sessionId: req.sessionId, now: req.deps.clock.now() });
  } catch (error) {
    if (error instanceof ValidationError) return render(req, res, 422, values, error.fieldErrors);
    throw error;
  }
  if (result.releasedSeats.length > 0) {
    // Back here once, to say which seats went and link to the business seats.
    const released = result.releasedSeats.map((r) => r.direction).join(',');
    return res.redirect(303, `${stepUrl(checkout, 'extras')}?released=${released}`);
  }
  res.redirect(303, stepUrl(checkout, 'review'));
}
