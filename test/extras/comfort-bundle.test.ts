// The bundle tactic: the "Comfort" bundle (an extra-legroom seat, a 23 kg bag and priority boarding for
// everyone with a seat on one flight), priced from its parts less BUNDLE_COMFORT's discount.
import { describe, expect, it } from 'vitest';
import { seatOf } from '../../src/features/catalogue/seat-zones.ts';
import { priceCheckout } from '../../src/features/checkout/pricing.ts';
import { pay } from '../../src/features/payment/pay.ts';
import { chooseSeats } from '../../src/features/seats/choose-seats.ts';
import { getBookingDetails } from '../../src/features/bookings/confirmation.ts';
import { manageOffers } from '../../src/features/manage/manage-offers.ts';
import { abVariant } from '../../src/features/tactics/assignments.ts';
import { CARD_HOLDER, CARDS } from '../helpers/fixtures.ts';
import { checkoutOf, sessionOf } from '../helpers/factories.ts';
import { SOLO_TO_NEW_YORK, atExtras, bandFor, byTestId, events, flightOf, minor, postExtras, priceRule, saveExtrasForm, storedExtras, summaryOf, type ExtrasContext } from './extras-helpers.ts';
import type { Trip } from '../helpers/flow.ts';

/** Two adults on Basic to Lisbon and back: no bag, no seat, no priority in the fare. */
const COUPLE: Trip = { from: 'DUB', to: 'LIS', depart: '2027-01-14', return: '2027-01-18', adults: 2, family: 'basic' };
/** An adult and a child, one way on Basic: the child must sit beside the adult (row 1, the one extra-legroom row without an exit, has room that day). */
const PARENT_AND_CHILD: Trip = { from: 'DUB', to: 'LIS', depart: '2027-01-15', adults: 1, children: 1, family: 'basic' };

const API = '/api/v1';
const setBundle = (ctx: ExtrasContext, mode: 'off' | 'on' | 'ab', split = 50) => ctx.db.prepare("UPDATE tactics SET mode = ?, split = ? WHERE code = 'bundle'").run(mode, split);
const heldSeats = (ctx: ExtrasContext) =>
  ctx.db.prepare('SELECT flight_id AS flightId, seat, passenger_idx AS passengerIdx, price_minor AS priceMinor FROM seat_assignments WHERE checkout_id = ? ORDER BY flight_id, passenger_idx').all(ctx.id) as Array<{
    flightId: number;
    seat: string;
    passengerIdx: number;
    priceMinor: number;
  }>;
const bundleEvents = (ctx: ExtrasContext) =>
  ctx.db.prepare("SELECT event, item_key, price_minor, tactic, variant FROM offer_events WHERE checkout_id = ? AND offer_code = 'BUNDLE_COMFORT' ORDER BY id").all(ctx.id) as Array<{
    event: string;
    item_key: string;
    price_minor: number;
    tactic: string | null;
    variant: string | null;
  }>;
const zoneOf = (ctx: ExtrasContext, flightId: number, seat: string) => {
  const aircraft = ctx.db.prepare('SELECT aircraft_code FROM flights WHERE id = ?').pluck().get(flightId) as string;
  return seatOf(ctx.db, aircraft, seat)?.zone;
};

/** The bundle's price by hand: per passenger the extra-legroom seat, a bag and priority from their distance bands, less 20 %. */
function expectedPrice(ctx: ExtrasContext, direction: 'outbound' | 'return', seated: number) {
  const km = flightOf(ctx, direction).distanceKm;
  const band = (code: string) => bandFor(priceRule(ctx, code).bands as never, km);
  const parts = seated * (band('SEAT_EXTRA_LEGROOM') + band('BAG_CHECKED_23KG') + band('PRIORITY_BOARDING'));
  const saving = Math.round((parts * 20) / 100);
  return { parts, saving, price: parts - saving };
}

describe('bundle tactic: the Comfort bundle', () => {
  it('off (the seed): no bundle on the extras page nor in the API offers, and PUT with a bundle is 422 problem+json with nothing changed', async () => {
    const ctx = await atExtras(COUPLE);
    const page = await ctx.agent.get(ctx.url);
    expect(page.text).not.toContain('data-testid="extras-bundle"');
    const offers = await ctx.agent.get(`${API}/checkouts/${ctx.id}/offers?placement=extras`);
    expect(offers.body.offers.some((o: { category: string }) => o.category === 'bundle')).toBe(false);
    const res = await ctx.agent.put(`${API}/checkouts/${ctx.id}/extras`).send({ bundles: [{ direction: 'outbound', answer: 'add' }] });
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors ?? res.body.issues ?? res.body).toBeTruthy();
    expect(JSON.stringify(res.body)).toContain('not_offered');
    expect(storedExtras(ctx)).toEqual([]);
    expect(heldSeats(ctx)).toEqual([]);
    expect(bundleEvents(ctx)).toEqual([]);
  });

  it('on: offered per flight at the parts (seat + bag + priority per passenger) less 20 %, rounded to the cent, from the catalogue rule', async () => {
    const ctx = await atExtras(COUPLE);
    setBundle(ctx, 'on');
    expect(priceRule(ctx, 'BUNDLE_COMFORT')).toEqual({ type: 'bundle', parts: ['SEAT_EXTRA_LEGROOM', 'BAG_CHECKED_23KG', 'PRIORITY_BOARDING'], discountPercent: 20 });
    const page = await ctx.agent.get(ctx.url);
    expect(page.status).toBe(200);
    for (const d of ['outbound', 'return'] as const) {
      const want = expectedPrice(ctx, d, 2);
      expect(minor(byTestId(page.text, `bundle-price-${d}`)!)).toBe(want.price);
      expect(minor(byTestId(page.text, `bundle-parts-price-${d}`)!)).toBe(want.parts);
      expect(minor(byTestId(page.text, `bundle-saving-${d}`)!)).toBe(want.saving);
    }
    expect(page.text).toContain('data-testid="bundle-add-outbound"');
    expect(page.text).toContain('data-testid="bundle-decline-outbound"');
    expect(page.text).not.toMatch(/data-testid="bundle-add-outbound"[^>]*checked/);
    // Shown once per flight with its price, the tactic and the session's variant.
    expect(bundleEvents(ctx).map((e) => [e.event, e.item_key, e.tactic, e.variant])).toEqual([
      ['shown', 'bundle:outbound', 'bundle', 'on'],
      ['shown', 'bundle:return', 'bundle', 'on'],
    ]);
    expect(bundleEvents(ctx)[0]!.price_minor).toBe(expectedPrice(ctx, 'outbound', 2).price);
  });

  it('taking it holds extra-legroom seats for both, shows one "Comfort bundle" line with the saving, the payment charges the summary total, and Manage booking counts its bag and priority', async () => {
    const ctx = await atExtras(COUPLE);
    setBundle(ctx, 'on');
    await ctx.agent.get(ctx.url);
    await saveExtrasForm(ctx, { 'bundle-outbound': 'add', 'bundle-return': 'decline' });
    const outbound = flightOf(ctx, 'outbound');
    const seats = heldSeats(ctx).filter((s) => s.flightId === outbound.flightId);
    expect(seats.map((s) => s.passengerIdx)).toEqual([1, 2]);
    for (const s of seats) expect(zoneOf(ctx, s.flightId, s.seat)).toBe('extra_legroom');
    expect(storedExtras(ctx).map((e) => [e.item_key, e.offer_code])).toEqual([['bundle:outbound', 'BUNDLE_COMFORT']]);

    const want = expectedPrice(ctx, 'outbound', 2);
    const review = await ctx.agent.get(`/checkouts/${ctx.id}/review`);
    const summary = summaryOf((await ctx.agent.get(ctx.url)).text);
    expect(summary.lines.get('bundle-outbound')).toBe(want.price);
    expect(review.text).toMatch(/Comfort bundle, outbound: extra-legroom seat, 23 kg bag and priority boarding for 2 passengers, you save €[\d.,]+/);
    // The seats are inside the bundle: their own lines cost nothing, nothing is charged twice.
    expect(summary.lines.get('seat-p1-outbound')).toBe(0);
    expect(summary.lines.get('seat-p2-outbound')).toBe(0);
    const checkout = checkoutOf(ctx.db, ctx.id);
    const priced = priceCheckout(ctx.db, checkout);
    expect(summary.total).toBe(priced.total.amountMinor);
    // Sold as the bundle: the seats inside it are not upsells of their own (the dashboard counts the bundle once).
    expect(priced.lines.filter((l) => l.group === 'seats' && l.direction === 'outbound').map((l) => [l.kind, l.offerCode, l.total.amountMinor])).toEqual([
      ['fare', null, 0],
      ['fare', null, 0],
    ]);
    const fares = priced.lines.filter((l) => l.group === 'fares' || l.group === 'taxes').reduce((n, l) => n + l.total.amountMinor, 0);
    expect(priced.total.amountMinor).toBe(fares + want.price);

    const sessionId = await sessionOf(ctx.agent);
    const result = await pay({ db: ctx.db, now: ctx.clock.now(), sessionId, seed: ctx.config.demoSeed }, checkout, { card: { number: CARDS.approve, ...CARD_HOLDER } }, { timeoutMs: ctx.config.paymentTimeoutMs });
    expect(result.status).toBe('booked');
    const booked = ctx.db.prepare('SELECT total_minor FROM bookings WHERE checkout_id = ?').pluck().get(ctx.id);
    expect(booked).toBe(priced.total.amountMinor);
    const items = ctx.db.prepare("SELECT bi.total_minor FROM booking_items bi JOIN bookings b ON b.id = bi.booking_id WHERE b.checkout_id = ? AND bi.offer_code = 'BUNDLE_COMFORT'").pluck().all(ctx.id);
    expect(items).toEqual([want.price]);
    // Manage booking knows what the bundle gave: priority is already there, and one bag of the three a passenger may check.
    if (result.status !== 'booked') throw new Error('not booked');
    const details = getBookingDetails(ctx.db, result.reference);
    const offers = manageOffers({ db: ctx.db, now: ctx.clock.now(), seed: ctx.config.demoSeed }, details).filter((o) => o.direction === 'outbound' && o.passengerIdx === 1);
    expect(offers.find((o) => o.type === 'priority')!.refusal?.code).toBe('included');
    expect(offers.find((o) => o.type === 'bag')!.maxQuantity).toBe(2);
    const back = manageOffers({ db: ctx.db, now: ctx.clock.now(), seed: ctx.config.demoSeed }, details).filter((o) => o.direction === 'return' && o.passengerIdx === 1);
    expect(back.find((o) => o.type === 'priority')!.refusal).toBeNull();
    expect(back.find((o) => o.type === 'bag')!.maxQuantity).toBe(3);
    expect(bundleEvents(ctx).filter((e) => e.event !== 'shown').map((e) => [e.event, e.item_key, e.price_minor, e.tactic, e.variant])).toEqual([
      ['accepted', 'bundle:outbound', want.price, 'bundle', 'on'],
      ['declined', 'bundle:return', expectedPrice(ctx, 'return', 2).price, 'bundle', 'on'],
    ]);
  });

  it('seats a child beside their adult in extra legroom, priced by the seats step (family seating), and the parts add up', async () => {
    const ctx = await atExtras(PARENT_AND_CHILD);
    setBundle(ctx, 'on');
    await ctx.agent.get(ctx.url);
    await saveExtrasForm(ctx, { 'bundle-outbound': 'add' });
    const seats = heldSeats(ctx);
    expect(seats).toHaveLength(2);
    const [a, c] = seats as [(typeof seats)[0], (typeof seats)[0]];
    expect(a.seat.slice(0, -1)).toBe(c.seat.slice(0, -1));
    expect(Math.abs(a.seat.charCodeAt(a.seat.length - 1) - c.seat.charCodeAt(c.seat.length - 1))).toBe(1);
    // Family seating makes both seats free apart, so the bundle's parts are two bags and two priorities.
    const km = flightOf(ctx, 'outbound').distanceKm;
    const parts = 2 * (bandFor(priceRule(ctx, 'BAG_CHECKED_23KG').bands as never, km) + bandFor(priceRule(ctx, 'PRIORITY_BOARDING').bands as never, km));
    expect(seats.map((s) => s.priceMinor)).toEqual([0, 0]);
    const line = priceCheckout(ctx.db, checkoutOf(ctx.db, ctx.id)).lines.find((l) => l.key === 'bundle:outbound')!;
    expect(line.total.amountMinor).toBe(parts - Math.round((parts * 20) / 100));
  });

  it('removing it removes what it added: its line, the seats it assigned (and says so), and records removed with the tactic', async () => {
    const ctx = await atExtras(COUPLE);
    setBundle(ctx, 'on');
    await ctx.agent.get(ctx.url);
    await saveExtrasForm(ctx, { 'bundle-outbound': 'add' });
    expect(heldSeats(ctx)).toHaveLength(2);
    const page = await ctx.agent.get(ctx.url);
    expect(page.text).toMatch(/data-testid="bundle-add-outbound"[^>]*checked/);
    expect(page.text).toContain('Priority boarding is included in your Comfort bundle on this flight.');
    const res = await saveExtrasForm(ctx, { 'bundle-outbound': 'decline' });
    // Back to the extras page once, saying the seats went, with a link to choose seats.
    expect(res.headers.location).toBe(`${ctx.url}?bundle-released=outbound`);
    const notice = await ctx.agent.get(res.headers.location!);
    expect(byTestId(notice.text, 'bundle-seats-released-notice')).toBeDefined();
    expect(notice.text).toContain('The extra-legroom seats that came with your Comfort bundle on the outbound flight were released.');
    expect(notice.text).toContain('data-testid="bundle-choose-seats"');
    expect(storedExtras(ctx)).toEqual([]);
    expect(heldSeats(ctx)).toEqual([]);
    expect(ctx.db.prepare('SELECT COUNT(*) FROM checkout_bundle_seats').pluck().get()).toBe(0);
    const removed = bundleEvents(ctx).filter((e) => e.event === 'removed');
    expect(removed.map((e) => [e.item_key, e.price_minor, e.tactic, e.variant])).toEqual([['bundle:outbound', expectedPrice(ctx, 'outbound', 2).price, 'bundle', 'on']]);
  });

  it('with the bundle taken, the review page offers neither priority boarding nor a seat again for that flight (the bundle includes both)', async () => {
    const ctx = await atExtras({ from: 'DUB', to: 'LIS', depart: '2027-01-14', adults: 1, family: 'basic' });
    setBundle(ctx, 'on');
    const before = await ctx.agent.get(`/checkouts/${ctx.id}/review`);
    expect(before.text).toContain('data-testid="review-addon-priority"');
    await ctx.agent.get(ctx.url);
    await saveExtrasForm(ctx, { 'bundle-outbound': 'add' });
    const after = await ctx.agent.get(`/checkouts/${ctx.id}/review`);
    expect(after.text).not.toContain('data-testid="review-addon-priority"');
    expect(after.text).not.toContain('data-testid="review-addon-seats"');
  });

  it('gives no discount while a passenger has left extra legroom on the seats step, and saving the extras page seats them there again', async () => {
    const ctx = await atExtras(COUPLE);
    setBundle(ctx, 'on');
    await ctx.agent.get(ctx.url);
    await saveExtrasForm(ctx, { 'bundle-outbound': 'add' });
    const sessionId = await sessionOf(ctx.agent);
    const command = { db: ctx.db, now: ctx.clock.now(), sessionId, seed: ctx.config.demoSeed };
    chooseSeats(command, checkoutOf(ctx.db, ctx.id), { seats: [] });
    expect(heldSeats(ctx)).toEqual([]);
    const km = flightOf(ctx, 'outbound').distanceKm;
    const apart = 2 * (bandFor(priceRule(ctx, 'BAG_CHECKED_23KG').bands as never, km) + bandFor(priceRule(ctx, 'PRIORITY_BOARDING').bands as never, km));
    const incomplete = priceCheckout(ctx.db, checkoutOf(ctx.db, ctx.id)).lines.find((l) => l.key === 'bundle:outbound')!;
    expect(incomplete.total.amountMinor).toBe(apart);
    expect(incomplete.description).toContain('incomplete');

    const page = await ctx.agent.get(ctx.url);
    expect(page.text).toMatch(/data-testid="bundle-add-outbound"[^>]*checked/);
    await saveExtrasForm(ctx, { 'bundle-outbound': 'add' });
    const seats = heldSeats(ctx);
    expect(seats).toHaveLength(2);
    for (const seat of seats) expect(zoneOf(ctx, seat.flightId, seat.seat)).toBe('extra_legroom');
    const whole = priceCheckout(ctx.db, checkoutOf(ctx.db, ctx.id)).lines.find((l) => l.key === 'bundle:outbound')!;
    expect(whole.total.amountMinor).toBe(expectedPrice(ctx, 'outbound', 2).price);
    // Kept, not taken again: one acceptance per impression.
    expect(bundleEvents(ctx).filter((e) => e.event === 'accepted')).toHaveLength(1);
  });

  it('A/B: arm A sees no bundle, arm B sees it, each as the split assigns it, and every event of the bundle and its parts carries the arm', async () => {
    const seen = new Map<string, ExtrasContext>();
    for (let i = 0; i < 24 && seen.size < 2; i++) {
      const ctx = await atExtras(COUPLE);
      setBundle(ctx, 'ab', 50);
      const arm = abVariant('bundle', await sessionOf(ctx.agent), 50);
      if (seen.has(arm)) continue;
      seen.set(arm, ctx);
      const page = await ctx.agent.get(ctx.url);
      expect(page.text.includes('data-testid="extras-bundle"')).toBe(arm === 'B');
      const parts = ctx.db
        .prepare("SELECT DISTINCT tactic, variant FROM offer_events WHERE checkout_id = ? AND offer_code IN ('BAG_CHECKED_23KG', 'PRIORITY_BOARDING', 'BUNDLE_COMFORT')")
        .all(ctx.id);
      expect(parts).toEqual([{ tactic: 'bundle', variant: arm }]);
      if (arm === 'A') {
        expect(bundleEvents(ctx)).toEqual([]);
        const res = await postExtras(ctx, { 'bundle-outbound': 'add' });
        expect(res.status).toBe(422);
        expect(res.text).toContain('There is no Comfort bundle on this trip');
        expect(storedExtras(ctx)).toEqual([]);
      } else {
        expect(bundleEvents(ctx).map((e) => e.variant)).toEqual(['B', 'B']);
      }
    }
    expect([...seen.keys()].sort()).toEqual(['A', 'B']);
  });

  it('refuses bad input with 422 and changes nothing: a flight the trip does not have, a fare that includes the parts, the same flight twice, the bundle with the upgrade', async () => {
    const oneWay = await atExtras({ from: 'DUB', to: 'LIS', depart: '2027-01-14', adults: 1, family: 'basic' });
    setBundle(oneWay, 'on');
    const res = await oneWay.agent.put(`${API}/checkouts/${oneWay.id}/extras`).send({ bundles: [{ direction: 'return', answer: 'add' }] });
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(JSON.stringify(res.body)).toContain('unknown_flight');
    expect(storedExtras(oneWay)).toEqual([]);

    const flex = await atExtras({ from: 'DUB', to: 'LIS', depart: '2027-01-14', adults: 1, family: 'flex' });
    setBundle(flex, 'on');
    expect((await flex.agent.get(flex.url)).text).not.toContain('data-testid="extras-bundle"');
    const refused = await flex.agent.put(`${API}/checkouts/${flex.id}/extras`).send({ bundles: [{ direction: 'outbound', answer: 'add' }] });
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body)).toContain('already_included');
    expect(storedExtras(flex)).toEqual([]);
    expect(heldSeats(flex)).toEqual([]);

    const sent = await oneWay.agent.put(`${API}/checkouts/${oneWay.id}/extras`).send({ bundles: [{ direction: 'outbound', answer: 'add' }, { direction: 'outbound', answer: 'add' }] });
    expect(sent.status).toBe(422);
    expect(JSON.stringify(sent.body)).toContain('duplicate');
    expect(storedExtras(oneWay)).toEqual([]);
    expect(heldSeats(oneWay)).toEqual([]);

    const business = await atExtras(SOLO_TO_NEW_YORK);
    setBundle(business, 'on');
    const both = await business.agent.put(`${API}/checkouts/${business.id}/extras`).send({ upgrades: [{ direction: 'outbound', answer: 'add' }], bundles: [{ direction: 'outbound', answer: 'add' }] });
    expect(both.status).toBe(422);
    expect(JSON.stringify(both.body)).toContain('conflict');
    expect(storedExtras(business)).toEqual([]);
    expect(heldSeats(business)).toEqual([]);
  });

  it('the JSON API lists the bundle when on, with its parts, and PUT takes it: the checkout shows the selection and the price line', async () => {
    const ctx = await atExtras(COUPLE);
    setBundle(ctx, 'on');
    const offers = await ctx.agent.get(`${API}/checkouts/${ctx.id}/offers?placement=extras`);
    const bundle = offers.body.offers.find((o: { id: string }) => o.id === 'extras:BUNDLE_COMFORT:bundle:outbound');
    const want = expectedPrice(ctx, 'outbound', 2);
    expect(bundle).toMatchObject({ category: 'bundle', kind: 'cross_sell', price: { amountMinor: want.price }, details: { partsPrice: { amountMinor: want.parts }, saving: { amountMinor: want.saving }, discountPercent: 20, seated: 2 } });
    expect(bundle.selectWith.field).toBe('bundles');
    const res = await ctx.agent.put(`${API}/checkouts/${ctx.id}/extras`).send({ bundles: [{ direction: 'outbound', answer: 'add' }] });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.checkout.selections.extras.bundles).toEqual([{ direction: 'outbound', answer: 'add' }]);
    expect(res.body.changes).toEqual([{ itemKey: 'bundle:outbound', offerCode: 'BUNDLE_COMFORT', event: 'accepted', price: { amountMinor: want.price, currency: 'EUR' } }]);
    const seats = heldSeats(ctx).filter((s) => s.flightId === flightOf(ctx, 'outbound').flightId);
    expect(seats.map((s) => bundle.details.seats.find((b: { passengerIdx: number }) => b.passengerIdx === s.passengerIdx).seat)).toEqual(seats.map((s) => s.seat));
  });
});
