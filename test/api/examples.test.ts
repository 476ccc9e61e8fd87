// The examples of the API reference (src/features/api/examples.ts) are live answers: the same calls
// on the deterministic demo answer them again today, ids the server draws at random aside.
// When this fails because the API changed on purpose, run `npm run api:examples` and review the diff.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as EXAMPLES from '../../src/features/api/examples.ts';
import { EXAMPLE_DOCS, EXAMPLES_FILE, EXAMPLES_NOW, EXAMPLES_SEED, liveExamples, normaliseExamples, renderExamplesFile, type Examples } from '../../scripts/api-examples.ts';
import { createTestDb, TEST_NOW, TEST_SEED } from '../helpers/db.ts';

const inFile = EXAMPLES as unknown as Examples;

describe('the API examples', () => {
  it('are what the deterministic demo answers now, for every example (checkout and challenge ids, reference and tickets aside)', async () => {
    // The test template is the demo's catalogue: same seed, same clock.
    expect([TEST_SEED, TEST_NOW]).toEqual([EXAMPLES_SEED, EXAMPLES_NOW]);
    const live = normaliseExamples(await liveExamples(createTestDb()));
    const documented = normaliseExamples(inFile);
    expect(Object.keys(EXAMPLES).sort()).toEqual(Object.keys(EXAMPLE_DOCS).sort());
    for (const name of Object.keys(EXAMPLE_DOCS) as Array<keyof typeof EXAMPLE_DOCS>) {
      expect(documented[name], name).toEqual(live[name]);
    }
  });

  it('are written by the generator, not edited by hand (the file is exactly what it renders)', () => {
    expect(readFileSync(EXAMPLES_FILE, 'utf8')).toBe(renderExamplesFile(inFile));
  });
});
