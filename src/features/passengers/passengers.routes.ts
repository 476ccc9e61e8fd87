import type { Request, Response } from 'express';
import { z } from 'zod';
import type { Db } from '../../db/database.ts';
import { savePassengers, type Checkout } from '../checkout/checkout.repository.ts';
import { checkoutLocals, requireCheckout, stepUrl } from '../checkout/steps.ts';
import { passengersSchema } from './passengers.schema.ts';

type FieldErrors = Record<string, string[] | undefined>;

function render(req: Request, res: Response, status: number, values: Record<string, string>, errors: FieldErrors) {
  // The error summary names whose field it is: "Passenger 2: Enter the given name".
  const errorLabels: Record<string, string> = {};
  for (const p of requireCheckout(req).passengers) {
    for (const field of ['given-name', 'family-name', 'dob']) errorLabels[`p${p.idx}-${field}`] = `Passenger ${p.idx}`;
  }
  res.status(status).render('checkout/passengers', { ...checkoutLocals(req, 'passengers'), pageTitle: 'Passengers', values, errors, errorLabels });
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

export function submitPassengers(req: Request, res: Response): void {
  const checkout = requireCheckout(req);
  const body = (req.body ?? {}) as Record<string, unknown>;
  const parsed = passengersSchema(checkout).safeParse(body);
  if (!parsed.success) {
    // Put back exactly what was typed (strings only, cut to a sane length).
    const values: Record<string, string> = {};
    for (const [key, value] of Object.entries(body)) if (typeof value === 'string' && key !== '_csrf') values[key] = value.slice(0, 2000);
    return render(req, res, 422, values, z.flattenError(parsed.error).fieldErrors as FieldErrors);
  }
  savePassengerDetails(req.deps.db, checkout, parsed.data as Record<string, string>, req.deps.clock.now());
  res.redirect(303, stepUrl(checkout, 'seats'));
}

/** Saves what passengersSchema(checkout) parsed: names, dates of birth and the contact details. */
export function savePassengerDetails(db: Db, checkout: Checkout, data: Record<string, string>, now: Date): void {
  savePassengers(db, checkout.id, {
    email: data.email!,
    phone: data.phone!,
    now,
    passengers: checkout.passengers.map((p) => ({
      idx: p.idx,
      givenName: data[`p${p.idx}-given-name`]!,
      familyName: data[`p${p.idx}-family-name`]!,
      dateOfBirth: p.type === 'adult' ? null : data[`p${p.idx}-dob`]!,
    })),
  });
}
