// Revenue per placement on a hand-built set: each line counts for the page that sold it (booking_items.placement,
// else its category's page), lines added later for the confirmation or Manage booking (post-booking revenue, its
// own placement), refunds as negative amounts where they were made. And the booking writes the placement of its
// own lines from the checkout's last acceptance of the item.
import { describe, expect, it } from 'vitest';
import { dashboardFigures } from '../../src/features/dashboard/figures.ts';
import { DEFAULT_FILTERS } from '../../src/features/dashboard/filters.ts';
import { createTestApp } from '../helpers/app.ts';
import { createTestDb } from '../helpers/db.ts';
import { checkoutAt } from '../helpers/factories.ts';
import { addBooking } from './dashboard-helpers.ts';

describe('revenue per placement', () => {
  it('puts each line under the page that sold it, with post-booking revenue under manage, and the shares of the ancillary revenue', () => {
    const db = createTestDb();
    addBooking(db, {
      session: 's1',
      totalMinor: 50_000,
      passengers: 1,
      items: [
        { kind: 'upsell', category: 'seat', totalMinor: 1_000, itemKey: 'seat:p1:outbound' }, // no placement: the category's page
        { kind: 'upsell', category: 'priority', totalMinor: 600, itemKey: 'priority:p1:outbound', placement: 'review' },
        { kind: 'upsell', category: 'bag', totalMinor: 2_500, itemKey: 'bag:p1:outbound', placement: 'extras' },
        { kind: 'upsell', category: 'bag', totalMinor: 3_500, itemKey: 'bag:p1:return', placement: 'manage' },
        { kind: 'cross_sell', category: 'hotel', totalMinor: 20_000, itemKey: 'hotel', placement: 'manage' },
      ],
    });
    addBooking(db, {
      session: 's2',
      totalMinor: 30_000,
      passengers: 2,
      items: [
        { kind: 'cross_sell', category: 'car', totalMinor: 12_000, itemKey: 'car', placement: 'confirmation' },
        { kind: 'cross_sell', category: 'car', totalMinor: 8_000, itemKey: 'car', placement: 'manage' },
        { kind: 'cross_sell', category: 'car', totalMinor: -8_000, itemKey: 'car:cancelled', placement: 'manage' }, // cancelled free of charge
        { kind: 'upsell', category: 'seat', totalMinor: 400, itemKey: 'seat:p1:outbound', placement: 'manage' }, // a seat change
      ],
    });
    const f = dashboardFigures(db, DEFAULT_FILTERS);
    const by = Object.fromEntries(f.revenueByPlacement.map((r) => [r.placement, r]));
    expect(f.revenueByPlacement.map((r) => r.placement)).toEqual(['results', 'seats', 'extras', 'review', 'confirmation', 'manage']);
    expect(by.results).toMatchObject({ revenueMinor: 0, bookings: 0 });
    expect(by.seats).toMatchObject({ revenueMinor: 1_000, bookings: 1 });
    expect(by.extras).toMatchObject({ revenueMinor: 2_500, bookings: 1 });
    expect(by.review).toMatchObject({ revenueMinor: 600, bookings: 1 });
    expect(by.confirmation).toMatchObject({ revenueMinor: 12_000, bookings: 1 });
    expect(by.manage).toMatchObject({ revenueMinor: 3_500 + 20_000 + 400, bookings: 2 });
    const total = f.ancillaryRevenueMinor;
    expect(total).toBe(1_000 + 600 + 2_500 + 3_500 + 20_000 + 12_000 + 400);
    expect(f.revenueByPlacement.reduce((sum, r) => sum + r.revenueMinor, 0)).toBe(total);
    expect(by.manage!.share).toBeCloseTo(23_900 / total, 10);
  });

  it('gives no share when there is no ancillary revenue', () => {
    const db = createTestDb();
    addBooking(db, { session: 's1', totalMinor: 100, passengers: 1 });
    expect(dashboardFigures(db, DEFAULT_FILTERS).revenueByPlacement.every((r) => r.revenueMinor === 0 && r.share === null)).toBe(true);
  });
});

describe('attach rate of the car', () => {
  it('counts a booking with a rental car, and not one whose car was cancelled free of charge', () => {
    const db = createTestDb();
    addBooking(db, { session: 's1', totalMinor: 1, passengers: 1, items: [{ kind: 'cross_sell', category: 'car', totalMinor: 16_400, itemKey: 'car' }] });
    addBooking(db, {
      session: 's2',
      totalMinor: 1,
      passengers: 1,
      items: [
        { kind: 'cross_sell', category: 'car', totalMinor: 9_000, itemKey: 'car', placement: 'manage' },
        { kind: 'cross_sell', category: 'car', totalMinor: -9_000, itemKey: 'car:cancelled', placement: 'manage' },
      ],
    });
    addBooking(db, { session: 's3', totalMinor: 1, passengers: 1 });
    addBooking(db, { session: 's4', totalMinor: 1, passengers: 1, items: [{ kind: 'cross_sell', category: 'hotel', totalMinor: 5_000, itemKey: 'hotel' }] });
    const attach = Object.fromEntries(dashboardFigures(db, DEFAULT_FILTERS).attach.map((a) => [a.key, a.rate]));
    expect(attach.car).toEqual({ numerator: 1, denominator: 4, rate: 0.25 });
    expect(attach.hotel).toEqual({ numerator: 1, denominator: 4, rate: 0.25 });
  });
});

describe('the placement a booking writes on its lines', () => {
  it('is the page where the item was last accepted: the extras page for a bag, the review for priority boarding added there', async () => {
    const ctx = createTestApp();
    const trip = { from: 'DUB', to: 'LIS', depart: '2026-12-10', adults: 1 };
    const { id } = await checkoutAt(ctx, 'review', trip, { extras: { bags: [{ passengerIdx: 1, direction: 'outbound', quantity: 1 }] } });
    // An acceptance of priority boarding recorded on the review page (its add-ons), as the page records it.
    ctx.db
      .prepare(
        `INSERT INTO offer_events (session_id, checkout_id, offer_code, kind, category, placement, item_key, price_minor, currency, event, created_at)
         SELECT session_id, id, 'PRIORITY_BOARDING', 'upsell', 'priority', 'review', 'priority:p1:outbound', 600, 'EUR', 'accepted', created_at FROM checkouts WHERE id = ?`,
      )
      .run(id);
    ctx.db.prepare("INSERT INTO checkout_extras (checkout_id, item_key, offer_code, passenger_idx, direction) VALUES (?, 'priority:p1:outbound', 'PRIORITY_BOARDING', 1, 'outbound')").run(id);
    const { payAndBook } = await import('../payment/pay-flow.ts');
    await payAndBook(ctx, id);
    const placements = Object.fromEntries(
      (ctx.db.prepare("SELECT item_key, placement FROM booking_items WHERE kind IN ('upsell', 'cross_sell')").all() as Array<{ item_key: string; placement: string }>).map((r) => [r.item_key, r.placement]),
    );
    expect(placements).toMatchObject({ 'bag:p1:outbound': 'extras', 'priority:p1:outbound': 'review' });
    expect(ctx.db.prepare("SELECT count(*) FROM booking_items WHERE kind IN ('fare', 'tax') AND placement IS NOT NULL").pluck().get()).toBe(0);
  });
});
