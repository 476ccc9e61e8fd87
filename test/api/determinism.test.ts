// Deterministic mode: with DEMO_SEED and DEMO_NOW set, two fresh starts (empty database, migrate,
// seed, clock from DEMO_NOW, exactly as src/server.ts does) answer the API identically; another seed
// or another DEMO_NOW gives other prices.
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { migrate, openDatabase } from '../../src/db/database.ts';
import { ensureCatalogue } from '../../src/features/catalogue/seed.ts';
import { clockFrom } from '../../src/lib/clock.ts';
import { API, FAMILY, flightsUrl, passengersBody } from './api-helpers.ts';

function freshStart(env: { DEMO_SEED: string; DEMO_NOW: string }) {
  const config = loadConfig({ NODE_ENV: 'test', ...env }, () => 'a-secret-long-enough-for-tests');
  const clock = clockFrom(config.demoNow);
  const db = openDatabase(':memory:');
  migrate(db);
  ensureCatalogue(db, { seed: config.demoSeed, now: clock.now() });
  return { db, agent: request.agent(createApp({ db, config, clock })) };
}

type Start = ReturnType<typeof freshStart>;

/** Flights, then a checkout on the first Standard fares, its seat maps and its offers, with the checkout id blanked. */
async function answers(start: Start) {
  const flights = await start.agent.get(flightsUrl(FAMILY));
  expect(flights.status).toBe(200);
  const standard = (d: number) => flights.body.directions[d].flights[0].fares.find((f: { family: { code: string } }) => f.family.code === 'standard').fareId;
  const created = await start.agent.post(`${API}/checkouts`).send({ search: flights.body.search, outbound: { fareId: standard(0) }, return: { fareId: standard(1) } });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  expect((await start.agent.put(`${API}/checkouts/${id}/passengers`).send(passengersBody(FAMILY))).status).toBe(200);
  const seatMaps = await start.agent.get(`${API}/checkouts/${id}/seat-maps`);
  const offers = await start.agent.get(`${API}/checkouts/${id}/offers`);
  const blank = (body: unknown) => JSON.parse(JSON.stringify(body).replaceAll(id, '{id}')) as unknown;
  return { flights: flights.body, price: created.body.price, seatMaps: blank(seatMaps.body), offers: blank(offers.body) };
}

type FlightSearch = { directions: Array<{ date: string; flights: Array<{ flightNumber: string; fares: Array<{ family: { code: string }; price: { total: { amountMinor: number } } }> }> }> };

/** The all-in total of each fare, keyed by date, flight number and family, so the same fares are compared. */
function totals(search: unknown): Map<string, number> {
  const result = new Map<string, number>();
  for (const d of (search as FlightSearch).directions) {
    for (const f of d.flights) for (const fare of f.fares) result.set(`${d.date} ${f.flightNumber} ${fare.family.code}`, fare.price.total.amountMinor);
  }
  return result;
}

function differing(a: Map<string, number>, b: Map<string, number>): string[] {
  return [...a.keys()].filter((key) => b.has(key) && b.get(key) !== a.get(key));
}

describe('deterministic mode (DEMO_SEED and DEMO_NOW)', () => {
  it('gives the same flights, prices, seat maps and offers on two fresh starts with the same seed and clock', async () => {
    const env = { DEMO_SEED: '4242', DEMO_NOW: '2026-11-27T09:00:00Z' };
    const first = await answers(freshStart(env));
    const second = await answers(freshStart(env));
    expect(second.flights).toEqual(first.flights);
    expect(second.price).toEqual(first.price);
    expect(second.seatMaps).toEqual(first.seatMaps);
    expect(second.offers).toEqual(first.offers);
    // The seat maps really do show seats taken, so the equality is not about empty cabins.
    expect(JSON.stringify(first.seatMaps)).toContain('"available":false');
  });

  it('gives other prices with another seed, and with another DEMO_NOW', async () => {
    const base = totals((await answers(freshStart({ DEMO_SEED: '4242', DEMO_NOW: '2026-11-27T09:00:00Z' }))).flights);
    const otherSeed = totals((await answers(freshStart({ DEMO_SEED: '777', DEMO_NOW: '2026-11-27T09:00:00Z' }))).flights);
    const otherNow = totals((await answers(freshStart({ DEMO_SEED: '4242', DEMO_NOW: '2026-10-01T09:00:00Z' }))).flights);
    // The timetable depends on the clock only, so the same flights are on sale: their prices differ.
    expect(differing(base, otherSeed).length).toBeGreaterThan(0);
    expect(differing(base, otherNow).length).toBeGreaterThan(0);
  });
});
