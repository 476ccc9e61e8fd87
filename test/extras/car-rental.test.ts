// Car rental on the extras step (CAR_RENTAL): cars at the arrival airport priced per day from the
// catalogue, for the days between the flights (return) or the days chosen (one-way), nothing
// pre-selected, its offer events, and the refusals of bad input.
import { describe, expect, it } from 'vitest';
import { buildCars, CAR_CLASSES } from '../../src/features/catalogue/cars.ts';
import { AIRPORTS } from '../../src/features/catalogue/airports.ts';
import { atExtras, byTestId, events, FAMILY_TO_LISBON, postExtras, saveExtrasForm, SOLO_TO_NEW_YORK, summaryOf, tagOf } from './extras-helpers.ts';

function carsAt(ctx: { db: import('better-sqlite3').Database }, airport: string) {
  return ctx.db.prepare('SELECT id, class, seats, daily_minor FROM cars WHERE airport_code = ? ORDER BY daily_minor, id').all(airport) as Array<{ id: number; class: string; seats: number; daily_minor: number }>;
}

describe('car rental catalogue', () => {
  it('seeds one car of each class at every airport, the same for the same seed and different for another', () => {
    const codes = AIRPORTS.map((a) => a.code);
    const a = buildCars(7, codes);
    expect(a).toHaveLength(codes.length * CAR_CLASSES.length);
    expect(buildCars(7, codes)).toEqual(a);
    expect(buildCars(8, codes)).not.toEqual(a);
    for (const car of a) {
      expect(Number.isInteger(car.dailyMinor)).toBe(true);
      expect(car.dailyMinor % 100).toBe(0);
      expect(car.dailyMinor).toBeGreaterThan(0);
    }
  });
});

describe('car rental on the extras page', () => {
  it('offers the cars at the destination airport with nothing chosen, and "No car, thanks" as an equal choice', async () => {
    const ctx = await atExtras(FAMILY_TO_LISBON);
    const page = await ctx.agent.get(ctx.url);
    expect(page.status).toBe(200);
    const cars = carsAt(ctx, 'LIS');
    for (const car of cars) expect(tagOf(page.text, `car-option-${car.id}`)).not.toContain('checked');
    expect(tagOf(page.text, 'car-none')).toBeDefined();
    expect(tagOf(page.text, 'car-none')).not.toContain('checked');
    // 14 → 18 January: a 4-day rental from the day the outbound flight lands.
    expect(byTestId(page.text, 'car-days-fixed')).toBe('4 days, until your return flight');
    expect(page.text).not.toContain('data-testid="car-days"');
  });

  it('charges the daily rate × the days between the flights on a return trip, as its own summary line', async () => {
    const ctx = await atExtras(FAMILY_TO_LISBON);
    const car = carsAt(ctx, 'LIS')[1]!;
    await saveExtrasForm(ctx, { car: String(car.id) });
    const row = ctx.db.prepare("SELECT * FROM checkout_extras WHERE checkout_id = ? AND item_key = 'car'").get(ctx.id) as Record<string, unknown>;
    expect(row).toMatchObject({ offer_code: 'CAR_RENTAL', car_id: car.id, days: 4, pick_up_date: '2027-01-14' });
    const page = await ctx.agent.get(ctx.url);
    const { lines, total } = summaryOf(page.text);
    expect(lines.get('car')).toBe(car.daily_minor * 4);
    expect([...lines.values()].reduce((a, b) => a + b, 0)).toBe(total);
    expect(tagOf(page.text, `car-option-${car.id}`)).toContain('checked');
  });

  it('prices a one-way rental for the days chosen, and refuses it without days', async () => {
    const ctx = await atExtras(SOLO_TO_NEW_YORK);
    const car = carsAt(ctx, 'JFK')[0]!;
    await saveExtrasForm(ctx, { car: String(car.id), 'car-days': '6' });
    const page = await ctx.agent.get(ctx.url);
    expect(summaryOf(page.text).lines.get('car')).toBe(car.daily_minor * 6);

    const api = await ctx.agent.put(`/api/v1/checkouts/${ctx.id}/extras`).set('Idempotency-Key', 'car-one-way-no-days').send({ car: { answer: 'add', carId: car.id } });
    expect(api.status).toBe(422);
    expect(api.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'car/days', code: 'required' })]));
  });

  it('refuses an unknown car, a car at another airport and too many days with 422, keeping what was typed', async () => {
    const ctx = await atExtras(SOLO_TO_NEW_YORK);
    const elsewhere = carsAt(ctx, 'LIS')[0]!;
    const unknown = await postExtras(ctx, { car: '999999', 'car-days': '2' });
    expect(unknown.status).toBe(422);
    expect(unknown.text).toContain('Choose one of the cars listed');
    const wrong = await postExtras(ctx, { car: String(elsewhere.id), 'car-days': '2' });
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('is not at New York');
    const long = await postExtras(ctx, { car: String(carsAt(ctx, 'JFK')[0]!.id), 'car-days': '15' });
    expect(long.status).toBe(422);
    expect(long.text).toContain('Choose 1 to 14 days');
    expect(ctx.db.prepare("SELECT COUNT(*) FROM checkout_extras WHERE checkout_id = ? AND item_key = 'car'").pluck().get(ctx.id)).toBe(0);
  });

  it('records the car as shown at its cheapest rental, then accepted, removed and declined with placement extras', async () => {
    const ctx = await atExtras(FAMILY_TO_LISBON);
    await ctx.agent.get(ctx.url);
    const cars = carsAt(ctx, 'LIS');
    const shown = events(ctx, 'shown').filter((e) => e.offer_code === 'CAR_RENTAL');
    expect(shown).toEqual([expect.objectContaining({ item_key: 'car', price_minor: cars[0]!.daily_minor * 4, tactic: 'checkout_addons', placement: 'extras' })]);
    await saveExtrasForm(ctx, { car: String(cars[2]!.id) });
    await saveExtrasForm(ctx, { car: String(cars[3]!.id) }); // another car: no new event
    await saveExtrasForm(ctx, { car: 'none' });
    const responses = events(ctx).filter((e) => e.offer_code === 'CAR_RENTAL' && e.event !== 'shown');
    expect(responses.map((e) => [e.event, e.price_minor])).toEqual([
      ['accepted', cars[2]!.daily_minor * 4],
      ['removed', cars[3]!.daily_minor * 4],
    ]);
    const fresh = await atExtras(FAMILY_TO_LISBON);
    await saveExtrasForm(fresh, { car: 'none' });
    await saveExtrasForm(fresh, { car: 'none' });
    expect(events(fresh).filter((e) => e.offer_code === 'CAR_RENTAL' && e.event === 'declined')).toHaveLength(1);
  });
});

describe('car rental on the review page', () => {
  it('prices the car in the review under "Rental car", and the total charged includes it', async () => {
    const ctx = await atExtras(FAMILY_TO_LISBON);
    const car = carsAt(ctx, 'LIS')[0]!;
    await saveExtrasForm(ctx, { car: String(car.id) });
    const review = await ctx.agent.get(`/checkouts/${ctx.id}/review`);
    expect(review.status).toBe(200);
    expect(review.text).toContain('<th scope="rowgroup" colspan="2">Rental car</th>');
    const row = /data-testid="review-line-car">\s*<td>([^<]*)<span class="muted small">\(4 × €([\d.,]+)\)<\/span><\/td>\s*<td class="num">€([\d.,]+)<\/td>/.exec(review.text);
    expect(row, review.text.slice(review.text.indexOf('review-line-car') - 50, review.text.indexOf('review-line-car') + 400)).not.toBeNull();
    expect(row![1]).toContain('4 days from 2027-01-14 to 2027-01-18, pick-up at LIS airport');
    expect(Math.round(Number(row![3]!.replace(/,/g, '')) * 100)).toBe(car.daily_minor * 4);
  });
});
