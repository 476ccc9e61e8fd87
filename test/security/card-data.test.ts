// Card numbers are never kept: after paying (approved, declined, 3-D Secure; pages and API) no card
// number is in the database file, its WAL, or the logs (written at the most verbose level).
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/database.ts';
import { fixedClock } from '../../src/lib/clock.ts';
import { createLogger } from '../../src/lib/logger.ts';
import { createTestDb, TEST_NOW } from '../helpers/db.ts';
import { API, apiCheckoutWithPassengers, card, CARDS as API_CARDS } from '../api/api-helpers.ts';
import type { TestContext } from '../helpers/app.ts';
import { CARDS, pay, payAndBook, reachReview } from '../payment/pay-flow.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The forms a card number may take in bytes: with spaces, without, and as UTF-16 (SQLite can store text so). */
function needles(number: string): Buffer[] {
  const digits = number.replace(/\D/g, '');
  return [number, digits].flatMap((s) => [Buffer.from(s, 'utf8'), Buffer.from(s, 'utf16le')]);
}

describe('card data', () => {
  it('leaves no card number in the database file, its WAL or the logs after paying', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skylark-cards-'));
    dirs.push(dir);
    const file = join(dir, 'skylark.sqlite');
    writeFileSync(file, createTestDb().serialize());
    const db = openDatabase(file);
    const logged: Buffer[] = [];
    const logs = new Writable({
      write(chunk: Buffer, _enc, done) {
        logged.push(Buffer.from(chunk));
        done();
      },
    });
    const clock = fixedClock(TEST_NOW);
    const config = loadConfig({ NODE_ENV: 'test', RATE_LIMIT: 'off' }, () => 'test-secret-that-is-long-enough');
    const app = createApp({ db, config, clock, logger: createLogger({ logLevel: 'trace' }, logs) });
    const ctx: TestContext = { app, db, clock, config, agent: request.agent(app) };

    // Pages: a decline, then an approval; a 3-D Secure card; the API: approve and decline.
    const declined = await reachReview(ctx);
    await pay(ctx, declined, { 'card-number': CARDS.decline });
    await payAndBook(ctx, declined);
    const challenged = await reachReview(ctx);
    await pay(ctx, challenged, { 'card-number': CARDS.challenge });
    const viaApi = await apiCheckoutWithPassengers(ctx);
    expect((await ctx.agent.post(`${API}/checkouts/${viaApi}/payment`).send(card(API_CARDS.decline))).status).toBe(402);
    expect((await ctx.agent.post(`${API}/checkouts/${viaApi}/payment`).set('Idempotency-Key', 'card-scan-1').send(card())).status).toBe(201);
    expect(db.prepare('SELECT count(*) FROM bookings').pluck().get()).toBe(2);
    expect(db.prepare("SELECT card_last4 FROM payments WHERE status = 'approved' LIMIT 1").pluck().get()).toBe('4242');

    expect(existsSync(`${file}-wal`)).toBe(true);
    const files = { database: readFileSync(file), wal: readFileSync(`${file}-wal`), logs: Buffer.concat(logged) };
    expect(files.logs.length).toBeGreaterThan(0);
    for (const number of [CARDS.approve, CARDS.decline, CARDS.challenge]) {
      for (const [name, bytes] of Object.entries(files)) {
        for (const needle of needles(number)) expect(bytes.includes(needle), `${number} in the ${name}`).toBe(false);
      }
    }
    db.close();
  });
});
