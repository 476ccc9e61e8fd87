// npm run bench:profile -- seats: where one target's server CPU goes. Starts the production build
// (NODE_ENV=production, dist/server.js) under `node --cpu-prof` against the bench's database (200,000
// offer events), loads the target with autocannon at 10 connections after a warm-up, stops the server
// and prints the functions with the most self time, and the same time summed per file (node_modules
// per package). The .cpuprofile is kept (its path is printed): open it in Chrome DevTools or
// speedscope for the call tree.
//
//   npm run bench:profile -- seats            targets: search, results-new, results-returning, seats,
//   PROFILE_SECONDS=10 npm run bench:profile -- extras         extras, review, api-search
//   PROFILE_DB=/tmp/bench.sqlite ...          keeps (and reuses) the prepared database file
import autocannon from 'autocannon';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BROWSER_HEADERS,
  DEMO_NOW,
  DEMO_SEED,
  familyCheckout,
  prepareDatabase,
  RESULTS_QUERY,
  SESSION_COOKIE,
  startServer,
  stopServer,
} from './run.ts';

const ROOT = join(import.meta.dirname, '..');
const SECONDS = Number(process.env.PROFILE_SECONDS ?? 5);
const TOP = Number(process.env.PROFILE_TOP ?? 30);

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] };

function summarise(profile: Profile): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i += 1) {
    const id = profile.samples[i]!;
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const idle = [...self].filter(([id]) => byId.get(id)!.callFrame.functionName === '(idle)').reduce((a, [, ms]) => a + ms, 0);
  const busy = total - idle;
  const where = (url: string) => {
    const path = url.replace(/^file:\/\//, '');
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1];
    if (pkg) return pkg;
    if (path.startsWith(ROOT)) return path.slice(ROOT.length + 1);
    return path || '(native)';
  };
  const fns = new Map<string, number>();
  const files = new Map<string, number>();
  for (const [id, ms] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    if (functionName === '(idle)') continue;
    const key = `${functionName || '(anonymous)'}  ${where(url)}${url ? `:${lineNumber + 1}` : ''}`;
    fns.set(key, (fns.get(key) ?? 0) + ms);
    files.set(where(url), (files.get(where(url)) ?? 0) + ms);
  }
  const print = (title: string, m: Map<string, number>) => {
    console.log(`\n${title}`);
    for (const [k, ms] of [...m].sort((a, b) => b[1] - a[1]).slice(0, TOP)) console.log(`${((ms / busy) * 100).toFixed(1).padStart(5)}%  ${ms.toFixed(0).padStart(6)} ms  ${k}`);
  };
  console.log(`Busy ${busy.toFixed(0)} ms of ${total.toFixed(0)} ms sampled.`);
  print('Self time by function:', fns);
  print('Self time by file or package:', files);
}

async function main(): Promise<void> {
  const target = process.argv[2] ?? 'seats';
  const build = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build failed');
  const dir = mkdtempSync(join(tmpdir(), 'skylark-profile-'));
  const databasePath = join(dir, 'bench.sqlite');
  const kept = process.env.PROFILE_DB;
  if (kept && existsSync(kept)) copyFileSync(kept, databasePath);
  else {
    console.error('Preparing the database (the catalogue and 200,000 offer events)…');
    prepareDatabase(databasePath);
    if (kept) copyFileSync(databasePath, kept);
  }
  const server = await startServer('Skylark Air', ['--cpu-prof', `--cpu-prof-dir=${dir}`, 'dist/server.js'], {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: '0',
    DATABASE_PATH: databasePath,
    DEMO_NOW,
    DEMO_SEED: String(DEMO_SEED),
    TEST_MODE: '1',
    SESSION_SECRET: 'bench-secret-long-enough-for-csrf',
  });
  try {
    const base = server.url;
    const checkoutId = await familyCheckout(base);
    const visitor = await fetch(`${base}/flights?${RESULTS_QUERY}`);
    const cookie = visitor.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    await visitor.text();
    const checkout = { ...BROWSER_HEADERS, cookie: SESSION_COOKIE };
    const targets: Record<string, { path: string; headers: Record<string, string> }> = {
      search: { path: '/', headers: BROWSER_HEADERS },
      'results-new': { path: `/flights?${RESULTS_QUERY}`, headers: BROWSER_HEADERS },
      'results-returning': { path: `/flights?${RESULTS_QUERY}`, headers: { ...BROWSER_HEADERS, cookie } },
      seats: { path: `/checkouts/${checkoutId}/seats`, headers: checkout },
      extras: { path: `/checkouts/${checkoutId}/extras`, headers: checkout },
      review: { path: `/checkouts/${checkoutId}/review`, headers: checkout },
      'api-search': { path: `/api/v1/flights?${RESULTS_QUERY.replace('&trip=return', '')}`, headers: { accept: 'application/json', 'accept-encoding': 'gzip' } },
    };
    const chosen = targets[target];
    if (!chosen) throw new Error(`Unknown target ${target}: one of ${Object.keys(targets).join(', ')}`);
    const load = (duration: number) =>
      new Promise<autocannon.Result>((resolve, reject) =>
        autocannon({ url: `${base}${chosen.path}`, headers: chosen.headers, connections: 10, duration }, (e, r) => (e ? reject(e) : resolve(r))),
      );
    await load(2);
    const result = await load(SECONDS);
    console.log(`${target}: ${result.requests.total} requests in ${SECONDS} s, non-2xx ${result.non2xx}, p99 ${result.latency.p99} ms (the profile includes the warm-up and set-up)`);
  } finally {
    await stopServer(server);
  }
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error(`No .cpuprofile in ${dir}`);
  console.log(`Profile: ${join(dir, file)}`);
  summarise(JSON.parse(readFileSync(join(dir, file), 'utf8')) as Profile);
}

await main();
