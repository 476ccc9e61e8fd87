// Better-model upgrade: the cabin upgrade is shown with what the higher cabin adds to the fare the party
// flies now, from the fare family data; only when better_model_upgrade applies (on, B).
import { describe, expect, it } from 'vitest';
import { findCheckout } from '../../src/features/checkout/checkout.repository.ts';
import { listExtrasOffers } from '../../src/features/extras/extras.ts';
import { extrasTactics } from '../../src/features/extras/extras-tactics.ts';
import { extrasView, upgradeAdds } from '../../src/features/extras/extras.view.ts';
import { findFareFamily } from '../../src/features/extras/extras.repository.ts';
import { TACTIC, type TacticCode } from '../../src/features/offers/codes.ts';
import type { TacticAssignment, TacticAssignments, TacticVariant } from '../../src/features/tactics/assignments.ts';
import { NO_OPTION_TAKES } from '../../src/features/tactics/option-takes.ts';
import { atExtras, byTestId, SOLO_TO_NEW_YORK } from './extras-helpers.ts';

type Arm = 'off' | TacticVariant;
function assignments(arm: Arm): TacticAssignments {
  const of = (t: TacticCode): TacticAssignment =>
    t === TACTIC.better_model_upgrade ? (arm === 'off' ? null : { tactic: t, variant: arm, applied: arm !== 'A' }) : t === TACTIC.checkout_addons ? { tactic: t, variant: 'on', applied: true } : null;
  return { of, applies: (t) => of(t)?.applied === true };
}

describe('better-model upgrade: what the higher cabin adds', () => {
  it('lists only what Business adds to Basic, from the fare families', async () => {
    const ctx = await atExtras(SOLO_TO_NEW_YORK);
    const basic = findFareFamily(ctx.db, 'basic')!;
    const business = findFareFamily(ctx.db, 'business')!;
    expect(upgradeAdds(business, basic)).toEqual([
      'Seat: economy → a seat in the business cabin with direct aisle access',
      'Checked bags: none → 2 × 32 kg per passenger',
      `Cabin bags: ${basic.cabin_bag} → ${business.cabin_bag}`,
      'Priority boarding: not included → included',
      'Changes: Not allowed → Free changes',
      'Refund: Not refundable → Refundable',
    ]);
    // From Flex, what is already included is not sold again.
    const flex = findFareFamily(ctx.db, 'flex')!;
    expect(upgradeAdds(business, flex)).toEqual([
      'Seat: economy → a seat in the business cabin with direct aisle access',
      'Checked bags: 1 × 23 kg per passenger → 2 × 32 kg per passenger',
      `Cabin bags: ${flex.cabin_bag} → ${business.cabin_bag}`,
    ]);
  });

  it('shows the upgrade with that comparison for on and B, and no upgrade for off and A', async () => {
    const ctx = await atExtras(SOLO_TO_NEW_YORK);
    const checkout = findCheckout(ctx.db, ctx.id)!;
    const offers = listExtrasOffers(ctx.db, checkout);
    const upgrades = (arm: Arm) => {
      const tactics = extrasTactics(assignments(arm), NO_OPTION_TAKES, offers);
      return extrasView({ checkout, offers, tactics, upgraded: [], released: [], upgradeTarget: 'Business', values: {}, errors: {} }).upgrades;
    };
    expect(upgrades('off')).toEqual([]);
    expect(upgrades('A')).toEqual([]);
    for (const arm of ['on', 'B'] as const) {
      const [outbound] = upgrades(arm);
      expect(outbound!.adds[0]).toBe('Seat: economy → a seat in the business cabin with direct aisle access');
      expect(outbound!.adds).toContain('Checked bags: none → 2 × 32 kg per passenger');
    }
    const page = await ctx.agent.get(ctx.url);
    expect(page.text).toContain('Checked bags: none → 2 × 32 kg per passenger');
    expect(byTestId(page.text, 'extras-upgrade')).toBeDefined();
  });
});
