// The SQL of the hotels a stay can be booked at (seeded by the catalogue, one list per airport).
// Statements are prepared once per database.
import type { Db } from '../../db/database.ts';
import { cachedCatalogue, preparedOnce } from '../../db/statements.ts';
import { money, type Money } from '../../lib/money.ts';

export type Hotel = {
  id: number;
  airportCode: string;
  name: string;
  stars: number;
  area: string;
  nightly: Money;
  /** Guest rating out of 10, in tenths (87 = 8.7). */
  ratingTenths: number;
  /** Free cancellation until this many days before check-in; null: not refundable. */
  freeCancelDays: number | null;
};

type HotelRow = {
  id: number;
  airport_code: string;
  name: string;
  stars: number;
  area: string;
  nightly_minor: number;
  currency: string;
  rating_tenths: number;
  free_cancel_days: number | null;
};

const s = preparedOnce((db: Db) => ({
  hotelsIn: db.prepare('SELECT * FROM hotels WHERE airport_code = ? ORDER BY nightly_minor, name, id'),
  hotel: db.prepare('SELECT * FROM hotels WHERE id = ?'),
  upsertStay: db.prepare(`
    INSERT INTO booking_hotel_stays (booking_id, hotel_id, check_in, nights, rooms, created_at)
    VALUES (@bookingId, @hotelId, @checkIn, @nights, @rooms, @createdAt)
    ON CONFLICT (booking_id) DO UPDATE SET hotel_id = excluded.hotel_id, check_in = excluded.check_in,
      nights = excluded.nights, rooms = excluded.rooms, created_at = excluded.created_at`),
  stay: db.prepare(`
    SELECT h.*, s.check_in, s.nights, s.rooms FROM booking_hotel_stays s JOIN hotels h ON h.id = s.hotel_id
    WHERE s.booking_id = ?`),
}));

/** A booking's hotel stay: the hotel, the check-in date (YYYY-MM-DD), nights and rooms. */
export type BookedStay = { hotel: Hotel; checkIn: string; nights: number; rooms: number };

function toHotel(row: HotelRow): Hotel {
  return {
    id: row.id,
    airportCode: row.airport_code,
    name: row.name,
    stars: row.stars,
    area: row.area,
    nightly: money(row.nightly_minor, row.currency),
    ratingTenths: row.rating_tenths,
    freeCancelDays: row.free_cancel_days,
  };
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

/** Records (or replaces) the hotel stay sold with a booking, in the transaction that writes its receipt line. */
export function recordBookedStay(db: Db, bookingId: number, stay: { hotelId: number; checkIn: string; nights: number; rooms: number }, now: Date): void {
  s(db).upsertStay.run({ bookingId, ...stay, createdAt: now.toISOString() });
}

/** The hotel stay recorded for a booking, or undefined (none sold, or sold before stays were recorded). */
export function findBookedStay(db: Db, bookingId: number): BookedStay | undefined {
  const row = s(db).stay.get(bookingId) as (HotelRow & { check_in: string; nights: number; rooms: number }) | undefined;
  return row ? { hotel: toHotel(row), checkIn: row.check_in, nights: row.nights, rooms: row.rooms } : undefined;
}
