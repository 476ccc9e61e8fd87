// npm run bench: the speed targets of the tester surface and the flow, measured on the real app
// in this process (no timed assertions in the test suite: a loaded CI machine would make them flaky).
//
// Targets (exit code 1 when one is missed):
//   - POST /api/v1/test/reset after 60 bookings: "well under a second", here under 500 ms (median of 5);
//   - GET /flights (a return search, 2 adults and a child): median under 50 ms, p95 under 150 ms;
//   - GET /checkouts/:id/seats (3 passengers, two flights: 6 cabin maps): median under 100 ms, p95 under 250 ms.
// The numbers are printed either way, with the process's peak resident memory.
import type { AddressInfo } from 'node:net';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { migrate, openDatabase } from '../src/db/database.ts';
import { seedCatalogue } from '../src/features/catalogue/seed.ts';
import { fixedClock } from '../src/lib/clock.ts';
import { main as bookViaApi } from '../examples/book-via-api.ts';

const NOW = '2026-11-27T09:00:00Z';
const BOOKINGS = 60;

type Result = { name: string; median: number; p95: number; target: { median: number; p95?: number } };

function stats(samples: number[]): { median: number; p95: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median: at(0.5), p95: at(0.95) };
}

async function time(times: number, fn: () => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < times; i += 1) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  return samples;
}

async function get(url: string, cookie = ''): Promise<string> {
  const res = await fetch(url, { headers: cookie ? { cookie } : {} });
  if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}`);
  return res.text();
}

async function run(): Promise<void> {
  const db = openDatabase(':memory:');
  migrate(db);
  seedCatalogue(db, { seed: 20261127, now: new Date(NOW) });
  const config = loadConfig({ NODE_ENV: 'test', TEST_MODE: '1' }, () => 'bench-secret-long-enough');
  const app = createApp({ db, config, clock: fixedClock(NOW) });
  const server = app.listen(0);
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const results: Result[] = [];
  const log = console.error;
  console.error = () => {}; // the example's progress lines

  try {
    // Results page.
    const search = `${base}/flights?from=DUB&to=LIS&trip=return&depart=2026-12-10&return=2026-12-17&adults=2&children=1&infants=0`;
    await get(search);
    results.push({ name: 'GET /flights (return, 3 passengers)', ...stats(await time(100, () => get(search))), target: { median: 50, p95: 150 } });

    // Seats page of a checkout opened through the API (3 passengers, return).
    const opened = await fetch(`${base}/api/v1/flights?from=DUB&to=LIS&depart=2026-12-10&return=2026-12-17&adults=2&children=1`).then((r) => r.json()) as {
      search: unknown;
      directions: Array<{ direction: string; flights: Array<{ fares: Array<{ fareId: number; family: { code: string } }> }> }>;
    };
    const fare = (direction: string) => opened.directions.find((d) => d.direction === direction)!.flights[1]!.fares.find((f) => f.family.code === 'standard')!.fareId;
    const checkout = await fetch(`${base}/api/v1/checkouts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ search: opened.search, outbound: { fareId: fare('outbound') }, return: { fareId: fare('return') } }),
    }).then((r) => r.json()) as { id: string };
    const passengers = [
      { givenName: 'Ada', familyName: 'Lovelace' },
      { givenName: 'Brian', familyName: 'Lovelace' },
      { givenName: 'Cora', familyName: 'Lovelace', dateOfBirth: '2018-05-01' },
    ];
    const put = await fetch(`${base}/api/v1/checkouts/${checkout.id}/passengers`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ passengers, contact: { email: 'ada@example.com', phone: '+353 1 555 0100' } }),
    });
    if (put.status !== 200) throw new Error(`PUT passengers answered ${put.status}: ${await put.text()}`);
    const seats = `${base}/checkouts/${checkout.id}/seats`;
    await get(seats);
    results.push({ name: 'GET seats page (3 passengers, return)', ...stats(await time(60, () => get(seats))), target: { median: 100, p95: 250 } });

    // Reset after a day of testing: BOOKINGS bookings through the API, then reset, five times.
    const resets: number[] = [];
    for (let round = 0; round < 5; round += 1) {
      for (let i = 0; i < BOOKINGS / 5; i += 1) await bookViaApi(base);
      const started = performance.now();
      const res = await fetch(`${base}/api/v1/test/reset`, { method: 'POST' });
      resets.push(performance.now() - started);
      if (res.status !== 200) throw new Error(`reset answered ${res.status}`);
    }
    results.push({ name: `POST /api/v1/test/reset (after ${BOOKINGS / 5} bookings)`, ...stats(resets), target: { median: 500 } });
  } finally {
    console.error = log;
    server.close();
    db.close();
  }

  let missed = 0;
  for (const r of results) {
    const ok = r.median <= r.target.median && (r.target.p95 === undefined || r.p95 <= r.target.p95);
    if (!ok) missed += 1;
    const target = `target median ≤ ${r.target.median} ms${r.target.p95 ? `, p95 ≤ ${r.target.p95} ms` : ''}`;
    console.log(`${ok ? 'ok  ' : 'MISS'} ${r.name}: median ${r.median.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms (${target})`);
  }
  console.log(`peak resident memory: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  if (missed > 0) process.exitCode = 1;
}

await run();
