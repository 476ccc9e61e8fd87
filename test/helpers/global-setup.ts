// Vitest globalSetup of the unit project: seeds the template database ONCE per run (about a second
// and a half of CPU) and writes its bytes to a temporary file whose path every test worker gets
// through `inject('templateDbPath')`. test/helpers/db.ts copies it into memory for each test.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildTemplate, TEST_NOW, TEST_SEED } from './template.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The seeded database of TEST_SEED at TEST_NOW, serialized to a file. */
    templateDbPath: string;
  }
}

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'skylark-test-'));
  const path = join(dir, `template-${TEST_SEED}.sqlite`);
  writeFileSync(path, buildTemplate(TEST_SEED, TEST_NOW));
  project.provide('templateDbPath', path);
  return () => rmSync(dir, { recursive: true, force: true });
}
