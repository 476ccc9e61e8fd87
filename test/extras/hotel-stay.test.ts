// One hotel stay rule (src/features/hotels/hotel-stay.ts) for the extras step and the confirmation's
// hotel offer: the nights between the flights on a return trip, no offer without a night, and on a
// one-way trip a default stay the customer can change.
import { describe, expect, it } from 'vitest';
import { DEFAULT_ONE_WAY_NIGHTS, hotelStayRule, MAX_HOTEL_NIGHTS } from '../../src/features/hotels/hotel-stay.ts';
import { createTestApp, text, type TestContext } from '../helpers/app.ts';
import { payAndBook, reachReview, RETURN_TRIP } from '../payment/pay-flow.ts';
import { byTestId, minor } from './extras-helpers.ts';

describe('the hotel stay rule', () => {
  it('is the nights between arrival and the return flight on a return trip, fixed', () => {
    expect(hotelStayRule({ checkIn: '2026-12-10', returnDepartureDate: '2026-12-14', seated: 3, adults: 3 })).toEqual({
      checkIn: '2026-12-10', fixedNights: 4, minNights: 4, maxNights: 4, defaultNights: 4, maxRooms: 3, defaultRooms: 2,
    });
  });

  it('has no stay, so no hotel offer, on a same-day return', () => {
    expect(hotelStayRule({ checkIn: '2026-12-10', returnDepartureDate: '2026-12-10', seated: 1, adults: 1 })).toBeNull();
  });

  it('lets a one-way traveller choose 1 to 14 nights, shown for the default stay until they do', () => {
    expect(hotelStayRule({ checkIn: '2026-12-10', returnDepartureDate: null, seated: 9, adults: 9 })).toEqual({
      checkIn: '2026-12-10', fixedNights: null, minNights: 1, maxNights: MAX_HOTEL_NIGHTS, defaultNights: DEFAULT_ONE_WAY_NIGHTS, maxRooms: 4, defaultRooms: 4,
    });
  });

  it('shows the rooms the party needs until the customer chooses: two adults a room, children with them, four people a room', () => {
    const rooms = (adults: number, children: number) => hotelStayRule({ checkIn: '2026-12-10', returnDepartureDate: '2026-12-14', seated: adults + children, adults })?.defaultRooms;
    expect(rooms(2, 1)).toBe(1);
    expect(rooms(2, 2)).toBe(1);
    expect(rooms(1, 0)).toBe(1);
    expect(rooms(3, 0)).toBe(2);
    expect(rooms(2, 3)).toBe(2);
    expect(rooms(1, 3)).toBe(1);
  });
});

/** Moves the return flight of a checkout to the evening of the day the outbound lands. */
function sameDayReturn(ctx: TestContext, checkoutId: string): void {
  const flightId = ctx.db.prepare("SELECT flight_id FROM checkout_flights WHERE checkout_id = ? AND direction = 'return'").pluck().get(checkoutId) as number;
  ctx.db
    .prepare("UPDATE flights SET flight_number = 'SX9161', departure_date = '2026-12-10', departs_at = '2026-12-10T19:00:00.000Z', arrives_at = '2026-12-10T21:35:00.000Z' WHERE id = ?")
    .run(flightId);
}

describe('the hotel stay on both pages', () => {
  it('offers the same 4-night stay on the extras step and the confirmation of a return trip', async () => {
    const ctx = createTestApp();
    const id = await reachReview(ctx, RETURN_TRIP);
    const extras = await ctx.agent.get(`/checkouts/${id}/extras`);
    expect(byTestId(extras.text, 'hotel-nights')).toBe('4 nights');
    const reference = await payAndBook(ctx, id);
    const confirmation = await ctx.agent.get(`/bookings/${reference}`);
    // Two adults and a child: the 1 room they need, as on the extras step.
    expect(text(confirmation.text)).toContain('from €328 for 4 nights.');
    const nights = /<select id="nights"[\s\S]*?<\/select>/.exec(confirmation.text)![0];
    expect([...nights.matchAll(/<option value="(\d+)"/g)].map((m) => m[1])).toEqual(['4']);
  });

  it('offers no hotel on either page when the return flight leaves the day the outbound lands', async () => {
    const ctx = createTestApp();
    const id = await reachReview(ctx, RETURN_TRIP);
    sameDayReturn(ctx, id);
    const extras = await ctx.agent.get(`/checkouts/${id}/extras`);
    expect(extras.status).toBe(200);
    expect(extras.text).toContain('data-testid="extras-insurance"');
    expect(extras.text).not.toContain('data-testid="extras-hotel"');
    const reference = await payAndBook(ctx, id);
    const confirmation = await ctx.agent.get(`/bookings/${reference}`);
    expect(confirmation.status).toBe(200);
    expect(confirmation.text).not.toContain('data-testid="hotel-offer"');
  });

  it('shows a one-way traveller the same default stay on both pages', async () => {
    const ctx = createTestApp();
    const trip = { from: 'DUB', to: 'LIS', depart: '2026-12-10', adults: 1 };
    const id = await reachReview(ctx, trip);
    const extras = await ctx.agent.get(`/checkouts/${id}/extras`);
    expect(byTestId(extras.text, 'hotel-totals-for')).toBe(`${DEFAULT_ONE_WAY_NIGHTS} night, 1 room`);
    const cheapest = ctx.db.prepare("SELECT MIN(nightly_minor) FROM hotels WHERE airport_code = 'LIS'").pluck().get() as number;
    const reference = await payAndBook(ctx, id);
    const confirmation = await ctx.agent.get(`/bookings/${reference}`);
    expect(minor(byTestId(confirmation.text, 'hotel-from-price')!)).toBe(cheapest * DEFAULT_ONE_WAY_NIGHTS);
    expect(text(confirmation.text)).toContain(`for ${DEFAULT_ONE_WAY_NIGHTS} night.`);
  });
});
