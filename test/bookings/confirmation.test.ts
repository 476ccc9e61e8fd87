import { describe, expect, it } from 'vitest';
import { createTestApp, csrfFrom, postForm, text, type TestContext } from '../helpers/app.ts';
import { addExtra, count, holdSeat, payAndBook, reachReview, RETURN_TRIP } from '../payment/pay-flow.ts';

const testid = (html: string, id: string) => text(new RegExp(`data-testid="${id}"[^>]*>([\\s\\S]*?)</(?:span|dd|td|p|li|strong)>`).exec(html)?.[1] ?? '').trim();

async function booked(ctx: TestContext, trip = RETURN_TRIP, arrange?: (id: string) => void) {
  const id = await reachReview(ctx, trip);
  arrange?.(id);
  const reference = await payAndBook(ctx, id);
  const bookingId = ctx.db.prepare('SELECT id FROM bookings WHERE reference = ?').pluck().get(reference) as number;
  return { id, reference, bookingId, url: `/bookings/${reference}` };
}

describe('GET /bookings/:reference, the confirmation', () => {
  it('shows the reference big and clear, and accepts it in any case', async () => {
    const ctx = createTestApp();
    const { reference, url } = await booked(ctx);
    const page = await ctx.agent.get(url);
    expect(page.status).toBe(200);
    expect(testid(page.text, 'booking-reference')).toBe(reference);
    const lower = await ctx.agent.get(`/bookings/${reference.toLowerCase()}`);
    expect(lower.status).toBe(200);
    expect(testid(lower.text, 'booking-reference')).toBe(reference);
  });

  it('answers an unknown or malformed reference with a 404 and the Manage booking look-up form', async () => {
    const ctx = createTestApp();
    for (const ref of ['ZZZZZZ', 'ABC', 'O0I1AB', '%3Cscript%3E']) {
      const res = await ctx.agent.get(`/bookings/${ref}`);
      expect(res.status, ref).toBe(404);
      expect(res.text).toContain('data-testid="manage-form"');
    }
  });

  it('shows each flight in the local time of its airports (Dublin departure, New York arrival)', async () => {
    const ctx = createTestApp();
    const { id, url } = await booked(ctx, { from: 'DUB', to: 'JFK', depart: '2026-12-10', return: '2026-12-17' });
    const html = (await ctx.agent.get(url)).text;
    const rows = ctx.db
      .prepare('SELECT cf.direction, f.departs_at, f.arrives_at FROM checkout_flights cf JOIN flights f ON f.id = cf.flight_id WHERE cf.checkout_id = ?')
      .all(id) as Array<{ direction: string; departs_at: string; arrives_at: string }>;
    const hhmm = (iso: string, timeZone: string) => new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
    const zone = { DUB: 'Europe/Dublin', JFK: 'America/New_York' } as const;
    for (const r of rows) {
      const [from, to] = r.direction === 'outbound' ? (['DUB', 'JFK'] as const) : (['JFK', 'DUB'] as const);
      const dd = (id: string) => text(new RegExp(`data-testid="${id}">([\\s\\S]*?)</dd>`).exec(html)?.[1] ?? '');
      const dep = dd(`departure-${r.direction}`);
      const arr = dd(`arrival-${r.direction}`);
      expect(dep).toContain(hhmm(r.departs_at, zone[from]));
      expect(dep).toContain(`(${from})`);
      expect(arr).toContain(hhmm(r.arrives_at, zone[to]));
      expect(arr).toContain(`(${to})`);
    }
    // Not UTC: New York is 5 hours behind in December.
    const outbound = rows.find((r) => r.direction === 'outbound')!;
    expect(hhmm(outbound.arrives_at, 'UTC')).not.toBe(hhmm(outbound.arrives_at, 'America/New_York'));
  });

  it('shows the passengers with their ticket numbers and seats', async () => {
    const ctx = createTestApp();
    const { bookingId, url } = await booked(ctx, RETURN_TRIP, (id) => holdSeat(ctx, id, { direction: 'outbound', passengerIdx: 1, seat: '12A', priceMinor: 2200 }));
    const html = (await ctx.agent.get(url)).text;
    const tickets = ctx.db.prepare('SELECT idx, ticket_number FROM passengers WHERE booking_id = ? ORDER BY idx').all(bookingId) as Array<{ idx: number; ticket_number: string }>;
    expect(tickets).toHaveLength(3);
    for (const t of tickets) expect(testid(html, `ticket-p${t.idx}`)).toBe(t.ticket_number);
    expect(text(html)).toContain('Ada Lovelace');
    expect(html).toContain('data-testid="passenger-p1"');
    expect(testid(html, 'seat-p1-outbound')).toBe('12A');
    expect(testid(html, 'seat-p2-outbound')).toBe('given at check-in');
  });

  it('shows every booking item on the receipt, the total paid, the card brand and last four', async () => {
    const ctx = createTestApp();
    const { bookingId, url } = await booked(ctx, RETURN_TRIP, (id) =>
      addExtra(ctx, id, { itemKey: 'bag:p1:outbound', offerCode: 'BAG_CHECKED_23KG', passengerIdx: 1, direction: 'outbound' }),
    );
    const html = (await ctx.agent.get(url)).text;
    const items = ctx.db.prepare('SELECT item_key, total_minor FROM booking_items WHERE booking_id = ?').all(bookingId) as Array<{ item_key: string; total_minor: number }>;
    const lines = [...html.matchAll(/data-testid="receipt-line-([a-z0-9-]+)"/g)].map((m) => m[1]);
    expect(lines).toEqual(items.map((i) => i.item_key.replace(/:/g, '-')));
    const total = ctx.db.prepare('SELECT total_minor FROM bookings WHERE id = ?').pluck().get(bookingId) as number;
    expect(testid(html, 'receipt-total')).toBe(`€${(total / 100).toLocaleString('en-IE', { minimumFractionDigits: 2 })}`);
    expect(testid(html, 'payment-card')).toBe('Visa ending 4242');
  });

  it('states the bag fees: what the fare includes, the bags bought, and what a bag costs now', async () => {
    const ctx = createTestApp();
    const { url } = await booked(ctx, RETURN_TRIP, (id) =>
      addExtra(ctx, id, { itemKey: 'bag:p1:outbound', offerCode: 'BAG_CHECKED_23KG', passengerIdx: 1, direction: 'outbound' }),
    );
    const html = (await ctx.agent.get(url)).text;
    const outbound = text(/data-testid="bag-fee-outbound">([\s\S]*?)<\/li>/.exec(html)?.[1] ?? '');
    expect(outbound).toContain('no checked bag included');
    expect(outbound).toContain('plus 1 checked bag you bought');
    expect(outbound).toMatch(/costs €\d+ online now, €\d+ at the airport/);
  });
});

describe('the last cross-sell: a hotel at the destination', () => {
  it('offers hotels in the destination city when none was taken, recorded shown once with the booking id', async () => {
    const ctx = createTestApp();
    const { bookingId, url } = await booked(ctx);
    const page = await ctx.agent.get(url);
    await ctx.agent.get(url);
    expect(page.text).toContain('data-testid="hotel-offer"');
    expect(text(page.text)).toContain('Need a hotel in Lisbon?');
    const lisbon = ctx.db.prepare("SELECT id FROM hotels WHERE airport_code = 'LIS'").pluck().all() as number[];
    for (const id of lisbon) expect(page.text).toContain(`data-testid="hotel-option-${id}"`);
    expect(page.text).toMatch(/type="radio"[^>]*name="hotel"[^>]*data-testid="hotel-option-\d+"\s*>/); // nothing pre-selected
    expect(text(page.text)).toContain('charged to your Visa ending 4242');
    const shown = ctx.db
      .prepare("SELECT booking_id, placement, item_key FROM offer_events WHERE offer_code = 'HOTEL_STAY' AND event = 'shown'")
      .all();
    expect(shown).toEqual([{ booking_id: bookingId, placement: 'confirmation', item_key: 'hotel' }]);
  });

  it('does not offer a hotel when the booking has one already', async () => {
    const ctx = createTestApp();
    const hotel = ctx.db.prepare("SELECT id FROM hotels WHERE airport_code = 'LIS' LIMIT 1").pluck().get() as number;
    const { url } = await booked(ctx, RETURN_TRIP, (id) =>
      addExtra(ctx, id, { itemKey: 'hotel', offerCode: 'HOTEL_STAY', hotelId: hotel, checkIn: '2026-12-10', nights: 4, rooms: 1 }),
    );
    const html = (await ctx.agent.get(url)).text;
    expect(html).not.toContain('data-testid="hotel-offer"');
    expect(html).toContain('data-testid="receipt-line-hotel"');
  });

  it('adds the chosen hotel to the booking: a new receipt line, a higher total, charged to the card on file and recorded accepted', async () => {
    const ctx = createTestApp();
    const { id, bookingId, url, reference } = await booked(ctx);
    const hotel = ctx.db.prepare("SELECT id, nightly_minor FROM hotels WHERE airport_code = 'LIS' ORDER BY nightly_minor DESC LIMIT 1").get() as { id: number; nightly_minor: number };
    const before = ctx.db.prepare('SELECT total_minor FROM bookings WHERE id = ?').pluck().get(bookingId) as number;
    const token = csrfFrom((await ctx.agent.get(url)).text);

    // The stay is the 4 nights between the flights (10 to 14 December): the hotel stay rule of the extras step.
    const res = await postForm(ctx.agent, url, `${url}/hotel`, { hotel: String(hotel.id), nights: '4', rooms: '2', price: '1' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(new RegExp(`^/bookings/${reference}\\?added=hotel`));

    const charged = hotel.nightly_minor * 4 * 2;
    expect(ctx.db.prepare('SELECT total_minor FROM bookings WHERE id = ?').pluck().get(bookingId)).toBe(before + charged);
    expect(ctx.db.prepare("SELECT kind, category, offer_code, item_key, quantity, unit_minor, total_minor FROM booking_items WHERE booking_id = ? AND category = 'hotel'").get(bookingId)).toEqual({
      kind: 'cross_sell', category: 'hotel', offer_code: 'HOTEL_STAY', item_key: 'hotel', quantity: 1, unit_minor: charged, total_minor: charged,
    });
    expect(ctx.db.prepare("SELECT status, card_brand, card_last4, amount_minor, booking_id, checkout_id FROM payments ORDER BY id DESC LIMIT 1").get()).toEqual({
      status: 'approved', card_brand: 'visa', card_last4: '4242', amount_minor: charged, booking_id: bookingId, checkout_id: id,
    });
    expect(ctx.db.prepare("SELECT booking_id, placement, price_minor FROM offer_events WHERE offer_code = 'HOTEL_STAY' AND event = 'accepted'").get()).toEqual({
      booking_id: bookingId, placement: 'confirmation', price_minor: charged,
    });
    // The total still equals the sum of the items, and of the approved payments.
    const items = ctx.db.prepare('SELECT sum(total_minor) FROM booking_items WHERE booking_id = ?').pluck().get(bookingId);
    expect(items).toBe(before + charged);
    expect(ctx.db.prepare("SELECT sum(amount_minor) FROM payments WHERE status = 'approved' AND booking_id = ?").pluck().get(bookingId)).toBe(before + charged);

    const page = await ctx.agent.get(res.headers.location!);
    expect(page.text).toContain('data-testid="hotel-added"');
    expect(text(page.text)).toContain('charged to your Visa ending 4242');
    expect(page.text).toContain('data-testid="receipt-line-hotel"');
    expect(page.text).not.toContain('data-testid="hotel-offer"');

    // A second click on the stale form adds nothing and charges nothing.
    const again = await ctx.agent.post(`${url}/hotel`).type('form').send({ _csrf: token, hotel: String(hotel.id), nights: '4', rooms: '2' });
    expect(again.status).toBe(303);
    expect(count(ctx, "SELECT count(*) FROM booking_items WHERE booking_id = ? AND category = 'hotel'", bookingId)).toBe(1);
    expect(count(ctx, 'SELECT count(*) FROM payments')).toBe(2);
  });

  it('refuses a hotel in another city, nights other than the stay between the flights or a missing choice, with 422 and nothing written', async () => {
    const ctx = createTestApp();
    const { bookingId, url } = await booked(ctx);
    const paris = ctx.db.prepare("SELECT id FROM hotels WHERE airport_code = 'CDG' LIMIT 1").pluck().get() as number;
    const lisbon = ctx.db.prepare("SELECT id FROM hotels WHERE airport_code = 'LIS' LIMIT 1").pluck().get() as number;

    const otherCity = await postForm(ctx.agent, url, `${url}/hotel`, { hotel: String(paris), nights: '2', rooms: '1' });
    expect(otherCity.status).toBe(422);
    expect(otherCity.text).toContain('data-testid="error-hotel"');

    const tooLong = await postForm(ctx.agent, url, `${url}/hotel`, { hotel: String(lisbon), nights: '9', rooms: '1' });
    expect(tooLong.status).toBe(422);
    expect(text(tooLong.text)).toContain('Your stay is 4 nights, until your return flight');
    expect(tooLong.text).toMatch(new RegExp(`value="${lisbon}" data-testid="hotel-option-${lisbon}" checked`));

    const missing = await postForm(ctx.agent, url, `${url}/hotel`, { nights: '2', rooms: '1' });
    expect(missing.status).toBe(422);
    expect(text(missing.text)).toContain('Choose a hotel');

    expect(count(ctx, "SELECT count(*) FROM booking_items WHERE booking_id = ? AND category = 'hotel'", bookingId)).toBe(0);
    expect(count(ctx, 'SELECT count(*) FROM payments')).toBe(1);
    expect(count(ctx, "SELECT count(*) FROM offer_events WHERE event = 'accepted' AND offer_code = 'HOTEL_STAY'")).toBe(0);
  });

  it('answers 404 when adding a hotel to an unknown booking', async () => {
    const ctx = createTestApp();
    const page = await ctx.agent.get((await booked(ctx)).url);
    const res = await ctx.agent.post('/bookings/ZZZZZZ/hotel').type('form').send({ _csrf: csrfFrom(page.text), hotel: '1', nights: '1', rooms: '1' });
    expect(res.status).toBe(404);
  });
});
