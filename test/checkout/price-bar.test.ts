// The live price bar: on every checkout step a compact total (price-bar-total) with the itemised price
// one link away; on seats and extras a quote address answers the total of the choices on screen,
// priced by the server as Continue would save them, and saving nothing.
import { describe, expect, it } from 'vitest';
import { createTestApp, csrfFrom, type TestContext } from '../helpers/app.ts';
import { checkoutAt, checkoutOf, firstFreeSeats } from '../helpers/factories.ts';
import { TRIPS } from '../helpers/fixtures.ts';
import { atExtras, byTestId, FAMILY_TO_LISBON, SOLO_TO_NEW_YORK, hotelIds, minor, storedExtras, summaryOf, type ExtrasContext } from '../extras/extras-helpers.ts';
import { availableSeats, holds, seatsUrl } from '../seats/seats-helpers.ts';

type QuoteBody = { total: { amountMinor: number; currency: string }; totalText: string; lines: Array<{ key: string; total: { amountMinor: number } }>; summaryHtml: string };

/** POSTs the fields to a step's quote address with the page's CSRF token, as the bar's script does. */
async function quote(ctx: TestContext, pageUrl: string, fields: Record<string, string>) {
  const page = await ctx.agent.get(pageUrl);
  const body = new URLSearchParams({ _csrf: csrfFrom(page.text), ...fields });
  return ctx.agent.post(`${pageUrl}/quote`).type('form').set('Accept', 'application/json').send(body.toString());
}

async function savedTotal(ctx: TestContext, url: string): Promise<{ bar: number; panel: number }> {
  const page = await ctx.agent.get(url);
  return { bar: minor(byTestId(page.text, 'price-bar-total') ?? ''), panel: summaryOf(page.text).total };
}

async function saveForm(ctx: TestContext, url: string, fields: Record<string, string>) {
  const page = await ctx.agent.get(url);
  const res = await ctx.agent.post(url).type('form').send(new URLSearchParams({ _csrf: csrfFrom(page.text), ...fields }).toString());
  expect(res.status, res.text.slice(0, 2000)).toBe(303);
}

describe('the live price bar', () => {
  it('quotes extras (bags, priority, hotel, insurance) at exactly the total the page shows after saving the same choices, without saving', async () => {
    const ctx: ExtrasContext = await atExtras(FAMILY_TO_LISBON);
    const fields = {
      'bag-p1-outbound': '2',
      'bag-p3-return': '1',
      'priority-p2-outbound': 'add',
      'priority-p1-return': 'decline',
      hotel: String(hotelIds(ctx, 'LIS')[1]!),
      'hotel-rooms': '2',
      insurance: 'add',
    };
    const before = await savedTotal(ctx, ctx.url);
    const answers = () => ctx.db.prepare("SELECT COUNT(*) FROM offer_events WHERE checkout_id = ? AND event != 'shown'").pluck().get(ctx.id);
    const answersBefore = answers();
    const res = await quote(ctx, ctx.url, fields);
    expect(res.status, res.text.slice(0, 1000)).toBe(200);
    const body = res.body as QuoteBody;
    expect(body.total.amountMinor).toBeGreaterThan(before.panel);
    // Nothing saved, no offer answered: the quote only prices.
    expect(storedExtras(ctx)).toEqual([]);
    expect(answers()).toBe(answersBefore);

    await saveForm(ctx, ctx.url, fields);
    const after = await savedTotal(ctx, ctx.url);
    expect(body.total.amountMinor).toBe(after.panel);
    expect(after.bar).toBe(after.panel);
    expect(minor(body.totalText)).toBe(after.panel);
    // The same lines as the saved summary, and the panel the script swaps in says the same total.
    const page = await ctx.agent.get(ctx.url);
    expect(new Map(body.lines.map((l) => [l.key.replace(/:/g, '-'), l.total.amountMinor]))).toEqual(summaryOf(page.text).lines);
    expect(summaryOf(body.summaryHtml).total).toBe(after.panel);
  });

  it('quotes taking extras away again: the saved extras are replaced by the choices on screen', async () => {
    const ctx = await atExtras(FAMILY_TO_LISBON);
    const start = await savedTotal(ctx, ctx.url);
    await saveForm(ctx, ctx.url, { 'bag-p1-outbound': '2', insurance: 'add' });
    const res = await quote(ctx, ctx.url, { 'bag-p1-outbound': '0', insurance: 'decline' });
    expect(res.status).toBe(200);
    expect((res.body as QuoteBody).total.amountMinor).toBe(start.panel);
  });

  it('quotes a cabin upgrade with the economy seats it would release at the total shown after saving it, and keeps the seats held', async () => {
    const ctx = createTestApp();
    const { id } = await checkoutAt(ctx, 'extras', SOLO_TO_NEW_YORK, { seats: 'first-free' });
    const url = `/checkouts/${id}/extras`;
    const held = holds(ctx.db, id);
    expect(held).toHaveLength(1);
    const res = await quote(ctx, url, { 'upgrade-outbound': 'add' });
    expect(res.status, res.text.slice(0, 1000)).toBe(200);
    expect(holds(ctx.db, id)).toEqual(held);
    await saveForm(ctx, url, { 'upgrade-outbound': 'add' });
    expect(holds(ctx.db, id)).toEqual([]);
    expect((res.body as QuoteBody).total.amountMinor).toBe((await savedTotal(ctx, url)).panel);
  });

  it('answers bad extras with a 422 problem naming the form fields, and saves nothing', async () => {
    const ctx = await atExtras(FAMILY_TO_LISBON);
    const res = await quote(ctx, ctx.url, { 'bag-p1-outbound': '9', 'bag-p4-outbound': '1', 'hotel-rooms': 'many', hotel: String(hotelIds(ctx, 'LIS')[0]!) });
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const fields = (JSON.parse(res.text) as { errors: Array<{ field: string; code: string }> }).errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['bag-p1-outbound', 'bag-p4-outbound', 'hotel-rooms']));
    expect(storedExtras(ctx)).toEqual([]);
  });

  it('quotes seats (paid zones, one passenger skipped) at exactly the total the page shows after holding them, holding nothing', async () => {
    const ctx = createTestApp();
    const { id } = await checkoutAt(ctx, 'seats', TRIPS.familyToLisbon);
    const url = seatsUrl(id);
    const choices = firstFreeSeats(ctx.db, checkoutOf(ctx.db, id), { now: ctx.clock.now(), seed: ctx.config.demoSeed });
    const fields: Record<string, string> = Object.fromEntries(choices.map((c) => [`seat-p${c.passengerIdx}-${c.direction}`, c.seat ?? "skip"]));
    // One passenger in the last free seat of the map instead (another zone, paid on this fare).
    const page = await ctx.agent.get(url);
    const last = availableSeats(page.text, 'seat-p1-outbound').at(-1)!;
    fields['seat-p1-outbound'] = last;
    fields['seat-p3-outbound'] = 'skip';
    fields['seat-p3-return'] = 'skip';
    const res = await quote(ctx, url, fields);
    expect(res.status, res.text.slice(0, 1000)).toBe(200);
    expect(holds(ctx.db, id)).toEqual([]);
    await saveForm(ctx, url, fields);
    expect(holds(ctx.db, id).length).toBeGreaterThan(0);
    const after = await savedTotal(ctx, url);
    expect((res.body as QuoteBody).total.amountMinor).toBe(after.panel);
    expect(after.bar).toBe(after.panel);
  });

  it('prices a seats quote with a passenger not chosen yet as without a seat, and refuses a seat that does not exist with 422', async () => {
    const ctx = createTestApp();
    const { id } = await checkoutAt(ctx, 'seats', TRIPS.soloToLondon);
    const url = seatsUrl(id);
    const saved = await savedTotal(ctx, url);
    const empty = await quote(ctx, url, { 'seat-p1-outbound': '' });
    expect(empty.status).toBe(200);
    expect((empty.body as QuoteBody).total.amountMinor).toBe(saved.panel);
    const bad = await quote(ctx, url, { 'seat-p1-outbound': '99Z' });
    expect(bad.status).toBe(422);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((JSON.parse(bad.text) as { errors: Array<{ field: string; code: string }> }).errors).toEqual([expect.objectContaining({ field: 'seat-p1-outbound', code: 'unknown_seat' })]);
  });

  it('shows the bar with the saved total and a link to the itemised price on every step: passengers, seats, extras, review', async () => {
    const ctx = createTestApp();
    const { id } = await checkoutAt(ctx, 'review', { ...TRIPS.familyToLisbon, children: 0 }, { seats: 'first-free', extras: { bags: [{ passengerIdx: 1, direction: 'outbound', quantity: 1 }] } });
    for (const step of ['passengers', 'seats', 'extras', 'review'] as const) {
      const page = await ctx.agent.get(`/checkouts/${id}/${step}`);
      expect(page.status, step).toBe(200);
      const bar = minor(byTestId(page.text, 'price-bar-total') ?? 'missing');
      const total = minor(byTestId(page.text, 'price-total') ?? '');
      expect(bar, step).toBe(total);
      const href = /data-testid="price-bar-details"/.test(page.text) ? /href="(#[a-z-]+)"[^>]*data-testid="price-bar-details"/.exec(page.text)?.[1] : undefined;
      expect(href, step).toBeDefined();
      expect(page.text, step).toContain(`id="${href!.slice(1)}"`);
    }
  });
});
