// The Manage booking pages without JavaScript: look-up, the booking page, a purchase's review and payment,
// the refusals (cut-off, bag count, wrong reference or name) and a double-submitted payment.
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { LOOKUP_FAILED } from '../../src/features/manage/booking-access.ts';
import { postForm, text } from '../helpers/app.ts';
import { CARD_HOLDER } from '../helpers/fixtures.ts';
import { bookedTrip, bookingTotal, CARDS, count, departsAt, type Managed } from './manage-helpers.ts';

const manageUrl = (ctx: Managed) => `/bookings/${ctx.reference}/manage`;
const cardFields = (number: string = CARDS.approve) => ({ 'card-number': number, 'card-name': CARD_HOLDER.name, 'card-expiry': CARD_HOLDER.expiry, 'card-cvc': CARD_HOLDER.cvc });
const bagFields = { type: 'bag', passenger: '1', direction: 'outbound', quantity: '1' };

/** A visitor who opened the booking with the look-up form. */
async function visitor(ctx: Managed) {
  const agent = request.agent(ctx.app);
  const found = await postForm(agent, '/manage', '/manage', { reference: ctx.reference.toLowerCase(), familyName: ' lovelace ' });
  expect(found.status).toBe(303);
  expect(found.headers.location).toBe(manageUrl(ctx));
  return agent;
}

function purchaseIdOf(html: string): string {
  const id = /name="purchase" value="([^"]+)"/.exec(html)?.[1];
  if (!id) throw new Error('No purchase id on the review');
  return id;
}

describe('Manage booking pages', () => {
  it('opens after a look-up and shows the trip, the passengers, what can be bought with prices, and the receipt; offers are recorded as shown with placement manage', async () => {
    const ctx = await bookedTrip();
    const agent = await visitor(ctx);
    const page = await agent.get(manageUrl(ctx));
    expect(page.status).toBe(200);
    for (const id of ['manage-page', 'itinerary', 'passengers', 'receipt', 'bag-p1-outbound-form', 'seat-p1-outbound-form', 'priority-p2-return-form', 'hotel-form', 'insurance-form']) {
      expect(page.text, id).toContain(`data-testid="${id}"`);
    }
    expect(text(page.text)).toMatch(/Checked bags \(23 kg\), €\d+\.\d\d per bag/);
    expect(count(ctx, "SELECT count(*) FROM offer_events WHERE event = 'shown' AND placement = 'manage' AND offer_code = 'BAG_CHECKED_23KG'")).toBe(4);
  });

  it('answers a wrong reference and a wrong family name with the same message, and a stranger gets the look-up form (404)', async () => {
    const ctx = await bookedTrip();
    const agent = request.agent(ctx.app);
    const wrongName = await postForm(agent, '/manage', '/manage', { reference: ctx.reference, familyName: 'Babbage' });
    const wrongRef = await postForm(agent, '/manage', '/manage', { reference: 'ZZZZZZ', familyName: 'Lovelace' });
    expect([wrongName.status, wrongRef.status]).toEqual([422, 422]);
    for (const res of [wrongName, wrongRef]) expect(text(res.text)).toContain(LOOKUP_FAILED);
    expect((await request(ctx.app).get(manageUrl(ctx))).status).toBe(404);
  });

  it('adds a bag through a review with the amount and a test-card payment; a double-submitted payment is charged once', async () => {
    const ctx = await bookedTrip();
    const agent = await visitor(ctx);
    const before = bookingTotal(ctx);
    const review = await postForm(agent, manageUrl(ctx), `${manageUrl(ctx)}/review`, bagFields);
    expect(review.status).toBe(200);
    expect(text(review.text)).toMatch(/1 checked bag \(23 kg\), Ada Lovelace, DUB–LIS/);
    const amount = /data-testid="manage-review-amount">€(\d+)\.(\d\d)</.exec(review.text)!;
    const charged = Number(amount[1]) * 100 + Number(amount[2]);
    const fields = { ...bagFields, purchase: purchaseIdOf(review.text), ...cardFields() };
    const paid = await postForm(agent, manageUrl(ctx), `${manageUrl(ctx)}/pay`, fields);
    expect(paid.status).toBe(303);
    const again = await postForm(agent, manageUrl(ctx), `${manageUrl(ctx)}/pay`, fields);
    expect(again.status).toBe(303);
    expect(again.headers.location).toBe(paid.headers.location);
    expect(bookingTotal(ctx)).toBe(before + charged);
    expect(count(ctx, "SELECT count(*) FROM payments WHERE status = 'approved' AND amount_minor = ?", charged)).toBe(1);
    const page = await agent.get(paid.headers.location!);
    expect(text(page.text)).toContain('Added: 1 checked bag (23 kg), Ada Lovelace, DUB–LIS.');
    expect(page.text).toContain('data-testid="receipt-line-bag-p1-outbound"');
  });

  it('asks for the card again with a clear message when it is declined, and charges nothing', async () => {
    const ctx = await bookedTrip();
    const agent = await visitor(ctx);
    const review = await postForm(agent, manageUrl(ctx), `${manageUrl(ctx)}/review`, { type: 'insurance' });
    const declined = await postForm(agent, manageUrl(ctx), `${manageUrl(ctx)}/pay`, { type: 'insurance', purchase: purchaseIdOf(review.text), ...cardFields(CARDS.decline) });
    expect(declined.status).toBe(422);
    expect(text(declined.text)).toContain('Your card was declined. No money was taken.');
    expect(count(ctx, "SELECT count(*) FROM booking_items WHERE category = 'insurance'")).toBe(0);
  });

  it('buys through 3-D Secure: the bank page, then the booking with the purchase', async () => {
    const ctx = await bookedTrip();
    const agent = await visitor(ctx);
    const review = await postForm(agent, manageUrl(ctx), `${manageUrl(ctx)}/review`, { type: 'insurance' });
    const paid = await postForm(agent, manageUrl(ctx), `${manageUrl(ctx)}/pay`, { type: 'insurance', purchase: purchaseIdOf(review.text), ...cardFields(CARDS.challenge) });
    expect(paid.status).toBe(303);
    expect(paid.headers.location).toMatch(/\/manage\/purchases\/[^/]+\/challenge$/);
    const approved = await postForm(agent, paid.headers.location!, paid.headers.location!, { outcome: 'approve' });
    expect(approved.status).toBe(303);
    expect(count(ctx, "SELECT count(*) FROM booking_items WHERE category = 'insurance'")).toBe(1);
  });

  it('refuses a bag count over the limit and a purchase after the cut-off, next to the form, saying why', async () => {
    const ctx = await bookedTrip();
    const agent = await visitor(ctx);
    const tooMany = await postForm(agent, manageUrl(ctx), `${manageUrl(ctx)}/review`, { ...bagFields, quantity: '9' });
    expect(tooMany.status).toBe(422);
    expect(tooMany.text).toContain('data-testid="bag-p1-outbound-error"');
    expect(text(tooMany.text)).toMatch(/At most \d checked bags per passenger and flight/);
    const page = await agent.get(manageUrl(ctx));
    ctx.clock.set(new Date(departsAt(ctx).getTime() - 60 * 60_000).toISOString());
    const later = await visitor(ctx); // the look-up's access lasts 30 minutes: look it up again an hour before departure
    const late = await postForm(later, manageUrl(ctx), `${manageUrl(ctx)}/review`, bagFields);
    expect(late.status).toBe(409);
    expect(text(late.text)).toContain('Bags and seats can be bought until 2 hours before departure');
    const after = await later.get(manageUrl(ctx));
    expect(after.text).toContain('data-testid="bag-p1-outbound-refusal"');
    expect(page.text).not.toContain('data-testid="bag-p1-outbound-refusal"');
  });

  it('changes a seat within the fare for nothing, without a card, and adds and cancels a hotel', async () => {
    const ctx = await bookedTrip(undefined, { family: 'standard' });
    const agent = await visitor(ctx);
    const page = await agent.get(manageUrl(ctx));
    const free = /<option value="(\d+[A-K])">\1 · standard · no charge<\/option>/.exec(page.text)![1]!;
    const seat = { type: 'seat', passenger: '1', direction: 'outbound', seat: free };
    const review = await postForm(agent, manageUrl(ctx), `${manageUrl(ctx)}/review`, seat);
    expect(review.text).not.toContain('data-testid="card-number"');
    const done = await postForm(agent, manageUrl(ctx), `${manageUrl(ctx)}/pay`, { ...seat, purchase: purchaseIdOf(review.text) });
    expect(done.status).toBe(303);
    expect((await agent.get(manageUrl(ctx))).text).toContain(`data-testid="seat-p1-outbound">${free}<`);

    const hotelId = /name="hotel" value="(\d+)"/.exec(page.text)![1]!;
    const nights = /id="manage-nights"[^>]*><option value="(\d+)"/.exec(page.text)![1]!;
    const hotel = { type: 'hotel', hotel: hotelId, nights, rooms: '1' };
    const hotelReview = await postForm(agent, manageUrl(ctx), `${manageUrl(ctx)}/review`, hotel);
    expect((await postForm(agent, manageUrl(ctx), `${manageUrl(ctx)}/pay`, { ...hotel, purchase: purchaseIdOf(hotelReview.text), ...cardFields() })).status).toBe(303);
    const withHotel = await agent.get(manageUrl(ctx));
    expect(withHotel.text).toContain('data-testid="hotel-cancel"');
    const cancelled = await postForm(agent, manageUrl(ctx), `${manageUrl(ctx)}/hotel/cancel`, {});
    expect(cancelled.status).toBe(303);
    expect(text((await agent.get(cancelled.headers.location!)).text)).toContain('Your hotel is cancelled free of charge');
  });

  it('refuses a seat taken meanwhile at payment (409, next to the seat form) and charges nothing', async () => {
    const ctx = await bookedTrip();
    const agent = await visitor(ctx);
    const page = await agent.get(manageUrl(ctx));
    const wanted = /data-testid="seat-p1-outbound-select"><option value="(\d+[A-K])"/.exec(page.text)![1]!;
    const seat = { type: 'seat', passenger: '1', direction: 'outbound', seat: wanted };
    const review = await postForm(agent, manageUrl(ctx), `${manageUrl(ctx)}/review`, seat);
    expect(review.status).toBe(200);
    // Another traveller's checkout holds the seat before this customer pays.
    const flightId = count(ctx, "SELECT flight_id FROM checkout_flights WHERE checkout_id = ? AND direction = 'outbound'", ctx.checkoutId);
    const later = new Date(ctx.clock.now().getTime() + 15 * 60_000).toISOString();
    ctx.db.prepare("INSERT INTO seat_assignments (flight_id, seat, checkout_id, passenger_idx, price_minor, currency, held_until, created_at) VALUES (?, ?, NULL, 1, 0, 'EUR', ?, ?)").run(flightId, wanted, later, ctx.clock.now().toISOString());
    const payments = count(ctx, 'SELECT count(*) FROM payments');
    const paid = await postForm(agent, manageUrl(ctx), `${manageUrl(ctx)}/pay`, { ...seat, purchase: purchaseIdOf(review.text), ...cardFields() });
    expect(paid.status).toBe(409);
    expect(paid.text).toContain('data-testid="seat-p1-outbound-error"');
    expect(text(paid.text)).toContain(`Seat ${wanted} has just been taken: choose another seat.`);
    expect(count(ctx, 'SELECT count(*) FROM payments')).toBe(payments);
  });

  it('lets nobody without access review or pay for a booking (404, the look-up form), and charges nothing', async () => {
    const ctx = await bookedTrip();
    const stranger = request.agent(ctx.app);
    const payments = count(ctx, 'SELECT count(*) FROM payments');
    const res = await postForm(stranger, '/manage', `${manageUrl(ctx)}/pay`, { ...bagFields, purchase: 'stranger-purchase-1', ...cardFields() });
    expect(res.status).toBe(404);
    expect(res.text).toContain('data-testid="manage-lookup"');
    expect(count(ctx, 'SELECT count(*) FROM payments')).toBe(payments);
  });
});
