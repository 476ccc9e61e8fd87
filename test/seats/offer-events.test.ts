import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import { createTestApp } from '../helpers/app.ts';
import type { Trip } from '../helpers/flow.ts';
import { adjacentPair, availableSeats, checkoutFlight, expectStatus, planOf, reachSeats, seatsUrl, submitSeats, zoneOf } from './seats-helpers.ts';

const TRIP: Trip = { from: 'DUB', to: 'LHR', depart: '2027-05-12' };

function events(db: Db, checkoutId: string, event: string) {
  return db
    .prepare(
      `SELECT offer_code, kind, category, placement, item_key, price_minor, currency FROM offer_events
       WHERE checkout_id = ? AND event = ? AND category = 'seat' ORDER BY item_key, offer_code, id`,
    )
    .all(checkoutId, event) as Array<{ offer_code: string; kind: string; category: string; placement: string; item_key: string; price_minor: number; currency: string }>;
}

describe('seat offers recorded', () => {
  it('records each seat zone shown once per passenger, flight and zone, at that zone price', async () => {
    const ctx = createTestApp();
    const id = await reachSeats(ctx, { ...TRIP, return: '2027-05-19', adults: 1, children: 1 });
    await ctx.agent.get(seatsUrl(id));
    await ctx.agent.get(seatsUrl(id));
    const shown = events(ctx.db, id, 'shown');
    const expected = ['seat:p1:outbound', 'seat:p1:return', 'seat:p2:outbound', 'seat:p2:return'].flatMap((itemKey) => [
      { offer_code: 'SEAT_EXTRA_LEGROOM', item_key: itemKey, price_minor: 2200 },
      { offer_code: 'SEAT_STANDARD', item_key: itemKey, price_minor: 800 },
      { offer_code: 'SEAT_UP_FRONT', item_key: itemKey, price_minor: 1400 },
    ]);
    expect(shown.map(({ offer_code, item_key, price_minor }) => ({ offer_code, item_key, price_minor }))).toEqual(expected);
    expect(new Set(shown.map((e) => `${e.kind}|${e.category}|${e.placement}|${e.currency}`))).toEqual(new Set(['upsell|seat|seats|EUR']));
  });

  it('does not show as an offer a zone the fare already includes', async () => {
    const ctx = createTestApp();
    const standard = await reachSeats(ctx, { ...TRIP, family: 'standard' });
    await ctx.agent.get(seatsUrl(standard));
    expect(events(ctx.db, standard, 'shown').map((e) => e.offer_code)).toEqual(['SEAT_EXTRA_LEGROOM', 'SEAT_UP_FRONT']);

    const other = createTestApp();
    const flex = await reachSeats(other, { ...TRIP, family: 'flex' });
    await other.agent.get(seatsUrl(flex));
    expect(events(other.db, flex, 'shown')).toEqual([]);
  });

  it('records a paid seat as accepted with its zone offer and price, once, and its replacement by skip as removed', async () => {
    const ctx = createTestApp();
    const id = await reachSeats(ctx, TRIP);
    const page = await ctx.agent.get(seatsUrl(id));
    const plan = planOf(ctx.db, checkoutFlight(ctx.db, id, 'outbound').aircraftCode);
    const legroom = availableSeats(page.text, 'seat-p1-outbound').filter((s) => zoneOf(plan, s).zone === 'extra_legroom');

    expectStatus(await submitSeats(ctx, id, { 'seat-p1-outbound': legroom[0]! }), 303);
    // Another seat of the same zone is the same offer, still accepted: no new event.
    expectStatus(await submitSeats(ctx, id, { 'seat-p1-outbound': legroom[1]! }), 303);
    expect(events(ctx.db, id, 'accepted')).toEqual([
      { offer_code: 'SEAT_EXTRA_LEGROOM', kind: 'upsell', category: 'seat', placement: 'seats', item_key: 'seat:p1:outbound', price_minor: 2200, currency: 'EUR' },
    ]);

    expectStatus(await submitSeats(ctx, id, { 'seat-p1-outbound': 'skip' }), 303);
    expect(events(ctx.db, id, 'removed')).toEqual([
      { offer_code: 'SEAT_EXTRA_LEGROOM', kind: 'upsell', category: 'seat', placement: 'seats', item_key: 'seat:p1:outbound', price_minor: 2200, currency: 'EUR' },
    ]);
  });

  it('records a change of zone as the old offer removed and the new one accepted', async () => {
    const ctx = createTestApp();
    const id = await reachSeats(ctx, TRIP);
    const page = await ctx.agent.get(seatsUrl(id));
    const plan = planOf(ctx.db, checkoutFlight(ctx.db, id, 'outbound').aircraftCode);
    const free = availableSeats(page.text, 'seat-p1-outbound');
    expectStatus(await submitSeats(ctx, id, { 'seat-p1-outbound': free.find((s) => zoneOf(plan, s).zone === 'up_front')! }), 303);
    expectStatus(await submitSeats(ctx, id, { 'seat-p1-outbound': free.find((s) => zoneOf(plan, s).zone === 'standard')! }), 303);
    expect(events(ctx.db, id, 'accepted').map((e) => [e.offer_code, e.price_minor])).toEqual([
      ['SEAT_STANDARD', 800],
      ['SEAT_UP_FRONT', 1400],
    ]);
    expect(events(ctx.db, id, 'removed').map((e) => [e.offer_code, e.price_minor])).toEqual([['SEAT_UP_FRONT', 1400]]);
  });

  it('does not record free seats (included in the fare, or family seating) as accepted', async () => {
    const ctx = createTestApp();
    const family = await reachSeats(ctx, { ...TRIP, adults: 1, children: 1 });
    const page = await ctx.agent.get(seatsUrl(family));
    const plan = planOf(ctx.db, checkoutFlight(ctx.db, family, 'outbound').aircraftCode);
    const [adult, child] = adjacentPair(plan, availableSeats(page.text, 'seat-p2-outbound'), (s) => zoneOf(plan, s).zone === 'standard');
    expectStatus(await submitSeats(ctx, family, { 'seat-p1-outbound': adult, 'seat-p2-outbound': child }), 303);
    expect(events(ctx.db, family, 'accepted')).toEqual([]);

    const other = createTestApp();
    const standard = await reachSeats(other, { ...TRIP, family: 'standard' });
    const standardPage = await other.agent.get(seatsUrl(standard));
    const seat = availableSeats(standardPage.text, 'seat-p1-outbound').find((s) => zoneOf(plan, s).zone === 'standard')!;
    expectStatus(await submitSeats(other, standard, { 'seat-p1-outbound': seat }), 303);
    expect(events(other.db, standard, 'accepted')).toEqual([]);
  });

  it('writes no offer event when the choice is refused', async () => {
    const ctx = createTestApp();
    const id = await reachSeats(ctx, { ...TRIP, adults: 2 });
    const page = await ctx.agent.get(seatsUrl(id));
    const seat = availableSeats(page.text, 'seat-p1-outbound')[0]!;
    expectStatus(await submitSeats(ctx, id, { 'seat-p1-outbound': seat, 'seat-p2-outbound': seat }), 422);
    expect(events(ctx.db, id, 'accepted')).toEqual([]);
  });
});
