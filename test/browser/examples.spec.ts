// The scripted examples of examples/ (and docs/testing.md) run as a tester runs them, as child processes
// against a started server, so the documentation cannot drift from the product.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ROOT, startServer, type RunningServer } from './harness.ts';

const run = promisify(execFile);
const REFERENCE = /^[A-HJ-NP-Z2-9]{6}$/;

let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ TEST_MODE: '1' });
});

afterAll(async () => {
  await server?.stop();
});

// Each example starts from the seeded state, as docs/testing.md recommends.
beforeEach(async () => {
  const response = await fetch(`${server.url}/api/v1/test/reset`, { method: 'POST', headers: { 'Content-Type': 'application/json' } });
  expect(response.status, await response.clone().text()).toBe(200);
  expect(await response.json()).toMatchObject({ reset: true });
});

/** Runs `node --import tsx examples/<name>` with BASE_URL; resolves with its stdout, rejects on a non-zero exit. */
async function runExample(name: string): Promise<{ stdout: string; stderr: string }> {
  return run(process.execPath, ['--import', 'tsx', `examples/${name}`], {
    cwd: ROOT,
    env: { ...process.env, BASE_URL: server.url },
    timeout: 45000,
  });
}

/** The booking as the API shows it, to check that the printed reference is a real booking. */
async function findBooking(reference: string): Promise<{ status: number; body: { reference?: string; passengers?: Array<{ familyName: string }> } }> {
  const response = await fetch(`${server.url}/api/v1/bookings/${reference}?lastName=Lovelace`);
  return { status: response.status, body: (await response.json()) as never };
}

describe('the scripted examples', () => {
  it('examples/book-in-browser.ts books a trip through the pages, exits 0 and prints only the booking reference', async () => {
    const { stdout, stderr } = await runExample('book-in-browser.ts');
    const reference = stdout.trim();
    expect(reference, stderr).toMatch(REFERENCE);
    const booking = await findBooking(reference);
    expect(booking.status).toBe(200);
    expect(booking.body.reference).toBe(reference);
  });

  it('examples/book-via-api.ts books a trip through the JSON API, exits 0 and prints only the booking reference', async () => {
    const { stdout, stderr } = await runExample('book-via-api.ts');
    const reference = stdout.trim();
    expect(reference, stderr).toMatch(REFERENCE);
    const booking = await findBooking(reference);
    expect(booking.status).toBe(200);
    expect(booking.body.passengers?.map((p) => p.familyName)).toEqual(['Lovelace']);
  });

  it('each example exits non-zero and says in words that no server answers when the server is not there', async () => {
    for (const example of ['book-via-api.ts', 'book-in-browser.ts']) {
      const failed = await run(process.execPath, ['--import', 'tsx', `examples/${example}`, 'http://127.0.0.1:59999'], { cwd: ROOT, timeout: 20000 }).then(
        () => null,
        (error: { code?: number; stderr?: string }) => error,
      );
      expect(failed?.code, example).toBe(1);
      expect(failed?.stderr, example).toMatch(/No Skylark Air server answers at http:\/\/127\.0\.0\.1:59999 \([A-Z]+\)\. Start one first/);
    }
  });

  it('examples/book-via-api.ts run three times in parallel books three times (seats chosen at random, a taken one chosen again)', async () => {
    const runs = await Promise.all([0, 1, 2].map(() => runExample('book-via-api.ts')));
    const references = runs.map((r) => r.stdout.trim());
    for (const [i, reference] of references.entries()) expect(reference, runs[i]!.stderr).toMatch(REFERENCE);
    expect(new Set(references).size).toBe(3);
  });

  it('npm run examples runs the second example even when the first fails, and fails', async () => {
    const failed = await run('npm', ['run', '-s', 'examples'], { cwd: ROOT, env: { ...process.env, BASE_URL: 'http://127.0.0.1:59999' }, timeout: 40000 }).then(
      () => null,
      (error: { code?: number; stderr?: string }) => error,
    );
    expect(failed?.code).toBe(1);
    // Both said why: the browser example, then the API example.
    expect(failed?.stderr?.match(/No Skylark Air server answers/g)).toHaveLength(2);
  });
});
