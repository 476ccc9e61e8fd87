// The SQL of the extras step: the checkout's stored extras, the seats left in a fare family of a
// flight, the seats a checkout holds, and the last answer given to each offer.
// Statements are prepared once per database.
import type { Db } from '../../db/database.ts';
import { cachedCatalogue, preparedOnce } from '../../db/statements.ts';
import type { Direction } from '../checkout/checkout.repository.ts';

export type StoredExtra = {
  itemKey: string;
  offerCode: string;
  passengerIdx: number | null;
  direction: Direction | null;
  quantity: number;
  hotelId: number | null;
  checkIn: string | null;
  nights: number | null;
  rooms: number | null;
  /** The complementary discount frozen with the hotel (percent off the nightly rate); 0 for everything else. */
  discountPercent: number;
  /** The car rental (item_key 'car'): the car, the pick-up date and the days; null for everything else. */
  carId: number | null;
  pickUpDate: string | null;
  days: number | null;
};

export type FareFamilyRow = {
  code: string;
  name: string;
  cabin: 'economy' | 'business';
  cabin_bag: string;
  checked_bags: number;
  checked_bag_kg: number;
  seat_choice: 'paid' | 'standard' | 'any';
  changes: string;
  refund: string;
  priority: number;
};

export type AirportRow = { code: string; city: string; time_zone: string };

function prepare(db: Db) {
  return {
    extras: db.prepare(`
      SELECT item_key, offer_code, passenger_idx, direction, quantity, hotel_id, check_in, nights, rooms, discount_percent, car_id, pick_up_date, days
      FROM checkout_extras WHERE checkout_id = ? ORDER BY item_key`),
    upsertExtra: db.prepare(`
      INSERT INTO checkout_extras (checkout_id, item_key, offer_code, passenger_idx, direction, quantity, hotel_id, check_in, nights, rooms, discount_percent, car_id, pick_up_date, days)
      VALUES (@checkoutId, @itemKey, @offerCode, @passengerIdx, @direction, @quantity, @hotelId, @checkIn, @nights, @rooms, @discountPercent, @carId, @pickUpDate, @days)
      ON CONFLICT (checkout_id, item_key) DO UPDATE SET
        offer_code = excluded.offer_code, passenger_idx = excluded.passenger_idx, direction = excluded.direction,
        quantity = excluded.quantity, hotel_id = excluded.hotel_id, check_in = excluded.check_in,
        nights = excluded.nights, rooms = excluded.rooms, discount_percent = excluded.discount_percent,
        car_id = excluded.car_id, pick_up_date = excluded.pick_up_date, days = excluded.days`),
    deleteExtra: db.prepare('DELETE FROM checkout_extras WHERE checkout_id = @checkoutId AND item_key = @itemKey'),
    airports: db.prepare('SELECT code, city, time_zone FROM airports'),
    families: db.prepare('SELECT * FROM fare_families'),
    fareSeatsLeft: db.prepare('SELECT seats_total - seats_sold AS seats_left FROM fares WHERE flight_id = ? AND family = ?'),
    seatLayout: db.prepare('SELECT layout_json FROM seat_maps WHERE aircraft_code = ?'),
    heldSeats: db.prepare(`
      SELECT id, seat FROM seat_assignments
      WHERE checkout_id = @checkoutId AND flight_id = @flightId AND booking_id IS NULL
      ORDER BY passenger_idx, seat`),
    releaseSeat: db.prepare('DELETE FROM seat_assignments WHERE id = @id AND checkout_id = @checkoutId AND booking_id IS NULL'),
    // The latest answer per item on this page: it tells a customer's explicit "No thanks" apart from no answer.
    lastResponses: db.prepare(`
      SELECT item_key, event FROM offer_events e
      WHERE checkout_id = @checkoutId AND placement = 'extras' AND event <> 'shown' AND item_key IS NOT NULL
        AND id = (SELECT MAX(id) FROM offer_events x
                  WHERE x.checkout_id = e.checkout_id AND x.placement = 'extras' AND x.event <> 'shown' AND x.item_key = e.item_key)`),
  };
}

const s = preparedOnce(prepare);

export function listStoredExtras(db: Db, checkoutId: string): StoredExtra[] {
  return (s(db).extras.all(checkoutId) as Array<Record<string, unknown>>).map((r) => ({
    itemKey: r.item_key as string,
    offerCode: r.offer_code as string,
    passengerIdx: (r.passenger_idx as number | null) ?? null,
    direction: (r.direction as Direction | null) ?? null,
    quantity: r.quantity as number,
    hotelId: (r.hotel_id as number | null) ?? null,
    checkIn: (r.check_in as string | null) ?? null,
    nights: (r.nights as number | null) ?? null,
    rooms: (r.rooms as number | null) ?? null,
    discountPercent: (r.discount_percent as number | null) ?? 0,
    carId: (r.car_id as number | null) ?? null,
    pickUpDate: (r.pick_up_date as string | null) ?? null,
    days: (r.days as number | null) ?? null,
  }));
}

export function upsertExtra(db: Db, checkoutId: string, extra: StoredExtra): void {
  s(db).upsertExtra.run({ checkoutId, ...extra });
}

export function deleteExtra(db: Db, checkoutId: string, itemKey: string): void {
  s(db).deleteExtra.run({ checkoutId, itemKey });
}

// Catalogue rows, read once per database (until the catalogue is seeded again): do not mutate.
const airportsByCode = cachedCatalogue((db) => new Map((s(db).airports.all() as AirportRow[]).map((a) => [a.code, Object.freeze(a)])));
const familiesByCode = cachedCatalogue((db) => new Map((s(db).families.all() as FareFamilyRow[]).map((f) => [f.code, Object.freeze(f)])));

export function findAirport(db: Db, code: string): Readonly<AirportRow> | undefined {
  return airportsByCode(db).get(code);
}

export function findFareFamily(db: Db, code: string): Readonly<FareFamilyRow> | undefined {
  return familiesByCode(db).get(code);
}

/** Seats still on sale in one family of a flight; null when the flight does not sell that family. */
export function fareSeatsLeft(db: Db, flightId: number, family: string): number | null {
  const row = s(db).fareSeatsLeft.get(flightId, family) as { seats_left: number } | undefined;
  return row ? row.seats_left : null;
}

export function seatLayoutJson(db: Db, aircraftCode: string): string | undefined {
  return (s(db).seatLayout.get(aircraftCode) as { layout_json: string } | undefined)?.layout_json;
}

export function listHeldSeats(db: Db, checkoutId: string, flightId: number): Array<{ id: number; seat: string }> {
  return s(db).heldSeats.all({ checkoutId, flightId }) as Array<{ id: number; seat: string }>;
}

export function releaseSeat(db: Db, checkoutId: string, id: number): void {
  s(db).releaseSeat.run({ checkoutId, id });
}

export function lastResponses(db: Db, checkoutId: string): Map<string, 'accepted' | 'declined' | 'removed'> {
  const rows = s(db).lastResponses.all({ checkoutId }) as Array<{ item_key: string; event: 'accepted' | 'declined' | 'removed' }>;
  return new Map(rows.map((r) => [r.item_key, r.event]));
}
