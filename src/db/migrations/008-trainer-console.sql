-- Skylark Air schema, version 8: the trainer console (src/features/trainer).

-- An A/B test's share of new sessions put in arm B (the treatment), 0-100. Used only when mode = 'ab'.
ALTER TABLE tactics ADD COLUMN split INTEGER NOT NULL DEFAULT 50 CHECK (split BETWEEN 0 AND 100);

-- The trainer's password when TRAINER_PASSWORD is not set: generated at the first start and kept
-- only as its scrypt hash (salt and cost parameters inside password_hash). One row at most.
CREATE TABLE trainer_credentials (
  id              INTEGER PRIMARY KEY CHECK (id = 1),
  password_hash   TEXT NOT NULL,
  created_at      TEXT NOT NULL
) STRICT;

-- Signed-in trainers. The cookie holds a random token; only its SHA-256 is stored, so a copy of the
-- database cannot be replayed as a session. Sign-out deletes the row.
CREATE TABLE trainer_sessions (
  token_hash      TEXT PRIMARY KEY,
  created_at      TEXT NOT NULL,
  expires_at      TEXT NOT NULL
) STRICT;
