// The customer flow in a real browser against the real server (see harness.ts): search, results,
// passengers, seats, extras, review and pay, confirmation. Elements are found the way docs/testing.md
// tells testers to find them: by label and role, or by a documented data-testid, never by CSS class.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe.ts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expectAxeClean } from './axe.ts';
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

/**
 * The first flight's fare of a family, in each direction, then on to the passengers step. A Basic fare
 * first meets the free-to-paid upgrade page (asked once): `onUpgradePage` may look at it, then
 * `answerUpgrade` answers (by default a click on "Keep Basic").
 */
async function chooseFares(
  page: Page,
  family: 'Basic' | 'Standard' | 'Flex',
  directions: Array<'outbound' | 'return'>,
  upgrade: { onUpgradePage?: (page: Page) => Promise<void>; answerUpgrade?: (page: Page) => Promise<void> } = {},
): Promise<void> {
  for (const direction of directions) {
    await page.getByTestId(`results-${direction}`).getByRole('radio', { name: family, exact: true }).first().check();
  }
  await page.getByRole('button', { name: 'Continue to passengers' }).click();
  if (family !== 'Basic') return void (await page.waitForURL(/\/checkouts\/[\w-]+\/passengers$/));
  await page.waitForURL(/\/checkouts\/[\w-]+\/upgrade$/);
  await upgrade.onUpgradePage?.(page);
  if (upgrade.answerUpgrade) await upgrade.answerUpgrade(page);
  else await page.getByRole('button', { name: 'Keep Basic', exact: true }).click();
  await page.waitForURL(/\/checkouts\/[\w-]+\/passengers$/);
}

/** The upgrade page's two answers: both visible, the same size, one naming the price. */
async function expectEqualAnswers(page: Page): Promise<void> {
  const accept = page.getByRole('button', { name: /^Upgrade to Standard \(\+€[\d,.]+\)$/ });
  const keep = page.getByRole('button', { name: 'Keep Basic', exact: true });
  const [a, k] = [await accept.boundingBox(), await keep.boundingBox()];
  expect(a && k, 'both answers are on the page').toBeTruthy();
  expect([Math.round(a!.width), Math.round(a!.height)]).toEqual([Math.round(k!.width), Math.round(k!.height)]);
  expect(await page.getByRole('table').first().getByRole('rowheader', { name: 'Checked bag' }).count()).toBe(1);
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

/**
 * The seats of a flight's one map that can be chosen now (enabled `seat-<direction>-<seat>` buttons),
 * and which of them are in an exit row (their name says so), where a child may not sit.
 */
async function freeSeats(page: Page, direction: string): Promise<{ all: Set<string>; exit: Set<string> }> {
  const seats = await page
    .getByTestId(`seat-map-${direction}`)
    .getByRole('button', { name: /^Seat \d+[A-Z],/, disabled: false })
    .evaluateAll((buttons) => buttons.map((b) => ({ id: b.getAttribute('data-testid') ?? '', name: b.getAttribute('aria-label') ?? '' })));
  const all = new Set<string>();
  const exit = new Set<string>();
  for (const { id, name } of seats) {
    const seat = id.replace(`seat-${direction}-`, '');
    all.add(seat);
    if (name.includes('exit row')) exit.add(seat);
  }
  return { all, exit };
}

/**
 * Family seating on a 3-3 cabin: the child (passenger 3) beside an adult (passenger 1) in the same
 * block of ABC or DEF, the other adult in the third seat of that block when it is free, else anywhere.
 */
async function chooseFamilySeats(page: Page, direction: 'outbound' | 'return'): Promise<{ adult: string; child: string; other: string }> {
  const { all: free, exit } = await freeSeats(page, direction);
  for (let row = 1; row <= 60; row += 1) {
    for (const block of ['ABC', 'DEF']) {
      for (let i = 0; i < 2; i += 1) {
        for (const [a, c] of [[block[i]!, block[i + 1]!], [block[i + 1]!, block[i]!]]) {
          const adult = `${row}${a}`;
          const child = `${row}${c}`;
          if (!free.has(adult) || !free.has(child) || exit.has(child)) continue;
          const third = `${row}${[...block].find((l) => l !== a && l !== c)}`;
          const other = free.has(third) ? third : [...free].find((s) => s !== adult && s !== child);
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

const hasScript = (page: Page) => page.evaluate(() => document.documentElement.classList.contains('js'));

/**
 * One map per flight: choose whose seat (`seat-for-p<n>-<direction>`), then press the seat
 * (`seat-<direction>-<seat>`). With JavaScript the page updates in place; without, the pick is posted
 * and the page comes back with it kept (its address then carries the choices so far).
 */
async function pickSeat(page: Page, direction: string, passenger: number, seat: string): Promise<void> {
  await page.getByTestId(`seat-for-p${passenger}-${direction}`).check();
  const button = page.getByTestId(`seat-${direction}-${seat}`);
  if (await hasScript(page)) await button.click();
  else await Promise.all([page.waitForURL((url) => url.searchParams.get(`seat-p${passenger}-${direction}`) === seat), button.click()]);
  expect(await page.getByTestId(`seat-choice-p${passenger}-${direction}`).innerText()).toBe(`Seat ${seat}`);
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

/** Books FAMILY_TRIP; the selector contract, axe and `checkPage` are checked on every page of the flow once it has loaded. */
async function bookFamilyTrip(page: Page, extraCheck: (page: Page) => Promise<void> = async () => {}): Promise<void> {
  const checkPage = async (p: Page) => {
    await expectSelectorContract(p);
    await expectAxeClean(p, new URL(p.url()).pathname);
    await extraCheck(p);
  };
  await search(page, FAMILY_TRIP);
  await checkPage(page);
  await chooseFares(page, 'Basic', ['outbound', 'return'], {
    onUpgradePage: async (p) => {
      await checkPage(p);
      await expectEqualAnswers(p);
    },
  });
  await checkPage(page);
  await enterPassengers(page, FAMILY);
  await checkPage(page);

  const seats = { outbound: await chooseFamilySeats(page, 'outbound'), return: await chooseFamilySeats(page, 'return') };
  await continueFromSeats(page);
  await checkPage(page);

  await page.getByLabel('Checked bags for Ada Lovelace, outbound').selectOption('1');
  // "Same for everyone": Ada's bag for William and Anne too (in the page with JavaScript, by a re-render without).
  await page.getByTestId('bags-same-outbound').click();
  await expect.poll(() => page.getByLabel('Checked bags for Anne Lovelace, outbound').inputValue()).toBe('1');
  expect(await page.getByLabel('Checked bags for William Lovelace, outbound').inputValue()).toBe('1');
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
  for (const p of [1, 2, 3]) expect(await page.getByTestId(`review-line-bag-p${p}-outbound`).count()).toBe(1);
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
    // The extras page with its shortcuts, hotel cards and illustrations: nothing for axe.
    await bookFamilyTrip(page, async (p) => {
      if (/\/extras$/.test(p.url())) expect(await axeViolations(p)).toEqual([]);
    });
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

  it('lets a keyboard-only customer choose a seat and continue (Tab, arrow keys by seat and by row, Space, Enter), with the focus visible', async () => {
    const page = await openPage({ viewport: DESKTOP, javaScriptEnabled: true });
    await search(page, SOLO_TRIP);
    const focusedTestId = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? '');
    // The upgrade page is answered from the keyboard too: Tab to "Keep Basic", Enter.
    await chooseFares(page, 'Basic', ['outbound'], {
      answerUpgrade: async (p) => {
        for (let presses = 0; presses < 40 && (await focusedTestId()) !== 'fare-upgrade-keep'; presses += 1) await p.keyboard.press('Tab');
        expect(await focusedTestId()).toBe('fare-upgrade-keep');
        await p.keyboard.press('Enter');
      },
    });
    await enterPassengers(page, SOLO);

    /** Presses Tab until the focus is on `testId` (a pattern), as a keyboard user would; fails if it never gets there. */
    const tabTo = async (testId: RegExp) => {
      for (let presses = 0; presses < 40; presses += 1) {
        await page.keyboard.press('Tab');
        if (testId.test(await focusedTestId())) return;
      }
      throw new Error(`Tab never reached ${testId}; the focus is on "${await focusedTestId()}"`);
    };

    // Tab reaches the "whose seat" radio, then enters the map once, on one seat that can be chosen.
    await tabTo(/^seat-for-p1-outbound$/);
    await page.keyboard.press('Tab');
    const first = await focusedTestId();
    expect(first).toMatch(/^seat-outbound-\d+[A-Z]$/);
    const rowOf = (testId: string) => Number(/-(\d+)[A-Z]$/.exec(testId)![1]);
    // Right moves seat by seat (taken seats are skipped), Down row by row, Left back.
    await page.keyboard.press('ArrowRight');
    const right = await focusedTestId();
    expect(right).toMatch(/^seat-outbound-\d+[A-Z]$/);
    expect(right).not.toBe(first);
    await page.keyboard.press('ArrowDown');
    const down = await focusedTestId();
    expect(rowOf(down)).toBeGreaterThan(rowOf(right));
    await page.keyboard.press('ArrowUp');
    expect(rowOf(await focusedTestId())).toBeLessThan(rowOf(down));
    await page.keyboard.press('ArrowDown');
    expect(await focusedTestId()).toBe(down);
    await page.keyboard.press('Space');
    const seatTestId = down;
    const seat = page.getByTestId(seatTestId);
    expect(await seat.getAttribute('aria-pressed')).toBe('true');
    const seatCode = seatTestId.replace('seat-outbound-', '');
    expect(await page.getByTestId('seat-choice-p1-outbound').innerText()).toBe(`Seat ${seatCode}`);
    const focusShows = await seat.evaluate((button) => getComputedStyle(button).outlineStyle !== 'none');
    expect(focusShows, 'the focused seat shows a focus outline').toBe(true);
    // The map is one Tab stop: the next Tab leaves it.
    await page.keyboard.press('Tab');
    expect(await focusedTestId()).not.toMatch(/^seat-outbound-/);

    await tabTo(/^seats-continue$/);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/extras$/);
    expect(await page.getByTestId('price-summary').innerText()).toContain(`Seat ${seatCode},`);
  });

  it("shows one map per flight with JavaScript: a pick moves on to the next passenger, and the seat is theirs on the companions' turns", async () => {
    const page = await openPage({ viewport: DESKTOP, javaScriptEnabled: true });
    await search(page, FAMILY_TRIP);
    await chooseFares(page, 'Basic', ['outbound', 'return']);
    await enterPassengers(page, FAMILY);
    const map = page.getByTestId('seat-map-outbound');
    expect(await map.locator('[data-testid^="seat-outbound-"]').count()).toBe(180);
    expect(await page.getByRole('radio').count()).toBe(6);

    const { all: free } = await freeSeats(page, 'outbound');
    const seat = [...free][0]!;
    expect(await page.getByTestId('seat-for-p1-outbound').isChecked()).toBe(true);
    await page.getByTestId(`seat-outbound-${seat}`).click();
    // On to passenger 2, for whom Ada's seat is taken by her: her initials on it, named, not free.
    expect(await page.getByTestId('seat-for-p2-outbound').isChecked()).toBe(true);
    const button = page.getByTestId(`seat-outbound-${seat}`);
    expect(await button.isDisabled()).toBe(true);
    expect(await button.getAttribute('aria-label')).toContain('; chosen for Ada Lovelace');
    expect(await button.getAttribute('data-who')).toBe('AdL');
    await page.getByTestId('seat-for-p3-outbound').check();
    expect(await button.isDisabled()).toBe(true);
    // Back on Ada's turn, it is her seat again; the return flight is untouched.
    await page.getByTestId('seat-for-p1-outbound').check();
    expect(await button.isDisabled()).toBe(false);
    expect(await button.getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByTestId('seat-choice-p1-return').innerText()).toBe('No seat yet: free at check-in');
    // Remove gives it back to everyone.
    await page.getByTestId('seat-skip-p1-outbound').click();
    await page.getByTestId('seat-for-p2-outbound').check();
    expect(await button.isDisabled()).toBe(false);
    expect(await button.getAttribute('data-who')).toBeNull();
  });

  it('without JavaScript, picks seats for two passengers on one map per flight, under 4,500 px tall at 1280 px, and holds them on Continue', async () => {
    const page = await openPage({ viewport: DESKTOP, javaScriptEnabled: false });
    await search(page, FAMILY_TRIP);
    await chooseFares(page, 'Basic', ['outbound', 'return']);
    await enterPassengers(page, FAMILY);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(height, 'the no-JavaScript seats page for 2 adults and a child, return, at 1280 px').toBeLessThan(4500);
    expect(await page.getByRole('radio').count()).toBe(6);

    const { all: free } = await freeSeats(page, 'outbound');
    const [first, second] = [...free];
    await pickSeat(page, 'outbound', 1, first!);
    // The page came back on passenger 2's turn, with Ada's seat hers.
    expect(await page.getByTestId('seat-for-p2-outbound').isChecked()).toBe(true);
    expect(await page.getByTestId(`seat-outbound-${first}`).getAttribute('aria-label')).toContain('; chosen for Ada Lovelace');
    expect(await page.getByTestId(`seat-outbound-${first}`).isDisabled()).toBe(true);
    await pickSeat(page, 'outbound', 2, second!);
    expect(await page.getByTestId('seat-choice-p1-outbound').innerText()).toBe(`Seat ${first}`);
    await expectSelectorContract(page);

    await continueFromSeats(page);
    const summary = page.getByTestId('price-summary');
    expect(await summary.getByTestId('price-line-seat-p1-outbound').count()).toBe(1);
    expect(await summary.getByTestId('price-line-seat-p2-outbound').count()).toBe(1);
    expect(await summary.innerText()).toContain(`Seat ${first},`);
  });

  it('pays with the 3-D Secure test card by approving on the bank page, for the amount of the review', async () => {
    const page = await openPage({ viewport: PHONE, javaScriptEnabled: true });
    await search(page, SOLO_TRIP);
    await chooseFares(page, 'Standard', ['outbound']);
    await enterPassengers(page, SOLO);
    expect(await page.getByTestId('seat-choice-p1-outbound').innerText()).toBe('No seat yet: free at check-in');
    await continueFromSeats(page);
    await continueToReview(page);

    const reviewTotal = await pay(page, CARDS.threeDSecure);
    await page.waitForURL(/\/payment\/challenge\/[\w-]+$/);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Confirm this payment');
    await expectAxeClean(page, 'the 3-D Secure page');
    expect((await page.getByTestId('challenge-amount').innerText()).trim()).toBe(reviewTotal);
    expect(await page.getByTestId('challenge-card').innerText()).toContain('3184');
    await page.getByRole('button', { name: 'Approve' }).click();

    const reference = await bookedReference(page);
    expect(reference).toMatch(REFERENCE);
    expect((await page.getByTestId('receipt-total').innerText()).trim()).toBe(reviewTotal);
    expect(await page.getByTestId('payment-card').innerText()).toContain('3184');
  });

  it.each([
    ['with JavaScript on a desktop', DESKTOP, true],
    ['without JavaScript on a 375 px phone', PHONE, false],
  ] as const)('leaves axe nothing to find after a declined card, on the confirmation (which prints its itinerary and receipt without navigation or forms) and its hotel form refused, and on the terms, fare rules, privacy and 404 pages, %s', async (_name, viewport, javaScriptEnabled) => {
    // The search, results, passengers and payment-form error states: search-results.spec.ts.
    const page = await openPage({ viewport, javaScriptEnabled });
    await search(page, SOLO_TRIP);
    await chooseFares(page, 'Standard', ['outbound']);
    await enterPassengers(page, SOLO);
    await continueFromSeats(page);
    await continueToReview(page);

    // Review: the declining test card.
    await pay(page, '4000 0000 0000 0002');
    await page.getByTestId('payment-error').waitFor();
    await expectAxeClean(page, 'the review page after a declined card');

    // Confirmation: add a hotel without choosing one.
    await pay(page, CARDS.approve);
    await bookedReference(page);
    await expectAxeClean(page, 'the confirmation');
    // Printed: the itinerary, passengers and receipt, without the navigation, the hotel form or buttons.
    await page.emulateMedia({ media: 'print' });
    for (const id of ['itinerary', 'passengers', 'receipt', 'booking-reference']) expect(await page.getByTestId(id).isVisible(), `${id} in print`).toBe(true);
    for (const id of ['nav-manage', 'hotel-form', 'add-to-calendar', 'book-another']) expect(await page.getByTestId(id).isVisible(), `${id} in print`).toBe(false);
    await page.emulateMedia({ media: 'screen' });
    await page.getByTestId('hotel-add').click();
    await page.getByTestId('error-summary').waitFor();
    await expectAxeClean(page, 'the confirmation\'s hotel form with errors');

    // The pages linked from the payment form and every footer.
    for (const path of ['/terms', '/fare-rules', '/privacy', '/no-such-page']) {
      await page.goto(path);
      await expectAxeClean(page, path);
    }
  });
});
