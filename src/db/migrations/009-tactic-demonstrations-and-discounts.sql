-- Dark-pattern demonstrations and complementary discounts (issue 10).
-- offer_events.demonstration: 1 when the event was produced while a dark-pattern demonstration acted on
-- its offer (a pre-ticked box, confirm-shaming, a fake timer), so measurements keep those apart.
ALTER TABLE offer_events ADD COLUMN demonstration INTEGER NOT NULL DEFAULT 0 CHECK (demonstration IN (0, 1));

-- checkout_extras.discount_percent: the complementary discount frozen when the extra was chosen (the
-- hotel booked with the flight), so the summary, the payment and the booking charge what was shown.
ALTER TABLE checkout_extras ADD COLUMN discount_percent INTEGER NOT NULL DEFAULT 0 CHECK (discount_percent BETWEEN 0 AND 100);

-- The hotel's price rule gains the complementary discount's percentage (a fresh catalogue seeds it).
UPDATE offers SET price_rule_json = json_set(price_rule_json, '$.withFlightDiscountPercent', 15)
WHERE code = 'HOTEL_STAY' AND json_extract(price_rule_json, '$.withFlightDiscountPercent') IS NULL;

-- Add-ons at checkout: priority boarding and the standard seat are offered again on the review page.
UPDATE offers SET placements_json = '["extras","review","manage"]' WHERE code = 'PRIORITY_BOARDING' AND placements_json = '["extras","manage"]';
UPDATE offers SET placements_json = '["seats","review","manage"]' WHERE code = 'SEAT_STANDARD' AND placements_json = '["seats","manage"]';
