-- Skylark Air schema, version 7: purchases made in "Manage booking" after the booking is paid.
-- One row per purchase, keyed by the purchase id the review form carries (or the JSON API's
-- Idempotency-Key): a second submission of the same purchase finds the row and charges nothing again.
-- A purchase waiting for 3-D Secure is 'challenge' (its payments row is 'challenge'); once approved, its
-- receipt lines (booking_items), the booking's new total, the payment and the offer event are written in
-- the same IMMEDIATE transaction that marks it 'approved'. A failed challenge deletes the row (the payments
-- row keeps the attempt), so the customer can try again with the same review form.
CREATE TABLE manage_purchases (
  id              TEXT PRIMARY KEY,
  booking_id      INTEGER NOT NULL REFERENCES bookings(id),
  status          TEXT NOT NULL CHECK (status IN ('challenge', 'approved')),
  item_json       TEXT NOT NULL, -- the purchase's item, as the command's input names it
  description     TEXT NOT NULL,
  amount_minor    INTEGER NOT NULL CHECK (amount_minor >= 0),
  currency        TEXT NOT NULL,
  payment_id      INTEGER REFERENCES payments(id),
  created_at      TEXT NOT NULL,
  completed_at    TEXT
) STRICT;
CREATE INDEX manage_purchases_by_booking ON manage_purchases (booking_id);
