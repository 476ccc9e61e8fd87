// Errors done right on every form (issue 14, item 5): each form's error state comes back with a
// title that starts "Error: ", an error summary that takes the focus (autofocus: no script needed)
// and whose every link points at an element that exists, and each field it names marked
// aria-invalid with aria-describedby pointing at its message.
import { describe, expect, it } from 'vitest';
import { createTestApp, postForm, type TestContext } from '../helpers/app.ts';
import { checkoutAt } from '../helpers/factories.ts';
import { TRIPS } from '../helpers/fixtures.ts';
import { searchQuery } from '../helpers/flow.ts';
import { bookedTrip } from '../manage/manage-helpers.ts';
import { cardFields } from '../payment/pay-flow.ts';
import { createTrainerApp, signIn } from '../trainer/trainer-helpers.ts';

type Answer = { status: number; text: string };

/** The tag that carries `id="<id>"`, or undefined. */
function elementWithId(html: string, id: string): string | undefined {
  const escaped = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`<[a-z]+\\b[^>]*\\sid="${escaped}"[^>]*>`).exec(html)?.[0];
}

/** What is wrong with an error page, as readable lines (empty when nothing is). */
function errorStateProblems(res: Answer): string[] {
  const problems: string[] = [];
  const html = res.text;
  if (res.status < 400 || res.status >= 500) problems.push(`answered ${res.status}`);
  const title = /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? '';
  if (!title.startsWith('Error: ')) problems.push(`title "${title}"`);
  const start = html.indexOf('data-testid="error-summary"');
  if (start < 0) return [...problems, 'no error summary'];
  const summaryTag = html.slice(html.lastIndexOf('<', start), html.indexOf('>', start) + 1);
  if (!/\sautofocus\b/.test(summaryTag)) problems.push('the summary does not take the focus');
  const summary = html.slice(start, html.indexOf('</ul>', start));
  const links = [...summary.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1]!);
  if (links.length === 0) problems.push('the summary links to nothing');
  for (const href of links) {
    const id = href.startsWith('#') ? href.slice(1) : '';
    const target = id ? elementWithId(html, id) : undefined;
    if (!target) {
      problems.push(`link ${href}: no element with that id`);
      continue;
    }
    if (!/^<(input|select|textarea)\b/.test(target)) continue;
    if (!/\saria-invalid="?true/.test(target)) problems.push(`#${id}: not aria-invalid`);
    const described = /\saria-describedby="([^"]+)"/.exec(target)?.[1]?.split(' ') ?? [];
    if (!described.some((d) => /class="field-error"/.test(elementWithId(html, d) ?? ''))) problems.push(`#${id}: not described by its message`);
  }
  // And no message is left unattached: each field's message describes some control.
  const describedIds = new Set([...html.matchAll(/\saria-describedby="([^"]+)"/g)].flatMap((m) => m[1]!.split(' ')));
  for (const m of html.matchAll(/<p class="field-error" id="([^"]+)-error"/g)) {
    // A problem with a choice the page does not offer (extras' stray errors) sits in a <div> of the field's id: no control to mark.
    const stray = /^<div\b/.test(elementWithId(html, m[1]!) ?? '');
    if (!stray && !describedIds.has(`${m[1]}-error`)) problems.push(`message #${m[1]}-error describes no control`);
  }
  return problems;
}

const walk = TRIPS.familyToLisbon;

/** Each form of the site brought to its error state. */
const FORMS: Array<[string, () => Promise<Answer>]> = [
  [
    'search',
    async () => createTestApp().agent.get(`/flights?${new URLSearchParams({ ...searchQuery(walk), from: 'DUB', to: 'DUB', depart: '', adults: '0', children: '9', infants: '3' })}`),
  ],
  [
    'results (no fare chosen)',
    async () => {
      const { agent } = createTestApp();
      const url = `/flights?${new URLSearchParams(searchQuery(walk))}`;
      return postForm(agent, url, '/checkouts', searchQuery(walk));
    },
  ],
  [
    'free-to-paid upgrade (an answer that is neither)',
    async () => {
      const ctx = createTestApp();
      const { id } = await checkoutAt(ctx, 'passengers', walk);
      const url = `/checkouts/${id}/upgrade`;
      return postForm(ctx.agent, url, url, { answer: 'perhaps' });
    },
  ],
  [
    'passengers',
    async () => {
      const ctx = createTestApp();
      const { id } = await checkoutAt(ctx, 'passengers', walk);
      const url = `/checkouts/${id}/passengers`;
      return postForm(ctx.agent, url, url, { 'p3-dob': '', email: 'x' });
    },
  ],
  [
    'seats',
    async () => {
      const ctx = createTestApp();
      const { id } = await checkoutAt(ctx, 'seats', walk);
      const url = `/checkouts/${id}/seats`;
      return postForm(ctx.agent, url, url, { 'seat-p1-outbound': '99Z' });
    },
  ],
  [
    'extras',
    async () => {
      const ctx = createTestApp();
      const { id } = await checkoutAt(ctx, 'extras', walk);
      const url = `/checkouts/${id}/extras`;
      return postForm(ctx.agent, url, url, { 'bag-p1-outbound': '7', 'priority-p1-outbound': 'perhaps', 'upgrade-outbound': 'perhaps', hotel: '999999' });
    },
  ],
  [
    'extras: the car',
    async () => {
      const ctx = createTestApp();
      const { id } = await checkoutAt(ctx, 'extras', TRIPS.soloToLondon);
      const url = `/checkouts/${id}/extras`;
      return postForm(ctx.agent, url, url, { car: '999999', 'car-days': '40' });
    },
  ],
  [
    'payment',
    async () => {
      const ctx = createTestApp();
      const { id } = await checkoutAt(ctx, 'review', walk);
      return postForm(ctx.agent, `/checkouts/${id}/review`, `/checkouts/${id}/payment`, cardFields({ 'card-number': '1234', 'card-name': '', 'card-expiry': '01/20', 'card-cvc': '1' }));
    },
  ],
  [
    'hotel after booking',
    async () => {
      const ctx = createTestApp();
      const { reference } = await checkoutAt(ctx, 'booked', walk);
      const url = `/bookings/${reference}`;
      return postForm(ctx.agent, url, `${url}/hotel`, { nights: '99', rooms: '99' });
    },
  ],
  [
    'car after booking',
    async () => {
      const ctx = createTestApp();
      const { reference } = await checkoutAt(ctx, 'booked', TRIPS.soloToLondon);
      const url = `/bookings/${reference}`;
      const lisbonCar = ctx.db.prepare("SELECT id FROM cars WHERE airport_code = 'LIS' LIMIT 1").pluck().get() as number;
      return postForm(ctx.agent, url, `${url}/car`, { car: String(lisbonCar), 'car-days': '40' });
    },
  ],
  [
    'manage booking: paying for an extra',
    async () => {
      const ctx = await bookedTrip();
      const manage = `/bookings/${ctx.reference}/manage`;
      await postForm(ctx.agent, '/manage', '/manage', { reference: ctx.reference, familyName: 'Lovelace' });
      const review = await postForm(ctx.agent, manage, `${manage}/review`, { type: 'insurance' });
      const purchase = /name="purchase" value="([^"]+)"/.exec(review.text)?.[1] ?? '';
      return postForm(ctx.agent, manage, `${manage}/pay`, { type: 'insurance', purchase, ...cardFields({ 'card-number': '1234', 'card-cvc': '1' }) });
    },
  ],
  ['manage booking look-up', async () => postForm(createTestApp().agent, '/manage', '/manage', { reference: '', familyName: '' })],
  [
    'trainer: simulator',
    async () => {
      const ctx: TestContext = createTrainerApp();
      await signIn(ctx.agent);
      return postForm(ctx.agent, '/trainer/simulate', '/trainer/simulate', { shoppers: '0', seed: 'x', 'take-bag': '2' });
    },
  ],
  [
    'trainer: dashboard filters',
    async () => {
      const ctx = createTrainerApp();
      await signIn(ctx.agent);
      return ctx.agent.get('/trainer/dashboard?route=XXX-YYY&from=2026-11-28&to=2026-11-20');
    },
  ],
];

describe('every form’s error state', () => {
  it.each(FORMS)('%s: title "Error: …", a focused summary whose links reach fields marked invalid and described by their message', async (_name, errorState) => {
    const res = await errorState();
    expect(errorStateProblems(res)).toEqual([]);
  });
});
