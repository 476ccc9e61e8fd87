// The offer events of the results page that a new checkout takes over: the fare upsells its shopper
// saw for the flights chosen, so that the booking's events tell the whole story.
import type { Db } from '../../db/database.ts';
import { preparedOnce } from '../../db/statements.ts';
import { isTacticCode, type TacticCode } from '../offers/codes.ts';

const statements = preparedOnce((db: Db) => ({
  claim: db.prepare(
    `UPDATE offer_events SET checkout_id = @checkoutId
     WHERE session_id = @sessionId AND checkout_id IS NULL AND placement = 'results' AND item_key = @itemKey`,
  ),
  shownTactic: db.prepare(
    `SELECT tactic, variant FROM offer_events
     WHERE checkout_id = @checkoutId AND event = 'shown' AND placement = 'results' AND item_key = @itemKey AND offer_code = @offerCode
     ORDER BY id LIMIT 1`,
  ),
}));

/** Gives the results impressions of one flight (item) to the checkout just opened. */
export function claimResultsImpressions(db: Db, ids: { checkoutId: string; sessionId: string; itemKey: string }): void {
  statements(db).claim.run(ids);
}

/**
 * The tactic and arm recorded when the checkout's shopper was shown this upsell (undefined when it
 * was not recorded as shown: a client that opened a checkout without searching in the session).
 */
export function shownTactic(
  db: Db,
  ids: { checkoutId: string; itemKey: string; offerCode: string },
): { tactic: TacticCode; variant: string } | null | undefined {
  const row = statements(db).shownTactic.get(ids) as { tactic: string | null; variant: string | null } | undefined;
  if (!row) return undefined;
  return isTacticCode(row.tactic) && row.variant ? { tactic: row.tactic, variant: row.variant } : null;
}
