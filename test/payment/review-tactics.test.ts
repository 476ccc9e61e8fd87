// The review page's view model and the tactic that acts on it: the last-chance travel insurance is the
// "add-ons at checkout" tactic (checkout_addons) at placement review. Off and the control arm (A) see
// no offer there; on and arm B see it; its events name the tactic and the arm.
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { findCheckout } from '../../src/features/checkout/checkout.repository.ts';
import { priceCheckout } from '../../src/features/checkout/pricing.ts';
import { TACTIC } from '../../src/features/offers/codes.ts';
import { reviewDetails } from '../../src/features/payment/review.ts';
import { reviewView } from '../../src/features/payment/review.view.ts';
import { abVariant, type TacticAssignment, type TacticAssignments } from '../../src/features/tactics/assignments.ts';
import { createTestApp, postForm, text, type TestContext } from '../helpers/app.ts';
import { count, reachReview, reviewUrl, RETURN_TRIP } from './pay-flow.ts';

function only(assignment: TacticAssignment): TacticAssignments {
  const of = (code: string) => (code === TACTIC.checkout_addons ? assignment : null);
  return { of, applies: (code) => of(code)?.applied === true };
}

const ARMS: Record<string, TacticAssignment> = {
  off: null,
  on: { tactic: TACTIC.checkout_addons, variant: 'on', applied: true },
  A: { tactic: TACTIC.checkout_addons, variant: 'A', applied: false },
  B: { tactic: TACTIC.checkout_addons, variant: 'B', applied: true },
};

function setMode(ctx: TestContext, mode: 'off' | 'on' | 'ab'): void {
  ctx.db.prepare('UPDATE tactics SET mode = ? WHERE code = ?').run(mode, TACTIC.checkout_addons);
}

describe('the review view model', () => {
  it('shows the insurance offer for on and arm B, and not for off or arm A (the control)', async () => {
    const ctx = createTestApp();
    const checkout = findCheckout(ctx.db, await reachReview(ctx, RETURN_TRIP))!;
    const details = reviewDetails(ctx.db, checkout, ctx.clock.now());
    const summary = priceCheckout(ctx.db, checkout);
    const view = (arm: string) => reviewView({ checkout, summary, details, assignments: only(ARMS[arm]!) });
    expect(view('off').insurance).toBeNull();
    expect(view('A').insurance).toBeNull();
    expect(view('on').insurance).toMatchObject({ perPassenger: '€24', total: '€72', insuredText: '3 passengers', tactic: ARMS.on });
    expect(view('B').insurance).toMatchObject({ perPassenger: '€24', total: '€72', insuredText: '3 passengers', tactic: ARMS.B });
    // Everything else on the page is the same for every arm.
    const { insurance: _b, ...rest } = view('B');
    const { insurance: _a, ...control } = view('A');
    expect(rest).toEqual(control);
  });

  it('groups the price lines under their labels, formats the money and adds up nothing itself', async () => {
    const ctx = createTestApp();
    const checkout = findCheckout(ctx.db, await reachReview(ctx, RETURN_TRIP))!;
    const summary = priceCheckout(ctx.db, checkout);
    const view = reviewView({ checkout, summary, details: reviewDetails(ctx.db, checkout, ctx.clock.now()), assignments: only(null) });
    expect(view.priceGroups.map((g) => g.label)).toEqual(['Fares', 'Taxes and fees']);
    const testIds = (keys: string[]) => keys.map((key) => `review-line-${key.replace(/:/g, '-')}`);
    expect(view.priceGroups[0]!.lines.map((l) => l.testId)).toEqual(testIds(summary.lines.filter((l) => l.group === 'fares').map((l) => l.key)));
    expect(view.priceGroups[1]!.lines.map((l) => l.testId)).toEqual(testIds(summary.lines.filter((l) => l.group === 'taxes').map((l) => l.key)));
    expect(view.totalText).toMatch(/^€[\d,]+\.\d{2}$/);
  });
});

describe('checkout_addons on the review page', () => {
  it('off: no insurance offer on the review page, nothing recorded, and an "accept" posted anyway adds nothing', async () => {
    const ctx = createTestApp();
    setMode(ctx, 'off');
    const id = await reachReview(ctx, RETURN_TRIP);
    expect((await ctx.agent.get(reviewUrl(id))).text).not.toContain('data-testid="insurance-offer"');
    const res = await postForm(ctx.agent, reviewUrl(id), `/checkouts/${id}/review/insurance`, { response: 'accept' });
    expect(res.status).toBe(303);
    expect(count(ctx, "SELECT count(*) FROM checkout_extras WHERE checkout_id = ? AND offer_code = 'TRAVEL_INSURANCE'", id)).toBe(0);
    expect(count(ctx, "SELECT count(*) FROM offer_events WHERE placement = 'review'")).toBe(0);
  });

  it('on: the offer is shown and its events record the tactic with variant "on"', async () => {
    const ctx = createTestApp();
    setMode(ctx, 'on');
    const id = await reachReview(ctx, RETURN_TRIP);
    expect((await ctx.agent.get(reviewUrl(id))).text).toContain('data-testid="insurance-offer"');
    await postForm(ctx.agent, reviewUrl(id), `/checkouts/${id}/review/insurance`, { response: 'decline' });
    expect(ctx.db.prepare("SELECT event, tactic, variant FROM offer_events WHERE placement = 'review' AND offer_code = 'TRAVEL_INSURANCE' ORDER BY id").all()).toEqual([
      { event: 'shown', tactic: 'checkout_addons', variant: 'on' },
      { event: 'declined', tactic: 'checkout_addons', variant: 'on' },
    ]);
  });

  it('A/B: arm A sees no offer and arm B sees it, each session keeping its arm, with B recorded as variant B', async () => {
    const ctx = createTestApp();
    setMode(ctx, 'ab');
    const seen = { A: [] as string[], B: [] as string[] };
    // Sessions are random: shoppers are drawn until both arms have had one (each arm is ½ per shopper).
    for (let shopper = 0; shopper < 40 && (seen.A.length === 0 || seen.B.length === 0); shopper += 1) {
      const agent = shopper === 0 ? ctx.agent : request.agent(ctx.app);
      const id = await reachReview({ ...ctx, agent }, RETURN_TRIP);
      const sessionId = findCheckout(ctx.db, id)!.sessionId;
      const arm = abVariant(TACTIC.checkout_addons, sessionId);
      const page = await agent.get(reviewUrl(id));
      expect(page.text.includes('data-testid="insurance-offer"'), `arm ${arm}`).toBe(arm === 'B');
      if (arm === 'B') expect(text(page.text)).toContain('€24 per passenger');
      // The arm sticks to the session: the page says the same on a second look.
      expect((await agent.get(reviewUrl(id))).text.includes('data-testid="insurance-offer"')).toBe(arm === 'B');
      seen[arm].push(id);
    }
    expect(seen.A.length).toBeGreaterThan(0);
    expect(seen.B.length).toBeGreaterThan(0);
    const events = ctx.db.prepare("SELECT checkout_id, event, tactic, variant FROM offer_events WHERE placement = 'review' AND offer_code = 'TRAVEL_INSURANCE' ORDER BY id").all();
    expect(events).toEqual(seen.B.map((id) => ({ checkout_id: id, event: 'shown', tactic: 'checkout_addons', variant: 'B' })));
  });
});
