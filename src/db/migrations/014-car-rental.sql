-- Skylark Air schema, version 14: car rental at the destination (offer CAR_RENTAL, category car), and
-- refunds in the payments ledger.

-- The catalogue's rental cars: one of each class per airport, rebuilt by the seed
-- (src/features/catalogue/cars.ts). daily_minor is the price of one day.
CREATE TABLE cars (
  id            INTEGER PRIMARY KEY,
  airport_code  TEXT NOT NULL REFERENCES airports(code),
  class         TEXT NOT NULL CHECK (class IN ('mini', 'compact', 'estate', 'suv', 'people_carrier')),
  model         TEXT NOT NULL,
  seats         INTEGER NOT NULL CHECK (seats > 0),
  bags          INTEGER NOT NULL CHECK (bags >= 0),
  daily_minor   INTEGER NOT NULL CHECK (daily_minor > 0),
  currency      TEXT NOT NULL DEFAULT 'EUR',
  UNIQUE (airport_code, class)
) STRICT;

-- A car chosen on the extras step (item_key 'car'): the car, the pick-up date (the local date the
-- outbound flight lands) and the days of the rental. Never an amount: pricing reads the daily rate.
ALTER TABLE checkout_extras ADD COLUMN car_id INTEGER REFERENCES cars(id);
ALTER TABLE checkout_extras ADD COLUMN pick_up_date TEXT;
ALTER TABLE checkout_extras ADD COLUMN days INTEGER CHECK (days IS NULL OR days >= 1);

-- The car rented with a booking, whichever page sold it (extras, confirmation, Manage booking), as the
-- confirmation and Manage booking show it. cancelled_at is set by a free cancellation. At most one car
-- that is not cancelled per booking: a car is never rented twice.
CREATE TABLE booking_cars (
  id             INTEGER PRIMARY KEY,
  booking_id     INTEGER NOT NULL REFERENCES bookings(id),
  car_id         INTEGER NOT NULL REFERENCES cars(id),
  pick_up_date   TEXT NOT NULL,
  drop_off_date  TEXT NOT NULL,
  days           INTEGER NOT NULL CHECK (days >= 1),
  total_minor    INTEGER NOT NULL CHECK (total_minor >= 0),
  currency       TEXT NOT NULL,
  placement      TEXT NOT NULL CHECK (placement IN ('extras', 'confirmation', 'manage')),
  created_at     TEXT NOT NULL,
  cancelled_at   TEXT
) STRICT;
CREATE UNIQUE INDEX booking_cars_one_active ON booking_cars (booking_id) WHERE cancelled_at IS NULL;

-- payments.kind: 'refund' for money given back (a hotel or car cancelled free of charge), written with
-- status 'approved' and a negative amount, so the ledger's sum is what the customer paid net.
ALTER TABLE payments ADD COLUMN kind TEXT NOT NULL DEFAULT 'charge' CHECK (kind IN ('charge', 'refund'));

-- A database seeded before this version gains the offer (its cars come with the next seed).
INSERT INTO offers (code, kind, category, name, description, price_rule_json, eligibility_json, placements_json, active)
SELECT 'CAR_RENTAL', 'cross_sell', 'car', 'Car rental at your destination',
       'A rental car waiting at your arrival airport, from the day you land for the days of your stay, paid together with your flights.',
       '{"type":"car_days"}', '{}', '["extras","confirmation","manage"]', 1
WHERE EXISTS (SELECT 1 FROM offers) AND NOT EXISTS (SELECT 1 FROM offers WHERE code = 'CAR_RENTAL');

-- booking_items.placement: the page that sold an upsell or cross-sell line, for the dashboard's revenue per
-- placement. The booking writes it for its own lines from the checkout's last acceptance of the item (results,
-- seats, extras, review; else the category's page); the confirmation's last cross-sells and Manage booking write
-- theirs ('confirmation', 'manage'). NULL for fares and taxes.
ALTER TABLE booking_items ADD COLUMN placement TEXT CHECK (placement IS NULL OR placement IN ('results', 'seats', 'extras', 'review', 'confirmation', 'manage'));
-- Lines written before this version. After their booking: from the confirmation when it recorded the acceptance,
-- else from Manage booking. With it: where the item was last accepted in the checkout, else the category's page.
UPDATE booking_items SET placement = CASE
    WHEN created_at > (SELECT b.created_at FROM bookings b WHERE b.id = booking_items.booking_id) THEN
      CASE WHEN EXISTS (SELECT 1 FROM offer_events e WHERE e.booking_id = booking_items.booking_id AND e.placement = 'confirmation'
                        AND e.event = 'accepted' AND e.item_key = booking_items.item_key AND e.created_at = booking_items.created_at)
           THEN 'confirmation' ELSE 'manage' END
    ELSE COALESCE(
      (SELECT e.placement FROM offer_events e JOIN bookings b ON b.checkout_id = e.checkout_id
        WHERE b.id = booking_items.booking_id AND e.item_key = booking_items.item_key AND e.event = 'accepted'
          AND e.placement IN ('results', 'seats', 'extras', 'review')
        ORDER BY e.id DESC LIMIT 1),
      CASE category WHEN 'seat' THEN 'seats' WHEN 'fare' THEN 'results' ELSE 'extras' END)
  END
WHERE kind IN ('upsell', 'cross_sell');
