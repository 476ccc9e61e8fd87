import { describe, expect, it } from 'vitest';
import { createTestApp, csrfFrom, text } from '../helpers/app.ts';
import { addExtra, CARDS, count, holdSeat, pay, payAndBook, reachReview, reviewUrl, RETURN_TRIP } from './pay-flow.ts';
import { TRIPS } from '../helpers/fixtures.ts';

const challengeIdOf = (location: string | undefined) => /\/payment\/challenge\/([A-Za-z0-9_-]+)$/.exec(location ?? '')?.[1];

describe('POST /checkouts/:id/payment: the card form', () => {
  it('refuses a card number that fails the Luhn check, with 422, echoing neither the number nor the security code', async () => {
    const ctx = createTestApp();
    const id = await reachReview(ctx);
    const res = await pay(ctx, id, { 'card-number': CARDS.luhnFails, 'card-cvc': '987' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('data-testid="error-card-number"');
    expect(text(res.text)).toContain('Check the card number');
    expect(res.text).not.toContain(CARDS.luhnFails);
    expect(res.text).not.toContain('4242424242424241');
    // The page minus its random CSRF token (which may contain any three digits) never shows the code.
    expect(res.text.replace(/name="_csrf" value="[^"]*"/g, '')).not.toContain('987');
    expect(res.text).toMatch(/id="card-number" name="card-number" value=""/);
    expect(res.text).toMatch(/id="card-cvc" name="card-cvc" value=""/);
    expect(res.text).toContain('value="Ada Lovelace"');
    expect(res.text).toContain('value="12/30"');
    expect(res.text).toContain('data-testid="reenter-card"');
    expect(count(ctx, 'SELECT count(*) FROM payments')).toBe(0);
  });

  it('refuses an expired card, with 422 and "The card has expired"', async () => {
    const ctx = createTestApp();
    const id = await reachReview(ctx);
    const res = await pay(ctx, id, { 'card-expiry': '10/26' });
    expect(res.status).toBe(422);
    expect(text(res.text)).toContain('The card has expired');
  });

  it('refuses a 2-digit security code, with 422 and "Enter the 3-digit security code"', async () => {
    const ctx = createTestApp();
    const id = await reachReview(ctx);
    const res = await pay(ctx, id, { 'card-cvc': '12' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('data-testid="error-card-cvc"');
    expect(text(res.text)).toContain('Enter the 3-digit security code');
  });

  it('refuses a missing name on the card, with 422', async () => {
    const ctx = createTestApp();
    const id = await reachReview(ctx);
    const res = await pay(ctx, id, { 'card-name': '' });
    expect(res.status).toBe(422);
    expect(text(res.text)).toContain('Enter the name on the card');
    expect(count(ctx, 'SELECT count(*) FROM bookings')).toBe(0);
  });

  it('maps every issue of the pay command back to its form field, keeping the typed name and expiry but never the number or code', async () => {
    const ctx = createTestApp();
    const id = await reachReview(ctx);
    const res = await pay(ctx, id, { 'card-number': '1234 5678', 'card-name': 'A', 'card-expiry': '01/20', 'card-cvc': '12345' });
    expect(res.status).toBe(422);
    for (const field of ['card-number', 'card-name', 'card-expiry', 'card-cvc']) expect(res.text).toContain(`data-testid="error-${field}"`);
    expect(text(res.text)).toContain('Enter the name as it is printed on the card');
    expect(res.text).toContain('data-testid="payment-form-problem"');
    expect(res.text).toContain('value="A"');
    expect(res.text).toContain('value="01/20"');
    expect(res.text).not.toContain('1234 5678');
    expect(res.text).not.toContain('12345');
    expect(count(ctx, 'SELECT count(*) FROM payments')).toBe(0);
  });

  it('sends a checkout without passengers back to the passengers step', async () => {
    const ctx = createTestApp();
    const { openCheckout } = await import('../helpers/flow.ts');
    const id = await openCheckout(ctx, TRIPS.soloToLondon);
    const page = await ctx.agent.get(`/checkouts/${id}/passengers`);
    const res = await ctx.agent.post(`/checkouts/${id}/payment`).type('form').send({ _csrf: csrfFrom(page.text), 'card-number': CARDS.approve });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/checkouts/${id}/passengers`);
  });
});

describe('POST /checkouts/:id/payment: what the card answers', () => {
  it('approves 4242 4242 4242 4242 and books: 303 to the confirmation', async () => {
    const ctx = createTestApp();
    const id = await reachReview(ctx);
    const reference = await payAndBook(ctx, id);
    expect(count(ctx, 'SELECT count(*) FROM bookings WHERE reference = ?', reference)).toBe(1);
    expect(ctx.db.prepare('SELECT status FROM checkouts WHERE id = ?').pluck().get(id)).toBe('booked');
    const payment = ctx.db.prepare('SELECT * FROM payments').get() as Record<string, unknown>;
    expect(payment).toMatchObject({ status: 'approved', card_brand: 'visa', card_last4: '4242', decline_reason: null });
    expect(payment.booking_id).toBe(ctx.db.prepare('SELECT id FROM bookings').pluck().get());
  });

  it('charges the total the server computes and ignores a posted total or price', async () => {
    const ctx = createTestApp();
    const id = await reachReview(ctx, RETURN_TRIP);
    const review = await ctx.agent.get(reviewUrl(id));
    const shownTotal = /data-testid="price-total">([^<]+)</.exec(review.text)?.[1];
    const res = await pay(ctx, id, { total: '1', price: '1', amount_minor: '1', total_minor: '1' });
    expect(res.status).toBe(303);
    const booking = ctx.db.prepare('SELECT total_minor FROM bookings').get() as { total_minor: number };
    expect(booking.total_minor).toBeGreaterThan(10_000);
    expect(ctx.db.prepare('SELECT amount_minor FROM payments').pluck().get()).toBe(booking.total_minor);
    expect(shownTotal).toBe(`€${(booking.total_minor / 100).toLocaleString('en-IE', { minimumFractionDigits: 2 })}`);
  });

  it('declines 4000 0000 0000 0002 with 422, a payment-error alert, and the checkout kept as it was', async () => {
    const ctx = createTestApp();
    const id = await reachReview(ctx, RETURN_TRIP);
    holdSeat(ctx, id, { direction: 'outbound', passengerIdx: 1, seat: '12A', priceMinor: 2200 });
    addExtra(ctx, id, { itemKey: 'bag:p1:outbound', offerCode: 'BAG_CHECKED_23KG', passengerIdx: 1, direction: 'outbound' });
    const before = await ctx.agent.get(reviewUrl(id));
    const res = await pay(ctx, id, { 'card-number': CARDS.decline });
    expect(res.status).toBe(422);
    expect(res.text).toMatch(/data-testid="payment-error"/);
    expect(text(res.text)).toContain('Your card was declined. No money was taken. Try another card.');
    // The number is not put back in the form (the page lists the test cards, so look at the field).
    expect(res.text).toMatch(/id="card-number" name="card-number" value=""/);
    // All selections kept: the same price lines, the checkout still open, nothing booked.
    const lines = (html: string) => [...html.matchAll(/data-testid="review-line-([a-z0-9-]+)"/g)].map((m) => m[1]);
    expect(lines(res.text)).toEqual(lines(before.text));
    expect(lines(res.text)).toContain('seat-p1-outbound');
    expect(lines(res.text)).toContain('bag-p1-outbound');
    expect(ctx.db.prepare('SELECT status FROM checkouts WHERE id = ?').pluck().get(id)).toBe('open');
    expect(count(ctx, 'SELECT count(*) FROM seat_assignments WHERE checkout_id = ? AND booking_id IS NULL', id)).toBe(1);
    expect(count(ctx, 'SELECT count(*) FROM bookings')).toBe(0);
    expect(ctx.db.prepare('SELECT status, decline_reason, card_last4 FROM payments').get()).toEqual({ status: 'declined', decline_reason: 'card_declined', card_last4: '0002' });
  });

  it('declines 4000 0000 0000 9995 for insufficient funds, with 422, and a later good card books', async () => {
    const ctx = createTestApp();
    const id = await reachReview(ctx);
    const res = await pay(ctx, id, { 'card-number': CARDS.insufficientFunds });
    expect(res.status).toBe(422);
    expect(text(res.text)).toContain('insufficient funds');
    expect(ctx.db.prepare('SELECT decline_reason FROM payments').pluck().get()).toBe('insufficient_funds');
    await payAndBook(ctx, id);
    expect(ctx.db.prepare('SELECT status FROM payments ORDER BY id').pluck().all()).toEqual(['declined', 'approved']);
  });

  it('approves any other card that passes the Luhn check, with its brand (Mastercard, Amex with a 4-digit code)', async () => {
    const ctx = createTestApp();
    const id = await reachReview(ctx);
    const res = await pay(ctx, id, { 'card-number': CARDS.amex, 'card-cvc': '1234' });
    expect(res.status).toBe(303);
    expect(ctx.db.prepare('SELECT card_brand, card_last4 FROM payments').get()).toEqual({ card_brand: 'amex', card_last4: '0005' });

    const other = createTestApp();
    const id2 = await reachReview(other);
    expect((await pay(other, id2, { 'card-number': CARDS.mastercard })).status).toBe(303);
    expect(other.db.prepare('SELECT card_brand FROM payments').pluck().get()).toBe('mastercard');
  });

  it('stores only the brand and last four digits: the full number and the security code appear nowhere in the database', async () => {
    const ctx = createTestApp();
    const id = await reachReview(ctx);
    await pay(ctx, id, { 'card-number': CARDS.decline, 'card-cvc': '731' });
    await pay(ctx, id, { 'card-number': CARDS.challenge, 'card-cvc': '731' });
    await pay(ctx, id, { 'card-number': CARDS.approve, 'card-cvc': '731' });
    const payments = ctx.db.prepare('SELECT * FROM payments').all() as Array<Record<string, unknown>>;
    expect(payments).toHaveLength(3);
    expect(Object.keys(payments[0]!).sort()).toEqual(
      ['amount_minor', 'booking_id', 'card_brand', 'card_last4', 'checkout_id', 'created_at', 'currency', 'decline_reason', 'id', 'kind', 'status'].sort(),
    );
    const everything = JSON.stringify([
      payments,
      ctx.db.prepare('SELECT * FROM payment_challenges').all(),
      ctx.db.prepare('SELECT * FROM bookings').all(),
      ctx.db.prepare('SELECT * FROM booking_items').all(),
      ctx.db.prepare('SELECT * FROM offer_events').all(),
    ]);
    for (const number of [CARDS.decline, CARDS.challenge, CARDS.approve]) {
      expect(everything).not.toContain(number.replace(/ /g, ''));
      expect(everything).not.toContain(number);
    }
    const bytes = Buffer.from(ctx.db.serialize()).toString('latin1');
    for (const number of [CARDS.decline, CARDS.challenge, CARDS.approve]) expect(bytes).not.toContain(number.replace(/ /g, ''));
  });
});

describe('3-D Secure (4000 0027 6000 3184)', () => {
  it('answers 303 to the bank page, which shows the amount and card and offers Approve and Fail', async () => {
    const ctx = createTestApp();
    const id = await reachReview(ctx);
    const res = await pay(ctx, id, { 'card-number': CARDS.challenge });
    expect(res.status).toBe(303);
    const challengeId = challengeIdOf(res.headers.location);
    expect(challengeId).toBeDefined();
    const page = await ctx.agent.get(res.headers.location!);
    expect(page.status).toBe(200);
    expect(page.text).toContain('data-testid="challenge-approve"');
    expect(page.text).toContain('data-testid="challenge-fail"');
    expect(text(page.text)).toContain('Confirm this payment');
    expect(text(page.text)).toContain('Visa ending 3184');
    expect(ctx.db.prepare('SELECT status, card_last4 FROM payments').get()).toEqual({ status: 'challenge', card_last4: '3184' });
    expect(count(ctx, 'SELECT count(*) FROM bookings')).toBe(0);
  });

  it('books when the customer approves on the bank page', async () => {
    const ctx = createTestApp();
    const id = await reachReview(ctx);
    const res = await pay(ctx, id, { 'card-number': CARDS.challenge });
    const { postForm } = await import('../helpers/app.ts');
    const approved = await postForm(ctx.agent, res.headers.location!, res.headers.location!, { outcome: 'approve' });
    expect(approved.status).toBe(303);
    expect(approved.headers.location).toMatch(/^\/bookings\/[A-Z2-9]{6}$/);
    expect(ctx.db.prepare('SELECT status, booking_id IS NOT NULL AS linked FROM payments').all()).toEqual([{ status: 'approved', linked: 1 }]);
    expect(ctx.db.prepare('SELECT status FROM payment_challenges').pluck().get()).toBe('approved');
    // Answering again (back button, second tab) changes nothing and leads to the booking.
    const again = await ctx.agent.get(res.headers.location!);
    expect(again.status).toBe(303);
    expect(again.headers.location).toBe(approved.headers.location);
    expect(count(ctx, 'SELECT count(*) FROM bookings')).toBe(1);
  });

  it('returns to the review page with "The payment was not authorised by your bank" when the customer fails it', async () => {
    const ctx = createTestApp();
    const id = await reachReview(ctx);
    const res = await pay(ctx, id, { 'card-number': CARDS.challenge });
    const { postForm } = await import('../helpers/app.ts');
    const failed = await postForm(ctx.agent, res.headers.location!, res.headers.location!, { outcome: 'fail' });
    expect(failed.status).toBe(422);
    expect(failed.text).toContain('data-testid="payment-error"');
    expect(text(failed.text)).toContain('The payment was not authorised by your bank');
    expect(failed.text).toContain('data-testid="pay-button"');
    expect(ctx.db.prepare('SELECT status, decline_reason FROM payments').get()).toEqual({ status: 'failed', decline_reason: 'authentication_failed' });
    expect(count(ctx, 'SELECT count(*) FROM bookings')).toBe(0);
    expect(ctx.db.prepare('SELECT status FROM checkouts WHERE id = ?').pluck().get(id)).toBe('open');
  });

  it('refuses an answer that is neither approve nor fail, with 422 on the bank page', async () => {
    const ctx = createTestApp();
    const id = await reachReview(ctx);
    const res = await pay(ctx, id, { 'card-number': CARDS.challenge });
    const { postForm } = await import('../helpers/app.ts');
    const bad = await postForm(ctx.agent, res.headers.location!, res.headers.location!, { outcome: 'maybe' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('data-testid="challenge-page"');
    expect(ctx.db.prepare('SELECT status FROM payments').pluck().get()).toBe('challenge');
  });

  it('answers 404 for an unknown challenge id or one that belongs to another checkout', async () => {
    const ctx = createTestApp();
    const mine = await reachReview(ctx);
    const other = await reachReview(ctx);
    const res = await pay(ctx, other, { 'card-number': CARDS.challenge });
    const otherChallenge = challengeIdOf(res.headers.location)!;
    expect((await ctx.agent.get(`/checkouts/${mine}/payment/challenge/unknown-challenge-id`)).status).toBe(404);
    expect((await ctx.agent.get(`/checkouts/${mine}/payment/challenge/${otherChallenge}`)).status).toBe(404);
    const page = await ctx.agent.get(reviewUrl(mine));
    const post = await ctx.agent
      .post(`/checkouts/${mine}/payment/challenge/${otherChallenge}`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), outcome: 'approve' });
    expect(post.status).toBe(404);
    expect(count(ctx, 'SELECT count(*) FROM bookings')).toBe(0);
  });

  it('refuses to book a different amount than the bank confirmed (insurance added meanwhile), with 409 and nothing charged', async () => {
    const ctx = createTestApp();
    const id = await reachReview(ctx);
    const res = await pay(ctx, id, { 'card-number': CARDS.challenge });
    addExtra(ctx, id, { itemKey: 'insurance', offerCode: 'TRAVEL_INSURANCE' });
    const { postForm } = await import('../helpers/app.ts');
    const approved = await postForm(ctx.agent, res.headers.location!, res.headers.location!, { outcome: 'approve' });
    expect(approved.status).toBe(409);
    expect(text(approved.text)).toContain('price of your trip changed');
    expect(ctx.db.prepare('SELECT status, decline_reason FROM payments').get()).toEqual({ status: 'failed', decline_reason: 'price_changed' });
    expect(count(ctx, 'SELECT count(*) FROM bookings')).toBe(0);
  });
});

describe('one booking however often it is paid', () => {
  it('answers a second payment of a booked checkout with 303 to the same confirmation, charging nothing more', async () => {
    const ctx = createTestApp();
    const id = await reachReview(ctx);
    const page = await ctx.agent.get(reviewUrl(id));
    const token = csrfFrom(page.text);
    const body = { _csrf: token, 'card-number': CARDS.approve, 'card-name': 'Ada Lovelace', 'card-expiry': '12/30', 'card-cvc': '123' };
    const first = await ctx.agent.post(`/checkouts/${id}/payment`).type('form').send(body);
    const second = await ctx.agent.post(`/checkouts/${id}/payment`).type('form').send(body);
    expect(first.status).toBe(303);
    expect(second.status).toBe(303);
    expect(second.headers.location).toBe(first.headers.location);
    expect(count(ctx, 'SELECT count(*) FROM bookings')).toBe(1);
    expect(count(ctx, 'SELECT count(*) FROM payments')).toBe(1);
    // Back to the review page after paying: the confirmation.
    const back = await ctx.agent.get(reviewUrl(id));
    expect(back.status).toBe(303);
    expect(back.headers.location).toBe(first.headers.location);
  });

  it('gives one booking when two payments are fired at once (double click, two tabs)', async () => {
    const ctx = createTestApp();
    const id = await reachReview(ctx);
    const page = await ctx.agent.get(reviewUrl(id));
    const body = { _csrf: csrfFrom(page.text), 'card-number': CARDS.approve, 'card-name': 'Ada Lovelace', 'card-expiry': '12/30', 'card-cvc': '123' };
    const [a, b] = await Promise.all([
      ctx.agent.post(`/checkouts/${id}/payment`).type('form').send(body),
      ctx.agent.post(`/checkouts/${id}/payment`).type('form').send(body),
    ]);
    expect([a.status, b.status]).toEqual([303, 303]);
    expect(a.headers.location).toBe(b.headers.location);
    expect(count(ctx, 'SELECT count(*) FROM bookings')).toBe(1);
    expect(count(ctx, "SELECT count(*) FROM payments WHERE status = 'approved'")).toBe(1);
  });
});

describe('a trip that can no longer be sold as it stands', () => {
  it('refuses to pay when a seat hold has expired, with 409, a link back to seats, and nothing booked or charged', async () => {
    const ctx = createTestApp();
    const id = await reachReview(ctx);
    holdSeat(ctx, id, { direction: 'outbound', passengerIdx: 1, seat: '12A', priceMinor: 2200, heldForMs: 15 * 60_000 });
    ctx.clock.advance(16 * 60_000);
    const res = await pay(ctx, id);
    expect(res.status).toBe(409);
    expect(res.text).toContain('data-testid="payment-error"');
    expect(res.text).toContain(`href="/checkouts/${id}/seats"`);
    expect(res.text).toContain('data-testid="seat-hold-expired"');
    expect(count(ctx, 'SELECT count(*) FROM bookings')).toBe(0);
    expect(count(ctx, 'SELECT count(*) FROM payments')).toBe(0);
    expect(ctx.db.prepare('SELECT status FROM checkouts WHERE id = ?').pluck().get(id)).toBe('open');
  });

  it('turns an oversold fare into 409 "This fare has just sold out", with nothing booked', async () => {
    const ctx = createTestApp();
    const id = await reachReview(ctx, RETURN_TRIP);
    // Other customers bought the last seats of the outbound fare since this checkout was opened.
    ctx.db
      .prepare("UPDATE fares SET seats_sold = seats_total - 1 WHERE id = (SELECT fare_id FROM checkout_flights WHERE checkout_id = ? AND direction = 'outbound')")
      .run(id);
    const res = await pay(ctx, id);
    expect(res.status).toBe(409);
    expect(text(res.text)).toContain('This fare has just sold out');
    expect(count(ctx, 'SELECT count(*) FROM bookings')).toBe(0);
    expect(count(ctx, 'SELECT count(*) FROM passengers')).toBe(0);
    expect(count(ctx, 'SELECT count(*) FROM booking_items')).toBe(0);
    expect(ctx.db.prepare("SELECT seats_sold FROM fares WHERE id = (SELECT fare_id FROM checkout_flights WHERE checkout_id = ? AND direction = 'return')").pluck().get(id)).toBe(0);
    expect(ctx.db.prepare('SELECT status FROM checkouts WHERE id = ?').pluck().get(id)).toBe('open');
    expect(ctx.db.prepare('SELECT status, decline_reason FROM payments').get()).toEqual({ status: 'failed', decline_reason: 'fare_sold_out' });
  });
});
