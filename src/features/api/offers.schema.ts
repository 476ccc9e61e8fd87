// The offers of a checkout (seats by zone, bags, priority boarding, cabin upgrade, hotel, insurance, car)
// and the extras step of the JSON API.
import { z } from 'zod';
import { CAR_CLASSES } from '../catalogue/cars.ts';
import { SaveExtrasInputSchema } from '../extras/save-extras.ts';
import { CheckoutSchema } from './checkouts.schema.ts';
import { DirectionSchema, MoneySchema, named, PassengerTypeSchema } from './common.schema.ts';
import { SeatZoneSchema } from './seats.schema.ts';

export const OFFER_PLACEMENTS = ['seats', 'extras'] as const;

export const OffersQuerySchema = z.strictObject({
  placement: z.enum(OFFER_PLACEMENTS).optional().describe('Only the offers of one step: seats or extras. Both when absent.'),
  hotelNights: z
    .string()
    .regex(/^\d{1,2}$/, 'A whole number of nights')
    .optional()
    .describe('One-way trips: price the hotels for this many nights (1–14; default 1).'),
  hotelRooms: z.string().regex(/^\d$/, 'A whole number of rooms').optional().describe('Price the hotels for this many rooms (default: one per two seated passengers).'),
  carDays: z
    .string()
    .regex(/^\d{1,2}$/, 'A whole number of days')
    .optional()
    .describe('One-way trips: price the cars for this many days (1–14; default 3).'),
});

const base = {
  id: z.string().describe('Unique within the checkout: placement:offerCode:itemKey.'),
  offerCode: z.string(),
  name: z.string(),
  description: z.string(),
  kind: z.enum(['upsell', 'cross_sell']),
  placement: z.enum(OFFER_PLACEMENTS),
  itemKey: z.string().describe("The item it would be stored and priced as: 'seat:p1:outbound', 'bag:p1:outbound', 'upgrade:return', 'hotel', 'insurance', 'bundle:outbound' …"),
  passengerIdx: z.int().nullable(),
  direction: DirectionSchema.nullable(),
  price: MoneySchema.describe('The price recorded as shown: see priceBasis.'),
  priceBasis: z.enum(['per_passenger_flight', 'per_bag', 'whole_party_flight', 'whole_party_trip', 'cheapest_stay', 'cheapest_rental']),
  selectWith: z
    .strictObject({ method: z.literal('PUT'), path: z.string(), field: z.string() })
    .describe('Where to choose it: the request and the field of its body.'),
};

const OfferVariants = [
  z.strictObject({ ...base, category: z.literal('seat'), details: z.strictObject({ zone: SeatZoneSchema }) }),
  z.strictObject({
    ...base,
    category: z.literal('bag'),
    details: z.strictObject({
      airportPrice: MoneySchema.nullable().describe('What the same bag costs at the airport.'),
      includedBags: z.int().describe('Checked bags the fare already includes per passenger.'),
      includedKg: z.int(),
      maxQuantity: z.int().describe('Bags this passenger may add on this flight.'),
    }),
  }),
  z.strictObject({ ...base, category: z.literal('priority'), details: z.strictObject({}) }),
  z.strictObject({
    ...base,
    category: z.literal('cabin'),
    details: z.strictObject({
      targetFamily: z.strictObject({ code: z.string(), name: z.string() }),
      perType: z.array(z.strictObject({ type: PassengerTypeSchema, count: z.int(), price: MoneySchema })),
      releasesSeats: z.array(z.string()).describe('Economy seats this checkout holds on the flight, released when the upgrade is taken.'),
    }),
  }),
  z.strictObject({
    ...base,
    category: z.literal('hotel'),
    details: z.strictObject({
      city: z.string(),
      airportCode: z.string(),
      checkIn: z.string(),
      fixedNights: z.int().nullable().describe('Return trips: the nights between the flights. null on a one-way trip, where nights are chosen.'),
      maxNights: z.int().describe('The most nights that can be chosen: 14 on a one-way trip, the fixed nights on a return trip.'),
      nights: z.int(),
      rooms: z.int(),
      defaultRooms: z.int(),
      maxRooms: z.int(),
      discountPercent: z.int().describe('The complementary discount off the nightly rate for a hotel booked with the flight (0 when the session has none); nightly and total already include it.'),
      hotels: z.array(
        z.strictObject({
          id: z.int(),
          name: z.string(),
          stars: z.int(),
          area: z.string(),
          nightly: MoneySchema,
          total: MoneySchema.describe('For `nights` and `rooms`.'),
          saving: MoneySchema.nullable().describe('What the complementary discount saves on `total`; null without a discount.'),
        }),
      ),
    }),
  }),
  z.strictObject({
    ...base,
    category: z.literal('bundle'),
    details: z.strictObject({
      seated: z.int().describe('Passengers with a seat: each gets an extra-legroom seat, a 23 kg bag and priority boarding.'),
      partsPrice: MoneySchema.describe('What the parts cost apart: every seat below, and a bag and priority boarding per passenger.'),
      saving: MoneySchema.describe('partsPrice × discountPercent / 100, rounded to the cent; price = partsPrice − saving.'),
      discountPercent: z.int(),
      bagPrice: MoneySchema.describe('One 23 kg bag on this flight, apart.'),
      priorityPrice: MoneySchema.describe('Priority boarding for one passenger on this flight, apart.'),
      seats: z
        .array(z.strictObject({ passengerIdx: z.int(), seat: z.string(), price: MoneySchema.describe('The seat apart (family seating makes a child and one adult beside them free).'), assigned: z.boolean().describe('true: given by the bundle; false: the passenger already holds it.') }))
        .describe('The extra-legroom seat of each passenger with the bundle; taking it holds them.'),
    }),
  }),
  z.strictObject({
    ...base,
    category: z.literal('insurance'),
    details: z.strictObject({ perPassenger: MoneySchema, insured: z.int().describe('Passengers covered for a price (infants are free).') }),
  }),
  z.strictObject({
    ...base,
    category: z.literal('car'),
    details: z.strictObject({
      city: z.string(),
      airportCode: z.string().describe('Where the car is picked up: the outbound flight’s arrival airport.'),
      pickUpDate: z.string().describe('The local date the outbound flight lands.'),
      fixedDays: z.int().nullable().describe('Return trips: the days until the return flight. null on a one-way trip, where days are chosen (1–14).'),
      maxDays: z.int(),
      days: z.int().describe('The days the totals are for.'),
      cars: z.array(
        z.strictObject({
          id: z.int(),
          carClass: z.enum(CAR_CLASSES),
          model: z.string(),
          seats: z.int(),
          bags: z.int(),
          daily: MoneySchema,
          total: MoneySchema.describe('For `days`.'),
        }),
      ).describe('The cars with a seat for every passenger with a seat, cheapest first.'),
    }),
  }),
] as const;

export const OfferSchema = named(
  z.discriminatedUnion('category', [...OfferVariants]),
  'Offer',
  'An upsell or cross-sell the checkout can take at a step, priced from the catalogue; `details` depends on the category.',
);
export type OfferBody = z.infer<typeof OfferSchema>;

export const OfferListSchema = named(z.strictObject({ offers: z.array(OfferSchema) }), 'OfferList', 'Every offer available now; each is recorded as shown.');

// The request body is the save-extras command's input, as is: the API passes it straight through.
export const ExtrasRequestSchema = named(
  SaveExtrasInputSchema,
  'ExtrasRequest',
  'The complete selection of the extras step (PUT replaces): anything left out is not wanted, and a stored extra left out is removed. The input of the save-extras command.',
);

export const ExtrasResultSchema = named(
  z.strictObject({
    changes: z
      .array(z.strictObject({ itemKey: z.string(), offerCode: z.string(), event: z.enum(['accepted', 'removed', 'declined']), price: MoneySchema }))
      .describe('The offer responses recorded by this request.'),
    releasedSeats: z
      .array(z.strictObject({ direction: DirectionSchema, seats: z.array(z.string()) }))
      .describe('Seats released because a cabin upgrade was taken or given up, or a Comfort bundle that had given them was given up: choose seats again.'),
    checkout: CheckoutSchema,
  }),
  'ExtrasResult',
);
