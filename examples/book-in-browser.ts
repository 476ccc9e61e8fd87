// Books a trip through the pages in Chromium with playwright-core, finding every element by its label,
// its role or a data-testid of docs/testing.md (never by CSS), and prints the booking reference.
// The worked example of docs/testing.md; CI runs it against a started server (test/browser/examples.spec.ts).
//
//   BASE_URL=http://localhost:3000 node --import tsx examples/book-in-browser.ts
//   node --import tsx examples/book-in-browser.ts http://localhost:3000
//
// Chromium: /usr/bin/chromium (Debian's), or CHROMIUM_PATH. HEADED=1 shows the window.
// The dates suit the deterministic clock (DEMO_NOW=2026-11-27T09:00:00Z): the schedule runs 330 days from "today".
// Progress goes to stderr; stdout gets the reference alone.
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { ensureServer } from './book-via-api.ts';

const TRIP = { from: 'DUB', to: 'LIS', depart: '2026-12-10', return: '2026-12-14' };

export async function main(baseUrl: string): Promise<string> {
  await ensureServer(baseUrl);
  const headless = process.env.HEADED !== '1';
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const page = await browser.newPage({ baseURL: baseUrl, viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(10000);
    // SKYLARK_SANDBOX=<id> (POST /api/v1/test/sandboxes, TEST_MODE=1): the browser enters that private world first.
    if (process.env.SKYLARK_SANDBOX) await page.goto(`/api/v1/test/sandboxes/${process.env.SKYLARK_SANDBOX}/enter`);

    // 1. Search: one adult, return.
    await page.goto('/');
    await page.getByLabel('From', { exact: true }).selectOption(TRIP.from);
    await page.getByLabel('To', { exact: true }).selectOption(TRIP.to);
    await page.getByRole('radio', { name: 'Return', exact: true }).check();
    await page.getByLabel('Departure date').fill(TRIP.depart);
    await page.getByLabel('Return date').fill(TRIP.return);
    await page.getByLabel('Adults').fill('1');
    await page.getByRole('button', { name: 'Search flights' }).click();
    await page.waitForURL(/\/flights\?/);

    // 2. Results: the Basic fare of the first flight each way (the radios are labelled with the family's name).
    await page.getByTestId('results-outbound').getByRole('radio', { name: 'Basic', exact: true }).first().check();
    await page.getByTestId('results-return').getByRole('radio', { name: 'Basic', exact: true }).first().check();
    await page.getByRole('button', { name: 'Continue to passengers' }).click();
    // A Basic fare is asked once whether to upgrade to Standard (when the trainer's free-to-paid tactic
    // is on): answer "Keep Basic". A script may instead go straight to /checkouts/<id>/passengers.
    await page.waitForURL(/\/(upgrade|passengers)$/);
    if (page.url().endsWith('/upgrade')) await page.getByRole('button', { name: 'Keep Basic', exact: true }).click();
    await page.waitForURL(/\/passengers$/);

    // 3. Passengers.
    await page.getByLabel('Given name(s)').fill('Ada');
    await page.getByLabel('Family name').fill('Lovelace');
    await page.getByLabel('E-mail').fill('ada@example.com');
    await page.getByLabel('Phone').fill('+353 1 555 0100');
    await page.getByRole('button', { name: 'Continue to seats' }).click();
    await page.waitForURL(/\/seats$/);

    // 4. Seats: one map per flight; every seat is a button named "Seat 14C, window, …" (taken ones are
    //    not buttons). Take a free one each way at random, so that runs in parallel do not want the same
    //    seat; the passenger's line then says "Seat 14C". If another shopper took it first, the page
    //    answers 409 and we choose again.
    for (let attempt = 1; ; attempt += 1) {
      for (const direction of ['outbound', 'return']) {
        const free = page.getByTestId(`seat-map-${direction}`).getByRole('button', { name: /^Seat \d+[A-Z],/, disabled: false });
        const seat = free.nth(Math.floor(Math.random() * (await free.count())));
        const code = ((await seat.getAttribute('value')) ?? '').split(':')[1] ?? '?';
        await seat.click();
        await page.getByTestId(`seat-choice-p1-${direction}`).filter({ hasText: `Seat ${code}` }).waitFor();
        console.error(`Seat ${code} on the ${direction} flight`);
      }
      const [answer] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST' && /\/seats$/.test(new URL(r.url()).pathname)),
        page.getByRole('button', { name: 'Continue to extras' }).click(),
      ]);
      if (answer.status() !== 409) break;
      if (attempt === 3) throw new Error('The seats chosen were taken by other shoppers three times in a row');
      console.error('A seat was just taken by another shopper; choosing again');
    }
    await page.waitForURL(/\/extras$/);

    // 5. Extras: one checked bag on the way out; "No thanks" to insurance; everything else left unanswered (= not bought).
    await page.getByLabel('Checked bags for Ada Lovelace, outbound').selectOption('1');
    await page.getByTestId('insurance-decline').check();
    await page.getByRole('button', { name: 'Continue to review' }).click();
    await page.waitForURL(/\/review$/);

    // 6. Review and pay with the test card that is always approved.
    const total = (await page.getByTestId('review-price').getByTestId('price-total').innerText()).trim();
    await page.getByLabel('Card number').fill('4242 4242 4242 4242');
    await page.getByLabel('Name on card').fill('Ada Lovelace');
    await page.getByLabel('Expiry date').fill('12/30');
    await page.getByLabel('Security code').fill('123');
    await page.getByTestId('pay-button').click();

    // 7. Confirmation: /bookings/<reference>.
    await page.waitForURL(/\/bookings\/[A-Z0-9]{6}$/);
    const reference = (await page.getByTestId('booking-reference').innerText()).trim();
    const paid = (await page.getByTestId('receipt-total').innerText()).trim();
    if (paid !== total) throw new Error(`Paid ${paid}, but the review page said ${total}`);
    console.error(`Booked ${reference} for ${paid}`);
    return reference;
  } finally {
    await browser.close();
  }
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
