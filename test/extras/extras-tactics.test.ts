// The tactics acting on the extras page: off, on and both arms of an A/B test change the page as
// documented in src/features/extras/extras-tactics.ts, and the events carry the tactic and variant.
import { describe, expect, it } from 'vitest';
import { findCheckout } from '../../src/features/checkout/checkout.repository.ts';
import { listExtrasOffers, type ExtrasOffers } from '../../src/features/extras/extras.ts';
import { extrasTactics } from '../../src/features/extras/extras-tactics.ts';
import { extrasView, MOST_CHOSEN } from '../../src/features/extras/extras.view.ts';
import { TACTIC, type TacticCode } from '../../src/features/offers/codes.ts';
import { abVariant, type TacticAssignment, type TacticAssignments, type TacticVariant } from '../../src/features/tactics/assignments.ts';
import { NO_OPTION_TAKES, optionTakesFrom } from '../../src/features/tactics/option-takes.ts';
import { MIN_SAMPLE } from '../../src/features/tactics/take-data.ts';
import { atExtras, FAMILY_TO_LISBON, hotelIds, saveExtrasForm, SOLO_TO_NEW_YORK, type ExtrasContext } from './extras-helpers.ts';

type Arm = 'off' | TacticVariant;
const arm = (tactic: TacticCode, a: Arm): TacticAssignment => (a === 'off' ? null : { tactic, variant: a, applied: a !== 'A' });

/** The seeded arms (add-ons and upgrade on), with some tactics set otherwise. */
function assignments(arms: Partial<Record<TacticCode, Arm>> = {}): TacticAssignments {
  const all: Partial<Record<TacticCode, Arm>> = { checkout_addons: 'on', better_model_upgrade: 'on', ...arms };
  const of = (t: TacticCode) => arm(t, all[t] ?? 'off');
  return { of, applies: (t) => of(t)?.applied === true };
}

async function lisbonOffers(): Promise<{ ctx: ExtrasContext; offers: ExtrasOffers }> {
  const ctx = await atExtras(FAMILY_TO_LISBON);
  return { ctx, offers: listExtrasOffers(ctx.db, findCheckout(ctx.db, ctx.id)!) };
}

function view(ctx: ExtrasContext, offers: ExtrasOffers, arms: Partial<Record<TacticCode, Arm>>, takes = NO_OPTION_TAKES) {
  const checkout = findCheckout(ctx.db, ctx.id)!;
  const tactics = extrasTactics(assignments(arms), takes, offers);
  return { tactics, view: extrasView({ checkout, offers, tactics, upgraded: [], released: [], upgradeTarget: 'Business', values: {}, errors: {} }) };
}

describe('extras page: tactics', () => {
  it('anchoring lists the hotels dearest first when applied (on, B), cheapest first when off or in the control arm (A)', async () => {
    const { ctx, offers } = await lisbonOffers();
    const nightly = (o: ReturnType<typeof view>) => o.view.hotel!.hotels.map((h) => h.nightly);
    const cheapestFirst = nightly(view(ctx, offers, {}));
    expect(cheapestFirst.length).toBeGreaterThan(1);
    const ids = (a: Arm) => view(ctx, offers, { anchoring: a }).view.hotel!.hotels.map((h) => h.id);
    const byPrice = [...offers.hotel!.hotels].sort((a, b) => a.nightly.amountMinor - b.nightly.amountMinor || a.id - b.id).map((h) => h.id);
    const dearest = [...offers.hotel!.hotels].sort((a, b) => b.nightly.amountMinor - a.nightly.amountMinor || a.id - b.id).map((h) => h.id);
    expect(ids('off')).toEqual(byPrice);
    expect(ids('A')).toEqual(byPrice);
    expect(ids('on')).toEqual(dearest);
    expect(ids('B')).toEqual(dearest);
    expect(view(ctx, offers, { anchoring: 'B' }).tactics.of('HOTEL_STAY')).toEqual({ tactic: 'anchoring', variant: 'B', applied: true });
    expect(view(ctx, offers, { anchoring: 'A' }).tactics.of('HOTEL_STAY')).toEqual({ tactic: 'anchoring', variant: 'A', applied: false });
  });

  it('social proof badges the hotel and the bag count buyers chose most, only when applied and from at least the minimum sample', async () => {
    const { ctx, offers } = await lisbonOffers();
    const [first, second] = hotelIds(ctx, 'LIS');
    const enough = optionTakesFrom({ HOTEL_STAY: [{ option: second!, n: MIN_SAMPLE - 10 }, { option: first!, n: 10 }], BAG_CHECKED_23KG: [{ option: 1, n: MIN_SAMPLE }] });
    const badges = (a: Arm, takes = enough) => {
      const v = view(ctx, offers, { social_proof: a }, takes).view;
      const bagLabels = v.bags.flatMap((l) => l.passengers.flatMap((p) => p.options.map((o) => o.label)));
      return { hotels: v.hotel!.hotels.filter((h) => h.badge === MOST_CHOSEN).map((h) => h.id), bags: bagLabels.filter((l) => l.includes('most chosen')).length };
    };
    expect(badges('off')).toEqual({ hotels: [], bags: 0 });
    expect(badges('A')).toEqual({ hotels: [], bags: 0 });
    expect(badges('on')).toEqual({ hotels: [second], bags: 6 });
    expect(badges('B')).toEqual({ hotels: [second], bags: 6 });
    const tooFew = optionTakesFrom({ HOTEL_STAY: [{ option: second!, n: MIN_SAMPLE - 2 }], BAG_CHECKED_23KG: [{ option: 1, n: MIN_SAMPLE - 1 }] });
    expect(badges('on', tooFew)).toEqual({ hotels: [], bags: 0 });
    const tie = optionTakesFrom({ HOTEL_STAY: [{ option: first!, n: MIN_SAMPLE }, { option: second!, n: MIN_SAMPLE }] });
    expect(badges('on', tie).hotels).toEqual([]);
    // Both arms record the tactic on the offers it could act on.
    expect(view(ctx, offers, { social_proof: 'A' }, enough).tactics.of('BAG_CHECKED_23KG')).toMatchObject({ tactic: 'social_proof', variant: 'A' });
    expect(view(ctx, offers, { social_proof: 'A' }, tooFew).tactics.of('BAG_CHECKED_23KG')).toMatchObject({ tactic: 'checkout_addons' });
  });

  it('offers the add-ons only with checkout_addons applied, and the upgrade only with better_model_upgrade applied', async () => {
    const ctx = await atExtras({ ...SOLO_TO_NEW_YORK, adults: 2 });
    const offers = listExtrasOffers(ctx.db, findCheckout(ctx.db, ctx.id)!);
    const shows = (arms: Partial<Record<TacticCode, Arm>>) => {
      const v = view(ctx, offers, arms).view;
      return { bags: v.bags.length > 0, priority: v.priority.length > 0, hotel: v.hotel !== null, insurance: v.insurance !== null, upgrade: v.upgrades.length > 0 };
    };
    const all = { bags: true, priority: true, hotel: true, insurance: true, upgrade: true };
    expect(shows({})).toEqual(all);
    expect(shows({ checkout_addons: 'B', better_model_upgrade: 'B' })).toEqual(all);
    expect(shows({ checkout_addons: 'off' })).toEqual({ bags: false, priority: false, hotel: false, insurance: false, upgrade: true });
    expect(shows({ checkout_addons: 'A' })).toEqual({ bags: false, priority: false, hotel: false, insurance: false, upgrade: true });
    expect(shows({ better_model_upgrade: 'off' })).toEqual({ ...all, upgrade: false });
    expect(shows({ better_model_upgrade: 'A' })).toEqual({ ...all, upgrade: false });
  });

  it('records the hotel shown and accepted under anchoring with the session variant in an A/B test, and the page follows the arm', async () => {
    const ctx = await atExtras(FAMILY_TO_LISBON);
    ctx.db.prepare("UPDATE tactics SET mode = 'ab' WHERE code = ?").run(TACTIC.anchoring);
    const session = ctx.db.prepare('SELECT session_id FROM checkouts WHERE id = ?').pluck().get(ctx.id) as string;
    const variant = abVariant(TACTIC.anchoring, session);
    const page = await ctx.agent.get(ctx.url);
    const order = [...page.text.matchAll(/data-testid="hotel-nightly-\d+">€(\d+)/g)].map((m) => Number(m[1]));
    expect(order).toEqual([...order].sort((a, b) => (variant === 'B' ? b - a : a - b)));
    const hotel = hotelIds(ctx, 'LIS')[0]!;
    await saveExtrasForm(ctx, { hotel: String(hotel), 'hotel-rooms': '1' });
    const rows = ctx.db
      .prepare("SELECT event, tactic, variant FROM offer_events WHERE checkout_id = ? AND offer_code = 'HOTEL_STAY' ORDER BY id")
      .all(ctx.id);
    expect(rows).toEqual([
      { event: 'shown', tactic: 'anchoring', variant },
      { event: 'accepted', tactic: 'anchoring', variant },
    ]);
    // The other add-ons stay with checkout_addons, on.
    expect(ctx.db.prepare("SELECT DISTINCT tactic, variant FROM offer_events WHERE checkout_id = ? AND offer_code = 'TRAVEL_INSURANCE'").all(ctx.id)).toEqual([
      { tactic: 'checkout_addons', variant: 'on' },
    ]);
  });
});

describe('extras page: tactics in the database', () => {
  it('keeps the add-ons off the page, and out of the shown events, when checkout_addons is off', async () => {
    const ctx = await atExtras(FAMILY_TO_LISBON);
    ctx.db.prepare("UPDATE tactics SET mode = 'off' WHERE code = ?").run(TACTIC.checkout_addons);
    const page = await ctx.agent.get(ctx.url);
    expect(page.status).toBe(200);
    for (const section of ['extras-bags', 'extras-priority', 'extras-hotel', 'extras-insurance']) expect(page.text).not.toContain(`data-testid="${section}"`);
    expect(ctx.db.prepare("SELECT COUNT(*) FROM offer_events WHERE checkout_id = ? AND placement = 'extras' AND event = 'shown'").pluck().get(ctx.id)).toBe(0);
  });

  it('counts the options buyers took from booked checkouts only', async () => {
    const { readOptionTakes } = await import('../../src/features/tactics/option-takes.ts');
    const ctx = await atExtras(FAMILY_TO_LISBON);
    const hotel = hotelIds(ctx, 'LIS')[1]!;
    await saveExtrasForm(ctx, { hotel: String(hotel), 'hotel-rooms': '1', 'bag-p1-outbound': '2' });
    expect([...readOptionTakes(ctx.db).counts('HOTEL_STAY')]).toEqual([]);
    ctx.db.prepare("UPDATE checkouts SET status = 'booked' WHERE id = ?").run(ctx.id);
    expect([...readOptionTakes(ctx.db).counts('HOTEL_STAY')]).toEqual([[hotel, 1]]);
    expect([...readOptionTakes(ctx.db).counts('BAG_CHECKED_23KG')]).toEqual([[2, 1]]);
  });
});
