import { z } from 'zod';
import type { Db } from '../../db/database.ts';

export const OFFER_KINDS = ['upsell', 'cross_sell'] as const;
export const PLACEMENTS = ['results', 'seats', 'extras', 'review', 'confirmation', 'manage'] as const;
export type Placement = (typeof PLACEMENTS)[number];
export type OfferKind = (typeof OFFER_KINDS)[number];

const Band = z.object({ maxKm: z.number().int().nullable(), amountMinor: z.number().int().nonnegative() });
export type DistanceBand = z.infer<typeof Band>;

export const PriceRuleSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('fare_difference'), family: z.string() }),
  z.object({
    type: z.literal('distance_band'),
    per: z.enum(['passenger_flight', 'bag_flight']),
    bands: z.array(Band).min(1),
    airportBands: z.array(Band).optional(),
    maxPerPassenger: z.number().int().positive().optional(),
  }),
  z.object({
    type: z.literal('hotel_nights'),
    /** The complementary discount: percent off the nightly rate when the stay is booked with the flight. */
    withFlightDiscountPercent: z.number().int().min(0).max(100).optional(),
  }),
  z.object({ type: z.literal('per_passenger'), oneWayMinor: z.number().int(), returnMinor: z.number().int() }),
  z.object({
    type: z.literal('bundle'),
    /** The offers the bundle is made of, each priced by its own rule. */
    parts: z.array(z.string()).min(1),
    /** Percent off the sum of the parts (rounded to the cent). */
    discountPercent: z.number().int().min(0).max(100),
  }),
  /** A car class's daily rate (the `cars` table, seeded per airport) × the days of the rental. */
  z.object({ type: z.literal('car_days') }),
]);
export type PriceRule = z.infer<typeof PriceRuleSchema>;

export const EligibilitySchema = z.looseObject({
  requiresCabin: z.string().optional(),
  excludeFamilies: z.array(z.string()).optional(),
  passengerTypes: z.array(z.enum(['adult', 'child', 'infant'])).optional(),
  zone: z.string().optional(),
});
export type Eligibility = z.infer<typeof EligibilitySchema>;

export type Offer = {
  code: string;
  kind: OfferKind;
  category: string;
  name: string;
  description: string;
  priceRule: PriceRule;
  eligibility: Eligibility;
  placements: Placement[];
  active: boolean;
};

type OfferRow = {
  code: string;
  kind: OfferKind;
  category: string;
  name: string;
  description: string;
  price_rule_json: string;
  eligibility_json: string;
  placements_json: string;
  active: number;
};

const cache = new WeakMap<Db, Map<string, Offer>>();

/** The offer catalogue, read once per database (the seed rewrites it only on a full reset). */
export function listOffers(db: Db): Map<string, Offer> {
  let offers = cache.get(db);
  if (!offers) {
    offers = new Map();
    for (const row of db.prepare('SELECT * FROM offers ORDER BY code').all() as OfferRow[]) {
      offers.set(row.code, {
        code: row.code,
        kind: row.kind,
        category: row.category,
        name: row.name,
        description: row.description,
        priceRule: PriceRuleSchema.parse(JSON.parse(row.price_rule_json)),
        eligibility: EligibilitySchema.parse(JSON.parse(row.eligibility_json)),
        placements: z.array(z.enum(PLACEMENTS)).parse(JSON.parse(row.placements_json)),
        active: row.active === 1,
      });
    }
    cache.set(db, offers);
  }
  return offers;
}

export function forgetOfferCache(db: Db): void {
  cache.delete(db);
}

export function getOffer(db: Db, code: string): Offer {
  const offer = listOffers(db).get(code);
  if (!offer) throw new Error(`Offer ${code} is not in the catalogue`);
  return offer;
}

/** The price of a distance-banded offer for a flight of that length. */
export function bandAmount(bands: readonly DistanceBand[], distanceKm: number): number {
  for (const band of bands) {
    if (band.maxKm === null || distanceKm <= band.maxKm) return band.amountMinor;
  }
  return bands.at(-1)!.amountMinor;
}
