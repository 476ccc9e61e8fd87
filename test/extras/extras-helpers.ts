// Shared by the extras tests: reach the extras step, post the form, read prices and events.
import { expect } from 'vitest';
import { createTestApp, postForm, type TestContext } from '../helpers/app.ts';
import { checkoutAt } from '../helpers/factories.ts';
import type { Trip } from '../helpers/flow.ts';

/** Lisbon and back, Standard (1 bag included), two adults, a child and an infant. */
export const FAMILY_TO_LISBON: Trip = { from: 'DUB', to: 'LIS', depart: '2027-01-14', return: '2027-01-18', adults: 2, children: 1, infants: 1, family: 'standard' };
/** New York one-way on Basic: the A330 has a business cabin. */
export const SOLO_TO_NEW_YORK: Trip = { from: 'DUB', to: 'JFK', depart: '2027-01-14', adults: 1, family: 'basic' };

export type ExtrasContext = TestContext & { id: string; url: string };

export async function atExtras(trip: Trip): Promise<ExtrasContext> {
  const ctx = createTestApp();
  const { id } = await checkoutAt(ctx, 'extras', trip);
  return { ...ctx, id, url: `/checkouts/${id}/extras` };
}

export function postExtras(ctx: ExtrasContext, fields: Record<string, string | string[]>) {
  return postForm(ctx.agent, ctx.url, ctx.url, fields);
}

export async function saveExtrasForm(ctx: ExtrasContext, fields: Record<string, string | string[]>) {
  const res = await postExtras(ctx, fields);
  expect(res.status, res.text.slice(0, 3000)).toBe(303);
  return res;
}

export type EventRow = { offer_code: string; item_key: string; event: string; price_minor: number; tactic: string | null; placement: string };

export function events(ctx: ExtrasContext, event?: string): EventRow[] {
  const rows = ctx.db
    .prepare("SELECT offer_code, item_key, event, price_minor, tactic, placement FROM offer_events WHERE checkout_id = ? AND placement = 'extras' ORDER BY id")
    .all(ctx.id) as EventRow[];
  return event ? rows.filter((r) => r.event === event) : rows;
}

export function storedExtras(ctx: ExtrasContext): Array<{ item_key: string; offer_code: string; quantity: number; hotel_id: number | null; nights: number | null; rooms: number | null; check_in: string | null }> {
  return ctx.db.prepare('SELECT * FROM checkout_extras WHERE checkout_id = ? ORDER BY item_key').all(ctx.id) as never;
}

export function hotelIds(ctx: TestContext, airport: string): number[] {
  return ctx.db.prepare('SELECT id FROM hotels WHERE airport_code = ? ORDER BY id').pluck().all(airport) as number[];
}

export function flightOf(ctx: ExtrasContext, direction: 'outbound' | 'return'): { flightId: number; distanceKm: number; family: string } {
  return ctx.db
    .prepare(
      `SELECT cf.flight_id AS flightId, r.distance_km AS distanceKm, cf.family FROM checkout_flights cf
       JOIN flights f ON f.id = cf.flight_id JOIN routes r ON r.id = f.route_id
       WHERE cf.checkout_id = ? AND cf.direction = ?`,
    )
    .get(ctx.id, direction) as never;
}

/** The price rule of an offer, as the catalogue stores it. */
export function priceRule(ctx: TestContext, code: string): Record<string, unknown> {
  return JSON.parse(ctx.db.prepare('SELECT price_rule_json FROM offers WHERE code = ?').pluck().get(code) as string) as Record<string, unknown>;
}

export function bandFor(bands: Array<{ maxKm: number | null; amountMinor: number }>, km: number): number {
  return bands.find((b) => b.maxKm === null || km <= b.maxKm)!.amountMinor;
}

/** "€1,234.50" → 123450 (what the views print, back into minor units). */
export function minor(text: string): number {
  const cleaned = text.replace(/[^0-9.,-]/g, '').replace(/,/g, '');
  return Math.round(Number(cleaned) * 100);
}

/** The text inside the element with that data-testid. */
export function byTestId(html: string, testId: string): string | undefined {
  const re = new RegExp(`data-testid="${testId}"[^>]*>([^<]*)<`);
  return re.exec(html)?.[1]?.trim();
}

/** The opening tag of the control with that data-testid. */
export function tagOf(html: string, testId: string): string | undefined {
  return new RegExp(`<[^>]*data-testid="${testId}"[^>]*>`).exec(html)?.[0];
}

/** The summary's extras lines and total, in minor units. */
export function summaryOf(html: string): { lines: Map<string, number>; total: number } {
  const lines = new Map<string, number>();
  for (const m of html.matchAll(/data-testid="price-line-([a-z0-9-]+)">([^<]*)</g)) lines.set(m[1]!, minor(m[2]!));
  const total = byTestId(html, 'price-total');
  if (total === undefined) throw new Error('No price total on the page');
  return { lines, total: minor(total) };
}
