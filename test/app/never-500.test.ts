// Nothing a user can type makes a 500: every form of the flow gets nonsense (empty bodies, arrays
// where one value belongs, huge strings, unknown fields) with a valid CSRF token, and answers 4xx or 303.
import { describe, expect, it } from 'vitest';
import { createTestApp, csrfFrom } from '../helpers/app.ts';
import { fillPassengers, openCheckout, type Trip } from '../helpers/flow.ts';
import { payAndBook } from '../payment/pay-flow.ts';
import { TRIPS } from '../helpers/fixtures.ts';

const TRIP: Trip = TRIPS.familyWithInfantToLisbon;
const HUGE = 'x'.repeat(10_000);
const FIELDS = [
  'from', 'to', 'depart', 'return', 'adults', 'children', 'infants', 'trip', 'outboundFare', 'returnFare',
  'p1-given-name', 'p3-dob', 'email', 'phone', 'seat-p1-outbound', 'seat-p9-return', 'bag-p1-outbound',
  'priority-p1-outbound', 'upgrade-outbound', 'hotel', 'hotel-nights', 'hotel-rooms', 'insurance', 'intent',
  'card-number', 'card-name', 'card-expiry', 'card-cvc', 'response', 'outcome', 'nights', 'rooms', 'total',
];

function bodies(token: string): string[] {
  const all = (value: string) => FIELDS.map((f) => `${encodeURIComponent(f)}=${encodeURIComponent(value)}`).join('&');
  return [
    `_csrf=${token}`,
    `_csrf=${token}&${all('')}`,
    `_csrf=${token}&${all('-1')}`,
    `_csrf=${token}&${all('1.5e308')}`,
    `_csrf=${token}&${all(HUGE.slice(0, 1000))}`,
    `_csrf=${token}&${FIELDS.map((f) => `${f}=1&${f}=2`).join('&')}`,
    `_csrf=${token}&${FIELDS.map((f) => `${f}[a]=1`).join('&')}`,
    `_csrf=${token}&p1-given-name=${HUGE}`,
    `_csrf=${token}&${all('<script>alert(1)</script>')}`,
    `_csrf=${token}&${all('\u0000')}`,
  ];
}

describe('every form of the flow', () => {
  it('answers nonsense with a 4xx or a redirect, never a 500', async () => {
    // Throttles off: every body must reach its handler (throttling has its own tests: test/security/throttle.test.ts).
    const ctx = createTestApp({ env: { RATE_LIMIT: 'off' } });
    const id = await openCheckout(ctx, TRIP);
    const open = await openCheckout(ctx, TRIP);
    await fillPassengers(ctx, open, TRIP);
    const booked = await openCheckout(ctx, TRIPS.soloToLondon);
    await fillPassengers(ctx, booked, TRIPS.soloToLondon);
    const reference = await payAndBook(ctx, booked);

    const token = csrfFrom((await ctx.agent.get(`/checkouts/${open}/passengers`)).text);
    const targets = [
      '/checkouts',
      `/checkouts/${id}/passengers`,
      `/checkouts/${id}/seats`,
      `/checkouts/${open}/passengers`,
      `/checkouts/${open}/seats`,
      `/checkouts/${open}/extras`,
      `/checkouts/${open}/review/insurance`,
      `/checkouts/${open}/payment`,
      `/checkouts/${open}/payment/challenge/nope`,
      `/checkouts/${booked}/extras`,
      `/bookings/${reference}/hotel`,
      '/bookings/ZZZZZZ/hotel',
    ];
    const seen = new Set<number>();
    const quiet = console.error;
    const logged: unknown[] = [];
    console.error = (...args: unknown[]) => logged.push(args);
    try {
      for (const target of targets) {
        for (const body of bodies(token)) {
          const res = await ctx.agent.post(target).type('form').send(body);
          expect(res.status, `${target} with ${body.slice(0, 80)}`).toBeLessThan(500);
          expect([303, 400, 402, 403, 404, 409, 413, 422]).toContain(res.status);
          seen.add(res.status);
        }
      }
    } finally {
      console.error = quiet;
    }
    expect(logged).toEqual([]);
    // The token was good: the forms were really read (not all refused as forged).
    expect(seen.has(422)).toBe(true);
    expect(seen.has(403)).toBe(false);
  });
});
