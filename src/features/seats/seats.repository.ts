// SQL of the seats step: seat maps, fare families' seat rules and seat_assignments (holds and sales).
// Statements are prepared once per database.
import type { Db } from '../../db/database.ts';
import { preparedOnce } from '../../db/statements.ts';

export type SeatAssignmentRow = {
  id: number;
  flight_id: number;
  seat: string;
  checkout_id: string | null;
  booking_id: number | null;
  passenger_idx: number;
  price_minor: number;
  currency: string;
  held_until: string | null;
  created_at: string;
};

export type NewSeatHold = {
  flightId: number;
  seat: string;
  checkoutId: string;
  passengerIdx: number;
  priceMinor: number;
  currency: string;
  heldUntil: string;
  createdAt: string;
};

export type LastSeatResponse = { offer_code: string; event: 'accepted' | 'removed'; price_minor: number; currency: string };

function prepare(db: Db) {
  return {
    seatMap: db.prepare('SELECT aircraft_code, aircraft_name, layout_json FROM seat_maps WHERE aircraft_code = ?'),
    seatChoice: db.prepare('SELECT seat_choice FROM fare_families WHERE code = ?').pluck(),
    airport: db.prepare('SELECT city, time_zone FROM airports WHERE code = ?'),
    // A lapsed hold of another checkout is deleted only when its seat is being taken: until then it
    // stays, so that checkout's review page can still say which of its seats ran out.
    noteReleasedSeat: db.prepare(`
      INSERT INTO seat_hold_releases (checkout_id, flight_id, seat, passenger_idx, released_at)
      SELECT checkout_id, flight_id, seat, passenger_idx, @now FROM seat_assignments
      WHERE flight_id = @flightId AND seat = @seat AND booking_id IS NULL AND held_until <= @now AND checkout_id IS NOT NULL`),
    releaseExpiredSeat: db.prepare(
      'DELETE FROM seat_assignments WHERE flight_id = @flightId AND seat = @seat AND booking_id IS NULL AND held_until <= @now',
    ),
    releaseExpiredOfCheckout: db.prepare(
      'DELETE FROM seat_assignments WHERE checkout_id = @checkoutId AND booking_id IS NULL AND held_until <= @now',
    ),
    forgetReleasesOfCheckout: db.prepare('DELETE FROM seat_hold_releases WHERE checkout_id = @checkoutId'),
    assignmentsOnFlight: db.prepare('SELECT * FROM seat_assignments WHERE flight_id = ? ORDER BY seat'),
    holdsOfCheckout: db.prepare(
      'SELECT * FROM seat_assignments WHERE checkout_id = ? AND booking_id IS NULL ORDER BY flight_id, passenger_idx',
    ),
    expiredHoldOfCheckout: db.prepare(
      `SELECT seat FROM seat_assignments
       WHERE checkout_id = @checkoutId AND booking_id IS NULL AND held_until <= @now LIMIT 1`,
    ).pluck(),
    deleteHoldsOnFlight: db.prepare(
      'DELETE FROM seat_assignments WHERE checkout_id = @checkoutId AND flight_id = @flightId AND booking_id IS NULL',
    ),
    insertHold: db.prepare(`
      INSERT INTO seat_assignments (flight_id, seat, checkout_id, passenger_idx, price_minor, currency, held_until, created_at)
      VALUES (@flightId, @seat, @checkoutId, @passengerIdx, @priceMinor, @currency, @heldUntil, @createdAt)`),
    confirmHolds: db.prepare(
      'UPDATE seat_assignments SET booking_id = @bookingId, held_until = NULL WHERE checkout_id = @checkoutId AND booking_id IS NULL',
    ),
    lastSeatResponse: db.prepare(`
      SELECT offer_code, event, price_minor, currency FROM offer_events
      WHERE checkout_id = @checkoutId AND item_key = @itemKey AND placement = 'seats' AND category = 'seat'
        AND event IN ('accepted', 'removed')
      ORDER BY id DESC LIMIT 1`),
  };
}

const s = preparedOnce(prepare);

export function findSeatMap(db: Db, aircraftCode: string): { aircraftCode: string; aircraftName: string; layoutJson: string } {
  const row = s(db).seatMap.get(aircraftCode) as { aircraft_code: string; aircraft_name: string; layout_json: string } | undefined;
  if (!row) throw new Error(`No seat map for aircraft ${aircraftCode}`);
  return { aircraftCode: row.aircraft_code, aircraftName: row.aircraft_name, layoutJson: row.layout_json };
}

export function fareSeatChoice(db: Db, family: string): 'paid' | 'standard' | 'any' {
  const value = s(db).seatChoice.get(family) as 'paid' | 'standard' | 'any' | undefined;
  if (!value) throw new Error(`Unknown fare family ${family}`);
  return value;
}

export function airportClock(db: Db, code: string): { city: string; timeZone: string } {
  const row = s(db).airport.get(code) as { city: string; time_zone: string } | undefined;
  return { city: row?.city ?? code, timeZone: row?.time_zone ?? 'UTC' };
}

/** Another checkout takes a seat whose hold lapsed: the owner is told (seat_hold_releases), then the row goes. */
export function releaseExpiredSeat(db: Db, flightId: number, seat: string, now: Date): number {
  const params = { flightId, seat, now: now.toISOString() };
  s(db).noteReleasedSeat.run(params);
  return s(db).releaseExpiredSeat.run(params).changes;
}

/** The customer is back on the seats step: their lapsed holds, and the notices of seats lost, go. */
export function releaseExpiredHoldsOfCheckout(db: Db, checkoutId: string, now: Date): number {
  s(db).forgetReleasesOfCheckout.run({ checkoutId });
  return s(db).releaseExpiredOfCheckout.run({ checkoutId, now: now.toISOString() }).changes;
}

export function assignmentsOnFlight(db: Db, flightId: number): SeatAssignmentRow[] {
  return s(db).assignmentsOnFlight.all(flightId) as SeatAssignmentRow[];
}

export function holdsOfCheckout(db: Db, checkoutId: string): SeatAssignmentRow[] {
  return s(db).holdsOfCheckout.all(checkoutId) as SeatAssignmentRow[];
}

export function hasExpiredHold(db: Db, checkoutId: string, now: Date): boolean {
  return s(db).expiredHoldOfCheckout.get({ checkoutId, now: now.toISOString() }) !== undefined;
}

export function deleteHoldsOnFlight(db: Db, checkoutId: string, flightId: number): void {
  s(db).deleteHoldsOnFlight.run({ checkoutId, flightId });
}

export function insertHold(db: Db, hold: NewSeatHold): void {
  s(db).insertHold.run(hold);
}

export function markHoldsSold(db: Db, checkoutId: string, bookingId: number): number {
  return s(db).confirmHolds.run({ checkoutId, bookingId }).changes;
}

/** The last accept or removal of a seat offer for one passenger and flight: what the customer is buying now. */
export function lastSeatResponse(db: Db, checkoutId: string, itemKey: string): LastSeatResponse | undefined {
  return s(db).lastSeatResponse.get({ checkoutId, itemKey }) as LastSeatResponse | undefined;
}
