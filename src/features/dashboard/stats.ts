// The statistics of the experiments table: pure functions, checked against known values in
// test/dashboard/stats.test.ts. 95% throughout (z = 1.959964).

export const Z95 = 1.959963984540054;

export type Interval = { low: number; high: number };

/** Wilson score interval of a proportion k/n (95%). null when n is 0. */
export function wilsonInterval(k: number, n: number, z = Z95): Interval | null {
  if (n <= 0) return null;
  const p = k / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** The standard normal distribution's cumulative probability (Abramowitz and Stegun 7.1.26 via erf, |error| < 1.5e-7). */
export function normalCdf(x: number): number {
  const t = 1 / (1 + (0.3275911 * Math.abs(x)) / Math.SQRT2);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-(x * x) / 2);
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

export type ZTest = { z: number; pValue: number };

/** Two-sided two-proportion z-test with the pooled proportion: is k2/n2 different from k1/n1? */
export function twoProportionZTest(k1: number, n1: number, k2: number, n2: number): ZTest | null {
  if (n1 <= 0 || n2 <= 0) return null;
  const pooled = (k1 + k2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (se === 0) return { z: 0, pValue: 1 };
  const z = (k2 / n2 - k1 / n1) / se;
  return { z, pValue: Math.min(1, 2 * (1 - normalCdf(Math.abs(z)))) };
}

/** A sample summarised by SQL: count, sum and sum of squares (integer minor units). */
export type Moments = { n: number; sum: number; sumSquares: number };

export type MeanEstimate = { mean: number; interval: Interval | null; variance: number };

/** Mean with a 95% normal-approximation interval (sample standard deviation / √n); no interval below 2 values. */
export function meanEstimate({ n, sum, sumSquares }: Moments): MeanEstimate | null {
  if (n <= 0) return null;
  const mean = sum / n;
  if (n < 2) return { mean, interval: null, variance: 0 };
  const variance = Math.max(0, (sumSquares - n * mean * mean) / (n - 1));
  const half = Z95 * Math.sqrt(variance / n);
  return { mean, interval: { low: mean - half, high: mean + half }, variance };
}

/** Difference of two means (b − a) with a 95% Welch-style normal interval. */
export function meanDifference(a: Moments, b: Moments): { difference: number; interval: Interval | null } | null {
  const ea = meanEstimate(a);
  const eb = meanEstimate(b);
  if (!ea || !eb) return null;
  const difference = eb.mean - ea.mean;
  if (!ea.interval || !eb.interval) return { difference, interval: null };
  const half = Z95 * Math.sqrt(ea.variance / a.n + eb.variance / b.n);
  return { difference, interval: { low: difference - half, high: difference + half } };
}

/** Below this many impressions in an arm, or fewer than 10 takes or 10 non-takes expected, no verdict is given. */
export const MIN_IMPRESSIONS_PER_ARM = 100;
export const MIN_EXPECTED_COUNT = 10;

export type Verdict = { kind: 'not_enough_data' | 'no_clear_difference' | 'b_higher' | 'b_lower'; text: string };

/** The plain verdict on take rates of arm A (control) and B (tactic applied). */
export function takeRateVerdict(a: { takes: number; impressions: number }, b: { takes: number; impressions: number }): Verdict {
  const n = a.impressions + b.impressions;
  const pooled = n > 0 ? (a.takes + b.takes) / n : 0;
  const smallest = Math.min(a.impressions, b.impressions);
  const expected = Math.min(smallest * pooled, smallest * (1 - pooled));
  if (smallest < MIN_IMPRESSIONS_PER_ARM || expected < MIN_EXPECTED_COUNT) {
    return {
      kind: 'not_enough_data',
      text: `Not enough data yet: each arm needs at least ${MIN_IMPRESSIONS_PER_ARM} impressions and ${MIN_EXPECTED_COUNT} expected takes and non-takes.`,
    };
  }
  const test = twoProportionZTest(a.takes, a.impressions, b.takes, b.impressions);
  if (!test || test.pValue >= 0.05) {
    return { kind: 'no_clear_difference', text: 'No clear difference yet: the gap could be chance (p ≥ 0.05).' };
  }
  const higher = b.takes / b.impressions > a.takes / a.impressions;
  return higher
    ? { kind: 'b_higher', text: 'B (tactic applied) takes more than A (control); unlikely to be chance (p < 0.05).' }
    : { kind: 'b_lower', text: 'B (tactic applied) takes less than A (control); unlikely to be chance (p < 0.05).' };
}
