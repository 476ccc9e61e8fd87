// What the extras page offers, and that nothing is chosen for the customer.
import { describe, expect, it } from 'vitest';
import { text } from '../helpers/app.ts';
import {
  atExtras,
  postExtras,
  storedExtras,
  bandFor,
  byTestId,
  FAMILY_TO_LISBON,
  flightOf,
  hotelIds,
  minor,
  priceRule,
  saveExtrasForm,
  SOLO_TO_NEW_YORK,
  tagOf,
} from './extras-helpers.ts';

describe('extras page', () => {
  it('pre-selects nothing on a first visit: no radio checked, every bag at 0', async () => {
    const ctx = await atExtras(FAMILY_TO_LISBON);
    const page = await ctx.agent.get(ctx.url);
    expect(page.status).toBe(200);
    expect(page.text).not.toMatch(/<input[^>]*\schecked/);
    // Only the bag quantities (at 0) and the hotel's nights/rooms, which buy nothing by themselves, have a selected option.
    const selects = [...page.text.matchAll(/<select[^>]*data-testid="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)];
    const bags = selects.filter((m) => m[1]!.startsWith('bag-quantity-'));
    expect(bags).toHaveLength(6); // 3 seated passengers × 2 directions
    for (const [, , options] of bags) {
      expect([...options!.matchAll(/<option value="(\d+)" selected>/g)].map((o) => o[1])).toEqual(['0']);
    }
    const others = selects.filter((m) => !m[1]!.startsWith('bag-quantity-')).map((m) => m[1]);
    expect(others).toEqual(['hotel-rooms']);
  });

  it('offers bags per seated passenger and direction with the online price beside the airport price and what the fare includes', async () => {
    const ctx = await atExtras(FAMILY_TO_LISBON);
    const page = await ctx.agent.get(ctx.url);
    const rule = priceRule(ctx, 'BAG_CHECKED_23KG') as { bands: never; airportBands: never };
    const km = flightOf(ctx, 'outbound').distanceKm;
    expect(minor(byTestId(page.text, 'bag-price-outbound')!)).toBe(bandFor(rule.bands, km));
    expect(minor(byTestId(page.text, 'bag-airport-price-outbound')!)).toBe(bandFor(rule.airportBands, km));
    const body = text(page.text);
    expect(body).toContain('€35 online, €60 at the airport');
    expect(body).toContain('Your Standard fare includes 1 bag of 23 kg per passenger; add more:');
    expect(body).toContain('Checked bags for Ada Lovelace, outbound');
    expect(page.text).toContain('data-testid="bag-quantity-p3-return"');
    expect(page.text).not.toContain('data-testid="bag-quantity-p4-outbound"'); // the infant
    // Standard includes 1 of the 3 a passenger may check: 0, 1 or 2 more.
    const select = /<select id="bag-p1-outbound"[\s\S]*?<\/select>/.exec(page.text)![0];
    expect([...select.matchAll(/<option value="(\d+)"/g)].map((m) => m[1])).toEqual(['0', '1', '2']);
  });

  it('shows "No thanks" beside every "Add", as a pair of equal radio buttons', async () => {
    const ctx = await atExtras(SOLO_TO_NEW_YORK);
    const page = await ctx.agent.get(ctx.url);
    for (const [add, decline] of [
      ['priority-add-p1-outbound', 'priority-decline-p1-outbound'],
      ['upgrade-add-outbound', 'upgrade-decline-outbound'],
      ['insurance-add', 'insurance-decline'],
    ] as const) {
      expect(tagOf(page.text, add)).toMatch(/type="radio"/);
      expect(tagOf(page.text, decline)).toMatch(/type="radio"/);
      expect(page.text).toMatch(new RegExp(`<label class="choice__option"[^>]*>\\s*<input[^>]*data-testid="${decline}"`));
    }
    expect(tagOf(page.text, 'hotel-none')).toMatch(/type="radio"/);
  });

  it('does not offer priority boarding on a fare that includes it', async () => {
    const ctx = await atExtras({ ...FAMILY_TO_LISBON, family: 'flex' });
    const page = await ctx.agent.get(ctx.url);
    expect(page.text).not.toContain('data-testid="priority-add-p1-outbound"');
    expect(text(page.text)).toContain('Your Flex fare includes priority boarding on this flight.');
  });

  it('offers the upgrade only where the flight has a business cabin, priced for everyone and per person', async () => {
    const lisbon = await atExtras(FAMILY_TO_LISBON);
    expect((await lisbon.agent.get(lisbon.url)).text).not.toContain('data-testid="upgrade-add-outbound"');

    const ctx = await atExtras({ ...SOLO_TO_NEW_YORK, adults: 2 });
    const page = await ctx.agent.get(ctx.url);
    const total = minor(byTestId(page.text, 'upgrade-price-outbound')!);
    expect(total).toBeGreaterThan(0);
    expect(total % 2).toBe(0);
    expect(text(page.text)).toContain(`per adult`);
    expect(byTestId(page.text, 'upgrade-price-per-person-outbound')).toContain(formatEuro(total / 2));
    // What the higher cabin adds to the party's Basic fare (better-model upgrade, from the fare families).
    expect(text(page.text)).toContain('Checked bags: none → 2 × 32 kg per passenger');
  });

  it('lists every hotel of the destination city, checking in on the day of arrival for the nights of the stay', async () => {
    const ctx = await atExtras(FAMILY_TO_LISBON);
    const page = await ctx.agent.get(ctx.url);
    const ids = hotelIds(ctx, 'LIS');
    expect(ids.length).toBeGreaterThanOrEqual(3);
    for (const id of ids) expect(tagOf(page.text, `hotel-option-${id}`)).toMatch(/type="radio" [^>]*name="hotel"/);
    expect(byTestId(page.text, 'hotel-check-in')).toBe('Thu, 14 Jan 2027');
    expect(byTestId(page.text, 'hotel-nights')).toBe('4 nights');
    // Three seated passengers: up to 3 rooms; two adults and a child share 1, shown by default.
    expect(page.text).toMatch(/<option value="1" selected>1 room<\/option>/);
    expect(page.text).not.toMatch(/<option value="4"[^>]*>4 rooms/);
    for (const id of hotelIds(ctx, 'MAD')) expect(page.text).not.toContain(`data-testid="hotel-option-${id}"`);
  });

  it('lets a one-way traveller choose the nights and see the totals for them without saving', async () => {
    const ctx = await atExtras(SOLO_TO_NEW_YORK);
    const id = hotelIds(ctx, 'JFK')[0]!;
    const nightly = ctx.db.prepare('SELECT nightly_minor FROM hotels WHERE id = ?').pluck().get(id) as number;
    const page = await ctx.agent.get(ctx.url);
    expect(tagOf(page.text, 'hotel-nights')).toMatch(/<select/);
    const { postForm } = await import('../helpers/app.ts');
    const updated = await postForm(ctx.agent, ctx.url, ctx.url, { intent: 'update-hotel', 'hotel-nights': '5', 'hotel-rooms': '1' });
    expect(updated.status).toBe(200);
    expect(minor(byTestId(updated.text, `hotel-total-${id}`)!)).toBe(nightly * 5);
    expect(ctx.db.prepare('SELECT COUNT(*) FROM checkout_extras WHERE checkout_id = ?').pluck().get(ctx.id)).toBe(0);
  });

  it('keeps the page at the hotels after "Update hotel prices": the button posts to the hotel section\'s anchor', async () => {
    const ctx = await atExtras(FAMILY_TO_LISBON);
    const page = await ctx.agent.get(ctx.url);
    expect(tagOf(page.text, 'hotel-update')).toContain(`formaction="${ctx.url}#extras-hotel"`);
    expect(tagOf(page.text, 'extras-hotel')).toContain('id="extras-hotel"');
    // Continue keeps the form's own address: the review page is not opened at an anchor.
    expect(tagOf(page.text, 'extras-continue')).not.toContain('formaction');
  });

  it('copies the first passenger\'s bags to everyone on a flight, and the outbound choices to the return, without JavaScript and without saving', async () => {
    const ctx = await atExtras(FAMILY_TO_LISBON);
    const page = await ctx.agent.get(ctx.url);
    expect(tagOf(page.text, 'bags-same-outbound')).toContain(`formaction="${ctx.url}#extras-bags"`);
    expect(tagOf(page.text, 'bags-same-outbound')).toContain('data-copy="bag-p1-outbound&gt;bag-p2-outbound bag-p1-outbound&gt;bag-p3-outbound"');
    const same = await postExtras(ctx, { intent: 'same:bags:outbound', 'bag-p1-outbound': '2', 'bag-p2-outbound': '0', 'bag-p3-outbound': '1' });
    expect(same.status).toBe(200);
    for (const p of [1, 2, 3]) expect(tagOf(same.text, `bag-quantity-p${p}-outbound`)).toBeDefined();
    const selected = (name: string) => /<option value="(\d+)" selected>/.exec(new RegExp(`<select id="${name}"[\\s\\S]*?</select>`).exec(same.text)?.[0] ?? '')?.[1];
    expect([1, 2, 3].map((p) => selected(`bag-p${p}-outbound`))).toEqual(['2', '2', '2']);
    expect(storedExtras(ctx)).toEqual([]);

    const both = await postExtras(ctx, { intent: 'both:priority', 'priority-p1-outbound': 'add', 'priority-p2-outbound': 'decline' });
    expect(both.status).toBe(200);
    expect(tagOf(both.text, 'priority-add-p1-return')).toContain('checked');
    expect(tagOf(both.text, 'priority-decline-p2-return')).toContain('checked');
    expect(storedExtras(ctx)).toEqual([]);
  });

  it('shows what was saved when the page is visited again', async () => {
    const ctx = await atExtras(FAMILY_TO_LISBON);
    const hotel = hotelIds(ctx, 'LIS')[2]!;
    const saved = await saveExtrasForm(ctx, {
      'bag-p1-outbound': '2',
      'bag-p3-return': '1',
      'priority-p1-outbound': 'add',
      'priority-p2-outbound': 'decline',
      hotel: String(hotel),
      'hotel-rooms': '3',
      insurance: 'decline',
    });
    expect(saved.headers.location).toBe(`/checkouts/${ctx.id}/review`);
    const page = await ctx.agent.get(ctx.url);
    expect(page.text).toMatch(/id="bag-p1-outbound"[^>]*>\s*<option value="0" >[^<]*<\/option>\s*<option value="1" >[^<]*<\/option>\s*<option value="2" selected>/);
    expect(page.text).toMatch(/id="bag-p3-return"[^>]*>\s*<option value="0" >[^<]*<\/option>\s*<option value="1" selected>/);
    expect(tagOf(page.text, 'priority-add-p1-outbound')).toContain('checked');
    expect(tagOf(page.text, 'priority-decline-p2-outbound')).toContain('checked');
    expect(tagOf(page.text, 'priority-add-p3-outbound')).not.toContain('checked');
    expect(tagOf(page.text, 'priority-decline-p3-outbound')).not.toContain('checked');
    expect(tagOf(page.text, `hotel-option-${hotel}`)).toContain('checked');
    expect(page.text).toMatch(/<option value="3" selected>3 rooms<\/option>/);
    expect(tagOf(page.text, 'insurance-decline')).toContain('checked');
    expect(tagOf(page.text, 'insurance-add')).not.toContain('checked');
  });
});

function formatEuro(minorUnits: number): string {
  return new Intl.NumberFormat('en-IE', {
    style: 'currency',
    currency: 'EUR',
    minimumFractionDigits: minorUnits % 100 === 0 ? 0 : 2,
    maximumFractionDigits: minorUnits % 100 === 0 ? 0 : 2,
  }).format(minorUnits / 100);
}
