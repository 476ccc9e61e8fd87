-- Skylark Air schema, version 13: the dashboard's rollups (read by src/features/dashboard/figures.repository.ts, tactics/take-data.ts, trainer/trainer.repository.ts).
-- At a million offer events a GROUP BY over offer_events takes seconds; these tables hold the same
-- counts, kept by triggers in the transaction that writes the events, so every path (pages, API,
-- simulator, manage, tests that insert by hand) keeps them right without calling anything.
--
-- The dashboard's filters are of two kinds. Traffic and time range belong to a row (its `simulated`
-- and its UTC day). Route, fare family, tactic and variant, workshop and "dark patterns out" belong
-- to the session: a session is in when one of its checkouts flew the route, when it met the tactic's
-- variant, and so on. Sessions with the same workshop, tactic arms and checkouts' fare families form a
-- *cohort*; the counts are kept per cohort, so those filters pick cohorts (tens of rows), never
-- sessions or events. When a session gains one (meets a new tactic, gets a checkout, comes in through
-- a workshop) its counts move from its old cohort to its new one: sessions gain them early, while
-- they have few events. A route is not part of a cohort: with 84 routes and a day per row, cohorts
-- would be as many as sessions and the counts as many as events. A route is selective instead (one
-- route, about one session in 80): the dashboard reads that route's sessions' own rows through
-- checkout_flights_by_flight and the session indexes.
--
-- The counts equal the raw definitions of figures.ts for as long as rows of offer_events,
-- funnel_events, checkouts, checkout_flights and workshop_sessions are only inserted or have the
-- columns named below updated; the only deletes are the resets, which empty every one of these
-- tables together (they are not catalogue tables). test/dashboard/rollups.test.ts compares both.

-- The bookings' figures read bookings and their lines from these alone (covering: no table lookups).
CREATE INDEX bookings_for_dashboard ON bookings (simulated, created_at, session_id, total_minor, currency);
CREATE INDEX booking_items_for_dashboard ON booking_items (booking_id, kind, category, total_minor);

-- A route's sessions, for the dashboard's route filter: flight → checkout → session.
CREATE INDEX checkout_flights_by_flight ON checkout_flights (flight_id, direction, family, checkout_id);

-- A session's tactic arms: each (tactic, variant) an event of the session recorded ('' for no variant).
CREATE TABLE session_tactics (
  session_id  TEXT NOT NULL,
  tactic      TEXT NOT NULL,
  variant     TEXT NOT NULL,
  PRIMARY KEY (session_id, tactic, variant)
) STRICT, WITHOUT ROWID;

-- Cohorts: `key` spells the attributes (workshop | tactic:variant,… | family,…).
CREATE TABLE cohorts (
  id        INTEGER PRIMARY KEY,
  key       TEXT NOT NULL UNIQUE,
  workshop  TEXT
) STRICT;
CREATE TABLE cohort_tactics (
  cohort_id  INTEGER NOT NULL REFERENCES cohorts (id),
  tactic     TEXT NOT NULL,
  variant    TEXT NOT NULL,
  PRIMARY KEY (cohort_id, tactic, variant)
) STRICT, WITHOUT ROWID;
CREATE TABLE cohort_families (
  cohort_id  INTEGER NOT NULL REFERENCES cohorts (id),
  family     TEXT NOT NULL,
  PRIMARY KEY (cohort_id, family)
) STRICT, WITHOUT ROWID;
CREATE TABLE session_cohorts (
  session_id  TEXT PRIMARY KEY,
  cohort_id   INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX session_cohorts_by_cohort ON session_cohorts (cohort_id, session_id);

-- Offer events per cohort, traffic, UTC day, offer, placement, the event's own tactic and variant
-- ('' for none) and demonstration flag. accepted_minor: the prices of the accepted events.
CREATE TABLE offer_event_counts (
  simulated       INTEGER NOT NULL,
  day             TEXT NOT NULL,
  cohort_id       INTEGER NOT NULL,
  offer_code      TEXT NOT NULL,
  placement       TEXT NOT NULL,
  tactic          TEXT NOT NULL,
  variant         TEXT NOT NULL,
  demonstration   INTEGER NOT NULL,
  events          INTEGER NOT NULL,
  shown           INTEGER NOT NULL,
  accepted        INTEGER NOT NULL,
  accepted_minor  INTEGER NOT NULL,
  PRIMARY KEY (simulated, day, cohort_id, offer_code, placement, tactic, variant, demonstration)
) STRICT, WITHOUT ROWID;
CREATE INDEX offer_event_counts_by_tactic ON offer_event_counts (tactic, variant, simulated, day, cohort_id, shown, accepted);

-- All traffic, all time: the playbook's figures, the tactic lens and take data read these few rows.
CREATE TABLE offer_takes (
  offer_code     TEXT NOT NULL,
  placement      TEXT NOT NULL,
  tactic         TEXT NOT NULL,
  variant        TEXT NOT NULL,
  demonstration  INTEGER NOT NULL,
  events         INTEGER NOT NULL,
  shown          INTEGER NOT NULL,
  accepted       INTEGER NOT NULL,
  PRIMARY KEY (offer_code, placement, tactic, variant, demonstration)
) STRICT, WITHOUT ROWID;

-- The sessions of each tactic arm (experiments count distinct sessions): per traffic and UTC day.
CREATE TABLE arm_session_days (
  tactic      TEXT NOT NULL,
  variant     TEXT NOT NULL,
  simulated   INTEGER NOT NULL,
  day         TEXT NOT NULL,
  session_id  TEXT NOT NULL,
  events      INTEGER NOT NULL,
  PRIMARY KEY (tactic, variant, simulated, day, session_id)
) STRICT, WITHOUT ROWID;

-- The funnel's sessions per cohort, traffic, UTC day and step (funnel_events has one row per session and step).
CREATE TABLE funnel_counts (
  simulated  INTEGER NOT NULL,
  day        TEXT NOT NULL,
  cohort_id  INTEGER NOT NULL,
  step       TEXT NOT NULL,
  sessions   INTEGER NOT NULL,
  PRIMARY KEY (simulated, day, cohort_id, step)
) STRICT, WITHOUT ROWID;

-- The recommendation's take data: events of booked checkouts, per destination of the outbound flight
-- and offer, dark-pattern demonstrations left out (tactics/take-data.ts readTakeDataTo).
CREATE TABLE booked_offer_takes (
  destination  TEXT NOT NULL,
  offer_code   TEXT NOT NULL,
  events       INTEGER NOT NULL,
  shown        INTEGER NOT NULL,
  accepted     INTEGER NOT NULL,
  PRIMARY KEY (destination, offer_code)
) STRICT, WITHOUT ROWID;

-- Work queue of the triggers, always empty outside a statement: a row asks for its session's cohort
-- to be worked out again (its key first, then the move).
CREATE TABLE cohort_refresh (
  session_id  TEXT PRIMARY KEY,
  key         TEXT
) STRICT, WITHOUT ROWID;

CREATE TRIGGER cohort_refresh_key AFTER INSERT ON cohort_refresh BEGIN
  UPDATE cohort_refresh SET key =
       coalesce((SELECT workshop FROM workshop_sessions WHERE session_id = NEW.session_id), '')
    || '|' || coalesce((SELECT group_concat(arm, ',') FROM (SELECT tactic || ':' || variant AS arm
                        FROM session_tactics WHERE session_id = NEW.session_id ORDER BY 1)), '')
    || '|' || coalesce((SELECT group_concat(family, ',') FROM (SELECT DISTINCT cf.family
                        FROM checkouts c JOIN checkout_flights cf ON cf.checkout_id = c.id AND cf.direction = 'outbound'
                        WHERE c.session_id = NEW.session_id ORDER BY 1)), '')
  WHERE session_id = NEW.session_id;
END;

CREATE TRIGGER cohort_refresh_move AFTER UPDATE OF key ON cohort_refresh BEGIN
  INSERT INTO cohorts (key, workshop) VALUES (NEW.key, (SELECT workshop FROM workshop_sessions WHERE session_id = NEW.session_id))
    ON CONFLICT (key) DO NOTHING;
  INSERT INTO cohort_tactics (cohort_id, tactic, variant)
    SELECT c.id, st.tactic, st.variant FROM cohorts c JOIN session_tactics st ON st.session_id = NEW.session_id WHERE c.key = NEW.key
    ON CONFLICT DO NOTHING;
  INSERT INTO cohort_families (cohort_id, family)
    SELECT DISTINCT k.id, cf.family
    FROM cohorts k, checkouts c JOIN checkout_flights cf ON cf.checkout_id = c.id AND cf.direction = 'outbound'
    WHERE k.key = NEW.key AND c.session_id = NEW.session_id
    ON CONFLICT DO NOTHING;

  -- Out of the old cohort, when there is one and it changes: the session's counts added negated
  -- (each key is there, since the session's rows were counted in it).
  INSERT INTO offer_event_counts (simulated, day, cohort_id, offer_code, placement, tactic, variant, demonstration, events, shown, accepted, accepted_minor)
    SELECT simulated, substr(created_at, 1, 10), (SELECT cohort_id FROM session_cohorts WHERE session_id = NEW.session_id), offer_code, placement,
           coalesce(tactic, ''), coalesce(variant, ''), demonstration, -COUNT(*), -SUM(event = 'shown'), -SUM(event = 'accepted'),
           -SUM(CASE WHEN event = 'accepted' THEN price_minor ELSE 0 END)
    FROM offer_events
    WHERE session_id = NEW.session_id
      AND (SELECT cohort_id FROM session_cohorts WHERE session_id = NEW.session_id) <> (SELECT id FROM cohorts WHERE key = NEW.key)
    GROUP BY 1, 2, 4, 5, 6, 7, 8
    ON CONFLICT DO UPDATE SET events = events + excluded.events, shown = shown + excluded.shown,
      accepted = accepted + excluded.accepted, accepted_minor = accepted_minor + excluded.accepted_minor;
  -- (The days bound the search to the session's rows: cohort_id is third in the key.)
  DELETE FROM offer_event_counts
  WHERE events = 0 AND simulated IN (0, 1)
    AND day IN (SELECT substr(created_at, 1, 10) FROM offer_events WHERE session_id = NEW.session_id)
    AND cohort_id = (SELECT cohort_id FROM session_cohorts WHERE session_id = NEW.session_id);
  INSERT INTO funnel_counts (simulated, day, cohort_id, step, sessions)
    SELECT simulated, substr(created_at, 1, 10), (SELECT cohort_id FROM session_cohorts WHERE session_id = NEW.session_id), step, -COUNT(*)
    FROM funnel_events
    WHERE session_id = NEW.session_id
      AND (SELECT cohort_id FROM session_cohorts WHERE session_id = NEW.session_id) <> (SELECT id FROM cohorts WHERE key = NEW.key)
    GROUP BY 1, 2, 4
    ON CONFLICT DO UPDATE SET sessions = sessions + excluded.sessions;
  DELETE FROM funnel_counts
  WHERE sessions = 0 AND simulated IN (0, 1)
    AND day IN (SELECT substr(created_at, 1, 10) FROM funnel_events WHERE session_id = NEW.session_id)
    AND cohort_id = (SELECT cohort_id FROM session_cohorts WHERE session_id = NEW.session_id);

  -- Into the new one (everything, for a session without a cohort yet).
  INSERT INTO offer_event_counts (simulated, day, cohort_id, offer_code, placement, tactic, variant, demonstration, events, shown, accepted, accepted_minor)
    SELECT simulated, substr(created_at, 1, 10), (SELECT id FROM cohorts WHERE key = NEW.key), offer_code, placement,
           coalesce(tactic, ''), coalesce(variant, ''), demonstration, COUNT(*), SUM(event = 'shown'), SUM(event = 'accepted'),
           SUM(CASE WHEN event = 'accepted' THEN price_minor ELSE 0 END)
    FROM offer_events
    WHERE session_id = NEW.session_id
      AND (SELECT id FROM cohorts WHERE key = NEW.key) IS NOT (SELECT cohort_id FROM session_cohorts WHERE session_id = NEW.session_id)
    GROUP BY 1, 2, 4, 5, 6, 7, 8
    ON CONFLICT DO UPDATE SET events = events + excluded.events, shown = shown + excluded.shown,
      accepted = accepted + excluded.accepted, accepted_minor = accepted_minor + excluded.accepted_minor;
  INSERT INTO funnel_counts (simulated, day, cohort_id, step, sessions)
    SELECT simulated, substr(created_at, 1, 10), (SELECT id FROM cohorts WHERE key = NEW.key), step, COUNT(*)
    FROM funnel_events
    WHERE session_id = NEW.session_id
      AND (SELECT id FROM cohorts WHERE key = NEW.key) IS NOT (SELECT cohort_id FROM session_cohorts WHERE session_id = NEW.session_id)
    GROUP BY 1, 2, 4
    ON CONFLICT DO UPDATE SET sessions = sessions + excluded.sessions;

  INSERT INTO session_cohorts (session_id, cohort_id) VALUES (NEW.session_id, (SELECT id FROM cohorts WHERE key = NEW.key))
    ON CONFLICT (session_id) DO UPDATE SET cohort_id = excluded.cohort_id;
  DELETE FROM cohort_refresh WHERE session_id = NEW.session_id;
END;

-- Existing data: every session's tactics, the all-traffic takes and the arms' sessions, then each
-- session's cohort (a session without one gets all its counts added to its new cohort).
INSERT INTO session_tactics (session_id, tactic, variant)
  SELECT DISTINCT session_id, tactic, coalesce(variant, '') FROM offer_events WHERE tactic IS NOT NULL;
INSERT INTO offer_takes (offer_code, placement, tactic, variant, demonstration, events, shown, accepted)
  SELECT offer_code, placement, coalesce(tactic, ''), coalesce(variant, ''), demonstration, COUNT(*), SUM(event = 'shown'), SUM(event = 'accepted')
  FROM offer_events GROUP BY 1, 2, 3, 4, 5;
INSERT INTO arm_session_days (tactic, variant, simulated, day, session_id, events)
  SELECT tactic, coalesce(variant, ''), simulated, substr(created_at, 1, 10), session_id, COUNT(*)
  FROM offer_events WHERE tactic IS NOT NULL GROUP BY 1, 2, 3, 4, 5;
INSERT INTO booked_offer_takes (destination, offer_code, events, shown, accepted)
  SELECT f.destination, e.offer_code, COUNT(*), SUM(e.event = 'shown'), SUM(e.event = 'accepted')
  FROM offer_events e
  JOIN checkouts c ON c.id = e.checkout_id AND c.status = 'booked'
  JOIN checkout_flights cf ON cf.checkout_id = c.id AND cf.direction = 'outbound'
  JOIN flights f ON f.id = cf.flight_id
  WHERE e.demonstration = 0
  GROUP BY 1, 2;
INSERT INTO cohort_refresh (session_id)
  SELECT session_id FROM offer_events UNION SELECT session_id FROM funnel_events
  UNION SELECT session_id FROM checkouts UNION SELECT session_id FROM workshop_sessions;

-- From now on, kept by the writes themselves.
CREATE TRIGGER session_tactics_cohort AFTER INSERT ON session_tactics BEGIN
  INSERT INTO cohort_refresh (session_id) VALUES (NEW.session_id);
END;
CREATE TRIGGER checkout_flights_cohort AFTER INSERT ON checkout_flights WHEN NEW.direction = 'outbound' BEGIN
  INSERT INTO cohort_refresh (session_id) SELECT session_id FROM checkouts WHERE id = NEW.checkout_id;
END;
CREATE TRIGGER workshop_sessions_cohort AFTER INSERT ON workshop_sessions BEGIN
  INSERT INTO cohort_refresh (session_id) VALUES (NEW.session_id);
END;

CREATE TRIGGER funnel_events_count AFTER INSERT ON funnel_events BEGIN
  INSERT INTO funnel_counts (simulated, day, cohort_id, step, sessions)
    SELECT NEW.simulated, substr(NEW.created_at, 1, 10), cohort_id, NEW.step, 1 FROM session_cohorts WHERE session_id = NEW.session_id
    ON CONFLICT DO UPDATE SET sessions = sessions + 1;
  INSERT INTO cohort_refresh (session_id)
    SELECT NEW.session_id WHERE NOT EXISTS (SELECT 1 FROM session_cohorts WHERE session_id = NEW.session_id);
END;

-- An event: counted in its session's cohort (a session's first row gets its cohort last, which counts it).
CREATE TRIGGER offer_events_count AFTER INSERT ON offer_events BEGIN
  INSERT INTO offer_event_counts (simulated, day, cohort_id, offer_code, placement, tactic, variant, demonstration, events, shown, accepted, accepted_minor)
    SELECT NEW.simulated, substr(NEW.created_at, 1, 10), cohort_id, NEW.offer_code, NEW.placement, coalesce(NEW.tactic, ''),
           coalesce(NEW.variant, ''), NEW.demonstration, 1, NEW.event = 'shown', NEW.event = 'accepted',
           CASE WHEN NEW.event = 'accepted' THEN NEW.price_minor ELSE 0 END
    FROM session_cohorts WHERE session_id = NEW.session_id
    ON CONFLICT DO UPDATE SET events = events + 1, shown = shown + excluded.shown, accepted = accepted + excluded.accepted,
      accepted_minor = accepted_minor + excluded.accepted_minor;
  INSERT INTO offer_takes (offer_code, placement, tactic, variant, demonstration, events, shown, accepted)
    VALUES (NEW.offer_code, NEW.placement, coalesce(NEW.tactic, ''), coalesce(NEW.variant, ''), NEW.demonstration, 1,
            NEW.event = 'shown', NEW.event = 'accepted')
    ON CONFLICT DO UPDATE SET events = events + 1, shown = shown + excluded.shown, accepted = accepted + excluded.accepted;
  INSERT INTO arm_session_days (tactic, variant, simulated, day, session_id, events)
    SELECT NEW.tactic, coalesce(NEW.variant, ''), NEW.simulated, substr(NEW.created_at, 1, 10), NEW.session_id, 1 WHERE NEW.tactic IS NOT NULL
    ON CONFLICT DO UPDATE SET events = events + 1;
  INSERT INTO session_tactics (session_id, tactic, variant)
    SELECT NEW.session_id, NEW.tactic, coalesce(NEW.variant, '') WHERE NEW.tactic IS NOT NULL
    ON CONFLICT DO NOTHING;
  INSERT INTO cohort_refresh (session_id)
    SELECT NEW.session_id WHERE NOT EXISTS (SELECT 1 FROM session_cohorts WHERE session_id = NEW.session_id);
END;

-- An event whose counted columns change (the simulator marks a shopper's events simulated): out of the
-- old counts, into the new ones. A session's events never change session.
CREATE TRIGGER offer_events_recount
AFTER UPDATE OF simulated, created_at, offer_code, placement, tactic, variant, demonstration, event, price_minor ON offer_events
WHEN OLD.simulated IS NOT NEW.simulated OR OLD.created_at IS NOT NEW.created_at OR OLD.offer_code IS NOT NEW.offer_code
  OR OLD.placement IS NOT NEW.placement OR OLD.tactic IS NOT NEW.tactic OR OLD.variant IS NOT NEW.variant
  OR OLD.demonstration IS NOT NEW.demonstration OR OLD.event IS NOT NEW.event OR OLD.price_minor IS NOT NEW.price_minor
BEGIN
  UPDATE offer_event_counts
  SET events = events - 1, shown = shown - (OLD.event = 'shown'), accepted = accepted - (OLD.event = 'accepted'),
      accepted_minor = accepted_minor - CASE WHEN OLD.event = 'accepted' THEN OLD.price_minor ELSE 0 END
  WHERE simulated = OLD.simulated AND day = substr(OLD.created_at, 1, 10)
    AND cohort_id = (SELECT cohort_id FROM session_cohorts WHERE session_id = OLD.session_id)
    AND offer_code = OLD.offer_code AND placement = OLD.placement AND tactic = coalesce(OLD.tactic, '')
    AND variant = coalesce(OLD.variant, '') AND demonstration = OLD.demonstration;
  DELETE FROM offer_event_counts
  WHERE events = 0 AND simulated = OLD.simulated AND day = substr(OLD.created_at, 1, 10)
    AND cohort_id = (SELECT cohort_id FROM session_cohorts WHERE session_id = OLD.session_id)
    AND offer_code = OLD.offer_code AND placement = OLD.placement AND tactic = coalesce(OLD.tactic, '')
    AND variant = coalesce(OLD.variant, '') AND demonstration = OLD.demonstration;
  INSERT INTO offer_event_counts (simulated, day, cohort_id, offer_code, placement, tactic, variant, demonstration, events, shown, accepted, accepted_minor)
    SELECT NEW.simulated, substr(NEW.created_at, 1, 10), cohort_id, NEW.offer_code, NEW.placement, coalesce(NEW.tactic, ''),
           coalesce(NEW.variant, ''), NEW.demonstration, 1, NEW.event = 'shown', NEW.event = 'accepted',
           CASE WHEN NEW.event = 'accepted' THEN NEW.price_minor ELSE 0 END
    FROM session_cohorts WHERE session_id = NEW.session_id
    ON CONFLICT DO UPDATE SET events = events + 1, shown = shown + excluded.shown, accepted = accepted + excluded.accepted,
      accepted_minor = accepted_minor + excluded.accepted_minor;

  UPDATE offer_takes SET events = events - 1, shown = shown - (OLD.event = 'shown'), accepted = accepted - (OLD.event = 'accepted')
  WHERE offer_code = OLD.offer_code AND placement = OLD.placement AND tactic = coalesce(OLD.tactic, '')
    AND variant = coalesce(OLD.variant, '') AND demonstration = OLD.demonstration;
  DELETE FROM offer_takes
  WHERE events = 0 AND offer_code = OLD.offer_code AND placement = OLD.placement AND tactic = coalesce(OLD.tactic, '')
    AND variant = coalesce(OLD.variant, '') AND demonstration = OLD.demonstration;
  INSERT INTO offer_takes (offer_code, placement, tactic, variant, demonstration, events, shown, accepted)
    VALUES (NEW.offer_code, NEW.placement, coalesce(NEW.tactic, ''), coalesce(NEW.variant, ''), NEW.demonstration, 1,
            NEW.event = 'shown', NEW.event = 'accepted')
    ON CONFLICT DO UPDATE SET events = events + 1, shown = shown + excluded.shown, accepted = accepted + excluded.accepted;

  UPDATE arm_session_days SET events = events - 1
  WHERE OLD.tactic IS NOT NULL AND tactic = OLD.tactic AND variant = coalesce(OLD.variant, '') AND simulated = OLD.simulated
    AND day = substr(OLD.created_at, 1, 10) AND session_id = OLD.session_id;
  DELETE FROM arm_session_days
  WHERE events = 0 AND OLD.tactic IS NOT NULL AND tactic = OLD.tactic AND variant = coalesce(OLD.variant, '')
    AND simulated = OLD.simulated AND day = substr(OLD.created_at, 1, 10) AND session_id = OLD.session_id;
  INSERT INTO arm_session_days (tactic, variant, simulated, day, session_id, events)
    SELECT NEW.tactic, coalesce(NEW.variant, ''), NEW.simulated, substr(NEW.created_at, 1, 10), NEW.session_id, 1 WHERE NEW.tactic IS NOT NULL
    ON CONFLICT DO UPDATE SET events = events + 1;
  INSERT INTO session_tactics (session_id, tactic, variant)
    SELECT NEW.session_id, NEW.tactic, coalesce(NEW.variant, '') WHERE NEW.tactic IS NOT NULL
    ON CONFLICT DO NOTHING;
END;

-- The booked checkouts' takes: a checkout's events count from its booking on; an event recorded or
-- moved onto a booked checkout counts at once.
CREATE TRIGGER checkouts_booked_takes AFTER UPDATE OF status ON checkouts WHEN OLD.status IS NOT NEW.status BEGIN
  INSERT INTO booked_offer_takes (destination, offer_code, events, shown, accepted)
    SELECT f.destination, e.offer_code, -COUNT(*), -SUM(e.event = 'shown'), -SUM(e.event = 'accepted')
    FROM offer_events e
    JOIN checkout_flights cf ON cf.checkout_id = e.checkout_id AND cf.direction = 'outbound'
    JOIN flights f ON f.id = cf.flight_id
    WHERE e.checkout_id = OLD.id AND e.demonstration = 0 AND OLD.status = 'booked'
    GROUP BY 1, 2
    ON CONFLICT DO UPDATE SET events = events + excluded.events, shown = shown + excluded.shown, accepted = accepted + excluded.accepted;
  DELETE FROM booked_offer_takes
  WHERE events = 0 AND destination IN (SELECT f.destination FROM checkout_flights cf JOIN flights f ON f.id = cf.flight_id
                                       WHERE cf.checkout_id = OLD.id AND cf.direction = 'outbound');
  INSERT INTO booked_offer_takes (destination, offer_code, events, shown, accepted)
    SELECT f.destination, e.offer_code, COUNT(*), SUM(e.event = 'shown'), SUM(e.event = 'accepted')
    FROM offer_events e
    JOIN checkout_flights cf ON cf.checkout_id = e.checkout_id AND cf.direction = 'outbound'
    JOIN flights f ON f.id = cf.flight_id
    WHERE e.checkout_id = NEW.id AND e.demonstration = 0 AND NEW.status = 'booked'
    GROUP BY 1, 2
    ON CONFLICT DO UPDATE SET events = events + excluded.events, shown = shown + excluded.shown, accepted = accepted + excluded.accepted;
END;

CREATE TRIGGER offer_events_booked_takes AFTER INSERT ON offer_events
WHEN NEW.demonstration = 0 AND NEW.checkout_id IS NOT NULL BEGIN
  INSERT INTO booked_offer_takes (destination, offer_code, events, shown, accepted)
    SELECT f.destination, NEW.offer_code, 1, NEW.event = 'shown', NEW.event = 'accepted'
    FROM checkouts c
    JOIN checkout_flights cf ON cf.checkout_id = c.id AND cf.direction = 'outbound'
    JOIN flights f ON f.id = cf.flight_id
    WHERE c.id = NEW.checkout_id AND c.status = 'booked'
    ON CONFLICT DO UPDATE SET events = events + 1, shown = shown + excluded.shown, accepted = accepted + excluded.accepted;
END;

CREATE TRIGGER offer_events_booked_retakes AFTER UPDATE OF checkout_id, offer_code, event, demonstration ON offer_events
WHEN OLD.checkout_id IS NOT NEW.checkout_id OR OLD.offer_code IS NOT NEW.offer_code OR OLD.event IS NOT NEW.event
  OR OLD.demonstration IS NOT NEW.demonstration
BEGIN
  INSERT INTO booked_offer_takes (destination, offer_code, events, shown, accepted)
    SELECT f.destination, OLD.offer_code, -1, -(OLD.event = 'shown'), -(OLD.event = 'accepted')
    FROM checkouts c
    JOIN checkout_flights cf ON cf.checkout_id = c.id AND cf.direction = 'outbound'
    JOIN flights f ON f.id = cf.flight_id
    WHERE c.id = OLD.checkout_id AND c.status = 'booked' AND OLD.demonstration = 0
    ON CONFLICT DO UPDATE SET events = events + excluded.events, shown = shown + excluded.shown, accepted = accepted + excluded.accepted;
  DELETE FROM booked_offer_takes
  WHERE events = 0 AND offer_code = OLD.offer_code
    AND destination IN (SELECT f.destination FROM checkout_flights cf JOIN flights f ON f.id = cf.flight_id
                        WHERE cf.checkout_id = OLD.checkout_id AND cf.direction = 'outbound');
  INSERT INTO booked_offer_takes (destination, offer_code, events, shown, accepted)
    SELECT f.destination, NEW.offer_code, 1, NEW.event = 'shown', NEW.event = 'accepted'
    FROM checkouts c
    JOIN checkout_flights cf ON cf.checkout_id = c.id AND cf.direction = 'outbound'
    JOIN flights f ON f.id = cf.flight_id
    WHERE c.id = NEW.checkout_id AND c.status = 'booked' AND NEW.demonstration = 0
    ON CONFLICT DO UPDATE SET events = events + 1, shown = shown + excluded.shown, accepted = accepted + excluded.accepted;
END;
