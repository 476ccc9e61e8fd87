import { describe, expect, it } from 'vitest';
import { meanDifference, meanEstimate, normalCdf, takeRateVerdict, twoProportionZTest, wilsonInterval } from '../../src/features/dashboard/stats.ts';

describe('experiment statistics', () => {
  it('gives the 95% Wilson interval of 10/100 as [0.0552, 0.1744]', () => {
    const ci = wilsonInterval(10, 100)!;
    expect(ci.low).toBeCloseTo(0.0552, 4);
    expect(ci.high).toBeCloseTo(0.1744, 4);
  });

  it('keeps the Wilson interval inside 0-1 at 0/20 and 20/20, and gives none without impressions', () => {
    expect(wilsonInterval(0, 20)!.low).toBe(0);
    expect(wilsonInterval(0, 20)!.high).toBeCloseTo(0.1611, 4);
    expect(wilsonInterval(20, 20)!.high).toBe(1);
    expect(wilsonInterval(20, 20)!.low).toBeCloseTo(0.8389, 4);
    expect(wilsonInterval(0, 0)).toBeNull();
  });

  it('computes the normal distribution function to 6 decimals', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 6);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-1)).toBeCloseTo(0.158655, 6);
  });

  it('gives the two-proportion z-test of 45/100 vs 30/100 as z ≈ -2.19, p ≈ 0.0285', () => {
    const test = twoProportionZTest(45, 100, 30, 100)!;
    expect(test.z).toBeCloseTo(-2.1909, 3);
    expect(test.pValue).toBeCloseTo(0.0285, 3);
  });

  it('gives p = 1 for equal rates and none for an empty arm', () => {
    expect(twoProportionZTest(10, 100, 10, 100)!.pValue).toBeCloseTo(1, 6);
    expect(twoProportionZTest(0, 0, 1, 10)).toBeNull();
  });

  it('estimates a mean with its 95% interval from count, sum and sum of squares', () => {
    // values 100, 200, 300: mean 200, sample sd 100, half-width 1.96 × 100 / √3 = 113.16
    const e = meanEstimate({ n: 3, sum: 600, sumSquares: 100 ** 2 + 200 ** 2 + 300 ** 2 })!;
    expect(e.mean).toBe(200);
    expect(e.interval!.low).toBeCloseTo(200 - 113.16, 1);
    expect(e.interval!.high).toBeCloseTo(200 + 113.16, 1);
    expect(meanEstimate({ n: 1, sum: 5, sumSquares: 25 })!.interval).toBeNull();
    expect(meanEstimate({ n: 0, sum: 0, sumSquares: 0 })).toBeNull();
  });

  it('gives the difference of two means with a Welch interval', () => {
    const a = { n: 3, sum: 600, sumSquares: 140_000 }; // 100, 200, 300
    const b = { n: 3, sum: 900, sumSquares: 290_000 }; // 200, 300, 400
    const d = meanDifference(a, b)!;
    expect(d.difference).toBe(100);
    // half-width 1.96 × √(10000/3 + 10000/3) = 160.03
    expect(d.interval!.low).toBeCloseTo(100 - 160.03, 1);
  });

  it('says "not enough data yet" below 100 impressions per arm, and then whether B differs', () => {
    expect(takeRateVerdict({ takes: 5, impressions: 50 }, { takes: 30, impressions: 50 }).kind).toBe('not_enough_data');
    expect(takeRateVerdict({ takes: 5, impressions: 50 }, { takes: 30, impressions: 50 }).text).toMatch(/^Not enough data yet/);
    expect(takeRateVerdict({ takes: 30, impressions: 100 }, { takes: 45, impressions: 100 }).kind).toBe('b_higher');
    expect(takeRateVerdict({ takes: 45, impressions: 100 }, { takes: 30, impressions: 100 }).kind).toBe('b_lower');
    expect(takeRateVerdict({ takes: 30, impressions: 100 }, { takes: 33, impressions: 100 }).kind).toBe('no_clear_difference');
    // Enough impressions but only 2 takes expected in the smaller arm: still not enough.
    expect(takeRateVerdict({ takes: 1, impressions: 100 }, { takes: 3, impressions: 100 }).kind).toBe('not_enough_data');
  });
});
