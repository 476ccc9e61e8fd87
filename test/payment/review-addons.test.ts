// Add-ons at checkout on the review page: priority boarding and seat offers repeated for the places
// that have neither, when checkout_addons applies (on, B); nothing for off or the control arm (A).
// Their impressions are recorded at placement review with the tactic and the arm.
import { describe, expect, it } from 'vitest';
import { findCheckout } from '../../src/features/checkout/checkout.repository.ts';
import { priorityPrice } from '../../src/features/checkout/offer-pricing.ts';
import { priceCheckout } from '../../src/features/checkout/pricing.ts';
import { OFFER, TACTIC } from '../../src/features/offers/codes.ts';
import { reviewAddons } from '../../src/features/payment/review-addons.ts';
import { reviewDetails } from '../../src/features/payment/review.ts';
import { reviewView } from '../../src/features/payment/review.view.ts';
import { abVariant, type TacticAssignment, type TacticAssignments } from '../../src/features/tactics/assignments.ts';
import { formatMoney } from '../../src/lib/money.ts';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { checkoutAt } from '../helpers/factories.ts';
import { RETURN_TRIP, reviewUrl } from './pay-flow.ts';

const ARMS: Record<string, TacticAssignment> = {
  off: null,
  on: { tactic: TACTIC.checkout_addons, variant: 'on', applied: true },
  A: { tactic: TACTIC.checkout_addons, variant: 'A', applied: false },
  B: { tactic: TACTIC.checkout_addons, variant: 'B', applied: true },
};
function only(assignment: TacticAssignment): TacticAssignments {
  const of = (code: string) => (code === TACTIC.checkout_addons ? assignment : null);
  return { of, applies: (code) => of(code)?.applied === true };
}

async function atReview(ctx: TestContext, options?: Parameters<typeof checkoutAt>[3], trip = RETURN_TRIP) {
  const { id } = await checkoutAt(ctx, 'review', trip, options);
  const checkout = findCheckout(ctx.db, id)!;
  const details = reviewDetails(ctx.db, checkout, ctx.clock.now());
  return { id, checkout, details, summary: priceCheckout(ctx.db, checkout) };
}

describe('add-ons at checkout on the review page', () => {
  it('offers priority boarding and seats again for on and arm B, with the lowest price, and nothing for off or arm A', async () => {
    const ctx = createTestApp();
    const { checkout, details, summary, id } = await atReview(ctx);
    const addons = reviewAddons(ctx.db, checkout, details);
    // Three seated passengers, two flights, Basic: six places without priority boarding and six seats unchosen.
    expect(addons.priority).toEqual({ missing: 6, from: priorityPrice(ctx.db, checkout.flights[0]!) });
    expect(addons.seats?.unseated).toBe(6);
    const urls = { extras: `/checkouts/${id}/extras`, seats: `/checkouts/${id}/seats` };
    const view = (arm: string) => reviewView({ checkout, summary, details, assignments: only(ARMS[arm]!), addons, stepUrls: urls }).addons;
    expect(view('off')).toEqual([]);
    expect(view('A')).toEqual([]);
    for (const arm of ['on', 'B']) {
      const shown = view(arm);
      expect(shown.map((a) => a.testId)).toEqual(['review-addon-priority', 'review-addon-seats']);
      expect(shown[0]!.text).toContain(`Priority boarding from ${formatMoney(addons.priority!.from)} per passenger and flight`);
      expect(shown[0]!.href).toBe(`${urls.extras}#priority-title`);
      expect(shown[1]!.text).toBe(`6 seats are not chosen and will be given at check-in. Choose one from ${formatMoney(addons.seats!.from)}.`);
      expect(shown[1]!.href).toBe(urls.seats);
    }
  });

  it('offers neither once every passenger has priority boarding and a seat', async () => {
    const ctx = createTestApp();
    const priority = [1, 2].flatMap((passengerIdx) => (['outbound', 'return'] as const).map((direction) => ({ passengerIdx, direction, answer: 'add' as const })));
    const { checkout, details } = await atReview(ctx, { seats: 'first-free', extras: { priority } }, { ...RETURN_TRIP, adults: 2, children: 0 });
    expect(reviewAddons(ctx.db, checkout, details)).toEqual({ priority: null, seats: null });
  });

  it('records the add-ons shown on the page at placement review with the tactic and the session arm', async () => {
    const ctx = createTestApp();
    ctx.db.prepare("UPDATE tactics SET mode = 'ab' WHERE code = ?").run(TACTIC.checkout_addons);
    const { id } = await atReview(ctx);
    const session = ctx.db.prepare('SELECT session_id FROM checkouts WHERE id = ?').pluck().get(id) as string;
    const variant = abVariant(TACTIC.checkout_addons, session);
    const page = await ctx.agent.get(reviewUrl(id));
    expect(page.status).toBe(200);
    expect(page.text.includes('data-testid="review-addon-priority"')).toBe(variant === 'B');
    expect(page.text.includes('data-testid="review-addon-seats"')).toBe(variant === 'B');
    const rows = ctx.db
      .prepare("SELECT offer_code, item_key, tactic, variant FROM offer_events WHERE checkout_id = ? AND placement = 'review' AND offer_code <> ? ORDER BY id")
      .all(id, OFFER.TRAVEL_INSURANCE);
    expect(rows).toEqual(
      variant === 'B'
        ? [
            { offer_code: 'PRIORITY_BOARDING', item_key: 'review:priority', tactic: 'checkout_addons', variant: 'B' },
            { offer_code: 'SEAT_STANDARD', item_key: 'review:seats', tactic: 'checkout_addons', variant: 'B' },
          ]
        : [],
    );
  });
});
