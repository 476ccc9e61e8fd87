// Airports and the flight search of the JSON API.
import { z } from 'zod';
import { AirportSchema, DirectionSchema, MoneySchema, named } from './common.schema.ts';

export const AirportListSchema = named(z.strictObject({ airports: z.array(AirportSchema) }), 'AirportList', 'Every airport Skylark Air flies from or to.');

/** The shape only: strings, as in any URL. The rules (dates, party, route) are the results page's. */
const text = (description: string) => z.string().max(40, 'At most 40 characters').describe(description);
/** The query parameters of GET /flights as the document shows them: the types, formats and ranges the search enforces. */
export const FLIGHTS_QUERY_DOCS: Record<string, Record<string, unknown>> = {
  depart: { type: 'string', format: 'date' },
  return: { type: 'string', format: 'date' },
  adults: { type: 'integer', minimum: 1, maximum: 9, default: 1 },
  children: { type: 'integer', minimum: 0, maximum: 8, default: 0 },
  infants: { type: 'integer', minimum: 0, maximum: 9, default: 0 },
};

export const FlightsQuerySchema = z.strictObject({
  from: text('IATA code of the departure airport, e.g. DUB.'),
  to: text('IATA code of the arrival airport, e.g. LIS.'),
  depart: text('Outbound date, YYYY-MM-DD, from today (at the origin) up to 329 days ahead.'),
  return: text('Return date, YYYY-MM-DD, on or after depart. Leave it out for a one-way trip.').optional(),
  trip: z.enum(['one_way', 'return']).optional().describe('Optional: one_way or return. Without it, a return date makes a return trip.'),
  adults: text('Adults, a whole number 1–9 (default 1).').optional(),
  children: text('Children aged 2–11, 0–8 (default 0); adults + children at most 9.').optional(),
  infants: text('Infants under 2, on a lap: 0 to the number of adults (default 0).').optional(),
});

export const FareFamilySchema = named(
  z.strictObject({
    code: z.string().describe('basic, standard, flex or business.'),
    name: z.string(),
    rank: z.int().describe('Cheapest first.'),
    cabin: z.enum(['economy', 'business']),
    cabinBag: z.string(),
    checkedBags: z.int(),
    checkedBagKg: z.int(),
    seatChoice: z.enum(['paid', 'standard', 'any']).describe('paid: every seat costs extra; standard: standard seats included; any: every seat included.'),
    changes: z.string(),
    refund: z.string(),
    priority: z.boolean(),
  }),
  'FareFamily',
  'What a fare family includes.',
);

export const FareSchema = named(
  z.strictObject({
    fareId: z.int().describe('Send it as outbound.fareId / return.fareId to POST /checkouts.'),
    family: FareFamilySchema,
    seatsLeft: z.int(),
    price: z.strictObject({
      adult: MoneySchema,
      child: MoneySchema,
      infant: MoneySchema,
      taxesPerSeatedPassenger: MoneySchema,
      taxesPerInfant: MoneySchema,
      perAdultAllIn: MoneySchema.describe('One adult, fare plus taxes and fees.'),
      total: MoneySchema.describe('The whole party, all-in.'),
    }),
    upsell: z
      .strictObject({
        offerCode: z.string(),
        kind: z.literal('upsell'),
        category: z.literal('fare'),
        placement: z.literal('results'),
        price: MoneySchema.describe('What this family costs the party more than the cheapest on sale.'),
      })
      .nullable()
      .describe('Set when this family is sold as an upgrade from the cheapest one on sale (recorded as shown).'),
  }),
  'Fare',
  'A fare family on sale on one flight, quoted now for the party searched.',
);

export const FlightSchema = named(
  z.strictObject({
    id: z.int(),
    flightNumber: z.string(),
    origin: z.string(),
    destination: z.string(),
    departureDate: z.string().describe('Local date at the origin.'),
    departsAt: z.string().describe('UTC instant, ISO 8601.'),
    arrivesAt: z.string().describe('UTC instant, ISO 8601.'),
    durationMin: z.int(),
    distanceKm: z.int(),
    aircraft: z.strictObject({ code: z.string(), name: z.string() }),
    fares: z.array(FareSchema),
  }),
  'Flight',
);

export const FlightSearchSchema = named(
  z.strictObject({
    search: z
      .strictObject({
        from: z.string(),
        to: z.string(),
        depart: z.string(),
        return: z.string().nullable(),
        adults: z.int(),
        children: z.int(),
        infants: z.int(),
      })
      .describe('The search as understood; send it back as `search` to POST /checkouts.'),
    directions: z.array(
      z.strictObject({
        direction: DirectionSchema,
        date: z.string(),
        from: AirportSchema,
        to: AirportSchema,
        bagFee: z
          .strictObject({ online: MoneySchema, airport: MoneySchema.nullable() })
          .nullable()
          .describe('Price of one 23 kg checked bag added online, and at the airport.'),
        flights: z.array(FlightSchema),
        nearestDays: z.array(z.string()).describe('When nothing flies that day: the nearest days that have a flight.'),
      }),
    ),
  }),
  'FlightSearch',
  'The flights of each direction, with their fares quoted for the party.',
);
