// The project's own scripts: which tests `npm run test:feature` picks, and the length rule of
// `npm run lint:deps` (the dependency rules themselves are dependency-cruiser's, run by the script).
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LONG_FILES_ALLOWED, longFiles, MAX_LINES } from '../../scripts/lint-deps.ts';
import { features, testFilesOf } from '../../scripts/test-feature.ts';

describe('npm run test:feature', () => {
  it("runs a feature's test folder and the API tests that call its paths, and no other feature's folder", () => {
    const files = testFilesOf('seats');
    const folder = readdirSync('test/seats').filter((f) => f.endsWith('.test.ts')).map((f) => `test/seats/${f}`);
    expect(files).toEqual(expect.arrayContaining(folder));
    expect(files).toContain('test/api/booking.test.ts'); // PUT /checkouts/:id/seats
    expect(files.filter((f) => !f.startsWith('test/seats/') && !f.startsWith('test/api/'))).toEqual([]);
  });

  it('knows every feature folder of src/features', () => {
    expect(features()).toEqual(expect.arrayContaining(['api', 'bookings', 'checkout', 'extras', 'passengers', 'payment', 'search', 'seats']));
  });
});

describe('npm run lint:deps: the length rule', () => {
  it(`reports a file under src/ over ${MAX_LINES} lines, and not one at the limit or an allowed data table`, () => {
    const root = mkdtempSync(join(tmpdir(), 'skylark-lint-'));
    try {
      const lines = (n: number) => 'x\n'.repeat(n);
      mkdirSync(join(root, 'src/features/catalogue'), { recursive: true });
      mkdirSync(join(root, 'src/features/api'), { recursive: true });
      writeFileSync(join(root, 'src/long.ts'), lines(MAX_LINES + 1));
      writeFileSync(join(root, 'src/at-limit.ts'), lines(MAX_LINES));
      for (const allowed of Object.keys(LONG_FILES_ALLOWED)) writeFileSync(join(root, allowed), lines(MAX_LINES * 2));
      expect(longFiles(root)).toEqual([{ file: 'src/long.ts', lines: MAX_LINES + 1 }]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
