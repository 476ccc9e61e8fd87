// Paying a checkout in the JSON API: the card, the 3-D Secure challenge, and the booking it becomes.
import { z } from 'zod';
import { CARD_BRANDS } from '../ledger/card-on-file.ts';
import { AnswerChallengeInputSchema } from '../payment/answer-challenge.ts';
import { PayInputSchema } from '../payment/pay.ts';
import { AirportSchema, DirectionSchema, MoneySchema, named, PassengerTypeSchema, PriceLineSchema } from './common.schema.ts';

// The request bodies are the commands' inputs (payment/pay.ts, payment/answer-challenge.ts), named here for the document.
named(PayInputSchema, 'PayInput', 'The card to pay with (the input of the pay command). Only its brand and last four digits are kept.');
named(AnswerChallengeInputSchema, 'AnswerChallengeInput', 'The answer on the bank’s 3-D Secure page (the input of the answerChallenge command).');

export const CardOnFileSchema = named(
  z.strictObject({ brand: z.enum(CARD_BRANDS), last4: z.string() }),
  'CardOnFile',
  'All that is ever kept of a card.',
);

export const ChallengeSchema = named(
  z.strictObject({
    id: z.string(),
    status: z.enum(['pending', 'approved', 'failed']),
    amount: MoneySchema.describe('What the bank is asked to confirm.'),
    card: CardOnFileSchema,
    createdAt: z.string(),
    answer: z.strictObject({ method: z.literal('POST'), path: z.string() }).describe('Where to send the outcome (approve or fail).'),
  }),
  'Challenge',
  'A 3-D Secure step the bank asks for before it authorises the payment.',
);

export const ChallengeRequiredSchema = named(
  z.strictObject({ status: z.literal('challenge_required'), challenge: ChallengeSchema }),
  'ChallengeRequired',
  'The payment waits for 3-D Secure: answer the challenge to book (approve) or decline (fail).',
);

const LocalMoment = z.strictObject({ date: z.string(), time: z.string(), timeZone: z.string() });

export const BookingSchema = named(
  z.strictObject({
    reference: z.string().describe('Six characters, e.g. K7P2QX.'),
    status: z.literal('confirmed'),
    checkoutId: z.string(),
    createdAt: z.string(),
    contact: z.strictObject({ email: z.string(), phone: z.string() }),
    total: MoneySchema.describe('Everything charged, including extras bought after booking.'),
    card: CardOnFileSchema.nullable(),
    flights: z.array(
      z.strictObject({
        direction: DirectionSchema,
        flightNumber: z.string(),
        familyName: z.string(),
        cabin: z.enum(['economy', 'business']),
        origin: AirportSchema,
        destination: AirportSchema,
        departure: LocalMoment.describe('Local time at the origin.'),
        arrival: LocalMoment.describe('Local time at the destination.'),
        arrivalDayOffset: z.int(),
      }),
    ),
    passengers: z.array(
      z.strictObject({
        idx: z.int(),
        type: PassengerTypeSchema,
        givenName: z.string(),
        familyName: z.string(),
        dateOfBirth: z.string().nullable(),
        ticketNumber: z.string(),
        seats: z.array(z.strictObject({ direction: DirectionSchema, seat: z.string().nullable() })),
      }),
    ),
    // A booking item is the price line as it was charged: the same fields, with its key and time.
    items: z.array(
      PriceLineSchema.omit({ key: true, group: true }).extend({
        itemKey: z.string().nullable().describe('The price line it was charged as (PriceLine.key).'),
        createdAt: z.string(),
      }),
    ),
    links: z.strictObject({ self: z.string() }),
  }),
  'Booking',
  'A paid trip: reference, itinerary, passengers with tickets and seats, and the receipt.',
);

export const BookingQuerySchema = z
  .strictObject({
    lastName: z.string().min(1, 'Enter the family name of a passenger').max(100, 'At most 100 characters').optional().describe('The family name of any passenger on the booking (any case).'),
    access: z.string().max(200, 'At most 200 characters').optional().describe('The signed token of a booking link (the Location of a payment answer): opens this booking for 30 minutes without lastName.'),
  })
  .refine((q) => q.lastName !== undefined || q.access !== undefined, { message: 'Enter the family name of a passenger', path: ['lastName'] });

export const ResetResultSchema = named(
  z.strictObject({
    reset: z.literal(true),
    deleted: z.record(z.string(), z.int()).describe('Rows deleted per table.'),
    faresReleased: z.int().describe('Fares whose seats_sold went back to 0.'),
    tacticsRestored: z.int(),
    now: z.iso.datetime({ offset: true }).describe('The clock after the reset (a moved test clock is back at its start).'),
    tookMs: z.int(),
  }),
  'ResetResult',
);

export const OpenApiDocumentSchema = named(
  z.looseObject({ openapi: z.literal('3.1.0'), info: z.looseObject({ title: z.string(), version: z.string() }), paths: z.record(z.string(), z.unknown()) }),
  'OpenApiDocument',
  'This document.',
);
