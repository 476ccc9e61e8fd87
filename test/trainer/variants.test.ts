// Sticky A/B arms: the split decides a new session's arm, a signed cookie keeps it, and a forged or
// unknown arm is ignored and assigned again.
import cookieParser from 'cookie-parser';
import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { AppDeps } from '../../src/lib/deps.ts';
import { loadConfig } from '../../src/config.ts';
import { fixedClock } from '../../src/lib/clock.ts';
import { sessionCookie, SESSION_COOKIE } from '../../src/lib/session.ts';
import { sign } from '../../src/lib/signed.ts';
import { TACTIC } from '../../src/features/offers/codes.ts';
import { tacticAssignments } from '../../src/features/tactics/assignments.ts';
import { memoryVariants, readVariants, tacticVariants, VARIANTS_COOKIE, writeVariants } from '../../src/features/tactics/variants.ts';
import { setTactic } from '../../src/features/trainer/set-tactic.ts';
import { createTestDb, TEST_NOW, TEST_SEED } from '../helpers/db.ts';

const SECRET = 'test-secret-that-is-long-enough';

/** The middleware chain of the pages, and one route that asks for the session's bundle arm as a page would. */
function appWithArmRoute() {
  const db = createTestDb({ now: TEST_NOW, seed: TEST_SEED });
  const deps: AppDeps = { db, config: loadConfig({ NODE_ENV: 'test' }, () => SECRET), clock: fixedClock(TEST_NOW) };
  const app = express();
  app.use(cookieParser(), sessionCookie(false), (req, _res, next) => {
    req.deps = deps;
    next();
  });
  app.use(tacticVariants(false));
  app.get('/arm', (req, res) => {
    res.json(tacticAssignments(db, req.sessionId, req.variants).of(TACTIC.bundle));
  });
  return { app, db };
}

const cookieValue = (res: request.Response, name: string) =>
  ((res.headers['set-cookie'] as unknown as string[] | undefined) ?? []).find((c) => c.startsWith(`${name}=`))?.split(';')[0]?.slice(name.length + 1);

describe('A/B arms', () => {
  it('put the split share of 2,000 new sessions in arm B, within 3 percentage points', () => {
    const db = createTestDb({ now: TEST_NOW, seed: TEST_SEED });
    // Tolerance: 3 points is about three standard deviations of a share of 2,000 (sqrt(0.3·0.7/2000) ≈ 1 point).
    for (const split of [10, 30, 50, 85]) {
      setTactic(db, 'bundle', { mode: 'ab', split });
      let inB = 0;
      for (let i = 0; i < 2000; i++) {
        const store = memoryVariants();
        if (tacticAssignments(db, `session-${split}-${i}`, store).of(TACTIC.bundle)?.variant === 'B') inB++;
        expect(store.arms.get(TACTIC.bundle)).toBeDefined();
      }
      expect(Math.abs((inB / 2000) * 100 - split), `split ${split}: ${inB} in B`).toBeLessThanOrEqual(3);
    }
  });

  it('put every session in A at split 0 and in B at split 100', () => {
    const db = createTestDb({ now: TEST_NOW, seed: TEST_SEED });
    for (const [split, arm] of [[0, 'A'], [100, 'B']] as const) {
      setTactic(db, 'bundle', { mode: 'ab', split });
      for (let i = 0; i < 200; i++) expect(tacticAssignments(db, `s-${i}`).of(TACTIC.bundle)?.variant).toBe(arm);
    }
  });

  it('stay sticky across requests through the signed cookie, even after the trainer changes the split', async () => {
    const { app, db } = appWithArmRoute();
    setTactic(db, 'bundle', { mode: 'ab', split: 100 });
    const agent = request.agent(app);
    const first = await agent.get('/arm');
    expect(first.body).toEqual({ tactic: 'bundle', variant: 'B', applied: true });
    expect(cookieValue(first, VARIANTS_COOKIE)).toBeDefined();
    setTactic(db, 'bundle', { mode: 'ab', split: 0 });
    for (let i = 0; i < 3; i++) expect((await agent.get('/arm')).body.variant).toBe('B');
    // A new session meets the new split.
    expect((await request(app).get('/arm')).body.variant).toBe('A');
  });

  it('ignore a forged arm (a cookie not signed by the app) and assign again by the split', async () => {
    const { app, db } = appWithArmRoute();
    setTactic(db, 'bundle', { mode: 'ab', split: 0 });
    const sid = 'AAAAAAAAAAAAAAAAAAAAAA';
    const forged = `bundle:B.${'x'.repeat(43)}`;
    const res = await request(app).get('/arm').set('Cookie', `${SESSION_COOKIE}=${sid}; ${VARIANTS_COOKIE}=${encodeURIComponent(forged)}`);
    expect(res.body.variant).toBe('A');
    // The cookie is written again, signed, with the arm the split gave.
    expect([...readVariants(SECRET, sid, decodeURIComponent(cookieValue(res, VARIANTS_COOKIE)!))]).toEqual([['bundle', 'A']]);
  });

  it('ignore a cookie signed for another session, an unknown tactic and an unknown arm', async () => {
    const { app, db } = appWithArmRoute();
    setTactic(db, 'bundle', { mode: 'ab', split: 0 });
    const sid = 'BBBBBBBBBBBBBBBBBBBBBB';
    const otherSession = writeVariants(SECRET, 'CCCCCCCCCCCCCCCCCCCCCC', new Map([[TACTIC.bundle, 'B']]));
    const unknownArm = sign(SECRET, `ab-variants:${sid}`, 'bundle:C,hypnosis:B');
    for (const cookie of [otherSession, unknownArm]) {
      const res = await request(app).get('/arm').set('Cookie', `${SESSION_COOKIE}=${sid}; ${VARIANTS_COOKIE}=${encodeURIComponent(cookie)}`);
      expect(res.body.variant).toBe('A');
    }
    expect([...readVariants(SECRET, sid, unknownArm)]).toEqual([]);
  });

  it('honour a genuine cookie of the session over the split', async () => {
    const { app, db } = appWithArmRoute();
    setTactic(db, 'bundle', { mode: 'ab', split: 0 });
    const sid = 'DDDDDDDDDDDDDDDDDDDDDD';
    const genuine = writeVariants(SECRET, sid, new Map([[TACTIC.bundle, 'B']]));
    const res = await request(app).get('/arm').set('Cookie', `${SESSION_COOKIE}=${sid}; ${VARIANTS_COOKIE}=${encodeURIComponent(genuine)}`);
    expect(res.body.variant).toBe('B');
    expect(cookieValue(res, VARIANTS_COOKIE)).toBeUndefined();
  });

  it('leave off and on tactics alone: no arm, nothing stored', () => {
    const db = createTestDb({ now: TEST_NOW, seed: TEST_SEED });
    const store = memoryVariants();
    const assignments = tacticAssignments(db, 'some-session', store);
    expect(assignments.of(TACTIC.bundle)).toBeNull();
    expect(assignments.of(TACTIC.checkout_addons)).toEqual({ tactic: 'checkout_addons', variant: 'on', applied: true });
    expect(store.arms.size).toBe(0);
  });
});
