// Recording of offers shown and responses to them: the raw material of every measurement.
import type { Db } from '../../db/database.ts';
import { preparedOnce } from '../../db/statements.ts';
import type { Money } from '../../lib/money.ts';
import type { Offer, Placement } from './offers.repository.ts';
import { isDarkPattern, type TacticCode } from './codes.ts';

export type OfferEventContext = {
  sessionId: string;
  checkoutId?: string | null;
  bookingId?: number | null;
  placement: Placement;
  /** The tactic acting on the offer and the session's arm of it (a TacticAssignment fits). */
  tactic?: { tactic: TacticCode; variant: string } | null;
  /**
   * A dark-pattern demonstration acting on the offer besides (or instead of) `tactic`: the event is
   * flagged (offer_events.demonstration = 1) so measurements keep it apart. An event whose `tactic`
   * is itself a dark pattern is flagged too.
   */
  demonstration?: boolean;
  at: Date;
};

export type OfferImpression = { offer: Pick<Offer, 'code' | 'kind' | 'category'>; itemKey?: string | null; price: Money };

const COLUMNS = `session_id, checkout_id, booking_id, offer_code, kind, category, placement,
                 tactic, variant, item_key, price_minor, currency, event, created_at, demonstration`;
const VALUES = `@sessionId, @checkoutId, @bookingId, @offerCode, @kind, @category, @placement,
                @tactic, @variant, @itemKey, @priceMinor, @currency, @event, @createdAt, @demonstration`;

function prepare(db: Db) {
  return {
    insert: db.prepare(`INSERT INTO offer_events (${COLUMNS}) VALUES (${VALUES})`),
    // One statement on the unique key of migration 006 (offer_events_shown_once): the target repeats
    // its expressions and WHERE clause, so a repeat is skipped by the index, never by a scan, and two
    // processes recording the same impression at once leave one row.
    insertShown: db.prepare(`
      INSERT INTO offer_events (${COLUMNS}) VALUES (${VALUES})
      ON CONFLICT (session_id, coalesce(checkout_id, ''), offer_code, coalesce(item_key, ''), placement)
        WHERE event = 'shown' DO NOTHING`),
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
    demonstration: ctx.demonstration || (ctx.tactic ? isDarkPattern(ctx.tactic.tactic) : false) ? 1 : 0,
  };
}

/**
 * Records the impressions of one page view, in one transaction. Each counts once per session,
 * checkout, offer, item and placement (the unique key of migration 006), so a reload does not
 * inflate the denominator of the take rate. Returns how many were new.
 */
export function recordOfferShown(db: Db, ctx: OfferEventContext, impressions: readonly OfferImpression[]): number {
  return recordOffersShown(db, [{ ctx, impressions }]);
}

/**
 * recordOfferShown for a page view whose impressions carry different contexts (one tactic or another):
 * one transaction for all of them, without a savepoint per group (each costs two more statements).
 */
export function recordOffersShown(db: Db, groups: ReadonlyArray<{ ctx: OfferEventContext; impressions: readonly OfferImpression[] }>): number {
  if (!groups.some((g) => g.impressions.length > 0)) return 0;
  const { insertShown } = statementsFor(db);
  return db.transaction(() => {
    let recorded = 0;
    for (const { ctx, impressions } of groups) for (const impression of impressions) recorded += insertShown.run(row(ctx, impression, 'shown')).changes;
    return recorded;
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
