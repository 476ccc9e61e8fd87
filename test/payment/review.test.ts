import { describe, expect, it } from 'vitest';
import { findCheckout } from '../../src/features/checkout/checkout.repository.ts';
import { priceCheckout } from '../../src/features/checkout/pricing.ts';
import { formatMoney } from '../../src/lib/money.ts';
import { createTestApp, postForm, text } from '../helpers/app.ts';
import { openCheckout } from '../helpers/flow.ts';
import { addExtra, count, holdSeat, reachReview, reviewUrl, RETURN_TRIP } from './pay-flow.ts';
import { TRIPS } from '../helpers/fixtures.ts';

describe('GET /checkouts/:id/review', () => {
  it('sends a checkout whose passengers are missing back to the passengers step (303)', async () => {
    const ctx = createTestApp();
    const id = await openCheckout(ctx, TRIPS.soloToLondon);
    const res = await ctx.agent.get(reviewUrl(id));
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/checkouts/${id}/passengers`);
  });

  it('shows every line of the server price (fares per type, taxes, seats, bags, upgrade, priority, hotel, insurance) and the total', async () => {
    const ctx = createTestApp();
    const id = await reachReview(ctx, RETURN_TRIP);
    holdSeat(ctx, id, { direction: 'outbound', passengerIdx: 1, seat: '12A', priceMinor: 2200 });
    addExtra(ctx, id, { itemKey: 'bag:p1:outbound', offerCode: 'BAG_CHECKED_23KG', passengerIdx: 1, direction: 'outbound', quantity: 2 });
    addExtra(ctx, id, { itemKey: 'priority:p2:return', offerCode: 'PRIORITY_BOARDING', passengerIdx: 2, direction: 'return' });
    addExtra(ctx, id, { itemKey: 'insurance', offerCode: 'TRAVEL_INSURANCE' });
    const hotel = ctx.db.prepare("SELECT id FROM hotels WHERE airport_code = 'LIS' ORDER BY id LIMIT 1").pluck().get() as number;
    addExtra(ctx, id, { itemKey: 'hotel', offerCode: 'HOTEL_STAY', hotelId: hotel, checkIn: '2026-12-10', nights: 4, rooms: 2 });

    const res = await ctx.agent.get(reviewUrl(id));
    expect(res.status).toBe(200);
    const summary = priceCheckout(ctx.db, findCheckout(ctx.db, id)!);
    for (const line of summary.lines) {
      const row = new RegExp(`data-testid="review-line-${line.key.replace(/:/g, '-')}">\\s*<td>[\\s\\S]*?<td class="num">([^<]+)</td>`).exec(res.text);
      expect(row?.[1], line.key).toBe(formatMoney(line.total));
    }
    const keys = summary.lines.map((l) => l.key);
    expect(keys).toEqual(expect.arrayContaining(['fare:outbound:adult', 'fare:outbound:child', 'tax:return:seated', 'seat:p1:outbound', 'bag:p1:outbound', 'priority:p2:return', 'insurance', 'hotel']));
    for (const group of ['Fares', 'Taxes and fees', 'Seats', 'Checked bags', 'Priority boarding', 'Hotel', 'Travel insurance']) {
      expect(res.text).toContain(`<th scope="rowgroup" colspan="2">${group}</th>`);
    }
    const total = formatMoney(summary.total, { alwaysCents: true });
    expect(summary.total.amountMinor).toBe(summary.lines.reduce((sum, l) => sum + l.total.amountMinor, 0));
    expect(res.text).toContain(`data-testid="price-total">${total}<`);
    expect(text(res.text)).toContain(`Pay ${total}`);
    // Insurance is in the checkout already: no last-chance offer.
    expect(res.text).not.toContain('data-testid="insurance-offer"');
  });

  it('shows the flights in local time and the passengers with their seats', async () => {
    const ctx = createTestApp();
    const id = await reachReview(ctx, TRIPS.soloToNewYork);
    holdSeat(ctx, id, { direction: 'outbound', passengerIdx: 1, seat: '30C' });
    const res = await ctx.agent.get(reviewUrl(id));
    const flight = ctx.db
      .prepare("SELECT f.departs_at, f.arrives_at FROM flights f JOIN checkout_flights cf ON cf.flight_id = f.id WHERE cf.checkout_id = ?")
      .get(id) as { departs_at: string; arrives_at: string };
    const hhmm = (iso: string, timeZone: string) => new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
    const departure = /data-testid="review-departure-outbound">([\s\S]*?)<\/span>/.exec(res.text)?.[1] ?? '';
    const arrival = /data-testid="review-arrival-outbound">([\s\S]*?)<\/span>/.exec(res.text)?.[1] ?? '';
    expect(text(departure)).toContain(`${hhmm(flight.departs_at, 'Europe/Dublin')} DUB`);
    expect(text(arrival)).toContain(`${hhmm(flight.arrives_at, 'America/New_York')} JFK`);
    expect(text(res.text)).toContain('Ada Lovelace');
    expect(text(/data-testid="review-seat-p1-outbound">([\s\S]*?)<\/span>/.exec(res.text)?.[1] ?? '')).toContain('30C');
  });

  it('has a card form with labels, autocomplete and numeric keyboards, and no inline script or style', async () => {
    const ctx = createTestApp();
    const id = await reachReview(ctx);
    const html = (await ctx.agent.get(reviewUrl(id))).text;
    for (const [field, autocomplete] of [['card-number', 'cc-number'], ['card-name', 'cc-name'], ['card-expiry', 'cc-exp'], ['card-cvc', 'cc-csc']] as const) {
      expect(html).toContain(`<label for="${field}">`);
      expect(html).toMatch(new RegExp(`id="${field}"[^>]*autocomplete="${autocomplete}"[^>]*data-testid="${field}"`));
    }
    expect(html).toMatch(/id="card-number"[^>]*inputmode="numeric"/);
    expect(html).toMatch(/id="card-cvc"[^>]*inputmode="numeric"/);
    expect(html).toContain('data-testid="pay-button"');
    expect(html).not.toMatch(/style="/);
    expect(html).not.toMatch(/<script(?![^>]*src=)/);
  });

  it('warns that a seat hold has expired, with a link back to the seats step', async () => {
    const ctx = createTestApp();
    const id = await reachReview(ctx);
    holdSeat(ctx, id, { direction: 'outbound', passengerIdx: 1, seat: '14C', priceMinor: 2200 });
    ctx.clock.advance(15 * 60_000);
    const res = await ctx.agent.get(reviewUrl(id));
    expect(res.status).toBe(200);
    expect(res.text).toContain('data-testid="seat-hold-expired"');
    expect(res.text).toMatch(new RegExp(`href="/checkouts/${id}/seats" data-testid="back-to-seats"`));
    expect(text(res.text)).toContain('14C');
  });
});

describe('the last-chance travel insurance on the review page', () => {
  it('offers insurance when it is not chosen and records one "shown" at placement review, however often the page loads', async () => {
    const ctx = createTestApp();
    const id = await reachReview(ctx, RETURN_TRIP);
    const first = await ctx.agent.get(reviewUrl(id));
    await ctx.agent.get(reviewUrl(id));
    expect(first.text).toContain('data-testid="insurance-offer"');
    expect(text(first.text)).toContain('€24 per passenger, €72 for 3 passengers');
    const shown = ctx.db
      .prepare("SELECT offer_code, kind, category, item_key, price_minor FROM offer_events WHERE checkout_id = ? AND placement = 'review' AND event = 'shown' AND offer_code = 'TRAVEL_INSURANCE'")
      .all(id);
    expect(shown).toEqual([{ offer_code: 'TRAVEL_INSURANCE', kind: 'cross_sell', category: 'insurance', item_key: 'insurance', price_minor: 7200 }]);
  });

  it('adds insurance, records "accepted", answers 303 back to the review, and the total rises by its price', async () => {
    const ctx = createTestApp();
    const id = await reachReview(ctx, RETURN_TRIP);
    const before = priceCheckout(ctx.db, findCheckout(ctx.db, id)!).total.amountMinor;
    const res = await postForm(ctx.agent, reviewUrl(id), `/checkouts/${id}/review/insurance`, { response: 'accept' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(new RegExp(`^/checkouts/${id}/review`));
    expect(priceCheckout(ctx.db, findCheckout(ctx.db, id)!).total.amountMinor).toBe(before + 7200);
    expect(count(ctx, "SELECT count(*) FROM offer_events WHERE checkout_id = ? AND placement = 'review' AND event = 'accepted' AND offer_code = 'TRAVEL_INSURANCE'", id)).toBe(1);
    const page = await ctx.agent.get(reviewUrl(id));
    expect(page.text).not.toContain('data-testid="insurance-offer"');
    expect(page.text).toContain('data-testid="review-line-insurance"');
    // A second click on the stale form adds nothing more.
    const again = await postForm(ctx.agent, reviewUrl(id), `/checkouts/${id}/review/insurance`, { response: 'accept' });
    expect(again.status).toBe(303);
    expect(count(ctx, "SELECT count(*) FROM checkout_extras WHERE checkout_id = ? AND offer_code = 'TRAVEL_INSURANCE'", id)).toBe(1);
    expect(count(ctx, "SELECT count(*) FROM offer_events WHERE checkout_id = ? AND event = 'accepted' AND offer_code = 'TRAVEL_INSURANCE'", id)).toBe(1);
  });

  it('records "declined" for No thanks and stops offering it', async () => {
    const ctx = createTestApp();
    const id = await reachReview(ctx);
    const res = await postForm(ctx.agent, reviewUrl(id), `/checkouts/${id}/review/insurance`, { response: 'decline' });
    expect(res.status).toBe(303);
    expect(count(ctx, "SELECT count(*) FROM offer_events WHERE checkout_id = ? AND placement = 'review' AND event = 'declined'", id)).toBe(1);
    expect(count(ctx, 'SELECT count(*) FROM checkout_extras WHERE checkout_id = ?', id)).toBe(0);
    expect((await ctx.agent.get(reviewUrl(id))).text).not.toContain('data-testid="insurance-offer"');
  });

  it('does not ask again when the customer said No thanks to insurance on the extras step', async () => {
    const ctx = createTestApp();
    const id = await reachReview(ctx);
    const extras = `/checkouts/${id}/extras`;
    expect((await postForm(ctx.agent, extras, extras, { insurance: 'decline' })).status).toBe(303);
    expect((await ctx.agent.get(reviewUrl(id))).text).not.toContain('data-testid="insurance-offer"');
  });

  it('refuses an answer other than accept or decline, with 422 and nothing added', async () => {
    const ctx = createTestApp();
    const id = await reachReview(ctx);
    const res = await postForm(ctx.agent, reviewUrl(id), `/checkouts/${id}/review/insurance`, { response: 'yes-please', price: '0' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('data-testid="insurance-error"');
    expect(count(ctx, 'SELECT count(*) FROM checkout_extras WHERE checkout_id = ?', id)).toBe(0);
  });
});
