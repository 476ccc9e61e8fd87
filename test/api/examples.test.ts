// The examples of the API reference (src/features/api/examples.ts) are live answers: every answer the
// OpenAPI document lists (each status of each operation) has one, the scenario that produced them gives
// the same answers today (ids the server draws at random aside), and the request bodies the document
// shows replay against the documented seed. When the API changes on purpose, run `npm run api:examples`
// and review the diff.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { API_EXAMPLES } from '../../src/features/api/examples.ts';
import type { OpenApiDocument } from '../../src/features/api/openapi.ts';
import { EXAMPLES_FILE, EXAMPLES_NOW, EXAMPLES_SEED, EXAMPLES_TRAINER_PASSWORD, normaliseExamples, renderExamplesFile, runScenario } from '../../scripts/api-examples.ts';
import { createTestApp } from '../helpers/app.ts';
import { createTestDb, TEST_NOW, TEST_SEED } from '../helpers/db.ts';
import { API } from './api-helpers.ts';

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The scenario of scripts/api-examples.ts, run once for the tests that need its live answers. */
let ran: ReturnType<typeof runScenario> | undefined;
const scenario = () => (ran ??= runScenario(createTestDb()));

/** Headers of every HTTP answer (and the security headers every page has, docs/security.md): not the API's to document. */
const GENERIC_HEADERS = new Set([
  'cache-control', 'connection', 'content-encoding', 'content-length', 'content-security-policy', 'content-type', 'cross-origin-opener-policy',
  'cross-origin-resource-policy', 'date', 'etag', 'keep-alive', 'origin-agent-cluster', 'referrer-policy', 'strict-transport-security',
  'transfer-encoding', 'vary', 'x-content-type-options', 'x-dns-prefetch-control', 'x-download-options', 'x-frame-options',
  'x-permitted-cross-domain-policies', 'x-xss-protection',
]);

function demoApp() {
  return createTestApp({ env: { TEST_MODE: '1', TRAINER_PASSWORD: EXAMPLES_TRAINER_PASSWORD } });
}

async function fetchDocument(ctx = demoApp()): Promise<OpenApiDocument> {
  return (await ctx.agent.get(`${API}/openapi.json`)).body as OpenApiDocument;
}

describe('the API examples', () => {
  it('cover every answer the OpenAPI document lists (each status of each operation) and every request body', async () => {
    const document = await fetchDocument();
    const missing: string[] = [];
    let answers = 0;
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        for (const [status, response] of Object.entries(op.responses)) {
          if (status === 'default') continue; // "any other problem": a 500 no client can cause
          for (const [type, content] of Object.entries(response.content)) {
            const count = Object.keys(content.examples ?? {}).length;
            if (count === 0) missing.push(`${method.toUpperCase()} ${path} ${status} ${type}`);
            answers += count;
          }
        }
        if (op.requestBody && op.requestBody.content['application/json'].example === undefined) missing.push(`${method.toUpperCase()} ${path} request body`);
      }
    }
    expect(missing, 'add the answer to the scenario of scripts/api-examples.ts, then run npm run api:examples').toEqual([]);
    expect(answers).toBeGreaterThanOrEqual(160);
  });

  it('are what the deterministic demo answers now, for every operation, status and example (random ids aside)', async () => {
    // The test template is the demo's catalogue: same seed, same clock.
    expect([TEST_SEED, TEST_NOW]).toEqual([EXAMPLES_SEED, EXAMPLES_NOW]);
    const live = normaliseExamples((await scenario()).examples);
    const documented = normaliseExamples(API_EXAMPLES);
    expect(Object.keys(documented).sort()).toEqual(Object.keys(live).sort());
    for (const [op, examples] of Object.entries(documented)) {
      expect(examples.request, `${op} request`).toEqual(live[op]!.request);
      expect(Object.keys(examples.responses).sort(), op).toEqual(Object.keys(live[op]!.responses).sort());
      for (const [status, byName] of Object.entries(examples.responses)) {
        expect(byName, `${op} ${status}`).toEqual(live[op]!.responses[status]);
      }
    }
  }, 60000);

  it('came with headers the document lists for their operation and status (every header the server sends is documented)', async () => {
    const document = await fetchDocument();
    const byId = new Map(Object.values(document.paths).flatMap((methods) => Object.values(methods).map((op) => [op.operationId, op] as const)));
    const undocumented: string[] = [];
    for (const [operationId, statuses] of Object.entries((await scenario()).headers)) {
      for (const [status, names] of Object.entries(statuses)) {
        const documented = new Set(Object.keys(byId.get(operationId)!.responses[status]!.headers ?? {}).map((h) => h.toLowerCase()));
        // The session cookie a first request gets is the session the description explains (skylark.sid), on any answer.
        const own = [...names].filter((h) => !GENERIC_HEADERS.has(h) && !documented.has(h) && !(h === 'set-cookie' && `${operationId} ${status}` !== 'enterSandbox 303'));
        if (own.length > 0) undocumented.push(`${operationId} ${status}: ${own.join(', ')}`);
      }
    }
    expect(undocumented).toEqual([]);
  }, 60000);

  it('are written by the generator, not edited by hand (the file is exactly what it renders)', () => {
    expect(readFileSync(EXAMPLES_FILE, 'utf8')).toBe(renderExamplesFile(API_EXAMPLES));
  });
});

describe('the request examples of the OpenAPI document', () => {
  it('replay against the documented seed, in the order of a booking: open, passengers, seats, extras, pay, then buy a bag for it', async () => {
    const ctx = demoApp();
    const document = await fetchDocument(ctx);
    const example = (path: string, method: 'post' | 'put') => document.paths[path]![method]!.requestBody!.content['application/json'].example as Body;
    const send = (method: 'post' | 'put', path: string, body: unknown) => ctx.agent[method](`${API}${path}`).send(body as object);

    const opened = await send('post', '/checkouts', example('/checkouts', 'post'));
    expect(opened.status, opened.text).toBe(201);
    const id = opened.body.id as string;
    for (const [path, status] of [['/passengers', 200], ['/seats', 200], ['/extras', 200], ['/payment', 201]] as const) {
      const method = path === '/payment' ? 'post' : 'put';
      const res = await send(method, `/checkouts/${id}${path}`, example(`/checkouts/{id}${path}`, method));
      expect(res.status, `${path}: ${res.text}`).toBe(status);
    }
    const reference = (await ctx.agent.get(`${API}/checkouts/${id}`)).body.bookingReference as string;
    const familyName = (example('/checkouts/{id}/passengers', 'put').passengers as Body[])[0]!.familyName as string;
    const bought = await send('post', `/bookings/${reference}/extras?lastName=${familyName}`, example('/bookings/{reference}/extras', 'post'));
    expect(bought.status, bought.text).toBe(201);
  });

  it('replay for the 3-D Secure answers, the trainer and the test clock', async () => {
    const ctx = demoApp();
    const document = await fetchDocument(ctx);
    const example = (path: string, method: 'post' | 'put') => document.paths[path]![method]!.requestBody!.content['application/json'].example as object;
    const opened = await ctx.agent.post(`${API}/checkouts`).send(example('/checkouts', 'post'));
    const id = opened.body.id as string;
    await ctx.agent.put(`${API}/checkouts/${id}/passengers`).send(example('/checkouts/{id}/passengers', 'put'));
    const threeDs = { card: { number: '4000 0027 6000 3184', name: 'Ada Lovelace', expiry: '12/30', cvc: '123' } };
    const pending = await ctx.agent.post(`${API}/checkouts/${id}/payment`).send(threeDs);
    expect(pending.status, pending.text).toBe(202);
    const answered = await ctx.agent.post(pending.body.challenge.answer.path as string).send(example('/checkouts/{id}/payment/challenges/{challengeId}', 'post'));
    expect(answered.status, answered.text).toBe(201);

    const reference = answered.body.reference as string;
    const purchase = await ctx.agent.post(`${API}/bookings/${reference}/extras?lastName=Lovelace`).send({ purchaseId: 'replayed-priority', item: { type: 'priority', passengerIdx: 1, direction: 'outbound' }, ...threeDs });
    expect(purchase.status, purchase.text).toBe(202);
    const bought = await ctx.agent.post(`${purchase.body.challenge.answer.path as string}?lastName=Lovelace`).send(example('/bookings/{reference}/extras/{purchaseId}/challenge', 'post'));
    expect(bought.status, bought.text).toBe(201);

    const tactic = await ctx.agent.put(`${API}/trainer/tactics/scarcity`).set('Authorization', `Bearer ${EXAMPLES_TRAINER_PASSWORD}`).send(example('/trainer/tactics/{code}', 'put'));
    expect(tactic.status, tactic.text).toBe(200);
    const moved = await ctx.agent.post(`${API}/test/clock`).send(example('/test/clock', 'post'));
    expect(moved.status, moved.text).toBe(200);
  });

  it('in docs/api.md replay too: its checkout (a return trip for a family) opens on the documented seed, and its passengers go in', async () => {
    const guide = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'api.md'), 'utf8');
    const blocks = [...guide.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]!);
    const open = JSON.parse(blocks.find((b) => b.includes('"outbound": { "fareId"'))!) as Body;
    const passengers = JSON.parse(blocks.find((b) => b.includes('"passengers": [') && b.includes('"contact"'))!) as Body;
    const ctx = demoApp();
    const opened = await ctx.agent.post(`${API}/checkouts`).send(open);
    expect(opened.status, opened.text).toBe(201);
    const saved = await ctx.agent.put(`${API}/checkouts/${opened.body.id as string}/passengers`).send(passengers);
    expect(saved.status, saved.text).toBe(200);
  });

  it('are all replayed above: the operations that take a body are exactly these ten', async () => {
    const document = await fetchDocument();
    const withBody = Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).filter(([, op]) => op.requestBody).map(([m]) => `${m} ${path}`));
    expect(withBody.sort()).toEqual(
      [
        'post /checkouts',
        'put /checkouts/{id}/passengers',
        'put /checkouts/{id}/seats',
        'put /checkouts/{id}/extras',
        'post /checkouts/{id}/payment',
        'post /checkouts/{id}/payment/challenges/{challengeId}',
        'post /bookings/{reference}/extras',
        'post /bookings/{reference}/extras/{purchaseId}/challenge',
        'put /trainer/tactics/{code}',
        'post /test/clock',
      ].sort(),
    );
  });
});
