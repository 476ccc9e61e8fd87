// The live price bar in a real browser at 375 px (issue 14, item 1): on every checkout step a total
// held in view, which follows the seats and bags chosen with the server's figure (the one the next
// page, having saved the same choices, shows), axe finding nothing.
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { axeViolations } from './axe.ts';
import { walkToSeats } from './flows.ts';
import { useBrowserWorld } from './harness.ts';

const PHONE = { width: 375, height: 740 };

const world = useBrowserWorld();

async function openPage(javaScriptEnabled = true): Promise<Page> {
  const context = await world.newContext({ viewport: PHONE, javaScriptEnabled });
  context.setDefaultTimeout(10000);
  return context.newPage();
}

/** Whether the element is wholly inside the 375 × 740 viewport. */
async function inViewport(locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  return box !== null && box.y >= 0 && box.y + box.height <= PHONE.height && box.x >= 0 && box.x + box.width <= PHONE.width + 1;
}

describe('the live price bar at 375 px', () => {
  it('follows a seat and a bag with the server-priced total, stays in the viewport, and the next step shows the same total', async () => {
    const page = await openPage();
    await page.goto('/');
    await walkToSeats(page);
    const bar = page.getByTestId('price-bar-total');
    expect(await inViewport(bar)).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    // A seat picked on the map: the bar asks the server and shows the new total.
    const fare = await bar.textContent();
    await page.locator('[data-seat-flight] button.seat:not([disabled])').last().click();
    await expect.poll(() => bar.textContent()).not.toBe(fare);
    const withSeat = await bar.textContent();
    expect(await inViewport(bar)).toBe(true);
    await page.getByRole('button', { name: /^Continue/ }).click();
    await page.waitForURL(/\/extras$/);
    expect(await bar.textContent()).toBe(withSeat);

    // A bag chosen further down the page: the bar still in view, the total the server's.
    await page.getByTestId('bag-quantity-p1-outbound').selectOption('1');
    await expect.poll(() => bar.textContent()).not.toBe(withSeat);
    const withBag = await bar.textContent();
    expect(await inViewport(bar)).toBe(true);
    expect(await page.getByTestId('price-total').textContent()).toBe(withBag);
    expect(await axeViolations(page)).toEqual([]);

    // "Price details" is one tap away.
    await page.getByTestId('price-bar-details').click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#price-summary');
    // The panel's heading comes into view (a smooth scroll may take a moment).
    await expect.poll(() => inViewport(page.locator('#summary-title'))).toBe(true);

    await page.getByTestId('bag-quantity-p1-outbound').focus();
    await page.getByTestId('insurance-decline').check();
    await page.getByTestId('extras-continue').click();
    await page.waitForURL(/\/review$/);
    expect(await page.getByTestId('price-total').textContent()).toBe(withBag);
    expect(await bar.textContent()).toBe(withBag);
    expect(await inViewport(bar)).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('shows the saved total without JavaScript', async () => {
    const page = await openPage(false);
    await page.goto('/');
    // Without JavaScript the return date stays visible; walkToSeats picks one-way, so it is ignored.
    await walkToSeats(page);
    expect(await page.getByTestId('price-bar-total').textContent()).toBe(await page.getByTestId('price-total').textContent());
    expect(await inViewport(page.getByTestId('price-bar-total'))).toBe(true);
  });
});
