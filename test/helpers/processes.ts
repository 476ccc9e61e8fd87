// Real server processes for the tests that attack the running app (two processes on one database
// file, kill -9). Loopback only, port 0; plain fetch, with a session sent the way a client does
// (X-Session-Id to the API, the skylark.sid cookie to pages).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the server runs from here whatever the caller's directory. */
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const DEMO_ENV = {
  DEMO_NOW: '2026-11-27T09:00:00Z',
  DEMO_SEED: '20261127',
  NODE_ENV: 'test',
  // Thousands of requests from one loopback address: throttling is not what these tests measure.
  RATE_LIMIT: 'off',
  SESSION_SECRET: 'a-secret-shared-by-both-processes',
} as const;

export type ServerProcess = { url: string; child: ChildProcess; output: () => string; stop: () => Promise<void>; kill9: () => Promise<void> };

/** Starts `tsx src/server.ts` on a free port with the given database file; resolves once it is ready. */
export async function startProcess(databasePath: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...DEMO_ENV, PORT: '0', DATABASE_PATH: databasePath, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The server did not start within 30 s:\n${output}`)), 30000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /ready on http:\/\/localhost:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${match[1]}`);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The server exited with ${code}:\n${output}`));
    });
  }).catch((error: unknown) => {
    if (child.exitCode === null) child.kill('SIGKILL');
    throw error;
  });
  const stopWith = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return { url, child, output: () => output, stop: () => stopWith('SIGTERM'), kill9: () => stopWith('SIGKILL') };
}

/** A visitor session id as the app issues them (22 base64url characters). */
export function newSession(): string {
  return randomBytes(16).toString('base64url');
}

export type Answer = { status: number; body: any; text: string }; // eslint-disable-line @typescript-eslint/no-explicit-any

/** One request as a client of the running server: JSON in and out for the API, text for pages. */
export async function call(
  base: string,
  path: string,
  options: { method?: string; session?: string; json?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.session) {
    headers['X-Session-Id'] = options.session;
    headers.Cookie = `skylark.sid=${options.session}`;
  }
  if (options.json !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(`${base}${path}`, {
    method: options.method ?? 'GET',
    headers,
    body: options.json === undefined ? undefined : JSON.stringify(options.json),
    redirect: 'manual',
  });
  const text = await res.text();
  let body: unknown = undefined;
  if ((res.headers.get('content-type') ?? '').includes('json')) {
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
  }
  return { status: res.status, body, text };
}

export const SEARCH = { from: 'DUB', to: 'LIS', depart: '2026-12-10' } as const;

export function apiSearchPath(trip: { from: string; to: string; depart: string } = SEARCH): string {
  return `/api/v1/flights?${new URLSearchParams({ ...trip, adults: '1', children: '0', infants: '0' }).toString()}`;
}

export function resultsPagePath(trip: { from: string; to: string; depart: string } = SEARCH): string {
  return `/flights?${new URLSearchParams({ ...trip, trip: 'one_way', return: '', adults: '1', children: '0', infants: '0' }).toString()}`;
}

/**
 * A one-adult checkout on the first flight of the search selling `family`, passengers entered, for
 * `session`, through the API of `base`. Returns its id and flight.
 */
export async function apiCheckout(
  base: string,
  session: string,
  family = 'basic',
  flightIndex = 0,
  trip: { from: string; to: string; depart: string } = SEARCH,
): Promise<{ id: string; flightId: number }> {
  const search = await call(base, apiSearchPath(trip), { session });
  if (search.status !== 200) throw new Error(`search answered ${search.status}: ${search.text.slice(0, 500)}`);
  const flight = search.body.directions[0].flights[flightIndex];
  const fare = flight.fares.find((f: { family: { code: string }; seatsLeft: number }) => f.family.code === family && f.seatsLeft > 0);
  const created = await call(base, '/api/v1/checkouts', { method: 'POST', session, json: { search: search.body.search, outbound: { fareId: fare.fareId } } });
  if (created.status !== 201) throw new Error(`checkout answered ${created.status}: ${created.text.slice(0, 500)}`);
  const id = created.body.id as string;
  const named = await call(base, `/api/v1/checkouts/${id}/passengers`, {
    method: 'PUT',
    session,
    json: { contact: { email: 'ada@example.com', phone: '+353 1 555 0100' }, passengers: [{ givenName: 'Ada', familyName: 'Lovelace' }] },
  });
  if (named.status !== 200) throw new Error(`passengers answered ${named.status}: ${named.text.slice(0, 500)}`);
  return { id, flightId: flight.flightId ?? flight.id };
}

export const APPROVED_CARD = { card: { number: '4242 4242 4242 4242', name: 'Ada Lovelace', expiry: '12/30', cvc: '123' } };

/** Runs `count` tasks with at most `width` at once; resolves with their results in order. */
export async function inParallel<T>(count: number, width: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  const lanes = Array.from({ length: Math.min(width, count) }, async () => {
    while (next < count) {
      const i = next++;
      results[i] = await task(i);
    }
  });
  await Promise.all(lanes);
  return results;
}
