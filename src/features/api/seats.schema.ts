// Seat maps and the choice of seats in the JSON API.
import { z } from 'zod';
import { ChooseSeatsInputSchema as ChooseSeatsInput } from '../seats/choose-seats.ts';
import { CheckoutSchema } from './checkouts.schema.ts';
import { DirectionSchema, MoneySchema, named, PassengerTypeSchema } from './common.schema.ts';

const ZONES = ['business', 'extra_legroom', 'up_front', 'standard'] as const;
export const SeatZoneSchema = named(z.enum(ZONES), 'SeatZone', 'The zone of a seat, which sets its price.');

export const SeatSchema = named(
  z.strictObject({
    seat: z.string().describe("Designator, e.g. '14C'."),
    letter: z.string(),
    zone: SeatZoneSchema,
    position: z.enum(['window', 'middle', 'aisle']),
    exit: z.boolean(),
    available: z.boolean().describe('False when another traveller has it (sold, held or pre-booked in the demo).'),
    heldBy: z.int().nullable().describe('The passengerIdx of this checkout who holds it, if any.'),
    price: MoneySchema.describe('Price for one passenger before family seating (a child and one adult beside them sit free).'),
    included: z.boolean().describe('The fare includes this zone: the price is 0.'),
    restrictedFor: z
      .array(z.strictObject({ passengerIdx: z.int(), reason: z.string() }))
      .describe('Passengers who may not sit here (exit rows: no children, no adult with an infant).'),
  }),
  'Seat',
);

export const SeatMapSchema = named(
  z.strictObject({
    direction: DirectionSchema,
    flightId: z.int(),
    flightNumber: z.string(),
    aircraft: z.strictObject({ code: z.string(), name: z.string() }),
    cabin: z.enum(['economy', 'business']).describe('The cabin of the fare: the only one shown.'),
    seatChoice: z.enum(['paid', 'standard', 'any']),
    freeSeats: z.int(),
    rows: z.array(
      z.strictObject({
        row: z.int(),
        zone: SeatZoneSchema,
        exit: z.boolean(),
        wing: z.boolean(),
        groups: z.array(z.array(SeatSchema)).describe('Seat groups left to right; an aisle lies between two groups.'),
      }),
    ),
    passengers: z.array(
      z.strictObject({
        passengerIdx: z.int(),
        type: PassengerTypeSchema,
        carriesInfant: z.boolean(),
        heldSeat: z.string().nullable(),
        zones: z.array(
          z.strictObject({
            zone: SeatZoneSchema,
            offerCode: z.string().nullable(),
            price: MoneySchema,
            included: z.boolean(),
            eligible: z.boolean().describe('The passenger may sit in at least one seat of the zone.'),
          }),
        ),
      }),
    ),
  }),
  'SeatMap',
  'The cabin of one flight as this checkout sees it.',
);

export const SeatMapsSchema = named(
  z.strictObject({
    heldUntil: z.string().nullable().describe('When the seats this checkout holds are released, if not paid.'),
    flights: z.array(SeatMapSchema),
  }),
  'SeatMaps',
);

export const ChooseSeatsInputSchema = named(
  ChooseSeatsInput,
  'ChooseSeatsInput',
  'Every seat of the checkout, all at once: a seated passenger and flight left out has no seat (PUT replaces). The input of the chooseSeats command.',
);

export const SeatsResultSchema = named(
  z.strictObject({
    seats: z.array(
      z.strictObject({
        passengerIdx: z.int(),
        direction: DirectionSchema,
        flightId: z.int(),
        seat: z.string(),
        zone: SeatZoneSchema,
        price: MoneySchema,
        reason: z.enum(['paid', 'fare', 'family']).describe('paid: an upsell; fare: included in the fare; family: free beside a child.'),
      }),
    ),
    heldUntil: z.string().nullable(),
    checkout: CheckoutSchema,
  }),
  'SeatsResult',
  'The seats now held for 15 minutes, and the checkout with its new price.',
);
