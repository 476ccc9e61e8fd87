// Honest figures on the results page: the fare upsell is measured from the cheapest fare the party
// can buy (never a fare with fewer seats left than the party needs), on the page and in the API, and
// choosing that fare is not an accepted upsell.
import { describe, expect, it } from 'vitest';
import { createTestApp, postForm, type TestContext } from '../helpers/app.ts';
import { findFareOption, searchQuery } from '../helpers/flow.ts';

const TRIP = { from: 'DUB', to: 'LIS', depart: '2026-12-10', adults: 2 };
const RESULTS = `/flights?${new URLSearchParams(searchQuery(TRIP)).toString()}`;

function firstFlight(ctx: TestContext): { id: number; number: string } {
  const row = ctx.db
    .prepare(`SELECT id, flight_number FROM flights WHERE origin = 'DUB' AND destination = 'LIS' AND departure_date = '2026-12-10' AND departs_at > ? ORDER BY departs_at LIMIT 1`)
    .get(ctx.clock.now().toISOString()) as { id: number; flight_number: string };
  return { id: row.id, number: row.flight_number };
}

/** Leaves `seats` seats of a family on the flight. */
function leaveSeats(ctx: TestContext, flightId: number, family: string, seats: number) {
  ctx.db.prepare('UPDATE fares SET seats_total = seats_sold + ? WHERE flight_id = ? AND family = ?').run(seats, flightId, family);
}

const euros = (html: string, testId: string) => {
  const raw = new RegExp(`data-testid="${testId}">([^<]+)<`).exec(html)?.[1];
  if (!raw) throw new Error(`No ${testId} on the page`);
  return Math.round(Number(raw.replace(/[^\d.]/g, '')) * 100);
};

describe('the fare upsell of the results page', () => {
  it('is measured from the cheapest fare the party can buy, not from one with too few seats left', async () => {
    const ctx = createTestApp();
    const flight = firstFlight(ctx);
    leaveSeats(ctx, flight.id, 'basic', 1); // two adults: Basic cannot be bought, Standard is the cheapest on sale
    const res = await ctx.agent.get(RESULTS);
    expect(res.text).not.toContain(`data-testid="fare-upsell-outbound-${flight.number}-standard"`);
    const hint = new RegExp(`data-testid="fare-upsell-outbound-${flight.number}-flex">\\s*([^<]+?)\\s*<`).exec(res.text)?.[1];
    const flex = euros(res.text, `fare-total-outbound-${flight.number}-flex`);
    const standard = euros(res.text, `fare-total-outbound-${flight.number}-standard`);
    expect(hint).toMatch(/^Flex adds any seat free, free changes, a refund if you cancel and priority boarding for \+€/);
    expect(Math.round(Number(hint!.split('+€')[1]!.replace(/,/g, '')) * 100)).toBe(flex - standard);
    const shown = ctx.db.prepare(`SELECT offer_code, price_minor FROM offer_events WHERE event = 'shown' AND item_key = ?`).all(`flight:${flight.id}`);
    expect(shown).toEqual([{ offer_code: 'FARE_FLEX', price_minor: flex - standard }]);
  });

  it('does not record the cheapest fare the party can buy as an accepted upsell when it is chosen', async () => {
    const ctx = createTestApp();
    const flight = firstFlight(ctx);
    leaveSeats(ctx, flight.id, 'basic', 1);
    const page = await ctx.agent.get(RESULTS);
    const standard = findFareOption(page.text, 'outbound', 'standard');
    expect(standard.flightNumber).toBe(flight.number);
    const res = await postForm(ctx.agent, RESULTS, '/checkouts', { ...searchQuery(TRIP), outboundFare: standard.fareId });
    expect(res.status).toBe(303);
    expect(ctx.db.prepare(`SELECT count(*) AS n FROM offer_events WHERE event = 'accepted'`).get()).toEqual({ n: 0 });
  });

  it('is absent from the API for that fare, and priced from it for the dearer ones', async () => {
    const ctx = createTestApp();
    const flight = firstFlight(ctx);
    leaveSeats(ctx, flight.id, 'basic', 1);
    const res = await ctx.agent.get(`/api/v1/flights?from=DUB&to=LIS&depart=2026-12-10&adults=2`);
    expect(res.status).toBe(200);
    const fares = (res.body.directions[0].flights as Array<{ id: number; fares: Array<{ family: { code: string }; upsell: unknown; price: { total: { amountMinor: number } } }> }>)
      .find((f) => f.id === flight.id)!.fares;
    const of = (code: string) => fares.find((f) => f.family.code === code)!;
    expect(of('standard').upsell).toBeNull();
    expect(of('flex').upsell).toMatchObject({ offerCode: 'FARE_FLEX', price: { amountMinor: of('flex').price.total.amountMinor - of('standard').price.total.amountMinor } });
  });
});
