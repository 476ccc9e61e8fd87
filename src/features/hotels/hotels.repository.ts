// The SQL of the hotels a stay can be booked at (seeded by the catalogue, one list per airport).
// Statements are prepared once per database.
import type { Db } from '../../db/database.ts';
import { cachedCatalogue, preparedOnce } from '../../db/statements.ts';
import { money, type Money } from '../../lib/money.ts';

export type Hotel = { id: number; airportCode: string; name: string; stars: number; area: string; nightly: Money };

type HotelRow = { id: number; airport_code: string; name: string; stars: number; area: string; nightly_minor: number; currency: string };

const s = preparedOnce((db: Db) => ({
  hotelsIn: db.prepare('SELECT * FROM hotels WHERE airport_code = ? ORDER BY nightly_minor, name, id'),
  hotel: db.prepare('SELECT * FROM hotels WHERE id = ?'),
}));

function toHotel(row: HotelRow): Hotel {
  return { id: row.id, airportCode: row.airport_code, name: row.name, stars: row.stars, area: row.area, nightly: money(row.nightly_minor, row.currency) };
}

/** Per database, the hotels of each airport asked for so far (the catalogue changes only when seeded). */
const hotelsByAirport = cachedCatalogue(() => new Map<string, readonly Hotel[]>());

/** The hotels at an airport's city, cheapest first. Read once per database and airport: do not mutate. */
export function listHotelsIn(db: Db, airportCode: string): readonly Hotel[] {
  const known = hotelsByAirport(db);
  let hotels = known.get(airportCode);
  if (!hotels) {
    hotels = Object.freeze((s(db).hotelsIn.all(airportCode) as HotelRow[]).map((row) => Object.freeze(toHotel(row))));
    known.set(airportCode, hotels);
  }
  return hotels;
}

export function findHotel(db: Db, id: number): Hotel | undefined {
  const row = s(db).hotel.get(id) as HotelRow | undefined;
  return row ? toHotel(row) : undefined;
}
