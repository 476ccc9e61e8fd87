// The compact results page (issue 14, item 2) without JavaScript: one flight's fares open a
// direction, "Show fares" a GET that opens another, the trip total once a fare is chosen each way (the view model),
// and the strip of nearby dates with their lowest prices.
import { describe, expect, it } from 'vitest';
import { formatMoney } from '../../src/lib/money.ts';
import { findFlights } from '../../src/features/search/flights.repository.ts';
import { fareOffers } from '../../src/features/search/fare-upsells.ts';
import { resultsView } from '../../src/features/search/results.view.ts';
import { searchResults } from '../../src/features/search/search-results.ts';
import { validateSearch } from '../../src/features/search/validate-search.ts';
import { tacticAssignments } from '../../src/features/tactics/assignments.ts';
import { NO_TAKE_DATA } from '../../src/features/tactics/take-data.ts';
import { createTestApp, text } from '../helpers/app.ts';
import { searchQuery } from '../helpers/flow.ts';

const trip = { from: 'DUB', to: 'LIS', depart: '2026-12-10', return: '2026-12-14', adults: 2, children: 1 };
const url = (q: Record<string, string>) => `/flights?${new URLSearchParams(q).toString()}`;
const party = { adults: 2, children: 1, infants: 0 };

/** The flight numbers whose fares are shown (their fares block is not hidden), in one direction. */
function openFlights(html: string): string[] {
  return [...html.matchAll(/data-show-fares="fares-(\d+)"[^>]*data-testid="show-fares-(\w+)-(\w+)" hidden/g)].map((m) => `${m[2]}-${m[3]}`);
}

describe('the compact results page', () => {
  it('opens the first flight of each direction, and the flight a "Show fares" link names, keeping the other direction', async () => {
    const { agent } = createTestApp();
    const first = await agent.get(url(searchQuery(trip)));
    const flightsOut = [...first.text.matchAll(/data-testid="show-fares-outbound-(\w+)"/g)].map((m) => m[1]!);
    const flightsBack = [...first.text.matchAll(/data-testid="show-fares-return-(\w+)"/g)].map((m) => m[1]!);
    expect(flightsOut.length).toBeGreaterThan(1);
    expect(openFlights(first.text)).toEqual([`outbound-${flightsOut[0]}`, `return-${flightsBack[0]}`]);

    const back = await agent.get(url({ ...searchQuery(trip), returnFlight: flightsBack[1]! }));
    const href = new RegExp(`href="([^"]+)" data-show-fares="[^"]+" data-testid="show-fares-outbound-${flightsOut[1]}"`).exec(back.text)![1]!.replace(/&amp;/g, '&');
    expect(href).toContain(`returnFlight=${flightsBack[1]}`);
    const both = await agent.get(href);
    expect(both.status).toBe(200);
    expect(openFlights(both.text)).toEqual([`outbound-${flightsOut[1]}`, `return-${flightsBack[1]}`]);
  });

  it('shows each flight’s "from" price: the cheapest fare the party can buy, all-in', async () => {
    const { agent, db, clock } = createTestApp();
    const res = await agent.get(url(searchQuery(trip)));
    const flights = findFlights(db, { from: 'DUB', to: 'LIS', date: '2026-12-10', party, now: clock.now() });
    for (const flight of flights) {
      const cheapest = Math.min(...flight.fares.filter((f) => f.seatsLeft >= 3).map((f) => f.totalMinor));
      expect(new RegExp(`data-testid="flight-from-${flight.flightNumber}">([^<]+)<`).exec(res.text)?.[1]).toBe(formatMoney({ amountMinor: cheapest, currency: 'EUR' }));
    }
  });

  it('lists 3 days either side with their lowest price, each a search of that day, and none before today or after the return', async () => {
    const { agent, db, clock } = createTestApp();
    const res = await agent.get(url(searchQuery({ ...trip, depart: '2026-11-28', return: '2026-11-30' })));
    expect(res.status).toBe(200);
    const days = (dir: string) => [...res.text.matchAll(new RegExp(`data-testid="nearby-date-${dir}-([\\d-]+)"`, 'g'))].map((m) => m[1]);
    // Today is 2026-11-27: the outbound strip starts there and stops at the return date.
    expect(days('outbound')).toEqual(['2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30']);
    expect(days('return')).toEqual(['2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03']);
    const lowest = Math.min(
      ...findFlights(db, { from: 'DUB', to: 'LIS', date: '2026-11-29', party, now: clock.now() }).flatMap((f) => f.fares.filter((x) => x.seatsLeft >= 3).map((x) => x.totalMinor)),
    );
    const link = /<a href="([^"]+)" data-testid="nearby-date-outbound-2026-11-29">(.*?)<\/a>/.exec(res.text)!;
    expect(text(link[2]!)).toContain(`from ${formatMoney({ amountMinor: lowest, currency: 'EUR' })}`);
    expect(link[1]!.replace(/&amp;/g, '&')).toContain('depart=2026-11-29&return=2026-11-30');
    expect(res.text).toMatch(/aria-current="date" data-testid="nearby-date-outbound-2026-11-28"/);
  });

  it('totals the fares chosen each way for the whole party (the view model a 422 re-renders with), and nothing while a direction lacks one', () => {
    const { db, clock } = createTestApp();
    const now = clock.now();
    const { query, airports, today } = validateSearch(db, searchQuery(trip), now);
    const results = searchResults(db, query, { airports, today, now });
    const view = (chosen: Record<string, string>) =>
      resultsView({
        query,
        results,
        upsells: new Map(),
        fareOffers: fareOffers(db),
        tactics: tacticAssignments(db, 'layout-test'),
        takeData: NO_TAKE_DATA,
        chosen,
        nearby: new Map(),
        today,
      });
    const out = results[0]!.flights[0]!.fares[0]!;
    const back = results[1]!.flights[1]!.fares[1]!;
    expect(view({ outboundFare: String(out.fareId) }).tripTotal).toBeNull();
    const both = view({ outboundFare: String(out.fareId), returnFare: String(back.fareId) });
    expect(both.tripTotal).toBe(formatMoney({ amountMinor: out.totalMinor + back.totalMinor, currency: 'EUR' }, { alwaysCents: true }));
    // The flight of a chosen fare is the one open, so the customer sees the fare chosen.
    expect(both.legs[1]!.flights.find((f) => f.open)!.id).toBe(results[1]!.flights[1]!.id);
  });
});
