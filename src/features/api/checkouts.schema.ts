// The checkout resource of the JSON API: opening one, reading it, and the passengers step.
import { z } from 'zod';
import { SavePassengersInputSchema as SavePassengersSchema } from '../passengers/save-passengers.ts';
import { OpenCheckoutInputSchema as OpenCheckoutSchema } from '../search/open-checkout.ts';
import { DirectionSchema, MoneySchema, named, PassengerTypeSchema, PriceSummarySchema, StepKeySchema } from './common.schema.ts';

// The request bodies are the commands' inputs: the API passes them straight through.
export const OpenCheckoutInputSchema = named(
  OpenCheckoutSchema,
  'OpenCheckoutInput',
  'The fares chosen: one per direction of the search. The input of the openCheckout command.',
);

export const SavePassengersInputSchema = named(
  SavePassengersSchema,
  'SavePassengersInput',
  'Names, dates of birth and the contact details; all of them, every time (PUT replaces). The input of the savePassengers command.',
);

export const StepSchema = named(
  z.strictObject({
    key: StepKeySchema,
    status: z
      .enum(['complete', 'to_do', 'optional', 'blocked'])
      .describe('to_do: required and not done; optional: may be skipped; blocked: an earlier step comes first.'),
  }),
  'Step',
);

export const SeatSelectionSchema = named(
  z.strictObject({
    passengerIdx: z.int(),
    direction: DirectionSchema,
    flightId: z.int(),
    seat: z.string(),
    price: MoneySchema,
    status: z.enum(['held', 'expired', 'sold']).describe('held until heldUntil; expired: choose again before paying; sold: booked.'),
    heldUntil: z.string().nullable(),
  }),
  'SeatSelection',
);

export const ExtrasSelectionSchema = named(
  z.strictObject({
    bags: z.array(z.strictObject({ passengerIdx: z.int(), direction: DirectionSchema, quantity: z.int() })),
    priority: z.array(z.strictObject({ passengerIdx: z.int(), direction: DirectionSchema, answer: z.enum(['add', 'decline']) })),
    upgrades: z.array(z.strictObject({ direction: DirectionSchema, answer: z.enum(['add', 'decline']) })),
    hotel: z
      .discriminatedUnion('answer', [
        z.strictObject({ answer: z.literal('add'), hotelId: z.int(), nights: z.int().nullable(), rooms: z.int() }),
        z.strictObject({ answer: z.literal('decline') }),
      ])
      .nullable(),
    insurance: z.enum(['add', 'decline']).nullable(),
    bundles: z.array(z.strictObject({ direction: DirectionSchema, answer: z.enum(['add', 'decline']) })).describe('The Comfort bundle per flight.'),
    car: z
      .discriminatedUnion('answer', [
        z.strictObject({ answer: z.literal('add'), carId: z.int(), days: z.int().nullable() }),
        z.strictObject({ answer: z.literal('decline') }),
      ])
      .nullable(),
  }),
  'ExtrasSelection',
  'The extras chosen, and the explicit "No thanks" answers. The same shape PUT /extras takes.',
);

export const CheckoutSchema = named(
  z.strictObject({
    id: z.string(),
    status: z.enum(['open', 'booked']),
    bookingReference: z.string().nullable(),
    tripType: z.enum(['one_way', 'return']),
    createdAt: z.string(),
    updatedAt: z.string(),
    expiresAt: z.string().describe('An open checkout is forgotten three hours after it was opened.'),
    party: z.strictObject({ adults: z.int(), children: z.int(), infants: z.int() }),
    contact: z.strictObject({ email: z.string(), phone: z.string() }).nullable(),
    steps: z.array(StepSchema),
    nextStep: StepKeySchema.nullable().describe('The first step still to do; null when every required step is done.'),
    flights: z.array(
      z.strictObject({
        direction: DirectionSchema,
        flightId: z.int(),
        flightNumber: z.string(),
        origin: z.string(),
        destination: z.string(),
        departureDate: z.string(),
        departsAt: z.string(),
        arrivesAt: z.string(),
        aircraftCode: z.string(),
        fareId: z.int(),
        family: z.strictObject({ code: z.string(), name: z.string() }),
        cabin: z.enum(['economy', 'business']),
      }),
    ),
    passengers: z.array(
      z.strictObject({
        idx: z.int().describe('1-based: adults first, then children, then infants. Other resources call it passengerIdx.'),
        type: PassengerTypeSchema,
        givenName: z.string(),
        familyName: z.string(),
        dateOfBirth: z.string().nullable(),
      }),
    ),
    selections: z.strictObject({ seats: z.array(SeatSelectionSchema), extras: ExtrasSelectionSchema }),
    price: PriceSummarySchema,
    links: z.strictObject({
      self: z.string(),
      passengers: z.string(),
      seatMaps: z.string(),
      seats: z.string(),
      offers: z.string(),
      extras: z.string(),
      payment: z.string(),
      booking: z.string().nullable(),
    }),
  }),
  'Checkout',
  'A trip being bought: its state and steps, flights, passengers, selections and itemised price.',
);
export type CheckoutBody = z.infer<typeof CheckoutSchema>;
