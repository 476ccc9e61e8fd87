-- Skylark Air schema, version 1.
-- Catalogue tables are rebuilt by the seed; checkout, booking and event tables hold what customers do.
-- Money is always *_minor INTEGER plus a currency; times are ISO-8601 UTC text (*_at); dates are YYYY-MM-DD.

CREATE TABLE airports (
  code       TEXT PRIMARY KEY CHECK (length(code) = 3),
  name       TEXT NOT NULL,
  city       TEXT NOT NULL,
  country    TEXT NOT NULL,
  time_zone  TEXT NOT NULL,
  latitude   REAL NOT NULL,
  longitude  REAL NOT NULL
) STRICT;

-- One row per aircraft type; layout_json is the cabin plan the seat map is drawn from
-- (see src/features/catalogue/aircraft.ts for its shape).
CREATE TABLE seat_maps (
  aircraft_code TEXT PRIMARY KEY,
  aircraft_name TEXT NOT NULL,
  layout_json   TEXT NOT NULL,
  seat_count    INTEGER NOT NULL CHECK (seat_count > 0)
) STRICT;

CREATE TABLE routes (
  id            INTEGER PRIMARY KEY,
  origin        TEXT NOT NULL REFERENCES airports(code),
  destination   TEXT NOT NULL REFERENCES airports(code),
  distance_km   INTEGER NOT NULL,
  duration_min  INTEGER NOT NULL,
  aircraft_code TEXT NOT NULL REFERENCES seat_maps(aircraft_code),
  UNIQUE (origin, destination),
  CHECK (origin <> destination)
) STRICT;

-- What each fare family includes. rank orders them cheapest first.
CREATE TABLE fare_families (
  code            TEXT PRIMARY KEY,
  name            TEXT NOT NULL,
  rank            INTEGER NOT NULL UNIQUE,
  cabin           TEXT NOT NULL CHECK (cabin IN ('economy', 'business')),
  cabin_bag       TEXT NOT NULL,
  checked_bags    INTEGER NOT NULL,
  checked_bag_kg  INTEGER NOT NULL,
  seat_choice     TEXT NOT NULL CHECK (seat_choice IN ('paid', 'standard', 'any')),
  changes         TEXT NOT NULL,
  refund          TEXT NOT NULL,
  priority        INTEGER NOT NULL CHECK (priority IN (0, 1))
) STRICT;

CREATE TABLE flights (
  id              INTEGER PRIMARY KEY,
  flight_number   TEXT NOT NULL,
  route_id        INTEGER NOT NULL REFERENCES routes(id),
  origin          TEXT NOT NULL REFERENCES airports(code),
  destination     TEXT NOT NULL REFERENCES airports(code),
  departure_date  TEXT NOT NULL, -- local date at the origin
  departs_at      TEXT NOT NULL, -- UTC instant
  arrives_at      TEXT NOT NULL, -- UTC instant
  aircraft_code   TEXT NOT NULL REFERENCES seat_maps(aircraft_code),
  UNIQUE (flight_number, departure_date)
) STRICT;
CREATE INDEX flights_by_route_and_day ON flights (origin, destination, departure_date);

-- Fare inventory: one row per flight and family. base_minor is the price per adult
-- booked far ahead; the days-to-departure factor is applied when the fare is quoted.
CREATE TABLE fares (
  id            INTEGER PRIMARY KEY,
  flight_id     INTEGER NOT NULL REFERENCES flights(id),
  family        TEXT NOT NULL REFERENCES fare_families(code),
  base_minor    INTEGER NOT NULL CHECK (base_minor > 0),
  taxes_minor   INTEGER NOT NULL CHECK (taxes_minor >= 0),
  currency      TEXT NOT NULL DEFAULT 'EUR',
  seats_total   INTEGER NOT NULL CHECK (seats_total >= 0),
  seats_sold    INTEGER NOT NULL DEFAULT 0 CHECK (seats_sold >= 0 AND seats_sold <= seats_total),
  UNIQUE (flight_id, family)
) STRICT;

CREATE TABLE hotels (
  id            INTEGER PRIMARY KEY,
  airport_code  TEXT NOT NULL REFERENCES airports(code),
  name          TEXT NOT NULL,
  stars         INTEGER NOT NULL CHECK (stars BETWEEN 1 AND 5),
  area          TEXT NOT NULL,
  nightly_minor INTEGER NOT NULL CHECK (nightly_minor > 0),
  currency      TEXT NOT NULL DEFAULT 'EUR'
) STRICT;

-- The offer catalogue. price_rule_json and eligibility_json are read by src/features/offers.
-- placements is a JSON array of: results, seats, extras, review, confirmation, manage.
CREATE TABLE offers (
  code              TEXT PRIMARY KEY,
  kind              TEXT NOT NULL CHECK (kind IN ('upsell', 'cross_sell')),
  category          TEXT NOT NULL CHECK (category IN ('fare', 'seat', 'cabin', 'priority', 'bag', 'hotel', 'insurance', 'car', 'bundle')),
  name              TEXT NOT NULL,
  description       TEXT NOT NULL,
  price_rule_json   TEXT NOT NULL,
  eligibility_json  TEXT NOT NULL,
  placements_json   TEXT NOT NULL,
  active            INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

CREATE TABLE tactics (
  code            TEXT PRIMARY KEY,
  name            TEXT NOT NULL,
  description     TEXT NOT NULL,
  mode            TEXT NOT NULL DEFAULT 'off' CHECK (mode IN ('off', 'on', 'ab')),
  dark_pattern    INTEGER NOT NULL DEFAULT 0 CHECK (dark_pattern IN (0, 1))
) STRICT;

-- A checkout is a trip being bought. Fares are quoted (frozen) when it is created.
CREATE TABLE checkouts (
  id                  TEXT PRIMARY KEY,
  session_id          TEXT NOT NULL,
  status              TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'booked')),
  trip_type           TEXT NOT NULL CHECK (trip_type IN ('one_way', 'return')),
  adults              INTEGER NOT NULL CHECK (adults BETWEEN 1 AND 9),
  children            INTEGER NOT NULL CHECK (children BETWEEN 0 AND 8),
  infants             INTEGER NOT NULL CHECK (infants >= 0 AND infants <= adults),
  contact_email       TEXT,
  contact_phone       TEXT,
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL,
  expires_at          TEXT NOT NULL
) STRICT;
CREATE INDEX checkouts_by_session ON checkouts (session_id);

-- The fare chosen per direction, with the price quoted at that moment (per passenger type).
CREATE TABLE checkout_flights (
  checkout_id         TEXT NOT NULL REFERENCES checkouts(id) ON DELETE CASCADE,
  direction           TEXT NOT NULL CHECK (direction IN ('outbound', 'return')),
  flight_id           INTEGER NOT NULL REFERENCES flights(id),
  fare_id             INTEGER NOT NULL REFERENCES fares(id),
  family              TEXT NOT NULL REFERENCES fare_families(code),
  adult_minor         INTEGER NOT NULL,
  child_minor         INTEGER NOT NULL,
  infant_minor        INTEGER NOT NULL,
  taxes_minor         INTEGER NOT NULL, -- per seated passenger
  infant_taxes_minor  INTEGER NOT NULL,
  currency            TEXT NOT NULL,
  PRIMARY KEY (checkout_id, direction)
) STRICT;

CREATE TABLE checkout_passengers (
  checkout_id     TEXT NOT NULL REFERENCES checkouts(id) ON DELETE CASCADE,
  idx             INTEGER NOT NULL, -- 1-based, adults first, then children, then infants
  type            TEXT NOT NULL CHECK (type IN ('adult', 'child', 'infant')),
  given_name      TEXT NOT NULL DEFAULT '',
  family_name     TEXT NOT NULL DEFAULT '',
  date_of_birth   TEXT,
  PRIMARY KEY (checkout_id, idx)
) STRICT;

-- Extras chosen in the checkout (never amounts: those come from the catalogue when priced).
-- item_key is unique per checkout, e.g. 'bag:p1:outbound', 'priority:p2', 'hotel', 'insurance', 'upgrade:outbound'.
CREATE TABLE checkout_extras (
  checkout_id     TEXT NOT NULL REFERENCES checkouts(id) ON DELETE CASCADE,
  item_key        TEXT NOT NULL,
  offer_code      TEXT NOT NULL REFERENCES offers(code),
  passenger_idx   INTEGER,
  direction       TEXT CHECK (direction IN ('outbound', 'return')),
  quantity        INTEGER NOT NULL DEFAULT 1 CHECK (quantity >= 1),
  hotel_id        INTEGER REFERENCES hotels(id),
  check_in        TEXT,
  nights          INTEGER,
  rooms           INTEGER,
  PRIMARY KEY (checkout_id, item_key)
) STRICT;

-- Seats held by an open checkout, or sold to a booking. One row per seat on a flight: never sold twice.
CREATE TABLE seat_assignments (
  id              INTEGER PRIMARY KEY,
  flight_id       INTEGER NOT NULL REFERENCES flights(id),
  seat            TEXT NOT NULL,
  checkout_id     TEXT REFERENCES checkouts(id) ON DELETE CASCADE,
  booking_id      INTEGER REFERENCES bookings(id),
  passenger_idx   INTEGER NOT NULL,
  price_minor     INTEGER NOT NULL DEFAULT 0,
  currency        TEXT NOT NULL DEFAULT 'EUR',
  held_until      TEXT, -- null once sold
  created_at      TEXT NOT NULL,
  UNIQUE (flight_id, seat)
) STRICT;
CREATE INDEX seat_assignments_by_checkout ON seat_assignments (checkout_id);

CREATE TABLE bookings (
  id              INTEGER PRIMARY KEY,
  reference       TEXT NOT NULL UNIQUE CHECK (length(reference) = 6),
  checkout_id     TEXT NOT NULL UNIQUE REFERENCES checkouts(id),
  session_id      TEXT NOT NULL,
  contact_email   TEXT NOT NULL,
  contact_phone   TEXT NOT NULL,
  total_minor     INTEGER NOT NULL,
  currency        TEXT NOT NULL,
  created_at      TEXT NOT NULL
) STRICT;

CREATE TABLE passengers (
  id              INTEGER PRIMARY KEY,
  booking_id      INTEGER NOT NULL REFERENCES bookings(id),
  idx             INTEGER NOT NULL,
  type            TEXT NOT NULL CHECK (type IN ('adult', 'child', 'infant')),
  given_name      TEXT NOT NULL,
  family_name     TEXT NOT NULL,
  date_of_birth   TEXT,
  ticket_number   TEXT NOT NULL UNIQUE CHECK (length(ticket_number) = 13),
  UNIQUE (booking_id, idx)
) STRICT;

-- Every priced line of a booking, as charged.
CREATE TABLE booking_items (
  id              INTEGER PRIMARY KEY,
  booking_id      INTEGER NOT NULL REFERENCES bookings(id),
  kind            TEXT NOT NULL CHECK (kind IN ('fare', 'tax', 'upsell', 'cross_sell')),
  category        TEXT NOT NULL,
  offer_code      TEXT,
  description     TEXT NOT NULL,
  passenger_idx   INTEGER,
  direction       TEXT,
  quantity        INTEGER NOT NULL DEFAULT 1,
  unit_minor      INTEGER NOT NULL,
  total_minor     INTEGER NOT NULL,
  currency        TEXT NOT NULL,
  created_at      TEXT NOT NULL
) STRICT;
CREATE INDEX booking_items_by_booking ON booking_items (booking_id);

CREATE TABLE payments (
  id              INTEGER PRIMARY KEY,
  checkout_id     TEXT NOT NULL REFERENCES checkouts(id),
  booking_id      INTEGER REFERENCES bookings(id),
  status          TEXT NOT NULL CHECK (status IN ('approved', 'declined', 'challenge', 'failed', 'timeout')),
  decline_reason  TEXT,
  card_brand      TEXT NOT NULL,
  card_last4      TEXT NOT NULL CHECK (length(card_last4) = 4),
  amount_minor    INTEGER NOT NULL,
  currency        TEXT NOT NULL,
  created_at      TEXT NOT NULL
) STRICT;
CREATE INDEX payments_by_checkout ON payments (checkout_id);

CREATE TABLE offer_events (
  id              INTEGER PRIMARY KEY,
  session_id      TEXT NOT NULL,
  checkout_id     TEXT,
  booking_id      INTEGER,
  offer_code      TEXT NOT NULL,
  kind            TEXT NOT NULL CHECK (kind IN ('upsell', 'cross_sell')),
  category        TEXT NOT NULL,
  placement       TEXT NOT NULL CHECK (placement IN ('results', 'seats', 'extras', 'review', 'confirmation', 'manage')),
  tactic          TEXT,
  variant         TEXT,
  item_key        TEXT,
  price_minor     INTEGER NOT NULL,
  currency        TEXT NOT NULL,
  event           TEXT NOT NULL CHECK (event IN ('shown', 'accepted', 'declined', 'removed')),
  created_at      TEXT NOT NULL
) STRICT;
CREATE INDEX offer_events_by_checkout ON offer_events (checkout_id, offer_code, event);
CREATE INDEX offer_events_by_offer ON offer_events (offer_code, event);
CREATE INDEX offer_events_by_session ON offer_events (session_id, offer_code);
