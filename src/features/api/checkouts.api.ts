// POST /checkouts, GET /checkouts/:id and PUT /checkouts/:id/passengers, over the pages' own functions:
// openCheckout and validateSearch (search), findLiveCheckout and firstIncompleteStep (checkout),
// passengersSchema and savePassengerDetails (passengers).
import { z } from 'zod';
import { findCheckout, type Checkout } from '../checkout/checkout.repository.ts';
import { findLiveCheckout, firstIncompleteStep } from '../checkout/steps.ts';
import { findBookingByCheckout } from '../bookings/bookings.repository.ts';
import { savePassengerDetails } from '../passengers/passengers.routes.ts';
import { passengersSchema } from '../passengers/passengers.schema.ts';
import { openCheckout, validateSearch } from '../search/search.routes.ts';
import { CheckoutSchema, CreateCheckoutRequestSchema, PassengersRequestSchema } from './checkouts.schema.ts';
import { CheckoutIdSchema } from './common.schema.ts';
import { CHECKOUT } from './examples.ts';
import { operation, problems, type ApiContext } from './operation.ts';
import { checkoutPath, presentCheckout } from './presenters.ts';
import { ApiProblem, renameFields, validationProblem, withApiFields } from './problem.ts';

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

const CHECKOUT_FIELDS: Record<string, string> = { outboundFare: 'outbound/fareId', returnFare: 'return/fareId' };

export const createCheckoutOperation = operation({
  operationId: 'createCheckout',
  tag: 'Checkout',
  summary: 'Open a checkout with the fares chosen',
  description:
    'Quotes the fares now and freezes them for the checkout (three hours). `search` is the search the fares were found with ' +
    '(the `search` of GET /flights); it is validated like the results page, and each fare must be one of that search. ' +
    'The fare upsell taken (a family above the cheapest) is recorded as accepted.',
  body: CreateCheckoutRequestSchema,
  responses: [
    { status: 201, description: 'The checkout; Location is its URL.', schema: CheckoutSchema, headers: ['Location'] },
    ...problems(415, 422),
  ],
  example: {
    request: { search: { from: 'DUB', to: 'LIS', depart: '2026-12-10', return: '2026-12-14', adults: 1, children: 0, infants: 0 }, outbound: { fareId: 30702 }, return: { fareId: 31188 } },
    response: {
      status: 422,
      body: {
        type: '/docs/api#problem-validation',
        title: 'Invalid input',
        status: 422,
        detail: 'Choose a fare for each direction',
        instance: '/api/v1/checkouts',
        errors: [{ field: 'return/fareId', message: 'Choose one of the return fares shown' }],
      },
    },
  },
  handle: ({ body, ctx }) => {
    const s = body.search;
    const checked = validateSearch(
      ctx.db,
      {
        from: s.from,
        to: s.to,
        depart: s.depart,
        trip: s.return ? 'return' : 'one_way',
        return: s.return ?? '',
        adults: String(s.adults),
        children: String(s.children ?? 0),
        infants: String(s.infants ?? 0),
      },
      ctx.now,
    );
    if (!checked.ok) throw validationProblem(renameFields(checked.errors, (f) => `search/${f}`), 'The search needs another look: see errors.');
    if (!checked.query.return && body.return) {
      throw validationProblem([{ field: 'return', message: 'This search is one-way: leave out return, or give search.return' }]);
    }
    const id = withApiFields(
      (f) => CHECKOUT_FIELDS[f] ?? f,
      () =>
        openCheckout(ctx.db, {
          search: checked.query,
          outboundFareId: body.outbound.fareId,
          returnFareId: body.return?.fareId ?? null,
          sessionId: ctx.sessionId,
          now: ctx.now,
        }),
    );
    return { status: 201, headers: { Location: checkoutPath(id) }, body: presentCheckout(ctx.db, reloadCheckout(ctx, id), ctx.now) };
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
  example: { response: { status: 200, body: CHECKOUT } },
  handle: ({ params, ctx }) => ({ status: 200, body: presentCheckout(ctx.db, findLiveCheckout(ctx.db, params.id, ctx.now), ctx.now) }),
});

/** p1-given-name → passengers/0/givenName; email → contact/email. */
function passengerField(formField: string): string {
  const match = /^p(\d+)-(given-name|family-name|dob)$/.exec(formField);
  if (match) {
    const name = match[2] === 'given-name' ? 'givenName' : match[2] === 'family-name' ? 'familyName' : 'dateOfBirth';
    return `passengers/${Number(match[1]) - 1}/${name}`;
  }
  return formField === 'email' || formField === 'phone' ? `contact/${formField}` : formField;
}

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
  body: PassengersRequestSchema,
  responses: [{ status: 200, description: 'The checkout with its passengers.', schema: CheckoutSchema }, ...problems(404, 409, 415, 422)],
  example: {
    request: {
      contact: { email: 'ada@example.com', phone: '+353 1 555 0100' },
      passengers: [
        { givenName: 'Ada', familyName: 'Lovelace' },
        { givenName: 'Byron', familyName: 'Lovelace', dateOfBirth: '2018-05-01' },
      ],
    },
    response: {
      status: 422,
      body: {
        type: '/docs/api#problem-validation',
        title: 'Invalid input',
        status: 422,
        detail: 'Some fields need another look: see errors.',
        instance: '/api/v1/checkouts/Qm3b0yT5cXk2Vf8pLr1aZw/passengers',
        errors: [{ field: 'passengers/1/dateOfBirth', message: 'A child must be 2 to 11 on the day of travel (2026-12-10)' }],
      },
    },
  },
  handle: ({ params, body, ctx }) => {
    const checkout = findLiveCheckout(ctx.db, params.id, ctx.now);
    if (checkout.status === 'booked') throw alreadyBooked(ctx, checkout);
    const count = checkout.passengers.length;
    if (body.passengers.length !== count) {
      throw validationProblem([
        { field: 'passengers', message: `This checkout has ${count} passenger${count === 1 ? '' : 's'}: send ${count} entr${count === 1 ? 'y' : 'ies'}, in order` },
      ]);
    }
    const form: Record<string, unknown> = { email: body.contact.email, phone: body.contact.phone };
    checkout.passengers.forEach((p, i) => {
      const entry = body.passengers[i]!;
      form[`p${p.idx}-given-name`] = entry.givenName;
      form[`p${p.idx}-family-name`] = entry.familyName;
      if (p.type !== 'adult') form[`p${p.idx}-dob`] = entry.dateOfBirth ?? undefined;
    });
    const parsed = passengersSchema(checkout).safeParse(form);
    if (!parsed.success) {
      throw validationProblem(renameFields(z.flattenError(parsed.error).fieldErrors as Record<string, string[]>, passengerField));
    }
    savePassengerDetails(ctx.db, checkout, parsed.data as Record<string, string>, ctx.now);
    return { status: 200, body: presentCheckout(ctx.db, reloadCheckout(ctx, checkout.id), ctx.now) };
  },
});
