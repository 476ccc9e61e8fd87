// SQL of the free-to-paid upgrade page (fare-upgrade.ts): the target family's fare on a flight, the
// checkout's fare moved to it, and whether the page was answered. Statements are prepared once.
import type { Db } from '../../db/database.ts';
import { preparedOnce } from '../../db/statements.ts';
import type { Direction } from '../checkout/checkout.repository.ts';

export type FareRow = { id: number; base_minor: number; taxes_minor: number; currency: string; seats_total: number; seats_sold: number };

export type MovedFare = {
  checkoutId: string;
  direction: Direction;
  fareId: number;
  family: string;
  adultMinor: number;
  childMinor: number;
  infantMinor: number;
  taxesMinor: number;
  infantTaxesMinor: number;
  currency: string;
};

const statements = preparedOnce((db: Db) => ({
  fareOfFamily: db.prepare('SELECT id, base_minor, taxes_minor, currency, seats_total, seats_sold FROM fares WHERE flight_id = @flightId AND family = @family'),
  moveFare: db.prepare(`
    UPDATE checkout_flights
    SET fare_id = @fareId, family = @family, adult_minor = @adultMinor, child_minor = @childMinor, infant_minor = @infantMinor,
        taxes_minor = @taxesMinor, infant_taxes_minor = @infantTaxesMinor, currency = @currency
    WHERE checkout_id = @checkoutId AND direction = @direction`),
  // The answer is the response event of the page's impression (placement results, its own item key):
  // one short range of the index offer_events_by_checkout_step (checkout, placement, item).
  answer: db.prepare(`
    SELECT event FROM offer_events
    WHERE checkout_id = @checkoutId AND placement = 'results' AND item_key = @itemKey AND event IN ('accepted', 'declined')
    ORDER BY id LIMIT 1`).pluck(),
}));

/** The fare of `family` on a flight (undefined when the flight does not sell it). */
export function findFareOfFamily(db: Db, flightId: number, family: string): FareRow | undefined {
  return statements(db).fareOfFamily.get({ flightId, family }) as FareRow | undefined;
}

/** Moves one direction of a checkout to another fare, with the prices quoted for it. */
export function moveCheckoutFare(db: Db, fare: MovedFare): void {
  statements(db).moveFare.run(fare);
}

/** How the page's question about one flight was answered on this checkout, if it was. */
export function findUpgradeAnswer(db: Db, checkoutId: string, itemKey: string): 'accepted' | 'declined' | undefined {
  return statements(db).answer.get({ checkoutId, itemKey }) as 'accepted' | 'declined' | undefined;
}
