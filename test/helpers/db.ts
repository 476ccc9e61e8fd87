// A fresh, migrated, seeded database for one test: an in-memory copy of a template's bytes, so
// tests never share rows and a copy takes milliseconds. The template of TEST_SEED at TEST_NOW is
// seeded once per run by the globalSetup (test/helpers/global-setup.ts) and read from its file once
// per worker; any other (seed, now) is seeded here the first time a worker asks for it.
import { readFileSync } from 'node:fs';
import { inject, onTestFinished } from 'vitest';
import { openDatabase, type Db } from '../../src/db/database.ts';
import { buildTemplate, TEST_NOW, TEST_SEED } from './template.ts';

export { TEST_NOW, TEST_SEED };

const templates = new Map<string, Buffer>();

function template(seed: number, now: string): Buffer {
  const key = `${seed}|${now}`;
  let bytes = templates.get(key);
  if (!bytes) {
    const seeded = seed === TEST_SEED && now === TEST_NOW ? inject('templateDbPath') : undefined;
    bytes = seeded ? readFileSync(seeded) : buildTemplate(seed, now);
    templates.set(key, bytes);
  }
  return bytes;
}

export function createTestDb(options: { seed?: number; now?: string } = {}): Db {
  // Opened like the server's: foreign keys, busy timeout, immediate transactions.
  const db = openDatabase(template(options.seed ?? TEST_SEED, options.now ?? TEST_NOW));
  // Test files share a worker (isolate: false), so a test's 18 MB copy is closed when the test ends
  // rather than whenever the garbage collector gets to it. One made outside a test lives with its file.
  try {
    onTestFinished(() => {
      db.close();
    });
  } catch {
    // not inside a test
  }
  return db;
}
