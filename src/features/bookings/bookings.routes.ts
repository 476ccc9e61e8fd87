// Handlers of the confirmation page and its hotel cross-sell. Thin adapters: the hotel form's fields
// become the addHotelToBooking command's input, its issues go back to the form's fields.
import type { Request, Response } from 'express';
import type { CommandContext } from '../../lib/command.ts';
import { ValidationError, type FieldErrors, type IssuePath } from '../../lib/errors.ts';
import { fieldErrorsFrom } from '../../lib/validation.ts';
import { tacticAssignments } from '../tactics/assignments.ts';
import { bookingCalendar } from './calendar.ts';
import { addHotelToBooking, HotelAlreadyAddedError, type AddHotelToBookingInput } from './add-hotel-to-booking.ts';
import { addCarToBooking, CarAlreadyAddedError, type AddCarToBookingInput } from './add-car-to-booking.ts';
import { getBookingDetails, recordCarOfferShown, recordHotelOfferShown } from './confirmation.ts';
import { confirmationView, type ConfirmationFormState } from './confirmation.view.ts';

/** The hotel form's fields, by the part of the command's input each one fills. */
const HOTEL_FIELD = { hotelId: 'hotel', nights: 'nights', rooms: 'rooms' } as const;

function renderBooking(req: Request, res: Response, status: number, state: ConfirmationFormState = {}): void {
  const { db, clock } = req.deps;
  const details = getBookingDetails(db, String(req.params.reference ?? ''));
  if (details.hotelOffer) recordHotelOfferShown(db, { booking: details.booking, offer: details.hotelOffer, now: clock.now() });
  if (details.carOffer) recordCarOfferShown(db, { booking: details.booking, offer: details.carOffer, now: clock.now() });
  res.status(status).render('bookings/confirmation', {
    pageTitle: `Booking ${details.booking.reference}`,
    styles: ['payment'],
    view: confirmationView(details, tacticAssignments(db, req.sessionId, req.variants), state),
  });
}

/** "3" → 3; anything but a small whole number is left out, and the command asks for it. */
function wholeNumber(value: unknown): number | undefined {
  return typeof value === 'string' && /^\d{1,3}$/.test(value.trim()) ? Number(value.trim()) : undefined;
}

function hotelFormToInput(body: Record<string, unknown>): AddHotelToBookingInput {
  return { hotelId: wholeNumber(body.hotel), nights: wholeNumber(body.nights), rooms: wholeNumber(body.rooms) } as AddHotelToBookingInput;
}

function hotelField(path: IssuePath): string | undefined {
  const [root] = path;
  return typeof root === 'string' && root in HOTEL_FIELD ? HOTEL_FIELD[root as keyof typeof HOTEL_FIELD] : undefined;
}

// GET /bookings/:reference
export function showBooking(req: Request, res: Response): void {
  renderBooking(req, res, 200, { hotelAdded: req.query.added === 'hotel', carAdded: req.query.added === 'car' });
}

// GET /bookings/:reference/calendar.ics: the flights as an iCalendar file (same access as the page)
export function downloadCalendar(req: Request, res: Response): void {
  const details = getBookingDetails(req.deps.db, String(req.params.reference ?? ''));
  res
    .status(200)
    .type('text/calendar; charset=utf-8')
    .attachment(`skylark-${details.booking.reference}.ics`)
    .send(bookingCalendar(details));
}

// POST /bookings/:reference/hotel
export function addHotelToBookingPage(req: Request, res: Response): void {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const values: Record<string, string> = {};
  for (const field of Object.values(HOTEL_FIELD)) if (typeof body[field] === 'string') values[field] = (body[field] as string).slice(0, 20);
  const ctx: CommandContext = { db: req.deps.db, now: req.deps.clock.now(), sessionId: req.sessionId, seed: req.deps.config.demoSeed, variants: req.variants };
  try {
    const added = addHotelToBooking(ctx, String(req.params.reference ?? ''), hotelFormToInput(body));
    res.redirect(303, `/bookings/${added.reference}?added=hotel#receipt`);
  } catch (error) {
    // A second click on "Add": the hotel is on the booking already, which is what the customer wanted.
    if (error instanceof HotelAlreadyAddedError) return res.redirect(303, `/bookings/${error.reference}?added=hotel#receipt`);
    if (error instanceof ValidationError) return renderBooking(req, res, 422, { values, errors: fieldErrorsFrom(error.issues, hotelField) as FieldErrors });
    throw error;
  }
}

/** The car form's fields, by the part of the command's input each one fills. */
const CAR_FIELD = { carId: 'car', days: 'car-days' } as const;

function carField(path: IssuePath): string | undefined {
  const [root] = path;
  return typeof root === 'string' && root in CAR_FIELD ? CAR_FIELD[root as keyof typeof CAR_FIELD] : undefined;
}

// POST /bookings/:reference/car
export function addCarToBookingPage(req: Request, res: Response): void {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const carValues: Record<string, string> = {};
  if (typeof body.car === 'string') carValues.car = body.car.slice(0, 20);
  if (typeof body['car-days'] === 'string') carValues.days = body['car-days'].slice(0, 20);
  const ctx: CommandContext = { db: req.deps.db, now: req.deps.clock.now(), sessionId: req.sessionId, seed: req.deps.config.demoSeed, variants: req.variants };
  const input = { carId: wholeNumber(body.car), days: wholeNumber(body['car-days']) ?? null } as AddCarToBookingInput;
  try {
    const added = addCarToBooking(ctx, String(req.params.reference ?? ''), input);
    res.redirect(303, `/bookings/${added.reference}?added=car#car`);
  } catch (error) {
    if (error instanceof CarAlreadyAddedError) return res.redirect(303, `/bookings/${error.reference}?added=car#car`);
    if (error instanceof ValidationError) return renderBooking(req, res, 422, { carValues, carErrors: fieldErrorsFrom(error.issues, carField) as FieldErrors });
    throw error;
  }
}
