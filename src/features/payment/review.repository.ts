// The little SQL the review page needs beyond the checkout's own: whether an offer is already in the
// checkout, adding the last-chance insurance, and the customer's last answer to an offer on this page.
import type { Db } from '../../db/database.ts';
import { preparedOnce } from '../../db/statements.ts';
import type { OfferCode } from '../offers/codes.ts';
import type { Placement } from '../offers/offers.repository.ts';

function prepare(db: Db) {
  return {
    hasOffer: db.prepare('SELECT 1 FROM checkout_extras WHERE checkout_id = ? AND offer_code = ? LIMIT 1'),
    addWholeTripExtra: db.prepare(`
      INSERT INTO checkout_extras (checkout_id, item_key, offer_code, quantity) VALUES (@checkoutId, @itemKey, @offerCode, 1)
      ON CONFLICT (checkout_id, item_key) DO NOTHING`),
    lastResponse: db.prepare(`
      SELECT event FROM offer_events
      WHERE checkout_id = @checkoutId AND offer_code = @offerCode AND placement = @placement AND event <> 'shown'
      ORDER BY id DESC LIMIT 1`),
  };
}

const s = preparedOnce(prepare);

export function checkoutHasOffer(db: Db, checkoutId: string, offerCode: OfferCode): boolean {
  return s(db).hasOffer.get(checkoutId, offerCode) !== undefined;
}

/** Adds an extra that covers the whole trip (no passenger, no direction); false if it was there already. */
export function addWholeTripExtra(db: Db, checkoutId: string, itemKey: string, offerCode: OfferCode): boolean {
  return s(db).addWholeTripExtra.run({ checkoutId, itemKey, offerCode }).changes === 1;
}

export function lastOfferResponse(
  db: Db,
  checkoutId: string,
  offerCode: OfferCode,
  placement: Placement,
): 'accepted' | 'declined' | 'removed' | undefined {
  return (s(db).lastResponse.get({ checkoutId, offerCode, placement }) as { event: 'accepted' | 'declined' | 'removed' } | undefined)?.event;
}
