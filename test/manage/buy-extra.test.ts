// The buyExtra command: each purchase and its price, the seat-change rules, the cut-offs against the injected
// clock, one charge per purchase id, the offer events with placement manage, and bad input by domain path.
import { describe, expect, it } from 'vitest';
import { ConflictError, ValidationError, type AppError } from '../../src/lib/errors.ts';
import { getBookingDetails } from '../../src/features/bookings/confirmation.ts';
import { bagPrice, insurancePrice, priorityPrice } from '../../src/features/checkout/offer-pricing.ts';
import { buyExtra, answerPurchaseChallenge, type BuyExtraInput } from '../../src/features/manage/buy-extra.ts';
import { cancelHotel } from '../../src/features/manage/cancel-hotel.ts';
import { manageOffers } from '../../src/features/manage/manage-offers.ts';
import { TRIPS } from '../helpers/fixtures.ts';
import { bookedTrip, bookingTotal, card, CARDS, count, departsAt, seatOf, type Managed } from './manage-helpers.ts';

let n = 0;
const pid = () => `purchase-${++n}-test`;

function refusalOf(call: () => unknown): [AppError, Array<[string, string | undefined]>] {
  try {
    call();
  } catch (error) {
    const e = error as AppError;
    return [e, e.issues.map((i) => [i.path.join('.'), i.code])];
  }
  throw new Error('Expected a refusal');
}

const flightOf = (ctx: Managed, direction: 'outbound' | 'return' = 'outbound') => getBookingDetails(ctx.db, ctx.reference).checkout.flights.find((f) => f.direction === direction)!;
const charges = (ctx: Managed) => count(ctx, "SELECT count(*) FROM payments WHERE status = 'approved' AND booking_id IS NOT NULL");

describe('buyExtra: each purchase and its price', () => {
  it('adds two bags at the online bag price: a receipt line, the booking total, one approved payment and an accepted event with placement manage', async () => {
    const ctx = await bookedTrip();
    const before = bookingTotal(ctx);
    const unit = bagPrice(ctx.db, flightOf(ctx)).online.amountMinor;
    const result = buyExtra(ctx.cmd(), ctx.reference, { purchaseId: pid(), item: { type: 'bag', passengerIdx: 1, direction: 'outbound', quantity: 2 }, card: card() });
    expect(result).toMatchObject({ status: 'bought', charged: { amountMinor: 2 * unit } });
    expect(bookingTotal(ctx)).toBe(before + 2 * unit);
    expect(count(ctx, "SELECT total_minor FROM booking_items WHERE item_key = 'bag:p1:outbound' AND quantity = 2")).toBe(2 * unit);
    expect(count(ctx, "SELECT amount_minor FROM payments WHERE status = 'approved' ORDER BY id DESC LIMIT 1")).toBe(2 * unit);
    expect(count(ctx, "SELECT count(*) FROM offer_events WHERE event = 'accepted' AND placement = 'manage' AND offer_code = 'BAG_CHECKED_23KG' AND price_minor = ?", 2 * unit)).toBe(1);
  });

  it('sells priority boarding, insurance and the cabin upgrade at the checkout prices, and each only once', async () => {
    const ctx = await bookedTrip();
    const details = getBookingDetails(ctx.db, ctx.reference);
    const priority = buyExtra(ctx.cmd(), ctx.reference, { purchaseId: pid(), item: { type: 'priority', passengerIdx: 2, direction: 'return' }, card: card() });
    expect(priority).toMatchObject({ status: 'bought', charged: priorityPrice(ctx.db, flightOf(ctx, 'return')) });
    const insurance = buyExtra(ctx.cmd(), ctx.reference, { purchaseId: pid(), item: { type: 'insurance' }, card: card() });
    expect(insurance).toMatchObject({ status: 'bought', charged: insurancePrice(ctx.db, details.checkout).total });
    expect(refusalOf(() => buyExtra(ctx.cmd(), ctx.reference, { purchaseId: pid(), item: { type: 'upgrade', direction: 'outbound' }, card: card() }))[1]).toEqual([['item.direction', 'not_sold']]);
    expect(refusalOf(() => buyExtra(ctx.cmd(), ctx.reference, { purchaseId: pid(), item: { type: 'insurance' }, card: card() }))[1]).toEqual([['item', 'already_bought']]);
    expect(refusalOf(() => buyExtra(ctx.cmd(), ctx.reference, { purchaseId: pid(), item: { type: 'priority', passengerIdx: 2, direction: 'return' }, card: card() }))[1]).toEqual([['item', 'already_bought']]);
  });

  it('adds a hotel for the stay between the flights, and cancels it free of charge: a refund line and the total back where it was', async () => {
    const ctx = await bookedTrip();
    const before = bookingTotal(ctx);
    const offer = manageOffers(ctx.cmd(), getBookingDetails(ctx.db, ctx.reference)).find((o) => o.type === 'hotel')!;
    const hotel = offer.hotel!.hotels[0]!;
    const bought = buyExtra(ctx.cmd(), ctx.reference, { purchaseId: pid(), item: { type: 'hotel', hotelId: hotel.id, nights: offer.hotel!.defaultNights, rooms: 1 }, card: card() });
    expect(bought).toMatchObject({ status: 'bought', charged: { amountMinor: hotel.nightly.amountMinor * offer.hotel!.defaultNights } });
    expect(bookingTotal(ctx)).toBe(before + hotel.nightly.amountMinor * offer.hotel!.defaultNights);
    const cancelled = cancelHotel(ctx.cmd(), ctx.reference);
    expect(cancelled.refunded.amountMinor).toBe(-hotel.nightly.amountMinor * offer.hotel!.defaultNights);
    expect(bookingTotal(ctx)).toBe(before);
    expect(count(ctx, "SELECT count(*) FROM offer_events WHERE event = 'removed' AND placement = 'manage' AND offer_code = 'HOTEL_STAY'")).toBe(1);
    expect(refusalOf(() => cancelHotel(ctx.cmd(), ctx.reference))[1]).toEqual([['hotel', 'no_hotel']]);
  });

  it('records the stay it sells, so the confirmation shows the hotel until it is cancelled', async () => {
    const ctx = await bookedTrip();
    const offer = manageOffers(ctx.cmd(), getBookingDetails(ctx.db, ctx.reference)).find((o) => o.type === 'hotel')!;
    const hotel = offer.hotel!.hotels[0]!;
    buyExtra(ctx.cmd(), ctx.reference, { purchaseId: pid(), item: { type: 'hotel', hotelId: hotel.id, nights: offer.hotel!.defaultNights, rooms: 1 }, card: card() });
    expect(getBookingDetails(ctx.db, ctx.reference).hotelStay).toMatchObject({ hotel: { id: hotel.id }, checkIn: offer.hotel!.checkIn, nights: offer.hotel!.defaultNights, rooms: 1 });
    cancelHotel(ctx.cmd(), ctx.reference);
    expect(getBookingDetails(ctx.db, ctx.reference).hotelStay).toBeNull();
  });
});

describe('buyExtra: the cabin upgrade', () => {
  it('moves the party to Business on a flight with a business cabin for the fare difference, and moves the fare inventory', async () => {
    const ctx = await bookedTrip(TRIPS.soloToNewYork);
    const details = getBookingDetails(ctx.db, ctx.reference);
    const flight = flightOf(ctx);
    const offer = manageOffers(ctx.cmd(), details).find((o) => o.type === 'upgrade')!;
    expect(offer.refusal).toBeNull();
    const sold = (family: string) => count(ctx, 'SELECT seats_sold FROM fares WHERE flight_id = ? AND family = ?', flight.flightId, family);
    const [business, basic] = [sold('business'), sold('basic')];
    const upgrade = buyExtra(ctx.cmd(), ctx.reference, { purchaseId: pid(), item: { type: 'upgrade', direction: 'outbound' }, card: card() });
    expect(upgrade.status === 'bought' && upgrade.charged.amountMinor).toBe(offer.price.amountMinor);
    expect(offer.price.amountMinor).toBeGreaterThan(0);
    expect([sold('business'), sold('basic')]).toEqual([business + 1, basic - 1]);
    expect(refusalOf(() => buyExtra(ctx.cmd(), ctx.reference, { purchaseId: pid(), item: { type: 'upgrade', direction: 'outbound' }, card: card() }))[1]).toEqual([['item', 'already_bought']]);
  });

  it('after a post-booking upgrade, a seat change offers the business cabin only, and priority boarding is included', async () => {
    const ctx = await bookedTrip(TRIPS.soloToNewYork);
    const before = manageOffers(ctx.cmd(), getBookingDetails(ctx.db, ctx.reference)).find((o) => o.type === 'seat' && o.direction === 'outbound')!;
    expect(before.seats!.every((s) => s.zone !== 'business')).toBe(true);
    buyExtra(ctx.cmd(), ctx.reference, { purchaseId: pid(), item: { type: 'upgrade', direction: 'outbound' }, card: card() });
    const offers = manageOffers(ctx.cmd(), getBookingDetails(ctx.db, ctx.reference));
    const seat = offers.find((o) => o.type === 'seat' && o.direction === 'outbound')!;
    expect(seat.seats!.length).toBeGreaterThan(0);
    expect(seat.seats!.every((s) => s.zone === 'business')).toBe(true);
    expect(offers.find((o) => o.type === 'priority' && o.direction === 'outbound')!.refusal).toMatchObject({ code: 'included' });
    const moved = buyExtra(ctx.cmd(), ctx.reference, { purchaseId: pid(), item: { type: 'seat', passengerIdx: 1, direction: 'outbound', seat: seat.seats![0]!.seat }, card: card() });
    expect(moved.status).toBe('bought');
    expect(seatOf(ctx, 1).seat).toBe(seat.seats![0]!.seat);
  });
});

describe('buyExtra: the seat-change rules', () => {
  function seatIn(ctx: Managed, passengerIdx: number, wanted: (priceMinor: number, zone: string) => boolean) {
    const offer = manageOffers(ctx.cmd(), getBookingDetails(ctx.db, ctx.reference)).find((o) => o.type === 'seat' && o.passengerIdx === passengerIdx && o.direction === 'outbound')!;
    const option = offer.seats!.find((s) => wanted(s.price.amountMinor, s.zone));
    if (!option) throw new Error('No such seat');
    return option;
  }
  const change = (ctx: Managed, seat: string, card_ = card()) => buyExtra(ctx.cmd(), ctx.reference, { purchaseId: pid(), item: { type: 'seat', passengerIdx: 1, direction: 'outbound', seat }, card: card_ });

  it('a change within the fare\'s free seat choice costs nothing and needs no card; the seat moves and a receipt line says so', async () => {
    const ctx = await bookedTrip(undefined, { family: 'standard' });
    const before = bookingTotal(ctx);
    const free = seatIn(ctx, 1, (price, zone) => price === 0 && zone === 'standard');
    const result = buyExtra(ctx.cmd(), ctx.reference, { purchaseId: pid(), item: { type: 'seat', passengerIdx: 1, direction: 'outbound', seat: free.seat } });
    expect(result).toMatchObject({ status: 'bought', charged: { amountMinor: 0 } });
    expect(seatOf(ctx, 1).seat).toBe(free.seat);
    expect(bookingTotal(ctx)).toBe(before);
    expect(count(ctx, "SELECT count(*) FROM booking_items WHERE item_key = 'seat:p1:outbound' AND total_minor = 0 AND description LIKE 'Seat %, was %'")).toBe(1);
  });

  it('from a paid seat to a dearer one costs the difference; back to a cheaper one refunds nothing and costs nothing', async () => {
    const ctx = await bookedTrip();
    const paidAtBooking = seatOf(ctx, 1).price_minor;
    expect(paidAtBooking).toBeGreaterThan(0); // Basic: the first free seat was a paid standard seat
    const standard = seatIn(ctx, 1, (_p, zone) => zone === 'standard');
    expect(standard.price.amountMinor).toBe(0); // the same zone again: already paid for
    const first = change(ctx, standard.seat);
    expect(first.status === 'bought' && first.charged.amountMinor).toBe(standard.price.amountMinor);
    const dearer = seatIn(ctx, 1, (price, zone) => zone === 'extra_legroom' && price > 0);
    const second = change(ctx, dearer.seat);
    expect(second.status === 'bought' && second.charged.amountMinor).toBe(dearer.price.amountMinor);
    expect(seatOf(ctx, 1)).toMatchObject({ seat: dearer.seat, price_minor: paidAtBooking + dearer.price.amountMinor });
    const cheaper = seatIn(ctx, 1, (_p, zone) => zone === 'standard');
    expect(cheaper.price.amountMinor).toBe(0);
    const before = bookingTotal(ctx);
    expect(change(ctx, cheaper.seat)).toMatchObject({ status: 'bought', charged: { amountMinor: 0 } });
    expect(bookingTotal(ctx)).toBe(before);
  });

  it('refuses a seat taken meanwhile (409, seat_taken) and charges nothing', async () => {
    const ctx = await bookedTrip();
    const other = seatOf(ctx, 2).seat;
    const paymentsBefore = count(ctx, 'SELECT count(*) FROM payments');
    const [error, issues] = refusalOf(() => change(ctx, other));
    expect(error).toBeInstanceOf(ConflictError);
    expect(issues).toEqual([['item.seat', 'seat_taken']]);
    expect(count(ctx, 'SELECT count(*) FROM payments')).toBe(paymentsBefore);
  });
});

describe('buyExtra: cut-offs against the injected clock', () => {
  const bag = (ctx: Managed): BuyExtraInput => ({ purchaseId: pid(), item: { type: 'bag', passengerIdx: 1, direction: 'outbound', quantity: 1 }, card: card() });

  it('sells bags and seats until 2 hours before departure, and says why after', async () => {
    const ctx = await bookedTrip();
    ctx.clock.set(new Date(departsAt(ctx).getTime() - 2 * 3_600_000 - 60_000).toISOString());
    expect(buyExtra(ctx.cmd(), ctx.reference, bag(ctx)).status).toBe('bought');
    ctx.clock.set(new Date(departsAt(ctx).getTime() - 2 * 3_600_000 + 60_000).toISOString());
    const [error, issues] = refusalOf(() => buyExtra(ctx.cmd(), ctx.reference, bag(ctx)));
    expect(issues).toEqual([['item', 'too_late']]);
    expect(error.message).toMatch(/until 2 hours before departure/);
    expect(refusalOf(() => buyExtra(ctx.cmd(), ctx.reference, { purchaseId: pid(), item: { type: 'seat', passengerIdx: 1, direction: 'outbound', seat: '30A' }, card: card() }))[1]).toEqual([['item', 'too_late']]);
    // Priority boarding is still sold until departure.
    expect(buyExtra(ctx.cmd(), ctx.reference, { purchaseId: pid(), item: { type: 'priority', passengerIdx: 1, direction: 'outbound' }, card: card() }).status).toBe('bought');
  });

  it('sells insurance until 24 hours before departure', async () => {
    const ctx = await bookedTrip();
    ctx.clock.set(new Date(departsAt(ctx).getTime() - 24 * 3_600_000 + 60_000).toISOString());
    const [error, issues] = refusalOf(() => buyExtra(ctx.cmd(), ctx.reference, { purchaseId: pid(), item: { type: 'insurance' }, card: card() }));
    expect(issues).toEqual([['item', 'too_late']]);
    expect(error.message).toMatch(/until 24 hours before departure/);
  });

  it('sells nothing for a flight that has departed, and nothing at all once the trip has', async () => {
    const ctx = await bookedTrip();
    ctx.clock.set(new Date(departsAt(ctx).getTime() + 60_000).toISOString());
    expect(refusalOf(() => buyExtra(ctx.cmd(), ctx.reference, { purchaseId: pid(), item: { type: 'priority', passengerIdx: 1, direction: 'outbound' }, card: card() }))[1]).toEqual([['item', 'departed']]);
    ctx.clock.set(new Date(departsAt(ctx, 'return').getTime() + 60_000).toISOString());
    const [error] = refusalOf(() => buyExtra(ctx.cmd(), ctx.reference, { purchaseId: pid(), item: { type: 'priority', passengerIdx: 1, direction: 'return' }, card: card() }));
    expect(error.message).toMatch(/This trip has departed/);
    expect(manageOffers(ctx.cmd(), getBookingDetails(ctx.db, ctx.reference)).every((o) => o.refusal !== null)).toBe(true);
  });

  it('cancels a hotel free of charge only until 24 hours before check-in', async () => {
    const ctx = await bookedTrip();
    const offer = manageOffers(ctx.cmd(), getBookingDetails(ctx.db, ctx.reference)).find((o) => o.type === 'hotel')!;
    buyExtra(ctx.cmd(), ctx.reference, { purchaseId: pid(), item: { type: 'hotel', hotelId: offer.hotel!.hotels[0]!.id, nights: offer.hotel!.defaultNights, rooms: 1 }, card: card() });
    ctx.clock.set(new Date(departsAt(ctx).getTime() - 60_000).toISOString());
    expect(refusalOf(() => cancelHotel(ctx.cmd(), ctx.reference))[1]).toEqual([['hotel', 'too_late']]);
  });
});

describe('buyExtra: nothing charged twice', () => {
  it('a double-submitted purchase (same purchase id) is one charge, one receipt line, one event', async () => {
    const ctx = await bookedTrip();
    const input: BuyExtraInput = { purchaseId: pid(), item: { type: 'bag', passengerIdx: 1, direction: 'outbound', quantity: 1 }, card: card() };
    const before = charges(ctx);
    expect(buyExtra(ctx.cmd(), ctx.reference, input).status).toBe('bought');
    expect(buyExtra(ctx.cmd(), ctx.reference, input).status).toBe('already_bought');
    expect(charges(ctx)).toBe(before + 1);
    expect(count(ctx, "SELECT count(*) FROM booking_items WHERE item_key = 'bag:p1:outbound'")).toBe(1);
    expect(count(ctx, "SELECT count(*) FROM offer_events WHERE event = 'accepted' AND placement = 'manage'")).toBe(1);
  });

  it('a 3-D Secure purchase is bought once when the bank approves, and not at all when it fails', async () => {
    const ctx = await bookedTrip();
    const before = bookingTotal(ctx);
    const id = pid();
    const asked = buyExtra(ctx.cmd(), ctx.reference, { purchaseId: id, item: { type: 'insurance' }, card: card(CARDS.challenge) });
    expect(asked.status).toBe('challenge');
    expect(bookingTotal(ctx)).toBe(before);
    const done = answerPurchaseChallenge(ctx.cmd(), ctx.reference, id, 'approve');
    expect(done.status).toBe('bought');
    expect(answerPurchaseChallenge(ctx.cmd(), ctx.reference, id, 'approve').status).toBe('already_bought');
    expect(count(ctx, "SELECT count(*) FROM booking_items WHERE item_key = 'insurance'")).toBe(1);

    const failed = pid();
    buyExtra(ctx.cmd(), ctx.reference, { purchaseId: failed, item: { type: 'priority', passengerIdx: 1, direction: 'outbound' }, card: card(CARDS.challenge) });
    expect(answerPurchaseChallenge(ctx.cmd(), ctx.reference, failed, 'fail')).toMatchObject({ status: 'declined', reason: 'authentication_failed' });
    expect(count(ctx, "SELECT count(*) FROM booking_items WHERE category = 'priority'")).toBe(0);
  });

  it('a declined card leaves a declined payment and nothing else', async () => {
    const ctx = await bookedTrip();
    const before = bookingTotal(ctx);
    expect(buyExtra(ctx.cmd(), ctx.reference, { purchaseId: pid(), item: { type: 'insurance' }, card: card(CARDS.decline) })).toMatchObject({ status: 'declined', reason: 'card_declined' });
    expect(bookingTotal(ctx)).toBe(before);
    expect(count(ctx, 'SELECT count(*) FROM manage_purchases')).toBe(0);
  });
});

describe('buyExtra: bad input by domain path', () => {
  it('refuses a bag count over the limit (too_many_bags) and charges nothing', async () => {
    const ctx = await bookedTrip();
    const before = charges(ctx);
    const [error, issues] = refusalOf(() => buyExtra(ctx.cmd(), ctx.reference, { purchaseId: pid(), item: { type: 'bag', passengerIdx: 1, direction: 'outbound', quantity: 9 }, card: card() }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(issues).toEqual([['item.quantity', 'too_many_bags']]);
    expect(error.message).toMatch(/so you can add \d/);
    expect(charges(ctx)).toBe(before);
  });

  it.each([
    ['an unknown passenger', { type: 'bag', passengerIdx: 9, direction: 'outbound', quantity: 1 }, [['item.passengerIdx', 'unknown_passenger']]],
    ['a return flight on a one-way trip', { type: 'priority', passengerIdx: 1, direction: 'return' }, [['item.direction', 'unknown_flight']]],
    ['an unknown type', { type: 'lounge' }, [['item.type', 'invalid_union']]],
    ['an unknown field (a price)', { type: 'insurance', priceMinor: 1 }, [['item.priceMinor', 'unknown_field']]],
  ] as const)('refuses %s with its path and code', async (_name, item, expected) => {
    const ctx = await bookedTrip(TRIPS.soloToLisbon);
    const [, issues] = refusalOf(() => buyExtra(ctx.cmd(), ctx.reference, { purchaseId: pid(), item, card: card() } as unknown as BuyExtraInput));
    expect(issues).toEqual(expected);
  });

  it('asks for the card when the purchase costs money, and checks it by the checkout\'s rules', async () => {
    const ctx = await bookedTrip(TRIPS.soloToLisbon);
    expect(refusalOf(() => buyExtra(ctx.cmd(), ctx.reference, { purchaseId: pid(), item: { type: 'insurance' } }))[1]).toEqual([['card', 'required']]);
    expect(refusalOf(() => buyExtra(ctx.cmd(), ctx.reference, { purchaseId: pid(), item: { type: 'insurance' }, card: card(CARDS.luhnFails) }))[1]).toEqual([['card.number', 'luhn']]);
  });
});
