import { createHash, randomBytes } from 'node:crypto';
import { get, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { main as bookViaApi } from '../../examples/book-via-api.ts';
import { insertTrainerSession } from '../../src/features/trainer/trainer.repository.ts';
import { TRAINER_COOKIE } from '../../src/features/trainer/trainer-session.ts';
import { TEST_NOW } from '../helpers/db.ts';
import { createTrainerApp } from '../trainer/trainer-helpers.ts';
import { figuresEvents } from './sse.ts';


describe('the live dashboard', () => {
  it('streams the figures at once, then again when a booking is made during the test', async () => {
    const ctx = createTrainerApp();
    const server = ctx.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const token = randomBytes(32).toString('base64url');
    insertTrainerSession(ctx.db, createHash('sha256').update(token).digest('hex'), new Date(TEST_NOW), new Date(Date.parse(TEST_NOW) + 3600_000));
    const res = await new Promise<IncomingMessage>((resolve) => get(`${base}/trainer/dashboard/live`, { headers: { cookie: `${TRAINER_COOKIE}=${token}` } }, resolve));
    onTestFinished(() => {
      res.destroy();
      server.closeAllConnections();
      server.close();
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(res.headers['cache-control']).toMatch(/no-store/);
    const next = figuresEvents(res);
    expect((await next()).bookings).toBe('0');
    const reference = await bookViaApi(base);
    expect(reference).toMatch(/^[A-Z2-9]{6}$/);
    let figures = await next();
    while (figures.bookings !== '1') figures = await next(); // the checkout's earlier writes may come first
    expect(figures.aov).toMatch(/^€/);
  });

  it('refuses bad filters with 422 before streaming', async () => {
    const ctx = createTrainerApp();
    const { signIn } = await import('../trainer/trainer-helpers.ts');
    await signIn(ctx.agent);
    const res = await ctx.agent.get('/trainer/dashboard/live?route=XXX-YYY');
    expect(res.status).toBe(422);
  });
});
