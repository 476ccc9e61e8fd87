// The customer flow in a real browser against the real server (see harness.ts): search, results,
// passengers, seats, extras, review and pay, confirmation. Elements are found the way docs/testing.md
// tells testers to find them: by label and role, or by a documented data-testid, never by CSS class.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, startServer, type RunningServer } from './harness.ts';

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 375, height: 740 };

type Passenger = { given: string; family: string; dateOfBirth?: string };
type Trip = { from: string; to: string; depart: string; return?: string; adults: number; children: number };

/** Two adults and a child, Dublin to Lisbon and back: an A320neo, rows of ABC | DEF. */
const FAMILY_TRIP: Trip = { from: 'DUB', to: 'LIS', depart: '2026-12-10', return: '2026-12-14', adults: 2, children: 1 };
const FAMILY: Passenger[] = [
  { given: 'Ada', family: 'Lovelace' },
  { given: 'William', family: 'Lovelace' },
  { given: 'Anne', family: 'Lovelace', dateOfBirth: '2018-05-01' },
];
const SOLO_TRIP: Trip = { from: 'DUB', to: 'LHR', depart: '2026-12-10', adults: 1, children: 0 };
const SOLO: Passenger[] = [{ given: 'Grace', family: 'Hopper' }];

const CARDS = { approve: '4242 4242 4242 4242', threeDSecure: '4000 0027 6000 3184' } as const;
/** Six characters of the reference alphabet (no 0/O, no 1/I). */
const REFERENCE = /^[A-HJ-NP-Z2-9]{6}$/;

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
/** 500 answers during the current test (a fault, never an answer the product means to give): each fails it with the server's log. */
let serverFaults: string[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchChromium()]);
});

afterEach(() => {
  const faults = serverFaults;
  serverFaults = [];
  if (faults.length) throw new Error(`The server failed:\n${faults.join('\n')}\n${server.output().slice(-4000)}`);
});

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
  await server?.stop();
});

async function openPage(options: { viewport: { width: number; height: number }; javaScriptEnabled: boolean }): Promise<Page> {
  const context = await browser.newContext({ ...options, baseURL: server.url });
  contexts.push(context);
  // Every page answers in milliseconds: a missing element should fail in seconds, not at the test's time-out.
  context.setDefaultTimeout(10000);
  const page = await context.newPage();
  page.on('response', (response) => {
    if (response.status() === 500) serverFaults.push(`${response.request().method()} ${response.url()} answered ${response.status()}`);
  });
  return page;
}

// ---------------------------------------------------------------------------------------------
// The steps, as a customer does them

async function search(page: Page, trip: Trip): Promise<void> {
  await page.goto('/');
  await page.getByLabel('From', { exact: true }).selectOption(trip.from);
  await page.getByLabel('To', { exact: true }).selectOption(trip.to);
  await page.getByRole('radio', { name: trip.return ? 'Return' : 'One-way', exact: true }).check();
  await page.getByLabel('Departure date').fill(trip.depart);
  if (trip.return) await page.getByLabel('Return date').fill(trip.return);
  await page.getByLabel('Adults').fill(String(trip.adults));
  await page.getByLabel('Children').fill(String(trip.children));
  await page.getByRole('button', { name: 'Search flights' }).click();
  await page.waitForURL(/\/flights\?/);
}

/** The first flight's fare of a family, in each direction, then on to the passengers step. */
async function chooseFares(page: Page, family: 'Basic' | 'Standard' | 'Flex', directions: Array<'outbound' | 'return'>): Promise<void> {
  for (const direction of directions) {
    await page.getByTestId(`results-${direction}`).getByRole('radio', { name: family, exact: true }).first().check();
  }
  await page.getByRole('button', { name: 'Continue to passengers' }).click();
  await page.waitForURL(/\/checkouts\/[\w-]+\/passengers$/);
}

async function enterPassengers(page: Page, passengers: Passenger[]): Promise<void> {
  for (const [i, p] of passengers.entries()) {
    const group = page.getByRole('group', { name: new RegExp(`^Passenger ${i + 1}:`) });
    await group.getByLabel('Given name(s)').fill(p.given);
    await group.getByLabel('Family name').fill(p.family);
    if (p.dateOfBirth) await group.getByLabel('Date of birth').fill(p.dateOfBirth);
  }
  await page.getByLabel('E-mail').fill('ada@example.com');
  await page.getByLabel('Phone').fill('+353 1 555 0100');
  await page.getByRole('button', { name: 'Continue to seats' }).click();
  await page.waitForURL(/\/seats$/);
}

/** The seats each passenger may choose on a flight (the enabled radios of `seat-p<n>-<direction>-<seat>`). */
async function freeSeats(page: Page, direction: string): Promise<Map<number, Set<string>>> {
  const testIds = await page
    .getByTestId(`seat-map-${direction}`)
    .getByRole('radio', { disabled: false, includeHidden: true })
    .evaluateAll((radios) => radios.map((r) => r.getAttribute('data-testid') ?? ''));
  const free = new Map<number, Set<string>>();
  for (const id of testIds) {
    const match = new RegExp(`^seat-p(\\d+)-${direction}-(\\d+[A-Z])$`).exec(id);
    if (!match) continue;
    const idx = Number(match[1]);
    if (!free.has(idx)) free.set(idx, new Set());
    free.get(idx)!.add(match[2]!);
  }
  return free;
}

/**
 * Family seating on a 3-3 cabin: the child (passenger 3) beside an adult (passenger 1) in the same
 * block of ABC or DEF, the other adult in the third seat of that block when it is free, else anywhere.
 */
async function chooseFamilySeats(page: Page, direction: 'outbound' | 'return'): Promise<{ adult: string; child: string; other: string }> {
  const free = await freeSeats(page, direction);
  const adultFree = free.get(1)!;
  const childFree = free.get(3)!;
  const otherFree = free.get(2)!;
  for (let row = 1; row <= 60; row += 1) {
    for (const block of ['ABC', 'DEF']) {
      for (let i = 0; i < 2; i += 1) {
        for (const [a, c] of [[block[i]!, block[i + 1]!], [block[i + 1]!, block[i]!]]) {
          const adult = `${row}${a}`;
          const child = `${row}${c}`;
          if (!adultFree.has(adult) || !childFree.has(child)) continue;
          const third = `${row}${[...block].find((l) => l !== a && l !== c)}`;
          const other = otherFree.has(third) ? third : [...otherFree].find((s) => s !== adult && s !== child);
          if (!other) continue;
          await pickSeat(page, direction, 1, adult);
          await pickSeat(page, direction, 3, child);
          await pickSeat(page, direction, 2, other);
          return { adult, child, other };
        }
      }
    }
  }
  throw new Error(`No two adjacent seats left for an adult and a child on the ${direction} flight`);
}

/**
 * With JavaScript a flight shows one passenger's map at a time: the passenger's button
 * (`seat-tab-p<n>-<direction>`) brings theirs up. Without JavaScript every map is on the page.
 */
async function pickSeat(page: Page, direction: string, passenger: number, seat: string): Promise<void> {
  const tab = page.getByTestId(`seat-tab-p${passenger}-${direction}`);
  if ((await tab.count()) > 0) {
    await tab.click();
    expect(await tab.getAttribute('aria-pressed')).toBe('true');
  }
  await page.getByTestId(`seat-p${passenger}-${direction}-${seat}`).check();
  if ((await tab.count()) > 0) expect(await tab.innerText()).toContain(`seat ${seat}`);
}

async function continueFromSeats(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Continue to extras' }).click();
  await page.waitForURL(/\/extras$/);
}

async function continueToReview(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Continue to review' }).click();
  await page.waitForURL(/\/review$/);
}

/** Fills the card form and pays; returns the total the review page asked for. */
async function pay(page: Page, cardNumber: string): Promise<string> {
  const total = (await page.getByTestId('review-price').getByTestId('price-total').innerText()).trim();
  await page.getByLabel('Card number').fill(cardNumber);
  await page.getByLabel('Name on card').fill('Ada Lovelace');
  await page.getByLabel('Expiry date').fill('12/30');
  await page.getByLabel('Security code').fill('123');
  await page.getByRole('button', { name: `Pay ${total}` }).click();
  return total;
}

async function bookedReference(page: Page): Promise<string> {
  await page.waitForURL(/\/bookings\/[A-Z0-9]{6}$/);
  return (await page.getByTestId('booking-reference').innerText()).trim();
}

// ---------------------------------------------------------------------------------------------

/**
 * What docs/testing.md promises on every page: a data-testid names one element only, and every form
 * control has a label (its own <label>, or aria-label / aria-labelledby).
 */
async function expectSelectorContract(page: Page): Promise<void> {
  const { duplicated, unlabelled } = await page.evaluate(() => {
    const seen = new Map<string, number>();
    for (const el of document.querySelectorAll('[data-testid]')) {
      const id = el.getAttribute('data-testid') ?? '';
      seen.set(id, (seen.get(id) ?? 0) + 1);
    }
    const controls = [...document.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('input:not([type=hidden]), select, textarea')];
    return {
      duplicated: [...seen].filter(([, n]) => n > 1).map(([id]) => id),
      unlabelled: controls
        .filter((c) => !(c.labels?.length || c.getAttribute('aria-label') || c.getAttribute('aria-labelledby')))
        .map((c) => c.getAttribute('data-testid') ?? c.name),
    };
  });
  const where = new URL(page.url()).pathname;
  expect(duplicated, `data-testids used twice on ${where}`).toEqual([]);
  expect(unlabelled, `controls without a label on ${where}`).toEqual([]);
}

/** Books FAMILY_TRIP; the selector contract and `checkPage` are checked on every page of the flow once it has loaded. */
async function bookFamilyTrip(page: Page, extraCheck: (page: Page) => Promise<void> = async () => {}): Promise<void> {
  const checkPage = async (p: Page) => {
    await expectSelectorContract(p);
    await extraCheck(p);
  };
  await search(page, FAMILY_TRIP);
  await checkPage(page);
  await chooseFares(page, 'Basic', ['outbound', 'return']);
  await checkPage(page);
  await enterPassengers(page, FAMILY);
  await checkPage(page);

  const seats = { outbound: await chooseFamilySeats(page, 'outbound'), return: await chooseFamilySeats(page, 'return') };
  await continueFromSeats(page);
  await checkPage(page);

  await page.getByLabel('Checked bags for Ada Lovelace, outbound').selectOption('1');
  const hotel = page.getByRole('group', { name: 'Choose a hotel, or none' }).getByRole('radio').first();
  expect(await hotel.isChecked(), 'no hotel is pre-selected').toBe(false);
  await hotel.check();
  await continueToReview(page);
  await checkPage(page);

  // The review shows what was chosen, and family seating costs nothing for the child and the adult beside them.
  for (const direction of ['outbound', 'return'] as const) {
    expect(await page.getByTestId(`review-seat-p3-${direction}`).innerText()).toContain(seats[direction].child);
    expect(await page.getByTestId(`review-line-seat-p3-${direction}`).innerText()).toMatch(/€0(\.00)?$/);
    expect(await page.getByTestId(`review-line-seat-p1-${direction}`).innerText()).toMatch(/€0(\.00)?$/);
  }
  expect(await page.getByTestId('review-line-bag-p1-outbound').count()).toBe(1);
  expect(await page.getByTestId('review-line-hotel').count()).toBe(1);

  const reviewTotal = await pay(page, CARDS.approve);
  const reference = await bookedReference(page);
  await checkPage(page);

  expect(reference).toMatch(REFERENCE);
  expect((await page.getByTestId('receipt-total').innerText()).trim()).toBe(reviewTotal);
  for (const direction of ['outbound', 'return'] as const) {
    expect(await page.getByTestId(`seat-p1-${direction}`).innerText()).toBe(seats[direction].adult);
    expect(await page.getByTestId(`seat-p3-${direction}`).innerText()).toBe(seats[direction].child);
    expect(await page.getByTestId(`seat-p2-${direction}`).innerText()).toBe(seats[direction].other);
  }
  expect(await page.getByTestId('receipt-line-hotel').count()).toBe(1);
  expect(await page.getByTestId('receipt-line-bag-p1-outbound').count()).toBe(1);
}

describe('booking in Chromium against the real server', () => {
  it('books a return trip for two adults and a child, with family seats, a bag and a hotel, with JavaScript on a desktop', async () => {
    const page = await openPage({ viewport: DESKTOP, javaScriptEnabled: true });
    await bookFamilyTrip(page);
    // enhance.js ran: this run really had JavaScript.
    expect(await page.evaluate(() => document.documentElement.classList.contains('js'))).toBe(true);
  });

  it('books the same trip without JavaScript on a 375 px phone, no page wider than the screen, every control labelled', async () => {
    const page = await openPage({ viewport: PHONE, javaScriptEnabled: false });
    const tooWide: string[] = [];
    await bookFamilyTrip(page, async (p) => {
      const { scrollWidth, clientWidth } = await p.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
      }));
      if (scrollWidth > clientWidth) tooWide.push(`${new URL(p.url()).pathname}: ${scrollWidth} px wide`);
    });
    // Playwright's evaluate runs even with the page's JavaScript off; the page's own script did not.
    expect(await page.evaluate(() => document.documentElement.classList.contains('js'))).toBe(false);
    expect(tooWide).toEqual([]);
  });

  it('lets a keyboard-only customer choose a seat and continue (Tab, arrow keys, Space, Enter), with the focus visible', async () => {
    const page = await openPage({ viewport: DESKTOP, javaScriptEnabled: true });
    await search(page, SOLO_TRIP);
    await chooseFares(page, 'Basic', ['outbound']);
    await enterPassengers(page, SOLO);

    const focusedTestId = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? '');
    /** Presses Tab until the focus is on `testId` (a pattern), as a keyboard user would; fails if it never gets there. */
    const tabTo = async (testId: RegExp) => {
      for (let presses = 0; presses < 40; presses += 1) {
        await page.keyboard.press('Tab');
        if (testId.test(await focusedTestId())) return;
      }
      throw new Error(`Tab never reached ${testId}; the focus is on "${await focusedTestId()}"`);
    };

    // Tab enters the passenger's seat group on its checked radio, "Skip".
    await tabTo(/^seat-skip-p1-outbound$/);
    // An arrow key moves to the next seat that can be chosen (occupied seats are skipped) and picks it.
    await page.keyboard.press('ArrowRight');
    const seatTestId = await focusedTestId();
    expect(seatTestId).toMatch(/^seat-p1-outbound-\d+[A-Z]$/);
    await page.keyboard.press('Space');
    const seat = page.getByTestId(seatTestId);
    expect(await seat.isChecked()).toBe(true);
    // The radio itself is invisible (the seat drawn beside it is what shows): something in its label must show the focus.
    const focusShows = await seat.evaluate((radio) =>
      [...(radio.closest('label')?.querySelectorAll('*') ?? [])].some((el) => el !== radio && getComputedStyle(el).outlineStyle !== 'none'),
    );
    expect(focusShows, 'the focused seat shows a focus outline').toBe(true);

    await tabTo(/^seats-continue$/);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/extras$/);
    const seatCode = seatTestId.replace('seat-p1-outbound-', '');
    expect(await page.getByTestId('price-summary').innerText()).toContain(`Seat ${seatCode},`);
  });

  it('pays with the 3-D Secure test card by approving on the bank page, for the amount of the review', async () => {
    const page = await openPage({ viewport: PHONE, javaScriptEnabled: true });
    await search(page, SOLO_TRIP);
    await chooseFares(page, 'Standard', ['outbound']);
    await enterPassengers(page, SOLO);
    await page.getByTestId('seat-skip-p1-outbound').check();
    await continueFromSeats(page);
    await continueToReview(page);

    const reviewTotal = await pay(page, CARDS.threeDSecure);
    await page.waitForURL(/\/payment\/challenge\/[\w-]+$/);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Confirm this payment');
    expect((await page.getByTestId('challenge-amount').innerText()).trim()).toBe(reviewTotal);
    expect(await page.getByTestId('challenge-card').innerText()).toContain('3184');
    await page.getByRole('button', { name: 'Approve' }).click();

    const reference = await bookedReference(page);
    expect(reference).toMatch(REFERENCE);
    expect((await page.getByTestId('receipt-total').innerText()).trim()).toBe(reviewTotal);
    expect(await page.getByTestId('payment-card').innerText()).toContain('3184');
  });
});
