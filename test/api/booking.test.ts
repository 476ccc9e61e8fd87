// The whole booking through the JSON API, every answer checked against the OpenAPI document.
import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { createTestApp } from '../helpers/app.ts';
import {
  API,
  apiCheckout,
  apiCheckoutWithPassengers,
  card,
  CARDS,
  countRows,
  expectConforms,
  expectProblem,
  FAMILY,
  flightsUrl,
  ONE_WAY,
  passengersBody,
} from './api-helpers.ts';

type Seat = { seat: string; available: boolean; restrictedFor: Array<{ passengerIdx: number }>; zone: string };

/** Two seats side by side that an adult and a child may take. */
function adjacentPair(seatMap: { rows: Array<{ groups: Seat[][] }> }, childIdx: number): [string, string] {
  for (const row of seatMap.rows) {
    for (const group of row.groups) {
      for (let i = 0; i + 1 < group.length; i += 1) {
        const [a, b] = [group[i]!, group[i + 1]!];
        if (a.available && b.available && !b.restrictedFor.some((r) => r.passengerIdx === childIdx) && a.restrictedFor.length === 0) return [a.seat, b.seat];
      }
    }
  }
  throw new Error('No two free seats side by side');
}

describe('a booking made entirely through the JSON API', () => {
  it('searches, opens a checkout, enters passengers, picks seats, sees offers, adds extras, pays and finds the booking, each answer as documented', async () => {
    const ctx = createTestApp();
    const { agent } = ctx;

    const airports = await agent.get(`${API}/airports`);
    expectConforms(airports);
    expect(airports.body.airports.map((a: { code: string }) => a.code)).toContain('LIS');

    const flights = await agent.get(flightsUrl(FAMILY));
    expectConforms(flights);
    expect(flights.body.directions).toHaveLength(2);
    const outbound = flights.body.directions[0].flights[0];
    const ret = flights.body.directions[1].flights[0];
    const fare = (flight: { fares: Array<{ family: { code: string }; fareId: number }> }, code: string) => flight.fares.find((f) => f.family.code === code)!.fareId;

    const created = await agent.post(`${API}/checkouts`).send({
      search: flights.body.search,
      outbound: { fareId: fare(outbound, 'basic') },
      return: { fareId: fare(ret, 'standard') },
    });
    expectConforms(created);
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(created.headers.location).toBe(`${API}/checkouts/${id}`);
    expect(created.body.nextStep).toBe('passengers');
    expect(created.body.flights.map((f: { family: { code: string } }) => f.family.code)).toEqual(['basic', 'standard']);
    // The fare upsell taken on the return flight is recorded like on the page.
    expect(countRows(ctx, 'offer_events', "checkout_id = ? AND offer_code = 'FARE_STANDARD' AND event = 'accepted'", id)).toBe(1);

    const named = await agent.put(`${API}/checkouts/${id}/passengers`).send(passengersBody(FAMILY));
    expectConforms(named);
    expect(named.body.passengers.map((p: { givenName: string }) => p.givenName)).toEqual(['Ada', 'Brian', 'Cora']);
    expect(named.body.nextStep).toBe('review');
    expect(named.body.contact).toEqual({ email: 'ada@example.com', phone: '+353 1 555 0100' });

    const maps = await agent.get(`${API}/checkouts/${id}/seat-maps`);
    expectConforms(maps);
    expect(countRows(ctx, 'offer_events', "checkout_id = ? AND placement = 'seats' AND event = 'shown'", id)).toBeGreaterThan(0);
    const [adultSeat, childSeat] = adjacentPair(maps.body.flights[0], 3);
    const seats = await agent.put(`${API}/checkouts/${id}/seats`).send({
      seats: [
        { passengerIdx: 1, direction: 'outbound', seat: adultSeat },
        { passengerIdx: 3, direction: 'outbound', seat: childSeat.toLowerCase() },
        { passengerIdx: 2, direction: 'outbound', seat: null },
      ],
    });
    expectConforms(seats);
    expect(seats.body.seats.map((s: { seat: string }) => s.seat).sort()).toEqual([adultSeat, childSeat].sort());
    expect(seats.body.checkout.selections.seats.every((s: { status: string }) => s.status === 'held')).toBe(true);
    // The child and the adult beside them sit free.
    expect(seats.body.seats.every((s: { reason: string; price: { amountMinor: number } }) => s.reason === 'family' && s.price.amountMinor === 0)).toBe(true);

    const offers = await agent.get(`${API}/checkouts/${id}/offers`);
    expectConforms(offers);
    const ids = offers.body.offers.map((o: { id: string }) => o.id);
    expect(ids).toContain('extras:BAG_CHECKED_23KG:bag:p1:outbound');
    expect(ids).toContain('extras:TRAVEL_INSURANCE:insurance');
    expect(ids).toContain('seats:SEAT_EXTRA_LEGROOM:seat:p2:outbound');
    for (const offer of offers.body.offers) {
      expect(offer.placement).toMatch(/^(seats|extras)$/);
      expect(Number.isInteger(offer.price.amountMinor)).toBe(true);
    }
    const shownExtras = countRows(ctx, 'offer_events', "checkout_id = ? AND placement = 'extras' AND event = 'shown'", id);
    expect(shownExtras).toBe(offers.body.offers.filter((o: { placement: string }) => o.placement === 'extras').length);
    // Asking again does not count the impressions twice.
    await agent.get(`${API}/checkouts/${id}/offers?placement=extras`);
    expect(countRows(ctx, 'offer_events', "checkout_id = ? AND placement = 'extras' AND event = 'shown'", id)).toBe(shownExtras);

    const bag = offers.body.offers.find((o: { id: string }) => o.id === 'extras:BAG_CHECKED_23KG:bag:p1:outbound');
    const insurance = offers.body.offers.find((o: { id: string }) => o.id === 'extras:TRAVEL_INSURANCE:insurance');
    const extras = await agent.put(`${API}/checkouts/${id}/extras`).send({
      bags: [{ passengerIdx: 1, direction: 'outbound', quantity: 2 }],
      priority: [{ passengerIdx: 2, direction: 'outbound', answer: 'decline' }],
      hotel: { answer: 'decline' },
      insurance: 'add',
      // A price sent by a client is not a field of this API at all.
    });
    expectConforms(extras);
    expect(extras.body.changes.map((c: { itemKey: string; event: string }) => `${c.itemKey}:${c.event}`).sort()).toEqual(
      ['bag:p1:outbound:accepted', 'hotel:declined', 'insurance:accepted', 'priority:p2:outbound:declined'].sort(),
    );
    const lines = extras.body.checkout.price.lines as Array<{ key: string; total: { amountMinor: number } }>;
    expect(lines.find((l) => l.key === 'bag:p1:outbound')!.total.amountMinor).toBe(2 * bag.price.amountMinor);
    expect(lines.find((l) => l.key === 'insurance')!.total.amountMinor).toBe(insurance.price.amountMinor);
    expect(extras.body.checkout.selections.extras).toMatchObject({ insurance: 'add', hotel: { answer: 'decline' } });

    const before = await agent.get(`${API}/checkouts/${id}`);
    expectConforms(before);
    const total = before.body.price.total.amountMinor as number;
    expect(total).toBe(lines.reduce((sum, l) => sum + l.total.amountMinor, 0));

    const paid = await agent.post(`${API}/checkouts/${id}/payment`).send(card());
    expectConforms(paid);
    expect(paid.status).toBe(201);
    const reference = paid.body.reference as string;
    expect(reference).toMatch(/^[A-Z0-9]{6}$/);
    // The Location works as returned: a signed 30-minute link to the booking, no family name needed.
    expect(paid.headers.location).toMatch(new RegExp(`^${API}/bookings/${reference}\\?access=`));
    const followed = await request(ctx.app).get(paid.headers.location as string); // another client, no session
    expect(followed.status).toBe(200);
    expect(followed.body.reference).toBe(reference);
    expect(paid.body.total).toEqual({ amountMinor: total, currency: 'EUR' });
    expect(paid.body.card).toEqual({ brand: 'visa', last4: '4242' });
    expect(paid.body.passengers.find((p: { idx: number }) => p.idx === 3).seats).toEqual([
      { direction: 'outbound', seat: childSeat },
      { direction: 'return', seat: null },
    ]);
    expect(paid.body.items.map((i: { itemKey: string }) => i.itemKey)).toEqual(lines.map((l) => l.key));

    const found = await agent.get(`${API}/bookings/${reference.toLowerCase()}?lastName=LOVELACE`);
    expectConforms(found);
    expect(found.body.reference).toBe(reference);
    expectProblem(await agent.get(`${API}/bookings/${reference}?lastName=Byron`), 404);
    expectProblem(await agent.get(`${API}/bookings/${reference}`), 422, 'lastName');

    const after = await agent.get(`${API}/checkouts/${id}`);
    expectConforms(after);
    expect(after.body).toMatchObject({ status: 'booked', bookingReference: reference, nextStep: null });

    const again = await agent.post(`${API}/checkouts/${id}/payment`).send(card());
    expectConforms(again);
    expectProblem(again, 409);
    expect(again.body.bookingReference).toBe(reference);
    expect(countRows(ctx, 'bookings')).toBe(1);
    expect(countRows(ctx, 'payments', "status = 'approved'")).toBe(1);
    expect(countRows(ctx, 'offer_events', 'checkout_id = ? AND booking_id IS NULL', id)).toBe(0);
  });

  it('pays with the 3-D Secure card: 202 with the challenge, approve books it (201), a second answer is 409 already booked', async () => {
    const ctx = createTestApp();
    const id = await apiCheckoutWithPassengers(ctx);
    const pending = await ctx.agent.post(`${API}/checkouts/${id}/payment`).send(card(CARDS.challenge));
    expectConforms(pending);
    expect(pending.status).toBe(202);
    expect(pending.body.challenge.status).toBe('pending');
    expect(pending.headers.location).toBe(pending.body.challenge.answer.path);
    expect(countRows(ctx, 'bookings')).toBe(0);

    const read = await ctx.agent.get(pending.headers.location!);
    expectConforms(read);
    expect(read.body.id).toBe(pending.body.challenge.id);

    const approved = await ctx.agent.post(pending.headers.location!).send({ outcome: 'approve' });
    expectConforms(approved);
    expect(approved.status).toBe(201);
    expect(approved.body.total).toEqual(pending.body.challenge.amount);

    const twice = await ctx.agent.post(pending.headers.location!).send({ outcome: 'approve' });
    expectConforms(twice);
    expectProblem(twice, 409);
    expect(countRows(ctx, 'bookings')).toBe(1);
  });

  it('answers a failed 3-D Secure challenge with 402 authentication_failed, and books nothing', async () => {
    const ctx = createTestApp();
    const id = await apiCheckoutWithPassengers(ctx);
    const pending = await ctx.agent.post(`${API}/checkouts/${id}/payment`).send(card(CARDS.challenge));
    const failed = await ctx.agent.post(pending.headers.location!).send({ outcome: 'fail' });
    expectConforms(failed);
    expectProblem(failed, 402);
    expect(failed.body.declineReason).toBe('authentication_failed');
    expect(countRows(ctx, 'bookings')).toBe(0);
  });

  it('answers the declining test cards with 402 naming the reason, charges nothing, and a good card then books', async () => {
    const ctx = createTestApp();
    const id = await apiCheckoutWithPassengers(ctx);
    const declined = await ctx.agent.post(`${API}/checkouts/${id}/payment`).send(card(CARDS.decline));
    expectConforms(declined);
    expectProblem(declined, 402);
    expect(declined.body).toMatchObject({ declineReason: 'card_declined', type: '/docs/api#problem-payment-declined' });
    expect(declined.body.detail).toContain('No money was taken');
    const poor = await ctx.agent.post(`${API}/checkouts/${id}/payment`).send(card(CARDS.insufficientFunds));
    expect(poor.body.declineReason).toBe('insufficient_funds');
    expect(countRows(ctx, 'bookings')).toBe(0);
    expect(countRows(ctx, 'payments', "status = 'declined'")).toBe(2);
    const paid = await ctx.agent.post(`${API}/checkouts/${id}/payment`).send(card());
    expect(paid.status).toBe(201);
  });

  it('refuses a seat another checkout holds with 409 naming the choice, and keeps the other checkout’s hold', async () => {
    const ctx = createTestApp();
    const first = await apiCheckoutWithPassengers(ctx);
    const second = await apiCheckoutWithPassengers(ctx);
    const maps = await ctx.agent.get(`${API}/checkouts/${first}/seat-maps`);
    const seat = (maps.body.flights[0].rows as Array<{ groups: Seat[][] }>).flatMap((r) => r.groups.flat()).find((s) => s.available && s.restrictedFor.length === 0)!;
    const held = await ctx.agent.put(`${API}/checkouts/${first}/seats`).send({ seats: [{ passengerIdx: 1, direction: 'outbound', seat: seat.seat }] });
    expect(held.status).toBe(200);
    const taken = await ctx.agent.put(`${API}/checkouts/${second}/seats`).send({ seats: [{ passengerIdx: 1, direction: 'outbound', seat: seat.seat }] });
    expectConforms(taken);
    expectProblem(taken, 409, 'seats/0/seat');
    expect(countRows(ctx, 'seat_assignments', 'checkout_id = ?', first)).toBe(1);
    expect(countRows(ctx, 'seat_assignments', 'checkout_id = ?', second)).toBe(0);
  });

  it('refuses payment after the seat hold lapsed with 409 naming the seats step, and charges nothing', async () => {
    const ctx = createTestApp();
    const id = await apiCheckoutWithPassengers(ctx);
    const maps = await ctx.agent.get(`${API}/checkouts/${id}/seat-maps`);
    const seat = (maps.body.flights[0].rows as Array<{ groups: Seat[][] }>).flatMap((r) => r.groups.flat()).find((s) => s.available && s.restrictedFor.length === 0)!;
    await ctx.agent.put(`${API}/checkouts/${id}/seats`).send({ seats: [{ passengerIdx: 1, direction: 'outbound', seat: seat.seat }] });
    ctx.clock.advance(16 * 60 * 1000);
    const read = await ctx.agent.get(`${API}/checkouts/${id}`);
    expect(read.body.selections.seats[0].status).toBe('expired');
    const res = await ctx.agent.post(`${API}/checkouts/${id}/payment`).send(card());
    expectConforms(res);
    expectProblem(res, 409);
    expect(res.body.step).toBe('seats');
    expect(countRows(ctx, 'bookings') + countRows(ctx, 'payments')).toBe(0);
  });

  it('offers the cabin upgrade on a long-haul flight and, when it is taken, releases the economy seat held and prices Business', async () => {
    const ctx = createTestApp();
    const trip = { from: 'DUB', to: 'JFK', depart: '2026-12-10' };
    const id = await apiCheckoutWithPassengers(ctx, trip);
    const maps = await ctx.agent.get(`${API}/checkouts/${id}/seat-maps`);
    expect(maps.body.flights[0].cabin).toBe('economy');
    const seat = (maps.body.flights[0].rows as Array<{ groups: Seat[][] }>).flatMap((r) => r.groups.flat()).find((s) => s.available && s.restrictedFor.length === 0)!;
    await ctx.agent.put(`${API}/checkouts/${id}/seats`).send({ seats: [{ passengerIdx: 1, direction: 'outbound', seat: seat.seat }] });
    const offers = await ctx.agent.get(`${API}/checkouts/${id}/offers?placement=extras`);
    const upgrade = offers.body.offers.find((o: { category: string }) => o.category === 'cabin');
    expect(upgrade).toMatchObject({ offerCode: 'CABIN_UPGRADE', kind: 'upsell', direction: 'outbound', details: { releasesSeats: [seat.seat] } });
    const res = await ctx.agent.put(`${API}/checkouts/${id}/extras`).send({ upgrades: [{ direction: 'outbound', answer: 'add' }] });
    expectConforms(res);
    expect(res.body.releasedSeats).toEqual([{ direction: 'outbound', seats: [seat.seat] }]);
    expect(res.body.checkout.selections.seats).toEqual([]);
    const line = res.body.checkout.price.lines.find((l: { key: string }) => l.key === 'upgrade:outbound');
    expect(line.total).toEqual(upgrade.price);
  });

  it('records offer events under the X-Session-Id header when it is sent, and echoes the session used', async () => {
    const ctx = createTestApp();
    const res = await ctx.agent.get(flightsUrl({ ...ONE_WAY })).set('X-Session-Id', 'tester-session-0001');
    expect(res.status).toBe(200);
    expect(res.headers['x-session-id']).toBe('tester-session-0001');
    expect(countRows(ctx, 'offer_events', "session_id = 'tester-session-0001' AND placement = 'results'")).toBeGreaterThan(0);
    expectProblem(await ctx.agent.get(`${API}/airports`).set('X-Session-Id', 'bad id!'), 422, 'X-Session-Id');
  });

  it('opens a checkout whose fares and total match the search it came from', async () => {
    const ctx = createTestApp();
    const search = await ctx.agent.get(flightsUrl(ONE_WAY));
    const fare = search.body.directions[0].flights[0].fares[0];
    const checkout = await apiCheckout(ctx, ONE_WAY, fare.family.code);
    expect(checkout.price.total).toEqual(fare.price.total);
  });
});
