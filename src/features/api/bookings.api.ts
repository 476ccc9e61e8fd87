// GET /bookings/:reference?lastName=: a booking, for whoever knows its reference and a passenger's name.
import { z } from 'zod';
import { NotFoundError } from '../../lib/errors.ts';
import { getBookingDetails } from '../bookings/confirmation.ts';
import type { Booking } from '../bookings/bookings.repository.ts';
import { findBookingForApi, LOOKUP_FAILED } from '../manage/booking-access.ts';
import { ReferenceSchema } from './common.schema.ts';
import { operation, problems, type ApiContext } from './operation.ts';
import { BookingQuerySchema, BookingSchema } from './payment.schema.ts';
import { presentBooking } from './presenters.ts';

export const getBookingOperation = operation({
  operationId: 'getBooking',
  tag: 'Bookings',
  summary: 'Find a booking',
  description:
    'The booking with this reference, when lastName is the family name of one of its passengers (any case), or with the ' +
    'signed access token of the Location a payment answers with (valid 30 minutes). ' +
    'A wrong name answers exactly like an unknown reference (404), and failed look-ups are throttled (429 after 10 in 15 minutes ' +
    'from one client), so references cannot be probed.',
  params: z.strictObject({ reference: ReferenceSchema }),
  query: BookingQuerySchema,
  responses: [{ status: 200, description: 'The booking.', schema: BookingSchema }, ...problems(404, 422, 429)],
  handle: ({ params, query, ctx }) => {
    const booking = bookingWithProof(ctx, params.reference, query);
    return { status: 200, body: presentBooking(getBookingDetails(ctx.db, booking.reference)) };
  },
});

/**
 * The booking with this reference when `lastName` is one of its passengers' family names; otherwise
 * the same 404 as an unknown reference (and, throttled like GET /bookings/{reference}, a failure counts).
 */
export function bookingWithProof(ctx: ApiContext, reference: string, query: Parameters<typeof findBookingForApi>[3]): Booking {
  const booking = findBookingForApi(ctx.db, ctx.config.sessionSecret, reference, query, ctx.now);
  if (!booking) throw new NotFoundError(LOOKUP_FAILED);
  return booking;
}
