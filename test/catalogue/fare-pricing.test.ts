import { describe, expect, it } from 'vitest';
import { FARE_FAMILIES } from '../../src/features/catalogue/fare-families.ts';
import { baseFares, daysToDeparture, daysToDepartureFactor, departureFactorPercent, quoteFare } from '../../src/features/catalogue/fare-pricing.ts';
import { hashString, intBetween, rngFor } from '../../src/features/catalogue/random.ts';

const DEPARTS = '2027-03-01T07:00:00.000Z';
const daysBefore = (days: number) => new Date(Date.parse(DEPARTS) - days * 86_400_000 - 3_600_000);

describe('fare pricing', () => {
  it('quoteFare rises toward departure and children pay less than adults', () => {
    const quotes = [90, 45, 20, 10, 3, 0].map((days) =>
      quoteFare({ baseMinor: 4900, taxesMinor: 1800, family: 'basic', departsAt: DEPARTS, now: daysBefore(days) }),
    );
    const adults = quotes.map((q) => q.adultMinor);
    expect(adults).toEqual([4900, 5500, 6300, 7400, 8800, 8800]); // ×1, ×1.12, ×1.28, ×1.5, ×1.8, to whole euros
    for (const q of quotes) {
      expect(q.childMinor).toBeLessThan(q.adultMinor);
      expect(q.childMinor).toBe(Math.round((q.adultMinor * 0.75) / 100) * 100);
      expect(q.infantMinor).toBeLessThan(q.childMinor);
      expect(q.taxesMinor).toBe(1800);
      expect(q.infantTaxesMinor).toBe(900);
      expect(q.currency).toBe('EUR');
    }
  });

  it('quotes whole euros in integer cents, with a €20 minimum for an infant on a lap', () => {
    const cheap = quoteFare({ baseMinor: 3900, taxesMinor: 1250, family: 'standard', departsAt: DEPARTS, now: daysBefore(40) });
    expect(cheap.adultMinor).toBe(4400); // 3,900 × 1.12 = 4,368 → €44
    expect(cheap.childMinor).toBe(3300);
    expect(cheap.infantMinor).toBe(2000);
    const dear = quoteFare({ baseMinor: 129900, taxesMinor: 4500, family: 'business', departsAt: DEPARTS, now: daysBefore(100) });
    expect(dear.infantMinor).toBe(13000); // 10 % of €1,299
    for (const amount of [...Object.values(cheap), ...Object.values(dear)].filter((v) => typeof v === 'number')) {
      expect(Number.isSafeInteger(amount)).toBe(true);
    }
    expect(() => quoteFare({ baseMinor: 4900, taxesMinor: 0, family: 'premium', departsAt: DEPARTS, now: daysBefore(10) })).toThrow(/premium/);
    expect(() => quoteFare({ baseMinor: 49.5, taxesMinor: 0, family: 'basic', departsAt: DEPARTS, now: daysBefore(10) })).toThrow();
  });

  it('the days-to-departure factor steps at 60, 30, 14 and 7 days', () => {
    expect([61, 60, 31, 30, 15, 14, 8, 7, 0, -1].map(departureFactorPercent)).toEqual([100, 112, 112, 128, 128, 150, 150, 180, 180, 180]);
    expect(daysToDeparture(DEPARTS, daysBefore(61))).toBe(61);
    expect(daysToDepartureFactor(DEPARTS, daysBefore(45))).toBe(1.12);
  });

  it('base fares follow distance and family, and depend on the seed', () => {
    const flight = { flightNumber: 'SX160', departureDate: '2027-03-01', localDepartureMinutes: 7 * 60, departsAt: DEPARTS, distanceKm: 1643 };
    const fares = baseFares(1, flight, true);
    const [basic, standard, flex, business] = FARE_FAMILIES.map((f) => fares.get(f.code) as number);
    expect(basic).toBeGreaterThan(10_000); // ~€29 + €0.07/km ≈ €144, ± weekday, time and noise
    expect(basic).toBeLessThan(20_000);
    expect((standard as number) - (basic as number)).toBeGreaterThanOrEqual(2000);
    expect((standard as number) - (basic as number)).toBeLessThanOrEqual(3500);
    expect(flex).toBeGreaterThanOrEqual(Math.round(((basic as number) * 1.8) / 100) * 100 - 100);
    expect(business).toBeGreaterThanOrEqual(Math.round(((basic as number) * 3.5) / 100) * 100 - 100);
    expect(baseFares(1, flight, false).has('business')).toBe(false);
    expect(baseFares(1, flight, false).get('basic')).toBe(basic);
    expect(baseFares(1, flight, true)).toEqual(fares);
    const otherSeeds = [2, 3, 4, 5].map((seed) => baseFares(seed, flight, true).get('basic'));
    expect(otherSeeds.some((b) => b !== basic)).toBe(true);
  });

  it('per-flight randomness depends only on the seed and the key', () => {
    const draw = (seed: number, key: string) => intBetween(rngFor(seed, key), 0, 1_000_000);
    expect(draw(7, 'fare|SX160|2027-03-01')).toBe(draw(7, 'fare|SX160|2027-03-01'));
    expect(draw(7, 'fare|SX160|2027-03-01')).not.toBe(draw(7, 'fare|SX162|2027-03-01'));
    expect(draw(7, 'fare|SX160|2027-03-01')).not.toBe(draw(8, 'fare|SX160|2027-03-01'));
    expect(hashString('SX160')).toBe(hashString('SX160'));
    const rng = rngFor(1, 'bounds');
    for (let i = 0; i < 1000; i++) {
      const n = intBetween(rng, 3, 5);
      expect(n >= 3 && n <= 5).toBe(true);
    }
  });
});
