// Issue 10's "Done when", in Chromium against the real server: a trainer signs in, switches the bundle
// tactic to A/B at 50, customers in fresh browsers reach the extras page until one of each arm has been
// seen (arm B sees the Comfort bundle, arm A does not), the one in B takes it and reads it on the review
// page, and the trainer, with the tactic lens on, reads what the bundle is.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { walkToSeats } from './flows.ts';
import { useBrowserWorld } from './harness.ts';

const world = useBrowserWorld();

/** At 50 %, the chance that this many fresh sessions all land in one arm is 2 × 0.5^12 (about 1 in 2,000). */
const MAX_CUSTOMERS = 12;

async function newBrowser(): Promise<Page> {
  const context = await world.newContext();
  context.setDefaultTimeout(10000);
  return context.newPage();
}

/** Dublin to London, one adult, Basic; passengers entered; then the extras page (seats are optional). */
async function reachExtras(page: Page): Promise<void> {
  await page.goto('/');
  await walkToSeats(page);
  await page.goto(page.url().replace(/\/seats$/, '/extras'));
  await page.getByRole('heading', { name: 'Extras for your trip' }).waitFor();
}

async function setBundle(trainer: Page, split: number): Promise<void> {
  await trainer.goto('/trainer');
  const card = trainer.getByTestId('tactic-bundle');
  await card.getByTestId('tactic-bundle-mode-ab').check();
  await card.getByLabel(/A\/B split/).fill(String(split));
  await card.getByRole('button', { name: 'Save' }).click();
  await trainer.waitForURL(/\/trainer\?saved=bundle/);
}

describe('the bundle tactic in Chromium', () => {
  it('a trainer switches the bundle to A/B, two customers see the two variants, and the lens names the bundle for the trainer', async () => {
    const password = /shown only this once: (\S+)\)/.exec(world.server.output())?.[1];
    expect(password, world.server.output()).toBeDefined();
    const trainer = await newBrowser();
    await trainer.goto('/trainer/sign-in');
    await trainer.getByLabel('Trainer password').fill(password!);
    await trainer.getByRole('button', { name: 'Sign in' }).click();
    await trainer.waitForURL(/\/trainer$/);
    expect(await trainer.getByTestId('tactic-bundle').textContent()).toContain('Comfort bundle');
    await setBundle(trainer, 50);
    await trainer.getByRole('button', { name: 'Tactic lens' }).click();
    expect(await trainer.getByTestId('tactic-lens-state').textContent()).toBe('on in this browser');

    // Fresh customers until one of each arm has reached the extras page (bounded).
    const arms = new Map<'A' | 'B', Page>();
    for (let i = 0; i < MAX_CUSTOMERS && arms.size < 2; i++) {
      const customer = await newBrowser();
      await reachExtras(customer);
      const arm = (await customer.getByTestId('extras-bundle').count()) > 0 ? 'B' : 'A';
      if (!arms.has(arm)) arms.set(arm, customer);
    }
    expect([...arms.keys()].sort()).toEqual(['A', 'B']);
    const customerA = arms.get('A')!;
    const customerB = arms.get('B')!;
    // Customers never see the lens; arm A sees the other extras but no bundle, also after a reload (sticky).
    expect(await customerB.getByTestId('tactic-lens').count()).toBe(0);
    await customerA.reload();
    expect(await customerA.getByTestId('extras-bundle').count()).toBe(0);
    expect(await customerA.getByTestId('extras-bags').isVisible()).toBe(true);

    // Arm B takes it: one "Comfort bundle" line with the saving on the review page.
    const price = await customerB.getByTestId('bundle-price-outbound').textContent();
    await customerB.getByTestId('bundle-add-outbound').check();
    await customerB.getByRole('button', { name: 'Continue to review' }).click();
    await customerB.waitForURL(/\/review$/);
    const line = customerB.getByTestId('review-line-bundle-outbound');
    expect(await line.textContent()).toMatch(/Comfort bundle, outbound: extra-legroom seat, 23 kg bag and priority boarding for 1 passenger, you save €/);
    expect(await line.textContent()).toContain(price!.trim());

    // The trainer, whose session meets the test now with everyone new in B, reads the bundle through the lens.
    await setBundle(trainer, 100);
    await reachExtras(trainer);
    expect(await trainer.getByTestId('extras-bundle').getByTestId('tactic-lens').textContent()).toMatch(
      /^CROSS-SELL · bundle · extras · take rate \d+% of [1-9]\d*$/,
    );
  });
});
