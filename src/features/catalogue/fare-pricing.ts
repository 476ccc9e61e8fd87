// Fare prices. The seed stores one base fare per flight and family (the adult price far ahead);
// quoteFare turns it into what a customer pays today. Pure functions: no database, no clock of their own.
import type { Airport } from './airports.ts';
import { isFareFamilyCode, type FareFamilyCode } from './fare-families.ts';
import { intBetween, rngFor } from './random.ts';

const DAY_MS = 86_400_000;

export type FareQuote = {
  adultMinor: number;
  childMinor: number;
  /** An infant on an adult's lap. */
  infantMinor: number;
  /** Per seated passenger (adult or child). */
  taxesMinor: number;
  infantTaxesMinor: number;
  currency: 'EUR';
};

/** Airlines quote whole euros (€49, not €49.37). */
export function roundToEuro(minor: number): number {
  return Math.round(minor / 100) * 100;
}

/** Whole days left before departure; negative once the flight has left. */
export function daysToDeparture(departsAt: string, now: Date): number {
  return Math.floor((Date.parse(departsAt) - now.getTime()) / DAY_MS);
}

// Percentages rather than 1.12 and friends, so the money arithmetic stays on integers.
const FACTOR_BANDS: readonly { minDays: number; percent: number }[] = [
  { minDays: 61, percent: 100 },
  { minDays: 31, percent: 112 },
  { minDays: 15, percent: 128 },
  { minDays: 8, percent: 150 },
  { minDays: Number.NEGATIVE_INFINITY, percent: 180 },
];

/** The days-to-departure factor as a percentage of the base fare: 100 far ahead, 180 in the last week. */
export function departureFactorPercent(days: number): number {
  for (const band of FACTOR_BANDS) if (days >= band.minDays) return band.percent;
  return 180;
}

/** The same factor as a multiplier (1.12), for explanations on screen; prices use the percentage. */
export function daysToDepartureFactor(departsAt: string, now: Date): number {
  return departureFactorPercent(daysToDeparture(departsAt, now)) / 100;
}

export const CHILD_PERCENT = 75;
export const INFANT_PERCENT = 10;
export const INFANT_MIN_MINOR = 2000;

/**
 * What each passenger type pays for one flight in one family, booked at `now`.
 * Every family follows the same curve, so the upgrade difference grows in proportion toward departure.
 */
export function quoteFare(input: { baseMinor: number; taxesMinor: number; family: string; departsAt: string; now: Date }): FareQuote {
  if (!isFareFamilyCode(input.family)) throw new Error(`Unknown fare family ${input.family}`);
  if (!Number.isSafeInteger(input.baseMinor) || !Number.isSafeInteger(input.taxesMinor)) {
    throw new Error('Fares and taxes must be whole minor units');
  }
  const percent = departureFactorPercent(daysToDeparture(input.departsAt, input.now));
  const adultMinor = Math.max(100, roundToEuro((input.baseMinor * percent) / 100));
  return {
    adultMinor,
    childMinor: Math.max(100, roundToEuro((adultMinor * CHILD_PERCENT) / 100)),
    infantMinor: Math.max(INFANT_MIN_MINOR, roundToEuro((adultMinor * INFANT_PERCENT) / 100)),
    taxesMinor: input.taxesMinor,
    // Infants have no seat, so the per-seat airport charges do not apply; security and the rest do.
    infantTaxesMinor: Math.round(input.taxesMinor / 2),
    currency: 'EUR',
  };
}

// ---- Seed time: the stored fares ----------------------------------------------------------------

/** Taxes and charges per seated passenger: the departure airport's charge plus half the arrival one. */
export function taxesForRoute(origin: Pick<Airport, 'departureChargeMinor'>, destination: Pick<Airport, 'departureChargeMinor'>): number {
  const raw = origin.departureChargeMinor + Math.round(destination.departureChargeMinor / 2);
  return Math.min(4500, Math.max(1200, roundToEuro(raw)));
}

// Demand by weekday (0 = Sunday): Fridays and Sundays are dearer, Tuesdays and Wednesdays cheaper.
const WEEKDAY_PERCENT = [110, 104, 92, 92, 100, 112, 97] as const;

function timeOfDayPercent(localMinutes: number): number {
  const hour = Math.floor(localMinutes / 60);
  if (hour < 7) return 90; // the first wave: early alarm, cheaper seat
  if (hour < 10) return 108; // business morning peak
  if (hour < 16) return 95;
  if (hour < 20) return 110; // evening peak
  return 94;
}

export type FlightForFares = {
  flightNumber: string;
  departureDate: string; // local YYYY-MM-DD at the origin
  localDepartureMinutes: number; // minutes after local midnight
  departsAt: string;
  distanceKm: number;
};

/**
 * The base (far-ahead adult) fare of each family for one flight. Drawn from its own generator keyed
 * by flight number and date, so it does not depend on the order flights are generated in.
 * Business is only priced when the aircraft has a business cabin.
 */
export function baseFares(seed: number, flight: FlightForFares, withBusiness: boolean): Map<FareFamilyCode, number> {
  const rng = rngFor(seed, `fare|${flight.flightNumber}|${flight.departureDate}`);
  const weekday = new Date(`${flight.departureDate}T12:00:00Z`).getUTCDay();
  const noisePercent = intBetween(rng, 92, 108);
  const raw = 2900 + 7 * flight.distanceKm;
  const basic = Math.max(1900, roundToEuro((raw * (WEEKDAY_PERCENT[weekday] ?? 100) * timeOfDayPercent(flight.localDepartureMinutes) * noisePercent) / 1_000_000));
  const fares = new Map<FareFamilyCode, number>();
  fares.set('basic', basic);
  const standard = basic + intBetween(rng, 20, 35) * 100;
  fares.set('standard', standard);
  // On the shortest routes 1.8 × basic can fall below standard; flex must stay the dearer family.
  fares.set('flex', Math.max(standard + 1000, roundToEuro((basic * intBetween(rng, 180, 200)) / 100)));
  const businessPercent = intBetween(rng, 350, 400); // drawn even without business: later draws stay put
  if (withBusiness) fares.set('business', roundToEuro((basic * businessPercent) / 100));
  return fares;
}

/** Share of the economy cabin each economy family sells, in percent (flex takes the rest). */
export const ECONOMY_SHARE_PERCENT = { basic: 30, standard: 40 } as const;

/** How the cabin is split into fare inventory before any sales. */
export function cabinShares(economySeats: number, businessSeats: number): Map<FareFamilyCode, number> {
  const basic = Math.floor((economySeats * ECONOMY_SHARE_PERCENT.basic) / 100);
  const standard = Math.floor((economySeats * ECONOMY_SHARE_PERCENT.standard) / 100);
  const shares = new Map<FareFamilyCode, number>([
    ['basic', basic],
    ['standard', standard],
    ['flex', economySeats - basic - standard],
  ]);
  if (businessSeats > 0) shares.set('business', businessSeats);
  return shares;
}

/**
 * Seats still on sale in one family as of `now`: everything far ahead, less and less close in
 * (earlier shoppers bought the rest), so a close-in Basic fare sometimes shows "3 seats left" or is sold out.
 * Other families keep at least one seat until departure.
 */
export function seatsOnSale(seed: number, flight: Pick<FlightForFares, 'flightNumber' | 'departureDate' | 'departsAt'>, family: FareFamilyCode, share: number, now: Date): number {
  const days = daysToDeparture(flight.departsAt, now);
  if (days < 0) return 0;
  if (days > 60) return share;
  const rng = rngFor(seed, `seats|${flight.flightNumber}|${flight.departureDate}|${family}`);
  const percent =
    days > 30 ? intBetween(rng, 75, 100)
    : days > 14 ? intBetween(rng, 50, 90)
    : days > 7 ? intBetween(rng, 25, 65)
    : family === 'basic' ? intBetween(rng, 0, 30)
    : intBetween(rng, 10, 45);
  const seats = Math.floor((share * percent) / 100);
  return family === 'basic' ? seats : Math.max(1, seats);
}

/**
 * Fare inventory of one cabin fitted to the seats the seat map leaves free (seatsLeftByPreload):
 * when the families together would sell more, each is scaled down in proportion (rounded down), so
 * a cabin never has more tickets on sale than free seats. Families other than Basic keep one seat
 * while there are seats for it, as seatsOnSale promises. Order and values are deterministic.
 */
export function fitToSeats(onSale: ReadonlyMap<FareFamilyCode, number>, seats: number): Map<FareFamilyCode, number> {
  const total = [...onSale.values()].reduce((a, b) => a + b, 0);
  const free = Math.max(0, seats);
  if (total <= free) return new Map(onSale);
  const fitted = new Map<FareFamilyCode, number>();
  for (const [family, n] of onSale) fitted.set(family, Math.floor((n * free) / total));
  let left = free - [...fitted.values()].reduce((a, b) => a + b, 0);
  for (const [family, n] of fitted) {
    if (left <= 0) break;
    if (family !== 'basic' && n === 0 && (onSale.get(family) ?? 0) > 0) {
      fitted.set(family, 1);
      left -= 1;
    }
  }
  return fitted;
}
