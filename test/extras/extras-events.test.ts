// Offer events of the extras page: shown once per rendered offer, accepted, removed, declined.
import { describe, expect, it } from 'vitest';
import { atExtras, bandFor, events, FAMILY_TO_LISBON, flightOf, hotelIds, priceRule, saveExtrasForm, SOLO_TO_NEW_YORK } from './extras-helpers.ts';

describe('extras offer events', () => {
  it('records each rendered offer as shown once, even after a reload and a failed submit', async () => {
    const ctx = await atExtras(FAMILY_TO_LISBON);
    await ctx.agent.get(ctx.url);
    const first = events(ctx, 'shown');
    await ctx.agent.get(ctx.url);
    const { postForm } = await import('../helpers/app.ts');
    await postForm(ctx.agent, ctx.url, ctx.url, { 'bag-p1-outbound': 'abc' });
    const shown = events(ctx, 'shown');
    expect(shown).toEqual(first);
    const keys = shown.map((e) => `${e.offer_code} ${e.item_key}`).sort();
    expect(keys).toEqual(
      [
        ...['p1', 'p2', 'p3'].flatMap((p) => ['outbound', 'return'].map((d) => `BAG_CHECKED_23KG bag:${p}:${d}`)),
        ...['p1', 'p2', 'p3'].flatMap((p) => ['outbound', 'return'].map((d) => `PRIORITY_BOARDING priority:${p}:${d}`)),
        'HOTEL_STAY hotel',
        'TRAVEL_INSURANCE insurance',
        'CAR_RENTAL car',
      ].sort(),
    );
    expect(new Set(shown.map((e) => e.tactic))).toEqual(new Set(['checkout_addons']));
    const bag = bandFor((priceRule(ctx, 'BAG_CHECKED_23KG') as { bands: never }).bands, flightOf(ctx, 'outbound').distanceKm);
    expect(shown.find((e) => e.item_key === 'bag:p1:outbound')!.price_minor).toBe(bag);
  });

  it('records the cabin upgrade as shown under the better-model tactic', async () => {
    const ctx = await atExtras(SOLO_TO_NEW_YORK);
    await ctx.agent.get(ctx.url);
    const upgrade = events(ctx, 'shown').filter((e) => e.offer_code === 'CABIN_UPGRADE');
    expect(upgrade).toHaveLength(1);
    expect(upgrade[0]).toMatchObject({ item_key: 'upgrade:outbound', tactic: 'better_model_upgrade' });
    expect(upgrade[0]!.price_minor).toBeGreaterThan(0);
  });

  it('records accepted for each extra added, with the price it adds', async () => {
    const ctx = await atExtras(FAMILY_TO_LISBON);
    const hotel = hotelIds(ctx, 'LIS')[0]!;
    const nightly = ctx.db.prepare('SELECT nightly_minor FROM hotels WHERE id = ?').pluck().get(hotel) as number;
    const bag = bandFor((priceRule(ctx, 'BAG_CHECKED_23KG') as { bands: never }).bands, flightOf(ctx, 'outbound').distanceKm);
    await saveExtrasForm(ctx, { 'bag-p1-outbound': '2', 'priority-p2-return': 'add', hotel: String(hotel), 'hotel-rooms': '2', insurance: 'add' });
    const accepted = events(ctx, 'accepted').map((e) => [e.item_key, e.price_minor, e.tactic]);
    expect(accepted).toEqual(
      expect.arrayContaining([
        ['bag:p1:outbound', 2 * bag, 'checkout_addons'],
        ['hotel', nightly * 4 * 2, 'checkout_addons'],
        ['insurance', (priceRule(ctx, 'TRAVEL_INSURANCE') as { returnMinor: number }).returnMinor * 3, 'checkout_addons'],
      ]),
    );
    expect(accepted).toHaveLength(4);
    expect(events(ctx, 'accepted').find((e) => e.item_key === 'priority:p2:return')!.offer_code).toBe('PRIORITY_BOARDING');
    // Saving the same selection again records nothing new.
    await saveExtrasForm(ctx, { 'bag-p1-outbound': '2', 'priority-p2-return': 'add', hotel: String(hotel), 'hotel-rooms': '2', insurance: 'add' });
    expect(events(ctx).filter((e) => e.event !== 'shown')).toHaveLength(4);
  });

  it('records removed when a saved extra is taken away, and deletes it', async () => {
    const ctx = await atExtras(FAMILY_TO_LISBON);
    const hotel = hotelIds(ctx, 'LIS')[1]!;
    await saveExtrasForm(ctx, { 'priority-p1-outbound': 'add', hotel: String(hotel), 'hotel-rooms': '1', insurance: 'add' });
    await saveExtrasForm(ctx, { 'priority-p1-outbound': 'decline', hotel: 'none', 'hotel-rooms': '1' });
    const removed = events(ctx, 'removed').map((e) => e.item_key).sort();
    expect(removed).toEqual(['hotel', 'insurance', 'priority:p1:outbound']);
    expect(events(ctx, 'declined')).toEqual([]); // a removal is not also a decline
    expect(ctx.db.prepare('SELECT COUNT(*) FROM checkout_extras WHERE checkout_id = ?').pluck().get(ctx.id)).toBe(0);
    // What was removed shows as "No thanks" when the customer comes back.
    const page = await ctx.agent.get(ctx.url);
    expect(page.text).toMatch(/value="decline" data-testid="priority-decline-p1-outbound" checked/);
    expect(page.text).toMatch(/value="none" data-testid="hotel-none" checked/);
  });

  it('records declined once for an explicit "No thanks", and nothing for a question left unanswered', async () => {
    const ctx = await atExtras(FAMILY_TO_LISBON);
    await saveExtrasForm(ctx, { 'priority-p1-outbound': 'decline', hotel: 'none', insurance: 'decline', 'bag-p1-outbound': '0' });
    const declined = events(ctx, 'declined').map((e) => e.item_key).sort();
    expect(declined).toEqual(['hotel', 'insurance', 'priority:p1:outbound']);
    await saveExtrasForm(ctx, { 'priority-p1-outbound': 'decline', hotel: 'none', insurance: 'decline' });
    expect(events(ctx, 'declined')).toHaveLength(3);
    expect(events(ctx).filter((e) => e.event !== 'shown' && e.event !== 'declined')).toEqual([]);
  });

  it('records a bag as accepted when it grows from 0, nothing when 1 becomes 2, and removed when it goes back to 0', async () => {
    const ctx = await atExtras(FAMILY_TO_LISBON);
    const bag = bandFor((priceRule(ctx, 'BAG_CHECKED_23KG') as { bands: never }).bands, flightOf(ctx, 'return').distanceKm);
    await saveExtrasForm(ctx, { 'bag-p2-return': '1' });
    await saveExtrasForm(ctx, { 'bag-p2-return': '2' });
    expect(ctx.db.prepare("SELECT quantity FROM checkout_extras WHERE checkout_id = ? AND item_key = 'bag:p2:return'").pluck().get(ctx.id)).toBe(2);
    await saveExtrasForm(ctx, { 'bag-p2-return': '0' });
    expect(events(ctx).filter((e) => e.event !== 'shown').map((e) => [e.event, e.item_key, e.price_minor])).toEqual([
      ['accepted', 'bag:p2:return', bag],
      ['removed', 'bag:p2:return', 2 * bag],
    ]);
  });
});
