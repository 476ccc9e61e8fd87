// Schemas every resource of the JSON API shares: money, problems, the price summary, enums.
// Every schema that appears in the OpenAPI document by name is registered in `apiSchemas` with an id;
// openapi.ts turns the registry into components.schemas, so the document and the validation are one.
import { z } from 'zod';
import { DIRECTIONS, PASSENGER_TYPES } from '../checkout/checkout.repository.ts';
import { STEP_KEYS } from '../checkout/progress.ts';

export type SchemaMeta = { id: string; description?: string };
export const apiSchemas = z.registry<SchemaMeta>();

/** Descriptions of the named schemas, by id (z.toJSONSchema of a registry leaves them out). */
export const schemaDescriptions = new Map<string, string>();

/** Registers a schema as a named component of the OpenAPI document. */
export function named<T extends z.ZodType>(schema: T, id: string, description?: string): T {
  if (apiSchemas.has(schema as z.ZodType) || schemaDescriptions.has(id)) throw new Error(`Schema ${id} is registered twice`);
  apiSchemas.add(schema as z.ZodType, description ? { id, description } : { id });
  schemaDescriptions.set(id, description ?? '');
  return schema;
}

export const DirectionSchema = named(z.enum(DIRECTIONS), 'Direction', 'Which flight of the trip: outbound, or return.');
export const PassengerTypeSchema = named(
  z.enum(PASSENGER_TYPES),
  'PassengerType',
  'adult (12+), child (2–11) or infant (under 2, on an adult’s lap).',
);

export const MoneySchema = named(
  z.strictObject({
    amountMinor: z.int().describe('Whole minor units (cents): 12900 is €129.00.'),
    currency: z.string().length(3).describe('ISO 4217 code, EUR in this demo.'),
  }),
  'Money',
  'An amount of money: integer minor units and a currency. Never a floating-point number.',
);

export const AirportSchema = named(
  z.strictObject({
    code: z.string().length(3).describe('IATA code, e.g. DUB.'),
    name: z.string(),
    city: z.string(),
    country: z.string(),
    timeZone: z.string().describe('IANA time zone of the airport; local times in the API are in it.'),
  }),
  'Airport',
);

export const PriceLineSchema = named(
  z.strictObject({
    key: z.string().describe("Stable name of the line: 'fare:outbound:adult', 'tax:return:seated', 'seat:p1:outbound', 'bag:p2:return', 'hotel', 'insurance' …"),
    group: z.enum(['fares', 'taxes', 'seats', 'extras']),
    kind: z.enum(['fare', 'tax', 'upsell', 'cross_sell']),
    category: z.string(),
    offerCode: z.string().nullable(),
    description: z.string(),
    passengerIdx: z.int().nullable(),
    direction: DirectionSchema.nullable(),
    quantity: z.int(),
    unit: MoneySchema,
    total: MoneySchema,
  }),
  'PriceLine',
  'One line of the itemised price, computed on the server from the catalogue.',
);

export const PriceSummarySchema = named(
  z.strictObject({ lines: z.array(PriceLineSchema), total: MoneySchema }),
  'PriceSummary',
  'The itemised price: every line and the total to pay.',
);

export const ProblemFieldSchema = named(
  z.strictObject({
    field: z.string().describe("Where the problem is: a path into the body ('passengers/0/givenName'), a query parameter ('depart') or a header ('Idempotency-Key'). '' is the body itself."),
    code: z
      .string()
      .describe(
        "Stable and machine-readable, for a test to assert on: 'required', 'unknown_field', 'invalid_type', 'too_small', 'too_big', " +
          "'invalid_format', 'invalid_value', or a rule of the domain ('seat_taken', 'not_adjacent', 'too_early', 'in_the_past' …); " +
          "'invalid' when no finer code applies. The message may change wording; the code does not.",
      ),
    message: z.string().describe('For people: what is wrong and how to fix it.'),
  }),
  'ProblemField',
);

export { STEP_KEYS };
export const StepKeySchema = named(z.enum(STEP_KEYS), 'StepKey', 'A step of the checkout, in order.');

export const ProblemSchema = named(
  z.strictObject({
    type: z.string().describe("A URI reference naming the kind of problem: '/docs/api#problem-validation', '/docs/api#problem-malformed-request' and the like."),
    title: z.string(),
    status: z.int(),
    detail: z.string(),
    instance: z.string().describe('The path of the request that failed.').optional(),
    errors: z.array(ProblemFieldSchema).optional().describe('The invalid fields, when the problem is about the input.'),
    step: StepKeySchema.optional().describe('The step to complete first, when a step was taken out of order.'),
    declineReason: z.string().optional().describe('Why a payment did not go through (402): card_declined, insufficient_funds, expired_card, incorrect_cvc, processing_error, authentication_failed …'),
    bookingReference: z.string().optional().describe('The booking this checkout already became (409 already booked).'),
  }),
  'Problem',
  'An error, as application/problem+json (RFC 9457).',
);
export type Problem = z.infer<typeof ProblemSchema>;

/** Path parameters. A malformed id is not a validation error but an unknown resource: 404. */
export const CheckoutIdSchema = z.string().regex(/^[A-Za-z0-9_-]{22}$/).describe('The checkout id (22 characters) from POST /checkouts.');
export const ChallengeIdSchema = z.string().regex(/^[A-Za-z0-9_-]{22}$/).describe('The 3-D Secure challenge id from a 202 answer.');
export const ReferenceSchema = z.string().regex(/^[A-Za-z0-9]{6}$/).describe('The six-character booking reference (any case).');
