-- Skylark Air schema, version 6: an impression is recorded once by a unique key, not by a read before the write.
-- An offer counts as shown once per session, checkout, offer, item and placement. Before version 6 a
-- SELECT checked for an earlier row and an INSERT followed: two processes could both insert, and the
-- SELECT scanned every event without a checkout. Now the key is a partial unique index, and
-- recordOfferShown inserts with ON CONFLICT DO NOTHING on it (the conflict target must repeat these
-- expressions and the WHERE clause exactly). checkout_id and item_key are NULL for some impressions;
-- SQLite's UNIQUE treats NULLs as distinct, so the key uses coalesce(…, '') (no checkout id or item
-- key is ever empty text).

-- Duplicates written by concurrent requests before this version: keep the first of each.
DELETE FROM offer_events
WHERE event = 'shown'
  AND id NOT IN (
    SELECT min(id) FROM offer_events
    WHERE event = 'shown'
    GROUP BY session_id, coalesce(checkout_id, ''), offer_code, coalesce(item_key, ''), placement
  );

CREATE UNIQUE INDEX offer_events_shown_once
  ON offer_events (session_id, coalesce(checkout_id, ''), offer_code, coalesce(item_key, ''), placement)
  WHERE event = 'shown';

-- The last answer to an offer on a step ("ORDER BY id DESC LIMIT 1", "max(id)") is read on every seats
-- and extras page. With only (checkout_id, offer_code, event) to go on, the planner, once PRAGMA
-- optimize has given it statistics, prefers walking the whole table backwards by id. Here checkout,
-- placement and item are all equalities and the rows come out in id order: one short index range.
CREATE INDEX offer_events_by_checkout_step ON offer_events (checkout_id, placement, item_key);
