import { describe, expect, it } from 'vitest';
import { createTestApp, text, type TestContext } from '../helpers/app.ts';
import type { Trip } from '../helpers/flow.ts';
import {
  adjacentPair,
  availableSeats,
  bandPrice,
  checkoutFlight,
  expectStatus,
  holds,
  occupiedSeats,
  planOf,
  reachSeats,
  seatRadios,
  seatsUrl,
  submitSeats,
  zoneOf,
} from './seats-helpers.ts';

// Far enough ahead that the cabin is about a third full, so every kind of seat is still free.
const FAR = '2027-05-12';
const SHORT: Trip = { from: 'DUB', to: 'LHR', depart: FAR };
const LONG: Trip = { from: 'DUB', to: 'JFK', depart: FAR };

async function seatsStep(ctx: TestContext, trip: Trip) {
  const id = await reachSeats(ctx, trip);
  const page = await ctx.agent.get(seatsUrl(id));
  expectStatus(page, 200);
  const flight = checkoutFlight(ctx.db, id, 'outbound');
  const plan = planOf(ctx.db, flight.aircraftCode);
  // Seats free for anyone: what an adult without an infant may choose.
  const free = availableSeats(page.text, 'seat-p1-outbound');
  const freeIn = (zone: string, exit?: boolean) =>
    free.filter((s) => zoneOf(plan, s).zone === zone && (exit === undefined || zoneOf(plan, s).exit === exit));
  return { id, page, flight, plan, free, freeIn };
}

function errorOf(html: string, field: string): string {
  const match = new RegExp(`data-testid="error-${field}">([^<]*)<`).exec(html);
  return match ? text(match[1]!) : '';
}

describe('choosing seats: refusals', () => {
  it('refuses a seat that does not exist, with 422, keeping the other choices', async () => {
    const ctx = createTestApp();
    const { id, freeIn } = await seatsStep(ctx, { ...SHORT, adults: 2 });
    const kept = freeIn('standard')[0]!;
    const res = await submitSeats(ctx, id, { 'seat-p1-outbound': kept, 'seat-p2-outbound': '99Z' });
    expectStatus(res, 422);
    expect(errorOf(res.text, 'seat-p2-outbound')).toContain('There is no seat 99Z');
    expect(res.text).toContain('data-testid="error-summary"');
    expect(seatRadios(res.text, 'seat-p1-outbound').find((r) => r.seat === kept)?.checked).toBe(true);
    expect(holds(ctx.db, id)).toEqual([]);
  });

  it('refuses a seat that is already taken, with 409 on the same page', async () => {
    const ctx = createTestApp();
    const { id, page } = await seatsStep(ctx, SHORT);
    const taken = occupiedSeats(page.text, 'seat-p1-outbound')[0]!;
    const res = await submitSeats(ctx, id, { 'seat-p1-outbound': taken });
    expectStatus(res, 409);
    expect(errorOf(res.text, 'seat-p1-outbound')).toBe(`Seat ${taken} is already taken: choose another`);
    expect(res.text).toContain('data-testid="seat-map-outbound"');
    expect(holds(ctx.db, id)).toEqual([]);
  });

  it('keeps every choice typed on a 409, with the error beside the passenger whose seat was taken', async () => {
    const ctx = createTestApp();
    const { id, page, freeIn } = await seatsStep(ctx, { ...SHORT, adults: 2 });
    const taken = occupiedSeats(page.text, 'seat-p2-outbound')[0]!;
    const kept = freeIn('standard')[0]!;
    const res = await submitSeats(ctx, id, { 'seat-p1-outbound': kept, 'seat-p2-outbound': taken });
    expectStatus(res, 409);
    expect(seatRadios(res.text, 'seat-p1-outbound').find((r) => r.seat === kept)?.checked).toBe(true);
    expect(errorOf(res.text, 'seat-p2-outbound')).toBe(`Seat ${taken} is already taken: choose another`);
    expect(errorOf(res.text, 'seat-p1-outbound')).toBe('');
    expect(holds(ctx.db, id)).toEqual([]);
  });

  it('answers a value the form cannot read with 422 in its own words, before any seat is looked at', async () => {
    const ctx = createTestApp();
    const { id, freeIn } = await seatsStep(ctx, { ...SHORT, adults: 2 });
    const kept = freeIn('standard')[0]!;
    const res = await submitSeats(ctx, id, { 'seat-p1-outbound': kept, 'seat-p2-outbound': 'window please' });
    expectStatus(res, 422);
    expect(errorOf(res.text, 'seat-p2-outbound')).toBe('Choose a seat on the map, like 14C, or skip');
    expect(seatRadios(res.text, 'seat-p1-outbound').find((r) => r.seat === kept)?.checked).toBe(true);
    expect(holds(ctx.db, id)).toEqual([]);
  });

  it('refuses an exit-row seat for a child, with 422', async () => {
    const ctx = createTestApp();
    const { id, plan, freeIn, page } = await seatsStep(ctx, { ...SHORT, adults: 1, children: 1 });
    const exit = freeIn('extra_legroom', true);
    const [adultSeat, childSeat] = adjacentPair(plan, exit);
    // The child's map shows the seat, disabled.
    expect(seatRadios(page.text, 'seat-p2-outbound').find((r) => r.seat === childSeat)?.disabled).toBe(true);
    const res = await submitSeats(ctx, id, { 'seat-p1-outbound': adultSeat, 'seat-p2-outbound': childSeat });
    expectStatus(res, 422);
    expect(errorOf(res.text, 'seat-p2-outbound')).toBe(`Seat ${childSeat} is in an exit row, which is only for adults: choose another seat for this child`);
    expect(holds(ctx.db, id)).toEqual([]);
  });

  it('refuses an exit-row seat for an adult travelling with an infant, but not for the other adult', async () => {
    const ctx = createTestApp();
    const { id, plan, page } = await seatsStep(ctx, { ...SHORT, adults: 2, infants: 1 });
    // Passenger 2 carries no infant, so their map offers the exit rows.
    const [first, second] = availableSeats(page.text, 'seat-p2-outbound').filter((s) => zoneOf(plan, s).exit);
    expect(seatRadios(page.text, 'seat-p1-outbound').find((r) => r.seat === first)?.disabled).toBe(true);
    const refused = await submitSeats(ctx, id, { 'seat-p1-outbound': first!, 'seat-p2-outbound': second! });
    expectStatus(refused, 422);
    expect(errorOf(refused.text, 'seat-p1-outbound')).toContain('where an adult travelling with an infant cannot sit');
    expect(errorOf(refused.text, 'seat-p2-outbound')).toBe('');

    const accepted = await submitSeats(ctx, id, { 'seat-p1-outbound': 'skip', 'seat-p2-outbound': second! });
    expectStatus(accepted, 303);
    expect(holds(ctx.db, id).map((h) => [h.passenger_idx, h.seat])).toEqual([[2, second]]);
  });

  it('refuses a business seat for an economy fare, and an economy seat for a Business fare', async () => {
    const ctx = createTestApp();
    const { id } = await seatsStep(ctx, LONG);
    const economy = await submitSeats(ctx, id, { 'seat-p1-outbound': '1A' });
    expectStatus(economy, 422);
    expect(errorOf(economy.text, 'seat-p1-outbound')).toBe('Seat 1A is in the business cabin, which comes with a Business fare: choose an economy seat');

    const other = createTestApp();
    const business = await seatsStep(other, { ...LONG, family: 'business' });
    const res = await submitSeats(other, business.id, { 'seat-p1-outbound': '30D' });
    expectStatus(res, 422);
    expect(errorOf(res.text, 'seat-p1-outbound')).toContain('Your Business fare seats you in the business cabin');
  });

  it('refuses a seat for a passenger who is not on the booking, with 422', async () => {
    const ctx = createTestApp();
    const { id, freeIn } = await seatsStep(ctx, { ...SHORT, adults: 2 });
    const res = await submitSeats(ctx, id, { 'seat-p1-outbound': freeIn('standard')[0]!, 'seat-p9-outbound': freeIn('standard')[1]! });
    expectStatus(res, 422);
    expect(text(res.text)).toContain('There is no passenger 9 on this booking');
    expect(holds(ctx.db, id)).toEqual([]);
  });

  it('refuses a seat for an infant, who sits on a lap, and a flight the booking does not have', async () => {
    const ctx = createTestApp();
    const { id, freeIn } = await seatsStep(ctx, { ...SHORT, adults: 1, infants: 1 });
    const res = await submitSeats(ctx, id, { 'seat-p2-outbound': freeIn('standard')[0]!, 'seat-p1-return': freeIn('standard')[1]! });
    expectStatus(res, 422);
    expect(text(res.text)).toContain("Passenger 2 is an infant and travels on an adult's lap");
    expect(text(res.text)).toContain('There is no return flight on this booking');
  });

  it('refuses the same seat for two passengers, with 422', async () => {
    const ctx = createTestApp();
    const { id, freeIn } = await seatsStep(ctx, { ...SHORT, adults: 2 });
    const seat = freeIn('standard')[0]!;
    const res = await submitSeats(ctx, id, { 'seat-p1-outbound': seat, 'seat-p2-outbound': seat });
    expectStatus(res, 422);
    expect(errorOf(res.text, 'seat-p2-outbound')).toBe(`Seat ${seat} is already chosen for passenger 1: choose another seat`);
    expect(holds(ctx.db, id)).toEqual([]);
  });

  it('refuses a child seated away from every adult of the booking, with the family seating message', async () => {
    const ctx = createTestApp();
    const { id, plan, freeIn } = await seatsStep(ctx, { ...SHORT, adults: 1, children: 1 });
    const standard = freeIn('standard', false);
    const adultSeat = standard[0]!;
    const childSeat = standard.find((s) => zoneOf(plan, s).row !== zoneOf(plan, adultSeat).row)!;
    const res = await submitSeats(ctx, id, { 'seat-p1-outbound': adultSeat, 'seat-p2-outbound': childSeat });
    expectStatus(res, 422);
    expect(errorOf(res.text, 'seat-p2-outbound')).toBe(
      'A child must sit next to an adult of the booking: choose adjacent seats, or remove both seats and we will seat you together at check-in',
    );
    expect(holds(ctx.db, id)).toEqual([]);
  });

  it('refuses seats side by side across the aisle for a child and an adult', async () => {
    const ctx = createTestApp();
    const { id, plan, free } = await seatsStep(ctx, { ...SHORT, adults: 1, children: 1 });
    const row = [...new Set(free.map((s) => zoneOf(plan, s).row))].find(
      (r) => free.includes(`${r}C`) && free.includes(`${r}D`) && zoneOf(plan, `${r}C`).zone === 'standard',
    );
    expect(row, 'a row with C and D free').toBeDefined();
    const res = await submitSeats(ctx, id, { 'seat-p1-outbound': `${row}C`, 'seat-p2-outbound': `${row}D` });
    expectStatus(res, 422);
    expect(errorOf(res.text, 'seat-p2-outbound')).toContain('A child must sit next to an adult of the booking');
  });

  it('refuses a value that is not a seat, or two values for one passenger, with 422', async () => {
    const ctx = createTestApp();
    const { id, freeIn } = await seatsStep(ctx, { ...SHORT, adults: 2 });
    const res = await submitSeats(ctx, id, { 'seat-p1-outbound': '<b>x', 'seat-p2-outbound': [freeIn('standard')[0]!, freeIn('standard')[1]!] });
    expectStatus(res, 422);
    expect(errorOf(res.text, 'seat-p1-outbound')).toBe('Choose a seat on the map, like 14C, or skip');
    expect(errorOf(res.text, 'seat-p2-outbound')).toBe('Choose one seat on the map, or skip');
    expect(res.text).not.toContain('<b>x');
  });
});

describe('choosing seats: prices', () => {
  it('charges each zone the catalogue band for the flight distance, whatever price is posted', async () => {
    const ctx = createTestApp();
    const { id, flight, freeIn } = await seatsStep(ctx, { ...SHORT, adults: 3 });
    const res = await submitSeats(ctx, id, {
      'seat-p1-outbound': freeIn('standard')[0]!,
      'seat-p2-outbound': freeIn('up_front')[0]!,
      'seat-p3-outbound': freeIn('extra_legroom')[0]!,
      price: '1',
      'seat-p1-outbound-price': '0',
    });
    expectStatus(res, 303);
    expect(res.headers.location).toBe(`/checkouts/${id}/extras`);
    expect(holds(ctx.db, id).map((h) => h.price_minor)).toEqual([
      bandPrice(ctx.db, 'SEAT_STANDARD', flight.distanceKm),
      bandPrice(ctx.db, 'SEAT_UP_FRONT', flight.distanceKm),
      bandPrice(ctx.db, 'SEAT_EXTRA_LEGROOM', flight.distanceKm),
    ]);
    expect(flight.distanceKm).toBeLessThan(1500);
    expect(holds(ctx.db, id).map((h) => h.price_minor)).toEqual([800, 1400, 2200]);
  });

  it('charges the long-haul band on a long flight', async () => {
    const ctx = createTestApp();
    const { id, flight, freeIn } = await seatsStep(ctx, LONG);
    expect(flight.distanceKm).toBeGreaterThan(4000);
    expectStatus(await submitSeats(ctx, id, { 'seat-p1-outbound': freeIn('extra_legroom')[0]! }), 303);
    expect(holds(ctx.db, id)[0]!.price_minor).toBe(bandPrice(ctx.db, 'SEAT_EXTRA_LEGROOM', flight.distanceKm));
  });

  it('gives Standard fares their standard seat free, and still charges up-front and extra-legroom seats', async () => {
    const ctx = createTestApp();
    const { id, flight, freeIn, page } = await seatsStep(ctx, { ...SHORT, adults: 3, family: 'standard' });
    expect(page.text).toContain('data-testid="seat-price-outbound-standard">included<');
    const res = await submitSeats(ctx, id, {
      'seat-p1-outbound': freeIn('standard')[0]!,
      'seat-p2-outbound': freeIn('up_front')[0]!,
      'seat-p3-outbound': freeIn('extra_legroom')[0]!,
    });
    expectStatus(res, 303);
    expect(holds(ctx.db, id).map((h) => h.price_minor)).toEqual([
      0,
      bandPrice(ctx.db, 'SEAT_UP_FRONT', flight.distanceKm),
      bandPrice(ctx.db, 'SEAT_EXTRA_LEGROOM', flight.distanceKm),
    ]);
  });

  it('gives Flex and Business fares every seat of their cabin free', async () => {
    const ctx = createTestApp();
    const flex = await seatsStep(ctx, { ...SHORT, adults: 2, family: 'flex' });
    expectStatus(await submitSeats(ctx, flex.id, { 'seat-p1-outbound': flex.freeIn('extra_legroom')[0]!, 'seat-p2-outbound': flex.freeIn('up_front')[0]! }), 303);
    expect(holds(ctx.db, flex.id).map((h) => h.price_minor)).toEqual([0, 0]);

    const other = createTestApp();
    const business = await seatsStep(other, { ...LONG, family: 'business' });
    expectStatus(await submitSeats(other, business.id, { 'seat-p1-outbound': business.freeIn('business')[0]! }), 303);
    expect(holds(other.db, business.id).map((h) => h.price_minor)).toEqual([0]);
  });

  it('seats a child and the adult beside them free (family seating), while another adult pays', async () => {
    const ctx = createTestApp();
    const { id, plan, freeIn } = await seatsStep(ctx, { ...SHORT, adults: 2, children: 1 });
    const [adultSeat, childSeat] = adjacentPair(plan, freeIn('standard', false));
    const elsewhere = freeIn('standard', false).find((s) => s !== adultSeat && s !== childSeat)!;
    const res = await submitSeats(ctx, id, { 'seat-p1-outbound': adultSeat, 'seat-p2-outbound': elsewhere, 'seat-p3-outbound': childSeat });
    expectStatus(res, 303);
    expect(holds(ctx.db, id).map((h) => [h.passenger_idx, h.price_minor])).toEqual([
      [1, 0],
      [2, 800],
      [3, 0],
    ]);
  });

  it('lets a customer skip every seat for free, and releases a seat held before', async () => {
    const ctx = createTestApp();
    const { id, freeIn } = await seatsStep(ctx, SHORT);
    expectStatus(await submitSeats(ctx, id, { 'seat-p1-outbound': freeIn('standard')[0]! }), 303);
    expect(holds(ctx.db, id)).toHaveLength(1);
    expectStatus(await submitSeats(ctx, id, { 'seat-p1-outbound': 'skip' }), 303);
    expect(holds(ctx.db, id)).toEqual([]);
  });

  it('lists the seats held in the price summary, saying which zone and why a free seat is free', async () => {
    const ctx = createTestApp();
    const { id, plan, freeIn } = await seatsStep(ctx, { ...SHORT, adults: 2, children: 1 });
    const legroom = freeIn('extra_legroom')[0]!;
    const [adultSeat, childSeat] = adjacentPair(plan, freeIn('standard', false));
    expectStatus(await submitSeats(ctx, id, { 'seat-p1-outbound': adultSeat, 'seat-p2-outbound': legroom, 'seat-p3-outbound': childSeat }), 303);
    const page = await ctx.agent.get(seatsUrl(id));
    expect(page.text).toMatch(/data-testid="price-line-seat-p2-outbound">€22</);
    const summary = text(page.text);
    expect(summary).toContain(`Seat ${legroom}, extra legroom, Brian Lovelace, outbound €22`);
    expect(summary).toContain(`Seat ${childSeat}, standard, Cora Lovelace, outbound: family seating, included €0`);

    const other = createTestApp();
    const flex = await seatsStep(other, { ...SHORT, family: 'flex' });
    expectStatus(await submitSeats(other, flex.id, { 'seat-p1-outbound': flex.freeIn('extra_legroom')[0]! }), 303);
    expect(text((await other.agent.get(seatsUrl(flex.id))).text)).toContain('extra legroom, Ada Lovelace, outbound: included in the fare €0');
  });
});
