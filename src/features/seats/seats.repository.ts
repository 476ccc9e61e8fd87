// SQL of the seats step besides the holds (seat-holds.repository.ts) and the seat maps
// (catalogue/seat-zones.ts): the clock the hold time is read on, and the last seat offer response.
// Statements are prepared once per database.
import type { Db } from '../../db/database.ts';
import { preparedOnce } from '../../db/statements.ts';

export type LastSeatResponse = { offer_code: string; event: 'accepted' | 'removed'; price_minor: number; currency: string };

const s = preparedOnce((db: Db) => ({
  airport: db.prepare('SELECT city, time_zone FROM airports WHERE code = ?'),
  lastSeatResponse: db.prepare(`
    SELECT offer_code, event, price_minor, currency FROM offer_events
    WHERE checkout_id = @checkoutId AND item_key = @itemKey AND placement = 'seats' AND category = 'seat'
      AND event IN ('accepted', 'removed')
    ORDER BY id DESC LIMIT 1`),
}));

export function airportClock(db: Db, code: string): { city: string; timeZone: string } {
  const row = s(db).airport.get(code) as { city: string; time_zone: string } | undefined;
  return { city: row?.city ?? code, timeZone: row?.time_zone ?? 'UTC' };
}

/** The last accept or removal of a seat offer for one passenger and flight: what the customer is buying now. */
export function lastSeatResponse(db: Db, checkoutId: string, itemKey: string): LastSeatResponse | undefined {
  return s(db).lastSeatResponse.get({ checkoutId, itemKey }) as LastSeatResponse | undefined;
}
