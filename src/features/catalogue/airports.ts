// The airports Skylark Air flies to: real IATA codes, names, IANA time zones and coordinates
// (coordinates feed the great-circle distances that price fares, seats and bags).

export const REGIONS = ['europe', 'north_america', 'middle_east'] as const;
export type Region = (typeof REGIONS)[number];

export type Airport = {
  code: string;
  name: string;
  city: string;
  country: string;
  timeZone: string;
  latitude: number;
  longitude: number;
  region: Region;
  /**
   * Government and airport charges per departing seated passenger, in euro cents. Not a column of
   * `airports`: it only feeds fares.taxes_minor, so the table stays what the brief describes.
   */
  departureChargeMinor: number;
};

export const AIRPORTS: readonly Airport[] = [
  { code: 'DUB', name: 'Dublin Airport', city: 'Dublin', country: 'Ireland', timeZone: 'Europe/Dublin', latitude: 53.4213, longitude: -6.2701, region: 'europe', departureChargeMinor: 1200 },
  { code: 'LHR', name: 'London Heathrow Airport', city: 'London', country: 'United Kingdom', timeZone: 'Europe/London', latitude: 51.47, longitude: -0.4543, region: 'europe', departureChargeMinor: 3200 },
  { code: 'EDI', name: 'Edinburgh Airport', city: 'Edinburgh', country: 'United Kingdom', timeZone: 'Europe/London', latitude: 55.95, longitude: -3.3725, region: 'europe', departureChargeMinor: 2200 },
  { code: 'CDG', name: 'Paris Charles de Gaulle Airport', city: 'Paris', country: 'France', timeZone: 'Europe/Paris', latitude: 49.0097, longitude: 2.5479, region: 'europe', departureChargeMinor: 2400 },
  { code: 'AMS', name: 'Amsterdam Airport Schiphol', city: 'Amsterdam', country: 'Netherlands', timeZone: 'Europe/Amsterdam', latitude: 52.3105, longitude: 4.7683, region: 'europe', departureChargeMinor: 2600 },
  { code: 'BRU', name: 'Brussels Airport', city: 'Brussels', country: 'Belgium', timeZone: 'Europe/Brussels', latitude: 50.9014, longitude: 4.4844, region: 'europe', departureChargeMinor: 2000 },
  { code: 'FRA', name: 'Frankfurt Airport', city: 'Frankfurt', country: 'Germany', timeZone: 'Europe/Berlin', latitude: 50.0379, longitude: 8.5622, region: 'europe', departureChargeMinor: 2500 },
  { code: 'MUC', name: 'Munich Airport', city: 'Munich', country: 'Germany', timeZone: 'Europe/Berlin', latitude: 48.3537, longitude: 11.775, region: 'europe', departureChargeMinor: 2400 },
  { code: 'ZRH', name: 'Zurich Airport', city: 'Zurich', country: 'Switzerland', timeZone: 'Europe/Zurich', latitude: 47.4582, longitude: 8.5555, region: 'europe', departureChargeMinor: 2300 },
  { code: 'VIE', name: 'Vienna International Airport', city: 'Vienna', country: 'Austria', timeZone: 'Europe/Vienna', latitude: 48.1103, longitude: 16.5697, region: 'europe', departureChargeMinor: 2100 },
  { code: 'MAD', name: 'Adolfo Suárez Madrid–Barajas Airport', city: 'Madrid', country: 'Spain', timeZone: 'Europe/Madrid', latitude: 40.4983, longitude: -3.5676, region: 'europe', departureChargeMinor: 1500 },
  { code: 'BCN', name: 'Josep Tarradellas Barcelona–El Prat Airport', city: 'Barcelona', country: 'Spain', timeZone: 'Europe/Madrid', latitude: 41.2974, longitude: 2.0833, region: 'europe', departureChargeMinor: 1500 },
  { code: 'LIS', name: 'Humberto Delgado Airport', city: 'Lisbon', country: 'Portugal', timeZone: 'Europe/Lisbon', latitude: 38.7742, longitude: -9.1342, region: 'europe', departureChargeMinor: 1600 },
  { code: 'FCO', name: 'Rome Fiumicino Airport', city: 'Rome', country: 'Italy', timeZone: 'Europe/Rome', latitude: 41.8003, longitude: 12.2389, region: 'europe', departureChargeMinor: 2700 },
  { code: 'MXP', name: 'Milan Malpensa Airport', city: 'Milan', country: 'Italy', timeZone: 'Europe/Rome', latitude: 45.6306, longitude: 8.7281, region: 'europe', departureChargeMinor: 2500 },
  { code: 'CPH', name: 'Copenhagen Airport', city: 'Copenhagen', country: 'Denmark', timeZone: 'Europe/Copenhagen', latitude: 55.618, longitude: 12.6508, region: 'europe', departureChargeMinor: 1900 },
  { code: 'ARN', name: 'Stockholm Arlanda Airport', city: 'Stockholm', country: 'Sweden', timeZone: 'Europe/Stockholm', latitude: 59.6519, longitude: 17.9186, region: 'europe', departureChargeMinor: 2000 },
  { code: 'OSL', name: 'Oslo Airport, Gardermoen', city: 'Oslo', country: 'Norway', timeZone: 'Europe/Oslo', latitude: 60.1976, longitude: 11.1004, region: 'europe', departureChargeMinor: 1800 },
  { code: 'HEL', name: 'Helsinki Airport', city: 'Helsinki', country: 'Finland', timeZone: 'Europe/Helsinki', latitude: 60.3172, longitude: 24.9633, region: 'europe', departureChargeMinor: 1700 },
  { code: 'PRG', name: 'Václav Havel Airport Prague', city: 'Prague', country: 'Czechia', timeZone: 'Europe/Prague', latitude: 50.1008, longitude: 14.26, region: 'europe', departureChargeMinor: 1400 },
  { code: 'WAW', name: 'Warsaw Chopin Airport', city: 'Warsaw', country: 'Poland', timeZone: 'Europe/Warsaw', latitude: 52.1657, longitude: 20.9671, region: 'europe', departureChargeMinor: 1300 },
  { code: 'ATH', name: 'Athens International Airport Eleftherios Venizelos', city: 'Athens', country: 'Greece', timeZone: 'Europe/Athens', latitude: 37.9364, longitude: 23.9445, region: 'europe', departureChargeMinor: 2200 },
  { code: 'JFK', name: 'John F. Kennedy International Airport', city: 'New York', country: 'United States', timeZone: 'America/New_York', latitude: 40.6413, longitude: -73.7781, region: 'north_america', departureChargeMinor: 3000 },
  { code: 'BOS', name: 'Boston Logan International Airport', city: 'Boston', country: 'United States', timeZone: 'America/New_York', latitude: 42.3656, longitude: -71.0096, region: 'north_america', departureChargeMinor: 2800 },
  { code: 'YYZ', name: 'Toronto Pearson International Airport', city: 'Toronto', country: 'Canada', timeZone: 'America/Toronto', latitude: 43.6777, longitude: -79.6248, region: 'north_america', departureChargeMinor: 2900 },
  { code: 'DXB', name: 'Dubai International Airport', city: 'Dubai', country: 'United Arab Emirates', timeZone: 'Asia/Dubai', latitude: 25.2532, longitude: 55.3657, region: 'middle_east', departureChargeMinor: 2600 },
];

const BY_CODE = new Map(AIRPORTS.map((airport) => [airport.code, airport]));

export function airportByCode(code: string): Airport {
  const airport = BY_CODE.get(code);
  if (!airport) throw new Error(`Unknown airport ${code}`);
  return airport;
}

/** Great-circle distance (haversine, mean Earth radius), rounded to whole kilometres. */
export function distanceKm(a: Pick<Airport, 'latitude' | 'longitude'>, b: Pick<Airport, 'latitude' | 'longitude'>): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return Math.round(2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h))));
}
