// Shared steps of the JSON API tests: reach a step through the API itself, and check that an answer
// is what the OpenAPI document says (status listed for the operation, body parsed by its schema).
import type { Response } from 'supertest';
import { expect } from 'vitest';
import { API_ROUTES } from '../../src/features/api/api.routes.ts';
import type { ApiRoute } from '../../src/features/api/operation.ts';
import type { TestContext } from '../helpers/app.ts';
import { CARD_HOLDER, CARDS, CONTACT, passengersOf, TRIPS, type Trip } from '../helpers/fixtures.ts';

export const API = '/api/v1';
export { CARDS };

export function card(number: string = CARDS.approve) {
  return { card: { number, ...CARD_HOLDER } };
}

export const ONE_WAY: Trip = TRIPS.soloToLisbon;
export const FAMILY: Trip = TRIPS.familyToLisbon;

export function flightsUrl(trip: Trip): string {
  const q = new URLSearchParams({ from: trip.from, to: trip.to, depart: trip.depart });
  if (trip.return) q.set('return', trip.return);
  q.set('adults', String(trip.adults ?? 1));
  q.set('children', String(trip.children ?? 0));
  q.set('infants', String(trip.infants ?? 0));
  return `${API}/flights?${q.toString()}`;
}

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Searches and opens a checkout on the first flight selling `family` each way; returns the checkout. */
export async function apiCheckout(ctx: TestContext, trip: Trip, family: string = trip.family ?? 'basic'): Promise<Body> {
  const search = await ctx.agent.get(flightsUrl(trip));
  expect(search.status, JSON.stringify(search.body)).toBe(200);
  const fareOf = (direction: number) => {
    for (const flight of search.body.directions[direction].flights) {
      const fare = flight.fares.find((f: Body) => f.family.code === family && f.seatsLeft > 0);
      if (fare) return fare.fareId as number;
    }
    throw new Error(`No ${family} fare`);
  };
  const body: Body = { search: search.body.search, outbound: { fareId: fareOf(0) } };
  if (trip.return) body.return = { fareId: fareOf(1) };
  const created = await ctx.agent.post(`${API}/checkouts`).send(body);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body;
}

export function passengersBody(trip: Trip): Body {
  const passengers = passengersOf(trip).map(({ idx: _idx, dateOfBirth, ...p }) => (dateOfBirth ? { ...p, dateOfBirth } : p));
  return { contact: { ...CONTACT }, passengers };
}

/** A checkout with its passengers entered: seats, extras and payment are open. */
export async function apiCheckoutWithPassengers(ctx: TestContext, trip: Trip = ONE_WAY, family?: Trip['family']): Promise<string> {
  const checkout = await apiCheckout(ctx, trip, family);
  const res = await ctx.agent.put(`${API}/checkouts/${checkout.id}/passengers`).send(passengersBody(trip));
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return checkout.id as string;
}

export function countRows(ctx: TestContext, table: string, where = '1 = 1', ...params: unknown[]): number {
  return ctx.db.prepare(`SELECT count(*) FROM "${table}" WHERE ${where}`).pluck().get(...params) as number;
}

/** The route of the table an answer came from, matched by method and path. */
export function routeOf(res: Response): ApiRoute {
  const req = (res as unknown as { req: { method: string; path: string } }).req;
  const path = req.path.split('?')[0]!.replace(/^\/api\/v1/, '');
  const found = API_ROUTES.find(
    (r) => r.method.toUpperCase() === req.method && new RegExp(`^${r.path.replace(/:\w+/g, '[^/]+')}$`).test(path),
  );
  if (!found) throw new Error(`No API route for ${req.method} ${path}`);
  return found;
}

/**
 * The answer is one the document lists for its operation, with the content type it names, and its
 * body parses with that response's schema (strict objects: no field the document does not have).
 */
export function expectConforms(res: Response): void {
  const route = routeOf(res);
  const spec = route.operation.responses.find((r) => r.status === res.status);
  const label = `${route.method.toUpperCase()} ${route.path} → ${res.status}`;
  expect(spec, `${label} is not in the OpenAPI document: ${res.text.slice(0, 500)}`).toBeDefined();
  const contentType = res.status >= 400 ? 'application/problem+json' : 'application/json';
  expect(res.headers['content-type'], label).toContain(contentType);
  const parsed = spec!.schema.safeParse(res.body);
  expect(parsed.success ? [] : parsed.error.issues.slice(0, 5), label).toEqual([]);
}

/** A 4xx problem document that names `field` (or, with no field, just the status). */
export function expectProblem(res: Response, status: number, field?: string): void {
  expect(res.status, res.text.slice(0, 800)).toBe(status);
  expect(res.headers['content-type']).toContain('application/problem+json');
  expect(res.body).toMatchObject({ status, title: expect.any(String), detail: expect.any(String), type: expect.any(String) });
  if (field !== undefined) {
    const fields = ((res.body.errors ?? []) as Array<{ field: string }>).map((e) => e.field);
    expect(fields, res.text.slice(0, 800)).toContain(field);
  }
}
