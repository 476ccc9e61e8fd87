// The trainer console in Chromium against the real server: the password printed at the first start,
// signing in, switching a tactic to A/B, two customers in the two arms (sticky when the split moves),
// and the tactic lens seen by the trainer only. The tactic is checkout_addons, whose last-chance
// insurance offer on the review page is arm B.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { walkToSeats } from './flows.ts';
import { expectAxeClean } from './axe.ts';
import { useBrowserWorld } from './harness.ts';

const world = useBrowserWorld();

async function newBrowser(): Promise<Page> {
  const context = await world.newContext();
  context.setDefaultTimeout(10000);
  return context.newPage();
}

/** Dublin to London, one adult, Basic; passengers entered; then the review page (seats and extras are optional). */
async function reachReview(page: Page): Promise<void> {
  await page.goto('/');
  await walkToSeats(page);
  await page.goto(page.url().replace(/\/seats$/, '/review'));
}

async function setTactic(trainer: Page, code: string, mode: 'off' | 'on' | 'ab', split: number): Promise<void> {
  await trainer.goto('/trainer');
  const card = trainer.getByTestId(`tactic-${code}`);
  await card.getByTestId(`tactic-${code}-mode-${mode}`).check();
  await card.getByLabel(/A\/B split/).fill(String(split));
  await card.getByRole('button', { name: 'Save' }).click();
  await trainer.waitForURL(/\/trainer\?saved=/);
  expect(await trainer.getByTestId(`tactic-${code}-saved`).isVisible()).toBe(true);
}

describe('the trainer console in Chromium', () => {
  it('signs in with the printed password, splits a tactic between two customers who keep their arms, and labels offers for the trainer only', async () => {
    const password = /shown only this once: (\S+)\)/.exec(world.server.output())?.[1];
    expect(password, world.server.output()).toBeDefined();

    const trainer = await newBrowser();
    await trainer.goto('/trainer');
    expect(trainer.url()).toMatch(/\/trainer\/sign-in$/);
    await expectAxeClean(trainer, 'the trainer sign-in');
    await trainer.getByLabel('Trainer password').fill('not-it');
    await trainer.getByRole('button', { name: 'Sign in' }).click();
    expect(await trainer.getByTestId('sign-in-error').textContent()).toContain('That is not the trainer password');
    await expectAxeClean(trainer, 'the trainer sign-in refused');
    await trainer.getByLabel('Trainer password').fill(password!);
    await trainer.getByRole('button', { name: 'Sign in' }).click();
    await trainer.waitForURL(/\/trainer$/);
    expect(await trainer.getByRole('heading', { name: 'Tactics playbook' }).isVisible()).toBe(true);
    await expectAxeClean(trainer, 'the tactics playbook');
    for (const path of ['/trainer/dashboard', '/trainer/workshop', '/trainer/simulate', '/trainer/reset']) {
      await trainer.goto(path);
      await expectAxeClean(trainer, path);
    }

    // Everyone who starts now is in arm B; the trainer switches the lens on and looks too.
    await setTactic(trainer, 'checkout_addons', 'ab', 100);
    await trainer.getByRole('button', { name: 'Tactic lens' }).click();
    expect(await trainer.getByTestId('tactic-lens-state').textContent()).toBe('on in this browser');
    await reachReview(trainer);
    await expectAxeClean(trainer, 'the review page with the tactic lens on');
    expect(await trainer.getByTestId('insurance-offer').getByTestId('tactic-lens').textContent()).toMatch(
      /^CROSS-SELL · checkout_addons · review · (no impressions yet|take rate \d+% of \d+)$/,
    );

    const customerB = await newBrowser();
    await reachReview(customerB);
    expect(await customerB.getByTestId('insurance-offer').isVisible()).toBe(true);
    expect(await customerB.getByTestId('tactic-lens').count()).toBe(0);

    // From now on new sessions are in arm A (the control: no offer); the first customer keeps B.
    await setTactic(trainer, 'checkout_addons', 'ab', 0);
    const customerA = await newBrowser();
    await reachReview(customerA);
    expect(await customerA.getByTestId('insurance-offer').count()).toBe(0);
    await customerB.reload();
    expect(await customerB.getByTestId('insurance-offer').isVisible()).toBe(true);

    await trainer.goto('/trainer');
    expect(await trainer.getByTestId('tactic-checkout_addons-arms').textContent()).toMatch(/B \(applied\): \d+% taken \(0 of [1-9]\d* impressions?\)/);
  });
});
