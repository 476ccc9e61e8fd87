// The SQL of the Comfort bundle: the seats a bundle assigned (checkout_bundle_seats), so that removing
// the bundle releases those and no other. The bundle itself is a checkout_extras row (extras.repository.ts).
import type { Db } from '../../db/database.ts';
import { preparedOnce } from '../../db/statements.ts';
import type { Direction } from '../checkout/checkout.repository.ts';

export type BundleSeatRow = { direction: Direction; passengerIdx: number; flightId: number; seat: string };

const s = preparedOnce((db: Db) => ({
  list: db.prepare(`
    SELECT direction, passenger_idx AS passengerIdx, flight_id AS flightId, seat FROM checkout_bundle_seats
    WHERE checkout_id = @checkoutId AND direction = @direction ORDER BY passenger_idx`),
  insert: db.prepare(`
    INSERT INTO checkout_bundle_seats (checkout_id, direction, passenger_idx, flight_id, seat)
    VALUES (@checkoutId, @direction, @passengerIdx, @flightId, @seat)
    ON CONFLICT (checkout_id, direction, passenger_idx) DO UPDATE SET flight_id = excluded.flight_id, seat = excluded.seat`),
  forget: db.prepare('DELETE FROM checkout_bundle_seats WHERE checkout_id = @checkoutId AND direction = @direction'),
  // Only a hold still this passenger's and not yet sold is released.
  release: db.prepare(`
    DELETE FROM seat_assignments
    WHERE checkout_id = @checkoutId AND flight_id = @flightId AND passenger_idx = @passengerIdx AND seat = @seat AND booking_id IS NULL`),
}));

export function listBundleSeats(db: Db, checkoutId: string, direction: Direction): BundleSeatRow[] {
  return s(db).list.all({ checkoutId, direction }) as BundleSeatRow[];
}

export function rememberBundleSeat(db: Db, checkoutId: string, row: BundleSeatRow): void {
  s(db).insert.run({ checkoutId, ...row });
}

export function forgetBundleSeats(db: Db, checkoutId: string, direction: Direction): void {
  s(db).forget.run({ checkoutId, direction });
}

/** Releases a seat the bundle assigned, if the passenger still holds it; true when it did. */
export function releaseBundleSeat(db: Db, checkoutId: string, row: BundleSeatRow): boolean {
  return s(db).release.run({ checkoutId, flightId: row.flightId, passengerIdx: row.passengerIdx, seat: row.seat }).changes > 0;
}
