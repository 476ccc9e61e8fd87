// The cabin upgrade: priced as the fare difference, it releases economy seat holds on that flight.
import { describe, expect, it } from 'vitest';
import { text } from '../helpers/app.ts';
import { atExtras, byTestId, events, flightOf, minor, saveExtrasForm, SOLO_TO_NEW_YORK, summaryOf, type ExtrasContext } from './extras-helpers.ts';

function holdSeat(ctx: ExtrasContext, seat: string, passengerIdx = 1) {
  ctx.db
    .prepare(
      `INSERT INTO seat_assignments (flight_id, seat, checkout_id, passenger_idx, price_minor, currency, held_until, created_at)
       VALUES (?, ?, ?, ?, 0, 'EUR', '2026-11-27T09:15:00.000Z', '2026-11-27T09:00:00.000Z')`,
    )
    .run(flightOf(ctx, 'outbound').flightId, seat, ctx.id, passengerIdx);
}

const heldSeats = (ctx: ExtrasContext) =>
  ctx.db.prepare('SELECT seat FROM seat_assignments WHERE checkout_id = ? ORDER BY seat').pluck().all(ctx.id) as string[];

describe('cabin upgrade', () => {
  it('releases the economy seats held on the upgraded flight and sends the customer to choose a business seat', async () => {
    const ctx = await atExtras({ ...SOLO_TO_NEW_YORK, adults: 2 });
    holdSeat(ctx, '30A', 1);
    holdSeat(ctx, '30C', 2);
    const before = await ctx.agent.get(ctx.url);
    expect(byTestId(before.text, 'upgrade-seat-warning-outbound')).toContain('30A, 30C');

    const res = await saveExtrasForm(ctx, { 'upgrade-outbound': 'add' });
    expect(res.headers.location).toBe(`/checkouts/${ctx.id}/extras?released=outbound`);
    expect(heldSeats(ctx)).toEqual([]);

    const page = await ctx.agent.get(res.headers.location!);
    expect(page.text).toContain('data-testid="seats-released-notice"');
    expect(page.text).toContain(`href="/checkouts/${ctx.id}/seats" data-testid="choose-business-seats"`);
    expect(page.text).toMatch(/value="add" data-testid="upgrade-add-outbound" checked/);
    // Saving again without changes goes on to the review.
    const again = await saveExtrasForm(ctx, { 'upgrade-outbound': 'add' });
    expect(again.headers.location).toBe(`/checkouts/${ctx.id}/review`);
  });

  it('charges the fare difference for everyone and records it as accepted under the better-model tactic', async () => {
    const ctx = await atExtras({ ...SOLO_TO_NEW_YORK, adults: 2 });
    const page = await ctx.agent.get(ctx.url);
    const price = minor(byTestId(page.text, 'upgrade-price-outbound')!);
    await saveExtrasForm(ctx, { 'upgrade-outbound': 'add' });
    const after = await ctx.agent.get(ctx.url);
    const { lines, total } = summaryOf(after.text);
    expect(lines.get('upgrade-outbound')).toBe(price);
    expect([...lines.values()].reduce((a, b) => a + b, 0)).toBe(total);
    expect(events(ctx, 'accepted')).toEqual([
      expect.objectContaining({ offer_code: 'CABIN_UPGRADE', item_key: 'upgrade:outbound', price_minor: price, tactic: 'better_model_upgrade' }),
    ]);
  });

  it('includes priority boarding with the upgrade: a priority bought on that flight is removed', async () => {
    const ctx = await atExtras(SOLO_TO_NEW_YORK);
    await saveExtrasForm(ctx, { 'priority-p1-outbound': 'add' });
    await saveExtrasForm(ctx, { 'upgrade-outbound': 'add', 'priority-p1-outbound': 'add' });
    const keys = ctx.db.prepare('SELECT item_key FROM checkout_extras WHERE checkout_id = ?').pluck().all(ctx.id);
    expect(keys).toEqual(['upgrade:outbound']);
    expect(events(ctx, 'removed').map((e) => e.item_key)).toEqual(['priority:p1:outbound']);
    const page = await ctx.agent.get(ctx.url);
    expect(text(page.text)).toContain('Priority boarding is included with your upgrade to Business.');
    expect(page.text).not.toContain('data-testid="priority-add-p1-outbound"');
  });

  it('keeps economy seats when the upgrade is declined, and records the decline', async () => {
    const ctx = await atExtras(SOLO_TO_NEW_YORK);
    holdSeat(ctx, '31K');
    const res = await saveExtrasForm(ctx, { 'upgrade-outbound': 'decline' });
    expect(res.headers.location).toBe(`/checkouts/${ctx.id}/review`);
    expect(heldSeats(ctx)).toEqual(['31K']);
    expect(events(ctx, 'declined').map((e) => [e.item_key, e.tactic])).toEqual([['upgrade:outbound', 'better_model_upgrade']]);
  });

  it('releases a business seat when the upgrade is given up', async () => {
    const ctx = await atExtras(SOLO_TO_NEW_YORK);
    await saveExtrasForm(ctx, { 'upgrade-outbound': 'add' });
    holdSeat(ctx, '2A');
    const res = await saveExtrasForm(ctx, { 'upgrade-outbound': 'decline' });
    expect(heldSeats(ctx)).toEqual([]);
    expect(events(ctx, 'removed').map((e) => e.item_key)).toEqual(['upgrade:outbound']);
    const page = await ctx.agent.get(res.headers.location!);
    expect(page.text).toContain('data-testid="business-seats-released-notice"');
    expect(text(page.text)).toContain('You are back in Basic');
  });
});

describe('cabin upgrade: the target family', () => {
  it('is the family of the catalogue price rule, for the offer, the summary and the saved upgrade alike', async () => {
    const { findCheckout } = await import('../../src/features/checkout/checkout.repository.ts');
    const { fareDifference } = await import('../../src/features/checkout/offer-pricing.ts');
    const { priceCheckout } = await import('../../src/features/checkout/pricing.ts');
    const { forgetOfferCache } = await import('../../src/features/offers/offers.repository.ts');
    const ctx = await atExtras(SOLO_TO_NEW_YORK);
    await saveExtrasForm(ctx, { 'upgrade-outbound': 'add' });
    const checkout = () => findCheckout(ctx.db, ctx.id)!;
    const line = () => priceCheckout(ctx.db, checkout()).lines.find((l) => l.key === 'upgrade:outbound')!;
    const difference = (family: string) => fareDifference(ctx.db, { ...checkout(), quotedAt: checkout().createdAt }, checkout().flights[0]!, family)!.amountMinor;
    expect(line().total.amountMinor).toBe(difference('business'));
    expect(line().description).toBe('Upgrade to Business, outbound, all passengers');

    // The catalogue now says the upgrade goes to Flex: every reader follows it.
    ctx.db.prepare(`UPDATE offers SET price_rule_json = '{"type":"fare_difference","family":"flex"}' WHERE code = 'CABIN_UPGRADE'`).run();
    forgetOfferCache(ctx.db);
    expect(difference('flex')).not.toBe(difference('business'));
    expect(line().total.amountMinor).toBe(difference('flex'));
    expect(line().description).toBe('Upgrade to Flex, outbound, all passengers');
    // Flex is not another cabin: the page has no cabin upgrade to offer.
    expect((await ctx.agent.get(ctx.url)).text).not.toContain('data-testid="upgrade-add-outbound"');
  });
});
