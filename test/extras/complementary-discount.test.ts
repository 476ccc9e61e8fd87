// Complementary discount: a hotel booked with the flight costs HOTEL_STAY's withFlightDiscountPercent
// less per night, the page says the saving, and the price charged follows (frozen with the stay).
import { describe, expect, it } from 'vitest';
import { findCheckout } from '../../src/features/checkout/checkout.repository.ts';
import { discountedNightly, hotelPrice, hotelWithFlightDiscountPercent } from '../../src/features/checkout/offer-pricing.ts';
import { listExtrasOffers } from '../../src/features/extras/extras.ts';
import { extrasTactics, hotelDiscountFor } from '../../src/features/extras/extras-tactics.ts';
import { extrasView } from '../../src/features/extras/extras.view.ts';
import { OFFER, TACTIC, type TacticCode } from '../../src/features/offers/codes.ts';
import { abVariant, type TacticAssignment, type TacticAssignments, type TacticVariant } from '../../src/features/tactics/assignments.ts';
import { NO_OPTION_TAKES } from '../../src/features/tactics/option-takes.ts';
import { money } from '../../src/lib/money.ts';
import { atExtras, byTestId, FAMILY_TO_LISBON, hotelIds, minor, priceRule, saveExtrasForm, summaryOf, type ExtrasContext } from './extras-helpers.ts';

type Arm = 'off' | TacticVariant;

function assignments(arms: Partial<Record<TacticCode, Arm>>): TacticAssignments {
  const all: Partial<Record<TacticCode, Arm>> = { checkout_addons: 'on', better_model_upgrade: 'on', ...arms };
  const of = (t: TacticCode): TacticAssignment => {
    const a = all[t] ?? 'off';
    return a === 'off' ? null : { tactic: t, variant: a, applied: a !== 'A' };
  };
  return { of, applies: (t) => of(t)?.applied === true };
}

function hotelView(ctx: ExtrasContext, arm: Arm) {
  const checkout = findCheckout(ctx.db, ctx.id)!;
  const a = assignments({ complementary_discount: arm });
  const offers = listExtrasOffers(ctx.db, checkout, { hotelDiscountPercent: hotelDiscountFor(ctx.db, a) });
  const tactics = extrasTactics(a, NO_OPTION_TAKES, offers);
  return { offers, tactics, view: extrasView({ checkout, offers, tactics, upgraded: [], released: [], upgradeTarget: 'Business', values: {}, errors: {} }) };
}

const setMode = (ctx: ExtrasContext, mode: 'off' | 'on' | 'ab') => ctx.db.prepare('UPDATE tactics SET mode = ? WHERE code = ?').run(mode, TACTIC.complementary_discount);

describe('complementary discount: the hotel cheaper with the flight', () => {
  it('takes the price rule percentage off the nightly rate, rounded to the cent, and the stay is that rate × nights × rooms', () => {
    expect(hotelPrice(money(9_999), 4, 2, 15)).toEqual(money((9_999 - 1_500) * 4 * 2));
    expect(discountedNightly(money(9_999), 15)).toEqual(money(8_499));
    expect(hotelPrice(money(9_999), 4, 2)).toEqual(money(9_999 * 8));
  });

  it('seeds the percentage in HOTEL_STAY price rule, and reads it from there', async () => {
    const ctx = await atExtras(FAMILY_TO_LISBON);
    expect(priceRule(ctx, OFFER.HOTEL_STAY)).toEqual({ type: 'hotel_nights', withFlightDiscountPercent: 15 });
    expect(hotelWithFlightDiscountPercent(ctx.db)).toBe(15);
  });

  it('lowers every hotel and says the saving when applied (on, B), changes nothing when off or in the control arm (A)', async () => {
    const ctx = await atExtras(FAMILY_TO_LISBON);
    const full = hotelView(ctx, 'off');
    for (const arm of ['off', 'A'] as const) {
      const { view, tactics } = hotelView(ctx, arm);
      expect(view.hotel!.hotels.map((h) => h.total)).toEqual(full.view.hotel!.hotels.map((h) => h.total));
      expect(view.hotel!.hotels.every((h) => h.saving === null)).toBe(true);
      expect(view.hotel!.discount).toBeNull();
      if (arm === 'A') expect(tactics.of(OFFER.HOTEL_STAY)).toEqual({ tactic: 'complementary_discount', variant: 'A', applied: false });
    }
    for (const arm of ['on', 'B'] as const) {
      const { view, offers, tactics } = hotelView(ctx, arm);
      const stay = offers.hotel!;
      expect(stay.discountPercent).toBe(15);
      stay.hotels.forEach((h, i) => {
        const alone = full.offers.hotel!.hotels[i]!;
        expect(h.total).toEqual(hotelPrice(alone.nightly, stay.nights, stay.rooms, 15));
        expect(h.saving!.amountMinor).toBe(alone.total.amountMinor - h.total.amountMinor);
        expect(h.saving!.amountMinor).toBeGreaterThan(0);
        expect(view.hotel!.hotels[i]!.saving).toMatch(/^Save €[\d,.]+ when you book with your flight$/);
        expect(minor(view.hotel!.hotels[i]!.saving!)).toBe(h.saving!.amountMinor);
      });
      expect(view.hotel!.discount).toBe('15% off every hotel when you book it with your flight');
      expect(tactics.of(OFFER.HOTEL_STAY)).toMatchObject({ tactic: 'complementary_discount', variant: arm, applied: true });
    }
  });

  it('charges the discounted stay in the summary, records it under the tactic, and keeps that price when the tactic is switched off later', async () => {
    const ctx = await atExtras(FAMILY_TO_LISBON);
    setMode(ctx, 'on');
    const hotel = hotelIds(ctx, 'LIS')[0]!;
    const page = await ctx.agent.get(ctx.url);
    expect(byTestId(page.text, 'hotel-discount')).toBe('15% off every hotel when you book it with your flight');
    const shownTotal = minor(byTestId(page.text, `hotel-total-${hotel}`)!);
    const saving = minor(byTestId(page.text, `hotel-saving-${hotel}`)!);
    const nightly = ctx.db.prepare('SELECT nightly_minor FROM hotels WHERE id = ?').pluck().get(hotel) as number;
    const rooms = Number(/data-testid="hotel-totals-for">4 nights, (\d) room/.exec(page.text)![1]);
    expect(shownTotal).toBe((nightly - Math.round(nightly * 0.15)) * 4 * rooms);
    expect(saving).toBe(nightly * 4 * rooms - shownTotal);

    await saveExtrasForm(ctx, { hotel: String(hotel), 'hotel-rooms': String(rooms) });
    expect(ctx.db.prepare("SELECT discount_percent FROM checkout_extras WHERE checkout_id = ? AND item_key = 'hotel'").pluck().get(ctx.id)).toBe(15);
    const accepted = ctx.db
      .prepare("SELECT tactic, variant, price_minor FROM offer_events WHERE checkout_id = ? AND offer_code = 'HOTEL_STAY' AND event = 'accepted'")
      .get(ctx.id);
    expect(accepted).toEqual({ tactic: 'complementary_discount', variant: 'on', price_minor: shownTotal });
    const summary = await ctx.agent.get(ctx.url);
    expect(summaryOf(summary.text).lines.get('hotel')).toBe(shownTotal);

    setMode(ctx, 'off');
    const later = await ctx.agent.get(ctx.url);
    expect(summaryOf(later.text).lines.get('hotel')).toBe(shownTotal);
  });

  it('follows the session arm of an A/B test on the page and in the JSON API, which charges what it lists', async () => {
    const ctx = await atExtras(FAMILY_TO_LISBON);
    setMode(ctx, 'ab');
    const session = ctx.db.prepare('SELECT session_id FROM checkouts WHERE id = ?').pluck().get(ctx.id) as string;
    const variant = abVariant(TACTIC.complementary_discount, session);
    const hotel = hotelIds(ctx, 'LIS')[0]!;
    const page = await ctx.agent.get(ctx.url);
    expect(byTestId(page.text, `hotel-saving-${hotel}`) !== undefined).toBe(variant === 'B');

    const list = await ctx.agent.get(`/api/v1/checkouts/${ctx.id}/offers?placement=extras`);
    expect(list.status).toBe(200);
    const offer = (list.body.offers as Array<{ offerCode: string; details: { discountPercent: number; rooms: number; hotels: Array<{ id: number; total: { amountMinor: number }; saving: unknown }> } }>).find(
      (o) => o.offerCode === OFFER.HOTEL_STAY,
    )!;
    expect(offer.details.discountPercent).toBe(variant === 'B' ? 15 : 0);
    const listed = offer.details.hotels.find((h) => h.id === hotel)!;
    expect(listed.saving === null).toBe(variant === 'A');
    const put = await ctx.agent.put(`/api/v1/checkouts/${ctx.id}/extras`).send({ hotel: { answer: 'add', hotelId: hotel, rooms: offer.details.rooms } });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const charged = ctx.db
      .prepare("SELECT tactic, variant, price_minor FROM offer_events WHERE checkout_id = ? AND offer_code = 'HOTEL_STAY' AND event = 'accepted'")
      .get(ctx.id);
    expect(charged).toEqual({ tactic: 'complementary_discount', variant, price_minor: listed.total.amountMinor });
  });
});
