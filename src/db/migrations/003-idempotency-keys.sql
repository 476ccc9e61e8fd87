-- Skylark Air schema, version 3: idempotency keys of the JSON API (POST /api/v1/checkouts/:id/payment).
-- A key is reserved (status 'in_progress') in the same synchronous step that starts the request, before
-- any await, so two requests with one key cannot both pay; the answer is stored when it is known and
-- replayed for a retry with the same request. request_hash is a SHA-256 of the method, path and body:
-- the card number never reaches this table. The response body holds what the API answered (a booking,
-- a challenge or a problem document), which contains only the card's brand and last four digits.
CREATE TABLE idempotency_keys (
  idempotency_key   TEXT PRIMARY KEY,
  request_hash      TEXT NOT NULL,
  method            TEXT NOT NULL,
  path              TEXT NOT NULL,
  status            TEXT NOT NULL DEFAULT 'in_progress' CHECK (status IN ('in_progress', 'completed')),
  response_status   INTEGER,
  response_headers_json TEXT,
  response_body     TEXT,
  created_at        TEXT NOT NULL,
  completed_at      TEXT
) STRICT;
