// Opening and migrating the SQLite database. Nothing here runs on import:
// src/server.ts and the tests call openDatabase / migrate themselves.
import Database from 'better-sqlite3';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type Db = Database.Database;

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

export type Migration = { version: number; name: string; sql: string };

/** The numbered .sql files of src/db/migrations, in order: 001-name.sql is version 1. */
export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((file) => /^\d{3}-[\w-]+\.sql$/.test(file))
    .sort()
    .map((file, index) => {
      const version = Number(file.slice(0, 3));
      if (version !== index + 1) throw new Error(`Migration ${file} is out of sequence: expected number ${index + 1}`);
      return { version, name: file, sql: readFileSync(join(dir, file), 'utf8') };
    });
}

/** How long a statement waits for another connection's write lock before failing with SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5000;

/**
 * A connection whose transactions all begin with BEGIN IMMEDIATE: `db.transaction(fn)()` takes the
 * write lock first, waiting up to BUSY_TIMEOUT_MS for another process to finish. A deferred
 * transaction starts as a reader and fails at once with SQLITE_BUSY ("database is locked") when it
 * tries to write after another process wrote, whatever the busy timeout: two servers on one file
 * then answer 500s. Nested calls are savepoints, as before. `.deferred()` stays available for a
 * transaction that only reads.
 */
class ImmediateDatabase extends Database {
  override transaction<F extends (...params: any[]) => unknown>(fn: F): Database.Transaction<F> {
    // The immediate variant carries the same .deferred/.immediate/.exclusive properties as the default one.
    return super.transaction(fn).immediate as Database.Transaction<F>;
  }
}

/**
 * Opens a database file (or ':memory:', or the bytes of a serialized database) with WAL, foreign
 * keys, a busy timeout, and immediate transactions (see ImmediateDatabase).
 */
export function openDatabase(source: string | Buffer): Db {
  const file = typeof source === 'string' && source !== ':memory:' ? source : undefined;
  if (file) mkdirSync(dirname(file), { recursive: true });
  const db = new ImmediateDatabase(source, { timeout: BUSY_TIMEOUT_MS });
  if (file) db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma('synchronous = NORMAL');
  return db;
}

/**
 * Lets SQLite refresh the statistics its planner uses (cheap: it only analyses what changed).
 * Called when the server opens the database (with a limit, so a first start is not slowed) and
 * before it closes it, as https://sqlite.org/pragma.html#pragma_optimize recommends.
 */
export function optimize(db: Db, moment: 'open' | 'close'): void {
  db.pragma('analysis_limit = 400');
  if (moment === 'open') db.pragma('optimize = 0x10002');
  else db.pragma('optimize');
}

/**
 * Brings the schema up to date. Each migration runs in its own transaction and sets
 * user_version inside it, so a failed migration leaves the previous version intact.
 * A database written by newer code is refused rather than guessed at.
 */
export function migrate(db: Db, migrations = loadMigrations()): { from: number; to: number } {
  const from = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.at(-1)?.version ?? 0;
  if (from > latest) {
    throw new Error(
      `The database is at schema version ${from}, newer than this code knows (${latest}). ` +
        'Run a newer Skylark Air, or point DATABASE_PATH at another file.',
    );
  }
  for (const migration of migrations) {
    if (migration.version <= from) continue;
    db.transaction(() => {
      // Read again under the write lock: another process starting on the same file may have applied it.
      if ((db.pragma('user_version', { simple: true }) as number) >= migration.version) return;
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return { from, to: Math.max(from, latest) };
}
