// `npm run test:feature -- <feature> [more features] [vitest options]`: runs one feature's unit tests,
// API tests included. A feature's tests are
//   1. every test file under test/<feature>/ (the folder named like src/features/<feature>), and
//   2. every API test file (test/api/*.test.ts) that calls one of the feature's API paths below.
// So `npm run test:feature -- seats` runs test/seats/ plus the API tests that call /seats or
// /seat-maps. Options after the features (--reporter=dot, -t "name") go to vitest as they are.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(fileURLToPath(import.meta.url), '..', '..');

/** The API paths of each feature, as they appear in the API tests (`${API}/checkouts/${id}/seats`). */
export const API_PATHS: Record<string, readonly string[]> = {
  search: ['/flights'],
  checkout: ['/checkouts'],
  passengers: ['/passengers'],
  seats: ['/seats', '/seat-maps'],
  extras: ['/extras', '/offers'],
  offers: ['/offers'],
  payment: ['/payment'],
  bookings: ['/bookings'],
  api: [''],
};

export function features(root: string = ROOT): string[] {
  return readdirSync(join(root, 'src', 'features'), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

/** The test files of a feature, relative to the project root. */
export function testFilesOf(feature: string, root: string = ROOT): string[] {
  const files: string[] = [];
  const folder = join(root, 'test', feature);
  if (existsSync(folder)) {
    for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
      if (entry.isFile() && entry.name.endsWith('.test.ts')) files.push(join(entry.parentPath, entry.name).slice(root.length + 1));
    }
  }
  const paths = API_PATHS[feature] ?? [];
  if (paths.length > 0 && feature !== 'api') {
    for (const name of readdirSync(join(root, 'test', 'api'))) {
      if (!name.endsWith('.test.ts')) continue;
      const text = readFileSync(join(root, 'test', 'api', name), 'utf8');
      if (paths.some((p) => text.includes(p))) files.push(`test/api/${name}`);
    }
  }
  return [...new Set(files)].sort();
}

function main(args: string[]): number {
  const known = features();
  const chosen = args.filter((a) => !a.startsWith('-') && known.includes(a));
  const rest = args.filter((a) => !chosen.includes(a));
  if (chosen.length === 0) {
    console.error(`Usage: npm run test:feature -- <feature> [vitest options]\nFeatures: ${known.join(', ')}`);
    return 2;
  }
  const files = [...new Set(chosen.flatMap((f) => testFilesOf(f)))];
  if (files.length === 0) {
    console.error(`No tests found for ${chosen.join(', ')}`);
    return 1;
  }
  console.log(`Testing ${chosen.join(', ')}: ${files.join(' ')}`);
  const run = spawnSync(join(ROOT, 'node_modules', '.bin', 'vitest'), ['run', '--project', 'unit', ...files, ...rest], { cwd: ROOT, stdio: 'inherit' });
  return run.status ?? 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exitCode = main(process.argv.slice(2));
