// GET /checkouts/:id/events and GET /bookings/:reference/events: the offer events recorded (shown,
// accepted, declined, removed, with placement, tactic, variant and price), so a test can assert what
// was measured. The same access rules as reading the checkout or the booking.
import { z } from 'zod';
import { findLiveCheckout } from '../checkout/steps.ts';
import { listBookingOfferEvents, listCheckoutOfferEvents } from '../offers/recorded-events.ts';
import { bookingWithProof } from './bookings.api.ts';
import { CheckoutParams, checkoutExists } from './checkouts.api.ts';
import { ReferenceSchema } from './common.schema.ts';
import { OfferEventListSchema } from './events.schema.ts';
import { operation, problems } from './operation.ts';
import { BookingQuerySchema } from './payment.schema.ts';

export const listCheckoutEventsOperation = operation({
  operationId: 'listCheckoutEvents',
  tag: 'Offers and extras',
  summary: 'The offer events recorded for a checkout',
  description:
    'Every offer event recorded with this checkout, oldest first: impressions (shown), accepted, declined and removed, with ' +
    'placement, tactic, variant and price. Impressions on the results page before the checkout existed belong to the session, ' +
    'not to a checkout, and are not listed. Readable as long as the checkout is (404 once expired).',
  params: CheckoutParams,
  ensureExists: checkoutExists,
  responses: [{ status: 200, description: 'The events.', schema: OfferEventListSchema }, ...problems(404)],
  handle: ({ params, ctx }) => {
    const checkout = findLiveCheckout(ctx.db, params.id, ctx.now);
    return { status: 200, body: { events: listCheckoutOfferEvents(ctx.db, checkout.id) } };
  },
});

export const listBookingEventsOperation = operation({
  operationId: 'listBookingEvents',
  tag: 'Bookings',
  summary: 'The offer events recorded for a booking',
  description:
    'Every offer event of the checkout the booking came from and those recorded after it (confirmation page, adding a hotel), ' +
    'oldest first. lastName proves access, as for GET /bookings/{reference}: a wrong name answers 404, and failed look-ups are ' +
    'throttled with it (429).',
  params: z.strictObject({ reference: ReferenceSchema }),
  query: BookingQuerySchema,
  responses: [{ status: 200, description: 'The events.', schema: OfferEventListSchema }, ...problems(404, 422, 429)],
  handle: ({ params, query, ctx }) => {
    const booking = bookingWithProof(ctx, params.reference, query);
    return { status: 200, body: { events: listBookingOfferEvents(ctx.db, booking) } };
  },
});
