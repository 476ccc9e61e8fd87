-- Secrets the server generates once and keeps, so a restart (or a second process on the same file)
-- signs with the same key: today the CSRF and booking-access secret when SESSION_SECRET is not set.
-- Not customer data: POST /api/v1/test/reset keeps this table.
CREATE TABLE app_secrets (
  name        TEXT PRIMARY KEY,
  value       TEXT NOT NULL,
  created_at  TEXT NOT NULL
) STRICT;
