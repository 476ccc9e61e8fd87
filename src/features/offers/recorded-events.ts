// Reading the offer events back (what offer-events.ts recorded), in the order they were recorded:
// the JSON API lists them per checkout and per booking so that a test can assert what was measured.
import type { Db } from '../../db/database.ts';
import { preparedOnce } from '../../db/statements.ts';
import type { Money } from '../../lib/money.ts';
import type { OfferKind, Placement } from './offers.repository.ts';

export const OFFER_EVENT_KINDS = ['shown', 'accepted', 'declined', 'removed'] as const;
export type OfferEventKind = (typeof OFFER_EVENT_KINDS)[number];

export type RecordedOfferEvent = {
  id: number;
  event: OfferEventKind;
  offerCode: string;
  kind: OfferKind;
  category: string;
  placement: Placement;
  tactic: string | null;
  variant: string | null;
  itemKey: string | null;
  price: Money;
  at: string;
};

type Row = {
  id: number;
  event: OfferEventKind;
  offer_code: string;
  kind: OfferKind;
  category: string;
  placement: Placement;
  tactic: string | null;
  variant: string | null;
  item_key: string | null;
  price_minor: number;
  currency: string;
  created_at: string;
};

const COLUMNS = 'id, event, offer_code, kind, category, placement, tactic, variant, item_key, price_minor, currency, created_at';

const s = preparedOnce((db: Db) => ({
  ofCheckout: db.prepare(`SELECT ${COLUMNS} FROM offer_events WHERE checkout_id = @checkoutId ORDER BY id`),
}));

function toEvent(row: Row): RecordedOfferEvent {
  return {
    id: row.id,
    event: row.event,
    offerCode: row.offer_code,
    kind: row.kind,
    category: row.category,
    placement: row.placement,
    tactic: row.tactic,
    variant: row.variant,
    itemKey: row.item_key,
    price: { amountMinor: row.price_minor, currency: row.currency },
    at: row.created_at,
  };
}

/** The events recorded for a checkout (seats, extras and review placements, fares chosen), oldest first. */
export function listCheckoutOfferEvents(db: Db, checkoutId: string): RecordedOfferEvent[] {
  return (s(db).ofCheckout.all({ checkoutId }) as Row[]).map(toEvent);
}

/**
 * The events of a booking: those of its checkout and those after it (the confirmation page, a hotel added),
 * which are recorded with the booking's checkout id too, so one indexed look-up finds them all. Oldest first.
 */
export function listBookingOfferEvents(db: Db, booking: { id: number; checkoutId: string }): RecordedOfferEvent[] {
  return listCheckoutOfferEvents(db, booking.checkoutId);
}
