-- Skylark Air schema, version 2: what the payment and booking features need beyond version 1.

-- A 3-D Secure challenge waiting for the customer's answer. It holds only what is needed to finish
-- the payment without the card: the attempt (payments row: brand, last four, amount) and the checkout.
-- The id is random and unguessable; it appears in the challenge page's URL.
CREATE TABLE payment_challenges (
  id              TEXT PRIMARY KEY,
  checkout_id     TEXT NOT NULL REFERENCES checkouts(id) ON DELETE CASCADE,
  payment_id      INTEGER NOT NULL UNIQUE REFERENCES payments(id),
  status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'failed')),
  created_at      TEXT NOT NULL,
  resolved_at     TEXT
) STRICT;
CREATE INDEX payment_challenges_by_checkout ON payment_challenges (checkout_id);

-- The price line a booking item came from (the key of priceCheckout: 'fare:outbound:adult',
-- 'seat:p1:outbound', 'bag:p1:outbound', 'hotel', ...), so the receipt, "Manage booking" and testers
-- can name a line the same way before and after payment. NULL for rows written before version 2.
ALTER TABLE booking_items ADD COLUMN item_key TEXT;
