// Hotels at every destination, for the HOTEL_STAY cross-sell. Names are fictional but built from
// real neighbourhoods; which neighbourhood, which name pattern and the exact price come from the seed.
import { roundToEuro } from './fare-pricing.ts';
import { intBetween, pick, rngFor, shuffled } from './random.ts';

type City = {
  /** Hotel prices relative to an average European city, in percent. */
  costPercent: number;
  /** [neighbourhood, area shown to the customer] */
  districts: readonly (readonly [string, string])[];
};

export const CITIES: Readonly<Record<string, City>> = {
  DUB: { costPercent: 130, districts: [['Temple Bar', 'Old town'], ["St Stephen's Green", 'City centre'], ['Docklands', 'Business district'], ['Ballsbridge', 'Embassy quarter']] },
  LHR: { costPercent: 150, districts: [['Covent Garden', 'City centre'], ['Kensington', 'Museum quarter'], ['Southwark', 'Riverside'], ['Canary Wharf', 'Business district']] },
  EDI: { costPercent: 115, districts: [['Royal Mile', 'Old town'], ['New Town', 'City centre'], ['Leith', 'Waterfront'], ['Haymarket', 'West End']] },
  CDG: { costPercent: 140, districts: [['Le Marais', 'Old town'], ['Saint-Germain', 'Left Bank'], ['Opéra', 'City centre'], ['La Défense', 'Business district']] },
  AMS: { costPercent: 135, districts: [['Jordaan', 'Canal ring'], ['Museumplein', 'Museum quarter'], ['De Pijp', 'City centre'], ['Zuidas', 'Business district']] },
  BRU: { costPercent: 105, districts: [['Grand-Place', 'Old town'], ['Sablon', 'City centre'], ['Avenue Louise', 'City centre'], ['Schuman', 'European quarter']] },
  FRA: { costPercent: 110, districts: [['Römerberg', 'Old town'], ['Westend', 'Business district'], ['Sachsenhausen', 'Riverside'], ['Messe', 'Trade fair district']] },
  MUC: { costPercent: 115, districts: [['Altstadt', 'Old town'], ['Maxvorstadt', 'Museum quarter'], ['Schwabing', 'City centre'], ['Bogenhausen', 'Riverside']] },
  ZRH: { costPercent: 155, districts: [['Niederdorf', 'Old town'], ['Seefeld', 'Lakeside'], ['Zürich West', 'City centre'], ['Enge', 'Lakeside']] },
  VIE: { costPercent: 105, districts: [['Innere Stadt', 'Old town'], ['Leopoldstadt', 'City centre'], ['Wieden', 'Museum quarter'], ['Donau City', 'Business district']] },
  MAD: { costPercent: 95, districts: [['Sol', 'City centre'], ['Salamanca', 'City centre'], ['La Latina', 'Old town'], ['Chamartín', 'Business district']] },
  BCN: { costPercent: 110, districts: [['Gothic Quarter', 'Old town'], ['Eixample', 'City centre'], ['Barceloneta', 'Beach'], ['Poblenou', 'Beach']] },
  LIS: { costPercent: 90, districts: [['Alfama', 'Old town'], ['Chiado', 'City centre'], ['Avenida', 'City centre'], ['Parque das Nações', 'Riverside']] },
  FCO: { costPercent: 105, districts: [['Trastevere', 'Old town'], ['Centro Storico', 'Old town'], ['Monti', 'City centre'], ['Prati', 'Near the Vatican']] },
  MXP: { costPercent: 110, districts: [['Brera', 'Old town'], ['Duomo', 'City centre'], ['Navigli', 'Canals'], ['Porta Nuova', 'Business district']] },
  CPH: { costPercent: 130, districts: [['Nyhavn', 'Waterfront'], ['Indre By', 'Old town'], ['Vesterbro', 'City centre'], ['Ørestad', 'Business district']] },
  ARN: { costPercent: 120, districts: [['Gamla Stan', 'Old town'], ['Norrmalm', 'City centre'], ['Södermalm', 'City centre'], ['Östermalm', 'Waterfront']] },
  OSL: { costPercent: 130, districts: [['Aker Brygge', 'Waterfront'], ['Sentrum', 'City centre'], ['Grünerløkka', 'City centre'], ['Bjørvika', 'Waterfront']] },
  HEL: { costPercent: 105, districts: [['Kruununhaka', 'Old town'], ['Kamppi', 'City centre'], ['Punavuori', 'Design district'], ['Katajanokka', 'Waterfront']] },
  PRG: { costPercent: 75, districts: [['Staré Město', 'Old town'], ['Malá Strana', 'Old town'], ['Vinohrady', 'City centre'], ['Karlín', 'Riverside']] },
  WAW: { costPercent: 70, districts: [['Stare Miasto', 'Old town'], ['Śródmieście', 'City centre'], ['Powiśle', 'Riverside'], ['Mokotów', 'Business district']] },
  ATH: { costPercent: 80, districts: [['Plaka', 'Old town'], ['Syntagma', 'City centre'], ['Kolonaki', 'City centre'], ['Piraeus', 'Seafront']] },
  JFK: { costPercent: 170, districts: [['Midtown', 'City centre'], ['SoHo', 'Downtown'], ['Upper West Side', 'Central Park'], ['Brooklyn Heights', 'Waterfront']] },
  BOS: { costPercent: 150, districts: [['Back Bay', 'City centre'], ['Beacon Hill', 'Old town'], ['Seaport', 'Waterfront'], ['Cambridge', 'University district']] },
  YYZ: { costPercent: 120, districts: [['Yorkville', 'City centre'], ['Distillery District', 'Old town'], ['Harbourfront', 'Waterfront'], ['Financial District', 'Business district']] },
  DXB: { costPercent: 115, districts: [['Downtown', 'City centre'], ['Dubai Marina', 'Waterfront'], ['Deira', 'Old town'], ['Jumeirah', 'Beach']] },
};

export type HotelSeed = { airportCode: string; name: string; stars: number; area: string; nightlyMinor: number };

/**
 * A hotel's guest rating (tenths of a point out of 10) and free-cancellation terms (free until this
 * many days before check-in; null: not refundable), from its id and stars. Migration 013 gives the
 * hotels of an existing database the same values with the same formula.
 */
export function hotelDetails(id: number, stars: number): { ratingTenths: number; freeCancelDays: number | null } {
  const days = [null, 1, 2, 3] as const;
  return { ratingTenths: Math.min(96, 62 + stars * 6 + ((id * 7) % 9)), freeCancelDays: days[id % 4] ?? null };
}

// A room for two, per night, in an average city (costPercent 100).
const NIGHTLY_BY_STARS: Readonly<Record<number, number>> = { 2: 6500, 3: 9500, 4: 14000, 5: 24000 };

// Four kinds of hotel per city: the customer gets a real choice of budget, location and comfort.
const KINDS = [
  { kind: 'airport', stars: [3, 4], names: ['{city} Airport Hotel', 'Skyway Hotel {city} Airport', 'Runway Inn {city}', 'Park & Fly {city}'] },
  { kind: 'budget', stars: [2, 3], names: ['{city} Central Inn', 'Easy Stay {city}', '{city} City Rooms', 'Backpack & Bed {city}'] },
  { kind: 'district', stars: [3, 4], names: ['{district} Suites', 'Hotel {district}', '{district} House', 'Residence {district}'] },
  { kind: 'upscale', stars: [4, 5], names: ['Grand Hotel {district}', 'The {district}', '{district} Palace', '{city} Grand'] },
] as const;

export function buildHotels(seed: number, cityNames: ReadonlyMap<string, string>): HotelSeed[] {
  const hotels: HotelSeed[] = [];
  for (const [code, city] of Object.entries(CITIES)) {
    const cityName = cityNames.get(code);
    if (!cityName) throw new Error(`No airport for the hotels of ${code}`);
    const districts = shuffled(rngFor(seed, `hotels|${code}`), city.districts);
    KINDS.forEach((kind, index) => {
      const rng = rngFor(seed, `hotel|${code}|${kind.kind}`);
      const [district, districtArea] = districts[index % districts.length] as readonly [string, string];
      const stars = pick(rng, kind.stars);
      const name = pick(rng, kind.names).replace('{city}', cityName).replace('{district}', district);
      const area = kind.kind === 'airport' ? 'Near the airport' : kind.kind === 'budget' ? 'City centre' : `${districtArea}, ${district}`;
      const base = NIGHTLY_BY_STARS[stars] ?? 10000;
      hotels.push({ airportCode: code, name, stars, area, nightlyMinor: roundToEuro((base * city.costPercent * intBetween(rng, 90, 112)) / 10_000) });
    });
  }
  return hotels;
}
