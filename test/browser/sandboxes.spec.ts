// What issue 13 asks of the tester surface, in one scenario run by four "workers" at once against one
// server (TEST_MODE=1): each enters its own sandbox, chooses THE SAME seat (no collision: separate
// worlds), lets the hold lapse by moving its sandbox's clock, chooses again, books, and asserts on the
// offer events recorded for its checkout. Each worker is a browser context, as a Playwright worker is.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { walkToSeats } from './flows.ts';
import { launchChromium, startServer, type RunningServer } from './harness.ts';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ TEST_MODE: '1' }), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

type OfferEvent = { event: string; offerCode: string; placement: string; itemKey: string | null; price: { amountMinor: number } };

/** The first seat on the outbound map that costs something (so choosing it is an accepted offer): its code. */
async function firstPaidSeat(page: Page): Promise<string> {
  const seats = await page
    .getByTestId('seat-map-outbound')
    .getByRole('button', { name: /^Seat \d+[A-Z],/, disabled: false })
    .evaluateAll((buttons) => buttons.map((b) => ({ id: b.getAttribute('data-testid') ?? '', label: b.getAttribute('aria-label') ?? b.textContent ?? '' })));
  const seat = seats.find((s) => /€/.test(s.label) && !/included/.test(s.label));
  if (!seat) throw new Error('No paid seat on the outbound map');
  return seat.id.replace('seat-outbound-', '');
}

async function chooseSeat(page: Page, seat: string): Promise<void> {
  await page.getByTestId(`seat-outbound-${seat}`).click();
  await page.getByTestId('seat-choice-p1-outbound').filter({ hasText: `Seat ${seat}` }).waitFor();
}

async function worker(n: number): Promise<{ seat: string; reference: string; events: OfferEvent[] }> {
  const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(15000);
  try {
    const page = await context.newPage();
    // Its own world: a sandbox, entered by the cookie; page.request shares the cookie, so the API calls below are in it too.
    const created = await page.request.post('/api/v1/test/sandboxes', { data: {} });
    expect(created.status(), await created.text()).toBe(201);
    const sandbox = (await created.json()) as { id: string; enter: { path: string } };
    await page.goto(sandbox.enter.path);
    await page.waitForURL((url) => url.pathname === '/');

    const checkoutId = await walkToSeats(page, { givenName: `Worker${'ABCD'[n]}`, familyName: 'Hopper', email: `worker${n}@example.com` });

    const seat = await firstPaidSeat(page);
    await chooseSeat(page, seat);
    await page.getByRole('button', { name: 'Continue to extras' }).click();
    await page.waitForURL(/\/extras$/);

    // The hold lapses on this sandbox's clock only.
    const moved = await page.request.post('/api/v1/test/clock', { data: { advanceSeconds: 16 * 60 } });
    expect(moved.status()).toBe(200);
    await page.goto(`/checkouts/${checkoutId}/seats`);
    expect(await page.getByTestId('seats-hold-expired').count()).toBe(1);

    await chooseSeat(page, seat);
    await page.getByRole('button', { name: 'Continue to extras' }).click();
    await page.waitForURL(/\/extras$/);
    await page.getByRole('button', { name: 'Continue to review' }).click();
    await page.waitForURL(/\/review$/);
    const total = (await page.getByTestId('review-price').getByTestId('price-total').innerText()).trim();
    await page.getByLabel('Card number').fill('4242 4242 4242 4242');
    await page.getByLabel('Name on card').fill(`Worker${'ABCD'[n]} Hopper`);
    await page.getByLabel('Expiry date').fill('12/30');
    await page.getByLabel('Security code').fill('123');
    await page.getByRole('button', { name: `Pay ${total}` }).click();
    await page.waitForURL(/\/bookings\/[A-Z0-9]{6}$/);
    const reference = (await page.getByTestId('booking-reference').innerText()).trim();

    const events = await page.request.get(`/api/v1/bookings/${reference}/events?lastName=Hopper`);
    expect(events.status(), await events.text()).toBe(200);
    expect((await page.request.delete(`/api/v1/test/sandboxes/${sandbox.id}`, { headers: { 'Content-Type': 'application/json' } })).status()).toBe(200);
    return { seat, reference, events: ((await events.json()) as { events: OfferEvent[] }).events };
  } finally {
    await context.close();
  }
}

describe('four parallel workers, each in its own sandbox', () => {
  it('book the same seat without colliding, let a hold lapse by moving the clock, and assert on the recorded events', async () => {
    const results = await Promise.all([0, 1, 2, 3].map(worker));
    // Separate worlds: the same seat for everyone, four bookings.
    expect(new Set(results.map((r) => r.seat)).size).toBe(1);
    expect(new Set(results.map((r) => r.reference)).size).toBe(4);
    for (const { events } of results) {
      expect(events.some((e) => e.event === 'shown' && e.placement === 'seats')).toBe(true);
      // Chosen twice (before and after the lapse): each choice is an accepted seat offer for passenger 1 outbound.
      const accepted = events.filter((e) => e.event === 'accepted' && e.placement === 'seats' && e.itemKey === 'seat:p1:outbound');
      expect(accepted.length).toBeGreaterThanOrEqual(1);
      expect(accepted.every((e) => e.price.amountMinor > 0)).toBe(true);
    }
    // The server's own world saw none of it.
    const outside = await fetch(`${server.url}/api/v1/bookings/${results[0]!.reference}?lastName=Hopper`);
    expect(outside.status).toBe(404);
  });
});

describe('entering a sandbox', () => {
  it('is refused (403, no cookie) when a link on another site leads there: a visitor cannot be put in a sandbox', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const created = await page.request.post(`${server.url}/api/v1/test/sandboxes`, { data: {} });
      const sandbox = (await created.json()) as { id: string; enter: { path: string } };
      // A page of another origin (here an opaque one) with a link to the enter address.
      await page.setContent(`<a href="${server.url}${sandbox.enter.path}">Win a prize</a>`);
      const [response] = await Promise.all([page.waitForEvent('response', (r) => r.url().endsWith('/enter')), page.getByRole('link', { name: 'Win a prize' }).click()]);
      expect(response.status()).toBe(403);
      expect((await context.cookies()).some((c) => c.name === 'skylark.sandbox')).toBe(false);
      expect((await page.request.delete(`${server.url}/api/v1/test/sandboxes/${sandbox.id}`, { headers: { 'Content-Type': 'application/json' } })).status()).toBe(200);
    } finally {
      await context.close();
    }
  });
});
