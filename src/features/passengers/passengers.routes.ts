// Handlers of the passengers step: a thin adapter over savePassengers (save-passengers.ts). The form's
// flat fields (p1-given-name, p3-dob, email …) become the command's input, and the command's paths
// (['passengers', 2, 'dateOfBirth']) come back to those fields.
import type { Request, Response } from 'express';
import type { FieldErrors, IssuePath } from '../../lib/errors.ts';
import { ValidationError } from '../../lib/errors.ts';
import { fieldErrorsFrom } from '../../lib/validation.ts';
import type { Checkout } from '../checkout/checkout.repository.ts';
import { passengerTypeTitle } from '../checkout/labels.ts';
import { checkoutLocals, requireCheckout } from '../checkout/steps.ts';
import { stepUrl } from '../checkout/progress.ts';
import { savePassengers, type SavePassengersInput } from './save-passengers.ts';

const FIELD_OF: Record<string, string> = { givenName: 'given-name', familyName: 'family-name', dateOfBirth: 'dob' };

function render(req: Request, res: Response, status: number, values: Record<string, string>, errors: FieldErrors) {
  const checkout = requireCheckout(req);
  // The error summary names whose field it is: "Passenger 2: Enter the given name".
  const errorLabels: Record<string, string> = {};
  for (const p of checkout.passengers) {
    for (const field of Object.values(FIELD_OF)) errorLabels[`p${p.idx}-${field}`] = `Passenger ${p.idx}`;
  }
  // Children and infants give a date of birth (their fare depends on their age on the travel dates).
  const passengers = checkout.passengers.map((p) => ({ idx: p.idx, title: `Passenger ${p.idx}: ${passengerTypeTitle(p.type)}`, asksDateOfBirth: p.type !== 'adult' }));
  res.status(status).render('checkout/passengers', { ...checkoutLocals(req, 'passengers'), pageTitle: 'Passengers', passengers, values, errors, errorLabels });
}

export function showPassengers(req: Request, res: Response): void {
  const checkout = requireCheckout(req);
  const values: Record<string, string> = { email: checkout.contactEmail ?? '', phone: checkout.contactPhone ?? '' };
  for (const p of checkout.passengers) {
    values[`p${p.idx}-given-name`] = p.givenName;
    values[`p${p.idx}-family-name`] = p.familyName;
    values[`p${p.idx}-dob`] = p.dateOfBirth ?? '';
  }
  render(req, res, 200, values, {});
}

/** A form value as text (a repeated field or a missing one becomes ''). */
function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** The form's fields as the command's input: one entry per passenger, in order, and the contact. */
export function formToInput(checkout: Checkout, body: Record<string, unknown>): SavePassengersInput {
  return {
    contact: { email: text(body.email), phone: text(body.phone) },
    passengers: checkout.passengers.map((p) => ({
      givenName: text(body[`p${p.idx}-given-name`]),
      familyName: text(body[`p${p.idx}-family-name`]),
      ...(p.type === 'adult' ? {} : { dateOfBirth: text(body[`p${p.idx}-dob`]) }),
    })),
  };
}

/** ['passengers', 2, 'dateOfBirth'] → p3-dob (of the third passenger); ['contact', 'email'] → email. */
export function pathToField(checkout: Checkout, path: IssuePath): string | undefined {
  const [head, index, field] = path;
  if (head === 'contact' && (index === 'email' || index === 'phone')) return index;
  if (head === 'passengers' && typeof index === 'number' && typeof field === 'string' && FIELD_OF[field]) {
    const passenger = checkout.passengers[index];
    return passenger ? `p${passenger.idx}-${FIELD_OF[field]}` : undefined;
  }
  return undefined;
}

export function submitPassengers(req: Request, res: Response): void {
  const checkout = requireCheckout(req);
  const body = (req.body ?? {}) as Record<string, unknown>;
  const ctx = { db: req.deps.db, now: req.deps.clock.now(), sessionId: req.sessionId, seed: req.deps.config.demoSeed };
  try {
    savePassengers(ctx, checkout, formToInput(checkout, body));
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    // Put back exactly what was typed (strings only, cut to a sane length).
    const values: Record<string, string> = {};
    for (const [key, value] of Object.entries(body)) if (typeof value === 'string' && key !== '_csrf') values[key] = value.slice(0, 2000);
    return render(req, res, 422, values, fieldErrorsFrom(error.issues, (path) => pathToField(checkout, path)));
  }
  res.redirect(303, stepUrl(checkout, 'seats'));
}
