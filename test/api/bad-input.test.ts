// Every route against bad input: wrong types, missing fields, unknown fields, huge strings, arrays
// where objects belong, unknown ids and steps out of order. Each is a 4xx problem document naming the
// field or the step, as the OpenAPI document lists it; none is a 500, and nothing is written.
import { describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { API, apiCheckout, apiCheckoutWithPassengers, card, CARDS, countRows, expectConforms, expectProblem, ONE_WAY, passengersBody } from './api-helpers.ts';

const HUGE = 'x'.repeat(10_000);
const UNKNOWN_CHECKOUT = 'AAAAAAAAAAAAAAAAAAAAAA';

type Case = { name: string; body?: unknown; query?: string; status: number; field?: string };

async function send(ctx: TestContext, method: 'get' | 'post' | 'put', path: string, c: Case) {
  const url = c.query !== undefined ? `${path}?${c.query}` : path;
  const req = ctx.agent[method](url);
  return c.body === undefined ? req : req.send(c.body as object);
}

function check(res: Awaited<ReturnType<typeof send>>, c: Case) {
  expectProblem(res, c.status, c.field);
  expectConforms(res);
}

describe('GET /flights with bad input', () => {
  const cases: Case[] = [
    { name: 'a count that is not a number', query: 'from=DUB&to=LIS&depart=2026-12-10&adults=two', status: 422, field: 'adults' },
    { name: 'a missing departure airport', query: 'to=LIS&depart=2026-12-10', status: 422, field: 'from' },
    { name: 'an unknown parameter', query: 'from=DUB&to=LIS&depart=2026-12-10&adult=2', status: 422, field: 'adult' },
    { name: 'a 10,000-character airport', query: `from=${HUGE}&to=LIS&depart=2026-12-10`, status: 422, field: 'from' },
    { name: 'a parameter given twice (an array)', query: 'from=DUB&from=LHR&to=LIS&depart=2026-12-10', status: 422, field: 'from' },
    { name: 'a date in the past', query: 'from=DUB&to=LIS&depart=2025-01-01', status: 422, field: 'depart' },
    { name: 'a route not flown', query: 'from=LIS&to=ATH&depart=2026-12-10', status: 422, field: 'to' },
    { name: 'more infants than adults', query: 'from=DUB&to=LIS&depart=2026-12-10&infants=2', status: 422, field: 'infants' },
    { name: 'a return before the departure', query: 'from=DUB&to=LIS&depart=2026-12-10&return=2026-12-01', status: 422, field: 'return' },
  ];
  it.each(cases)('refuses $name with $status naming the field', async (c) => {
    const ctx = createTestApp();
    check(await send(ctx, 'get', `${API}/flights`, c), c);
  });
});

describe('POST /checkouts with bad input', () => {
  const search = { from: 'DUB', to: 'LIS', depart: '2026-12-10', adults: 1 };
  const cases: Case[] = [
    { name: 'a fare id sent as a string', body: { search, outbound: { fareId: '12' } }, status: 422, field: 'outbound/fareId' },
    { name: 'a missing search', body: { outbound: { fareId: 12 } }, status: 422, field: 'search' },
    { name: 'a missing outbound fare', body: { search }, status: 422, field: 'outbound' },
    { name: 'an unknown field (a price)', body: { search, outbound: { fareId: 12 }, totalMinor: 1 }, status: 422, field: 'totalMinor' },
    { name: 'an unknown nested field', body: { search: { ...search, trip: 'one_way' }, outbound: { fareId: 12 } }, status: 422, field: 'search/trip' },
    { name: 'a 10,000-character airport', body: { search: { ...search, from: HUGE }, outbound: { fareId: 12 } }, status: 422, field: 'search/from' },
    { name: 'an array as the body', body: [search], status: 422, field: '' },
    { name: 'an array where the search belongs', body: { search: [search], outbound: { fareId: 12 } }, status: 422, field: 'search' },
    { name: 'a fare id no flight of the search sells', body: { search, outbound: { fareId: 999999999 } }, status: 422, field: 'outbound/fareId' },
    { name: 'a return search without a return fare', body: { search: { ...search, return: '2026-12-14' }, outbound: { fareId: 12 } }, status: 422, field: 'return/fareId' },
    { name: 'a return fare on a one-way search', body: { search, outbound: { fareId: 12 }, return: { fareId: 13 } }, status: 422, field: 'return' },
    { name: 'no adult', body: { search: { ...search, adults: 0 }, outbound: { fareId: 12 } }, status: 422, field: 'search/adults' },
  ];
  it.each(cases)('refuses $name with $status naming the field, and opens nothing', async (c) => {
    const ctx = createTestApp();
    check(await send(ctx, 'post', `${API}/checkouts`, c), c);
    expect(countRows(ctx, 'checkouts')).toBe(0);
  });

  it('refuses a form-encoded body with 415', async () => {
    const ctx = createTestApp();
    const res = await ctx.agent.post(`${API}/checkouts`).type('form').send('search=1');
    check(res, { name: '', status: 415 });
  });

  it('refuses a body without a content type with 415', async () => {
    const ctx = createTestApp();
    check(await ctx.agent.post(`${API}/checkouts`), { name: '', status: 415 });
  });

  it('answers malformed JSON with a 400 problem, not a page', async () => {
    const ctx = createTestApp();
    const res = await ctx.agent.post(`${API}/checkouts`).set('Content-Type', 'application/json').send('{"search": ');
    expectProblem(res, 400);
    expect(res.body.instance).toBe(`${API}/checkouts`);
  });

  it('answers a JSON body over 64 kB with a 413 problem', async () => {
    const ctx = createTestApp();
    const res = await ctx.agent.post(`${API}/checkouts`).send({ search: { from: 'x'.repeat(70_000) } });
    expectProblem(res, 413);
  });
});

describe('GET /checkouts/:id', () => {
  it.each([
    ['an unknown id', UNKNOWN_CHECKOUT],
    ['a malformed id', 'nope'],
    ['a 10,000-character id', HUGE],
  ])('answers %s with a 404 problem', async (_name, id) => {
    const ctx = createTestApp();
    const res = await ctx.agent.get(`${API}/checkouts/${id}`);
    expectProblem(res, 404);
    expectConforms(res);
  });

  it('answers an expired checkout with a 404 problem', async () => {
    const ctx = createTestApp();
    const checkout = await apiCheckout(ctx, ONE_WAY);
    ctx.clock.advance(3 * 60 * 60 * 1000 + 1);
    expectProblem(await ctx.agent.get(`${API}/checkouts/${checkout.id}`), 404);
  });
});

describe('PUT /checkouts/:id/passengers with bad input', () => {
  const good = passengersBody(ONE_WAY);
  const cases: Case[] = [
    { name: 'a name sent as a number', body: { ...good, passengers: [{ givenName: 7, familyName: 'Lovelace' }] }, status: 422, field: 'passengers/0/givenName' },
    { name: 'a missing contact', body: { passengers: good.passengers }, status: 422, field: 'contact' },
    { name: 'a missing family name', body: { ...good, passengers: [{ givenName: 'Ada' }] }, status: 422, field: 'passengers/0/familyName' },
    { name: 'an unknown field', body: { ...good, passengers: [{ givenName: 'Ada', familyName: 'Lovelace', title: 'Ms' }] }, status: 422, field: 'passengers/0/title' },
    { name: 'a 10,000-character name', body: { ...good, passengers: [{ givenName: HUGE, familyName: 'Lovelace' }] }, status: 422, field: 'passengers/0/givenName' },
    { name: 'an array where the contact belongs', body: { ...good, contact: [good.contact] }, status: 422, field: 'contact' },
    { name: 'an object where the passengers list belongs', body: { ...good, passengers: good.passengers[0] }, status: 422, field: 'passengers' },
    { name: 'fewer passengers than the checkout has', body: { ...good, passengers: [] }, status: 422, field: 'passengers' },
    { name: 'a name with digits', body: { ...good, passengers: [{ givenName: 'R2D2', familyName: 'Lovelace' }] }, status: 422, field: 'passengers/0/givenName' },
    { name: 'an invalid e-mail address', body: { ...good, contact: { ...good.contact, email: 'ada@' } }, status: 422, field: 'contact/email' },
  ];
  it.each(cases)('refuses $name with $status naming the field, and saves nothing', async (c) => {
    const ctx = createTestApp();
    const checkout = await apiCheckout(ctx, ONE_WAY);
    check(await send(ctx, 'put', `${API}/checkouts/${checkout.id}/passengers`, c), c);
    expect(countRows(ctx, 'checkout_passengers', "checkout_id = ? AND given_name <> ''", checkout.id)).toBe(0);
    expect(countRows(ctx, 'checkouts', 'id = ? AND contact_email IS NULL', checkout.id)).toBe(1);
  });

  it('refuses a child without a date of birth, naming passengers/1/dateOfBirth', async () => {
    const ctx = createTestApp();
    const trip = { ...ONE_WAY, children: 1 };
    const checkout = await apiCheckout(ctx, trip);
    const body = passengersBody(trip);
    delete body.passengers[1].dateOfBirth;
    expectProblem(await ctx.agent.put(`${API}/checkouts/${checkout.id}/passengers`).send(body), 422, 'passengers/1/dateOfBirth');
  });

  it('answers an unknown checkout with 404', async () => {
    const ctx = createTestApp();
    expectProblem(await ctx.agent.put(`${API}/checkouts/${UNKNOWN_CHECKOUT}/passengers`).send(good), 404);
  });
});

describe('steps out of order', () => {
  it.each([
    ['GET', 'seat-maps', undefined],
    ['PUT', 'seats', { seats: [] }],
    ['GET', 'offers', undefined],
    ['PUT', 'extras', {}],
    ['POST', 'payment', card()],
  ] as const)('refuses %s /checkouts/:id/%s before the passengers with 409 naming the passengers step', async (method, step, body) => {
    const ctx = createTestApp();
    const checkout = await apiCheckout(ctx, ONE_WAY);
    const req = ctx.agent[method.toLowerCase() as 'get' | 'put' | 'post'](`${API}/checkouts/${checkout.id}/${step}`);
    const res = body === undefined ? await req : await req.send(body);
    expectProblem(res, 409);
    expectConforms(res);
    expect(res.body).toMatchObject({ step: 'passengers', type: '/docs/api#problem-step-out-of-order' });
    expect(countRows(ctx, 'payments') + countRows(ctx, 'bookings') + countRows(ctx, 'seat_assignments')).toBe(0);
  });

  it.each([
    ['GET', 'seat-maps'],
    ['PUT', 'seats'],
    ['GET', 'offers'],
    ['PUT', 'extras'],
    ['PUT', 'passengers'],
  ] as const)('answers %s /checkouts/:id/%s of an unknown checkout with 404', async (method, step) => {
    const ctx = createTestApp();
    const req = ctx.agent[method.toLowerCase() as 'get' | 'put'](`${API}/checkouts/${UNKNOWN_CHECKOUT}/${step}`);
    const res = method === 'GET' ? await req : await req.send({});
    expectProblem(res, 404);
  });

  it('refuses changes to a booked checkout with 409 naming the booking', async () => {
    const ctx = createTestApp();
    const id = await apiCheckoutWithPassengers(ctx);
    const paid = await ctx.agent.post(`${API}/checkouts/${id}/payment`).send(card());
    for (const [method, step, body] of [
      ['put', 'passengers', passengersBody(ONE_WAY)],
      ['put', 'seats', { seats: [] }],
      ['put', 'extras', {}],
    ] as const) {
      const res = await ctx.agent[method](`${API}/checkouts/${id}/${step}`).send(body);
      expectProblem(res, 409);
      expect(res.body.bookingReference).toBe(paid.body.reference);
    }
  });
});

describe('PUT /checkouts/:id/seats with bad input', () => {
  const cases: Case[] = [
    { name: 'a passenger number sent as a string', body: { seats: [{ passengerIdx: '1', direction: 'outbound', seat: '12A' }] }, status: 422, field: 'seats/0/passengerIdx' },
    { name: 'a missing list of seats', body: {}, status: 422, field: 'seats' },
    { name: 'a missing direction', body: { seats: [{ passengerIdx: 1, seat: '12A' }] }, status: 422, field: 'seats/0/direction' },
    { name: 'an unknown field', body: { seats: [{ passengerIdx: 1, direction: 'outbound', seat: '12A', priceMinor: 0 }] }, status: 422, field: 'seats/0/priceMinor' },
    { name: 'a 10,000-character seat', body: { seats: [{ passengerIdx: 1, direction: 'outbound', seat: HUGE }] }, status: 422, field: 'seats/0/seat' },
    { name: 'an object where the list belongs', body: { seats: { passengerIdx: 1, direction: 'outbound', seat: '12A' } }, status: 422, field: 'seats' },
    { name: 'a seat the aircraft does not have', body: { seats: [{ passengerIdx: 1, direction: 'outbound', seat: '99K' }] }, status: 422, field: 'seats/0/seat' },
    { name: 'a passenger the checkout does not have', body: { seats: [{ passengerIdx: 7, direction: 'outbound', seat: '12A' }] }, status: 422, field: 'seats/0/seat' },
    { name: 'a flight the trip does not have', body: { seats: [{ passengerIdx: 1, direction: 'return', seat: '12A' }] }, status: 422, field: 'seats/0/seat' },
  ];
  it.each(cases)('refuses $name with $status naming the field, and holds nothing', async (c) => {
    const ctx = createTestApp();
    const id = await apiCheckoutWithPassengers(ctx);
    check(await send(ctx, 'put', `${API}/checkouts/${id}/seats`, c), c);
    expect(countRows(ctx, 'seat_assignments')).toBe(0);
  });
});

describe('GET /checkouts/:id/offers with bad input', () => {
  const cases: Case[] = [
    { name: 'an unknown placement', query: 'placement=review', status: 422, field: 'placement' },
    { name: 'an unknown parameter', query: 'kind=upsell', status: 422, field: 'kind' },
    { name: 'nights that are not a number', query: 'hotelNights=many', status: 422, field: 'hotelNights' },
    { name: 'a 10,000-character placement', query: `placement=${HUGE}`, status: 422, field: 'placement' },
    { name: 'a placement given twice', query: 'placement=seats&placement=extras', status: 422, field: 'placement' },
  ];
  it.each(cases)('refuses $name with $status naming the parameter', async (c) => {
    const ctx = createTestApp();
    const id = await apiCheckoutWithPassengers(ctx);
    check(await send(ctx, 'get', `${API}/checkouts/${id}/offers`, c), c);
    expect(countRows(ctx, 'offer_events', "placement IN ('seats', 'extras')")).toBe(0);
  });
});

describe('PUT /checkouts/:id/extras with bad input', () => {
  const cases: Case[] = [
    { name: 'insurance sent as a boolean', body: { insurance: true }, status: 422, field: 'insurance' },
    { name: 'a bag without a quantity', body: { bags: [{ passengerIdx: 1, direction: 'outbound' }] }, status: 422, field: 'bags/0/quantity' },
    { name: 'an unknown field (a price)', body: { insurance: 'add', insurancePriceMinor: 1 }, status: 422, field: 'insurancePriceMinor' },
    { name: 'a 10,000-character answer', body: { insurance: HUGE }, status: 422, field: 'insurance' },
    { name: 'an array where the hotel belongs', body: { hotel: [{ answer: 'decline' }] }, status: 422, field: 'hotel' },
    { name: 'more bags than a passenger may check', body: { bags: [{ passengerIdx: 1, direction: 'outbound', quantity: 4 }] }, status: 422, field: 'bags/0/quantity' },
    { name: 'a negative number of bags', body: { bags: [{ passengerIdx: 1, direction: 'outbound', quantity: -1 }] }, status: 422, field: 'bags/0/quantity' },
    { name: 'a hotel that does not exist', body: { hotel: { answer: 'add', hotelId: 999999, nights: 2, rooms: 1 } }, status: 422, field: 'hotel/hotelId' },
    { name: 'a passenger the checkout does not have', body: { priority: [{ passengerIdx: 5, direction: 'outbound', answer: 'add' }] }, status: 422, field: 'priority/0/answer' },
    { name: 'an upgrade on a flight without Business', body: { upgrades: [{ direction: 'outbound', answer: 'add' }] }, status: 422, field: 'upgrades/0/answer' },
  ];
  it.each(cases)('refuses $name with $status naming the field, and saves nothing', async (c) => {
    const ctx = createTestApp();
    const id = await apiCheckoutWithPassengers(ctx);
    check(await send(ctx, 'put', `${API}/checkouts/${id}/extras`, c), c);
    expect(countRows(ctx, 'checkout_extras')).toBe(0);
    expect(countRows(ctx, 'offer_events', "event <> 'shown' AND placement = 'extras'")).toBe(0);
  });
});

describe('POST /checkouts/:id/payment with bad input', () => {
  const good = card().card;
  const cases: Case[] = [
    { name: 'a card number sent as a number', body: { card: { ...good, number: 4242424242424242 } }, status: 422, field: 'card/number' },
    { name: 'a missing card', body: {}, status: 422, field: 'card' },
    { name: 'a missing security code', body: { card: { number: good.number, name: good.name, expiry: good.expiry } }, status: 422, field: 'card/cvc' },
    { name: 'an unknown field (an amount)', body: { card: good, amountMinor: 1 }, status: 422, field: 'amountMinor' },
    { name: 'a 10,000-character name', body: { card: { ...good, name: HUGE } }, status: 422, field: 'card/name' },
    { name: 'an array where the card belongs', body: { card: [good] }, status: 422, field: 'card' },
    { name: 'a number that fails the Luhn check', body: { card: { ...good, number: CARDS.luhnFails } }, status: 422, field: 'card/number' },
    { name: 'an expired card', body: { card: { ...good, expiry: '01/20' } }, status: 422, field: 'card/expiry' },
  ];
  it.each(cases)('refuses $name with $status naming the field, and charges nothing', async (c) => {
    const ctx = createTestApp();
    const id = await apiCheckoutWithPassengers(ctx);
    check(await send(ctx, 'post', `${API}/checkouts/${id}/payment`, c), c);
    expect(countRows(ctx, 'payments') + countRows(ctx, 'bookings')).toBe(0);
  });

  it('answers an unknown checkout with 404', async () => {
    const ctx = createTestApp();
    expectProblem(await ctx.agent.post(`${API}/checkouts/${UNKNOWN_CHECKOUT}/payment`).send(card()), 404);
  });
});

describe('3-D Secure challenges with bad input', () => {
  it('answers an unknown challenge with 404, before looking at the body', async () => {
    const ctx = createTestApp();
    const id = await apiCheckoutWithPassengers(ctx);
    expectProblem(await ctx.agent.get(`${API}/checkouts/${id}/payment/challenges/${UNKNOWN_CHECKOUT}`), 404);
    expectProblem(await ctx.agent.post(`${API}/checkouts/${id}/payment/challenges/${UNKNOWN_CHECKOUT}`).send({ outcome: 'approve' }), 404);
  });

  it.each([
    ['an unknown outcome', { outcome: 'maybe' }, 'outcome'],
    ['a missing outcome', {}, 'outcome'],
    ['an unknown field', { outcome: 'approve', amountMinor: 1 }, 'amountMinor'],
    ['an array as the body', [{ outcome: 'approve' }], ''],
  ])('refuses %s with 422 and leaves the challenge pending', async (_name, body, field) => {
    const ctx = createTestApp();
    const id = await apiCheckoutWithPassengers(ctx);
    const pending = await ctx.agent.post(`${API}/checkouts/${id}/payment`).send(card(CARDS.challenge));
    const res = await ctx.agent.post(pending.headers.location!).send(body);
    expectProblem(res, 422, field);
    expectConforms(res);
    expect(countRows(ctx, 'payment_challenges', "status = 'pending'")).toBe(1);
  });
});

describe('GET /bookings/:reference with bad input', () => {
  it.each([
    ['an unknown reference', 'ZZZZZZ?lastName=Lovelace', 404, undefined],
    ['a malformed reference', 'not-a-reference?lastName=Lovelace', 404, undefined],
    ['a 10,000-character last name', `ZZZZZZ?lastName=${HUGE}`, 422, 'lastName'],
    ['a last name given twice', 'ZZZZZZ?lastName=a&lastName=b', 422, 'lastName'],
    ['an unknown parameter', 'ZZZZZZ?lastName=a&email=b', 422, 'email'],
  ] as const)('answers %s with %i', async (_name, path, status, field) => {
    const ctx = createTestApp();
    const res = await ctx.agent.get(`${API}/bookings/${path}`);
    expectProblem(res, status, field);
    expectConforms(res);
  });
});

describe('addresses the API does not have', () => {
  it('answers an unknown API path with a 404 problem', async () => {
    const ctx = createTestApp();
    expectProblem(await ctx.agent.get(`${API}/nowhere`), 404);
  });

  it('answers a known path with another method with 405 and an Allow header', async () => {
    const ctx = createTestApp();
    const res = await ctx.agent.delete(`${API}/checkouts/${UNKNOWN_CHECKOUT}`);
    expectProblem(res, 405);
    expect(res.headers.allow).toBe('GET');
  });
});
