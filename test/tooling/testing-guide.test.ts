// docs/testing.md's selector contract and the pages agree: every data-testid its tables name is on the
// page its section names, and every label it tells testers to type into getByLabel is that control's
// label, character for character. The pages are rendered by the real app (supertest), walked to the
// states the guide describes (a return trip with a child, a lapsed hold, a decline, tactics switched on …).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestApp, csrfFrom, postForm, type TestContext } from '../helpers/app.ts';
import { checkoutAt } from '../helpers/factories.ts';
import { CARDS, TRIPS } from '../helpers/fixtures.ts';
import { recordEvents, signIn, TRAINER_PASSWORD } from '../trainer/trainer-helpers.ts';
import { setTactic } from '../../src/features/trainer/set-tactic.ts';

const GUIDE = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'testing.md'), 'utf8');

/** One page section of the guide's selector contract: its heading, the test ids and labels its tables name. */
type Section = { title: string; ids: string[]; labels: Label[]; errors: string[]; exact: string[] };

const ticks = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);

/** A `-suffix` written after an id stands for that id's stem plus the suffix (`tactic-<code>-mode-off`, `-mode-on`). */
function expandSuffixes(ids: string[]): string[] {
  const first = ids[0];
  return ids.map((id) => {
    if (!id.startsWith('-') || !first) return id;
    const head = id.split('-')[1]!;
    const at = first.indexOf(`-${head}`);
    return `${at > 0 ? first.slice(0, at) : first}${id}`;
  });
}

/** Roles the guide writes in parentheses after a label: buttons and links are named by their text, the rest by a <label>. */
const ROLE = /\((?:combobox|comboboxes|radio|radios|button|link|spinbutton|textbox|password field|number|checkbox|img|disclosure|GET form|group|[a-z ]+;[^)]*)[^)]*\)/g;

type Label = { text: string; named: 'label' | 'text' };

/** The label cell's names: per name, the text before "(role)"; quoted names are patterns with example values ("Seat 14C, window …"). */
function labelsOf(cell: string): Label[] {
  const plain = cell.replace(/`[^`]*`/g, '').trim();
  if (plain === '' || plain.includes('"')) return [];
  if (/^(group|region|heading|table|alert|on customer pages|card per tactic|CSV|Dashboard|Reset|Shopper|Live)\b/i.test(plain)) return [];
  // "Trip (group): Return / One-way (radio)", "Mode: Off / On / A/B (radios)": a legend, then its options.
  const options = /^[^(]*(\(group\))?:\s/.test(plain) ? plain.slice(plain.indexOf(': ') + 2) : plain;
  return options
    .split(/\s\/\s|,\s(?=[A-Z][a-z]+[a-z ]*\()|,\s(?=Rooms)/)
    .map((part) => ({ text: part.replace(ROLE, '').trim(), named: /\((button|link|disclosure)/.test(part) ? ('text' as const) : ('label' as const) }))
    .filter((label) => /^[A-Z]/.test(label.text));
}

/** The guide's "### Name: `path`" sections from "The selector contract" on, with their tables. */
function sections(): Section[] {
  const contract = GUIDE.slice(GUIDE.indexOf('## The selector contract'), GUIDE.indexOf('## Worked example'));
  const found: Section[] = [];
  let current: Section | undefined;
  let idColumn = -1;
  let labelColumn = -1;
  let inErrors = false;
  for (const line of contract.split('\n')) {
    if (line.startsWith('### ')) {
      current = { title: line.slice(4).split(':')[0]!.trim(), ids: [], labels: [], errors: [], exact: [] };
      found.push(current);
      idColumn = -1;
      continue;
    }
    // "getByLabel('Rooms', { exact: true })", or a row whose notes say "use `exact: true`": that name must pick one control.
    if (current) current.exact.push(...[...line.matchAll(/getByLabel\('([^']+)', \{ exact: true \}\)/g)].map((m) => m[1]!));
    if (current && line.startsWith('|') && /use `exact: true`/.test(line)) current.exact.push(...labelsOf(line.split('|')[1]!).map((l) => l.text));
    // "Errors: `error-from`, `error-to` …" (running on to the next lines): the field errors of the section's forms.
    if (current && line.includes('Errors: ')) inErrors = true;
    const from = line.indexOf('Errors: ');
    if (current && inErrors) current.errors.push(...ticks(from >= 0 ? line.slice(from) : line).filter((t) => t.startsWith('error-')));
    if (line.trim() === '' || line.trim().endsWith('.')) inErrors = false;
    if (!current || !line.startsWith('|')) {
      if (!line.startsWith('|')) idColumn = -1;
      continue;
    }
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    if (cells.includes('data-testid')) {
      idColumn = cells.indexOf('data-testid');
      labelColumn = cells.findIndex((c) => c.startsWith('label'));
      continue;
    }
    if (idColumn < 0 || /^-+$/.test(cells[0] ?? '')) continue;
    current.ids.push(...expandSuffixes(ticks(cells[idColumn] ?? '')));
    if (labelColumn >= 0) current.labels.push(...labelsOf(cells[labelColumn] ?? ''));
  }
  return found.filter((s) => s.ids.length > 0);
}

/** A documented id as a pattern: `<dir>` is outbound or return, `p<n>` a passenger, the other `<parts>` any name. */
function idPattern(id: string): RegExp {
  const source = id
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/<dir>/g, '(outbound|return)')
    .replace(/p<n>/g, 'p\\d+')
    .replace(/<seat>/g, '\\d+[A-K]')
    .replace(/<[^>]+>/g, '[A-Za-z0-9_-]+');
  return new RegExp(`^${source}$`);
}

const testIdsIn = (html: string) => [...html.matchAll(/data-testid="([^"]+)"/g)].map((m) => m[1]!);

const clean = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/&#34;/g, '"')
    .replace(/\s+/g, ' ')
    .trim();

/** What getByLabel(name, { exact: true }) finds: <label>s whose whole text is the name, and aria-labels equal to it. */
function exactLabels(html: string, name: string): number {
  const labels = [...html.matchAll(/<label\b[^>]*>([\s\S]*?)<\/label>/g)].filter((m) => clean(m[1]!) === name).length;
  const aria = [...html.matchAll(/aria-label="([^"]*)"/g)].filter((m) => clean(m[1]!) === name).length;
  return labels + aria;
}

/** The text of every <label> on a page; and of every button and link, whose text is their name. */
function namesIn(html: string): { label: string[]; text: string[] } {
  const inner = (re: RegExp) => [...html.matchAll(re)].map((m) => clean(m[1]!));
  return { label: inner(/<label\b[^>]*>([\s\S]*?)<\/label>/g), text: [...inner(/<button\b[^>]*>([\s\S]*?)<\/button>/g), ...inner(/<a\b[^>]*>([\s\S]*?)<\/a>/g), ...inner(/<summary\b[^>]*>([\s\S]*?)<\/summary>/g)] };
}

function setTactics(ctx: TestContext, mode: 'on' | 'off', codes: string[]): void {
  const update = ctx.db.prepare('UPDATE tactics SET mode = ? WHERE code = ?');
  for (const code of codes) update.run(mode, code);
}

const page = async (ctx: TestContext, url: string) => (await ctx.agent.get(url)).text;

/** The pages of each section, in the states the guide describes. */
const RENDER: Record<string, () => Promise<string[]>> = {
  'On every page': async () => {
    const ctx = createTestApp();
    const { id } = await checkoutAt(ctx, 'passengers', TRIPS.soloToLisbon);
    const refused = await postForm(ctx.agent, `/checkouts/${id}/passengers`, `/checkouts/${id}/passengers`, { 'p1-given-name': '' });
    return [await page(ctx, '/'), await page(ctx, `/checkouts/${id}/seats`), refused.text, await page(ctx, '/checkouts/AAAAAAAAAAAAAAAAAAAAAA/passengers')];
  },
  'Where we fly': async () => [await page(createTestApp(), '/where-we-fly')],
  Search: async () => {
    const ctx = createTestApp();
    // Every field wrong at once: from and to unknown, dates not dates, counts out of range.
    const refused = await page(ctx, '/flights?from=XXX&to=YYY&trip=return&depart=soon&return=later&adults=0&children=99&infants=9');
    // The return date and the infants are checked against the other fields, so apart.
    const dependent = await page(ctx, '/flights?from=DUB&to=LIS&trip=return&depart=2026-12-10&return=later&adults=1&children=0&infants=2');
    return [await page(ctx, '/'), refused, dependent];
  },
  Results: async () => {
    const ctx = createTestApp();
    setTactics(ctx, 'on', ['scarcity', 'social_proof']);
    // Social proof: the Standard upsell taken in 20 of 30 offers makes Standard the "Most chosen".
    recordEvents(ctx.db, [
      { offerCode: 'FARE_STANDARD', placement: 'results', tactic: null, variant: null, event: 'shown', count: 30 },
      { offerCode: 'FARE_STANDARD', placement: 'results', tactic: null, variant: null, event: 'accepted', count: 20 },
    ]);
    // Scarcity names a fare with 9 or fewer seats left: three left on the first Basic fare of the day.
    ctx.db.prepare("UPDATE fares SET seats_sold = seats_total - 3 WHERE id = (SELECT f.id FROM fares f JOIN flights fl ON fl.id = f.flight_id WHERE fl.origin = 'DUB' AND fl.destination = 'LIS' AND fl.departure_date = '2026-12-10' AND f.family = 'basic' AND f.seats_total > 3 ORDER BY fl.departs_at LIMIT 1)").run();
    const trip = '/flights?from=DUB&to=LIS&trip=return&depart=2026-12-10&return=2026-12-14&adults=2&children=1&infants=0';
    // No flight on a day: the seeded schedule flies every route daily, so the day's flights go (with their fares).
    ctx.db.pragma('foreign_keys = OFF');
    ctx.db.prepare("DELETE FROM fares WHERE flight_id IN (SELECT id FROM flights WHERE origin = 'DUB' AND destination = 'LIS' AND departure_date = '2026-12-11')").run();
    ctx.db.prepare("DELETE FROM flights WHERE origin = 'DUB' AND destination = 'LIS' AND departure_date = '2026-12-11'").run();
    ctx.db.pragma('foreign_keys = ON');
    const results = await page(ctx, trip);
    // "Continue" without a fare chosen: the results again, with both directions' errors.
    const hidden = Object.fromEntries([...results.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].filter((m) => m[1] !== '_csrf').map((m) => [m[1]!, m[2]!]));
    const unchosen = await postForm(ctx.agent, trip, '/checkouts', hidden);
    return [results, unchosen.text, await page(ctx, '/flights?from=DUB&to=LIS&trip=one_way&depart=2026-12-11&adults=1&children=0&infants=0')];
  },
  'Free-to-paid upgrade': async () => {
    const ctx = createTestApp();
    // A Basic checkout of a family (adults, a child, an infant: a price per passenger type), each way.
    const { id } = await checkoutAt(ctx, 'passengers', TRIPS.familyWithInfantToLisbon);
    const refused = await postForm(ctx.agent, `/checkouts/${id}/upgrade`, `/checkouts/${id}/upgrade`, { answer: 'maybe' });
    return [await page(ctx, `/checkouts/${id}/upgrade`), refused.text];
  },
  Passengers: async () => {
    const ctx = createTestApp();
    const { id } = await checkoutAt(ctx, 'passengers', TRIPS.familyWithInfantToLisbon);
    const empty = await postForm(ctx.agent, `/checkouts/${id}/passengers`, `/checkouts/${id}/passengers`, {});
    return [await page(ctx, `/checkouts/${id}/passengers`), empty.text];
  },
  Seats: async () => {
    const ctx = createTestApp();
    setTactics(ctx, 'on', ['scarcity']);
    const family = await checkoutAt(ctx, 'seats', TRIPS.familyToLisbon);
    // The child alone in a row far from the adults: refused, next to the child's radio.
    const alone = await postForm(ctx.agent, `/checkouts/${family.id}/seats`, `/checkouts/${family.id}/seats`, {
      'seat-p1-outbound': 'skip', 'seat-p2-outbound': 'skip', 'seat-p3-outbound': '20A', 'seat-p1-return': 'skip', 'seat-p2-return': 'skip', 'seat-p3-return': 'skip',
    });
    const { id } = await checkoutAt(ctx, 'extras', TRIPS.soloToLisbon, { seats: 'first-free' });
    const held = await page(ctx, `/checkouts/${id}/seats`);
    ctx.clock.advance(16 * 60_000);
    return [await page(ctx, `/checkouts/${family.id}/seats`), alone.text, held, await page(ctx, `/checkouts/${id}/seats`)];
  },
  Extras: async () => {
    const ctx = createTestApp();
    setTactics(ctx, 'on', ['fake_timer', 'confirm_shaming', 'recommendation', 'bundle']);
    // The recommendation: insurance taken on 10 of 30 bookings to Lisbon (events of one booked checkout to Lisbon).
    const booked = await checkoutAt(ctx, 'booked', TRIPS.soloToLisbon);
    const insert = ctx.db.prepare(
      `INSERT INTO offer_events (session_id, checkout_id, offer_code, kind, category, placement, price_minor, currency, event, created_at)
       VALUES (?, ?, 'TRAVEL_INSURANCE', 'cross_sell', 'insurance', 'extras', 3600, 'EUR', ?, '2026-11-27T09:00:00Z')`,
    );
    for (let i = 0; i < 30; i++) insert.run(`s-guide-${i}`, booked.id, 'shown');
    for (let i = 0; i < 10; i++) insert.run(`s-guide-${i}`, booked.id, 'accepted');
    const family = await checkoutAt(ctx, 'extras', TRIPS.familyToLisbon);
    // Business sold to an adult and a child (a price per passenger type); a Flex fare that includes priority.
    const longHaul = await checkoutAt(ctx, 'extras', { from: 'DUB', to: 'JFK', depart: '2026-12-10', adults: 1, children: 1 });
    const flex = await checkoutAt(ctx, 'extras', { ...TRIPS.soloToLisbon, family: 'flex' });
    // The Comfort bundle: one adult on Basic, extra-legroom seats free.
    const solo = await checkoutAt(ctx, 'extras', TRIPS.soloToLisbon);
    // An upgrade this trip does not sell: its error has no field on the page.
    const stray = await postForm(ctx.agent, `/checkouts/${family.id}/extras`, `/checkouts/${family.id}/extras`, { 'upgrade-outbound': 'add' });
    // Every answer of the long-haul extras wrong at once.
    const wrong = await postForm(ctx.agent, `/checkouts/${longHaul.id}/extras`, `/checkouts/${longHaul.id}/extras`, {
      'bag-p1-outbound': '9',
      'priority-p1-outbound': 'maybe',
      'upgrade-outbound': 'maybe',
      hotel: '999999',
      'hotel-nights': '99',
      'hotel-rooms': '99',
      insurance: 'maybe',
      car: '999999',
      'car-days': '99',
    });
    return [await page(ctx, `/checkouts/${family.id}/extras`), await page(ctx, `/checkouts/${longHaul.id}/extras`), await page(ctx, `/checkouts/${flex.id}/extras`), await page(ctx, `/checkouts/${solo.id}/extras`), stray.text, wrong.text];
  },
  'Review and pay': async () => {
    const ctx = createTestApp();
    setTactics(ctx, 'on', ['checkout_addons']);
    const { id } = await checkoutAt(ctx, 'review', TRIPS.soloToLisbon, { seats: 'first-free' });
    const review = await page(ctx, `/checkouts/${id}/review`);
    const seatless = await checkoutAt(ctx, 'review', TRIPS.soloToLisbon);
    const withoutSeats = await page(ctx, `/checkouts/${seatless.id}/review`);
    const pay = (fields: Record<string, string>) => postForm(ctx.agent, `/checkouts/${id}/review`, `/checkouts/${id}/payment`, { 'card-name': 'Ada Lovelace', 'card-expiry': '12/30', 'card-cvc': '123', ...fields });
    const declined = (await pay({ 'card-number': CARDS.decline })).text;
    const invalid = (await pay({ 'card-number': '1234' })).text;
    const blank = (await pay({ 'card-number': '', 'card-name': '', 'card-expiry': '', 'card-cvc': '' })).text;
    ctx.clock.advance(16 * 60_000);
    const lapsed = (await pay({ 'card-number': CARDS.approve })).text;
    return [review, withoutSeats, declined, invalid, blank, lapsed];
  },
  "The bank's 3-D Secure page": async () => {
    const ctx = createTestApp();
    const { id } = await checkoutAt(ctx, 'review', TRIPS.soloToLisbon);
    const res = await postForm(ctx.agent, `/checkouts/${id}/review`, `/checkouts/${id}/payment`, { 'card-number': CARDS.challenge, 'card-name': 'Ada Lovelace', 'card-expiry': '12/30', 'card-cvc': '123' });
    return [await page(ctx, res.headers.location!)];
  },
  Confirmation: async () => {
    const ctx = createTestApp();
    const { reference } = await checkoutAt(ctx, 'booked', TRIPS.familyToLisbon, { seats: [] });
    const confirmation = await page(ctx, `/bookings/${reference}`);
    const hotel = /data-testid="hotel-option-(\d+)"/.exec(confirmation)![1]!;
    const unknownHotel = await postForm(ctx.agent, `/bookings/${reference}`, `/bookings/${reference}/hotel`, { hotel: '999999', nights: '4', rooms: '1' });
    const tooMany = await postForm(ctx.agent, `/bookings/${reference}`, `/bookings/${reference}/hotel`, { hotel, nights: '99', rooms: '99' });
    const added = await postForm(ctx.agent, `/bookings/${reference}`, `/bookings/${reference}/hotel`, { hotel, nights: '4', rooms: '1' });
    const withHotel = await page(ctx, added.headers.location ?? `/bookings/${reference}`);
    // The car cross-sell refused (a car of another airport), then a car added: its details.
    const car = /data-testid="car-option-(\d+)"/.exec(confirmation)![1]!;
    // (Days are chosen on a one-way trip only: the refusal on one.)
    const oneWay = (await checkoutAt(ctx, 'booked', TRIPS.soloToLondon)).reference!;
    const wrongCar = await postForm(ctx.agent, `/bookings/${oneWay}`, `/bookings/${oneWay}/car`, { car: '1', 'car-days': '99' });
    const carAdded = await postForm(ctx.agent, `/bookings/${reference}`, `/bookings/${reference}/car`, { car });
    return [confirmation, unknownHotel.text, tooMany.text, withHotel, wrongCar.text, await page(ctx, carAdded.headers.location ?? `/bookings/${reference}`)];
  },
  'Manage booking': async () => {
    const ctx = createTestApp();
    return [await page(ctx, '/manage'), (await postForm(ctx.agent, '/manage', '/manage', { reference: '', familyName: '' })).text];
  },
  'Manage a booking': async () => {
    const ctx = createTestApp();
    const { reference } = await checkoutAt(ctx, 'booked', TRIPS.soloToNewYork, { seats: 'first-free' });
    const before = await page(ctx, `/bookings/${reference}/manage`);
    // With a hotel on the booking, its free cancellation.
    const confirmation = await page(ctx, `/bookings/${reference}`);
    await postForm(ctx.agent, `/bookings/${reference}`, `/bookings/${reference}/hotel`, { hotel: /data-testid="hotel-option-(\d+)"/.exec(confirmation)![1]!, nights: '2', rooms: '1' });
    // With a car on the booking, its free cancellation.
    await postForm(ctx.agent, `/bookings/${reference}`, `/bookings/${reference}/car`, { car: /data-testid="car-option-(\d+)"/.exec(confirmation)![1]!, 'car-days': '2' });
    return [before, await page(ctx, `/bookings/${reference}/manage`)];
  },
  'Trainer console': async () => {
    const ctx = createTestApp({ env: { TRAINER_PASSWORD } });
    const signInPage = await page(ctx, '/trainer/sign-in');
    await signIn(ctx.agent);
    const playbook = await page(ctx, '/trainer');
    expect((await ctx.agent.post('/trainer/lens').type('form').send({ _csrf: csrfFrom(playbook), lens: 'on' })).status).toBe(303);
    const { reference } = await checkoutAt(ctx, 'booked', TRIPS.soloToLisbon);
    const confirmation = await page(ctx, `/bookings/${reference}`);
    const pages = [signInPage, playbook, confirmation, await page(ctx, '/trainer/dashboard'), await page(ctx, '/trainer/reset'), await page(ctx, '/trainer/simulate'), await page(ctx, '/trainer/workshop?code=demo')];
    // With a tactic in A/B: its experiment on the dashboard and the presenter view.
    setTactic(ctx.db, 'bundle', { mode: 'ab', split: 50 });
    return [...pages, await page(ctx, '/trainer/dashboard'), await page(ctx, '/trainer/present?tactic=bundle')];
  },
};

/**
 * Documented ids whose state this test does not build, with the guide's own condition. Each must still be
 * in a template (views/), and must not turn up on the pages rendered here (then it belongs in the check).
 */
const NOT_RENDERED: Record<string, string> = {
  'sim-cancel': 'only while a simulation runs',
  'trip-total': 'once a fare is chosen each way: in the page with JavaScript, or on a refused form that comes back with both (test/search/results-layout.test.ts, test/browser/search-results.spec.ts)',
};

const VIEWS = join(import.meta.dirname, '..', '..', 'views');
const templates = () => readdirSync(VIEWS, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ejs')).map((f) => readFileSync(join(VIEWS, f), 'utf8')).join('\n');

describe('docs/testing.md and the pages', () => {
  const documented = sections();

  it('has a rendering for every page section of the selector contract (and no rendering for a section it lacks)', () => {
    expect(documented.map((s) => s.title).sort()).toEqual(Object.keys(RENDER).sort());
    const ids = documented.flatMap((s) => s.ids);
    expect(ids.length).toBeGreaterThan(200);
    expect(documented.flatMap((s) => s.labels).length).toBeGreaterThan(30);
    expect(documented.flatMap((s) => s.errors).length).toBeGreaterThan(30);
    expect(documented.flatMap((s) => s.exact).sort()).toEqual(['Nights', 'Rooms', 'To']);
    for (const id of Object.keys(NOT_RENDERED)) expect(ids, 'NOT_RENDERED names documented ids only').toContain(id);
  });

  for (const section of documented) {
    it(`${section.title}: every documented data-testid is on the page (field errors when refused), and every documented label is a label there`, async () => {
      const html = await RENDER[section.title]!();
      const present = new Set(html.flatMap(testIdsIn));
      const found = (id: string) => [...present].some((p) => idPattern(id).test(p));
      const missing = section.ids.filter((id) => !(id in NOT_RENDERED) && !found(id));
      expect(missing, `${section.title}: documented test ids not on the page`).toEqual([]);
      for (const name of section.exact) {
        const counts = html.map((h) => exactLabels(h, name));
        expect(Math.max(...counts), `getByLabel('${name}', { exact: true }) on a ${section.title} page: one control`).toBe(1);
      }
      const errorsMissing = section.errors.filter((id) => !found(id));
      expect(errorsMissing, `${section.title}: documented field errors not shown when those fields are refused`).toEqual([]);
      for (const id of section.ids.filter((i) => i in NOT_RENDERED)) {
        expect(found(id), `${id} is rendered here now: take it off NOT_RENDERED`).toBe(false);
        expect(templates(), `${id} in a template`).toContain(`data-testid="${id.split('<')[0]}`);
      }
      const names = html.map(namesIn);
      // A label may go on after the name with more words ("A/B split: % of new sessions in B"): getByLabel matches it.
      // An amount in a name is an example ("Upgrade to Standard (+€144)"): any amount matches it.
      const has = ({ text, named }: Label) => {
        const re = new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/€[\d,.]+/g, '€[\\d,.]+')}${named === 'label' ? '($|[\\s:,(])' : '$'}`);
        return names.some((n) => n[named].some((l) => re.test(l)));
      };
      const unlabelled = section.labels.filter((label) => !has(label)).map((l) => `${l.text} (${l.named})`);
      expect(unlabelled, `${section.title}: documented labels not on the page`).toEqual([]);
    }, 30000);
  }
});
