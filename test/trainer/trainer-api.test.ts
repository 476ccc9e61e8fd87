import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createTrainerApp, recordEvents, tacticRow, TRAINER_PASSWORD } from './trainer-helpers.ts';

const bearer = { Authorization: `Bearer ${TRAINER_PASSWORD}` };

describe('trainer API /api/v1/trainer', () => {
  it('refuses a request without the trainer password with 401 problem+json and a Bearer challenge', async () => {
    const { app, db } = createTrainerApp();
    for (const req of [
      request(app).get('/api/v1/trainer/tactics'),
      request(app).put('/api/v1/trainer/tactics/bundle').send({ mode: 'on' }),
      request(app).get('/api/v1/trainer/tactics').set('Authorization', 'Bearer wrong-password'),
      request(app).get('/api/v1/trainer/tactics').set('Authorization', `Basic ${Buffer.from(`x:${TRAINER_PASSWORD}`).toString('base64')}`),
    ]) {
      const res = await req;
      expect(res.status).toBe(401);
      expect(res.type).toBe('application/problem+json');
      expect(res.headers['www-authenticate']).toBe('Bearer realm="trainer"');
      expect(res.body.type).toBe('/docs/api#problem-unauthorized');
    }
    expect(tacticRow(db, 'bundle').mode).toBe('off');
  });

  it('lists every tactic with its family, setting and take rate', async () => {
    const { app, db } = createTrainerApp();
    recordEvents(db, [
      { offerCode: 'HOTEL_STAY', placement: 'extras', tactic: 'complementary_discount', variant: 'on', event: 'shown', count: 4 },
      { offerCode: 'HOTEL_STAY', placement: 'extras', tactic: 'complementary_discount', variant: 'on', event: 'accepted', count: 1 },
    ]);
    const res = await request(app).get('/api/v1/trainer/tactics').set(bearer);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body.tactics).toHaveLength(12);
    const discount = res.body.tactics.find((t: { code: string }) => t.code === 'complementary_discount');
    expect(discount).toMatchObject({ family: 'cross_sell', mode: 'off', split: 50, darkPattern: false, figure: { shown: 4, accepted: 1, takeRate: 0.25 }, arms: null });
    expect(res.body.tactics.filter((t: { darkPattern: boolean }) => t.darkPattern).map((t: { code: string }) => t.code)).toEqual(['preticked_box', 'confirm_shaming', 'fake_timer']);
  });

  it('sets a tactic to A/B with a split and answers the tactic as it is now', async () => {
    const { app, db } = createTrainerApp();
    const res = await request(app).put('/api/v1/trainer/tactics/bundle').set(bearer).send({ mode: 'ab', split: 25 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ code: 'bundle', mode: 'ab', split: 25 });
    expect(tacticRow(db, 'bundle')).toEqual({ mode: 'ab', split: 25 });
  });

  it('refuses a split outside 0-100 or a bad mode with 422 naming the field, changing nothing', async () => {
    const { app, db } = createTrainerApp();
    const cases: [unknown, string][] = [
      [{ mode: 'ab', split: 101 }, 'split'],
      [{ mode: 'ab', split: -1 }, 'split'],
      [{ mode: 'ab', split: 12.5 }, 'split'],
      [{ mode: 'ab', split: '50' }, 'split'],
      [{ mode: 'sometimes' }, 'mode'],
      [{ mode: 'on', extra: 1 }, 'extra'],
    ];
    for (const [body, field] of cases) {
      const res = await request(app).put('/api/v1/trainer/tactics/bundle').set(bearer).send(body as object);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.type).toBe('application/problem+json');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
    }
    expect(tacticRow(db, 'bundle')).toEqual({ mode: 'off', split: 50 });
  });

  it('refuses an unknown tactic with 404, naming the tactics there are', async () => {
    const { app } = createTrainerApp();
    const res = await request(app).put('/api/v1/trainer/tactics/hypnosis').set(bearer).send({ mode: 'on' });
    expect(res.status).toBe(404);
    expect(res.body.detail).toContain('There is no tactic called "hypnosis"');
    expect(res.body.detail).toContain('bundle');
  });

  it('answers 429 after five wrong passwords, then refuses even the right one for the window', async () => {
    const { app } = createTrainerApp();
    for (let i = 0; i < 5; i++) expect((await request(app).get('/api/v1/trainer/tactics').set('Authorization', `Bearer wrong-${i}`)).status).toBe(401);
    const res = await request(app).get('/api/v1/trainer/tactics').set(bearer);
    expect(res.status).toBe(429);
    expect(res.body.type).toBe('/docs/api#problem-too-many-requests');
    expect(res.headers['retry-after']).toBeDefined();
  });

  it('does not count a bad split from a trainer towards the throttle', async () => {
    const { app } = createTrainerApp();
    for (let i = 0; i < 6; i++) expect((await request(app).put('/api/v1/trainer/tactics/bundle').set(bearer).send({ mode: 'ab', split: 500 })).status).toBe(422);
    expect((await request(app).get('/api/v1/trainer/tactics').set(bearer)).status).toBe(200);
  });

  it('is in the OpenAPI document with its bearer security scheme', async () => {
    const { app } = createTrainerApp();
    const doc = (await request(app).get('/api/v1/openapi.json')).body;
    expect(doc.components.securitySchemes.trainerPassword).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.paths['/trainer/tactics'].get.security).toEqual([{ trainerPassword: [] }]);
    expect(doc.paths['/trainer/tactics/{code}'].put.security).toEqual([{ trainerPassword: [] }]);
    expect(doc.paths['/trainer/tactics/{code}'].put.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/SetTacticInput' });
    expect(doc.paths['/flights'].get.security).toEqual([]); // declared empty: open (issue 13, redocly's security-defined)
  });
});
