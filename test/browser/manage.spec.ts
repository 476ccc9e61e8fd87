// Manage booking in a real browser against the real server (harness.ts), with and without JavaScript:
// a booking made through the JSON API is looked up by reference and family name, then a bag, a seat and a
// hotel and a rental car are bought, each through its review and a test-card payment. Elements are found by label, role or
// a documented data-testid (docs/testing.md, "Manage booking").
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAxeClean } from './axe.ts';
import { useBrowserWorld } from './harness.ts';

const world = useBrowserWorld();

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** One adult, Dublin to Lisbon, Basic, booked and paid through the JSON API; returns the reference. */
async function bookThroughApi(family: string): Promise<string> {
  let session = '';
  const call = async (method: string, path: string, body?: unknown): Promise<Json> => {
    const res = await fetch(`${world.server.url}/api/v1${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...(session ? { 'X-Session-Id': session } : {}), ...(method === 'POST' ? { 'Idempotency-Key': crypto.randomUUID() } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    session = res.headers.get('x-session-id') ?? session;
    const json = (await res.json()) as Json;
    if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const search = await call('GET', '/flights?from=DUB&to=LIS&depart=2026-12-10&adults=1&children=0&infants=0');
  const fare = search.directions[0].flights.flatMap((f: Json) => f.fares).find((f: Json) => f.family.code === 'basic' && f.seatsLeft > 0);
  const checkout = await call('POST', '/checkouts', { search: search.search, outbound: { fareId: fare.fareId } });
  await call('PUT', `/checkouts/${checkout.id}/passengers`, {
    contact: { email: 'grace@example.com', phone: '+353 1 555 0100' },
    passengers: [{ givenName: 'Grace', familyName: family }],
  });
  const paid = await call('POST', `/checkouts/${checkout.id}/payment`, { card: { number: '4242 4242 4242 4242', name: 'Grace Hopper', expiry: '12/30', cvc: '123' } });
  return paid.reference as string;
}

async function openPage(javaScriptEnabled: boolean): Promise<Page> {
  const context = await world.newContext({ viewport: { width: 375, height: 740 }, javaScriptEnabled });
  context.setDefaultTimeout(10000);
  return context.newPage();
}

/** From a purchase's review: pay with the approving test card (or confirm a free change), back on the booking. */
async function payOnReview(page: Page): Promise<string> {
  await page.getByTestId('manage-review').waitFor();
  await expectAxeClean(page, 'a Manage booking purchase review');
  const amount = (await page.getByTestId('manage-review-amount').textContent())!.trim();
  if (await page.getByLabel('Card number').count()) {
    await page.getByLabel('Card number').fill('4242 4242 4242 4242');
    await page.getByLabel('Name on card').fill('Grace Hopper');
    await page.getByLabel('Expiry date').fill('12/30');
    await page.getByLabel('Security code').fill('123');
  }
  await page.getByTestId('manage-pay').click();
  await page.waitForURL(/\/manage\?bought=/);
  await expect(page.getByTestId('manage-notice').textContent()).resolves.toMatch(/^(Added|Done): /);
  return amount;
}

describe.each([
  ['with JavaScript', true],
  ['without JavaScript', false],
] as const)('Manage booking %s (375 px wide)', (_name, javaScriptEnabled) => {
  it('looks up a booking, adds a bag, a hotel and a car and changes a seat, each on the receipt and in the total', async () => {
    const reference = await bookThroughApi('Hopper');
    const page = await openPage(javaScriptEnabled);
    await page.goto('/manage');
    await expectAxeClean(page, 'the Manage booking look-up');
    await page.getByLabel('Booking reference').fill(reference);
    await page.getByLabel('Family name').fill('Nobody');
    await page.getByRole('button', { name: 'Find booking' }).click();
    await page.getByTestId('error-summary').waitFor();
    await expectAxeClean(page, 'the look-up refused');
    await page.getByLabel('Booking reference').fill(reference.toLowerCase());
    await page.getByLabel('Family name').fill('  HOPPER ');
    await page.getByRole('button', { name: 'Find booking' }).click();
    await page.waitForURL(new RegExp(`/bookings/${reference}/manage$`));
    const totalBefore = await page.getByTestId('receipt-total').textContent();
    await expectAxeClean(page, 'the Manage booking page');

    await page.getByTestId('bag-p1-outbound-quantity').selectOption('1');
    await page.getByTestId('bag-p1-outbound-add').click();
    await expect(page.getByTestId('manage-review-description').textContent()).resolves.toContain('1 checked bag (23 kg), Grace Hopper, DUB–LIS');
    await payOnReview(page);
    await page.getByTestId('receipt-line-bag-p1-outbound').waitFor();

    // A seat for the passenger (Basic: none was chosen), then a change to another one.
    const seatSelect = page.getByTestId('seat-p1-outbound-select');
    const first = await seatSelect.locator('option').nth(0).getAttribute('value');
    await seatSelect.selectOption(first!);
    await page.getByTestId('seat-p1-outbound-change').click();
    await payOnReview(page);
    await expect(page.getByTestId('seat-p1-outbound').textContent()).resolves.toBe(first);
    const second = await page.getByTestId('seat-p1-outbound-select').locator('option').nth(1).getAttribute('value');
    await page.getByTestId('seat-p1-outbound-select').selectOption(second!);
    await page.getByTestId('seat-p1-outbound-change').click();
    await expect(page.getByTestId('manage-review-description').textContent()).resolves.toContain(`was ${first}`);
    await payOnReview(page);
    await expect(page.getByTestId('seat-p1-outbound').textContent()).resolves.toBe(second);

    await page.getByTestId('manage-hotel').getByRole('radio').first().check();
    await page.getByTestId('hotel-add').click();
    await payOnReview(page);
    await page.getByTestId('hotel-cancel').waitFor();
    await expectAxeClean(page, 'the Manage booking page after purchases');

    // A rental car for the one-way trip: a class and the days, then its review and payment.
    await page.getByTestId('manage-car').getByRole('radio').first().check();
    await page.getByTestId('car-days').selectOption('2');
    await page.getByTestId('car-add').click();
    await expect(page.getByTestId('manage-review-description').textContent()).resolves.toContain('2 days from 2026-12-10');
    await payOnReview(page);
    await page.getByTestId('receipt-line-car').waitFor();
    await page.getByTestId('car-cancel').waitFor();

    const totalAfter = await page.getByTestId('receipt-total').textContent();
    expect(totalAfter).not.toBe(totalBefore);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  });
});
