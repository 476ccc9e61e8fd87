// Revenue per placement on a hand-built set: lines paid with the booking count for the page where their item
// was last accepted (else their category's page), lines added later for the confirmation or Manage booking
// (post-booking revenue, its own placement), refunds as negative amounts where they were made.
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import { dashboardFigures } from '../../src/features/dashboard/figures.ts';
import { DEFAULT_FILTERS } from '../../src/features/dashboard/filters.ts';
import { createTestDb } from '../helpers/db.ts';
import { addBooking } from './dashboard-helpers.ts';

function accepted(db: Db, bookingId: number, itemKey: string, placement: string, offer = 'PRIORITY_BOARDING'): void {
  const { checkout_id, session_id } = db.prepare('SELECT checkout_id, session_id FROM bookings WHERE id = ?').get(bookingId) as { checkout_id: string; session_id: string };
  db.prepare(
    `INSERT INTO offer_events (session_id, checkout_id, booking_id, offer_code, kind, category, placement, item_key, price_minor, currency, event, created_at)
     VALUES (?, ?, ?, ?, 'upsell', 'priority', ?, ?, 1, 'EUR', 'accepted', '2026-11-27T09:00:00.000Z')`,
  ).run(session_id, checkout_id, bookingId, offer, placement, itemKey);
}

describe('revenue per placement', () => {
  it('puts each line under the page that sold it, with post-booking revenue under manage, and the shares of the ancillary revenue', () => {
    const db = createTestDb();
    const one = addBooking(db, {
      session: 's1',
      totalMinor: 50_000,
      passengers: 1,
      items: [
        { kind: 'upsell', category: 'seat', totalMinor: 1_000, itemKey: 'seat:p1:outbound' }, // no event: the seats page
        { kind: 'upsell', category: 'priority', totalMinor: 600, itemKey: 'priority:p1:outbound' }, // accepted on review
        { kind: 'upsell', category: 'bag', totalMinor: 2_500, itemKey: 'bag:p1:outbound' }, // accepted on extras
        { kind: 'upsell', category: 'bag', totalMinor: 3_500, itemKey: 'bag:p1:return', placement: 'manage' },
        { kind: 'cross_sell', category: 'hotel', totalMinor: 20_000, itemKey: 'hotel', placement: 'manage' },
      ],
    });
    accepted(db, one, 'priority:p1:outbound', 'extras');
    accepted(db, one, 'priority:p1:outbound', 'review'); // the last acceptance wins
    accepted(db, one, 'bag:p1:outbound', 'extras', 'BAG_CHECKED_23KG');
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
