// Manage booking: GET /manage shows the look-up form, POST /manage checks the reference and a
// passenger's family name, gives this session access to the booking (booking-access.ts) and
// redirects to its Manage booking page (manage-booking.routes.ts).
import type { Request, Response } from 'express';
import { z } from 'zod';
import type { FieldErrors } from '../../lib/errors.ts';
import { findBookingForTraveller, grantBookingAccess, LOOKUP_FAILED } from './booking-access.ts';
import { ManageLookupSchema } from './manage.schema.ts';

function renderLookup(res: Response, status: number, values: Record<string, string>, errors: FieldErrors = {}, notice?: string): void {
  res.status(status).render('manage/lookup', { pageTitle: 'Find your booking', values, errors, notice: notice ?? null });
}

// GET /manage
export function showManage(req: Request, res: Response): void {
  const reference = typeof req.query.reference === 'string' ? req.query.reference.slice(0, 20) : '';
  renderLookup(res, 200, { reference, familyName: '' });
}

// POST /manage
export function submitManage(req: Request, res: Response): void {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const values: Record<string, string> = {};
  for (const key of ['reference', 'familyName']) if (typeof body[key] === 'string') values[key] = (body[key] as string).slice(0, 60);
  const parsed = ManageLookupSchema.safeParse(body);
  if (!parsed.success) return renderLookup(res, 422, values, z.flattenError(parsed.error).fieldErrors as FieldErrors);
  const booking = findBookingForTraveller(req.deps.db, parsed.data.reference, parsed.data.familyName);
  if (!booking) return renderLookup(res, 422, values, { reference: [LOOKUP_FAILED] });
  grantBookingAccess(req, res, booking.reference);
  res.redirect(303, `/bookings/${booking.reference}/manage`);
}
