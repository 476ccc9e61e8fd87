// Car rental in Manage booking: a car bought through the review and a test-card payment (placement manage),
// priced days × the daily rate; rented and cancelled free of charge until 24 hours before pick-up (the
// outbound arrival) against the injected clock; a cancellation writes a refund line and a refund row in the
// payments ledger. Bad input (an unknown car, a one-way rental without days) gets its path and code.
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { AppError } from '../../src/lib/errors.ts';
import { getBookingDetails } from '../../src/features/bookings/confirmation.ts';
import { buyExtra } from '../../src/features/manage/buy-extra.ts';
import { cancelCar } from '../../src/features/manage/cancel-car.ts';
import { cancelHotel } from '../../src/features/manage/cancel-hotel.ts';
import { manageOffers } from '../../src/features/manage/manage-offers.ts';
import { postForm, text } from '../helpers/app.ts';
import { CARD_HOLDER } from '../helpers/fixtures.ts';
import { bookedTrip, bookingTotal, card, CARDS, count, type Managed } from './manage-helpers.ts';

let n = 0;
const pid = () => `car-purchase-${++n}-test`;
const HOUR = 3_600_000;

function refusalOf(call: () => unknown): Array<[string, string | undefined]> {
  try {
    call();
  } catch (error) {
    return (error as AppError).issues.map((i) => [i.path.join('.'), i.code]);
  }
  throw new Error('Expected a refusal');
}

const carOffer = (ctx: Managed) => manageOffers(ctx.cmd(), getBookingDetails(ctx.db, ctx.reference)).find((o) => o.type === 'car');
const arrivesAt = (ctx: Managed) =>
  new Date(count(ctx, "SELECT f.arrives_at FROM checkout_flights cf JOIN flights f ON f.id = cf.flight_id WHERE cf.checkout_id = ? AND cf.direction = 'outbound'", ctx.checkoutId) as unknown as string);

describe('Manage booking: renting a car', () => {
  it('rents a car for the days between the flights at the daily rate: receipt line, total, payment, booking_cars and an accepted event (manage)', async () => {
    const ctx = await bookedTrip();
    const offer = carOffer(ctx)!;
    expect(offer.car!.fixedDays).toBe(4); // 10 → 14 December
    const car = offer.car!.cars[1]!;
    const before = bookingTotal(ctx);
    const result = buyExtra(ctx.cmd(), ctx.reference, { purchaseId: pid(), item: { type: 'car', carId: car.id }, card: card() });
    const total = car.daily.amountMinor * 4;
    expect(result).toMatchObject({ status: 'bought', charged: { amountMinor: total } });
    expect(bookingTotal(ctx)).toBe(before + total);
    expect(ctx.db.prepare("SELECT quantity, unit_minor, total_minor, category FROM booking_items WHERE item_key = 'car'").get()).toEqual({ quantity: 4, unit_minor: car.daily.amountMinor, total_minor: total, category: 'car' });
    expect(ctx.db.prepare('SELECT car_id, pick_up_date, drop_off_date, placement FROM booking_cars WHERE cancelled_at IS NULL').get()).toEqual({ car_id: car.id, pick_up_date: '2026-12-10', drop_off_date: '2026-12-14', placement: 'manage' });
    expect(count(ctx, "SELECT amount_minor FROM payments WHERE status = 'approved' ORDER BY id DESC LIMIT 1")).toBe(total);
    expect(count(ctx, "SELECT count(*) FROM offer_events WHERE event = 'accepted' AND placement = 'manage' AND offer_code = 'CAR_RENTAL' AND price_minor = ?", total)).toBe(1);
    // Only one car per booking.
    expect(refusalOf(() => buyExtra(ctx.cmd(), ctx.reference, { purchaseId: pid(), item: { type: 'car', carId: car.id }, card: card() }))).toEqual([['item', 'already_bought']]);
    expect(manageOffers(ctx.cmd(), getBookingDetails(ctx.db, ctx.reference)).map((o) => o.type)).toContain('car_cancel');
  });

  it('refuses an unknown car, and a one-way rental without days, each at its path', async () => {
    const ctx = await bookedTrip({ from: 'DUB', to: 'JFK', depart: '2026-12-10', adults: 1 });
    expect(refusalOf(() => buyExtra(ctx.cmd(), ctx.reference, { purchaseId: pid(), item: { type: 'car', carId: 999_999, days: 2 }, card: card() }))).toEqual([['item.carId', 'unknown_car']]);
    const car = carOffer(ctx)!.car!.cars[0]!;
    expect(refusalOf(() => buyExtra(ctx.cmd(), ctx.reference, { purchaseId: pid(), item: { type: 'car', carId: car.id }, card: card() }))).toEqual([['item.days', 'required']]);
    expect(refusalOf(() => buyExtra(ctx.cmd(), ctx.reference, { purchaseId: pid(), item: { type: 'car', carId: car.id, days: 15 }, card: card() }))).toEqual([['item.days', 'out_of_range']]);
    const bought = buyExtra(ctx.cmd(), ctx.reference, { purchaseId: pid(), item: { type: 'car', carId: car.id, days: 6 }, card: card() });
    expect(bought).toMatchObject({ status: 'bought', charged: { amountMinor: car.daily.amountMinor * 6 } });
  });

  it('sells a car until 24 hours before pick-up and not a minute later, saying why', async () => {
    const ctx = await bookedTrip();
    const car = carOffer(ctx)!.car!.cars[0]!;
    ctx.clock.set(new Date(arrivesAt(ctx).getTime() - 24 * HOUR + 60_000).toISOString());
    expect(carOffer(ctx)!.refusal).toMatchObject({ code: 'too_late' });
    expect(refusalOf(() => buyExtra(ctx.cmd(), ctx.reference, { purchaseId: pid(), item: { type: 'car', carId: car.id }, card: card() }))).toEqual([['item', 'too_late']]);
    ctx.clock.set(new Date(arrivesAt(ctx).getTime() - 24 * HOUR - 60_000).toISOString());
    expect(carOffer(ctx)!.refusal).toBeNull();
    expect(buyExtra(ctx.cmd(), ctx.reference, { purchaseId: pid(), item: { type: 'car', carId: car.id }, card: card() }).status).toBe('bought');
  });
});

describe('Manage booking: cancelling a car or a hotel free of charge', () => {
  it('cancels the car until 24 hours before pick-up: a refund line, the total back, a refund row in payments, a removed event', async () => {
    const ctx = await bookedTrip();
    const before = bookingTotal(ctx);
    const car = carOffer(ctx)!.car!.cars[0]!;
    buyExtra(ctx.cmd(), ctx.reference, { purchaseId: pid(), item: { type: 'car', carId: car.id }, card: card(CARDS.approve) });
    const total = car.daily.amountMinor * 4;
    ctx.clock.set(new Date(arrivesAt(ctx).getTime() - 24 * HOUR - 60_000).toISOString());
    const done = cancelCar(ctx.cmd(), ctx.reference);
    expect(done.refunded.amountMinor).toBe(-total);
    expect(bookingTotal(ctx)).toBe(before);
    expect(count(ctx, "SELECT total_minor FROM booking_items WHERE item_key = 'car:cancelled'")).toBe(-total);
    expect(ctx.db.prepare("SELECT status, kind, amount_minor FROM payments WHERE kind = 'refund'").all()).toEqual([{ status: 'approved', kind: 'refund', amount_minor: -total }]);
    expect(count(ctx, "SELECT count(*) FROM booking_cars WHERE cancelled_at IS NOT NULL")).toBe(1);
    expect(count(ctx, "SELECT count(*) FROM offer_events WHERE event = 'removed' AND placement = 'manage' AND offer_code = 'CAR_RENTAL' AND price_minor = ?", total)).toBe(1);
    expect(refusalOf(() => cancelCar(ctx.cmd(), ctx.reference))).toEqual([['car', 'no_car']]);
    // After a cancellation a car can be rented again.
    expect(carOffer(ctx)).toBeDefined();
  });

  it('refuses to cancel the car less than 24 hours before pick-up, with nothing refunded', async () => {
    const ctx = await bookedTrip();
    const car = carOffer(ctx)!.car!.cars[0]!;
    buyExtra(ctx.cmd(), ctx.reference, { purchaseId: pid(), item: { type: 'car', carId: car.id }, card: card() });
    ctx.clock.set(new Date(arrivesAt(ctx).getTime() - 23 * HOUR).toISOString());
    expect(refusalOf(() => cancelCar(ctx.cmd(), ctx.reference))).toEqual([['car', 'too_late']]);
    expect(count(ctx, "SELECT count(*) FROM payments WHERE kind = 'refund'")).toBe(0);
  });

  it('writes a refund row in payments when a hotel is cancelled, back to the card that paid for it', async () => {
    const ctx = await bookedTrip();
    const offer = manageOffers(ctx.cmd(), getBookingDetails(ctx.db, ctx.reference)).find((o) => o.type === 'hotel')!;
    const hotel = offer.hotel!.hotels[0]!;
    buyExtra(ctx.cmd(), ctx.reference, { purchaseId: pid(), item: { type: 'hotel', hotelId: hotel.id, nights: offer.hotel!.defaultNights, rooms: 1 }, card: { ...card(), number: '5555 5555 5555 4444' } });
    cancelHotel(ctx.cmd(), ctx.reference);
    const total = hotel.nightly.amountMinor * offer.hotel!.defaultNights;
    expect(ctx.db.prepare("SELECT kind, amount_minor, card_last4 FROM payments WHERE kind = 'refund'").all()).toEqual([{ kind: 'refund', amount_minor: -total, card_last4: '4444' }]);
    // The card on file is still the one that paid for the booking.
    expect(getBookingDetails(ctx.db, ctx.reference).card?.last4).not.toBe('4444');
  });
});

describe('Manage booking pages: a car without JavaScript', () => {
  const manageUrl = (ctx: Managed) => `/bookings/${ctx.reference}/manage`;
  const cardFields = { 'card-number': CARDS.approve, 'card-name': CARD_HOLDER.name, 'card-expiry': CARD_HOLDER.expiry, 'card-cvc': CARD_HOLDER.cvc };

  it('looks the booking up, rents a car through the review and payment, sees it on the receipt, and cancels it', async () => {
    const ctx = await bookedTrip();
    const agent = request.agent(ctx.app);
    await postForm(agent, '/manage', '/manage', { reference: ctx.reference, familyName: 'Lovelace' });
    const page = await agent.get(manageUrl(ctx));
    expect(page.text).toContain('data-testid="car-form"');
    const car = carOffer(ctx)!.car!.cars[2]!;
    const fields = { type: 'car', car: String(car.id) };
    const review = await postForm(agent, manageUrl(ctx), `${manageUrl(ctx)}/review`, fields);
    expect(review.status).toBe(200);
    expect(text(review.text)).toContain('4 days from 2026-12-10 to 2026-12-14, pick-up at LIS airport');
    const purchase = /name="purchase" value="([^"]+)"/.exec(review.text)![1]!;
    const paid = await postForm(agent, manageUrl(ctx), `${manageUrl(ctx)}/pay`, { ...fields, purchase, ...cardFields });
    expect(paid.status).toBe(303);
    const after = await agent.get(paid.headers.location!);
    expect(after.text).toContain('data-testid="receipt-line-car"');
    expect(after.text).toContain('data-testid="car-cancel-form"');
    const cancelled = await postForm(agent, manageUrl(ctx), `${manageUrl(ctx)}/car/cancel`, {});
    expect(cancelled.status).toBe(303);
    const last = await agent.get(cancelled.headers.location!);
    expect(text(last.text)).toContain('Your car is cancelled free of charge');
    expect(last.text).toContain('data-testid="receipt-line-car-cancelled"');
  });

  it('refuses a review without a car chosen with 422 next to the car form', async () => {
    const ctx = await bookedTrip();
    const agent = request.agent(ctx.app);
    await postForm(agent, '/manage', '/manage', { reference: ctx.reference, familyName: 'Lovelace' });
    const res = await postForm(agent, manageUrl(ctx), `${manageUrl(ctx)}/review`, { type: 'car' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('data-testid="car-error"');
  });
});
