// The seats page's view model and the scarcity tactic: "Only N extra-legroom seats left" appears only
// when the tactic applies (on, or arm B of an A/B test) and only from the real free-seat count of that
// zone; arm A (control) sees the page unchanged; the impressions record the tactic and the arm.
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import { findCheckout } from '../../src/features/checkout/checkout.repository.ts';
import { recordSeatOffersShown, seatsPage, type SeatsPage } from '../../src/features/seats/seat-selection.ts';
import { SCARCITY_MAX, seatsView, type SeatsView } from '../../src/features/seats/seats.view.ts';
import { abVariant, tacticAssignments } from '../../src/features/tactics/assignments.ts';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { openCheckout, type Trip } from '../helpers/flow.ts';
import { availableSeats, expectStatus, planOf, reachSeats, seatsUrl, submitSeats, zoneOf } from './seats-helpers.ts';

const TRIP: Trip = { from: 'DUB', to: 'LHR', depart: '2027-05-12' };
const BADGE = 'data-testid="seat-scarcity-outbound-extra-legroom"';

function setScarcity(db: Db, mode: 'off' | 'on' | 'ab') {
  db.prepare("UPDATE tactics SET mode = ? WHERE code = 'scarcity'").run(mode);
}

function setAnchoring(db: Db, mode: 'off' | 'on' | 'ab') {
  db.prepare("UPDATE tactics SET mode = ? WHERE code = 'anchoring'").run(mode);
}

/** A session id that falls in the given arm of a tactic's A/B test (the arm is a hash of the id). */
function sessionIn(arm: 'A' | 'B', tactic = 'scarcity'): string {
  for (let i = 0; ; i += 1) if (abVariant(tactic, `session-${i}`) === arm) return `session-${i}`;
}

async function pageAt(ctx: TestContext) {
  const id = await reachSeats(ctx, TRIP);
  const checkout = findCheckout(ctx.db, id)!;
  return { id, checkout, page: seatsPage(ctx.db, checkout, { now: ctx.clock.now(), seed: ctx.config.demoSeed }) };
}

/** The page with the free seats of each zone of the outbound flight set to `free`. */
function withFree(page: SeatsPage, free: Record<string, number>): SeatsPage {
  const [first, ...rest] = page.flights;
  return { ...page, flights: [{ ...first!, freeByZone: new Map(Object.entries(free)) as never }, ...rest] };
}

function badges(view: SeatsView): string[] {
  return view.flights.flatMap((f) => f.prices.flatMap((z) => (z.scarcity ? [`${z.testId}: ${z.scarcity.text}`] : [])));
}

describe('seats view model: the scarcity tactic', () => {
  it('shows "Only N <zone> seats left" on a paid zone with 1 to 5 free seats when the tactic is on, and not when it is off', async () => {
    const ctx = createTestApp();
    const { checkout, page } = await pageAt(ctx);
    const scarce = withFree(page, { standard: 80, up_front: 1, extra_legroom: 3 });
    const build = (sessionId: string) =>
      seatsView({ page: scarce, checkout, values: {}, errors: {}, tactics: tacticAssignments(ctx.db, sessionId), holdsExpired: false, heldUntilLocal: null });

    setScarcity(ctx.db, 'off');
    const off = build('s');
    expect(badges(off)).toEqual([]);
    expect(off.tactics).toEqual([]);

    setScarcity(ctx.db, 'on');
    expect(badges(build('s'))).toEqual([
      'seat-price-outbound-up-front: Only 1 up-front seat left',
      'seat-price-outbound-extra-legroom: Only 3 extra-legroom seats left',
    ]);
    // Plenty left, or none at all: nothing to say.
    const plenty = seatsView({
      page: withFree(page, { standard: 80, up_front: SCARCITY_MAX + 1, extra_legroom: 0 }),
      checkout,
      values: {},
      errors: {},
      tactics: tacticAssignments(ctx.db, 's'),
      holdsExpired: false,
      heldUntilLocal: null,
    });
    expect(badges(plenty)).toEqual([]);
  });

  it('in an A/B test, changes the page for arm B only, and both arms record the tactic on the offers it touches', async () => {
    const ctx = createTestApp();
    const { checkout, page } = await pageAt(ctx);
    const scarce = withFree(page, { standard: 80, up_front: 20, extra_legroom: 2 });
    setScarcity(ctx.db, 'ab');
    const view = (arm: 'A' | 'B') =>
      seatsView({ page: scarce, checkout, values: {}, errors: {}, tactics: tacticAssignments(ctx.db, sessionIn(arm)), holdsExpired: false, heldUntilLocal: null });
    const a = view('A');
    const b = view('B');
    expect(badges(a)).toEqual([]);
    expect(badges(b)).toEqual(['seat-price-outbound-extra-legroom: Only 2 extra-legroom seats left']);
    expect(a.tactics.map((t) => t.tactic)).toEqual([{ tactic: 'scarcity', variant: 'A' }]);
    expect(b.tactics.map((t) => t.tactic)).toEqual([{ tactic: 'scarcity', variant: 'B' }]);
    const touched = (v: SeatsView, zone: string) => v.tactics[0]!.touches({ zone, direction: 'outbound' } as never);
    expect([touched(a, 'extra_legroom'), touched(a, 'up_front'), touched(b, 'extra_legroom')]).toEqual([true, false, true]);
    // Everything else is the same page.
    const strip = (v: SeatsView) => JSON.stringify({ ...v, tactics: undefined }).replace(/,"scarcity":\{[^}]*\}/g, ',"scarcity":null');
    expect(strip(a)).toBe(strip(b));
  });
});

describe('seats view model: the anchoring tactic', () => {
  const order = (view: SeatsView) => view.flights[0]!.prices.map((z) => z.title);

  it("lists each flight's zone prices dearest first when it applies (on, arm B), in the cabin order otherwise (off, arm A)", async () => {
    const ctx = createTestApp();
    const { checkout, page } = await pageAt(ctx);
    const build = (sessionId: string) =>
      seatsView({ page, checkout, values: {}, errors: {}, tactics: tacticAssignments(ctx.db, sessionId), holdsExpired: false, heldUntilLocal: null });
    const cabinOrder = ['Standard', 'Up front', 'Extra legroom'];
    const dearestFirst = ['Extra legroom', 'Up front', 'Standard'];

    setAnchoring(ctx.db, 'off');
    expect(order(build('s'))).toEqual(cabinOrder);
    expect(build('s').tactics).toEqual([]);
    setAnchoring(ctx.db, 'on');
    expect(order(build('s'))).toEqual(dearestFirst);
    setAnchoring(ctx.db, 'ab');
    const [a, b] = [build(sessionIn('A', 'anchoring')), build(sessionIn('B', 'anchoring'))];
    expect([order(a), order(b)]).toEqual([cabinOrder, dearestFirst]);
    expect([a.tactics.map((t) => t.tactic), b.tactics.map((t) => t.tactic)]).toEqual([
      [{ tactic: 'anchoring', variant: 'A' }],
      [{ tactic: 'anchoring', variant: 'B' }],
    ]);
    // The prices themselves do not change, nor does the map.
    expect(JSON.stringify(a.flights[0]!.rows)).toBe(JSON.stringify(b.flights[0]!.rows));
    expect(a.flights[0]!.prices.map((z) => z.text).sort()).toEqual(b.flights[0]!.prices.map((z) => z.text).sort());
  });

  it('records every seat offer shown with anchoring, except those scarcity touches, which it records with scarcity', async () => {
    const ctx = createTestApp();
    const { id, checkout, page } = await pageAt(ctx);
    setAnchoring(ctx.db, 'on');
    setScarcity(ctx.db, 'on');
    ctx.db.prepare('DELETE FROM offer_events').run();
    const scarce = withFree(page, { standard: 80, up_front: 20, extra_legroom: 2 });
    const view = seatsView({ page: scarce, checkout, values: {}, errors: {}, tactics: tacticAssignments(ctx.db, 's'), holdsExpired: false, heldUntilLocal: null });
    recordSeatOffersShown(ctx.db, checkout, scarce, { sessionId: 's', now: ctx.clock.now() }, view.tactics);
    const events = ctx.db.prepare("SELECT offer_code, tactic, variant FROM offer_events WHERE checkout_id = ? AND event = 'shown' ORDER BY offer_code").all(id);
    expect(events).toEqual([
      { offer_code: 'SEAT_EXTRA_LEGROOM', tactic: 'scarcity', variant: 'on' },
      { offer_code: 'SEAT_STANDARD', tactic: 'anchoring', variant: 'on' },
      { offer_code: 'SEAT_UP_FRONT', tactic: 'anchoring', variant: 'on' },
    ]);
  });
});

describe('seats page: scarcity from the real free seats', () => {
  /** Another traveller holds every free extra-legroom seat of the flight but `left` of them. */
  async function leaveExtraLegroom(ctx: TestContext, checkoutId: string, left: number): Promise<string[]> {
    const other = await openCheckout({ ...ctx, agent: request.agent(ctx.app) }, TRIP);
    const flight = findCheckout(ctx.db, checkoutId)!.flights[0]!;
    const plan = planOf(ctx.db, flight.aircraftCode);
    const html = (await ctx.agent.get(seatsUrl(checkoutId))).text;
    const free = availableSeats(html, 'seat-p1-outbound').filter((s) => zoneOf(plan, s).zone === 'extra_legroom');
    expect(free.length).toBeGreaterThan(left);
    const insert = ctx.db.prepare(
      `INSERT INTO seat_assignments (flight_id, seat, checkout_id, passenger_idx, held_until, created_at) VALUES (?, ?, ?, 1, ?, ?)`,
    );
    free.slice(left).forEach((seat, i) => insert.run(flight.flightId, seat, other, '2099-01-01T00:00:00.000Z', `2026-11-27T09:00:0${i % 10}.000Z`));
    return free.slice(0, left);
  }

  const shownEvents = (db: Db, checkoutId: string) =>
    db
      .prepare("SELECT offer_code, tactic, variant, session_id FROM offer_events WHERE checkout_id = ? AND event = 'shown' AND placement = 'seats' ORDER BY offer_code")
      .all(checkoutId) as Array<{ offer_code: string; tactic: string | null; variant: string | null; session_id: string }>;

  it('says how many extra-legroom seats are really left when the tactic is on, and records the impressions and the acceptance with it', async () => {
    const ctx = createTestApp();
    const id = await reachSeats(ctx, TRIP);
    const left = await leaveExtraLegroom(ctx, id, 3);
    ctx.db.prepare('DELETE FROM offer_events').run();
    setScarcity(ctx.db, 'on');
    const res = await ctx.agent.get(seatsUrl(id));
    expect(res.text).toContain(`${BADGE}>Only 3 extra-legroom seats left<`);
    const plan = planOf(ctx.db, findCheckout(ctx.db, id)!.flights[0]!.aircraftCode);
    expect(availableSeats(res.text, 'seat-p1-outbound').filter((s) => zoneOf(plan, s).zone === 'extra_legroom').sort()).toEqual([...left].sort());
    const events = shownEvents(ctx.db, id);
    expect(events.find((e) => e.offer_code === 'SEAT_EXTRA_LEGROOM')).toMatchObject({ tactic: 'scarcity', variant: 'on' });
    expect(events.find((e) => e.offer_code === 'SEAT_STANDARD')).toMatchObject({ tactic: null, variant: null });

    // Taking one of the last seats is recorded as a response to the tactic too.
    expectStatus(await submitSeats(ctx, id, { 'seat-p1-outbound': left[0]! }), 303);
    const accepted = ctx.db.prepare("SELECT offer_code, tactic, variant FROM offer_events WHERE checkout_id = ? AND event = 'accepted'").all(id);
    expect(accepted).toEqual([{ offer_code: 'SEAT_EXTRA_LEGROOM', tactic: 'scarcity', variant: 'on' }]);
  });

  it('says nothing when the tactic is off, however few seats are left', async () => {
    const ctx = createTestApp();
    const id = await reachSeats(ctx, TRIP);
    await leaveExtraLegroom(ctx, id, 1);
    ctx.db.prepare('DELETE FROM offer_events').run();
    setScarcity(ctx.db, 'off');
    const res = await ctx.agent.get(seatsUrl(id));
    expect(res.text).not.toContain('seat-scarcity-');
    expect(shownEvents(ctx.db, id).every((e) => e.tactic === null)).toBe(true);
  });

  it("in an A/B test, shows the hint to the session's arm B only and records its arm on the impressions", async () => {
    const ctx = createTestApp();
    const id = await reachSeats(ctx, TRIP);
    await leaveExtraLegroom(ctx, id, 2);
    ctx.db.prepare('DELETE FROM offer_events').run();
    setScarcity(ctx.db, 'ab');
    const res = await ctx.agent.get(seatsUrl(id));
    const extra = shownEvents(ctx.db, id).find((e) => e.offer_code === 'SEAT_EXTRA_LEGROOM')!;
    const arm = abVariant('scarcity', extra.session_id);
    expect(extra).toMatchObject({ tactic: 'scarcity', variant: arm });
    if (arm === 'B') expect(res.text).toContain(`${BADGE}>Only 2 extra-legroom seats left<`);
    else expect(res.text).not.toContain('seat-scarcity-');
  });
});
