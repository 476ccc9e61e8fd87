// Handlers of the confirmation page and its hotel cross-sell. They parse, call the domain
// (confirmation.ts), then render or redirect.
import type { Request, Response } from 'express';
import { z } from 'zod';
import { ValidationError, type FieldErrors } from '../../lib/errors.ts';
import { BRAND_LABEL } from '../payment/card.ts';
import { AddHotelSchema } from './bookings.schema.ts';
import { addHotelToBooking, getBookingDetails, HotelAlreadyAddedError, recordHotelOfferShown } from './confirmation.ts';
import { formatTicketNumber } from './reference.ts';

function renderBooking(
  req: Request,
  res: Response,
  status: number,
  state: { values?: Record<string, string>; errors?: FieldErrors; hotelAdded?: boolean } = {},
): void {
  const { db, clock } = req.deps;
  const details = getBookingDetails(db, String(req.params.reference ?? ''));
  if (details.hotelOffer) recordHotelOfferShown(db, { booking: details.booking, offer: details.hotelOffer, now: clock.now() });
  const offer = details.hotelOffer;
  res.status(status).render('bookings/confirmation', {
    ...details,
    pageTitle: `Booking ${details.booking.reference}`,
    styles: ['payment'],
    cardLabel: details.card ? `${BRAND_LABEL[details.card.brand]} ending ${details.card.last4}` : null,
    formatTicketNumber,
    values: state.values ?? (offer ? { hotel: '', nights: String(offer.defaultNights), rooms: String(offer.defaultRooms) } : {}),
    errors: state.errors ?? {},
    hotelAdded: state.hotelAdded ?? false,
  });
}

// GET /bookings/:reference
export function showBooking(req: Request, res: Response): void {
  renderBooking(req, res, 200, { hotelAdded: req.query.added === 'hotel' });
}

// POST /bookings/:reference/hotel
export function addHotelToBookingPage(req: Request, res: Response): void {
  const { db, clock } = req.deps;
  const body = (req.body ?? {}) as Record<string, unknown>;
  const values: Record<string, string> = {};
  for (const key of ['hotel', 'nights', 'rooms']) if (typeof body[key] === 'string') values[key] = (body[key] as string).slice(0, 20);
  const parsed = AddHotelSchema.safeParse(body);
  if (!parsed.success) return renderBooking(req, res, 422, { values, errors: z.flattenError(parsed.error).fieldErrors as FieldErrors });
  try {
    const added = addHotelToBooking(db, {
      reference: String(req.params.reference ?? ''),
      hotelId: parsed.data.hotel,
      nights: parsed.data.nights,
      rooms: parsed.data.rooms,
      now: clock.now(),
    });
    res.redirect(303, `/bookings/${added.reference}?added=hotel#receipt`);
  } catch (error) {
    // A second click on "Add": the hotel is on the booking already, which is what the customer wanted.
    if (error instanceof HotelAlreadyAddedError) return res.redirect(303, `/bookings/${error.reference}?added=hotel#receipt`);
    if (error instanceof ValidationError) return renderBooking(req, res, 422, { values, errors: error.fieldErrors });
    throw error;
  }
}
