// Dark-pattern demonstrations on the extras page (preticked_box, confirm_shaming, fake_timer): off by
// default; when on, the page says in a banner that it demonstrates a practice consumer law forbids,
// and every offer event of the page is flagged (offer_events.demonstration) so measurements keep it apart.
import { describe, expect, it } from 'vitest';
import { findCheckout } from '../../src/features/checkout/checkout.repository.ts';
import { listExtrasOffers } from '../../src/features/extras/extras.ts';
import { extrasTactics } from '../../src/features/extras/extras-tactics.ts';
import { extrasView, FAKE_TIMER_SECONDS, NO_THANKS, SHAMING_NO_THANKS } from '../../src/features/extras/extras.view.ts';
import { DARK_PATTERN_TACTICS, OFFER, TACTIC, type TacticCode } from '../../src/features/offers/codes.ts';
import { readTakeData, readTakeDataTo } from '../../src/features/tactics/take-data.ts';
import { abVariant, type TacticAssignment, type TacticAssignments, type TacticVariant } from '../../src/features/tactics/assignments.ts';
import { NO_OPTION_TAKES } from '../../src/features/tactics/option-takes.ts';
import { atExtras, byTestId, FAMILY_TO_LISBON, saveExtrasForm, tagOf, type ExtrasContext } from './extras-helpers.ts';

type Arm = 'off' | TacticVariant;

function assignments(arms: Partial<Record<TacticCode, Arm>>): TacticAssignments {
  const all: Partial<Record<TacticCode, Arm>> = { checkout_addons: 'on', better_model_upgrade: 'on', ...arms };
  const of = (t: TacticCode): TacticAssignment => {
    const a = all[t] ?? 'off';
    return a === 'off' ? null : { tactic: t, variant: a, applied: a !== 'A' };
  };
  return { of, applies: (t) => of(t)?.applied === true };
}

function viewOf(ctx: ExtrasContext, arms: Partial<Record<TacticCode, Arm>>, values: Record<string, string> = {}) {
  const checkout = findCheckout(ctx.db, ctx.id)!;
  const offers = listExtrasOffers(ctx.db, checkout);
  const tactics = extrasTactics(assignments(arms), NO_OPTION_TAKES, offers);
  return { tactics, view: extrasView({ checkout, offers, tactics, upgraded: [], released: [], upgradeTarget: 'Business', values, errors: {} }) };
}

const setMode = (ctx: ExtrasContext, tactic: TacticCode, mode: 'off' | 'on' | 'ab') => ctx.db.prepare('UPDATE tactics SET mode = ? WHERE code = ?').run(mode, tactic);
const flags = (ctx: ExtrasContext) =>
  ctx.db.prepare("SELECT DISTINCT demonstration FROM offer_events WHERE checkout_id = ? AND placement = 'extras' ORDER BY 1").pluck().all(ctx.id);

describe('dark-pattern demonstrations: the view model', () => {
  it('are seeded off and marked as dark patterns', async () => {
    const ctx = await atExtras(FAMILY_TO_LISBON);
    const rows = ctx.db.prepare('SELECT code, mode FROM tactics WHERE dark_pattern = 1 ORDER BY code').all();
    expect(rows).toEqual([...DARK_PATTERN_TACTICS].sort().map((code) => ({ code, mode: 'off' })));
  });

  it('pre-ticks insurance only when applied (on, B) and the customer has not answered; never in the control arm (A) or when off', async () => {
    const ctx = await atExtras(FAMILY_TO_LISBON);
    const answer = (arm: Arm, values: Record<string, string> = {}) => viewOf(ctx, { preticked_box: arm }, values).view.insurance!.answer;
    expect(answer('off')).toEqual({ add: false, decline: false });
    expect(answer('A')).toEqual({ add: false, decline: false });
    expect(answer('on')).toEqual({ add: true, decline: false });
    expect(answer('B')).toEqual({ add: true, decline: false });
    expect(answer('on', { insurance: 'decline' })).toEqual({ add: false, decline: true });
  });

  it('words the insurance decline to shame only when confirm-shaming is applied', async () => {
    const ctx = await atExtras(FAMILY_TO_LISBON);
    const label = (arm: Arm) => viewOf(ctx, { confirm_shaming: arm }).view.insurance!.declineLabel;
    expect(label('off')).toBe(NO_THANKS);
    expect(label('A')).toBe(NO_THANKS);
    expect(label('on')).toBe(SHAMING_NO_THANKS);
    expect(label('B')).toBe(SHAMING_NO_THANKS);
  });

  it('shows a countdown only when the fake timer is applied, and a banner naming every demonstration acting', async () => {
    const ctx = await atExtras(FAMILY_TO_LISBON);
    expect(viewOf(ctx, { fake_timer: 'A' }).view.fakeTimer).toBeNull();
    expect(viewOf(ctx, { fake_timer: 'B' }).view.fakeTimer).toEqual({ claim: 'These prices are held for you for', seconds: FAKE_TIMER_SECONDS, shown: '10:00' });
    expect(viewOf(ctx, {}).view.demonstration).toBeNull();
    expect(viewOf(ctx, { preticked_box: 'A', confirm_shaming: 'A', fake_timer: 'A' }).view.demonstration).toBeNull();
    expect(viewOf(ctx, { preticked_box: 'on', confirm_shaming: 'B', fake_timer: 'on' }).view.demonstration).toEqual({
      practices: ['a pre-ticked box', 'confirm-shaming', 'a fake countdown'],
    });
    const both = viewOf(ctx, { preticked_box: 'on', confirm_shaming: 'B' });
    // Insurance's events carry the demonstration in an A/B test.
    expect(both.tactics.of(OFFER.TRAVEL_INSURANCE)).toMatchObject({ tactic: 'confirm_shaming', variant: 'B' });
    expect(both.tactics.demonstration).toBe(true);
  });
});

describe('dark-pattern demonstrations: the page and its events', () => {
  it('leave the page and its events as they are when off (the default)', async () => {
    const ctx = await atExtras(FAMILY_TO_LISBON);
    const page = (await ctx.agent.get(ctx.url)).text;
    expect(page).not.toContain('data-testid="dark-pattern-banner"');
    expect(page).not.toContain('data-testid="fake-timer"');
    expect(tagOf(page, 'insurance-add')).not.toContain('checked');
    expect(byTestId(page, 'insurance-decline-label')).toBe(NO_THANKS);
    expect(page).toContain('Nothing is added unless you choose it.');
    await saveExtrasForm(ctx, { hotel: 'none', insurance: 'decline' });
    expect(flags(ctx)).toEqual([0]);
  });

  it('when on, carry the banner, pre-tick insurance, shame the decline, count down, and flag every event of the page', async () => {
    const ctx = await atExtras(FAMILY_TO_LISBON);
    for (const tactic of DARK_PATTERN_TACTICS) setMode(ctx, tactic, 'on');
    const page = (await ctx.agent.get(ctx.url)).text;
    expect(page).toContain('data-testid="dark-pattern-banner"');
    expect(page).toMatch(/a practice that consumer law forbids/);
    expect(page).not.toContain('Nothing is added unless you choose it.');
    expect(tagOf(page, 'insurance-add')).toContain('checked');
    expect(byTestId(page, 'insurance-decline-label')).toBe(SHAMING_NO_THANKS.replace("'", '&#39;'));
    expect(byTestId(page, 'fake-timer-clock')).toBe('10:00');
    await saveExtrasForm(ctx, { hotel: 'none', insurance: 'add' });
    expect(flags(ctx)).toEqual([1]);
    const insurance = ctx.db
      .prepare("SELECT event, tactic, variant, demonstration FROM offer_events WHERE checkout_id = ? AND offer_code = 'TRAVEL_INSURANCE' ORDER BY id")
      .all(ctx.id);
    expect(insurance).toEqual([
      { event: 'shown', tactic: 'preticked_box', variant: 'on', demonstration: 1 },
      { event: 'accepted', tactic: 'preticked_box', variant: 'on', demonstration: 1 },
    ]);
    // A take obtained by a pre-ticked box is not a choice: the recommendation's take data leaves it out.
    ctx.db.prepare("UPDATE checkouts SET status = 'booked' WHERE id = ?").run(ctx.id);
    expect(readTakeDataTo(ctx.db, 'LIS').all()).toEqual([]);
    // Nor does the take data of all traffic count flagged events, however many.
    const flagged = ctx.db.prepare(
      `INSERT INTO offer_events (session_id, checkout_id, offer_code, kind, category, placement, item_key, price_minor, currency, event, created_at, demonstration)
       VALUES ('s', ?, 'TRAVEL_INSURANCE', 'cross_sell', 'insurance', 'extras', ?, 100, 'EUR', ?, '2026-11-27T09:00:00Z', 1)`,
    );
    for (let i = 0; i < 50; i++) flagged.run(ctx.id, `x${i}`, 'shown'), flagged.run(ctx.id, `x${i}`, 'accepted');
    expect(readTakeData(ctx.db).of(OFFER.TRAVEL_INSURANCE)).toBeUndefined();
  });

  it('in an A/B test, follow the session arm, and flag the events of both arms', async () => {
    const ctx = await atExtras(FAMILY_TO_LISBON);
    setMode(ctx, TACTIC.preticked_box, 'ab');
    const session = ctx.db.prepare('SELECT session_id FROM checkouts WHERE id = ?').pluck().get(ctx.id) as string;
    const variant = abVariant(TACTIC.preticked_box, session);
    const page = (await ctx.agent.get(ctx.url)).text;
    expect(page.includes('data-testid="dark-pattern-banner"')).toBe(variant === 'B');
    expect(tagOf(page, 'insurance-add')!.includes('checked')).toBe(variant === 'B');
    const shown = ctx.db.prepare("SELECT tactic, variant, demonstration FROM offer_events WHERE checkout_id = ? AND offer_code = 'TRAVEL_INSURANCE'").get(ctx.id);
    expect(shown).toEqual({ tactic: 'preticked_box', variant, demonstration: 1 });
  });
});
