// GET /bookings/:reference?lastName=: a booking, for whoever knows its reference and a passenger's name.
import { z } from 'zod';
import { NotFoundError } from '../../lib/errors.ts';
import { getBookingDetails } from '../bookings/confirmation.ts';
import { ReferenceSchema } from './common.schema.ts';
import { BOOKING } from './examples.ts';
import { operation, problems } from './operation.ts';
import { BookingQuerySchema, BookingSchema } from './payment.schema.ts';
import { presentBooking } from './presenters.ts';

const NOT_FOUND = 'We could not find a booking with that reference and last name. Check both and try again.';

/** Names compared as people type them: any case, spaces around, curly or straight apostrophes. */
function sameName(a: string, b: string): boolean {
  const norm = (s: string) => s.trim().replace(/’/g, "'").toLocaleLowerCase('en');
  return norm(a) === norm(b);
}

export const getBookingOperation = operation({
  operationId: 'getBooking',
  tag: 'Bookings',
  summary: 'Find a booking',
  description:
    'The booking with this reference, when lastName is the family name of one of its passengers (any case). ' +
    'A wrong name answers exactly like an unknown reference (404), so references cannot be probed.',
  params: z.strictObject({ reference: ReferenceSchema }),
  query: BookingQuerySchema,
  responses: [{ status: 200, description: 'The booking.', schema: BookingSchema }, ...problems(404, 422)],
  example: { response: { status: 200, body: BOOKING } },
  handle: ({ params, query, ctx }) => {
    let details;
    try {
      details = getBookingDetails(ctx.db, params.reference);
    } catch (error) {
      if (error instanceof NotFoundError) throw new NotFoundError(NOT_FOUND);
      throw error;
    }
    if (!details.passengers.some((p) => sameName(p.familyName, query.lastName))) throw new NotFoundError(NOT_FOUND);
    return { status: 200, body: presentBooking(details) };
  },
});
