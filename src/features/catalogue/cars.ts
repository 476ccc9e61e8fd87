// Rental cars at every airport, for the CAR_RENTAL cross-sell. Each airport has the same few classes;
// which model stands for a class ("or similar") and the exact daily rate come from the seed, scaled by
// the city's cost of living (the hotels' CITIES table; 100 % where a city has no entry).
import { roundToEuro } from './fare-pricing.ts';
import { CITIES } from './hotels.ts';
import { intBetween, pick, rngFor } from './random.ts';

/** The car classes, cheapest first: the `cars.class` column and the API's `carClass`. */
export const CAR_CLASSES = ['mini', 'compact', 'estate', 'suv', 'people_carrier'] as const;
export type CarClass = (typeof CAR_CLASSES)[number];

type ClassSpec = { label: string; seats: number; bags: number; dailyMinor: number; models: readonly string[] };

// A day's rental with unlimited kilometres and basic cover, in an average city (costPercent 100).
const CLASSES: Readonly<Record<CarClass, ClassSpec>> = {
  mini: { label: 'Mini', seats: 4, bags: 1, dailyMinor: 3200, models: ['Fiat 500', 'Toyota Aygo X', 'Kia Picanto', 'Hyundai i10'] },
  compact: { label: 'Compact', seats: 5, bags: 2, dailyMinor: 4400, models: ['Volkswagen Golf', 'Ford Focus', 'Peugeot 308', 'Opel Astra'] },
  estate: { label: 'Estate', seats: 5, bags: 4, dailyMinor: 5600, models: ['Škoda Octavia Estate', 'Toyota Corolla Touring Sports', 'Volkswagen Passat Variant'] },
  suv: { label: 'SUV', seats: 5, bags: 3, dailyMinor: 6800, models: ['Nissan Qashqai', 'Kia Sportage', 'Volkswagen Tiguan', 'Toyota RAV4'] },
  people_carrier: { label: 'People carrier', seats: 7, bags: 3, dailyMinor: 8900, models: ['Volkswagen Touran', 'Ford Galaxy', 'Renault Grand Scénic'] },
};

export function carClassLabel(carClass: CarClass): string {
  return CLASSES[carClass].label;
}

export type CarSeed = { airportCode: string; carClass: CarClass; model: string; seats: number; bags: number; dailyMinor: number };

/** One car of each class at each airport, deterministic for a seed. */
export function buildCars(seed: number, airportCodes: readonly string[]): CarSeed[] {
  const cars: CarSeed[] = [];
  for (const code of airportCodes) {
    const costPercent = CITIES[code]?.costPercent ?? 100;
    for (const carClass of CAR_CLASSES) {
      const spec = CLASSES[carClass];
      const rng = rngFor(seed, `car|${code}|${carClass}`);
      const model = `${pick(rng, spec.models)} or similar`;
      const dailyMinor = Math.max(100, roundToEuro((spec.dailyMinor * costPercent * intBetween(rng, 90, 112)) / 10_000));
      cars.push({ airportCode: code, carClass, model, seats: spec.seats, bags: spec.bags, dailyMinor });
    }
  }
  return cars;
}
