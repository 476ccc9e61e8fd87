// Bad input on the extras step: the same page, the values typed, a message beside the field, 422,
// and nothing written (no extras, no accepted events).
import { describe, expect, it } from 'vitest';
import { atExtras, events, FAMILY_TO_LISBON, hotelIds, postExtras, SOLO_TO_NEW_YORK, storedExtras, tagOf, type ExtrasContext } from './extras-helpers.ts';

function expectRefused(ctx: ExtrasContext, res: { status: number; text: string }, fieldName: string, message?: RegExp) {
  expect(res.status).toBe(422);
  expect(res.text).toContain('data-testid="error-summary"');
  const error = new RegExp(`data-testid="error-${fieldName}">([^<]*)<`).exec(res.text);
  expect(error, `no error beside ${fieldName}`).not.toBeNull();
  if (message) expect(error![1]).toMatch(message);
  expect(storedExtras(ctx)).toEqual([]);
  expect(events(ctx).filter((e) => e.event !== 'shown')).toEqual([]);
}

describe('extras: bad input', () => {
  it.each(['-1', '4', '1.5', 'abc'])('refuses a bag quantity of %s with 422 and writes nothing', async (quantity) => {
    const ctx = await atExtras({ ...FAMILY_TO_LISBON, family: 'basic' });
    const res = await postExtras(ctx, { 'bag-p1-outbound': quantity, insurance: 'add' });
    expectRefused(ctx, res, 'bag-p1-outbound');
  });

  it('refuses more bags than a passenger may add on top of those the fare includes, with 422', async () => {
    const ctx = await atExtras(FAMILY_TO_LISBON); // Standard includes 1 of the 3
    const res = await postExtras(ctx, { 'bag-p2-return': '3' });
    expectRefused(ctx, res, 'bag-p2-return', /0 to 2 bags/);
  });

  it('refuses a bag for an infant, with 422', async () => {
    const ctx = await atExtras(FAMILY_TO_LISBON); // p4 is the infant
    const res = await postExtras(ctx, { 'bag-p4-outbound': '1' });
    expectRefused(ctx, res, 'bag-p4-outbound', /lap/);
  });

  it('refuses a bag for a passenger not on the booking, with 422', async () => {
    const ctx = await atExtras(FAMILY_TO_LISBON);
    const res = await postExtras(ctx, { 'bag-p9-outbound': '1', 'bag-p1-outbound': '1' });
    expectRefused(ctx, res, 'bag-p9-outbound', /no passenger 9/);
  });

  it('refuses a bag for passenger 0 and a quantity sent twice, with 422', async () => {
    const ctx = await atExtras(FAMILY_TO_LISBON);
    const zero = await postExtras(ctx, { 'bag-p0-outbound': '1' });
    expectRefused(ctx, zero, 'bag-p0-outbound', /no passenger 0/);
    const twice = await postExtras(ctx, { 'bag-p1-outbound': ['1', '2'] });
    expectRefused(ctx, twice, 'bag-p1-outbound');
  });

  it('refuses a bag on a return flight a one-way trip does not have, with 422', async () => {
    const ctx = await atExtras(SOLO_TO_NEW_YORK);
    const res = await postExtras(ctx, { 'bag-p1-return': '1' });
    expectRefused(ctx, res, 'bag-p1-return', /no return flight/);
  });

  it('refuses priority boarding when the fare already includes it, with 422', async () => {
    const ctx = await atExtras({ ...FAMILY_TO_LISBON, family: 'flex' });
    const res = await postExtras(ctx, { 'priority-p1-outbound': 'add' });
    expectRefused(ctx, res, 'priority-p1-outbound', /Flex fare already includes priority/);
  });

  it('refuses an answer other than Add or No thanks, with 422', async () => {
    const ctx = await atExtras(FAMILY_TO_LISBON);
    const res = await postExtras(ctx, { 'priority-p1-outbound': 'yes please', insurance: 'maybe' });
    expectRefused(ctx, res, 'priority-p1-outbound');
    expect(res.text).toContain('data-testid="error-insurance"');
  });

  it('refuses an upgrade on a flight without a business cabin, with 422', async () => {
    const ctx = await atExtras(FAMILY_TO_LISBON);
    const res = await postExtras(ctx, { 'upgrade-outbound': 'add' });
    expectRefused(ctx, res, 'upgrade-outbound', /no Business cabin/);
  });

  it('refuses a hotel of another city, with 422', async () => {
    const ctx = await atExtras(FAMILY_TO_LISBON);
    const madrid = hotelIds(ctx, 'MAD')[0]!;
    const res = await postExtras(ctx, { hotel: String(madrid), 'hotel-rooms': '1' });
    expectRefused(ctx, res, 'hotel', /not in Lisbon/);
  });

  it('refuses an unknown hotel id, with 422', async () => {
    const ctx = await atExtras(FAMILY_TO_LISBON);
    const res = await postExtras(ctx, { hotel: '999999', 'hotel-rooms': '1' });
    expectRefused(ctx, res, 'hotel', /Choose one of the hotels/);
  });

  it.each(['0', '15'])('refuses %s nights on a one-way trip, with 422', async (nights) => {
    const ctx = await atExtras(SOLO_TO_NEW_YORK);
    const res = await postExtras(ctx, { hotel: String(hotelIds(ctx, 'JFK')[0]), 'hotel-nights': nights, 'hotel-rooms': '1' });
    expectRefused(ctx, res, 'hotel-nights', /1 to 14 nights/);
  });

  it.each(['0', '4'])('refuses %s rooms for three seated passengers, with 422', async (rooms) => {
    const ctx = await atExtras(FAMILY_TO_LISBON);
    const res = await postExtras(ctx, { hotel: String(hotelIds(ctx, 'LIS')[0]), 'hotel-rooms': rooms });
    expectRefused(ctx, res, 'hotel-rooms', /1 to 3 rooms/);
  });

  it('puts back what was typed next to the error, and saves none of it', async () => {
    const ctx = await atExtras(FAMILY_TO_LISBON);
    const lisbon = hotelIds(ctx, 'LIS')[1]!;
    const res = await postExtras(ctx, {
      'bag-p1-outbound': '2',
      'priority-p2-return': 'decline',
      insurance: 'add',
      hotel: String(lisbon),
      'hotel-rooms': '9',
    });
    expectRefused(ctx, res, 'hotel-rooms');
    expect(res.text).toMatch(/<option value="2" selected>/);
    expect(tagOf(res.text, 'priority-decline-p2-return')).toContain('checked');
    expect(tagOf(res.text, 'insurance-add')).toContain('checked');
    expect(tagOf(res.text, `hotel-option-${lisbon}`)).toContain('checked');
  });

  it('reports every error of the form at once, beside each field, and keeps every choice typed', async () => {
    const ctx = await atExtras(FAMILY_TO_LISBON);
    const madrid = hotelIds(ctx, 'MAD')[0]!;
    const res = await postExtras(ctx, {
      'bag-p1-outbound': 'abc', // not a number
      'bag-p2-return': '3', // Standard includes 1 of 3
      'bag-p4-outbound': '1', // the infant
      'bag-p3-outbound': '2', // fine
      'priority-p1-outbound': 'yes please', // not an answer
      'priority-p2-outbound': 'decline', // fine
      'upgrade-outbound': 'add', // no business cabin to Lisbon
      hotel: String(madrid), // not in Lisbon
      'hotel-rooms': '9', // three seated passengers
      insurance: 'maybe', // not an answer
    });
    expect(res.status).toBe(422);
    for (const name of ['bag-p1-outbound', 'bag-p2-return', 'bag-p4-outbound', 'priority-p1-outbound', 'upgrade-outbound', 'hotel', 'hotel-rooms', 'insurance']) {
      expect(res.text, name).toContain(`data-testid="error-${name}"`);
    }
    expect(res.text).toContain('Please check 8 things');
    expect(res.text).toMatch(/<select id="bag-p3-outbound"[\s\S]*?<option value="2" selected>/);
    expect(tagOf(res.text, 'priority-decline-p2-outbound')).toContain('checked');
    expect(storedExtras(ctx)).toEqual([]);
    expect(events(ctx).filter((e) => e.event !== 'shown')).toEqual([]);
  });

  it('refuses to change the extras of a checkout that has been paid, with 409', async () => {
    const ctx = await atExtras(FAMILY_TO_LISBON);
    ctx.db.prepare("UPDATE checkouts SET status = 'booked' WHERE id = ?").run(ctx.id);
    const res = await postExtras(ctx, { insurance: 'add' });
    expect(res.status).toBe(409);
    expect(res.text).toContain('Manage booking');
    expect(storedExtras(ctx)).toEqual([]);
  });

  it('sends a customer whose passengers are not complete back to the passengers step, with 303', async () => {
    const { createTestApp } = await import('../helpers/app.ts');
    const { openCheckout } = await import('../helpers/flow.ts');
    const ctx = createTestApp();
    const id = await openCheckout(ctx, FAMILY_TO_LISBON);
    const page = await ctx.agent.get(`/checkouts/${id}/extras`);
    expect(page.status).toBe(303);
    expect(page.headers.location).toBe(`/checkouts/${id}/passengers`);
    const { postForm } = await import('../helpers/app.ts');
    const post = await postForm(ctx.agent, `/checkouts/${id}/passengers`, `/checkouts/${id}/extras`, { insurance: 'add' });
    expect(post.status).toBe(303);
    expect(post.headers.location).toBe(`/checkouts/${id}/passengers`);
  });
});
