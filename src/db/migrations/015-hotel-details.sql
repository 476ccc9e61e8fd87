-- Hotel cards on the extras step (issue 14, item 4): a guest rating out of 10 (in tenths) and the
-- free-cancellation terms (free until this many days before check-in; NULL: not refundable) of each hotel.
-- Deterministic from the hotel's id and stars; a fresh catalogue seeds the same values
-- (src/features/catalogue/hotels.ts hotelDetails).
ALTER TABLE hotels ADD COLUMN rating_tenths INTEGER NOT NULL DEFAULT 80 CHECK (rating_tenths BETWEEN 10 AND 100);
ALTER TABLE hotels ADD COLUMN free_cancel_days INTEGER CHECK (free_cancel_days IS NULL OR free_cancel_days BETWEEN 0 AND 14);
UPDATE hotels SET
  rating_tenths = MIN(96, 62 + stars * 6 + (id * 7) % 9),
  free_cancel_days = CASE id % 4 WHEN 0 THEN NULL WHEN 1 THEN 1 WHEN 2 THEN 2 ELSE 3 END;
