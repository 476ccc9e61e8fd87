// Capacity: a flight never sells more tickets in a cabin than it has seats (issue 8). The seat map
// shows some seats taken by the demo pre-load (tickets sold before the demo); the rest are for real
// customers, and fare inventory alone does not know when the pre-load grows as departure nears.
import type { Db } from '../../db/database.ts';
import { preparedOnce } from '../../db/statements.ts';
import type { Checkout } from '../checkout/checkout.repository.ts';
import { daysToDeparture } from '../catalogue/fare-pricing.ts';
import { findSeatMap, parseSeatMapLayout } from '../catalogue/seat-zones.ts';
import { seatsLeftByPreload } from '../catalogue/preload.ts';
import { seatPlan } from '../seats/seat-map.ts';

const s = preparedOnce((db: Db) => ({
  ticketsInCabin: db
    .prepare(
      `SELECT coalesce(sum(f.seats_sold), 0) FROM fares f JOIN fare_families ff ON ff.code = f.family
       WHERE f.flight_id = @flightId AND ff.cabin = @cabin`,
    )
    .pluck(),
  othersLiveHolds: db
    .prepare(
      `SELECT seat FROM seat_assignments
       WHERE flight_id = @flightId AND booking_id IS NULL AND checkout_id <> @checkoutId AND held_until > @now`,
    )
    .pluck(),
}));

/**
 * Inside the booking transaction, after the fare inventory of `checkout` was sold: the flight
 * number of the first of its flights whose seating cabin now has more tickets sold (every booking's,
 * this one's included) plus seats held by other open checkouts than seats the pre-load leaves;
 * null when every flight still fits. Counts a pre-load seat that a real customer also holds twice,
 * so it errs on the side of "sold out", never of a passenger without a seat.
 */
export function flightOverCapacity(db: Db, checkout: Checkout, now: Date): string | null {
  const q = s(db);
  for (const flight of checkout.flights) {
    const layout = parseSeatMapLayout(findSeatMap(db, flight.aircraftCode).layoutJson);
    const cabin = flight.seatingCabin;
    const plan = seatPlan(layout);
    const tickets = q.ticketsInCabin.get({ flightId: flight.flightId, cabin }) as number;
    const held = (q.othersLiveHolds.all({ flightId: flight.flightId, checkoutId: checkout.id, now: now.toISOString() }) as string[]).filter(
      (seat) => plan.seats.get(seat)?.cabin === cabin,
    ).length;
    if (tickets + held > seatsLeftByPreload(layout, cabin, daysToDeparture(flight.departsAt, now))) return flight.flightNumber;
  }
  return null;
}
