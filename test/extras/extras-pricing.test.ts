// The server prices every extra from the catalogue; the summary adds up.
import { describe, expect, it } from 'vitest';
import { atExtras, bandFor, FAMILY_TO_LISBON, flightOf, hotelIds, priceRule, saveExtrasForm, SOLO_TO_NEW_YORK, summaryOf } from './extras-helpers.ts';

describe('extras prices', () => {
  it('prices bags, priority, hotel and insurance from the catalogue, and the total is the sum of the lines', async () => {
    const ctx = await atExtras(FAMILY_TO_LISBON);
    const hotel = hotelIds(ctx, 'LIS')[3]!;
    await saveExtrasForm(ctx, {
      'bag-p1-outbound': '2',
      'bag-p3-return': '1',
      'priority-p2-outbound': 'add',
      hotel: String(hotel),
      'hotel-rooms': '2',
      insurance: 'add',
    });
    const page = await ctx.agent.get(ctx.url);
    const { lines, total } = summaryOf(page.text);
    expect([...lines.values()].reduce((a, b) => a + b, 0)).toBe(total);

    const bags = (priceRule(ctx, 'BAG_CHECKED_23KG') as { bands: never }).bands;
    const priority = (priceRule(ctx, 'PRIORITY_BOARDING') as { bands: never }).bands;
    const insurance = (priceRule(ctx, 'TRAVEL_INSURANCE') as { returnMinor: number }).returnMinor;
    const nightly = ctx.db.prepare('SELECT nightly_minor FROM hotels WHERE id = ?').pluck().get(hotel) as number;
    expect(lines.get('bag-p1-outbound')).toBe(2 * bandFor(bags, flightOf(ctx, 'outbound').distanceKm));
    expect(lines.get('bag-p3-return')).toBe(1 * bandFor(bags, flightOf(ctx, 'return').distanceKm));
    expect(lines.get('priority-p2-outbound')).toBe(bandFor(priority, flightOf(ctx, 'outbound').distanceKm));
    expect(lines.get('hotel')).toBe(nightly * 4 * 2); // 14 → 18 January, 2 rooms
    expect(lines.get('insurance')).toBe(insurance * 3); // the infant is covered free
  });

  it('ignores a posted price or total: the server prices', async () => {
    const ctx = await atExtras(FAMILY_TO_LISBON);
    await saveExtrasForm(ctx, {
      'bag-p1-outbound': '1',
      insurance: 'add',
      price: '1',
      total: '0',
      'bag-price-outbound': '0',
      'insurance-price': '0',
      amount_minor: '1',
    });
    const page = await ctx.agent.get(ctx.url);
    const { lines } = summaryOf(page.text);
    const bags = (priceRule(ctx, 'BAG_CHECKED_23KG') as { bands: never }).bands;
    expect(lines.get('bag-p1-outbound')).toBe(bandFor(bags, flightOf(ctx, 'outbound').distanceKm));
    expect(lines.get('insurance')).toBe((priceRule(ctx, 'TRAVEL_INSURANCE') as { returnMinor: number }).returnMinor * 3);
    const stored = ctx.db.prepare('SELECT * FROM checkout_extras WHERE checkout_id = ?').all(ctx.id) as Array<Record<string, unknown>>;
    for (const row of stored) expect(Object.keys(row).some((k) => k.endsWith('_minor'))).toBe(false);
  });

  it('prices a one-way hotel for the nights chosen, checking in on the day of arrival', async () => {
    const ctx = await atExtras(SOLO_TO_NEW_YORK);
    const hotel = hotelIds(ctx, 'JFK')[2]!;
    await saveExtrasForm(ctx, { hotel: String(hotel), 'hotel-nights': '6', 'hotel-rooms': '1' });
    const nightly = ctx.db.prepare('SELECT nightly_minor FROM hotels WHERE id = ?').pluck().get(hotel) as number;
    const row = ctx.db.prepare("SELECT * FROM checkout_extras WHERE checkout_id = ? AND item_key = 'hotel'").get(ctx.id) as Record<string, unknown>;
    expect(row).toMatchObject({ offer_code: 'HOTEL_STAY', hotel_id: hotel, nights: 6, rooms: 1, check_in: '2027-01-14' });
    const page = await ctx.agent.get(ctx.url);
    expect(summaryOf(page.text).lines.get('hotel')).toBe(nightly * 6);
  });
});
