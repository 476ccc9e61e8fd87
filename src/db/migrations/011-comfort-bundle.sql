-- The Comfort bundle (issue 10, tactic `bundle`): an extra-legroom seat, a 23 kg bag and priority boarding
-- for everyone with a seat on one flight, priced from the three parts less the rule's discount.

-- The catalogue's offer (a fresh catalogue seeds it from src/features/catalogue/offers.ts).
INSERT OR IGNORE INTO offers (code, kind, category, name, description, price_rule_json, eligibility_json, placements_json, active)
VALUES (
  'BUNDLE_COMFORT', 'cross_sell', 'bundle', 'Comfort bundle',
  'An extra-legroom seat, a 23 kg checked bag and priority boarding for everyone with a seat on one flight, for less than the three apart.',
  '{"type":"bundle","parts":["SEAT_EXTRA_LEGROOM","BAG_CHECKED_23KG","PRIORITY_BOARDING"],"discountPercent":20}',
  '{"passengerTypes":["adult","child"],"excludeFamilies":["flex","business"]}',
  '["extras"]',
  1
);

-- The seats a Comfort bundle assigned (the passenger had no extra-legroom seat on that flight), so that
-- removing the bundle releases exactly those and leaves the seats the customer chose themselves.
-- The bundle itself is a checkout_extras row (item_key 'bundle:outbound', discount_percent frozen).
CREATE TABLE checkout_bundle_seats (
  checkout_id    TEXT NOT NULL REFERENCES checkouts(id) ON DELETE CASCADE,
  direction      TEXT NOT NULL CHECK (direction IN ('outbound', 'return')),
  passenger_idx  INTEGER NOT NULL,
  flight_id      INTEGER NOT NULL REFERENCES flights(id),
  seat           TEXT NOT NULL,
  PRIMARY KEY (checkout_id, direction, passenger_idx)
) STRICT;
