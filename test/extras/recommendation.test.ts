// Recommendation: "Travellers to <city> often add <offer>" on the extras page, from the take data of
// bookings to the destination (accepted ÷ shown), only from at least MIN_SAMPLE impressions.
import { describe, expect, it } from 'vitest';
import { findCheckout } from '../../src/features/checkout/checkout.repository.ts';
import { listExtrasOffers } from '../../src/features/extras/extras.ts';
import { extrasTactics, RECOMMEND_MIN_RATE } from '../../src/features/extras/extras-tactics.ts';
import { extrasView } from '../../src/features/extras/extras.view.ts';
import { OFFER, TACTIC, type TacticCode } from '../../src/features/offers/codes.ts';
import { abVariant, type TacticAssignment, type TacticAssignments, type TacticVariant } from '../../src/features/tactics/assignments.ts';
import { NO_OPTION_TAKES } from '../../src/features/tactics/option-takes.ts';
import { MIN_SAMPLE, readTakeDataTo, takeDataFrom, type TakeData } from '../../src/features/tactics/take-data.ts';
import { checkoutAt } from '../helpers/factories.ts';
import { atExtras, byTestId, FAMILY_TO_LISBON, type ExtrasContext } from './extras-helpers.ts';

type Arm = 'off' | TacticVariant;

function assignments(arms: Partial<Record<TacticCode, Arm>>): TacticAssignments {
  const all: Partial<Record<TacticCode, Arm>> = { checkout_addons: 'on', better_model_upgrade: 'on', ...arms };
  const of = (t: TacticCode): TacticAssignment => {
    const a = all[t] ?? 'off';
    return a === 'off' ? null : { tactic: t, variant: a, applied: a !== 'A' };
  };
  return { of, applies: (t) => of(t)?.applied === true };
}

function pageFor(ctx: ExtrasContext, arm: Arm, takes: TakeData) {
  const checkout = findCheckout(ctx.db, ctx.id)!;
  const offers = listExtrasOffers(ctx.db, checkout);
  const tactics = extrasTactics(assignments({ recommendation: arm }), NO_OPTION_TAKES, offers, takes);
  return { tactics, view: extrasView({ checkout, offers, tactics, upgraded: [], released: [], upgradeTarget: 'Business', values: {}, errors: {} }) };
}

/** Offer events of a booked checkout: `shown` impressions and `accepted` of them (optionally flagged as a demonstration). */
let batch = 0;
function recordTakes(ctx: ExtrasContext, checkoutId: string, offerCode: string, shown: number, accepted: number, demonstration = 0) {
  // Impressions are unique per session, checkout, offer, item and placement: each batch has its own items.
  batch += 1;
  const insert = ctx.db.prepare(
    `INSERT INTO offer_events (session_id, checkout_id, offer_code, kind, category, placement, item_key, price_minor, currency, event, created_at, demonstration)
     VALUES ('s', @checkoutId, @offerCode, 'cross_sell', 'x', 'extras', @item, 100, 'EUR', @event, '2026-11-27T09:00:00Z', @demonstration)`,
  );
  for (let i = 0; i < shown; i++) insert.run({ checkoutId, offerCode, item: `b${batch}i${i}`, event: 'shown', demonstration });
  for (let i = 0; i < accepted; i++) insert.run({ checkoutId, offerCode, item: `b${batch}i${i}`, event: 'accepted', demonstration });
}

describe('recommendation: what travellers to the destination often add', () => {
  it('names the offer of the page with the best take rate when applied (on, B), nothing when off or in the control arm (A)', async () => {
    const ctx = await atExtras(FAMILY_TO_LISBON);
    const takes = takeDataFrom([
      { offerCode: OFFER.HOTEL_STAY, shown: MIN_SAMPLE, accepted: 12 },
      { offerCode: OFFER.TRAVEL_INSURANCE, shown: 40, accepted: 10 },
    ]);
    for (const arm of ['on', 'B'] as const) {
      const { view, tactics } = pageFor(ctx, arm, takes);
      expect(view.recommendation).toEqual({
        text: 'Travellers to Lisbon often add a hotel',
        basis: `40% of those offered it on bookings to Lisbon took it (12 of ${MIN_SAMPLE}).`,
      });
      expect(tactics.of(OFFER.HOTEL_STAY)).toMatchObject({ tactic: 'recommendation', variant: arm });
    }
    expect(pageFor(ctx, 'off', takes).view.recommendation).toBeNull();
    const control = pageFor(ctx, 'A', takes);
    expect(control.view.recommendation).toBeNull();
    // The control arm records the recommendation it would have made, unseen.
    expect(control.tactics.of(OFFER.HOTEL_STAY)).toEqual({ tactic: 'recommendation', variant: 'A', applied: false });
    expect(control.tactics.of(OFFER.TRAVEL_INSURANCE)).toMatchObject({ tactic: 'checkout_addons' });
  });

  it('says nothing below the minimum sample, or when the best take rate is below the rate it may call often', async () => {
    const ctx = await atExtras(FAMILY_TO_LISBON);
    expect(pageFor(ctx, 'on', takeDataFrom([{ offerCode: OFFER.HOTEL_STAY, shown: MIN_SAMPLE - 1, accepted: MIN_SAMPLE - 1 }])).view.recommendation).toBeNull();
    const rare = Math.ceil(MIN_SAMPLE * RECOMMEND_MIN_RATE) - 1;
    expect(pageFor(ctx, 'on', takeDataFrom([{ offerCode: OFFER.HOTEL_STAY, shown: MIN_SAMPLE, accepted: rare }])).view.recommendation).toBeNull();
  });

  it('reads take data from booked checkouts to that airport only, leaving out demonstrations', async () => {
    const ctx = await atExtras(FAMILY_TO_LISBON);
    const lisbon = await checkoutAt(ctx, 'booked', FAMILY_TO_LISBON);
    const open = await checkoutAt(ctx, 'extras', FAMILY_TO_LISBON);
    const elsewhere = await checkoutAt(ctx, 'booked', { ...FAMILY_TO_LISBON, to: 'MAD' });
    const before = readTakeDataTo(ctx.db, 'LIS').of(OFFER.HOTEL_STAY);
    recordTakes(ctx, lisbon.id, OFFER.HOTEL_STAY, MIN_SAMPLE, 15);
    recordTakes(ctx, lisbon.id, OFFER.HOTEL_STAY, 50, 50, 1);
    recordTakes(ctx, open.id, OFFER.HOTEL_STAY, 50, 50);
    recordTakes(ctx, elsewhere.id, OFFER.HOTEL_STAY, 50, 50);
    const figure = readTakeDataTo(ctx.db, 'LIS').of(OFFER.HOTEL_STAY)!;
    expect(figure.shown - (before?.shown ?? 0)).toBe(MIN_SAMPLE);
    expect(figure.accepted - (before?.accepted ?? 0)).toBe(15);
  });

  it('shows the line on the extras page from recorded bookings when the tactic is on, and records the offer under the session arm in an A/B test', async () => {
    const ctx = await atExtras(FAMILY_TO_LISBON);
    const booked = await checkoutAt(ctx, 'booked', FAMILY_TO_LISBON);
    recordTakes(ctx, booked.id, OFFER.TRAVEL_INSURANCE, 100, 90);
    const page = (await ctx.agent.get(ctx.url)).text;
    expect(byTestId(page, 'extras-recommendation')).toBeUndefined();

    ctx.db.prepare("UPDATE tactics SET mode = 'on' WHERE code = ?").run(TACTIC.recommendation);
    const on = (await ctx.agent.get(ctx.url)).text;
    expect(on).toContain('Travellers to Lisbon often add travel insurance');

    const other = await checkoutAt(ctx, 'extras', FAMILY_TO_LISBON);
    ctx.db.prepare("UPDATE tactics SET mode = 'ab' WHERE code = ?").run(TACTIC.recommendation);
    const session = ctx.db.prepare('SELECT session_id FROM checkouts WHERE id = ?').pluck().get(other.id) as string;
    const variant = abVariant(TACTIC.recommendation, session);
    const ab = (await ctx.agent.get(`/checkouts/${other.id}/extras`)).text;
    expect(ab.includes('data-testid="extras-recommendation"')).toBe(variant === 'B');
    const shown = ctx.db.prepare("SELECT tactic, variant FROM offer_events WHERE checkout_id = ? AND offer_code = 'TRAVEL_INSURANCE' AND event = 'shown'").get(other.id);
    expect(shown).toEqual({ tactic: 'recommendation', variant });
  });
});
