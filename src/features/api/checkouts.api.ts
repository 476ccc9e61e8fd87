// POST /checkouts, GET /checkouts/:id and PUT /checkouts/:id/passengers: the bodies are the inputs of
// the commands the pages call too (openCheckout, savePassengers), passed straight through; their
// issues come back with the body's paths (search/depart, passengers/1/dateOfBirth).
import { z } from 'zod';
import type { CommandContext } from '../../lib/command.ts';
import { findCheckout, type Checkout } from '../checkout/checkout.repository.ts';
import { firstIncompleteStep } from '../checkout/progress.ts';
import { findLiveCheckout } from '../checkout/steps.ts';
import { findBookingByCheckout } from '../bookings/bookings.repository.ts';
import { savePassengers } from '../passengers/save-passengers.ts';
import { openCheckout } from '../search/open-checkout.ts';
import { CheckoutSchema, OpenCheckoutInputSchema, SavePassengersInputSchema } from './checkouts.schema.ts';
import { CheckoutIdSchema } from './common.schema.ts';
import { operation, problems, type ApiContext } from './operation.ts';
import { checkoutPath, presentCheckout } from './presenters.ts';
import { ApiProblem } from './problem.ts';

export const CheckoutParams = z.strictObject({ id: CheckoutIdSchema });

/** For ensureExists: an unknown or expired checkout is a 404 whatever the request carries. */
export function checkoutExists(params: { id: string }, ctx: ApiContext): void {
  findLiveCheckout(ctx.db, params.id, ctx.now);
}

/** A booked checkout cannot change: the problem names its booking. */
export function alreadyBooked(ctx: ApiContext, checkout: Checkout): ApiProblem {
  const reference = findBookingByCheckout(ctx.db, checkout.id)?.reference;
  return new ApiProblem(
    'already-booked',
    `This checkout is already booked and paid${reference ? `: booking reference ${reference}` : ''}. Nothing was changed or charged again.`,
    reference ? { bookingReference: reference } : {},
  );
}

/**
 * The checkout of a step after the passengers one: open (409 when booked), not expired (404), and its
 * earlier steps complete (409 naming the step), as the pages send the customer back to it.
 */
export function checkoutAtStep(ctx: ApiContext, id: string): Checkout {
  const checkout = findLiveCheckout(ctx.db, id, ctx.now);
  if (checkout.status === 'booked') throw alreadyBooked(ctx, checkout);
  const step = firstIncompleteStep(checkout);
  if (step === 'passengers') {
    throw new ApiProblem(
      'step-out-of-order',
      `Enter every passenger and the contact details first: PUT ${checkoutPath(checkout.id)}/passengers.`,
      { step },
    );
  }
  return checkout;
}

export function reloadCheckout(ctx: ApiContext, id: string): Checkout {
  const checkout = findCheckout(ctx.db, id);
  if (!checkout) throw new Error(`Checkout ${id} vanished`);
  return checkout;
}

function commandContext(ctx: ApiContext): CommandContext {
  return { db: ctx.db, now: ctx.now, sessionId: ctx.sessionId, seed: ctx.config.demoSeed };
}

export const createCheckoutOperation = operation({
  operationId: 'createCheckout',
  tag: 'Checkout',
  summary: 'Open a checkout with the fares chosen',
  description:
    'Quotes the fares now and freezes them for the checkout (three hours). `search` is the search the fares were found with ' +
    '(the `search` of GET /flights); it is validated like the results page, and each fare must be one of that search. ' +
    'The fare upsell taken (a family above the cheapest fare the party can buy) is recorded as accepted, with the tactic it was shown with.',
  body: OpenCheckoutInputSchema,
  responses: [
    { status: 201, description: 'The checkout; Location is its URL.', schema: CheckoutSchema, headers: ['Location'] },
    ...problems(415, 422),
  ],
  handle: ({ body, ctx }) => {
    const { checkoutId } = openCheckout(commandContext(ctx), body);
    return { status: 201, headers: { Location: checkoutPath(checkoutId) }, body: presentCheckout(ctx.db, reloadCheckout(ctx, checkoutId), ctx.now) };
  },
});

export const getCheckoutOperation = operation({
  operationId: 'getCheckout',
  tag: 'Checkout',
  summary: 'Read a checkout',
  description:
    'State, steps (complete, to_do, optional, blocked), flights, passengers, the seats and extras chosen and the itemised price. ' +
    'A booked checkout is still readable: status booked and bookingReference. An unknown or expired id is a 404 problem.',
  params: CheckoutParams,
  ensureExists: checkoutExists,
  responses: [{ status: 200, description: 'The checkout.', schema: CheckoutSchema }, ...problems(404)],
  handle: ({ params, ctx }) => ({ status: 200, body: presentCheckout(ctx.db, findLiveCheckout(ctx.db, params.id, ctx.now), ctx.now) }),
});

export const putPassengersOperation = operation({
  operationId: 'putPassengers',
  tag: 'Checkout',
  summary: 'Enter the passengers and contact details',
  description:
    'One entry per passenger of the checkout, in its order (adults, children, infants: see passengers of GET /checkouts/:id). ' +
    'Validated like the passengers page: names of letters, spaces, hyphens and apostrophes (1–50), dates of birth for children ' +
    '(2–11 on the day of travel) and infants (under 2 on every flight), an e-mail address and a phone number. Nothing is saved on a 422.',
  params: CheckoutParams,
  ensureExists: checkoutExists,
  body: SavePassengersInputSchema,
  responses: [{ status: 200, description: 'The checkout with its passengers.', schema: CheckoutSchema }, ...problems(404, 409, 415, 422)],
  handle: ({ params, body, ctx }) => {
    const checkout = findLiveCheckout(ctx.db, params.id, ctx.now);
    if (checkout.status === 'booked') throw alreadyBooked(ctx, checkout);
    savePassengers(commandContext(ctx), checkout, body);
    return { status: 200, body: presentCheckout(ctx.db, reloadCheckout(ctx, checkout.id), ctx.now) };
  },
});
