// SQL of the shopper simulator: the flights shoppers pick from, and the simulated mark on their rows.
import type { Db } from '../../db/database.ts';
import { preparedOnce } from '../../db/statements.ts';

const statements = preparedOnce((db: Db) => ({
  flights: db.prepare(`
    SELECT f.origin AS origin, f.destination AS destination, f.departure_date AS date, fa.id AS fareId
    FROM flights f JOIN fares fa ON fa.flight_id = f.id AND fa.family = 'basic'
    WHERE f.departs_at > @after AND fa.seats_total - fa.seats_sold >= 9
    ORDER BY f.departs_at, f.id
    LIMIT 3000`),
  shownOnExtras: db.prepare(`
    SELECT item_key AS itemKey, variant FROM offer_events
    WHERE session_id = @sessionId AND checkout_id = @checkoutId AND placement = 'extras' AND event = 'shown' AND item_key IS NOT NULL`),
  checkouts: db.prepare('SELECT COUNT(*) FROM checkouts').pluck(),
  markCheckouts: db.prepare('UPDATE checkouts SET simulated = 1 WHERE session_id = @sessionId'),
  markEvents: db.prepare('UPDATE offer_events SET simulated = 1 WHERE session_id = @sessionId'),
  markBookings: db.prepare('UPDATE bookings SET simulated = 1 WHERE session_id = @sessionId'),
}));

export type SimFlight = { origin: string; destination: string; date: string; fareId: number };

/** Basic fares with seats for a party, departing after `after` (the day after the demo clock). */
export function flightsToShop(db: Db, after: Date): SimFlight[] {
  return statements(db).flights.all({ after: after.toISOString() }) as SimFlight[];
}

/** How many checkouts the database holds (real and simulated). */
export function checkoutsSoFar(db: Db): number {
  return statements(db).checkouts.get() as number;
}

/** Marks everything a simulated shopper's session made as simulated traffic. */
export function markSimulated(db: Db, sessionId: string): void {
  const s = statements(db);
  db.transaction(() => {
    s.markCheckouts.run({ sessionId });
    s.markEvents.run({ sessionId });
    s.markBookings.run({ sessionId });
  })();
}

/** Item keys of the extras page's impressions whose recorded tactic applied to the session (variant on or B). */
export function itemsWithTacticApplied(db: Db, sessionId: string, checkoutId: string): Set<string> {
  const rows = statements(db).shownOnExtras.all({ sessionId, checkoutId }) as { itemKey: string; variant: string | null }[];
  return new Set(rows.filter((r) => r.variant === 'on' || r.variant === 'B').map((r) => r.itemKey));
}
