// `npm run api:examples`: writes src/features/api/examples.ts, the examples of the API reference
// (/docs/api and the OpenAPI document), from live answers of the deterministic demo: the app on a
// fresh database seeded with DEMO_SEED=20261127, its clock stopped at DEMO_NOW=2026-11-27T09:00:00Z
// and moved a minute per step. One shopper books DUB–LIS one way: search, checkout, passengers, the
// first free standard seat, the 3-D Secure card, the challenge approved, the booking read back.
// test/api/examples.test.ts runs the same steps and compares every example with its live answer.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import request from 'supertest';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { migrate, openDatabase, type Db } from '../src/db/database.ts';
import { ensureCatalogue } from '../src/features/catalogue/seed.ts';
import { fixedClock } from '../src/lib/clock.ts';

export const EXAMPLES_SEED = 20261127;
export const EXAMPLES_NOW = '2026-11-27T09:00:00Z';
const ROOT = join(fileURLToPath(import.meta.url), '..', '..');
export const EXAMPLES_FILE = join(ROOT, 'src', 'features', 'api', 'examples.ts');

const API = '/api/v1';
const STEP_MS = 60_000;

/** The exports of examples.ts, in file order, with the request each answers and how it is trimmed. */
export const EXAMPLE_DOCS = {
  FLIGHT_SEARCH: 'GET /flights?from=DUB&to=LIS&depart=2026-12-10&adults=1 (the first flight and two of its fares)',
  CHECKOUT: 'GET /checkouts/{id} after the passengers and a seat',
  SEAT_MAPS: 'GET /checkouts/{id}/seat-maps (one row of the cabin)',
  CHALLENGE: 'GET /checkouts/{id}/payment/challenges/{challengeId}',
  BOOKING: 'GET /bookings/{reference}?lastName=Lovelace',
} as const;
export type ExampleName = keyof typeof EXAMPLE_DOCS;
export type Examples = Record<ExampleName, unknown>;

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A fresh database as src/server.ts makes it in deterministic mode (migrated, seeded with the demo seed). */
export function demoDatabase(): Db {
  const db = openDatabase(':memory:');
  migrate(db);
  ensureCatalogue(db, { seed: EXAMPLES_SEED, now: new Date(EXAMPLES_NOW) });
  return db;
}

/**
 * Books the example trip through the API and returns the answers the examples show, trimmed.
 * `db` must hold the demo catalogue (seed 20261127 at 2026-11-27T09:00:00Z) and nothing else.
 */
export async function liveExamples(db: Db = demoDatabase()): Promise<Examples> {
  const config = loadConfig({ NODE_ENV: 'test', DEMO_SEED: String(EXAMPLES_SEED), DEMO_NOW: EXAMPLES_NOW }, () => 'examples-secret-long-enough-32-chars');
  const clock = fixedClock(EXAMPLES_NOW);
  const agent = request.agent(createApp({ db, config, clock }));
  const call = async (method: 'get' | 'post' | 'put', path: string, status: number, body?: unknown): Promise<Body> => {
    const req = agent[method](`${API}${path}`).set('X-Session-Id', 'api-examples');
    const res = await (body === undefined ? req : req.send(body as object));
    if (res.status !== status) throw new Error(`${method.toUpperCase()} ${path} answered ${res.status}, expected ${status}: ${res.text.slice(0, 1000)}`);
    clock.advance(STEP_MS);
    return res.body as Body;
  };

  const search = await call('get', '/flights?from=DUB&to=LIS&depart=2026-12-10&adults=1', 200);
  const flight = (search.directions[0].flights as Body[]).find((f) => (f.fares as Body[]).some((fare) => fare.family.code === 'basic' && fare.seatsLeft > 0));
  if (!flight) throw new Error('No Basic fare on sale');
  const basic = (flight.fares as Body[]).find((fare) => fare.family.code === 'basic')!;
  const opened = await call('post', '/checkouts', 201, { search: search.search, outbound: { fareId: basic.fareId } });
  const id = opened.id as string;
  await call('put', `/checkouts/${id}/passengers`, 200, { contact: { email: 'ada@example.com', phone: '+353 1 555 0100' }, passengers: [{ givenName: 'Ada', familyName: 'Lovelace' }] });

  // The first free seat of the standard zone, as a customer picking the cheapest seat would.
  const maps = await call('get', `/checkouts/${id}/seat-maps`, 200);
  const cells = (maps.flights[0].rows as Body[]).flatMap((r) => (r.groups as Body[][]).flat());
  const seat = cells.find((c) => c.zone === 'standard' && c.available && (c.restrictedFor as unknown[]).length === 0);
  if (!seat) throw new Error('No free standard seat');
  await call('put', `/checkouts/${id}/seats`, 200, { seats: [{ passengerIdx: 1, direction: 'outbound', seat: seat.seat }] });
  const checkout = await call('get', `/checkouts/${id}`, 200);
  const seatMaps = await call('get', `/checkouts/${id}/seat-maps`, 200);

  const pending = await call('post', `/checkouts/${id}/payment`, 202, { card: { number: '4000 0027 6000 3184', name: 'Ada Lovelace', expiry: '12/30', cvc: '123' } });
  const challengePath = (pending.challenge.answer.path as string).replace(API, '');
  const challenge = await call('get', challengePath, 200);
  const booked = await call('post', challengePath, 201, { outcome: 'approve' });
  const booking = await call('get', `/bookings/${booked.reference as string}?lastName=Lovelace`, 200);

  return {
    FLIGHT_SEARCH: {
      ...search,
      directions: (search.directions as Body[]).map((d) => ({
        ...d,
        flights: (d.flights as Body[]).slice(0, 1).map((f) => ({ ...f, fares: (f.fares as Body[]).slice(0, 2) })),
      })),
    },
    CHECKOUT: checkout,
    SEAT_MAPS: {
      ...seatMaps,
      flights: (seatMaps.flights as Body[]).map((f) => ({
        ...f,
        rows: (f.rows as Body[]).filter((r) => (r.groups as Body[][]).flat().some((c) => c.seat === seat.seat)),
      })),
    },
    CHALLENGE: challenge,
    BOOKING: booking,
  };
}

/**
 * The examples with the ids the server draws at random (checkout and challenge ids, the booking
 * reference, ticket numbers) replaced by placeholders, so two runs compare equal.
 */
export function normaliseExamples(examples: Examples): Examples {
  const ids = new Map<string, string>();
  const checkout = examples.CHECKOUT as Body;
  const challenge = examples.CHALLENGE as Body;
  const booking = examples.BOOKING as Body;
  ids.set(checkout.id, '{checkoutId}');
  ids.set(challenge.id, '{challengeId}');
  ids.set(booking.reference, '{reference}');
  (booking.passengers as Body[]).forEach((p, i) => ids.set(p.ticketNumber, `{ticketNumber${i + 1}}`));
  let json = JSON.stringify(examples);
  for (const [id, placeholder] of ids) json = json.split(id).join(placeholder);
  return JSON.parse(json) as Examples;
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
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  const key = (k: string) => (IDENTIFIER.test(k) ? k : toLiteral(k));
  return `{\n${entries.map(([k, v]) => `${inner}${key(k)}: ${toLiteral(v, inner)}`).join(',\n')}\n${indent}}`;
}

export function renderExamplesFile(examples: Examples): string {
  const header = [
    '// Examples of the API reference (/docs/api and the OpenAPI document): live answers of the deterministic',
    '// demo (DEMO_SEED=20261127, clock stopped at DEMO_NOW=2026-11-27T09:00:00Z and moved a minute per call),',
    '// trimmed where a list is long. GENERATED by `npm run api:examples` (scripts/api-examples.ts): do not edit.',
    '// test/api/openapi.test.ts parses each with its schema; test/api/examples.test.ts compares each with a',
    '// live answer, so they cannot drift from the API.',
  ].join('\n');
  const body = (Object.keys(EXAMPLE_DOCS) as ExampleName[])
    .map((name) => `/** ${EXAMPLE_DOCS[name]} */\nexport const ${name} = ${toLiteral(examples[name])};\n`)
    .join('\n');
  return `${header}\n\n${body}`;
}

async function main(): Promise<void> {
  const examples = await liveExamples();
  writeFileSync(EXAMPLES_FILE, renderExamplesFile(examples));
  console.log(`Wrote ${EXAMPLES_FILE.slice(ROOT.length + 1)}: ${Object.keys(examples).join(', ')}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
