// Recording of offers shown and responses to them: the raw material of every measurement.
import type { Db } from '../../db/database.ts';
import { preparedOnce } from '../../db/statements.ts';
import type { Money } from '../../lib/money.ts';
import type { Offer, Placement } from './offers.repository.ts';
import type { TacticCode } from './codes.ts';

export type OfferEventContext = {
  sessionId: string;
  checkoutId?: string | null;
  bookingId?: number | null;
  placement: Placement;
  /** The tactic acting on the offer and the session's arm of it (a TacticAssignment fits). */
  tactic?: { tactic: TacticCode; variant: string } | null;
  at: Date;
};

export type OfferImpression = { offer: Pick<Offer, 'code' | 'kind' | 'category'>; itemKey?: string | null; price: Money };

function prepare(db: Db) {
  return {
    insert: db.prepare(`
      INSERT INTO offer_events (session_id, checkout_id, booking_id, offer_code, kind, category, placement,
                                tactic, variant, item_key, price_minor, currency, event, created_at)
      VALUES (@sessionId, @checkoutId, @bookingId, @offerCode, @kind, @category, @placement,
              @tactic, @variant, @itemKey, @priceMinor, @currency, @event, @createdAt)`),
    alreadyShown: db.prepare(`
      SELECT 1 FROM offer_events
      WHERE event = 'shown' AND session_id = @sessionId AND checkout_id IS @checkoutId AND offer_code = @offerCode
        AND item_key IS @itemKey AND placement = @placement
      LIMIT 1`),
  };
}

const statementsFor = preparedOnce(prepare);

function row(ctx: OfferEventContext, impression: OfferImpression, event: string) {
  return {
    sessionId: ctx.sessionId,
    checkoutId: ctx.checkoutId ?? null,
    bookingId: ctx.bookingId ?? null,
    offerCode: impression.offer.code,
    kind: impression.offer.kind,
    category: impression.offer.category,
    placement: ctx.placement,
    tactic: ctx.tactic?.tactic ?? null,
    variant: ctx.tactic?.variant ?? null,
    itemKey: impression.itemKey ?? null,
    priceMinor: impression.price.amountMinor,
    currency: impression.price.currency,
    event,
    createdAt: ctx.at.toISOString(),
  };
}

/**
 * Records impressions. Each counts once per session, checkout, offer, item and placement,
 * so a reload does not inflate the denominator of the take rate.
 */
export function recordOfferShown(db: Db, ctx: OfferEventContext, impressions: readonly OfferImpression[]): void {
  const s = statementsFor(db);
  db.transaction(() => {
    for (const impression of impressions) {
      const values = row(ctx, impression, 'shown');
      if (s.alreadyShown.get(values)) continue;
      s.insert.run(values);
    }
  })();
}

/** Records an accept, decline or removal. Callers run it inside the transaction that changes the selection. */
export function recordOfferResponse(
  db: Db,
  ctx: OfferEventContext,
  impression: OfferImpression,
  event: 'accepted' | 'declined' | 'removed',
): void {
  statementsFor(db).insert.run(row(ctx, impression, event));
}
