// The tactic lens: a trainer who switches it on sees, on each offer of the customer flow, what it is
// (UPSELL or CROSS-SELL), the tactic acting on it, its placement and its take rate; nobody else does.
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { lensFor } from '../../src/features/trainer/lens.ts';
import { LENS_COOKIE, TRAINER_COOKIE } from '../../src/features/trainer/trainer-session.ts';
import { SESSION_COOKIE } from '../../src/lib/session.ts';
import { text } from '../helpers/app.ts';
import { checkoutAt } from '../helpers/factories.ts';
import { openCheckout } from '../helpers/flow.ts';
import { payAndBook, reachReview, reviewUrl, ONE_WAY } from '../payment/pay-flow.ts';
import { cookieNamed, createTrainerApp, postPlaybookForm, recordEvents, signIn } from './trainer-helpers.ts';

const LABEL = /data-testid="tactic-lens"/;

async function switchLens(agent: Parameters<typeof signIn>[0], on: boolean) {
  return postPlaybookForm(agent, '/trainer/lens', { lens: on ? 'on' : 'off' });
}

describe('the tactic lens', () => {
  it('labels the review insurance offer for the trainer who switched it on, with kind, tactic, placement and take rate', async () => {
    const ctx = createTrainerApp();
    recordEvents(ctx.db, [
      { offerCode: 'TRAVEL_INSURANCE', placement: 'review', tactic: 'checkout_addons', variant: 'on', event: 'shown', count: 20 },
      { offerCode: 'TRAVEL_INSURANCE', placement: 'review', tactic: 'checkout_addons', variant: 'on', event: 'accepted', count: 5 },
    ]);
    await signIn(ctx.agent);
    const res = await switchLens(ctx.agent, true);
    expect(res.status).toBe(303);
    expect((await ctx.agent.get('/trainer')).text).toContain('on in this browser');
    const id = await reachReview(ctx);
    const review = text((await ctx.agent.get(reviewUrl(id))).text);
    expect(review).toContain('CROSS-SELL · checkout_addons · review · take rate 25% of 20');
  });

  it('labels the confirmation hotel offer', async () => {
    const ctx = createTrainerApp();
    await signIn(ctx.agent);
    await switchLens(ctx.agent, true);
    const reference = await payAndBook(ctx, await reachReview(ctx));
    const page = text((await ctx.agent.get(`/bookings/${reference}`)).text);
    expect(page).toContain('CROSS-SELL · no tactic · confirmation · no impressions yet');
  });

  it('labels each fare upsell on the results page with the tactic its impression records', async () => {
    const ctx = createTrainerApp();
    await signIn(ctx.agent);
    await switchLens(ctx.agent, true);
    const page = await ctx.agent.get('/flights?from=DUB&to=LHR&trip=one_way&depart=2026-12-10&adults=1&children=0&infants=0');
    expect(page.status).toBe(200);
    expect(text(page.text)).toMatch(/UPSELL · free_to_paid_upgrade · results · (no impressions yet|take rate \d+% of \d+)/);
    const customer = await createTrainerApp().agent.get('/flights?from=DUB&to=LHR&trip=one_way&depart=2026-12-10&adults=1&children=0&infants=0');
    expect(customer.text).not.toMatch(LABEL);
  });

  it('labels the offers of the extras page with the tactic their events record', async () => {
    const ctx = createTrainerApp();
    await signIn(ctx.agent);
    await switchLens(ctx.agent, true);
    const id = await reachReview(ctx);
    const res = await ctx.agent.get(`/checkouts/${id}/extras`);
    expect(res.status).toBe(200);
    const page = text(res.text);
    expect(page).toMatch(/CROSS-SELL · checkout_addons · extras · (no impressions yet|take rate \d+% of \d+)/);
    expect(page).toMatch(/UPSELL · checkout_addons · extras/); // priority boarding is an upsell
  });

  it('labels the seat offers of the one-map seat page (extra legroom, up front) with the tactic their impressions record, for the trainer only', async () => {
    const ctx = createTrainerApp();
    ctx.db.prepare("UPDATE tactics SET mode = 'on' WHERE code = 'anchoring'").run();
    await signIn(ctx.agent);
    await switchLens(ctx.agent, true);
    const { id } = await checkoutAt(ctx, 'seats', ONE_WAY);
    const res = await ctx.agent.get(`/checkouts/${id}/seats`);
    expect(res.status).toBe(200);
    // Each zone's line of the price list carries its own label (Basic: every zone is a paid offer).
    const zoneLine = (zone: string) => new RegExp(`<li>(?:(?!</li>).)*data-testid="seat-price-outbound-${zone}"(?:(?!</li>).)*</li>`, 's').exec(res.text)?.[0] ?? '';
    for (const zone of ['extra-legroom', 'up-front', 'standard']) {
      expect(text(zoneLine(zone)), zone).toMatch(/UPSELL · anchoring · seats · (no impressions yet|take rate \d+% of \d+)/);
    }
    // The impressions the page recorded name the same tactic the labels do.
    const recorded = ctx.db.prepare("SELECT DISTINCT tactic FROM offer_events WHERE checkout_id = ? AND placement = 'seats'").pluck().all(id);
    expect(recorded).toEqual(['anchoring']);
    // The customer of another browser, on their own seat page, sees no label.
    const customer = createTrainerApp();
    const other = await checkoutAt(customer, 'seats', ONE_WAY);
    const plain = await customer.agent.get(`/checkouts/${other.id}/seats`);
    expect(plain.status).toBe(200);
    expect(plain.text).toContain('data-testid="seat-price-outbound-extra-legroom"');
    expect(plain.text).not.toMatch(LABEL);
  });

  it('labels the Standard offer of the free-to-paid upgrade page with its tactic, for the trainer only', async () => {
    const ctx = createTrainerApp();
    await signIn(ctx.agent);
    await switchLens(ctx.agent, true);
    const id = await openCheckout(ctx, ONE_WAY);
    const page = await ctx.agent.get(`/checkouts/${id}/upgrade`);
    expect(page.status).toBe(200);
    expect(text(page.text)).toMatch(/UPSELL · free_to_paid_upgrade · results · (no impressions yet|take rate \d+% of \d+)/);
    const customer = createTrainerApp();
    const theirs = await customer.agent.get(`/checkouts/${await openCheckout(customer, ONE_WAY)}/upgrade`);
    expect(theirs.text).toContain('data-testid="fare-upgrade-accept"');
    expect(theirs.text).not.toMatch(LABEL);
  });

  it('labels the Comfort bundle CROSS-SELL · bundle · extras with its take rate, for the trainer only', async () => {
    const ctx = createTrainerApp();
    ctx.db.prepare("UPDATE tactics SET mode = 'on' WHERE code = 'bundle'").run();
    recordEvents(ctx.db, [
      { offerCode: 'BUNDLE_COMFORT', placement: 'extras', tactic: 'bundle', variant: 'on', event: 'shown', count: 8 },
      { offerCode: 'BUNDLE_COMFORT', placement: 'extras', tactic: 'bundle', variant: 'on', event: 'accepted', count: 2 },
    ]);
    await signIn(ctx.agent);
    await switchLens(ctx.agent, true);
    const id = await reachReview(ctx);
    const res = await ctx.agent.get(`/checkouts/${id}/extras`);
    expect(res.text).toContain('data-testid="extras-bundle"');
    expect(text(res.text)).toContain('CROSS-SELL · bundle · extras · take rate 25% of 8');
    const customer = createTrainerApp();
    customer.db.prepare("UPDATE tactics SET mode = 'on' WHERE code = 'bundle'").run();
    const page = await customer.agent.get(`/checkouts/${await reachReview(customer)}/extras`);
    expect(page.text).toContain('data-testid="extras-bundle"');
    expect(page.text).not.toMatch(LABEL);
  });

  it('is never shown to a customer, to a trainer with the lens off, or to a browser holding a lens cookie without a trainer session', async () => {
    const ctx = createTrainerApp();
    const sid = cookieNamed(await ctx.agent.get('/'), SESSION_COOKIE)!.split(';')[0]!;
    // A customer on the flow.
    const id = await reachReview(ctx);
    expect((await ctx.agent.get(reviewUrl(id))).text).not.toMatch(LABEL);
    // The same browser signs in as trainer: lens off by default.
    await signIn(ctx.agent);
    expect((await ctx.agent.get(reviewUrl(id))).text).not.toMatch(LABEL);
    const on = await switchLens(ctx.agent, true);
    const lensCookie = cookieNamed(on, LENS_COOKIE)!.split(';')[0]!;
    expect((await ctx.agent.get(reviewUrl(id))).text).toMatch(LABEL);
    // The customer session with a copy of the lens cookie but no trainer session sees nothing.
    const copied = await request(ctx.app).get(reviewUrl(id)).set('Cookie', [sid, lensCookie].join('; '));
    expect(copied.status).toBe(200);
    expect(copied.text).toContain('data-testid="insurance-offer"');
    expect(copied.text).not.toMatch(LABEL);
    // Switched off again.
    await switchLens(ctx.agent, false);
    expect((await ctx.agent.get(reviewUrl(id))).text).not.toMatch(LABEL);
  });

  it('ends with the trainer session: after sign-out the old trainer and lens cookies show nothing', async () => {
    const ctx = createTrainerApp();
    const sid = cookieNamed(await ctx.agent.get('/'), SESSION_COOKIE)!.split(';')[0]!;
    const id = await reachReview(ctx);
    const trainerCookie = cookieNamed(await signIn(ctx.agent), TRAINER_COOKIE)!.split(';')[0]!;
    const lensCookie = cookieNamed(await switchLens(ctx.agent, true), LENS_COOKIE)!.split(';')[0]!;
    const replay = () => request(ctx.app).get(reviewUrl(id)).set('Cookie', [sid, trainerCookie, lensCookie].join('; '));
    expect((await replay()).text).toMatch(LABEL);
    await postPlaybookForm(ctx.agent, '/trainer/sign-out', {});
    const after = await replay();
    expect(after.text).toContain('data-testid="insurance-offer"');
    expect(after.text).not.toMatch(LABEL);
  });

  it('names the tactic acting on an offer from the session assignments when the page does not say', () => {
    const figures = [{ offerCode: 'HOTEL_STAY', placement: 'extras', shown: 140, accepted: 32 }];
    const withDiscount = lensFor(figures, (t) => t === 'complementary_discount');
    expect(withDiscount.label('HOTEL_STAY', 'extras')).toEqual({ kind: 'cross_sell', tactic: 'complementary_discount', placement: 'extras', takeRate: 32 / 140, impressions: 140 });
    expect(lensFor(figures, () => false).label('HOTEL_STAY', 'extras').tactic).toBeNull();
    expect(lensFor(figures, () => true).label('CABIN_UPGRADE', 'extras', null)).toMatchObject({ kind: 'upsell', tactic: null, takeRate: null, impressions: 0 });
  });
});
