// The car on the confirmation: a car bought on the extras step is on the receipt and shown with its class,
// pick-up airport and dates; without one, the confirmation offers a car as its last cross-sell, charged to
// the card on file (placement confirmation), with bad input refused and nothing charged.
import { describe, expect, it } from 'vitest';
import { createTestApp, postForm, type TestContext } from '../helpers/app.ts';
import { checkoutAt } from '../helpers/factories.ts';
import { FAMILY_TO_LISBON, SOLO_TO_NEW_YORK, byTestId } from '../extras/extras-helpers.ts';

function carsAt(ctx: TestContext, airport: string) {
  return ctx.db.prepare('SELECT id, class, daily_minor FROM cars WHERE airport_code = ? ORDER BY daily_minor, id').all(airport) as Array<{ id: number; class: string; daily_minor: number }>;
}
const count = (ctx: TestContext, sql: string, ...args: unknown[]) => ctx.db.prepare(sql).pluck().get(...args) as number;

describe('a car bought with the flights', () => {
  it('is on the receipt as days × the daily rate and shown with its class, pick-up airport and dates, and no car cross-sell', async () => {
    const ctx = createTestApp();
    const car = carsAt(ctx, 'LIS')[1]!;
    const { reference } = await checkoutAt(ctx, 'booked', FAMILY_TO_LISBON, { extras: { car: { answer: 'add', carId: car.id } } });
    const item = ctx.db.prepare("SELECT * FROM booking_items WHERE item_key = 'car'").get() as Record<string, unknown>;
    expect(item).toMatchObject({ category: 'car', offer_code: 'CAR_RENTAL', kind: 'cross_sell', quantity: 4, unit_minor: car.daily_minor, total_minor: car.daily_minor * 4 });
    expect(ctx.db.prepare('SELECT car_id, pick_up_date, drop_off_date, days, placement FROM booking_cars').all()).toEqual([
      { car_id: car.id, pick_up_date: '2027-01-14', drop_off_date: '2027-01-18', days: 4, placement: 'extras' },
    ]);
    const page = await ctx.agent.get(`/bookings/${reference}`);
    expect(page.status).toBe(200);
    expect(byTestId(page.text, 'car-class')).toMatch(/^Compact · .+ or similar$/);
    expect(byTestId(page.text, 'car-pick-up-airport')).toBe('LIS airport');
    expect(byTestId(page.text, 'car-dates')).toContain('(4 days)');
    expect(page.text).not.toContain('data-testid="car-offer"');
  });
});

describe('the confirmation car cross-sell', () => {
  it('offers the cars, records the impression once with placement confirmation, and adds the chosen car charged to the card on file', async () => {
    const ctx = createTestApp();
    const { reference } = await checkoutAt(ctx, 'booked', SOLO_TO_NEW_YORK, { seats: 'first-free' });
    const url = `/bookings/${reference}`;
    const page = await ctx.agent.get(url);
    expect(page.text).toContain('data-testid="car-offer"');
    await ctx.agent.get(url);
    const cars = carsAt(ctx, 'JFK');
    const shown = ctx.db.prepare("SELECT price_minor FROM offer_events WHERE offer_code = 'CAR_RENTAL' AND event = 'shown' AND placement = 'confirmation'").pluck().all();
    expect(shown).toEqual([cars[0]!.daily_minor * 3]); // one-way: shown for the default 3 days
    const totalBefore = count(ctx, 'SELECT total_minor FROM bookings');

    const res = await postForm(ctx.agent, url, `${url}/car`, { car: String(cars[2]!.id), 'car-days': '5' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/bookings/${reference}?added=car#car`);
    const charged = cars[2]!.daily_minor * 5;
    expect(count(ctx, 'SELECT total_minor FROM bookings')).toBe(totalBefore + charged);
    expect(count(ctx, "SELECT amount_minor FROM payments WHERE status = 'approved' ORDER BY id DESC LIMIT 1")).toBe(charged);
    expect(ctx.db.prepare("SELECT event, price_minor FROM offer_events WHERE offer_code = 'CAR_RENTAL' AND event = 'accepted' AND placement = 'confirmation'").all()).toEqual([{ event: 'accepted', price_minor: charged }]);
    const after = await ctx.agent.get(`${url}?added=car`);
    expect(after.text).toContain('data-testid="car-added"');
    expect(byTestId(after.text, 'car-dates')).toContain('(5 days)');

    // A second click charges nothing again.
    const again = await postForm(ctx.agent, url, `${url}/car`, { car: String(cars[2]!.id), 'car-days': '5' });
    expect(again.status).toBe(303);
    expect(count(ctx, "SELECT count(*) FROM booking_items WHERE category = 'car'")).toBe(1);
  });

  it('refuses a car of another airport and days out of range with 422 and charges nothing', async () => {
    const ctx = createTestApp();
    const { reference } = await checkoutAt(ctx, 'booked', SOLO_TO_NEW_YORK, { seats: 'first-free' });
    const url = `/bookings/${reference}`;
    const res = await postForm(ctx.agent, url, `${url}/car`, { car: String(carsAt(ctx, 'LIS')[0]!.id), 'car-days': '40' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('That car is not at New York airport');
    expect(res.text).toContain('Choose 1 to 14 days');
    expect(count(ctx, "SELECT count(*) FROM booking_items WHERE category = 'car'")).toBe(0);
    expect(count(ctx, 'SELECT count(*) FROM payments')).toBe(1);
  });
});
