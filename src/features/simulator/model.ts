// The shopper simulator's propensity model (documented in docs/trainer.md). Every parameter is a
// probability or a factor between 0 and 1, shown and editable on /trainer/simulate.
//
//   reach a step       = 1 − abandon[step]          (each step in turn; a shopper who leaves stops there)
//   take an offer      = min(1, base[offer] × (1 − priceSensitivity × min(1, price / €200)) × (1 + lift))
//   lift               = tacticLift when the impression the page recorded names a tactic applied to the
//                        shopper's session (variant on, or arm B of an A/B test), else 0
//   the Comfort bundle = taken per flight where the page shows it (tactic bundle on, or arm B), priced
//                        for the party; a flight's bundle taken, its priority boarding is not offered again
import { z } from 'zod';
import { mulberry32 } from '../catalogue/random.ts';

const probability = z.number('Enter a number between 0 and 1.').min(0, 'Enter a number between 0 and 1.').max(1, 'Enter a number between 0 and 1.');

export const ABANDON_STEPS = ['results', 'checkout', 'passengers', 'seats', 'extras', 'payment'] as const;
export const TAKE_OFFERS = ['bag', 'priority', 'upgrade', 'hotel', 'insurance', 'bundle'] as const;

export const SimulationParamsSchema = z.strictObject({
  abandon: z.strictObject(Object.fromEntries(ABANDON_STEPS.map((s) => [s, probability])) as Record<(typeof ABANDON_STEPS)[number], typeof probability>),
  take: z.strictObject(Object.fromEntries(TAKE_OFFERS.map((o) => [o, probability])) as Record<(typeof TAKE_OFFERS)[number], typeof probability>),
  priceSensitivity: probability,
  tacticLift: probability,
});
export type SimulationParams = z.infer<typeof SimulationParamsSchema>;

export const DEFAULT_PARAMS: SimulationParams = {
  abandon: { results: 0.1, checkout: 0.35, passengers: 0.15, seats: 0.05, extras: 0.1, payment: 0.1 },
  take: { bag: 0.35, priority: 0.2, upgrade: 0.08, hotel: 0.1, insurance: 0.25, bundle: 0.15 },
  priceSensitivity: 0.5,
  tacticLift: 0.3,
};

/** The price at which price sensitivity has its full effect, in minor units (€200). */
export const PRICE_SCALE_MINOR = 20_000;

export const MIN_SHOPPERS = 1;
export const MAX_SHOPPERS = 100_000;

export const SimulationInputSchema = z.strictObject({
  shoppers: z
    .int('Enter a whole number of shoppers.')
    .min(MIN_SHOPPERS, `Simulate at least ${MIN_SHOPPERS} shopper.`)
    .max(MAX_SHOPPERS, `Simulate at most ${MAX_SHOPPERS.toLocaleString('en')} shoppers at once.`),
  seed: z.int('Enter a whole number as the seed.').min(0, 'The seed is a whole number from 0.').max(2 ** 31 - 1, 'The seed is at most 2147483647.'),
  params: SimulationParamsSchema,
});
export type SimulationInput = z.infer<typeof SimulationInputSchema>;

export function takeProbability(params: SimulationParams, offer: (typeof TAKE_OFFERS)[number], priceMinor: number, tacticApplied: boolean): number {
  const priceFactor = 1 - params.priceSensitivity * Math.min(1, Math.max(0, priceMinor) / PRICE_SCALE_MINOR);
  const lift = tacticApplied ? params.tacticLift : 0;
  return Math.min(1, params.take[offer] * priceFactor * (1 + lift));
}

/** The catalogue's seeded generator (mulberry32): numbers in [0, 1), the same sequence for the same seed. */
export function seededRandom(seed: number): () => number {
  return mulberry32(seed);
}
