import { describe, expect, it } from 'vitest';
import { createTestApp, postForm, text } from '../helpers/app.ts';
import { openCheckout } from '../helpers/flow.ts';
import {
  adjacentPair,
  availableSeats,
  checkoutFlight,
  expectStatus,
  LONG_HAUL,
  occupiedSeats,
  planOf,
  reachSeats,
  seatRadios,
  seatsUrl,
  SHORT_HAUL,
  submitSeats,
} from './seats-helpers.ts';

describe('seats page', () => {
  it('sends a customer whose passengers are not complete back to the passengers step, on GET and POST', async () => {
    const ctx = createTestApp();
    const id = await openCheckout(ctx, SHORT_HAUL);
    const shown = await ctx.agent.get(seatsUrl(id));
    expect(shown.status).toBe(303);
    expect(shown.headers.location).toBe(`/checkouts/${id}/passengers`);
    const posted = await postForm(ctx.agent, `/checkouts/${id}/passengers`, seatsUrl(id), { 'seat-p1-outbound': 'skip' });
    expect(posted.status).toBe(303);
    expect(posted.headers.location).toBe(`/checkouts/${id}/passengers`);
    expect(ctx.db.prepare('SELECT COUNT(*) FROM seat_assignments').pluck().get()).toBe(0);
  });

  it('draws the real cabin of each flight once: rows, letters, aisles, exit rows marked at both sides, wing rows, occupied seats and prices', async () => {
    const ctx = createTestApp();
    const trip = { ...SHORT_HAUL, return: '2026-12-14' };
    const id = await reachSeats(ctx, trip);
    const res = await ctx.agent.get(seatsUrl(id));
    expectStatus(res, 200);
    for (const direction of ['outbound', 'return']) {
      expect(res.text).toContain(`data-testid="seat-map-${direction}"`);
      const seats = seatRadios(res.text, `seat-p1-${direction}`);
      // A320neo: rows 1-31 without 13, ABC DEF.
      expect(seats).toHaveLength(180);
      expect(seats.some((r) => r.seat === '13A')).toBe(false);
      expect(seats.map((r) => r.seat).slice(0, 7)).toEqual(['1A', '1B', '1C', '1D', '1E', '1F', '2A']);
      expect(occupiedSeats(res.text, `seat-p1-${direction}`).length).toBeGreaterThan(0);
      // No seat yet: the field says skip, and nothing to remove.
      expect(res.text).toContain(`<input type="hidden" name="seat-p1-${direction}" value="skip">`);
      expect(res.text).toMatch(new RegExp(`data-testid="seat-skip-p1-${direction}"[^>]* hidden>`));
    }
    // Exit rows 12 and 14 carry "Exit" on both sides; wing rows, column letters and the aisle are drawn.
    const exitRows = res.text.match(/<div class="seat-row is-exit[^"]*">\s*<span class="seat-row__side" aria-hidden="true">Exit<\/span>/g) ?? [];
    expect(exitRows).toHaveLength(4);
    expect(res.text).toMatch(/seat-row is-exit is-wing/);
    expect(res.text).toContain('<span class="seat-row__aisle" aria-hidden="true">14</span>');
    expect(res.text).toContain('<span class="seat-col">A</span>');
    // Accessible names: position, zone and price, or occupied; a free seat shows its price.
    expect(res.text).toMatch(/aria-label="Seat 1A, (occupied"><\/span>|window, extra legroom, €22">€22<\/button>)/);
    const page = text(res.text);
    expect(page).toContain('Exit rows (marked "Exit") are for adults');
    expect(res.text).toMatch(/<details class="panel seat-rules" data-testid="seat-rules">/);
    expect(res.text).toContain('data-testid="seats-continue"');
    expect(res.text).toContain('data-testid="seat-price-outbound-extra-legroom">€22<');
  });

  it('sends one map per flight whatever the number of passengers, each seat once, with a "whose seat" choice per passenger', async () => {
    const ctx = createTestApp();
    const id = await reachSeats(ctx, { ...SHORT_HAUL, return: '2026-12-14', adults: 2, children: 1 });
    const res = await ctx.agent.get(seatsUrl(id));
    expectStatus(res, 200);
    for (const direction of ['outbound', 'return']) {
      expect(res.text.match(new RegExp(`data-testid="seat-${direction}-1A"`, 'g'))).toHaveLength(1);
      const seats = res.text.match(new RegExp(`data-testid="seat-${direction}-\\d+[A-Z]"`, 'g')) ?? [];
      expect(seats).toHaveLength(180);
      for (const p of [1, 2, 3]) expect(res.text).toContain(`data-testid="seat-for-p${p}-${direction}"`);
    }
    // The first passenger's turn on each map; exit-row seats say they are not for the child (passenger 3).
    expect(res.text).toMatch(/name="for-outbound" value="1" id="seat-p1-outbound"[^>]* checked>/);
    expect(availableSeats(res.text, 'seat-p3-outbound').some((s) => /^1[24][A-F]$/.test(s))).toBe(false);
    expect(availableSeats(res.text, 'seat-p1-outbound').some((s) => /^1[24][A-F]$/.test(s))).toBe(true);
    // Six maps of radios before (336 KB); one map per flight of buttons now.
    expect(res.text.match(/type="radio"/g)).toHaveLength(6);
    expect(Buffer.byteLength(res.text)).toBeLessThan(100_000);
  });

  it('shows economy passengers the economy cabin and Business passengers the business cabin only', async () => {
    const ctx = createTestApp();
    const economy = await reachSeats(ctx, LONG_HAUL);
    const economyPage = await ctx.agent.get(seatsUrl(economy));
    const economySeats = seatRadios(economyPage.text, 'seat-p1-outbound').map((r) => r.seat);
    expect(economySeats).toContain('10A');
    expect(economySeats).not.toContain('1A');

    const other = createTestApp();
    const business = await reachSeats(other, { ...LONG_HAUL, family: 'business' });
    const businessPage = await other.agent.get(seatsUrl(business));
    const businessSeats = seatRadios(businessPage.text, 'seat-p1-outbound').map((r) => r.seat);
    expect(businessSeats).toHaveLength(24);
    expect(businessSeats).toContain('1A');
    expect(businessPage.text).toContain('data-testid="seat-price-outbound-business">included<');
  });

  it('shows the same occupied seats for the same seed and clock', async () => {
    const pages = [];
    for (let i = 0; i < 2; i++) {
      const ctx = createTestApp();
      const id = await reachSeats(ctx, SHORT_HAUL);
      pages.push((await ctx.agent.get(seatsUrl(id))).text);
    }
    expect(occupiedSeats(pages[0]!, 'seat-p1-outbound')).toEqual(occupiedSeats(pages[1]!, 'seat-p1-outbound'));
  });

  it('keeps four seats free for a family of four to sit together', async () => {
    const ctx = createTestApp();
    const id = await reachSeats(ctx, { ...SHORT_HAUL, adults: 2, children: 2 });
    const res = await ctx.agent.get(seatsUrl(id));
    const plan = planOf(ctx.db, checkoutFlight(ctx.db, id, 'outbound').aircraftCode);
    const free = availableSeats(res.text, 'seat-p3-outbound');
    const [a, b] = adjacentPair(plan, free);
    const [c, d] = adjacentPair(plan, free.filter((s) => s !== a && s !== b));
    const ok = await submitSeats(ctx, id, { 'seat-p1-outbound': a, 'seat-p3-outbound': b, 'seat-p2-outbound': c, 'seat-p4-outbound': d });
    expectStatus(ok, 303);
  });

  it('says until when the chosen seats are held, in the time of the departure airport', async () => {
    const ctx = createTestApp();
    const id = await reachSeats(ctx, SHORT_HAUL);
    const first = await ctx.agent.get(seatsUrl(id));
    expect(first.text).not.toContain('data-testid="seats-hold-until"');
    const seat = availableSeats(first.text, 'seat-p1-outbound')[0]!;
    expectStatus(await submitSeats(ctx, id, { 'seat-p1-outbound': seat }), 303);
    const again = await ctx.agent.get(seatsUrl(id));
    // Held 15 minutes from 09:00 UTC, which is 09:15 in Dublin in winter.
    expect(text(again.text)).toContain('Your seats are held until 09:15 (Dublin time)');
    expect(seatRadios(again.text, 'seat-p1-outbound').find((r) => r.seat === seat)?.checked).toBe(true);
  });
});
