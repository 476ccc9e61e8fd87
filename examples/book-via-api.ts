// Books a trip through the JSON API with nothing but Node 20's fetch, and prints the booking reference.
// The same steps as the pages: search, open a checkout, passengers, seats, extras, pay.
// The worked example of docs/testing.md; CI runs it against a started server (test/browser/examples.spec.ts).
//
//   BASE_URL=http://localhost:3000 node --import tsx examples/book-via-api.ts
//   node --import tsx examples/book-via-api.ts http://localhost:3000
//
// The dates suit the deterministic clock (DEMO_NOW=2026-11-27T09:00:00Z): the schedule runs 330 days from "today".
// Progress goes to stderr; stdout gets the reference alone, so `REF=$(node --import tsx examples/book-via-api.ts)` works.
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';

const TRIP = { from: 'DUB', to: 'LIS', depart: '2026-12-10', return: '2026-12-14', adults: 1 };
const CARD = { number: '4242 4242 4242 4242', name: 'Ada Lovelace', expiry: '12/30', cvc: '123' };

type Money = { amountMinor: number; currency: string };
type Fare = { fareId: number; family: { code: string }; seatsLeft: number };
type FlightSearch = {
  search: Record<string, unknown>;
  directions: Array<{ direction: 'outbound' | 'return'; flights: Array<{ flightNumber: string; fares: Fare[] }> }>;
};
type Checkout = { id: string; nextStep: string | null; price: { total: Money } };
type SeatMaps = {
  flights: Array<{
    direction: 'outbound' | 'return';
    rows: Array<{ groups: Array<Array<{ seat: string; available: boolean; restrictedFor: Array<{ passengerIdx: number }> }>> }>;
  }>;
};
type Offer = { category: string; passengerIdx: number | null; direction: string | null; price: Money };
type Booking = { reference: string; total: Money };

/**
 * One shopper: every call of a run shares a session, so its offer events (shown, accepted…) belong together.
 * SKYLARK_SANDBOX=<id> (a sandbox of POST /api/v1/test/sandboxes, TEST_MODE=1) runs it in that private world.
 */
const SESSION: Record<string, string> = {
  'X-Session-Id': `example-${randomUUID()}`,
  ...(process.env.SKYLARK_SANDBOX ? { 'Skylark-Sandbox': process.env.SKYLARK_SANDBOX } : {}),
};

/** Says in words when nothing answers at baseUrl, rather than "fetch failed". */
export async function ensureServer(baseUrl: string): Promise<void> {
  try {
    await fetch(`${baseUrl}/health`);
  } catch (error) {
    // Node's fetch says "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND …) is in its cause.
    const cause = (error as { cause?: { code?: string; errors?: Array<{ code?: string }> } }).cause;
    const code = cause?.code ?? cause?.errors?.[0]?.code ?? (error as Error).message;
    throw new Error(
      `No Skylark Air server answers at ${baseUrl} (${code}). Start one first (npm start; see examples/README.md), ` +
        'or give its address as the first argument or BASE_URL.',
    );
  }
}

/** One call of the API: JSON in, JSON out; anything but the expected status throws with the problem document. */
async function call<T>(baseUrl: string, method: string, path: string, expected: number, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const { status, text } = await send(baseUrl, method, path, body, headers);
  if (status !== expected) throw new Error(`${method} ${path} answered ${status}, expected ${expected}:\n${text}`);
  return JSON.parse(text) as T;
}

async function send(baseUrl: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const response = await fetch(`${baseUrl}/api/v1${path}`, {
    method,
    headers: { Accept: 'application/json', ...SESSION, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, text: await response.text() };
}

/** One of the items, at random: parallel runs choose different seats. */
const anyOf = <T>(items: readonly T[]): T | undefined => items[Math.floor(Math.random() * items.length)];

const euros = (m: Money) => `${(m.amountMinor / 100).toFixed(2)} ${m.currency}`;

export async function main(baseUrl: string): Promise<string> {
  await ensureServer(baseUrl);
  // 1. Search: the first flight each way that still sells Basic to the whole party.
  const query = new URLSearchParams({ from: TRIP.from, to: TRIP.to, depart: TRIP.depart, return: TRIP.return, adults: String(TRIP.adults) });
  const results = await call<FlightSearch>(baseUrl, 'GET', `/flights?${query}`, 200);
  const fareOf = (direction: 'outbound' | 'return') => {
    const flights = results.directions.find((d) => d.direction === direction)?.flights ?? [];
    const fare = flights.flatMap((f) => f.fares).find((f) => f.family.code === 'basic' && f.seatsLeft >= TRIP.adults);
    if (!fare) throw new Error(`No Basic fare on sale ${direction}`);
    return { fareId: fare.fareId };
  };

  // 2. Open a checkout with those fares; `search` goes back exactly as the search answered it.
  let checkout = await call<Checkout>(baseUrl, 'POST', '/checkouts', 201, {
    search: results.search,
    outbound: fareOf('outbound'),
    return: fareOf('return'),
  });
  const path = `/checkouts/${checkout.id}`;
  console.error(`Checkout ${checkout.id} opened`);

  // 3. Passengers and contact details (PUT replaces them all).
  await call(baseUrl, 'PUT', `${path}/passengers`, 200, {
    contact: { email: 'ada@example.com', phone: '+353 1 555 0100' },
    passengers: [{ givenName: 'Ada', familyName: 'Lovelace' }],
  });

  // 4. Seats: a free seat of each map allowed for passenger 1, chosen at random so that runs in parallel do
  //    not want the same one (held for 15 minutes). Another shopper may still take it first: 409, choose again.
  let seats: Array<{ passengerIdx: number; direction: string; seat: string }> = [];
  for (let attempt = 1; ; attempt += 1) {
    const maps = await call<SeatMaps>(baseUrl, 'GET', `${path}/seat-maps`, 200);
    seats = maps.flights.map((flight) => {
      const seat = anyOf(flight.rows.flatMap((r) => r.groups.flat()).filter((s) => s.available && !s.restrictedFor.some((r) => r.passengerIdx === 1)));
      if (!seat) throw new Error(`No seat left on the ${flight.direction} flight`);
      return { passengerIdx: 1, direction: flight.direction, seat: seat.seat };
    });
    const held = await send(baseUrl, 'PUT', `${path}/seats`, { seats });
    if (held.status === 200) break;
    if (held.status !== 409 || attempt === 3) throw new Error(`PUT ${path}/seats answered ${held.status}, expected 200:\n${held.text}`);
    console.error(`A seat was just taken by another shopper; choosing again`);
  }
  console.error(`Seats ${seats.map((s) => `${s.direction} ${s.seat}`).join(', ')} held`);

  // 5. Extras: one checked bag on the outbound flight, an explicit "No thanks" to insurance, nothing else.
  const { offers } = await call<{ offers: Offer[] }>(baseUrl, 'GET', `${path}/offers?placement=extras`, 200);
  const bag = offers.find((o) => o.category === 'bag' && o.passengerIdx === 1 && o.direction === 'outbound');
  if (!bag) throw new Error('No checked bag offered on the outbound flight');
  await call(baseUrl, 'PUT', `${path}/extras`, 200, {
    bags: [{ passengerIdx: 1, direction: 'outbound', quantity: 1 }],
    priority: [],
    upgrades: [],
    hotel: null,
    insurance: 'decline',
  });
  checkout = await call<Checkout>(baseUrl, 'GET', path, 200);
  console.error(`Bag ${euros(bag.price)}; total to pay ${euros(checkout.price.total)}`);

  // 6. Pay. The Idempotency-Key makes a retry (after a time-out, say) safe: same key, same answer, one charge.
  const booking = await call<Booking>(baseUrl, 'POST', `${path}/payment`, 201, { card: CARD }, { 'Idempotency-Key': randomUUID() });
  if (booking.total.amountMinor !== checkout.price.total.amountMinor) {
    throw new Error(`Charged ${euros(booking.total)}, but the checkout said ${euros(checkout.price.total)}`);
  }
  console.error(`Booked ${booking.reference} for ${euros(booking.total)}`);
  return booking.reference;
}

// Run from the command line (not when imported): print the reference, or the error and exit 1.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const baseUrl = (process.argv[2] ?? process.env.BASE_URL ?? 'http://localhost:3000').replace(/\/$/, '');
  main(baseUrl).then(
    (reference) => console.log(reference),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
