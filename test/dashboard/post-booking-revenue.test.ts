// Issue 12's "Done when": a customer comes back to a booking, adds a bag and a hotel and changes a seat, and
// the dashboard shows the post-booking revenue as its own placement (manage), as a table and a chart.
import { describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/lib/command.ts';
import { getBookingDetails } from '../../src/features/bookings/confirmation.ts';
import { dashboardFigures } from '../../src/features/dashboard/figures.ts';
import { DEFAULT_FILTERS } from '../../src/features/dashboard/filters.ts';
import { buyExtra } from '../../src/features/manage/buy-extra.ts';
import { manageOffers } from '../../src/features/manage/manage-offers.ts';
import { checkoutAt } from '../helpers/factories.ts';
import { CARD_HOLDER, CARDS } from '../helpers/fixtures.ts';
import { createTrainerApp, signIn } from '../trainer/trainer-helpers.ts';

describe('post-booking revenue on the dashboard', () => {
  it('shows a bag, a hotel and a paid seat change bought in Manage booking under the placement manage', async () => {
    const ctx = createTrainerApp();
    const at = await checkoutAt(ctx, 'booked', { from: 'DUB', to: 'LIS', depart: '2026-12-10', return: '2026-12-14', adults: 2 }, { seats: 'first-free' });
    const reference = at.reference!;
    const cmd = (): CommandContext => ({ db: ctx.db, now: ctx.clock.now(), sessionId: 'returning-customer', seed: ctx.config.demoSeed });
    const card = { number: CARDS.approve, ...CARD_HOLDER };
    const before = dashboardFigures(ctx.db, DEFAULT_FILTERS).revenueByPlacement.find((r) => r.placement === 'manage')!;
    expect(before.revenueMinor).toBe(0);

    const offers = manageOffers(cmd(), getBookingDetails(ctx.db, reference));
    const hotel = offers.find((o) => o.type === 'hotel')!.hotel!;
    const seat = offers.find((o) => o.type === 'seat' && o.passengerIdx === 1 && o.direction === 'outbound')!;
    const paidSeat = seat.seats!.find((s) => s.price.amountMinor > 0)!;
    const bag = buyExtra(cmd(), reference, { purchaseId: 'post-booking-bag', item: { type: 'bag', passengerIdx: 1, direction: 'outbound', quantity: 1 }, card });
    const stay = buyExtra(cmd(), reference, { purchaseId: 'post-booking-hotel', item: { type: 'hotel', hotelId: hotel.hotels[0]!.id, nights: hotel.defaultNights, rooms: 1 }, card });
    const moved = buyExtra(cmd(), reference, { purchaseId: 'post-booking-seat', item: { type: 'seat', passengerIdx: 1, direction: 'outbound', seat: paidSeat.seat }, card });
    const charged = [bag, stay, moved].map((r) => (r.status === 'bought' ? r.charged.amountMinor : Number.NaN));
    const postBooking = charged.reduce((a, b) => a + b, 0);
    expect(postBooking).toBeGreaterThan(0);

    const manage = dashboardFigures(ctx.db, DEFAULT_FILTERS).revenueByPlacement.find((r) => r.placement === 'manage')!;
    expect(manage).toMatchObject({ revenueMinor: postBooking, bookings: 1 });

    await signIn(ctx.agent);
    const page = await ctx.agent.get('/trainer/dashboard');
    expect(page.status).toBe(200);
    expect(page.text).toContain('data-testid="revenue-by-placement"');
    const shown = /data-testid="revenue-placement-manage-amount">€([\d,]+)\.(\d\d)</.exec(page.text)!;
    expect(Number(shown[1]!.replace(/,/g, '')) * 100 + Number(shown[2])).toBe(postBooking);
    expect(page.text).toContain('<title id="chart-revenue-placement-title">Revenue per placement</title>');
    expect(page.text).toContain('data-testid="definition-revenueByPlacement"');
  });
});
