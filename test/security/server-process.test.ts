// The server as an operator runs it (node --import tsx src/server.ts): a port already taken stops it
// with a message and a failing code; SIGTERM lets the request in flight finish and closes the database
// (its WAL is folded back) well within 10 s; a restart keeps the forms of open pages valid.
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT } from '../browser/harness.ts';
import { createTestDb } from '../helpers/db.ts';

type Running = { child: ChildProcess; url: string; output: () => string; exited: Promise<number | null> };

const dirs: string[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A database file already seeded (from the tests' template, same seed and clock), so the server starts at once. */
function tempDatabase(seeded = true): string {
  const dir = mkdtempSync(join(tmpdir(), 'skylark-process-'));
  dirs.push(dir);
  const file = join(dir, 'skylark.sqlite');
  if (seeded) writeFileSync(file, createTestDb().serialize());
  return file;
}

/** Starts the server; resolves when it says ready (or exits), with what it printed. */
function start(env: Record<string, string>): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', DEMO_NOW: '2026-11-27T09:00:00Z', DEMO_SEED: '20261127', NODE_ENV: 'test', TEST_MODE: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`No start within 30 s:\n${output}`)), 30000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /ready on (http:\/\/localhost:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1]!.replace('localhost', '127.0.0.1'), output: () => output, exited });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then(() => {
      clearTimeout(timer);
      resolve({ child, url: '', output: () => output, exited });
    });
  });
}

/** Polls `check` until it holds (bounded): waiting for a state, not for a time. */
async function until(check: () => boolean, what: string, limitMs = 10000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > limitMs) throw new Error(`Timed out waiting for ${what}`);
    await delay(20);
  }
}

describe('the server process', () => {
  it('exits non-zero with a message naming the port when the port is taken, and never says ready', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as AddressInfo).port;
    try {
      const server = await start({ PORT: String(port), DATABASE_PATH: tempDatabase() });
      const code = await server.exited;
      expect(code).toBe(1);
      expect(server.output()).toContain(`could not listen: port ${port} is already in use`);
      expect(server.output()).not.toContain('ready on');
    } finally {
      blocker.close();
    }
  }, 60000);

  it('on SIGTERM lets the payment in flight finish, then closes the database and exits 0 within 10 s', async () => {
    const database = tempDatabase();
    const server = await start({ DATABASE_PATH: database, PAYMENT_TIMEOUT_MS: '1500' });
    const session = { 'X-Session-Id': 'shutdown-test-0001', 'Content-Type': 'application/json' };
    const api = (path: string, init: RequestInit = {}) => fetch(`${server.url}/api/v1${path}`, { ...init, headers: { ...session, ...(init.headers ?? {}) } });
    const search = (await (await api('/flights?from=DUB&to=LIS&depart=2026-12-10')).json()) as { search: unknown; directions: Array<{ flights: Array<{ fares: Array<{ fareId: number }> }> }> };
    const created = (await (await api('/checkouts', { method: 'POST', body: JSON.stringify({ search: search.search, outbound: { fareId: search.directions[0]!.flights[0]!.fares[0]!.fareId } }) })).json()) as { id: string };
    const passengers = { contact: { email: 'ada@example.com', phone: '+353 1 555 0100' }, passengers: [{ givenName: 'Ada', familyName: 'Lovelace' }] };
    expect((await api(`/checkouts/${created.id}/passengers`, { method: 'PUT', body: JSON.stringify(passengers) })).status).toBe(200);

    // The time-out card keeps the payment in flight for 1.5 s; its Idempotency-Key is stored before it waits.
    const paying = api(`/checkouts/${created.id}/payment`, {
      method: 'POST',
      headers: { 'Idempotency-Key': 'in-flight-at-sigterm' },
      body: JSON.stringify({ card: { number: '4000 0000 0000 0119', name: 'Ada Lovelace', expiry: '12/30', cvc: '123' } }),
    });
    const peek = new Database(database, { readonly: true, fileMustExist: true });
    try {
      await until(() => peek.prepare("SELECT count(*) FROM idempotency_keys WHERE idempotency_key = 'in-flight-at-sigterm'").pluck().get() === 1, 'the payment to start');
    } finally {
      peek.close();
    }
    const signalled = Date.now();
    server.child.kill('SIGTERM');
    const answer = await paying;
    expect(answer.status).toBe(504); // the payment's own answer (timed out, nothing taken), not a cut connection
    expect(((await answer.json()) as { type: string }).type).toBe('/docs/api#problem-payment-timeout');
    expect(await server.exited).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(10000);
    expect(server.output()).toContain('SIGTERM received');
    // A closed database has folded its WAL back into the file and removed it.
    expect(existsSync(`${database}-wal`)).toBe(false);
  }, 60000);

  it('keeps forms valid across a restart: the generated secret is kept in the database (from a fresh file, seeded at start)', async () => {
    const database = tempDatabase(false);
    const first = await start({ DATABASE_PATH: database });
    const page = await fetch(`${first.url}/manage`);
    const cookies = (page.headers.getSetCookie() ?? []).map((c) => c.split(';')[0]).join('; ');
    const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const second = await start({ DATABASE_PATH: database });
    const res = await fetch(`${second.url}/manage`, {
      method: 'POST',
      headers: { Cookie: cookies, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: token, reference: 'ZZZZZZ', familyName: 'Lovelace' }).toString(),
      redirect: 'manual',
    });
    expect(res.status).toBe(422); // read and answered (no such booking), not 403 "Your form expired"
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 60000);
});
