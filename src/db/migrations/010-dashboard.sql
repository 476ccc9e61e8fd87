-- Skylark Air schema, version 10: the trainer dashboard (src/features/dashboard).

-- Traffic: 1 for what the shopper simulator made, 0 for real shoppers. The dashboard never mixes the two.
ALTER TABLE checkouts ADD COLUMN simulated INTEGER NOT NULL DEFAULT 0 CHECK (simulated IN (0, 1));
ALTER TABLE offer_events ADD COLUMN simulated INTEGER NOT NULL DEFAULT 0 CHECK (simulated IN (0, 1));
ALTER TABLE bookings ADD COLUMN simulated INTEGER NOT NULL DEFAULT 0 CHECK (simulated IN (0, 1));

-- The funnel: the first time a session reaches a step (search, results, checkout, passengers, seats,
-- extras, payment, booked). One row per session and step, so reloads do not count twice.
CREATE TABLE funnel_events (
  session_id  TEXT NOT NULL,
  step        TEXT NOT NULL CHECK (step IN ('search', 'results', 'checkout', 'passengers', 'seats', 'extras', 'payment', 'booked')),
  simulated   INTEGER NOT NULL DEFAULT 0 CHECK (simulated IN (0, 1)),
  created_at  TEXT NOT NULL,
  PRIMARY KEY (session_id, step)
) STRICT, WITHOUT ROWID;
CREATE INDEX funnel_events_by_traffic_time ON funnel_events (simulated, created_at, step);

-- The dashboard's filters and groupings: traffic and time range first, then what is grouped by.
CREATE INDEX offer_events_by_traffic_time ON offer_events (simulated, created_at);
CREATE INDEX offer_events_by_offer_placement ON offer_events (simulated, offer_code, placement, event, created_at, session_id);
CREATE INDEX offer_events_by_tactic ON offer_events (tactic, variant, session_id, simulated, event, created_at);
CREATE INDEX bookings_by_traffic_time ON bookings (simulated, created_at);
CREATE INDEX bookings_by_session ON bookings (session_id);
CREATE INDEX checkouts_by_traffic_time ON checkouts (simulated, created_at);

-- Live workshop mode: the sessions that came in through a workshop's QR code (/?workshop=<code>).
CREATE TABLE workshop_sessions (
  session_id  TEXT PRIMARY KEY,
  workshop    TEXT NOT NULL,
  created_at  TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX workshop_sessions_by_workshop ON workshop_sessions (workshop, session_id);
