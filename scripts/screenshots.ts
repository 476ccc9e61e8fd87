// `npm run screenshots`: every step of the flow at 1280 px and 375 px, for the README, a review or a slide.
// Starts the real server on a temporary database (the browser specs' harness: the deterministic demo clock
// and seed, so the pictures are the same on every run), drives Debian's Chromium through playwright-core
// (--headless --no-sandbox --disable-gpu), and writes one PNG per page and width of the viewport (not the
// whole page: small files) to docs/screenshots/. That folder is git-ignored except the two the README shows
// (docs/screenshots/readme-*.jpg, smaller JPEG copies), which this script rewrites too.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, ROOT, startServer } from '../test/browser/harness.ts';

const OUT = join(ROOT, 'docs', 'screenshots');
const WIDTHS = [
  { name: 'desktop', viewport: { width: 1280, height: 800 } },
  { name: 'phone', viewport: { width: 375, height: 740 } },
] as const;
/** A trainer password for this run only (the temporary server's database is thrown away). */
const TRAINER_PASSWORD = 'screenshots-only-password';
/** The two shown in the README: the results page on a desktop and the seats step on a phone. */
const README = { 'desktop-02-results': 'readme-results-desktop', 'phone-05-seats': 'readme-seats-phone' } as const;

type Shot = { file: string; path: string };

async function capture(page: Page, width: string, step: string, shots: Shot[]): Promise<void> {
  const name = `${width}-${step}`;
  const file = join(OUT, `${name}.png`);
  await page.screenshot({ path: file, animations: 'disabled' });
  shots.push({ file, path: new URL(page.url()).pathname });
  const readme = README[name as keyof typeof README];
  // The README's two are committed: JPEG at quality 70 keeps each well under 100 kB.
  if (readme) await page.screenshot({ path: join(OUT, `${readme}.jpg`), type: 'jpeg', quality: 70, animations: 'disabled' });
}

/** Two adults and a child, Dublin to Lisbon and back, Basic kept, seats, a bag and a hotel, paid; then Manage booking. */
async function customerFlow(browser: Browser, baseURL: string, width: (typeof WIDTHS)[number], shots: Shot[]): Promise<void> {
  const context = await browser.newContext({ viewport: width.viewport, baseURL });
  context.setDefaultTimeout(15000);
  const page = await context.newPage();
  const shot = (step: string) => capture(page, width.name, step, shots);
  try {
    await page.goto('/');
    await page.getByLabel('From', { exact: true }).selectOption('DUB');
    await page.getByLabel('To', { exact: true }).selectOption('LIS');
    await page.getByRole('radio', { name: 'Return', exact: true }).check();
    await page.getByLabel('Departure date').fill('2026-12-10');
    await page.getByLabel('Return date').fill('2026-12-14');
    await page.getByLabel('Adults').fill('2');
    await page.getByLabel('Children').fill('1');
    await shot('01-search');
    await page.getByRole('button', { name: 'Search flights' }).click();
    await page.waitForURL(/\/flights\?/);
    await shot('02-results');
    for (const direction of ['outbound', 'return']) {
      await page.getByTestId(`results-${direction}`).getByRole('radio', { name: 'Basic', exact: true }).first().check();
    }
    await page.getByRole('button', { name: 'Continue to passengers' }).click();
    await page.waitForURL(/\/upgrade$/);
    await shot('03-upgrade');
    await page.getByRole('button', { name: 'Keep Basic', exact: true }).click();
    await page.waitForURL(/\/passengers$/);
    const names = [['Ada', 'Lovelace'], ['William', 'Lovelace'], ['Anne', 'Lovelace']] as const;
    for (const [i, [given, family]] of names.entries()) {
      const group = page.getByRole('group', { name: new RegExp(`^Passenger ${i + 1}:`) });
      await group.getByLabel('Given name(s)').fill(given);
      await group.getByLabel('Family name').fill(family);
      if (i === 2) await group.getByLabel('Date of birth').fill('2018-05-01');
    }
    await page.getByLabel('E-mail').fill('ada@example.com');
    await page.getByLabel('Phone').fill('+353 1 555 0100');
    await shot('04-passengers');
    await page.getByRole('button', { name: 'Continue to seats' }).click();
    await page.waitForURL(/\/seats$/);
    await shot('05-seats');
    await page.getByRole('button', { name: 'Continue to extras' }).click();
    await page.waitForURL(/\/extras$/);
    await page.getByLabel('Checked bags for Ada Lovelace, outbound').selectOption('1');
    await page.getByRole('group', { name: 'Choose a hotel, or none' }).getByRole('radio').first().check();
    await shot('06-extras');
    await page.getByRole('button', { name: 'Continue to review' }).click();
    await page.waitForURL(/\/review$/);
    await shot('07-review');
    await page.getByLabel('Card number').fill('4242 4242 4242 4242');
    await page.getByLabel('Name on card').fill('Ada Lovelace');
    await page.getByLabel('Expiry date').fill('12/30');
    await page.getByLabel('Security code').fill('123');
    await page.getByTestId('pay-button').click();
    await page.waitForURL(/\/bookings\/[A-Z0-9]{6}$/);
    await shot('08-confirmation');
    await page.getByTestId('manage-booking-link').click();
    await page.waitForURL(/\/manage$/);
    await shot('09-manage');
  } finally {
    await context.close();
  }
}

async function trainerConsole(browser: Browser, baseURL: string, width: (typeof WIDTHS)[number], shots: Shot[]): Promise<void> {
  const context = await browser.newContext({ viewport: width.viewport, baseURL });
  context.setDefaultTimeout(15000);
  const page = await context.newPage();
  try {
    await page.goto('/trainer/sign-in');
    await page.getByLabel('Trainer password').fill(TRAINER_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/trainer$/);
    await capture(page, width.name, '10-trainer-playbook', shots);
    await page.goto('/trainer/dashboard');
    await capture(page, width.name, '11-trainer-dashboard', shots);
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const [server, browser] = await Promise.all([startServer({ TRAINER_PASSWORD }), launchChromium()]);
  const shots: Shot[] = [];
  try {
    for (const width of WIDTHS) {
      await customerFlow(browser, server.url, width, shots);
      await trainerConsole(browser, server.url, width, shots);
    }
  } catch (error) {
    console.error(server.output().slice(-4000));
    throw error;
  } finally {
    await browser.close();
    await server.stop();
  }
  for (const s of shots) console.log(`${s.file.slice(ROOT.length + 1)}  ${s.path}`);
  console.log(`${shots.length} screenshots in ${OUT.slice(ROOT.length + 1)}/`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
