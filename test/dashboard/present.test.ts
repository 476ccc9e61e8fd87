// Issue 11 item 4: the presenter view shows an A/B tactic's two arms side by side, server-rendered with
// a refresh link, behind the trainer sign-in, and updating live over Server-Sent Events.
import { createHash, randomBytes } from 'node:crypto';
import { get, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { main as bookViaApi } from '../../examples/book-via-api.ts';
import type { Db } from '../../src/db/database.ts';
import { OFFER, TACTIC } from '../../src/features/offers/codes.ts';
import { setTactic } from '../../src/features/trainer/set-tactic.ts';
import { insertTrainerSession } from '../../src/features/trainer/trainer.repository.ts';
import { TRAINER_COOKIE } from '../../src/features/trainer/trainer-session.ts';
import { TEST_NOW } from '../helpers/db.ts';
import { createTrainerApp, signIn } from '../trainer/trainer-helpers.ts';
import { addBooking, addEvents } from './dashboard-helpers.ts';
import { figuresEvents } from './sse.ts';

/** Arm A: 100 bundle offers shown to 10 sessions, 20 taken, bookings of €100 and €200. Arm B: 100 shown, 35 taken, €300 and €500. */
function handBuiltExperiment(db: Db): void {
  setTactic(db, TACTIC.bundle, { mode: 'ab', split: 50 });
  for (let i = 0; i < 10; i++) {
    const shown = { offer: OFFER.BAG_CHECKED_23KG, placement: 'extras', event: 'shown' as const, tactic: TACTIC.bundle, count: 10 };
    addEvents(db, { ...shown, session: `a${i}`, variant: 'A' });
    addEvents(db, { ...shown, session: `b${i}`, variant: 'B' });
    addEvents(db, { ...shown, session: `a${i}`, variant: 'A', event: 'accepted', count: 2 });
    addEvents(db, { ...shown, session: `b${i}`, variant: 'B', event: 'accepted', count: i < 5 ? 4 : 3 });
  }
  addBooking(db, { session: 'a0', totalMinor: 10_000, passengers: 1 });
  addBooking(db, { session: 'a1', totalMinor: 20_000, passengers: 1 });
  addBooking(db, { session: 'b0', totalMinor: 30_000, passengers: 1 });
  addBooking(db, { session: 'b1', totalMinor: 50_000, passengers: 1 });
}


describe('the presenter view', () => {
  it('is for trainers only: an anonymous visitor is sent to the sign-in page, the stream too', async () => {
    const ctx = createTrainerApp();
    for (const path of ['/trainer/present', '/trainer/present/live']) {
      const res = await ctx.agent.get(path);
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/trainer/sign-in');
    }
  });

  it('renders both arms of the A/B tactic side by side with the known figures, a refresh link and the live stream', async () => {
    const ctx = createTrainerApp();
    handBuiltExperiment(ctx.db);
    await signIn(ctx.agent);
    const res = await ctx.agent.get(`/trainer/present?tactic=${TACTIC.bundle}`);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toMatch(/no-store/);
    const text = (id: string) => new RegExp(`data-testid="${id}">([^<]*)<`).exec(res.text)?.[1];
    expect(text('presenter-A-sessions')).toBe('10');
    expect(text('presenter-B-sessions')).toBe('10');
    expect(text('presenter-A-take-rate')).toBe('20.0% (20)');
    expect(text('presenter-B-take-rate')).toBe('35.0% (35)');
    // Wilson 95%: 20 of 100 → 13.3%–28.9%; 35 of 100 → 26.4%–44.7%.
    expect(text('presenter-A-take-rate-interval')).toBe('13.3% – 28.9%');
    expect(text('presenter-B-take-rate-interval')).toBe('26.4% – 44.7%');
    // Mean ± 1.96 × s/√n: €150 ± €98; €400 ± €196.
    expect(text('presenter-A-aov')).toBe('€150.00');
    expect(text('presenter-A-aov-interval')).toBe('€52.00 – €248.00');
    expect(text('presenter-B-aov')).toBe('€400.00');
    expect(text('presenter-B-aov-interval')).toBe('€204.00 – €596.00');
    expect(text('presenter-take-rate-difference')).toBe('+15.0 points');
    // Pooled z-test: z = 0.15 / √(0.275 × 0.725 × 2/100) = 2.375, two-sided p = 0.018.
    expect(text('presenter-p-value')).toBe('0.018');
    // B − A = €250; Welch-style 95%: ± 1.96 × √(50² + 100²) = ± €219.13.
    expect(text('presenter-aov-difference')).toBe('+€250.00 (95%: €30.87 – €469.13)');
    expect(text('presenter-verdict')).toMatch(/^B /);
    expect(res.text).toContain(`data-testid="presenter-refresh">Refresh</a>`);
    expect(res.text).toContain(`href="/trainer/present?traffic=real&amp;tactic=${TACTIC.bundle}&amp;dark=in"`);
    expect(res.text).toContain(`data-live-stream="/trainer/present/live?traffic=real&amp;tactic=${TACTIC.bundle}&amp;dark=in"`);
    expect([...res.text.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1])).toEqual(['/static/js/enhance.js', '/static/js/dashboard-live.js']);
  });

  it('says so when no tactic is in A/B, and refuses bad filters with 422', async () => {
    const ctx = createTrainerApp();
    await signIn(ctx.agent);
    const none = await ctx.agent.get('/trainer/present');
    expect(none.status).toBe(200);
    expect(none.text).toMatch(/data-testid="presenter-message">No tactic is in A\/B now/);
    const bad = await ctx.agent.get('/trainer/present?tactic=nonsense');
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Choose a tactic from the list.');
  });

  it('streams its figures at once, then again after a booking made during the test', async () => {
    const ctx = createTrainerApp();
    setTactic(ctx.db, TACTIC.checkout_addons, { mode: 'ab', split: 50 });
    const server = ctx.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const token = randomBytes(32).toString('base64url');
    insertTrainerSession(ctx.db, createHash('sha256').update(token).digest('hex'), new Date(TEST_NOW), new Date(Date.parse(TEST_NOW) + 3600_000));
    const res = await new Promise<IncomingMessage>((resolve) =>
      get(`${base}/trainer/present/live?tactic=${TACTIC.checkout_addons}`, { headers: { cookie: `${TRAINER_COOKIE}=${token}` } }, resolve),
    );
    onTestFinished(() => {
      res.destroy();
      server.closeAllConnections();
      server.close();
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
    const next = figuresEvents(res);
    const first = await next();
    expect([first['A-sessions'], first['B-sessions'], first['A-bookings'], first['B-bookings']]).toEqual(['0', '0', '0', '0']);
    await bookViaApi(base);
    let figures = await next();
    // The booking's session is in one arm: its impressions, then its booking, reach the stream.
    while (Number(figures['A-bookings']) + Number(figures['B-bookings']) !== 1) figures = await next();
    expect(Number(figures['A-sessions']) + Number(figures['B-sessions'])).toBe(1);
    expect(figures.verdict).toMatch(/^Not enough data yet/);
  });
});
