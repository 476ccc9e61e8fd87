// The checkout resource of the JSON API: opening one, reading it, and the passengers step.
import { z } from 'zod';
import { DirectionSchema, MoneySchema, named, PassengerTypeSchema, PriceSummarySchema, StepKeySchema } from './common.schema.ts';

const FareChoice = z.strictObject({ fareId: z.int().min(1).max(2_000_000_000).describe('A fareId from GET /flights.') });
const iata = z.string().max(10, 'At most 10 characters');
const party = (min: number, max: number, what: string) => z.int().min(min).max(max).describe(what);

export const CreateCheckoutRequestSchema = named(
  z.strictObject({
    search: z
      .strictObject({
        from: iata.describe('Departure airport, IATA code.'),
        to: iata.describe('Arrival airport, IATA code.'),
        depart: z.string().max(20, 'At most 20 characters').describe('YYYY-MM-DD'),
        return: z.string().max(20, 'At most 20 characters').nullable().optional().describe('YYYY-MM-DD, or null / absent for one-way.'),
        adults: party(0, 99, 'Adults, 1–9.'),
        children: party(0, 99, 'Children 2–11, 0–8.').optional(),
        infants: party(0, 99, 'Infants under 2, at most one per adult.').optional(),
      })
      .describe('The search the fares were found with: `search` of the GET /flights answer.'),
    outbound: FareChoice,
    return: FareChoice.nullable().optional().describe('Required when search.return is set; absent or null for one-way.'),
  }),
  'CreateCheckoutRequest',
  'The fares chosen: one per direction of the search.',
);

export const PassengersRequestSchema = named(
  z.strictObject({
    contact: z.strictObject({
      email: z.string().max(254, 'At most 254 characters'),
      phone: z.string().max(40, 'At most 40 characters').describe('With its country code, e.g. +353 1 555 0100.'),
    }),
    passengers: z
      .array(
        z.strictObject({
          givenName: z.string().max(100, 'At most 100 characters'),
          familyName: z.string().max(100, 'At most 100 characters'),
          dateOfBirth: z.string().max(20, 'At most 20 characters').nullable().optional().describe('YYYY-MM-DD; required for children and infants, ignored for adults.'),
        }),
      )
      .max(30, 'At most 30 passengers')
      .describe('In the order of the checkout’s passengers (adults, then children, then infants), one per passenger.'),
  }),
  'PassengersRequest',
  'Names, dates of birth and the contact details; all of them, every time (PUT replaces).',
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
