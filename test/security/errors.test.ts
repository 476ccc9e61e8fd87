// One error path: every malformed request gets a 4xx page or problem document (never a 500), a fault
// of ours is a 500 that names nothing inside, the process keeps answering, and every answer carries
// an X-Request-Id. The domain's issues reach the API as field paths.
import request from 'supertest';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { describeError, problemDocument } from '../../src/lib/error-mapper.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../src/lib/errors.ts';
import { createLogger } from '../../src/lib/logger.ts';
import { createTestApp, text } from '../helpers/app.ts';
import { API, apiCheckoutWithPassengers } from '../api/api-helpers.ts';

/** Nothing from inside: no stack frame, no SQL or SQLite, no file path. */
const INSIDE = /SqliteError|SQLITE_|SELECT |INSERT |\bat \S+ \(|node_modules|\/src\/|\.ts:\d+/;

describe('malformed requests get a 4xx, never a 500', () => {
  it('answers a path that does not percent-decode with 400: a problem under /api, a page elsewhere', async () => {
    const ctx = createTestApp();
    for (const path of [`${API}/bookings/%ED%A0%80?lastName=x`, `${API}/checkouts/%E0%A4%A`, `${API}/checkouts/%FF/seat-maps`]) {
      const res = await request(ctx.app).get(path);
      expect(res.status, path).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ type: '/docs/api#problem-malformed-request', status: 400 });
      expect(res.text).not.toMatch(INSIDE);
    }
    for (const path of ['/bookings/%ED%A0%80', '/checkouts/%E0%A4%A/passengers', '/bookings/%C0/hotel']) {
      const res = path.endsWith('hotel') ? await request(ctx.app).post(path) : await request(ctx.app).get(path);
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.status, path).toBeLessThan(500);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.text).not.toMatch(INSIDE);
    }
  });

  it("answers malformed JSON with the API's own problem type, not about:blank", async () => {
    const ctx = createTestApp();
    const id = await apiCheckoutWithPassengers(ctx);
    const res = await ctx.agent.put(`${API}/checkouts/${id}/seats`).set('Content-Type', 'application/json').send('{"seats": [');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ type: '/docs/api#problem-malformed-request', title: 'Malformed request', status: 400, detail: 'The request body is not valid JSON.' });
    expect(res.body.instance).toBe(`${API}/checkouts/${id}/seats`);
  });

  it('answers a body too large with 413 (problem or page), an unknown charset or encoding with 415, a body that is not JSON with 415', async () => {
    const ctx = createTestApp();
    const id = await apiCheckoutWithPassengers(ctx);
    const big = await ctx.agent.put(`${API}/checkouts/${id}/extras`).set('Content-Type', 'application/json').send(`{"x":"${'a'.repeat(70 * 1024)}"}`);
    expect(big.status).toBe(413);
    expect(big.body.type).toBe('/docs/api#problem-payload-too-large');
    const charset = await ctx.agent.put(`${API}/checkouts/${id}/extras`).set('Content-Type', 'application/json; charset=iso-8859-1').send('{}');
    expect(charset.status).toBe(415);
    expect(charset.body.type).toBe('/docs/api#problem-unsupported-media-type');
    const encoding = await ctx.agent.put(`${API}/checkouts/${id}/extras`).set('Content-Type', 'application/json').set('Content-Encoding', 'zz').send('{}');
    expect(encoding.status).toBe(415);
    const form = await ctx.agent.put(`${API}/checkouts/${id}/extras`).type('form').send('bags=1');
    expect(form.status).toBe(415);
    const page = await ctx.agent.post('/manage').type('form').send(`reference=${'A'.repeat(40 * 1024)}`);
    expect(page.status).toBe(413);
    expect(text(page.text)).toContain('Too much data');
  });

  it('keeps answering after a handler fails, with a 500 that shows no stack, SQL or path (page and API)', async () => {
    const ctx = createTestApp();
    const id = await apiCheckoutWithPassengers(ctx);
    ctx.db.exec('DROP TABLE offer_events');
    const api = await ctx.agent.get(`${API}/checkouts/${id}/seat-maps`);
    expect(api.status).toBe(500);
    expect(api.body).toMatchObject({ type: '/docs/api#problem-server-error', status: 500 });
    expect(api.text).not.toMatch(INSIDE);
    const page = await ctx.agent.get('/flights?from=DUB&to=LIS&depart=2026-12-10&adults=1&children=0&infants=0&trip=one_way');
    expect(page.status).toBe(500);
    expect(page.text).not.toMatch(INSIDE);
    expect((await ctx.agent.get('/health')).status).toBe(200);
    expect((await ctx.agent.get(`${API}/airports`)).status).toBe(200);
  });
});

describe('the one error mapper', () => {
  it("maps the domain's issues to problem fields by path: ['passengers', 2, 'dateOfBirth'] is passengers/2/dateOfBirth", () => {
    const error = new ValidationError('Some fields need another look.', [
      { path: ['passengers', 2, 'dateOfBirth'], message: 'A child is 2 to 11 years old on the day of travel', code: 'age' },
      { path: ['contact', 'email'], message: 'Enter an e-mail address' },
    ]);
    const doc = problemDocument(describeError(error), '/api/v1/checkouts/x/passengers');
    expect(doc).toEqual({
      type: '/docs/api#problem-validation',
      title: 'Invalid input',
      status: 422,
      detail: 'Some fields need another look.',
      instance: '/api/v1/checkouts/x/passengers',
      errors: [
        { field: 'passengers/2/dateOfBirth', code: 'age', message: 'A child is 2 to 11 years old on the day of travel' },
        { field: 'contact/email', code: 'invalid', message: 'Enter an e-mail address' },
      ],
    });
    expect(describeError(new ConflictError('Seat taken', [{ path: ['seats', 'outbound', 1], message: 'Taken' }])).errors).toEqual([{ field: 'seats/outbound/1', code: 'invalid', message: 'Taken' }]);
    expect(describeError(new NotFoundError()).kind).toBe('not-found');
  });

  it('describes what the body parser, the router and CSRF throw as client errors, and anything else as a fault', () => {
    expect(describeError(Object.assign(new Error('Unexpected token'), { status: 400, type: 'entity.parse.failed', expose: true }))).toMatchObject({ kind: 'malformed-request', fault: false });
    expect(describeError(Object.assign(new Error('too large'), { status: 413, type: 'entity.too.large', expose: true }))).toMatchObject({ kind: 'payload-too-large', status: 413 });
    expect(describeError(Object.assign(new Error("Failed to decode param '%ED'"), { status: 400 }))).toMatchObject({ kind: 'malformed-request' });
    expect(describeError(Object.assign(new Error('invalid csrf token'), { status: 403, code: 'EBADCSRFTOKEN' }))).toMatchObject({ kind: 'form-expired', status: 403 });
    const fault = describeError(new TypeError("Cannot read properties of undefined (reading 'x') at /work/src/app.ts:3"));
    expect(fault).toMatchObject({ kind: 'server-error', status: 500, fault: true });
    expect(fault.detail).not.toMatch(INSIDE);
  });
});

describe('request ids and logs', () => {
  function withLog() {
    const lines: Array<Record<string, unknown>> = [];
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    const base = createTestApp();
    const logger = createLogger({ logLevel: 'info' }, stream);
    const app = createApp({ db: base.db, config: base.config, clock: base.clock, logger });
    return { app, lines, db: base.db };
  }

  it('echoes a usable X-Request-Id, makes one up otherwise, on every answer (errors too)', async () => {
    const { app } = withLog();
    expect((await request(app).get('/health').set('X-Request-Id', 'abc-123')).headers['x-request-id']).toBe('abc-123');
    const made = (await request(app).get('/no/such/page').set('X-Request-Id', 'bad id\twith spaces')).headers['x-request-id'];
    expect(made).toMatch(/^[0-9a-f-]{36}$/);
    expect((await request(app).get(`${API}/bookings/%ED%A0%80`)).headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('logs one structured line per request with its id, and no name, e-mail or card in it', async () => {
    const { app, lines } = withLog();
    await request(app).get(`${API}/bookings/ZZZZZZ?lastName=Lovelace`).set('X-Request-Id', 'req-lookup-1');
    await request(app).post('/manage').type('form').send('reference=ZZZZZZ&familyName=Lovelace&email=ada@example.com');
    const line = lines.find((l) => (l.req as { id?: string } | undefined)?.id === 'req-lookup-1');
    expect(line).toMatchObject({ req: { method: 'GET', url: `${API}/bookings/ZZZZZZ?lastName=%5Bredacted%5D` }, res: { statusCode: 404 } });
    expect(typeof line!.responseTime).toBe('number');
    const all = JSON.stringify(lines);
    expect(all).not.toContain('Lovelace');
    expect(all).not.toContain('ada@example.com');
    expect(all).not.toMatch(/skylark\.sid=/);
  });

  it('logs a fault with its stack and the request id, while the answer shows neither', async () => {
    const { app, lines, db } = withLog();
    db.exec('DROP TABLE offer_events');
    const res = await request(app).get('/flights?from=DUB&to=LIS&depart=2026-12-10&adults=1&children=0&infants=0&trip=one_way').set('X-Request-Id', 'req-fault-1');
    expect(res.status).toBe(500);
    const line = lines.find((l) => (l.req as { id?: string } | undefined)?.id === 'req-fault-1')!;
    expect(line.level).toBe(50);
    expect(JSON.stringify(line.err)).toMatch(/offer_events/);
    expect(res.text).not.toMatch(/offer_events/);
  });
});
