// Walks shared by the browser specs, through labels, roles and documented test ids (docs/testing.md).
import type { Page } from 'playwright-core';

export type Traveller = { givenName: string; familyName: string; email: string };

const GRACE: Traveller = { givenName: 'Grace', familyName: 'Hopper', email: 'grace@example.com' };

/**
 * On the free-to-paid upgrade page a Basic fare leads to (free_to_paid_upgrade, on by default):
 * answers "Keep Basic" and ends on the passengers step.
 */
export async function keepBasic(page: Page): Promise<void> {
  await page.waitForURL(/\/checkouts\/[\w-]+\/upgrade$/);
  await page.getByRole('button', { name: 'Keep Basic', exact: true }).click();
  await page.waitForURL(/\/checkouts\/[\w-]+\/passengers$/);
}

/**
 * From the search page on: Dublin to London one-way on 2026-12-10 for one adult, the first Basic
 * fare ("Keep Basic" on the upgrade page), the passenger and contact details; ends on the seats step and returns the checkout id.
 */
export async function walkToSeats(page: Page, traveller: Traveller = GRACE): Promise<string> {
  await page.getByLabel('From', { exact: true }).selectOption('DUB');
  await page.getByLabel('To', { exact: true }).selectOption('LHR');
  await page.getByRole('radio', { name: 'One-way', exact: true }).check();
  await page.getByLabel('Departure date').fill('2026-12-10');
  await page.getByLabel('Adults').fill('1');
  await page.getByLabel('Children').fill('0');
  await page.getByRole('button', { name: 'Search flights' }).click();
  await page.waitForURL(/\/flights\?/);
  await page.getByTestId('results-outbound').getByRole('radio', { name: 'Basic', exact: true }).first().check();
  await page.getByRole('button', { name: 'Continue to passengers' }).click();
  await keepBasic(page);
  const checkoutId = /\/checkouts\/([\w-]+)\//.exec(page.url())![1]!;
  const group = page.getByRole('group', { name: /^Passenger 1:/ });
  await group.getByLabel('Given name(s)').fill(traveller.givenName);
  await group.getByLabel('Family name').fill(traveller.familyName);
  await page.getByLabel('E-mail').fill(traveller.email);
  await page.getByLabel('Phone').fill('+353 1 555 0100');
  await page.getByRole('button', { name: 'Continue to seats' }).click();
  await page.waitForURL(/\/seats$/);
  return checkoutId;
}
