// The free-to-paid upgrade page (tactic free_to_paid_upgrade): after the results form opens a checkout
// with a Basic fare, one page compares Basic with Standard and asks once; both answers go on to the
// passengers step, which stays reachable directly. Prices come from the catalogue, all-in.
import { describe, expect, it } from 'vitest';
import { findCheckout } from '../../src/features/checkout/checkout.repository.ts';
import { priceCheckout } from '../../src/features/checkout/pricing.ts';
import { pageAfterFareChoice, upgradeFare } from '../../src/features/search/fare-upgrade.ts';
import { findFlights } from '../../src/features/search/flights.repository.ts';
import { abVariant, tacticAssignments } from '../../src/features/tactics/assignments.ts';
import { ConflictError, ValidationError } from '../../src/lib/errors.ts';
import { apiCheckout } from '../api/api-helpers.ts';
import { createTestApp, csrfFrom, postForm, text, type TestContext } from '../helpers/app.ts';
import { checkoutAt, sessionOf } from '../helpers/factories.ts';
import { TRIPS, type Trip } from '../helpers/fixtures.ts';
import { findFareOption, searchQuery } from '../helpers/flow.ts';

type Family = 'basic' | 'standard' | 'flex';

/** The results form, as a customer sends it: the first flight's fare of `families[i]` in each direction. */
async function chooseFares(ctx: TestContext, trip: Trip, families: { outbound: Family; return?: Family }) {
  const query = searchQuery(trip);
  const resultsUrl = `/flights?${new URLSearchParams(query).toString()}`;
  const results = await ctx.agent.get(resultsUrl);
  expect(results.status).toBe(200);
  const fields: Record<string, string> = { ...query, outboundFare: findFareOption(results.text, 'outbound', families.outbound).fareId };
  if (trip.return) fields.returnFare = findFareOption(results.text, 'return', families.return ?? families.outbound).fareId;
  const res = await postForm(ctx.agent, resultsUrl, '/checkouts', fields);
  expect(res.status).toBe(303);
  const id = /^\/checkouts\/([\w-]+)\//.exec(res.headers.location ?? '')![1]!;
  return { id, location: res.headers.location as string };
}

const upgradeUrl = (id: string) => `/checkouts/${id}/upgrade`;
const passengersUrl = (id: string) => `/checkouts/${id}/passengers`;

function answer(ctx: TestContext, id: string, value: string) {
  return postForm(ctx.agent, upgradeUrl(id), upgradeUrl(id), { answer: value });
}

function setMode(ctx: TestContext, mode: 'off' | 'on' | 'ab', split = 50) {
  ctx.db.prepare("UPDATE tactics SET mode = ?, split = ? WHERE code = 'free_to_paid_upgrade'").run(mode, split);
}

/** Standard minus Basic on the checkout's flight of a direction, as the results page quotes them now. */
function standardOverBasic(ctx: TestContext, id: string, direction: 'outbound' | 'return') {
  const checkout = findCheckout(ctx.db, id)!;
  const flight = checkout.flights.find((f) => f.direction === direction)!;
  const party = { adults: checkout.adults, children: checkout.children, infants: checkout.infants };
  const option = findFlights(ctx.db, { from: flight.origin, to: flight.destination, date: flight.departureDate, party, now: ctx.clock.now() }).find((f) => f.id === flight.flightId)!;
  const fare = (family: string) => option.fares.find((f) => f.family.code === family)!;
  return { party: fare('standard').totalMinor - fare('basic').totalMinor, perAdult: fare('standard').perAdultMinor - fare('basic').perAdultMinor };
}

function upgradeEvents(ctx: TestContext, id: string) {
  return ctx.db
    .prepare(`SELECT offer_code AS offer, event, placement, tactic, variant, item_key AS item, price_minor AS price FROM offer_events WHERE checkout_id = ? AND item_key LIKE 'fare-upgrade:%' ORDER BY id`)
    .all(id) as Array<{ offer: string; event: string; placement: string; tactic: string | null; variant: string | null; item: string; price: number }>;
}

const euros = (minor: number) => `€${minor % 100 === 0 ? minor / 100 : (minor / 100).toFixed(2)}`;
const families = (ctx: TestContext, id: string) => findCheckout(ctx.db, id)!.flights.map((f) => `${f.direction}:${f.family}`);

describe('the free-to-paid upgrade page', () => {
  it('follows a Basic fare chosen on the results page, instead of the passengers step, while the tactic is on', async () => {
    const ctx = createTestApp();
    const { id, location } = await chooseFares(ctx, TRIPS.soloToLondon, { outbound: 'basic' });
    expect(location).toBe(upgradeUrl(id));
  });

  it('compares Basic with Standard and prices the difference per passenger and for the party, all-in, with two equally weighted answers', async () => {
    const ctx = createTestApp();
    const { id } = await chooseFares(ctx, TRIPS.familyToLisbon, { outbound: 'basic' });
    const res = await ctx.agent.get(upgradeUrl(id));
    expect(res.status).toBe(200);
    const page = text(res.text);
    const out = standardOverBasic(ctx, id, 'outbound');
    const back = standardOverBasic(ctx, id, 'return');
    const total = out.party + back.party;
    expect(out.party).toBeGreaterThan(0);
    expect(res.text).toMatch(new RegExp(`data-testid="fare-upgrade-per-outbound-adult">\\+${euros(out.perAdult)} per adult<`));
    expect(res.text).toMatch(new RegExp(`data-testid="fare-upgrade-party-outbound">\\+${euros(out.party)}<`));
    expect(res.text).toMatch(new RegExp(`data-testid="fare-upgrade-party-return">\\+${euros(back.party)}<`));
    expect(res.text).toContain(`data-testid="fare-upgrade-per-return-child"`);
    expect(res.text).toMatch(new RegExp(`data-testid="fare-upgrade-total">\\+${euros(total)}<`));
    // What Standard adds, side by side with Basic.
    expect(page).toMatch(/Checked bag\s+No checked bag\s+1 × 23 kg checked bag/);
    expect(page).toMatch(/Seat choice\s+Seat choice for a fee\s+Free standard seat choice/);
    // Two submit buttons of the same form, same class, the price on the upgrade.
    const accept = /<button[^>]*data-testid="fare-upgrade-accept"[^>]*>([^<]*)<\/button>/.exec(res.text)!;
    const keep = /<button[^>]*data-testid="fare-upgrade-keep"[^>]*>([^<]*)<\/button>/.exec(res.text)!;
    expect(accept[1]).toBe(`Upgrade to Standard (+${euros(total)})`);
    expect(keep[1]).toBe('Keep Basic');
    const cls = (button: string) => /class="([^"]*)"/.exec(button)?.[1];
    expect(cls(accept[0])).toBe(cls(keep[0]));
    // The stepper is still on Flights; Back returns to the results of the same search.
    expect(res.text).toMatch(/aria-current="step" data-testid="step-flights"/);
    expect(res.text).toMatch(/href="\/flights\?from=DUB&amp;to=LIS[^"]*" data-testid="back"/);
  });

  it('"Upgrade to Standard" moves every Basic flight to Standard at the price shown, records it accepted, and goes on to passengers', async () => {
    const ctx = createTestApp();
    const { id } = await chooseFares(ctx, TRIPS.familyToLisbon, { outbound: 'basic' });
    const before = priceCheckout(ctx.db, findCheckout(ctx.db, id)!).total.amountMinor;
    const shownTotal = standardOverBasic(ctx, id, 'outbound').party + standardOverBasic(ctx, id, 'return').party;
    const res = await answer(ctx, id, 'upgrade');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(passengersUrl(id));
    expect(families(ctx, id)).toEqual(['outbound:standard', 'return:standard']);
    expect(priceCheckout(ctx.db, findCheckout(ctx.db, id)!).total.amountMinor - before).toBe(shownTotal);
    const events = upgradeEvents(ctx, id);
    expect(events.map((e) => `${e.offer} ${e.event} ${e.placement} ${e.tactic} ${e.variant}`)).toEqual([
      'FARE_STANDARD shown results free_to_paid_upgrade on',
      'FARE_STANDARD shown results free_to_paid_upgrade on',
      'FARE_STANDARD accepted results free_to_paid_upgrade on',
      'FARE_STANDARD accepted results free_to_paid_upgrade on',
    ]);
    expect(events.filter((e) => e.event === 'accepted').reduce((sum, e) => sum + e.price, 0)).toBe(shownTotal);
  });

  it('"Keep Basic" keeps the fare and the price, records it declined, and goes on to passengers', async () => {
    const ctx = createTestApp();
    const { id } = await chooseFares(ctx, TRIPS.soloToLondon, { outbound: 'basic' });
    const before = priceCheckout(ctx.db, findCheckout(ctx.db, id)!).total.amountMinor;
    const res = await answer(ctx, id, 'keep');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(passengersUrl(id));
    expect(families(ctx, id)).toEqual(['outbound:basic']);
    expect(priceCheckout(ctx.db, findCheckout(ctx.db, id)!).total.amountMinor).toBe(before);
    expect(upgradeEvents(ctx, id).map((e) => e.event)).toEqual(['shown', 'declined']);
  });

  it('asks once per checkout: after an answer the page sends on to passengers, and a second answer changes nothing', async () => {
    const ctx = createTestApp();
    const { id } = await chooseFares(ctx, TRIPS.soloToLondon, { outbound: 'basic' });
    const page = await ctx.agent.get(upgradeUrl(id));
    expect((await answer(ctx, id, 'keep')).status).toBe(303);
    const again = await ctx.agent.get(upgradeUrl(id));
    expect(again.status).toBe(303);
    expect(again.headers.location).toBe(passengersUrl(id));
    // The same form sent again (from the page still open in another tab), now asking to upgrade.
    const late = await ctx.agent.post(upgradeUrl(id)).type('form').send({ _csrf: csrfFrom(page.text), answer: 'upgrade' });
    expect(late.status).toBe(303);
    expect(families(ctx, id)).toEqual(['outbound:basic']);
    expect(upgradeEvents(ctx, id).map((e) => e.event)).toEqual(['shown', 'declined']);
  });

  it('is not a gate: the passengers step opens directly while the question is unanswered', async () => {
    const ctx = createTestApp();
    const { id } = await chooseFares(ctx, TRIPS.soloToLondon, { outbound: 'basic' });
    const res = await ctx.agent.get(passengersUrl(id));
    expect(res.status).toBe(200);
    expect(res.text).toContain('data-testid="passengers-form"');
  });

  it('offers only the Basic direction of a trip with Basic out and Standard back', async () => {
    const ctx = createTestApp();
    const { id, location } = await chooseFares(ctx, TRIPS.familyToLisbon, { outbound: 'basic', return: 'standard' });
    expect(location).toBe(upgradeUrl(id));
    const res = await ctx.agent.get(upgradeUrl(id));
    expect(res.text).toContain('data-testid="fare-upgrade-price-outbound"');
    expect(res.text).not.toContain('data-testid="fare-upgrade-price-return"');
    expect(res.text).toContain(`Upgrade to Standard (+${euros(standardOverBasic(ctx, id, 'outbound').party)})`);
    await answer(ctx, id, 'upgrade');
    expect(families(ctx, id)).toEqual(['outbound:standard', 'return:standard']);
  });

  it('goes straight to passengers when no fare is Basic', async () => {
    const ctx = createTestApp();
    const { id, location } = await chooseFares(ctx, TRIPS.soloToLondon, { outbound: 'standard' });
    expect(location).toBe(passengersUrl(id));
    expect((await ctx.agent.get(upgradeUrl(id))).headers.location).toBe(passengersUrl(id));
  });

  it('goes straight to passengers when the tactic is off, and the page is not shown', async () => {
    const ctx = createTestApp();
    setMode(ctx, 'off');
    const { id, location } = await chooseFares(ctx, TRIPS.soloToLondon, { outbound: 'basic' });
    expect(location).toBe(passengersUrl(id));
    const res = await ctx.agent.get(upgradeUrl(id));
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(passengersUrl(id));
    expect(upgradeEvents(ctx, id)).toEqual([]);
  });

  it('in an A/B test asks arm B (recording the arm) and sends arm A, the control, straight to passengers', async () => {
    const ctx = createTestApp();
    setMode(ctx, 'ab', 100);
    const b = await chooseFares(ctx, TRIPS.soloToLondon, { outbound: 'basic' });
    expect(b.location).toBe(upgradeUrl(b.id));
    await answer(ctx, b.id, 'upgrade');
    expect(upgradeEvents(ctx, b.id).map((e) => `${e.event} ${e.tactic} ${e.variant}`)).toEqual(['shown free_to_paid_upgrade B', 'accepted free_to_paid_upgrade B']);

    const control = createTestApp();
    setMode(control, 'ab', 0);
    const a = await chooseFares(control, TRIPS.soloToLondon, { outbound: 'basic' });
    expect(a.location).toBe(passengersUrl(a.id));
    // The domain decision, for sessions whose arm is the hash of their id (split 50).
    setMode(control, 'ab', 50);
    const sessionIn = (arm: 'A' | 'B') => Array.from({ length: 100 }, (_, i) => `session-${i}`).find((s) => abVariant('free_to_paid_upgrade', s, 50) === arm)!;
    const checkout = findCheckout(control.db, a.id)!;
    const next = (session: string) => pageAfterFareChoice(control.db, checkout.id, tacticAssignments(control.db, session), control.clock.now());
    expect(next(sessionIn('A'))).toBe(passengersUrl(a.id));
    expect(next(sessionIn('B'))).toBe(upgradeUrl(a.id));
  });

  it('refuses an answer that is neither upgrade nor keep with 422 on the same page, changing nothing', async () => {
    const ctx = createTestApp();
    const { id } = await chooseFares(ctx, TRIPS.soloToLondon, { outbound: 'basic' });
    const res = await answer(ctx, id, 'maybe');
    expect(res.status).toBe(422);
    expect(res.text).toContain('data-testid="error-summary"');
    expect(text(res.text)).toContain('Choose "Upgrade to Standard" or "Keep Basic"');
    expect(res.text).toContain('data-testid="fare-upgrade-accept"');
    expect(families(ctx, id)).toEqual(['outbound:basic']);
    expect(upgradeEvents(ctx, id).map((e) => e.event)).toEqual(['shown']);
    // A form without its CSRF token is refused too.
    expect((await ctx.agent.post(upgradeUrl(id)).type('form').send({ answer: 'upgrade' })).status).toBe(403);
    expect(families(ctx, id)).toEqual(['outbound:basic']);
  });

  it('is no longer offered once seats are chosen (their price depends on the fare): the page sends on, upgrading is a 409', async () => {
    const ctx = createTestApp();
    const { id } = await checkoutAt(ctx, 'review', TRIPS.soloToLondon, { seats: 'first-free' });
    const page = await ctx.agent.get(upgradeUrl(id));
    expect(page.status).toBe(303);
    // The form sent anyway (a page left open before the seats were chosen): a 409 page that says why.
    const token = csrfFrom((await ctx.agent.get(passengersUrl(id))).text);
    const late = await ctx.agent.post(upgradeUrl(id)).type('form').send({ _csrf: token, answer: 'upgrade' });
    expect(late.status).toBe(409);
    expect(text(late.text)).toContain('The upgrade to Standard is no longer offered for this booking');
    const checkout = findCheckout(ctx.db, id)!;
    const command = { db: ctx.db, now: ctx.clock.now(), sessionId: await sessionOf(ctx.agent), seed: ctx.config.demoSeed };
    expect(() => upgradeFare(command, checkout, { answer: 'upgrade' })).toThrow(ConflictError);
    expect(() => upgradeFare(command, checkout, { answer: 'nope' as 'keep' })).toThrow(ValidationError);
    expect(upgradeFare(command, checkout, { answer: 'keep' })).toEqual({ answer: 'keep', upgraded: [], recorded: false });
    expect(families(ctx, id)).toEqual(['outbound:basic']);
  });

  it('leaves the JSON API unchanged: a script opening a Basic checkout gets no interstitial and keeps Basic', async () => {
    const ctx = createTestApp();
    const created = await apiCheckout(ctx, TRIPS.soloToLondon, 'basic');
    expect(JSON.stringify(created)).not.toContain('/upgrade');
    expect(families(ctx, created.id as string)).toEqual(['outbound:basic']);
    expect(upgradeEvents(ctx, created.id as string)).toEqual([]);
  });
});
