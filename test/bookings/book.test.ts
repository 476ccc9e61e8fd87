import { describe, expect, it } from 'vitest';
import { bookCheckout } from '../../src/features/bookings/book.ts';
import { REFERENCE_ALPHABET } from '../../src/features/bookings/reference.ts';
import { findCheckout } from '../../src/features/checkout/checkout.repository.ts';
import { priceCheckout } from '../../src/features/checkout/pricing.ts';
import { recordOfferShown } from '../../src/features/offers/offer-events.ts';
import { getOffer } from '../../src/features/offers/offers.repository.ts';
import { createTestApp, postForm } from '../helpers/app.ts';
import { addExtra, count, holdSeat, payAndBook, reachReview, reviewUrl } from '../payment/pay-flow.ts';
import { TRIPS } from '../helpers/fixtures.ts';

const FAMILY = TRIPS.familyWithInfantToLisbon;

describe('the booking transaction', () => {
  it('charges the priced total, which equals the sum of the booking items, which are the priced lines of the checkout', async () => {
    const ctx = createTestApp();
    const id = await reachReview(ctx, FAMILY);
    holdSeat(ctx, id, { direction: 'outbound', passengerIdx: 1, seat: '12A', priceMinor: 2200 });
    holdSeat(ctx, id, { direction: 'return', passengerIdx: 3, seat: '20B', priceMinor: 0 });
    addExtra(ctx, id, { itemKey: 'bag:p1:outbound', offerCode: 'BAG_CHECKED_23KG', passengerIdx: 1, direction: 'outbound', quantity: 2 });
    addExtra(ctx, id, { itemKey: 'priority:p2:return', offerCode: 'PRIORITY_BOARDING', passengerIdx: 2, direction: 'return' });
    addExtra(ctx, id, { itemKey: 'insurance', offerCode: 'TRAVEL_INSURANCE' });
    const summary = priceCheckout(ctx.db, findCheckout(ctx.db, id)!);

    const reference = await payAndBook(ctx, id);
    const booking = ctx.db.prepare('SELECT * FROM bookings WHERE reference = ?').get(reference) as Record<string, unknown>;
    const items = ctx.db.prepare('SELECT * FROM booking_items WHERE booking_id = ? ORDER BY id').all(booking.id) as Array<Record<string, unknown>>;
    expect(items.map((i) => ({
      key: i.item_key, kind: i.kind, category: i.category, offerCode: i.offer_code, description: i.description,
      passengerIdx: i.passenger_idx, direction: i.direction, quantity: i.quantity, unit: i.unit_minor, total: i.total_minor,
    }))).toEqual(summary.lines.map((l) => ({
      key: l.key, kind: l.kind, category: l.category, offerCode: l.offerCode, description: l.description,
      passengerIdx: l.passengerIdx, direction: l.direction, quantity: l.quantity, unit: l.unit.amountMinor, total: l.total.amountMinor,
    })));
    const sum = items.reduce((s, i) => s + (i.total_minor as number), 0);
    expect(booking.total_minor).toBe(summary.total.amountMinor);
    expect(sum).toBe(summary.total.amountMinor);
    expect(ctx.db.prepare("SELECT amount_minor FROM payments WHERE status = 'approved'").pluck().get()).toBe(sum);
    expect(booking).toMatchObject({ checkout_id: id, contact_email: 'ada@example.com', contact_phone: '+353 1 555 0100', currency: 'EUR' });
  });

  it('writes the passengers, sells the held seats, takes the seated passengers from each fare and closes the checkout', async () => {
    const ctx = createTestApp();
    const id = await reachReview(ctx, FAMILY);
    holdSeat(ctx, id, { direction: 'outbound', passengerIdx: 1, seat: '12A' });
    const fares = ctx.db.prepare('SELECT fare_id FROM checkout_flights WHERE checkout_id = ?').pluck().all(id) as number[];
    const soldBefore = fares.map((f) => ctx.db.prepare('SELECT seats_sold FROM fares WHERE id = ?').pluck().get(f) as number);
    const reference = await payAndBook(ctx, id);
    const bookingId = ctx.db.prepare('SELECT id FROM bookings WHERE reference = ?').pluck().get(reference);
    const passengers = ctx.db.prepare('SELECT idx, type, given_name, family_name, date_of_birth FROM passengers WHERE booking_id = ? ORDER BY idx').all(bookingId);
    expect(passengers).toEqual([
      { idx: 1, type: 'adult', given_name: 'Ada', family_name: 'Lovelace', date_of_birth: null },
      { idx: 2, type: 'adult', given_name: 'Brian', family_name: 'Lovelace', date_of_birth: null },
      { idx: 3, type: 'child', given_name: 'Cora', family_name: 'Lovelace', date_of_birth: '2018-05-01' },
      { idx: 4, type: 'infant', given_name: 'Dara', family_name: 'Lovelace', date_of_birth: '2026-03-01' },
    ]);
    expect(ctx.db.prepare('SELECT booking_id, held_until FROM seat_assignments WHERE checkout_id = ?').get(id)).toEqual({ booking_id: bookingId, held_until: null });
    // Two adults and a child take seats; the infant travels on a lap.
    fares.forEach((f, i) => expect(ctx.db.prepare('SELECT seats_sold FROM fares WHERE id = ?').pluck().get(f)).toBe(soldBefore[i]! + 3));
    expect(ctx.db.prepare('SELECT status FROM checkouts WHERE id = ?').pluck().get(id)).toBe('booked');
  });

  it('gives a 6-character reference from the unambiguous alphabet and unique 13-digit ticket numbers', async () => {
    const ctx = createTestApp();
    const references: string[] = [];
    for (let i = 0; i < 3; i += 1) references.push(await payAndBook(ctx, await reachReview(ctx, FAMILY)));
    for (const reference of references) {
      expect(reference).toHaveLength(6);
      for (const ch of reference) expect(REFERENCE_ALPHABET).toContain(ch);
      expect(reference).not.toMatch(/[01OI]/);
    }
    expect(new Set(references).size).toBe(3);
    const tickets = ctx.db.prepare('SELECT ticket_number FROM passengers').pluck().all() as string[];
    expect(tickets).toHaveLength(12);
    for (const ticket of tickets) expect(ticket).toMatch(/^555\d{10}$/);
    expect(new Set(tickets).size).toBe(tickets.length);
  });

  it('draws another reference or ticket number when the random one is taken (UNIQUE constraint)', async () => {
    const ctx = createTestApp();
    const taken = await payAndBook(ctx, await reachReview(ctx));
    const takenTicket = ctx.db.prepare('SELECT ticket_number FROM passengers').pluck().get() as string;
    const id = await reachReview(ctx);
    const references = [taken, taken, 'QWERTY'];
    const tickets = [takenTicket, '5550000000001'];
    const result = bookCheckout(ctx.db, {
      checkoutId: id,
      card: { brand: 'visa', last4: '4242' },
      now: ctx.clock.now(),
      ids: { reference: () => references.shift()!, ticketNumber: () => tickets.shift()! },
    });
    expect(result.reference).toBe('QWERTY');
    expect(ctx.db.prepare('SELECT ticket_number FROM passengers WHERE booking_id = ?').pluck().get(result.bookingId)).toBe('5550000000001');
  });

  it('links every offer event of the checkout to the booking: shown and accepted, on every page', async () => {
    const ctx = createTestApp();
    // Standard chosen over Basic on the results page is an accepted fare upsell.
    const id = await reachReview(ctx, { from: 'DUB', to: 'LIS', depart: '2026-12-10', family: 'standard' });
    // What the extras page would have recorded (its own feature): a bag shown there.
    recordOfferShown(ctx.db, { sessionId: 'x'.repeat(22), checkoutId: id, placement: 'extras', at: ctx.clock.now() }, [
      { offer: getOffer(ctx.db, 'BAG_CHECKED_23KG'), itemKey: 'bag:p1:outbound', price: { amountMinor: 3500, currency: 'EUR' } },
    ]);
    await ctx.agent.get(reviewUrl(id)); // insurance shown at review
    await postForm(ctx.agent, reviewUrl(id), `/checkouts/${id}/review/insurance`, { response: 'accept' });
    const reference = await payAndBook(ctx, id);
    const bookingId = ctx.db.prepare('SELECT id FROM bookings WHERE reference = ?').pluck().get(reference) as number;

    const events = ctx.db
      .prepare('SELECT offer_code, placement, event, booking_id FROM offer_events WHERE checkout_id = ? ORDER BY id')
      .all(id) as Array<{ offer_code: string; placement: string; event: string; booking_id: number | null }>;
    expect(events.map((e) => [e.offer_code, e.placement, e.event])).toEqual(
      expect.arrayContaining([
        ['FARE_STANDARD', 'results', 'accepted'],
        ['BAG_CHECKED_23KG', 'extras', 'shown'],
        ['TRAVEL_INSURANCE', 'review', 'shown'],
        ['TRAVEL_INSURANCE', 'review', 'accepted'],
      ]),
    );
    for (const e of events) expect(e.booking_id, `${e.offer_code} ${e.placement} ${e.event}`).toBe(bookingId);
    // The confirmation adds its own hotel impression, with the booking id.
    await ctx.agent.get(`/bookings/${reference}`);
    expect(count(ctx, "SELECT count(*) FROM offer_events WHERE booking_id = ? AND placement = 'confirmation' AND event = 'shown' AND offer_code = 'HOTEL_STAY'", bookingId)).toBe(1);
  });

  it('writes nothing at all when the booking fails half-way (fare sold out on the return flight)', async () => {
    const ctx = createTestApp();
    const id = await reachReview(ctx, FAMILY);
    holdSeat(ctx, id, { direction: 'outbound', passengerIdx: 1, seat: '12A' });
    ctx.db.prepare("UPDATE fares SET seats_sold = seats_total WHERE id = (SELECT fare_id FROM checkout_flights WHERE checkout_id = ? AND direction = 'return')").run(id);
    expect(() => bookCheckout(ctx.db, { checkoutId: id, card: { brand: 'visa', last4: '4242' }, now: ctx.clock.now() })).toThrow('This fare has just sold out');
    for (const table of ['bookings', 'passengers', 'booking_items', 'payments']) expect(count(ctx, `SELECT count(*) FROM ${table}`), table).toBe(0);
    expect(ctx.db.prepare('SELECT booking_id, held_until IS NOT NULL AS held FROM seat_assignments WHERE checkout_id = ?').get(id)).toEqual({ booking_id: null, held: 1 });
    expect(ctx.db.prepare("SELECT seats_sold FROM fares WHERE id = (SELECT fare_id FROM checkout_flights WHERE checkout_id = ? AND direction = 'outbound')").pluck().get(id)).toBe(0);
    expect(ctx.db.prepare('SELECT status FROM checkouts WHERE id = ?').pluck().get(id)).toBe('open');
  });
});
