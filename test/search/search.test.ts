import { describe, expect, it } from 'vitest';
import { quoteFare } from '../../src/features/catalogue/fare-pricing.ts';
import { createTestApp, postForm, text } from '../helpers/app.ts';
import { findFareOption, openCheckout, searchQuery } from '../helpers/flow.ts';

const trip = { from: 'DUB', to: 'LIS', depart: '2026-12-10', return: '2026-12-17', adults: 2, children: 1 };
const url = (q: Record<string, string>) => `/flights?${new URLSearchParams(q).toString()}`;

describe('search form', () => {
  it('lists the airports by city with their codes, usable without JavaScript', async () => {
    const { agent } = createTestApp();
    const res = await agent.get('/');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<option value="LIS" >Lisbon (LIS)');
    expect(res.text).toMatch(/<form class="panel search-form" method="get" action="\/flights"/);
    expect(res.text).toContain('<label for="from">From</label>');
  });

  it('lists the problems in the order of the form, without repeating one', async () => {
    const { agent } = createTestApp();
    const res = await agent.get(url({ ...searchQuery(trip), to: 'DUB', depart: '2020-01-01', adults: '10' }));
    expect(res.status).toBe(422);
    const start = res.text.indexOf('data-testid="error-summary"');
    const summary = text(res.text.slice(start, res.text.indexOf('</ul>', start)));
    expect(summary.indexOf('Choose a destination other')).toBeLessThan(summary.indexOf('The departure date is in the past'));
    expect(summary.indexOf('The departure date is in the past')).toBeLessThan(summary.indexOf('1 to 9 adults'));
    expect(summary).not.toContain('At most 9 passengers');
  });

  it('comes back filled in from "Change search" on the results page', async () => {
    const { agent } = createTestApp();
    const results = await agent.get(url(searchQuery(trip)));
    const change = /href="(\/\?[^"]+)" data-testid="change-search"/.exec(results.text)?.[1]?.replace(/&amp;/g, '&');
    expect(change).toBeDefined();
    const form = await agent.get(change!);
    expect(form.status).toBe(200);
    expect(form.text).toContain('<option value="LIS" selected>');
    expect(form.text).toContain('value="2026-12-17"');
    expect(form.text).toMatch(/id="adults" name="adults"[^>]*value="2"/);
  });

  it.each([
    ['a past date', { depart: '2026-11-01' }, 'depart', 'The departure date is in the past'],
    ['a return before the departure', { return: '2026-12-05' }, 'return', 'The return date is before the departure date'],
    ['from = to', { to: 'DUB' }, 'to', 'Choose a destination other than where you fly from'],
    ['an unknown airport', { to: 'XXX' }, 'to', 'We do not fly to that airport'],
    ['more infants than adults', { infants: '3' }, 'infants', 'no more infants than adults'],
    ['10 adults', { adults: '10' }, 'adults', '1 to 9 adults'],
    ['10 passengers with a seat', { adults: '5', children: '5' }, 'children', 'At most 9 passengers with a seat'],
    ['a malformed date', { depart: '2026-13-45' }, 'depart', 'Enter the departure date, for example 14 March 2027'],
    ['a missing departure date', { depart: '' }, 'depart', 'Enter the departure date, for example 14 March 2027'],
    ['a missing origin', { from: '' }, 'from', 'Choose the airport you fly from'],
    ['a return trip without a return date', { return: '' }, 'return', 'Choose a return date'],
    ['a date beyond the schedule', { depart: '2027-12-01', return: '2027-12-02' }, 'depart', 'We sell flights up to'],
  ])('answers %s with 422, the values entered and a message beside the field', async (_name, change, field, message) => {
    const { agent } = createTestApp();
    const query = { ...searchQuery(trip), ...change };
    const res = await agent.get(url(query));
    expect(res.status).toBe(422);
    expect(res.text).toContain(`data-testid="error-${field}"`);
    expect(text(res.text)).toContain(message);
    if (field === 'depart') expect(res.text).toContain(`value="${(query as Record<string, string>).depart}"`);
    expect(res.text).not.toContain('data-testid="fares-form"');
  });

  it('refuses a route Skylark Air does not fly, naming both cities', async () => {
    const { agent, db } = createTestApp();
    const pair = db
      .prepare(`SELECT a.code AS a, b.code AS b FROM airports a, airports b
                WHERE a.code <> b.code AND NOT EXISTS (SELECT 1 FROM routes r WHERE r.origin = a.code AND r.destination = b.code) LIMIT 1`)
      .get() as { a: string; b: string } | undefined;
    if (!pair) return; // every pair is served: nothing to refuse
    const res = await agent.get(url({ ...searchQuery(trip), from: pair.a, to: pair.b }));
    expect(res.status).toBe(422);
    expect(text(res.text)).toContain('Skylark Air does not fly from');
  });

  it('never answers 500 to nonsense in the query', async () => {
    const { agent } = createTestApp();
    for (const q of ['from[]=DUB&to=LIS', 'adults=%00', 'depart=' + 'x'.repeat(5000), 'from=DUB&from=LIS', 'adults=1e3']) {
      const res = await agent.get(`/flights?${q}`);
      expect(res.status, q).toBe(422);
    }
  });
});

describe('results', () => {
  it('show the fare families of each flight with all-in totals that equal the catalogue for 2 adults and 1 child', async () => {
    const { agent, db, clock } = createTestApp();
    const res = await agent.get(url(searchQuery(trip)));
    expect(res.status).toBe(200);
    const fares = db
      .prepare(
        `SELECT fa.*, f.flight_number, f.departs_at, f.origin FROM fares fa JOIN flights f ON f.id = fa.flight_id
         WHERE ((f.origin = 'DUB' AND f.destination = 'LIS' AND f.departure_date = '2026-12-10')
             OR (f.origin = 'LIS' AND f.destination = 'DUB' AND f.departure_date = '2026-12-17'))`,
      )
      .all() as Array<{ family: string; base_minor: number; taxes_minor: number; flight_number: string; departs_at: string; origin: string }>;
    expect(fares.length).toBeGreaterThanOrEqual(6);
    for (const fare of fares) {
      const q = quoteFare({ baseMinor: fare.base_minor, taxesMinor: fare.taxes_minor, family: fare.family, departsAt: fare.departs_at, now: clock.now() });
      const total = 2 * q.adultMinor + q.childMinor + 3 * q.taxesMinor;
      const direction = fare.origin === 'DUB' ? 'outbound' : 'return';
      const shown = new RegExp(`data-testid="fare-total-${direction}-${fare.flight_number}-${fare.family}">([^<]+)<`).exec(res.text)?.[1];
      const euros = new Intl.NumberFormat('en-IE', { style: 'currency', currency: 'EUR', minimumFractionDigits: total % 100 ? 2 : 0 }).format(total / 100);
      expect(shown, `${fare.flight_number} ${fare.family}`).toBe(euros);
    }
    for (const family of ['Basic', 'Standard', 'Flex']) expect(res.text).toContain(`<span class="fare__name">${family}</span>`);
    expect(res.text).toContain('data-testid="bag-fee-notice-outbound"');
  });

  it('show local departure and arrival times of each airport', async () => {
    const { agent, db } = createTestApp();
    const res = await agent.get(url(searchQuery({ ...trip, to: 'JFK', return: undefined })));
    if (res.status === 422) return; // DUB–JFK not in this network
    const flight = db.prepare(`SELECT * FROM flights WHERE origin = 'DUB' AND destination = 'JFK' AND departure_date = '2026-12-10' LIMIT 1`).get() as
      | { departs_at: string; arrives_at: string }
      | undefined;
    if (!flight) return;
    const local = (iso: string, tz: string) => new Intl.DateTimeFormat('en-GB', { timeZone: tz, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
    expect(res.text).toContain(`<time datetime="${flight.departs_at}">${local(flight.departs_at, 'Europe/Dublin')}</time>`);
    expect(res.text).toContain(`<time datetime="${flight.arrives_at}">${local(flight.arrives_at, 'America/New_York')}</time>`);
  });

  it('give a clear page with the nearest days when there is no flight that day', async () => {
    const { agent, db } = createTestApp();
    db.prepare(`DELETE FROM fares WHERE flight_id IN (SELECT id FROM flights WHERE origin = 'DUB' AND destination = 'LIS' AND departure_date = '2026-12-10')`).run();
    db.prepare(`DELETE FROM flights WHERE origin = 'DUB' AND destination = 'LIS' AND departure_date = '2026-12-10'`).run();
    const res = await agent.get(url(searchQuery({ ...trip, return: undefined })));
    expect(res.status).toBe(200);
    expect(text(res.text)).toContain('There is no flight from Dublin to Lisbon on Thu, 10 Dec 2026');
    expect(res.text).toContain('data-testid="nearest-day-2026-12-09"');
    expect(res.text).toContain('data-testid="nearest-day-2026-12-11"');
  });

  it('say what each dearer family adds over the cheapest, and for how much', async () => {
    const { agent } = createTestApp();
    const res = await agent.get(url(searchQuery({ ...trip, return: undefined })));
    const hints = [...res.text.matchAll(/data-testid="fare-upsell-outbound-[A-Z0-9]+-(\w+)">\s*([^<]+?)\s*</g)].map((m) => [m[1], m[2]]);
    expect(hints.length).toBeGreaterThanOrEqual(2);
    const standard = hints.find(([family]) => family === 'standard')![1]!;
    expect(standard).toMatch(/^Standard adds a 23 kg bag, a free seat and changes allowed \(fee applies\) for \+€\d+/);
    const flex = hints.find(([family]) => family === 'flex')![1]!;
    expect(flex).toMatch(/^Flex adds a 23 kg bag, any seat free, free changes, a refund if you cancel and priority boarding for \+€/);
  });

  it('give each fare radio its all-in price as its description, for screen readers', async () => {
    const { agent } = createTestApp();
    const res = await agent.get(url(searchQuery({ ...trip, return: undefined })));
    const radio = /<input type="radio" id="(fare-\d+)"[^>]*aria-describedby="([^"]+)"/.exec(res.text);
    expect(radio?.[2]).toBe(`${radio?.[1]}-price`);
    expect(res.text).toMatch(new RegExp(`<span class="fare__price" id="${radio?.[2]}"[^>]*>€`));
  });

  it('say how many seats are left when few are, naming the fare, only when the scarcity tactic is on', async () => {
    const { agent, db } = createTestApp();
    const flight = db.prepare(`SELECT id, flight_number FROM flights WHERE origin = 'DUB' AND destination = 'LIS' AND departure_date = '2026-12-10' LIMIT 1`).get() as { id: number; flight_number: string };
    db.prepare(`UPDATE fares SET seats_total = seats_sold + 3 WHERE flight_id = ? AND family = 'basic'`).run(flight.id);
    const off = await agent.get(url(searchQuery({ ...trip, return: undefined })));
    expect(off.text).not.toContain(`data-testid="seats-left-${flight.flight_number}"`);
    db.prepare(`UPDATE tactics SET mode = 'on' WHERE code = 'scarcity'`).run();
    const on = await agent.get(url(searchQuery({ ...trip, return: undefined })));
    expect(on.text).toContain(`data-testid="seats-left-${flight.flight_number}">3 Basic seats left at this price<`);
  });
});

describe('choosing fares', () => {
  it('opens a checkout with an unguessable id and redirects to the passengers step', async () => {
    const ctx = createTestApp();
    const id = await openCheckout(ctx, { ...trip, family: 'standard' });
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const row = ctx.db.prepare('SELECT * FROM checkouts WHERE id = ?').get(id) as { adults: number; children: number; trip_type: string };
    expect(row).toMatchObject({ adults: 2, children: 1, trip_type: 'return' });
    const flights = ctx.db.prepare('SELECT direction, family FROM checkout_flights WHERE checkout_id = ? ORDER BY direction').all(id);
    expect(flights).toEqual([{ direction: 'outbound', family: 'standard' }, { direction: 'return', family: 'standard' }]);
  });

  it('records every dearer family as an impression and the one chosen as accepted', async () => {
    const ctx = createTestApp();
    const id = await openCheckout(ctx, { ...trip, family: 'standard' });
    const shown = ctx.db.prepare(`SELECT offer_code, placement, kind, category, price_minor, item_key FROM offer_events WHERE event = 'shown'`).all() as Array<{ offer_code: string; placement: string; kind: string; category: string; price_minor: number }>;
    const flightsShown = ctx.db.prepare(`SELECT count(*) AS n FROM flights WHERE (origin='DUB' AND destination='LIS' AND departure_date='2026-12-10') OR (origin='LIS' AND destination='DUB' AND departure_date='2026-12-17')`).get() as { n: number };
    // Standard and Flex on every flight (plus Business where sold): at least two a flight, none for Basic.
    expect(shown.length).toBeGreaterThanOrEqual(flightsShown.n * 2);
    expect(shown.every((e) => e.placement === 'results' && e.kind === 'upsell' && e.category === 'fare' && e.price_minor > 0)).toBe(true);
    expect(shown.some((e) => e.offer_code === 'FARE_BASIC')).toBe(false);
    const accepted = ctx.db.prepare(`SELECT offer_code, checkout_id, price_minor FROM offer_events WHERE event = 'accepted'`).all() as Array<{ offer_code: string; checkout_id: string; price_minor: number }>;
    expect(accepted).toHaveLength(2);
    expect(accepted.every((e) => e.offer_code === 'FARE_STANDARD' && e.checkout_id === id)).toBe(true);
    // The impressions of the two chosen flights now belong to the checkout; the others stay anonymous.
    const claimed = ctx.db.prepare(`SELECT DISTINCT item_key FROM offer_events WHERE event = 'shown' AND checkout_id = ?`).all(id);
    expect(claimed).toHaveLength(2);
  });

  it('counts an impression once when the results page is reloaded', async () => {
    const { agent, db } = createTestApp();
    await agent.get(url(searchQuery(trip)));
    const first = (db.prepare(`SELECT count(*) AS n FROM offer_events`).get() as { n: number }).n;
    await agent.get(url(searchQuery(trip)));
    expect((db.prepare(`SELECT count(*) AS n FROM offer_events`).get() as { n: number }).n).toBe(first);
  });

  it('records no acceptance when the cheapest family is chosen', async () => {
    const ctx = createTestApp();
    await openCheckout(ctx, { ...trip, family: 'basic' });
    expect(ctx.db.prepare(`SELECT count(*) AS n FROM offer_events WHERE event = 'accepted'`).get()).toEqual({ n: 0 });
  });

  it('asks for a fare in each direction, keeping the one chosen', async () => {
    const ctx = createTestApp();
    const resultsUrl = url(searchQuery(trip));
    const page = await ctx.agent.get(resultsUrl);
    const outbound = findFareOption(page.text, 'outbound', 'basic');
    const res = await postForm(ctx.agent, resultsUrl, '/checkouts', { ...searchQuery(trip), outboundFare: outbound.fareId });
    expect(res.status).toBe(422);
    expect(res.text).toContain('data-testid="error-returnFare"');
    expect(res.text).toMatch(new RegExp(`value="${outbound.fareId}" data-testid="fare-outbound-[A-Z0-9]+-basic" aria-describedby="[^"]+"\\s+checked`));
  });

  it('refuses a fare of another route or day, and a sold-out fare', async () => {
    const ctx = createTestApp();
    const resultsUrl = url(searchQuery({ ...trip, return: undefined }));
    const other = ctx.db.prepare(`SELECT fa.id FROM fares fa JOIN flights f ON f.id = fa.flight_id WHERE f.origin = 'LIS' LIMIT 1`).get() as { id: number };
    const wrong = await postForm(ctx.agent, resultsUrl, '/checkouts', { ...searchQuery({ ...trip, return: undefined }), outboundFare: String(other.id) });
    expect(wrong.status).toBe(422);
    expect(text(wrong.text)).toContain('Choose one of the outbound fares shown');

    const page = await ctx.agent.get(resultsUrl);
    const fare = findFareOption(page.text, 'outbound', 'basic');
    ctx.db.prepare('UPDATE fares SET seats_total = 1 WHERE id = ?').run(Number(fare.fareId));
    const soldOut = await postForm(ctx.agent, resultsUrl, '/checkouts', { ...searchQuery({ ...trip, return: undefined }), outboundFare: fare.fareId });
    expect(soldOut.status).toBe(422);
    expect(text(soldOut.text)).toContain('Only 1 Basic seats are left');
    expect(ctx.db.prepare('SELECT count(*) AS n FROM checkouts').get()).toEqual({ n: 0 });
  });

  it('refuses a form without its CSRF token', async () => {
    const { agent } = createTestApp();
    const res = await agent.post('/checkouts').type('form').send(new URLSearchParams(searchQuery(trip)).toString());
    expect(res.status).toBe(403);
    expect(text(res.text)).toContain('Your form expired');
  });
});

describe('checkout pages', () => {
  it('answer 404 for an unknown or malformed checkout id', async () => {
    const { agent } = createTestApp();
    for (const id of ['AAAAAAAAAAAAAAAAAAAAAA', 'nope', "x'; DROP TABLE checkouts;--"]) {
      const res = await agent.get(`/checkouts/${encodeURIComponent(id)}/passengers`);
      expect(res.status).toBe(404);
    }
  });

  it('answer 404 for a checkout that expired', async () => {
    const ctx = createTestApp();
    const id = await openCheckout(ctx, trip);
    ctx.clock.advance(3 * 60 * 60 * 1000 + 1);
    const res = await ctx.agent.get(`/checkouts/${id}/passengers`);
    expect(res.status).toBe(404);
    expect(text(res.text)).toContain('expired');
  });
});
