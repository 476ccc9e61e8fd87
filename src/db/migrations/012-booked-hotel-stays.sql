-- The hotel stay of a booking, as the confirmation and the calendar show it (issue 14): which hotel, the
-- check-in date, nights and rooms. The receipt line (booking_items) keeps the amount and its wording; this
-- row keeps the facts, written with it by whichever page sold the hotel (checkout, confirmation, Manage
-- booking). One stay per booking: a hotel added again after a cancellation replaces the row.
CREATE TABLE booking_hotel_stays (
  booking_id  INTEGER PRIMARY KEY REFERENCES bookings(id),
  hotel_id    INTEGER NOT NULL REFERENCES hotels(id),
  check_in    TEXT NOT NULL CHECK (check_in GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  nights      INTEGER NOT NULL CHECK (nights >= 1),
  rooms       INTEGER NOT NULL CHECK (rooms >= 1),
  created_at  TEXT NOT NULL
) STRICT;
