import { describe, expect, it } from 'vitest';
import { findCheckout } from '../../src/features/checkout/checkout.repository.ts';
import { priceCheckout } from '../../src/features/checkout/pricing.ts';
import { createTestApp } from '../helpers/app.ts';
import { addExtra, holdSeat, ONE_WAY, reachReview } from '../payment/pay-flow.ts';
import { TRIPS } from '../helpers/fixtures.ts';

describe('checkout pricing', () => {
  it('prices a paid seat as a seat upsell with its zone offer, and an included seat as part of the fare', async () => {
    const ctx = createTestApp();
    const id = await reachReview(ctx, { ...ONE_WAY, adults: 2 });
    holdSeat(ctx, id, { direction: 'outbound', passengerIdx: 1, seat: '1C', priceMinor: 2200 });
    holdSeat(ctx, id, { direction: 'outbound', passengerIdx: 2, seat: '6A', priceMinor: 0 });
    const lines = priceCheckout(ctx.db, findCheckout(ctx.db, id)!).lines.filter((l) => l.group === 'seats');
    expect(lines.map((l) => [l.key, l.kind, l.offerCode, l.total.amountMinor])).toEqual([
      ['seat:p1:outbound', 'upsell', 'SEAT_EXTRA_LEGROOM', 2200],
      ['seat:p2:outbound', 'fare', null, 0],
    ]);
  });

  it('names the passenger on per-passenger lines once names are known', async () => {
    const ctx = createTestApp();
    const id = await reachReview(ctx, ONE_WAY);
    addExtra(ctx, id, { itemKey: 'bag:p1:outbound', offerCode: 'BAG_CHECKED_23KG', passengerIdx: 1, direction: 'outbound' });
    const bag = priceCheckout(ctx.db, findCheckout(ctx.db, id)!).lines.find((l) => l.key === 'bag:p1:outbound');
    expect(bag?.description).toBe('Checked bag 23 kg, Ada Lovelace, outbound');
  });

  it('adds up to the sum of its lines, in integer minor units', async () => {
    const ctx = createTestApp();
    const id = await reachReview(ctx, TRIPS.familyWithInfantToLisbon);
    addExtra(ctx, id, { itemKey: 'insurance', offerCode: 'TRAVEL_INSURANCE' });
    const summary = priceCheckout(ctx.db, findCheckout(ctx.db, id)!);
    const sum = summary.lines.reduce((total, l) => total + l.total.amountMinor, 0);
    expect(summary.total.amountMinor).toBe(sum);
    for (const l of summary.lines) {
      expect(Number.isInteger(l.unit.amountMinor)).toBe(true);
      expect(l.total.amountMinor).toBe(l.unit.amountMinor * l.quantity);
    }
  });
});
