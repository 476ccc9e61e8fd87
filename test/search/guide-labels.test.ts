// docs/testing.md and the search page agree on the labels a tester types into getByLabel: every label the
// guide's search-form table names is on the page, character for character (no curly apostrophe on one side).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestApp, text } from '../helpers/app.ts';

const GUIDE = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'testing.md'), 'utf8');

describe('the testers’ guide and the search page', () => {
  it("name the infants field exactly alike: Infants under 2, on an adult's lap", async () => {
    const row = GUIDE.split('\n').find((line) => line.includes('`search-infants`'))!;
    const label = row.split('|')[1]!.trim();
    expect(label).toBe("Infants under 2, on an adult's lap");
    const page = await createTestApp().agent.get('/');
    expect(text(page.text)).toContain(label);
  });
});
