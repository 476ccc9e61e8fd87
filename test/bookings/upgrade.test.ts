// A cabin upgrade bought on the extras step moves the passengers into the business cabin:
// the seat map offers business seats (included), and the booking sells Business inventory.
import { describe, expect, it } from 'vitest';
import { postForm } from '../helpers/app.ts';
import { atExtras, saveExtrasForm, SOLO_TO_NEW_YORK } from '../extras/extras-helpers.ts';
import { count, payAndBook } from '../payment/pay-flow.ts';

describe('cabin upgrade', () => {
  it('lets an upgraded passenger choose a business seat at no charge', async () => {
    const ctx = await atExtras(SOLO_TO_NEW_YORK);
    await saveExtrasForm(ctx, { 'upgrade-outbound': 'add' });
    const seatsUrl = `/checkouts/${ctx.id}/seats`;
    const page = await ctx.agent.get(seatsUrl);
    expect(page.status).toBe(200);
    // The A330's business cabin is rows 1-6, letters A D G K; some are taken by the pre-load.
    const free = /<button name="pick" value="outbound:([1-6][ADGK])"/.exec(page.text)?.[1];
    expect(free, 'a free business seat on the map').toBeDefined();
    const res = await postForm(ctx.agent, seatsUrl, seatsUrl, { 'seat-p1-outbound': free! });
    expect(res.status, res.text.slice(0, 2000)).toBe(303);
    expect(ctx.db.prepare('SELECT seat, price_minor FROM seat_assignments WHERE checkout_id = ?').get(ctx.id)).toEqual({ seat: free, price_minor: 0 });
  });

  it('sells the seat from the Business fare inventory, not the fare first chosen', async () => {
    const ctx = await atExtras(SOLO_TO_NEW_YORK);
    await saveExtrasForm(ctx, { 'upgrade-outbound': 'add' });
    const flightId = count(ctx, "SELECT flight_id FROM checkout_flights WHERE checkout_id = ? AND direction = 'outbound'", ctx.id);
    const sold = (family: string) => count(ctx, 'SELECT seats_sold FROM fares WHERE flight_id = ? AND family = ?', flightId, family);
    await payAndBook(ctx, ctx.id);
    expect(sold('business')).toBe(1);
    expect(sold('basic')).toBe(0);
  });
});
