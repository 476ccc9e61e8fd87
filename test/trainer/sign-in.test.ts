import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createApp } from '../../src/app.ts';
import { fixedClock } from '../../src/lib/clock.ts';
import { checkTrainerPassword, ensureTrainerPassword, hashPassword, verifyPassword } from '../../src/features/trainer/password.ts';
import { TRAINER_COOKIE } from '../../src/features/trainer/trainer-session.ts';
import { createTestApp, csrfFrom } from '../helpers/app.ts';
import { createTestDb, TEST_NOW } from '../helpers/db.ts';
import { cookieNamed, createTrainerApp, postPlaybookForm, signIn, tacticRow, TRAINER_PASSWORD } from './trainer-helpers.ts';

describe('trainer sign-in', () => {
  it('sends an anonymous visitor of /trainer to the sign-in page, and refuses its forms', async () => {
    const { agent, db } = createTrainerApp();
    const page = await agent.get('/trainer');
    expect(page.status).toBe(303);
    expect(page.headers.location).toBe('/trainer/sign-in');
    const signInPage = await agent.get('/trainer/sign-in');
    const token = csrfFrom(signInPage.text);
    for (const action of ['/trainer/tactics/bundle', '/trainer/lens', '/trainer/sign-out']) {
      const res = await agent.post(action).type('form').send({ _csrf: token, mode: 'on', split: '50', lens: 'on' });
      expect(res.status, action).toBe(303);
      expect(res.headers.location).toBe('/trainer/sign-in');
    }
    expect(tacticRow(db, 'bundle').mode).toBe('off');
  });

  it('signs in with the right password: a new HttpOnly, SameSite=Strict session cookie, then the playbook', async () => {
    const { agent } = createTrainerApp();
    const res = await signIn(agent);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/trainer');
    const cookie = cookieNamed(res, TRAINER_COOKIE)!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toMatch(/Secure/);
    const playbook = await agent.get('/trainer');
    expect(playbook.status).toBe(200);
    expect(playbook.text).toContain('Tactics playbook');
  });

  it('marks the trainer cookie Secure in production', async () => {
    const db = createTestDb({ now: TEST_NOW, seed: 20261127 });
    const config = loadConfig({ NODE_ENV: 'production', TRAINER_PASSWORD, SESSION_SECRET: 'a-production-secret-long-enough' }, () => 'x');
    const agent = request.agent(createApp({ db, config, clock: fixedClock(TEST_NOW) }));
    // Secure cookies are not sent back over plain HTTP by the agent: read the token from the page's own cookie jar.
    const page = await agent.get('/trainer/sign-in');
    const csrfCookie = (page.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]).join('; ');
    const res = await request(createApp({ db, config, clock: fixedClock(TEST_NOW) }))
      .post('/trainer/sign-in')
      .set('Cookie', csrfCookie)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), password: TRAINER_PASSWORD });
    expect(res.status).toBe(303);
    expect(cookieNamed(res, TRAINER_COOKIE)).toMatch(/; Secure/);
  });

  it('gives a new session id at each sign-in and ends the one the browser had', async () => {
    const { agent, app } = createTrainerApp();
    const first = cookieNamed(await signIn(agent), TRAINER_COOKIE)!.split(';')[0]!;
    const second = cookieNamed(await signIn(agent), TRAINER_COOKIE)!.split(';')[0]!;
    expect(second).not.toBe(first);
    const withOld = await request(app).get('/trainer').set('Cookie', first);
    expect(withOld.status).toBe(303);
    const withNew = await request(app).get('/trainer').set('Cookie', second);
    expect(withNew.status).toBe(200);
  });

  it('refuses a wrong password with 401 and a clear message, and keeps the visitor signed out', async () => {
    const { agent } = createTrainerApp();
    const res = await signIn(agent, 'not-the-password');
    expect(res.status).toBe(401);
    expect(res.text).toContain('That is not the trainer password');
    expect(cookieNamed(res, TRAINER_COOKIE)).toBeUndefined();
    expect((await agent.get('/trainer')).status).toBe(303);
  });

  it('refuses a sign-in form without its CSRF token with 403, and signs nobody in', async () => {
    const { agent } = createTrainerApp();
    await agent.get('/trainer/sign-in');
    const res = await agent.post('/trainer/sign-in').type('form').send({ password: TRAINER_PASSWORD });
    expect(res.status).toBe(403);
    expect(res.text).toContain('Your form expired');
    expect(cookieNamed(res, TRAINER_COOKIE)).toBeUndefined();
  });

  it('answers 429 after five wrong passwords, even to the right one, until the window passes', async () => {
    const { agent } = createTrainerApp();
    for (let i = 0; i < 5; i++) expect((await signIn(agent, `wrong-${i}`)).status).toBe(401);
    const blocked = await signIn(agent);
    expect(blocked.status).toBe(429);
    expect(blocked.text).toContain('Too many sign-in attempts');
    expect(cookieNamed(blocked, TRAINER_COOKIE)).toBeUndefined();
  });

  it('signs out: the session ends and /trainer asks to sign in again', async () => {
    const { agent } = createTrainerApp();
    await signIn(agent);
    const res = await postPlaybookForm(agent, '/trainer/sign-out', {});
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/trainer/sign-in');
    expect((await agent.get('/trainer')).status).toBe(303);
  });

  it('ends a trainer session after 8 hours', async () => {
    const { agent, clock } = createTrainerApp();
    await signIn(agent);
    clock.advance(8 * 3600_000 + 1000);
    expect((await agent.get('/trainer')).status).toBe(303);
  });

  it('marks every trainer page Cache-Control: no-store', async () => {
    const { agent } = createTrainerApp();
    expect((await agent.get('/trainer/sign-in')).headers['cache-control']).toBe('no-store');
    await signIn(agent);
    expect((await agent.get('/trainer')).headers['cache-control']).toBe('no-store');
  });
});

describe('the generated trainer password', () => {
  it('is generated at the first start only, kept as a scrypt hash, never in clear', () => {
    const db = createTestDb({ now: TEST_NOW, seed: 20261127 });
    const password = ensureTrainerPassword(db, undefined, new Date(TEST_NOW))!;
    expect(password).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
    const stored = db.prepare('SELECT password_hash FROM trainer_credentials').pluck().all() as string[];
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(stored[0]).not.toContain(password);
    expect(ensureTrainerPassword(db, undefined, new Date(TEST_NOW))).toBeUndefined();
    expect(checkTrainerPassword(db, undefined, password)).toBe('ok');
    expect(checkTrainerPassword(db, undefined, `${password}x`)).toBe('wrong');
  });

  it('is not generated when TRAINER_PASSWORD is set, and a stored hash does not replace it', () => {
    const db = createTestDb({ now: TEST_NOW, seed: 20261127 });
    expect(ensureTrainerPassword(db, TRAINER_PASSWORD, new Date(TEST_NOW))).toBeUndefined();
    expect(db.prepare('SELECT count(*) FROM trainer_credentials').pluck().get()).toBe(0);
    expect(checkTrainerPassword(db, TRAINER_PASSWORD, TRAINER_PASSWORD)).toBe('ok');
    expect(checkTrainerPassword(db, TRAINER_PASSWORD, 'other')).toBe('wrong');
  });

  it('signs in through the form with the generated password', async () => {
    const ctx = createTestApp();
    const password = ensureTrainerPassword(ctx.db, undefined, new Date(TEST_NOW))!;
    expect((await signIn(ctx.agent, password)).status).toBe(303);
    expect((await ctx.agent.get('/trainer')).status).toBe(200);
  });

  it('with no password set up at all, the form says to restart the server', async () => {
    const { agent } = createTestApp();
    const res = await signIn(agent, 'anything');
    expect(res.status).toBe(503);
    expect(res.text).toContain('No trainer password is set up yet');
  });

  it('verifies a hash and refuses a malformed one', () => {
    const hash = hashPassword('secret-words');
    expect(verifyPassword('secret-words', hash)).toBe(true);
    expect(verifyPassword('secret-word', hash)).toBe(false);
    expect(verifyPassword('secret-words', 'md5$abc')).toBe(false);
  });
});
