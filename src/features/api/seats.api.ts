// GET /checkouts/:id/seat-maps and PUT /checkouts/:id/seats, over the seats step's own functions
// (seatsPage, recordSeatOffersShown) and its command (chooseSeats, whose input is this body, passed
// straight through; its issues' paths are the body's fields): the same holds, prices and rules.
import { chooseSeats } from '../seats/choose-seats.ts';
import { recordSeatOffersShown, seatsPage } from '../seats/seat-selection.ts';
import { CheckoutParams, checkoutAtStep, checkoutExists, reloadCheckout } from './checkouts.api.ts';
import { operation, problems } from './operation.ts';
import { presentCheckout, presentSeatMaps } from './presenters.ts';
import { ChooseSeatsInputSchema, SeatMapsSchema, SeatsResultSchema } from './seats.schema.ts';

export const getSeatMapsOperation = operation({
  operationId: 'getSeatMaps',
  tag: 'Seats',
  summary: 'Read the seat maps',
  description:
    'Per flight, the cabin of the fare with every seat: zone, price for one passenger, whether it is free, who of the checkout ' +
    'holds it and who may not sit there; per passenger, the zone prices. The paid zones are recorded as shown (placement seats), ' +
    'like the seats page. Needs the passengers step done (409 naming it otherwise).',
  params: CheckoutParams,
  ensureExists: checkoutExists,
  responses: [{ status: 200, description: 'The seat maps.', schema: SeatMapsSchema }, ...problems(404, 409)],
  handle: ({ params, ctx }) => {
    const checkout = checkoutAtStep(ctx, params.id);
    const page = seatsPage(ctx.db, checkout, { now: ctx.now, seed: ctx.config.demoSeed });
    recordSeatOffersShown(ctx.db, checkout, page, { sessionId: ctx.sessionId, now: ctx.now });
    return { status: 200, body: presentSeatMaps(page) };
  },
});

export const putSeatsOperation = operation({
  operationId: 'putSeats',
  tag: 'Seats',
  summary: 'Choose seats',
  description:
    'Replaces the seats of the checkout with these, held for 15 minutes, in one transaction. A child must sit beside an adult of the ' +
    'booking (then the child and one adult beside them sit free); exit rows are for adults without an infant. A seat another ' +
    'traveller has is a 409 naming the choice (seats/0/seat); any other refusal a 422. Nothing is held on a 4xx.',
  params: CheckoutParams,
  ensureExists: checkoutExists,
  body: ChooseSeatsInputSchema,
  responses: [{ status: 200, description: 'The seats held and the checkout.', schema: SeatsResultSchema }, ...problems(404, 409, 415, 422)],
  handle: ({ params, body, ctx }) => {
    const checkout = checkoutAtStep(ctx, params.id);
    const chosen = chooseSeats({ db: ctx.db, now: ctx.now, sessionId: ctx.sessionId, seed: ctx.config.demoSeed }, checkout, body);
    return {
      status: 200,
      body: {
        seats: chosen.seats.map((s) => ({
          passengerIdx: s.passengerIdx,
          direction: s.direction,
          flightId: s.flightId,
          seat: s.seat,
          zone: s.zone,
          price: { amountMinor: s.price.amountMinor, currency: s.price.currency },
          reason: s.reason,
        })),
        heldUntil: chosen.heldUntil,
        checkout: presentCheckout(ctx.db, reloadCheckout(ctx, checkout.id), ctx.now),
      },
    };
  },
});
