// `npm run api:examples`: writes src/features/api/examples.ts, the examples of the API reference
// (/docs/api and the OpenAPI document): for every operation, its request body and an answer for every
// status it documents, each a live answer of the deterministic demo. The app runs on a fresh database
// seeded with DEMO_SEED=20261127, TEST_MODE=1, its clock stopped at DEMO_NOW=2026-11-27T09:00:00Z and
// moved a minute after each successful call. The scenario: one shopper (Ada Lovelace) books DUB–LIS
// one way through the API, a second checkout pays at once, the booking buys extras, the trainer sets a
// tactic, the tester's endpoints run; each refusal is provoked on the way (a malformed body, an unknown
// id, a seat another shopper holds, a reused Idempotency-Key, too many failed attempts …).
// test/api/examples.test.ts runs the same scenario and compares every example with its live answer.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import request from 'supertest';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { migrate, openDatabase, type Db } from '../src/db/database.ts';
import { ensureCatalogue } from '../src/features/catalogue/seed.ts';
import type { ApiExamples } from '../src/features/api/operation.ts';
import { fixedClock } from '../src/lib/clock.ts';

export const EXAMPLES_SEED = 20261127;
export const EXAMPLES_NOW = '2026-11-27T09:00:00Z';
const ROOT = join(fileURLToPath(import.meta.url), '..', '..');
export const EXAMPLES_FILE = join(ROOT, 'src', 'features', 'api', 'examples.ts');

const API = '/api/v1';
const STEP_MS = 60_000;
const SESSION = 'api-examples';
export const EXAMPLES_TRAINER_PASSWORD = 'examples-trainer-password';

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Method = 'get' | 'post' | 'put' | 'delete';
type Agent = ReturnType<typeof request.agent>;

/** A fresh database as src/server.ts makes it in deterministic mode (migrated, seeded with the demo seed). */
export function demoDatabase(): Db {
  const db = openDatabase(':memory:');
  migrate(db);
  ensureCatalogue(db, { seed: EXAMPLES_SEED, now: new Date(EXAMPLES_NOW) });
  return db;
}

/** What one call sends: a JSON body, or raw text with its Content-Type (malformed JSON, plain text, a body too large). */
type Send = {
  method: Method;
  path: string;
  body?: unknown;
  raw?: { text: string; type: string; about: string };
  headers?: Record<string, string>;
};

/** One documented answer: which operation, status and name, and a summary saying what provoked it. */
type Expect = { op: string; status: number; name: string; summary: string; trim?: { about: string; body: (b: Body) => unknown }; request?: boolean };

const BIG = JSON.stringify({ padding: 'x'.repeat(70 * 1024) });
const MALFORMED = '{"search": {';
const UNKNOWN_CHECKOUT = 'AAAAAAAAAAAAAAAAAAAAAA';
const BAD_ESCAPE = '%E0%A4%A'; // a percent-encoding that does not decode

/** The deterministic demo, a recorder of its answers, and the agents that talk to it. */
class Scenario {
  readonly examples: ApiExamples = {};
  /** The headers of each documented answer (lower case), by operation id and status: test/api/examples.test.ts checks they are documented. */
  readonly headers: Record<string, Record<string, Set<string>>> = {};
  readonly clock = fixedClock(EXAMPLES_NOW);
  readonly app;
  readonly agent: Agent;
  readonly other: Agent;
  /** The same database and clock without TEST_MODE: the tester's endpoints are a 404 there. */
  readonly plain: Agent;
  /** The same database with throttles of its own, counted from zero, for the 429s. */
  readonly throttled: Agent;

  constructor(readonly db: Db) {
    const env = { NODE_ENV: 'test', DEMO_SEED: String(EXAMPLES_SEED), DEMO_NOW: EXAMPLES_NOW, TEST_MODE: '1', PAYMENT_TIMEOUT_MS: '10', TRAINER_PASSWORD: EXAMPLES_TRAINER_PASSWORD };
    const secret = () => 'examples-secret-long-enough-32-chars';
    // The throttles count only on `throttled`: the scenario's own refusals would otherwise trip them.
    this.app = createApp({ db, config: loadConfig({ ...env, RATE_LIMIT: 'off' }, secret), clock: this.clock });
    this.agent = request.agent(this.app);
    this.other = request.agent(this.app);
    this.plain = request.agent(createApp({ db, config: loadConfig({ ...env, RATE_LIMIT: 'off', TEST_MODE: '0' }, secret), clock: this.clock }));
    this.throttled = request.agent(createApp({ db, config: loadConfig(env, secret), clock: this.clock }));
  }

  /** Sends a request (as the examples' session unless `session` says otherwise) and returns the raw answer. */
  async send(s: Send, agent: Agent = this.agent, session = SESSION) {
    let req = agent[s.method](`${API}${s.path}`).set('X-Session-Id', session);
    for (const [k, v] of Object.entries(s.headers ?? {})) req = req.set(k, v);
    if (s.raw) return req.set('Content-Type', s.raw.type).send(s.raw.text);
    if (s.body !== undefined) return req.send(s.body as object);
    if (s.method === 'post' || s.method === 'delete') return req.set('Content-Type', 'application/json');
    return req;
  }

  /** A call the scenario needs but does not document (a second shopper, a failed attempt counted by a throttle). */
  async setup(s: Send, status: number, agent?: Agent, session?: string): Promise<Body> {
    const res = await this.send(s, agent, session);
    if (res.status !== status) throw new Error(`${s.method.toUpperCase()} ${s.path} answered ${res.status}, expected ${status}: ${res.text.slice(0, 1000)}`);
    if (status < 300) this.clock.advance(STEP_MS);
    return res.body as Body;
  }

  /** A documented call: it must answer `e.status`; its answer (trimmed) becomes the example `e.name`. */
  async call(e: Expect, s: Send, agent?: Agent): Promise<Body> {
    const res = await this.send(s, agent);
    if (res.status !== e.status) throw new Error(`${e.op} ${e.name}: ${s.method.toUpperCase()} ${s.path} answered ${res.status}, expected ${e.status}: ${res.text.slice(0, 1000)}`);
    const body = res.body as Body;
    const seen = ((this.headers[e.op] ??= {})[String(e.status)] ??= new Set());
    for (const name of Object.keys(res.headers)) seen.add(name.toLowerCase());
    const operation = (this.examples[e.op] ??= { responses: {} });
    if (e.request) operation.request = s.body;
    const sent = s.raw ? ` with ${s.raw.about}` : s.body !== undefined ? ` with ${compact(s.body)}` : '';
    const shown = Object.entries(s.headers ?? {}).filter(([name]) => name !== 'Authorization');
    const description = `${s.method.toUpperCase()} ${API}${s.path}${shown.length ? ` (${shown.map(([k, v]) => `${k}: ${v}`).join(', ')})` : ''}${sent}${e.trim ? `. Trimmed: ${e.trim.about}` : ''}`;
    const byName = (operation.responses[String(e.status)] ??= {});
    if (byName[e.name]) throw new Error(`${e.op} ${e.status} ${e.name}: recorded twice`);
    byName[e.name] = { summary: e.summary, description, value: e.trim ? e.trim.body(body) : body };
    if (e.status < 300) this.clock.advance(STEP_MS);
    return body;
  }

  /** The answers every operation may give: 400 for a malformed request, and for a body 413 and 415. */
  async malformed(op: string, method: Method, path: string, hasBody: boolean, headers?: Record<string, string>): Promise<void> {
    const bodyless = method === 'get' || !hasBody;
    if (bodyless && path.includes('{bad}')) {
      await this.call({ op, status: 400, name: 'malformed-path', summary: 'A path that does not decode (a broken percent-encoding)' }, { method, path: path.replace('{bad}', BAD_ESCAPE), headers });
    } else {
      const at = path.replace('{bad}', '');
      await this.call({ op, status: 400, name: 'malformed-json', summary: 'A body that is not valid JSON' }, { method, path: at, headers, raw: { text: MALFORMED, type: 'application/json', about: `the body ${MALFORMED}` } });
    }
    if (method === 'get') return;
    const at = path.replace('{bad}', '');
    await this.call({ op, status: 413, name: 'too-large', summary: 'A body larger than 64 KB' }, { method, path: at, headers, raw: { text: BIG, type: 'application/json', about: `a JSON body of ${BIG.length} bytes` } });
    await this.call({ op, status: 415, name: 'not-json', summary: 'A body sent as text/plain' }, { method, path: at, headers, raw: { text: 'hello', type: 'text/plain', about: 'the text/plain body hello' } });
  }

  /**
   * The answers of Idempotency-Key itself, after `first` was sent with `key` and answered: the same request
   * again (its answer replayed), the key with another body (422), the key while its first request still
   * runs (409, Retry-After).
   * "Still running" is what a request killed mid-way leaves: the key reserved, no answer stored.
   */
  async idempotency(op: string, first: Send, key: string, otherBody: unknown): Promise<void> {
    // The same request again: the stored answer, replayed (its headers are checked against the document too).
    const replay = await this.send({ ...first, headers: { ...first.headers, 'Idempotency-Key': key } });
    if (replay.headers['idempotent-replayed'] !== 'true') throw new Error(`${op}: the retry with ${key} was not a replay: ${replay.status} ${replay.text.slice(0, 300)}`);
    const seen = ((this.headers[op] ??= {})[String(replay.status)] ??= new Set());
    for (const name of Object.keys(replay.headers)) seen.add(name.toLowerCase());
    await this.call({ op, status: 422, name: 'idempotency-key-reused', summary: 'The Idempotency-Key of an earlier request, with another body' }, { ...first, body: otherBody, headers: { ...first.headers, 'Idempotency-Key': key } });
    this.db.prepare("UPDATE idempotency_keys SET status = 'in_progress', response_status = NULL, response_body = NULL WHERE idempotency_key = ?").run(key);
    await this.call({ op, status: 409, name: 'idempotency-in-progress', summary: 'The Idempotency-Key of a request still being answered (Retry-After: 1)' }, { ...first, headers: { ...first.headers, 'Idempotency-Key': key } });
  }
}

/** A body on one line, for the description of an example. */
function compact(value: unknown): string {
  return JSON.stringify(value);
}

const firstOf = (n: number) => (list: unknown[]) => list.slice(0, n);

/** Books the example trip through the API, provoking every documented answer on the way; returns the examples. */
export async function liveExamples(db: Db = demoDatabase()): Promise<ApiExamples> {
  return (await runScenario(db)).examples;
}

/** The scenario: the examples it records, and the headers each answer came with. */
export async function runScenario(db: Db = demoDatabase()): Promise<Pick<Scenario, 'examples' | 'headers'>> {
  const sc = new Scenario(db);
  const ok = (op: string, status: number, summary: string, extra: Partial<Expect> = {}): Expect => ({ op, status, name: 'ok', summary, ...extra });

  // ---- The document and the catalogue --------------------------------------------------------
  await sc.call(
    ok('getOpenApiDocument', 200, 'The document', {
      trim: {
        about: 'openapi, info, jsonSchemaDialect, servers and the first operation’s id and summary',
        body: (d) => ({ openapi: d.openapi, info: d.info, jsonSchemaDialect: d.jsonSchemaDialect, servers: d.servers, paths: { '/openapi.json': { get: { operationId: d.paths['/openapi.json'].get.operationId, summary: d.paths['/openapi.json'].get.summary } } } }),
      },
    }),
    { method: 'get', path: '/openapi.json' },
  );
  await sc.malformed('getOpenApiDocument', 'get', '/openapi.json', false);
  await sc.call(ok('listAirports', 200, 'The airports', { trim: { about: 'the first three airports', body: (b) => ({ airports: firstOf(3)(b.airports) }) } }), { method: 'get', path: '/airports' });
  await sc.malformed('listAirports', 'get', '/airports', false);

  const searchPath = '/flights?from=DUB&to=LIS&depart=2026-12-10&adults=1';
  const search = await sc.call(
    ok('searchFlights', 200, 'One adult, Dublin to Lisbon, one way', {
      trim: {
        about: 'the first flight and two of its fares',
        body: (b) => ({ ...b, directions: (b.directions as Body[]).map((d) => ({ ...d, flights: (d.flights as Body[]).slice(0, 1).map((f) => ({ ...f, fares: (f.fares as Body[]).slice(0, 2) })) })) }),
      },
    }),
    { method: 'get', path: searchPath },
  );
  await sc.call({ op: 'searchFlights', status: 422, name: 'invalid-date', summary: 'A departure date that is not a date' }, { method: 'get', path: '/flights?from=DUB&to=LIS&depart=not-a-date&adults=1' });
  await sc.malformed('searchFlights', 'get', searchPath, false);

  const flights = search.directions[0].flights as Body[];
  const basics = flights.flatMap((f) => (f.fares as Body[]).filter((fare) => fare.family.code === 'basic' && fare.seatsLeft > 0));
  if (basics.length < 2) throw new Error('Fewer than two Basic fares on sale');
  const basic = basics[0]!;
  const openBody = { search: search.search, outbound: { fareId: basic.fareId } };

  // ---- The checkout --------------------------------------------------------------------------
  const open: Send = { method: 'post', path: '/checkouts', body: openBody, headers: { 'Idempotency-Key': 'example-open-checkout' } };
  const opened = await sc.call(ok('createCheckout', 201, 'A checkout with the Basic fare', { request: true }), open);
  const id = opened.id as string;
  await sc.idempotency('createCheckout', open, 'example-open-checkout', { ...openBody, outbound: { fareId: basics[1]!.fareId } });
  await sc.call({ op: 'createCheckout', status: 422, name: 'unknown-fare', summary: 'A fare that is not one of the search' }, { method: 'post', path: '/checkouts', body: { ...openBody, outbound: { fareId: 1 } } });
  await sc.malformed('createCheckout', 'post', '/checkouts', true);

  await sc.call({ op: 'getCheckout', status: 404, name: 'unknown', summary: 'An unknown (or expired, or another session’s) checkout' }, { method: 'get', path: `/checkouts/${UNKNOWN_CHECKOUT}` });
  await sc.malformed('getCheckout', 'get', '/checkouts/{bad}', false);

  // Before the passengers, the steps after them are out of order.
  await sc.call({ op: 'getSeatMaps', status: 409, name: 'step-out-of-order', summary: 'Before the passengers are entered' }, { method: 'get', path: `/checkouts/${id}/seat-maps` });
  await sc.call({ op: 'listOffers', status: 409, name: 'step-out-of-order', summary: 'Before the passengers are entered' }, { method: 'get', path: `/checkouts/${id}/offers` });

  const passengersBody = { contact: { email: 'ada@example.com', phone: '+353 1 555 0100' }, passengers: [{ givenName: 'Ada', familyName: 'Lovelace' }] };
  const putPassengers: Send = { method: 'put', path: `/checkouts/${id}/passengers`, body: passengersBody, headers: { 'Idempotency-Key': 'example-passengers' } };
  await sc.call({ op: 'putPassengers', status: 422, name: 'invalid', summary: 'An e-mail address without a domain and a name with digits' }, { method: 'put', path: `/checkouts/${id}/passengers`, body: { contact: { email: 'ada@', phone: '+353 1 555 0100' }, passengers: [{ givenName: 'Ada2', familyName: 'Lovelace' }] } });
  await sc.call(ok('putPassengers', 200, 'One adult and the contact details', { request: true }), putPassengers);
  await sc.idempotency('putPassengers', putPassengers, 'example-passengers', { ...passengersBody, contact: { ...passengersBody.contact, phone: '+353 1 555 0199' } });
  await sc.call({ op: 'putPassengers', status: 404, name: 'unknown', summary: 'An unknown checkout' }, { method: 'put', path: `/checkouts/${UNKNOWN_CHECKOUT}/passengers`, body: passengersBody });
  await sc.malformed('putPassengers', 'put', `/checkouts/${id}/passengers`, true);

  // Seats: another shopper holds the second free standard seat, so choosing it is a 409.
  const maps = (await sc.send({ method: 'get', path: `/checkouts/${id}/seat-maps` })).body as Body;
  const cells = (maps.flights[0].rows as Body[]).flatMap((r) => (r.groups as Body[][]).flat());
  const free = cells.filter((c) => c.zone === 'standard' && c.available && (c.restrictedFor as unknown[]).length === 0);
  if (free.length < 2) throw new Error('Fewer than two free standard seats');
  const [seat, taken] = [free[0]!.seat as string, free[1]!.seat as string];
  const rival = await sc.setup({ method: 'post', path: '/checkouts', body: openBody }, 201, sc.other, 'api-examples-rival');
  await sc.setup({ method: 'put', path: `/checkouts/${rival.id}/passengers`, body: { contact: { email: 'grace@example.com', phone: '+1 202 555 0100' }, passengers: [{ givenName: 'Grace', familyName: 'Hopper' }] } }, 200, sc.other, 'api-examples-rival');
  await sc.setup({ method: 'put', path: `/checkouts/${rival.id}/seats`, body: { seats: [{ passengerIdx: 1, direction: 'outbound', seat: taken }] } }, 200, sc.other, 'api-examples-rival');

  const seatsBody = { seats: [{ passengerIdx: 1, direction: 'outbound', seat }] };
  const putSeats: Send = { method: 'put', path: `/checkouts/${id}/seats`, body: seatsBody, headers: { 'Idempotency-Key': 'example-seats' } };
  await sc.call({ op: 'putSeats', status: 409, name: 'seat-taken', summary: 'A seat another traveller holds' }, { method: 'put', path: `/checkouts/${id}/seats`, body: { seats: [{ passengerIdx: 1, direction: 'outbound', seat: taken }] } });
  await sc.call({ op: 'putSeats', status: 422, name: 'invalid', summary: 'A seat that is not on the aircraft' }, { method: 'put', path: `/checkouts/${id}/seats`, body: { seats: [{ passengerIdx: 1, direction: 'outbound', seat: '99A' }] } });
  await sc.call(ok('putSeats', 200, 'The first free standard seat', { request: true }), putSeats);
  await sc.idempotency('putSeats', putSeats, 'example-seats', { seats: [{ passengerIdx: 1, direction: 'outbound', seat: null }] });
  await sc.call({ op: 'putSeats', status: 404, name: 'unknown', summary: 'An unknown checkout' }, { method: 'put', path: `/checkouts/${UNKNOWN_CHECKOUT}/seats`, body: seatsBody });
  await sc.malformed('putSeats', 'put', `/checkouts/${id}/seats`, true);

  await sc.call(ok('getCheckout', 200, 'After the passengers and a seat'), { method: 'get', path: `/checkouts/${id}` });
  await sc.call(
    ok('getSeatMaps', 200, 'The cabin of the Basic fare, the seat held', {
      trim: { about: 'one row of the cabin', body: (b) => ({ ...b, flights: (b.flights as Body[]).map((f) => ({ ...f, rows: (f.rows as Body[]).filter((r) => (r.groups as Body[][]).flat().some((c) => c.seat === seat)) })) }) },
    }),
    { method: 'get', path: `/checkouts/${id}/seat-maps` },
  );
  await sc.call({ op: 'getSeatMaps', status: 404, name: 'unknown', summary: 'An unknown checkout' }, { method: 'get', path: `/checkouts/${UNKNOWN_CHECKOUT}/seat-maps` });
  await sc.malformed('getSeatMaps', 'get', '/checkouts/{bad}/seat-maps', false);

  await sc.call(ok('listOffers', 200, 'The offers of the extras step'), { method: 'get', path: `/checkouts/${id}/offers?placement=extras` });
  await sc.call({ op: 'listOffers', status: 422, name: 'invalid', summary: 'A placement that is not a step' }, { method: 'get', path: `/checkouts/${id}/offers?placement=lounge` });
  await sc.call({ op: 'listOffers', status: 404, name: 'unknown', summary: 'An unknown checkout' }, { method: 'get', path: `/checkouts/${UNKNOWN_CHECKOUT}/offers` });
  await sc.malformed('listOffers', 'get', '/checkouts/{bad}/offers', false);

  const extrasBody = { bags: [{ passengerIdx: 1, direction: 'outbound', quantity: 1 }], priority: [{ passengerIdx: 1, direction: 'outbound', answer: 'decline' }], hotel: { answer: 'decline' }, insurance: 'add' };
  const putExtras: Send = { method: 'put', path: `/checkouts/${id}/extras`, body: extrasBody, headers: { 'Idempotency-Key': 'example-extras' } };
  await sc.call({ op: 'putExtras', status: 422, name: 'invalid', summary: 'More bags than a passenger may check' }, { method: 'put', path: `/checkouts/${id}/extras`, body: { ...extrasBody, bags: [{ passengerIdx: 1, direction: 'outbound', quantity: 9 }] } });
  await sc.call(ok('putExtras', 200, 'A bag and insurance; no priority, no hotel', { request: true }), putExtras);
  await sc.idempotency('putExtras', putExtras, 'example-extras', { ...extrasBody, insurance: 'decline' });
  await sc.call({ op: 'putExtras', status: 404, name: 'unknown', summary: 'An unknown checkout' }, { method: 'put', path: `/checkouts/${UNKNOWN_CHECKOUT}/extras`, body: extrasBody });
  await sc.malformed('putExtras', 'put', `/checkouts/${id}/extras`, true);

  // ---- Payment -------------------------------------------------------------------------------
  const card = (number: string) => ({ card: { number, name: 'Ada Lovelace', expiry: '12/30', cvc: '123' } });
  const pay = (number: string): Send => ({ method: 'post', path: `/checkouts/${id}/payment`, body: card(number) });
  await sc.call({ op: 'payCheckout', status: 402, name: 'declined', summary: 'The declined test card' }, pay('4000 0000 0000 0002'));
  await sc.call({ op: 'payCheckout', status: 422, name: 'invalid', summary: 'A card number that fails its check digit' }, pay('4242 4242 4242 4241'));
  await sc.call({ op: 'payCheckout', status: 504, name: 'timeout', summary: 'The time-out test card (PAYMENT_TIMEOUT_MS=10 here)' }, pay('4000 0000 0000 0119'));
  await sc.call({ op: 'payCheckout', status: 404, name: 'unknown', summary: 'An unknown checkout' }, { ...pay('4242 4242 4242 4242'), path: `/checkouts/${UNKNOWN_CHECKOUT}/payment` });
  await sc.malformed('payCheckout', 'post', `/checkouts/${id}/payment`, true);
  const pending = await sc.call({ op: 'payCheckout', status: 202, name: 'challenge', summary: 'The 3-D Secure test card' }, pay('4000 0027 6000 3184'));

  const challengePath = (pending.challenge.answer.path as string).replace(API, '');
  await sc.call(ok('getChallenge', 200, 'A challenge waiting for its answer'), { method: 'get', path: challengePath });
  await sc.call({ op: 'getChallenge', status: 404, name: 'unknown', summary: 'An unknown challenge' }, { method: 'get', path: `/checkouts/${id}/payment/challenges/${UNKNOWN_CHECKOUT}` });
  await sc.malformed('getChallenge', 'get', `/checkouts/${id}/payment/challenges/{bad}`, false);

  const answer: Send = { method: 'post', path: challengePath, body: { outcome: 'approve' }, headers: { 'Idempotency-Key': 'example-approve' } };
  await sc.call({ op: 'answerChallenge', status: 422, name: 'invalid', summary: 'An outcome that is neither approve nor fail' }, { method: 'post', path: challengePath, body: { outcome: 'maybe' } });
  await sc.call({ op: 'answerChallenge', status: 404, name: 'unknown', summary: 'An unknown challenge' }, { method: 'post', path: `/checkouts/${id}/payment/challenges/${UNKNOWN_CHECKOUT}`, body: { outcome: 'approve' } });
  await sc.malformed('answerChallenge', 'post', challengePath, true);
  const booked = await sc.call(ok('answerChallenge', 201, 'Approved: booked', { request: true }), answer);
  await sc.idempotency('answerChallenge', answer, 'example-approve', { outcome: 'fail' });
  await sc.call({ op: 'answerChallenge', status: 409, name: 'already-booked', summary: 'Answering again once booked' }, { method: 'post', path: challengePath, body: { outcome: 'approve' } });
  const reference = booked.reference as string;

  await sc.call({ op: 'payCheckout', status: 409, name: 'already-booked', summary: 'Paying a booked checkout again' }, pay('4242 4242 4242 4242'));
  await sc.call({ op: 'putPassengers', status: 409, name: 'already-booked', summary: 'Changing the passengers of a booked checkout' }, putPassengers);

  // A second checkout: a 3-D Secure challenge failed (402), then paid at once (201).
  const second = await sc.setup({ method: 'post', path: '/checkouts', body: { ...openBody, outbound: { fareId: basics[1]!.fareId } } }, 201);
  await sc.setup({ method: 'put', path: `/checkouts/${second.id}/passengers`, body: passengersBody }, 200);
  const secondPending = await sc.setup({ method: 'post', path: `/checkouts/${second.id}/payment`, body: card('4000 0027 6000 3184') }, 202);
  await sc.call({ op: 'answerChallenge', status: 402, name: 'failed', summary: 'The customer failed the challenge' }, { method: 'post', path: (secondPending.challenge.answer.path as string).replace(API, ''), body: { outcome: 'fail' } });
  const payNow: Send = { method: 'post', path: `/checkouts/${second.id}/payment`, body: card('4242 4242 4242 4242'), headers: { 'Idempotency-Key': 'example-pay' } };
  await sc.call(ok('payCheckout', 201, 'The approved test card: booked', { request: true }), payNow);
  await sc.idempotency('payCheckout', payNow, 'example-pay', card('4000 0000 0000 3055'));

  // ---- The booking ---------------------------------------------------------------------------
  const bookingPath = `/bookings/${reference}`;
  await sc.call(ok('getBooking', 200, 'The booking, opened by a passenger’s family name'), { method: 'get', path: `${bookingPath}?lastName=Lovelace` });
  await sc.call({ op: 'getBooking', status: 404, name: 'unknown', summary: 'A reference with another family name' }, { method: 'get', path: `${bookingPath}?lastName=Byron` });
  await sc.call({ op: 'getBooking', status: 422, name: 'invalid', summary: 'Neither lastName nor access' }, { method: 'get', path: bookingPath });
  await sc.malformed('getBooking', 'get', '/bookings/{bad}?lastName=Lovelace', false);

  await sc.call(ok('listCheckoutEvents', 200, 'The offer events of the booked checkout'), { method: 'get', path: `/checkouts/${id}/events` });
  await sc.call({ op: 'listCheckoutEvents', status: 404, name: 'unknown', summary: 'An unknown checkout' }, { method: 'get', path: `/checkouts/${UNKNOWN_CHECKOUT}/events` });
  await sc.malformed('listCheckoutEvents', 'get', '/checkouts/{bad}/events', false);

  // ---- Manage booking ------------------------------------------------------------------------
  await sc.call(
    ok('listBookingOffers', 200, 'What the booking can still buy', {
      trim: { about: 'the first three seats of a seat offer', body: (b) => ({ ...b, offers: (b.offers as Body[]).map((o) => (o.seats ? { ...o, seats: firstOf(3)(o.seats) } : o)) }) },
    }),
    { method: 'get', path: `${bookingPath}/offers?lastName=Lovelace` },
  );
  await sc.call({ op: 'listBookingOffers', status: 404, name: 'unknown', summary: 'A reference with another family name' }, { method: 'get', path: `${bookingPath}/offers?lastName=Byron` });
  await sc.call({ op: 'listBookingOffers', status: 422, name: 'invalid', summary: 'Neither lastName nor access' }, { method: 'get', path: `${bookingPath}/offers` });
  await sc.malformed('listBookingOffers', 'get', '/bookings/{bad}/offers?lastName=Lovelace', false);

  const extras = `${bookingPath}/extras?lastName=Lovelace`;
  const bagBody = { purchaseId: 'example-buy-bag', item: { type: 'bag', passengerIdx: 1, direction: 'outbound', quantity: 1 }, ...card('4242 4242 4242 4242') };
  const buyBag: Send = { method: 'post', path: extras, body: bagBody, headers: { 'Idempotency-Key': 'example-buy-bag' } };
  await sc.call(ok('buyExtra', 201, 'A checked bag, paid with the approved test card', { request: true }), buyBag);
  await sc.idempotency('buyExtra', buyBag, 'example-buy-bag', { ...bagBody, item: { ...bagBody.item, quantity: 2 } });
  await sc.call({ op: 'buyExtra', status: 200, name: 'already-bought', summary: 'The same purchase id again: nothing charged' }, { method: 'post', path: extras, body: bagBody });
  await sc.call({ op: 'buyExtra', status: 409, name: 'already-bought', summary: 'Insurance the booking has already' }, { method: 'post', path: extras, body: { purchaseId: 'example-buy-insurance', item: { type: 'insurance' }, ...card('4242 4242 4242 4242') } });
  await sc.call({ op: 'buyExtra', status: 422, name: 'invalid', summary: 'More bags than a passenger may check' }, { method: 'post', path: extras, body: { ...bagBody, purchaseId: 'example-buy-bags', item: { ...bagBody.item, quantity: 5 } } });
  await sc.call({ op: 'buyExtra', status: 402, name: 'declined', summary: 'The declined test card' }, { method: 'post', path: extras, body: { ...bagBody, purchaseId: 'example-buy-declined', ...card('4000 0000 0000 0002') } });
  await sc.call({ op: 'buyExtra', status: 504, name: 'timeout', summary: 'The time-out test card (PAYMENT_TIMEOUT_MS=10 here)' }, { method: 'post', path: extras, body: { ...bagBody, purchaseId: 'example-buy-timeout', ...card('4000 0000 0000 0119') } });
  await sc.call({ op: 'buyExtra', status: 404, name: 'unknown', summary: 'A reference with another family name' }, { method: 'post', path: `${bookingPath}/extras?lastName=Byron`, body: { ...bagBody, purchaseId: 'example-buy-unknown' } });
  await sc.malformed('buyExtra', 'post', extras, true);

  const priority = { item: { type: 'priority', passengerIdx: 1, direction: 'outbound' }, ...card('4000 0027 6000 3184') };
  const challenged = await sc.call({ op: 'buyExtra', status: 202, name: 'challenge', summary: 'Priority boarding with the 3-D Secure test card' }, { method: 'post', path: extras, body: { ...priority, purchaseId: 'example-buy-priority' } });
  const purchaseChallenge = `${(challenged.challenge.answer.path as string).replace(API, '')}?lastName=Lovelace`;
  const approve: Send = { method: 'post', path: purchaseChallenge, body: { outcome: 'approve' }, headers: { 'Idempotency-Key': 'example-approve-purchase' } };
  await sc.call({ op: 'answerPurchaseChallenge', status: 422, name: 'invalid', summary: 'An outcome that is neither approve nor fail' }, { method: 'post', path: purchaseChallenge, body: { outcome: 'maybe' } });
  await sc.malformed('answerPurchaseChallenge', 'post', purchaseChallenge, true);
  await sc.call(ok('answerPurchaseChallenge', 201, 'Approved: bought', { request: true }), approve);
  await sc.idempotency('answerPurchaseChallenge', approve, 'example-approve-purchase', { outcome: 'fail' });
  await sc.call({ op: 'answerPurchaseChallenge', status: 200, name: 'already-bought', summary: 'Answering again once bought' }, { method: 'post', path: purchaseChallenge, body: { outcome: 'approve' } });
  const another = await sc.setup({ method: 'post', path: extras, body: { ...bagBody, purchaseId: 'example-buy-bag-3ds', ...card('4000 0027 6000 3184') } }, 202);
  await sc.call({ op: 'answerPurchaseChallenge', status: 402, name: 'failed', summary: 'The customer failed the challenge' }, { method: 'post', path: `${(another.challenge.answer.path as string).replace(API, '')}?lastName=Lovelace`, body: { outcome: 'fail' } });
  await sc.call({ op: 'answerPurchaseChallenge', status: 404, name: 'unknown', summary: 'A purchase id the booking does not have' }, { method: 'post', path: `${bookingPath}/extras/example-no-such-purchase/challenge?lastName=Lovelace`, body: { outcome: 'approve' } });

  await sc.call(ok('listBookingEvents', 200, 'The offer events of the booking, manage placement included'), { method: 'get', path: `${bookingPath}/events?lastName=Lovelace` });
  await sc.call({ op: 'listBookingEvents', status: 404, name: 'unknown', summary: 'A reference with another family name' }, { method: 'get', path: `${bookingPath}/events?lastName=Byron` });
  await sc.call({ op: 'listBookingEvents', status: 422, name: 'invalid', summary: 'Neither lastName nor access' }, { method: 'get', path: `${bookingPath}/events` });
  await sc.malformed('listBookingEvents', 'get', '/bookings/{bad}/events?lastName=Lovelace', false);

  // ---- The trainer ---------------------------------------------------------------------------
  const bearer = { Authorization: `Bearer ${EXAMPLES_TRAINER_PASSWORD}` };
  await sc.call(ok('listTactics', 200, 'The playbook', { trim: { about: 'the first two tactics', body: (b) => ({ tactics: firstOf(2)(b.tactics) }) } }), { method: 'get', path: '/trainer/tactics', headers: bearer });
  await sc.call({ op: 'listTactics', status: 401, name: 'unauthorized', summary: 'No bearer token' }, { method: 'get', path: '/trainer/tactics' });
  await sc.malformed('listTactics', 'get', '/trainer/tactics', false, bearer);
  const setTactic: Send = { method: 'put', path: '/trainer/tactics/scarcity', body: { mode: 'ab', split: 50 }, headers: { ...bearer, 'Idempotency-Key': 'example-tactic' } };
  await sc.call(ok('setTactic', 200, 'Scarcity as an A/B test, half and half', { request: true }), setTactic);
  await sc.idempotency('setTactic', setTactic, 'example-tactic', { mode: 'on' });
  await sc.call({ op: 'setTactic', status: 422, name: 'invalid', summary: 'A split over 100' }, { method: 'put', path: '/trainer/tactics/scarcity', body: { mode: 'ab', split: 150 }, headers: bearer });
  await sc.call({ op: 'setTactic', status: 404, name: 'unknown', summary: 'A tactic that is not in the playbook' }, { method: 'put', path: '/trainer/tactics/mind_reading', body: { mode: 'on' }, headers: bearer });
  await sc.call({ op: 'setTactic', status: 401, name: 'unauthorized', summary: 'A wrong password' }, { method: 'put', path: '/trainer/tactics/scarcity', body: { mode: 'on' }, headers: { Authorization: 'Bearer not-the-password' } });
  await sc.malformed('setTactic', 'put', '/trainer/tactics/scarcity', true, bearer);

  // ---- Throttles: another app on the same database, its counts from zero ----------------------
  const T = sc.throttled;
  for (let i = 0; i < 10; i++) await sc.setup({ method: 'get', path: `${bookingPath}?lastName=Byron` }, 404, T);
  const lookups = 'after ten failed booking look-ups from one client';
  await sc.call({ op: 'getBooking', status: 429, name: 'throttled', summary: `The eleventh, ${lookups}` }, { method: 'get', path: `${bookingPath}?lastName=Lovelace` }, T);
  await sc.call({ op: 'listBookingOffers', status: 429, name: 'throttled', summary: `A look-up ${lookups}` }, { method: 'get', path: `${bookingPath}/offers?lastName=Lovelace` }, T);
  await sc.call({ op: 'listBookingEvents', status: 429, name: 'throttled', summary: `A look-up ${lookups}` }, { method: 'get', path: `${bookingPath}/events?lastName=Lovelace` }, T);
  await sc.call({ op: 'buyExtra', status: 429, name: 'throttled', summary: `A purchase ${lookups}` }, { method: 'post', path: extras, body: { ...bagBody, purchaseId: 'example-buy-throttled' } }, T);
  const third = await sc.setup({ method: 'post', path: '/checkouts', body: openBody }, 201, T);
  await sc.setup({ method: 'put', path: `/checkouts/${third.id}/passengers`, body: passengersBody }, 200, T);
  const declined = { method: 'post' as const, path: `/checkouts/${third.id}/payment`, body: card('4000 0000 0000 0002') };
  for (let i = 0; i < 10; i++) await sc.setup(declined, 402, T);
  await sc.call({ op: 'payCheckout', status: 429, name: 'throttled', summary: 'The eleventh attempt after ten declines on one checkout' }, declined, T);
  await sc.call({ op: 'answerChallenge', status: 429, name: 'throttled', summary: 'An answer after ten declines on its checkout' }, { method: 'post', path: `/checkouts/${third.id}/payment/challenges/${UNKNOWN_CHECKOUT}`, body: { outcome: 'approve' } }, T);
  // Thirty failed payment requests from one client (10 declines, the two 429s above, 18 more 429s) refuse the next.
  for (let i = 0; i < 18; i++) await sc.setup(declined, 429, T);
  await sc.call({ op: 'answerPurchaseChallenge', status: 429, name: 'throttled', summary: 'After thirty failed payment attempts from one client' }, { method: 'post', path: purchaseChallenge, body: { outcome: 'approve' } }, T);
  for (let i = 0; i < 5; i++) await sc.setup({ method: 'get', path: '/trainer/tactics', headers: { Authorization: 'Bearer not-the-password' } }, 401, T);
  await sc.call({ op: 'listTactics', status: 429, name: 'throttled', summary: 'After five wrong passwords from one client' }, { method: 'get', path: '/trainer/tactics', headers: bearer }, T);
  await sc.call({ op: 'setTactic', status: 429, name: 'throttled', summary: 'After five wrong passwords from one client' }, { method: 'put', path: '/trainer/tactics/scarcity', body: { mode: 'on' }, headers: bearer }, T);

  // ---- The tester's endpoints (TEST_MODE=1) --------------------------------------------------
  const P = sc.plain;
  const offMode = 'Without TEST_MODE=1';
  await sc.call(ok('getTestClock', 200, 'The server’s clock'), { method: 'get', path: '/test/clock' });
  await sc.call({ op: 'getTestClock', status: 404, name: 'test-mode-off', summary: offMode }, { method: 'get', path: '/test/clock' }, P);
  await sc.malformed('getTestClock', 'get', '/test/clock', false);
  await sc.call({ op: 'moveTestClock', status: 409, name: 'backwards', summary: 'Back before the latest checkout' }, { method: 'post', path: '/test/clock', body: { now: EXAMPLES_NOW } });
  await sc.call({ op: 'moveTestClock', status: 422, name: 'invalid', summary: 'Both advanceSeconds and now' }, { method: 'post', path: '/test/clock', body: { advanceSeconds: 60, now: EXAMPLES_NOW } });
  await sc.call({ op: 'moveTestClock', status: 404, name: 'test-mode-off', summary: offMode }, { method: 'post', path: '/test/clock', body: { advanceSeconds: 960 } }, P);
  await sc.malformed('moveTestClock', 'post', '/test/clock', true);
  await sc.call(ok('moveTestClock', 200, 'Sixteen minutes on: a seat held now lapses', { request: true }), { method: 'post', path: '/test/clock', body: { advanceSeconds: 960 } });

  const sandbox = await sc.call(ok('createSandbox', 201, 'A new sandbox'), { method: 'post', path: '/test/sandboxes' });
  await sc.call({ op: 'createSandbox', status: 404, name: 'test-mode-off', summary: offMode }, { method: 'post', path: '/test/sandboxes' }, P);
  await sc.malformed('createSandbox', 'post', '/test/sandboxes', false);
  await sc.call(ok('getSandbox', 200, 'The sandbox'), { method: 'get', path: `/test/sandboxes/${sandbox.id}` });
  await sc.call({ op: 'getSandbox', status: 404, name: 'unknown', summary: 'An unknown (deleted, or idle for an hour) sandbox' }, { method: 'get', path: '/test/sandboxes/sbx_AAAAAAAAAAAAAAAA' });
  await sc.malformed('getSandbox', 'get', '/test/sandboxes/{bad}', false);
  await sc.call({ op: 'enterSandbox', status: 303, name: 'entered', summary: 'Entered: the cookie set, redirected to the search page' }, { method: 'get', path: `/test/sandboxes/${sandbox.id}/enter` }, request.agent(sc.app));
  await sc.call({ op: 'enterSandbox', status: 403, name: 'cross-site', summary: 'A link on another site (the browser sends Sec-Fetch-Site: cross-site)' }, { method: 'get', path: `/test/sandboxes/${sandbox.id}/enter`, headers: { 'Sec-Fetch-Site': 'cross-site' } }, request.agent(sc.app));
  await sc.call({ op: 'enterSandbox', status: 404, name: 'unknown', summary: 'An unknown sandbox' }, { method: 'get', path: '/test/sandboxes/sbx_AAAAAAAAAAAAAAAA/enter' });
  await sc.malformed('enterSandbox', 'get', '/test/sandboxes/{bad}/enter', false);
  const more: string[] = [];
  for (let i = 1; i < 8; i++) more.push((await sc.setup({ method: 'post', path: '/test/sandboxes' }, 201)).id as string);
  await sc.call({ op: 'createSandbox', status: 409, name: 'too-many', summary: 'A ninth sandbox while eight live' }, { method: 'post', path: '/test/sandboxes' });
  for (const other of more) await sc.setup({ method: 'delete', path: `/test/sandboxes/${other}` }, 200);
  await sc.call(ok('deleteSandbox', 200, 'Deleted'), { method: 'delete', path: `/test/sandboxes/${sandbox.id}` });
  await sc.call({ op: 'deleteSandbox', status: 404, name: 'unknown', summary: 'A sandbox deleted already' }, { method: 'delete', path: `/test/sandboxes/${sandbox.id}` });
  await sc.malformed('deleteSandbox', 'delete', `/test/sandboxes/${more[0]}`, false);

  await sc.call({ op: 'resetTestData', status: 404, name: 'test-mode-off', summary: offMode }, { method: 'post', path: '/test/reset' }, P);
  await sc.malformed('resetTestData', 'post', '/test/reset', false);
  await sc.call(ok('resetTestData', 200, 'Everything the scenario did, undone'), { method: 'post', path: '/test/reset' });
  return sc;
}

// ---- Comparing -------------------------------------------------------------------------------------

/** What the server draws at random, found in the examples, in order of first appearance. */
const RANDOM: Array<{ re: RegExp; name: string }> = [
  { re: /\/checkouts\/([A-Za-z0-9_-]{22})(?=[/"?])/g, name: 'checkoutId' },
  { re: /"(?:id|checkoutId)":"([A-Za-z0-9_-]{22})"/g, name: 'checkoutId' },
  { re: /\/challenges\/([A-Za-z0-9_-]{22})/g, name: 'challengeId' },
  { re: /"(?:reference|bookingReference)":"([A-Z0-9]{6})"/g, name: 'reference' },
  { re: /\/bookings\/([A-Z0-9]{6})(?=[/"?])/g, name: 'reference' },
  { re: /"ticketNumber":"(\d{13})"/g, name: 'ticketNumber' },
  { re: /(sbx_[A-Za-z0-9_-]{16})/g, name: 'sandboxId' },
];

/**
 * The examples with the values the server draws at random (checkout, challenge and sandbox ids,
 * booking references, ticket numbers) replaced by numbered placeholders, and the reset's duration
 * set to 0, so that two runs compare equal.
 */
export function normaliseExamples(examples: ApiExamples): ApiExamples {
  let json = JSON.stringify(Object.fromEntries(Object.entries(examples).sort(([a], [b]) => a.localeCompare(b))));
  const seen = new Map<string, string>();
  const count = new Map<string, number>();
  for (const { re, name } of RANDOM) {
    for (const match of json.matchAll(re)) {
      const value = match[1]!;
      if (seen.has(value) || value.startsWith('AAAA') || value === 'sbx_AAAAAAAAAAAAAAAA') continue;
      const n = (count.get(name) ?? 0) + 1;
      count.set(name, n);
      seen.set(value, `{${name}${n}}`);
    }
  }
  for (const [value, placeholder] of seen) json = json.split(value).join(placeholder);
  json = json.replace(/"tookMs":\d+/g, '"tookMs":0');
  return JSON.parse(json) as ApiExamples;
}

// ---- Writing the file ---------------------------------------------------------------------------

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A value as a TypeScript literal: unquoted keys, single-quoted strings, two-space indent. */
export function toLiteral(value: unknown, indent = ''): string {
  const inner = `${indent}  `;
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => `${inner}${toLiteral(v, inner)}`).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  const key = (k: string) => (IDENTIFIER.test(k) ? k : toLiteral(k));
  return `{\n${entries.map(([k, v]) => `${inner}${key(k)}: ${toLiteral(v, inner)}`).join(',\n')}\n${indent}}`;
}

export function renderExamplesFile(examples: ApiExamples): string {
  const header = [
    '// Examples of the API reference (/docs/api and the OpenAPI document), by operation id: the request body',
    '// and, for every status the operation documents, live answers of the deterministic demo (DEMO_SEED=20261127,',
    '// TEST_MODE=1, clock stopped at DEMO_NOW=2026-11-27T09:00:00Z and moved a minute after each success), each',
    '// with what provoked it, trimmed where a list is long. GENERATED by `npm run api:examples`',
    '// (scripts/api-examples.ts): do not edit. test/api/examples.test.ts replays the scenario and compares',
    '// every example with its live answer, and checks that every documented answer has one.',
  ].join('\n');
  const sorted = Object.fromEntries(Object.entries(examples).sort(([a], [b]) => a.localeCompare(b)));
  return `${header}\nimport type { ApiExamples } from './operation.ts';\n\nexport const API_EXAMPLES: ApiExamples = ${toLiteral(sorted)};\n`;
}

async function main(): Promise<void> {
  const examples = await liveExamples();
  // The server draws ids at random: when nothing else changed, keep the file (and its ids) as it is, so a diff shows only real changes.
  const { API_EXAMPLES } = await import('../src/features/api/examples.ts');
  if (isDeepStrictEqual(normaliseExamples(API_EXAMPLES), normaliseExamples(examples))) {
    console.log(`Unchanged: ${EXAMPLES_FILE.slice(ROOT.length + 1)} already holds these answers`);
    return;
  }
  writeFileSync(EXAMPLES_FILE, renderExamplesFile(examples));
  const answers = Object.values(examples).reduce((n, op) => n + Object.values(op.responses).reduce((m, byName) => m + Object.keys(byName).length, 0), 0);
  console.log(`Wrote ${EXAMPLES_FILE.slice(ROOT.length + 1)}: ${Object.keys(examples).length} operations, ${answers} answers`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
