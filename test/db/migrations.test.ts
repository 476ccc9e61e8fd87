import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMigrations, migrate, openDatabase } from '../../src/db/database.ts';

describe('database migrations', () => {
  it('bring a fresh database to the latest version and set user_version', () => {
    const db = openDatabase(':memory:');
    const latest = loadMigrations().at(-1)!.version;
    expect(migrate(db)).toEqual({ from: 0, to: latest });
    expect(db.pragma('user_version', { simple: true })).toBe(latest);
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all().map((r) => (r as { name: string }).name);
    for (const table of ['airports', 'flights', 'fares', 'seat_maps', 'offers', 'hotels', 'checkouts', 'bookings', 'booking_items', 'passengers', 'seat_assignments', 'payments', 'offer_events', 'tactics']) {
      expect(tables).toContain(table);
    }
  });

  it('do nothing when run again on an up-to-date database', () => {
    const db = openDatabase(':memory:');
    migrate(db);
    const latest = db.pragma('user_version', { simple: true });
    expect(migrate(db)).toEqual({ from: latest, to: latest });
  });

  it('refuse a database written by newer code, with a clear message', () => {
    const db = openDatabase(':memory:');
    migrate(db);
    db.pragma('user_version = 999');
    expect(() => migrate(db)).toThrow(/schema version 999, newer than this code knows/);
  });

  it('roll back a failing migration and leave the previous version intact', () => {
    const dir = mkdtempSync(join(tmpdir(), 'skylark-migrations-'));
    writeFileSync(join(dir, '001-good.sql'), 'CREATE TABLE a (id INTEGER PRIMARY KEY) STRICT;');
    writeFileSync(join(dir, '002-bad.sql'), 'CREATE TABLE b (id INTEGER PRIMARY KEY) STRICT; INSERT INTO nowhere VALUES (1);');
    const db = openDatabase(':memory:');
    expect(() => migrate(db, loadMigrations(dir))).toThrow(/nowhere/);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE name = 'b'").get()).toBeUndefined();
  });

  it('turn on foreign keys and WAL for a database file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'skylark-db-'));
    const db = openDatabase(join(dir, 'nested', 'skylark.sqlite'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });
});
