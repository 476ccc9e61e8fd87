// Manage booking in the JSON API: what a booking can still buy (GET /bookings/{reference}/offers) and a
// purchase (POST /bookings/{reference}/extras, whose body is the buyExtra command's input), both opened by a
// passenger's family name (?lastName=) or a booking link's signed token (?access=), as GET /bookings/{reference}.
import { z } from 'zod';
import { NotFoundError } from '../../lib/errors.ts';
import type { CommandContext } from '../../lib/command.ts';
import { getBookingDetails } from '../bookings/confirmation.ts';
import { bookingLinkToken, findBookingForApi, LOOKUP_FAILED } from '../manage/booking-access.ts';
import { answerPurchaseChallenge, BuyExtraInputSchema, buyExtraAndWait, type BuyExtraResult } from '../manage/buy-extra.ts';
import { manageOffers, recordManageOffersShown, type ManageOffer } from '../manage/manage-offers.ts';
import { EXTRA_TYPES } from '../manage/manage-rules.ts';
import { DirectionSchema, MoneySchema, named, ReferenceSchema } from './common.schema.ts';
import { IDEMPOTENCY_HEADER } from './idempotency.ts';
import { operation, problems, type ApiContext, type ApiResult } from './operation.ts';
import { BookingQuerySchema, BookingSchema } from './payment.schema.ts';
import { presentBooking, signedBookingPath } from './presenters.ts';
import { ApiProblem } from './problem.ts';

named(BuyExtraInputSchema, 'BuyExtraInput', 'One purchase on a paid booking (the input of the buyExtra command): the item, the card, and the purchase id (or the Idempotency-Key header).');

const ManageOfferSchema = named(
  z.strictObject({
    type: z.enum([...EXTRA_TYPES, 'hotel_cancel', 'car_cancel']),
    offerCode: z.string(),
    itemKey: z.string(),
    direction: DirectionSchema.nullable(),
    passengerIdx: z.int().nullable(),
    price: MoneySchema.describe('One bag; the upgrade or insurance for everyone; the cheapest hotel for the default stay; the cheapest seat; the cheapest car for the default days; a hotel or car cancellation’s refund (negative).'),
    available: z.boolean(),
    refusal: z.strictObject({ code: z.string(), message: z.string() }).nullable().describe('Why it cannot be bought now: departed, too_late (the cut-offs), already_bought, included, full, not_sold.'),
    maxQuantity: z.int().optional(),
    currentSeat: z.string().nullable().optional(),
    seats: z.array(z.strictObject({ seat: z.string(), zone: z.string(), price: MoneySchema })).optional(),
    hotel: z
      .strictObject({
        city: z.string(),
        checkIn: z.string(),
        minNights: z.int(),
        maxNights: z.int(),
        defaultNights: z.int(),
        maxRooms: z.int(),
        defaultRooms: z.int(),
        hotels: z.array(z.strictObject({ id: z.int(), name: z.string(), stars: z.int(), area: z.string(), nightly: MoneySchema })),
      })
      .optional(),
    car: z
      .strictObject({
        city: z.string(),
        airportCode: z.string().describe('Where the car is picked up: the outbound flight’s arrival airport.'),
        pickUpDate: z.string().describe('The local date the outbound flight lands.'),
        fixedDays: z.int().nullable().describe('The days until the return flight on a return trip; null on a one-way, where days are chosen.'),
        minDays: z.int(),
        maxDays: z.int(),
        defaultDays: z.int(),
        cars: z.array(z.strictObject({ id: z.int(), carClass: z.string(), model: z.string(), seats: z.int(), bags: z.int(), daily: MoneySchema })),
      })
      .optional(),
    description: z.string().optional(),
  }),
  'ManageOffer',
  'Something a paid booking can still buy (or, for hotel_cancel and car_cancel, cancel), with its price or the refusal that says why not.',
);

const ManageOffersSchema = named(z.strictObject({ reference: z.string(), offers: z.array(ManageOfferSchema) }), 'ManageOffers', 'What a booking can still buy.');

const PurchaseSchema = named(
  z.strictObject({
    status: z.enum(['bought', 'already_bought', 'challenge_required']),
    purchaseId: z.string(),
    description: z.string().optional(),
    charged: MoneySchema,
    booking: BookingSchema.optional(),
    challenge: z.strictObject({ answer: z.strictObject({ method: z.literal('POST'), path: z.string() }) }).optional(),
  }),
  'Purchase',
  'A purchase on a paid booking: bought (201), already bought with this purchase id (200, nothing charged again), or waiting for 3-D Secure (202).',
);

const AnswerPurchaseChallengeSchema = named(z.strictObject({ outcome: z.enum(['approve', 'fail']) }), 'AnswerPurchaseChallengeInput', 'The answer on the bank’s 3-D Secure page.');

const ManageParams = z.strictObject({ reference: ReferenceSchema });

function commandContext(ctx: ApiContext): CommandContext {
  return { db: ctx.db, now: ctx.now, sessionId: ctx.sessionId, seed: ctx.config.demoSeed };
}

function openBooking(ctx: ApiContext, reference: string, query: { lastName?: string; access?: string }): string {
  const booking = findBookingForApi(ctx.db, ctx.config.sessionSecret, reference, query, ctx.now);
  if (!booking) throw new NotFoundError(LOOKUP_FAILED);
  return booking.reference;
}

function presentOffer(o: ManageOffer) {
  return {
    type: o.type,
    offerCode: o.offerCode,
    itemKey: o.itemKey,
    direction: o.direction,
    passengerIdx: o.passengerIdx,
    price: o.price,
    available: o.refusal === null,
    refusal: o.refusal,
    ...(o.maxQuantity !== undefined ? { maxQuantity: o.maxQuantity } : {}),
    ...(o.seats ? { currentSeat: o.currentSeat ?? null, seats: o.seats } : {}),
    ...(o.hotel ? { hotel: { ...o.hotel, hotels: o.hotel.hotels.map((h) => ({ id: h.id, name: h.name, stars: h.stars, area: h.area, nightly: h.nightly })) } } : {}),
    ...(o.car ? { car: { ...o.car, cars: o.car.cars.map((c) => ({ id: c.id, carClass: c.carClass, model: c.model, seats: c.seats, bags: c.bags, daily: c.daily })) } } : {}),
    ...(o.description !== undefined ? { description: o.description } : {}),
  };
}

export const listBookingOffersOperation = operation({
  operationId: 'listBookingOffers',
  tag: 'Bookings',
  summary: 'What a booking can still buy',
  description:
    'Bags per passenger and flight, seats (with what each free seat costs this passenger: nothing within the fare’s free seat choice, ' +
    'the difference from a paid seat to a dearer one, nothing for a cheaper one), priority boarding, the cabin upgrade, a hotel (or its ' +
    'free cancellation until 24 hours before check-in), insurance. Each entry says why it cannot be bought now (cut-offs: nothing after ' +
    'departure, bags and seats until 2 hours before, insurance until 24 hours before). Recorded as shown with placement manage.',
  params: ManageParams,
  query: BookingQuerySchema,
  responses: [{ status: 200, description: 'The offers.', schema: ManageOffersSchema }, ...problems(404, 422, 429)],
  handle: ({ params, query, ctx }) => {
    const reference = openBooking(ctx, params.reference, query);
    const details = getBookingDetails(ctx.db, reference);
    const offers = manageOffers(commandContext(ctx), details);
    recordManageOffersShown(commandContext(ctx), details, offers);
    return { status: 200, body: { reference, offers: offers.map(presentOffer) } };
  },
});

function purchaseAnswer(ctx: ApiContext, result: BuyExtraResult): ApiResult {
  switch (result.status) {
    case 'bought':
    case 'already_bought': {
      const location = signedBookingPath(result.reference, bookingLinkToken(ctx.config.sessionSecret, result.reference, ctx.now));
      const body = { status: result.status, purchaseId: result.purchaseId, description: result.description, charged: result.charged, booking: presentBooking(getBookingDetails(ctx.db, result.reference)) };
      return { status: result.status === 'bought' ? 201 : 200, headers: { Location: location }, body };
    }
    case 'challenge': {
      const path = `/api/v1/bookings/${result.reference}/extras/${encodeURIComponent(result.purchaseId)}/challenge`;
      return { status: 202, headers: { Location: path }, body: { status: 'challenge_required', purchaseId: result.purchaseId, charged: result.amount, challenge: { answer: { method: 'POST', path } } } };
    }
    case 'declined':
      throw new ApiProblem('payment-declined', result.message, { declineReason: result.reason });
    case 'timeout':
      throw new ApiProblem('payment-timeout', result.message);
  }
}

export const buyExtraOperation = operation({
  operationId: 'buyExtra',
  tag: 'Bookings',
  summary: 'Buy for a paid booking',
  description:
    'Prices the item on the server (as GET /bookings/{reference}/offers) and charges that amount to the card (the checkout’s test ' +
    'cards and rules). 201 bought (Location: the booking, signed link); 202 3-D Secure required (answer it); 402 declined; 409 a ' +
    'cut-off passed (item: departed / too_late), a seat just taken (item/seat: seat_taken), already bought; 422 bad input ' +
    '(item/quantity: too_many_bags …). Send an Idempotency-Key header (or purchaseId in the body): the same purchase is charged once.',
  params: ManageParams,
  query: BookingQuerySchema,
  body: BuyExtraInputSchema,
  idempotency: {
    fingerprint: (body) => {
      const digits = body.card?.number.replace(/\D/g, '') ?? '';
      return { item: body.item, purchaseId: body.purchaseId ?? null, card: body.card ? { last4: digits.slice(-4), length: digits.length, name: body.card.name.trim(), expiry: body.card.expiry.trim() } : null };
    },
  },
  responses: [
    { status: 201, description: 'Bought; Location is the booking (signed link).', schema: PurchaseSchema, headers: ['Location', 'Idempotent-Replayed'] },
    { status: 200, description: 'Already bought with this purchase id: nothing was charged again.', schema: PurchaseSchema, headers: ['Location'] },
    { status: 202, description: '3-D Secure is required; Location is where to answer.', schema: PurchaseSchema, headers: ['Location', 'Idempotent-Replayed'] },
    ...problems(402, 404, 409, 415, 422, 429, 504),
  ],
  handle: async ({ params, query, body, ctx }) => {
    const reference = openBooking(ctx, params.reference, query);
    const purchaseId = body.purchaseId ?? ctx.req.get(IDEMPOTENCY_HEADER);
    // Refusals (issues at item/…, card/…) answer through the shared mapping: 409 or 422 with errors by path.
    return purchaseAnswer(ctx, await buyExtraAndWait(commandContext(ctx), reference, { ...body, purchaseId }, { timeoutMs: ctx.config.paymentTimeoutMs }));
  },
});

export const answerPurchaseChallengeOperation = operation({
  operationId: 'answerPurchaseChallenge',
  tag: 'Bookings',
  summary: 'Answer the 3-D Secure challenge of a purchase',
  description: 'approve buys the item for the amount reviewed (201; 402 price_changed when it changed meanwhile); fail declines it (402). Answering again is safe.',
  params: z.strictObject({ reference: ReferenceSchema, purchaseId: z.string().regex(/^[\x21-\x7E]{8,255}$/) }),
  query: BookingQuerySchema,
  body: AnswerPurchaseChallengeSchema,
  responses: [{ status: 201, description: 'Bought.', schema: PurchaseSchema, headers: ['Location'] }, { status: 200, description: 'Already bought; Location is the booking (signed link).', schema: PurchaseSchema, headers: ['Location'] }, ...problems(402, 404, 409, 415, 422, 429)],
  handle: ({ params, query, body, ctx }) => {
    const reference = openBooking(ctx, params.reference, query);
    return purchaseAnswer(ctx, answerPurchaseChallenge(commandContext(ctx), reference, params.purchaseId, body.outcome));
  },
});
