// The test clock in a real browser (TEST_MODE=1): a tester moves the server's clock through
// POST /api/v1/test/clock and the pages follow it: a seat hold lapses after 15 minutes, a checkout
// expires after 3 hours. Elements are found as docs/testing.md says (labels, roles, data-testid).
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { walkToSeats } from './flows.ts';
import { launchChromium, startServer, type RunningServer } from './harness.ts';

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ TEST_MODE: '1' }), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});
beforeEach(async () => {
  context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(10000);
  page = await context.newPage();
  // Each scenario from the seeded state, with the clock back at DEMO_NOW.
  expect((await page.request.post('/api/v1/test/reset', { data: {} })).status()).toBe(200);
});
afterEach(async () => {
  await context?.close();
});

async function moveClock(seconds: number): Promise<string> {
  const res = await page.request.post('/api/v1/test/clock', { data: { advanceSeconds: seconds } });
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { now: string }).now;
}

/** Dublin to London, one adult: search, the first Basic fare, the passenger; ends on the seats step. */
async function reachSeats(): Promise<void> {
  await page.goto('/');
  await walkToSeats(page);
}

describe('the test clock moves what the pages show', () => {
  it('lets a seat hold lapse after 15 minutes: the seats page says the hold ran out', async () => {
    await reachSeats();
    // A free seat of the outbound map (a button named "Seat 14C, …"); the passenger's line then names it.
    const seatId = (
      await page
        .getByTestId('seat-map-outbound')
        .getByRole('button', { name: /^Seat \d+[A-Z],/, disabled: false })
        .evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-testid') ?? ''))
    )[0]!;
    await page.getByTestId(seatId).click();
    await page.getByTestId('seat-choice-p1-outbound').filter({ hasText: `Seat ${seatId.replace('seat-outbound-', '')}` }).waitFor();
    await page.getByRole('button', { name: 'Continue to extras' }).click();
    await page.waitForURL(/\/extras$/);
    const seatsUrl = page.url().replace(/\/extras$/, '/seats');
    await page.goto(seatsUrl);
    expect(await page.getByTestId('seats-hold-until').count()).toBe(1);
    expect(await page.getByTestId('seats-hold-expired').count()).toBe(0);

    await moveClock(14 * 60);
    await page.reload();
    expect(await page.getByTestId('seats-hold-until').count()).toBe(1);
    await moveClock(60);
    await page.reload();
    expect(await page.getByTestId('seats-hold-expired').count()).toBe(1);
    expect(await page.getByTestId('seats-hold-until').count()).toBe(0);
  });

  it('expires a checkout after 3 hours: its pages then answer the error page', async () => {
    await reachSeats();
    await moveClock(3 * 60 * 60);
    const res = await page.reload();
    expect(res?.status()).toBe(404);
    expect(await page.getByTestId('error-page').count()).toBe(1);
  });
});
