-- A lapsed seat hold that another traveller then took. The hold's row must leave seat_assignments
-- (one row per seat), but its checkout still has to be told, on the review page and at payment,
-- that the seat it chose is gone. Cleared when that checkout comes back to the seats step.
CREATE TABLE seat_hold_releases (
  id              INTEGER PRIMARY KEY,
  checkout_id     TEXT NOT NULL REFERENCES checkouts(id) ON DELETE CASCADE,
  flight_id       INTEGER NOT NULL REFERENCES flights(id),
  seat            TEXT NOT NULL,
  passenger_idx   INTEGER NOT NULL,
  released_at     TEXT NOT NULL
) STRICT;
CREATE INDEX seat_hold_releases_by_checkout ON seat_hold_releases (checkout_id);
