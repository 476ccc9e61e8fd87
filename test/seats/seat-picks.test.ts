// Picking seats on the one map of a flight without JavaScript: each seat is a button posting
// `pick=<flight>:<seat>` for the passenger chosen in `for-<flight>`; the page keeps the choices so far
// in its `seat-p<n>-<flight>` fields (through the query of the page shown after a pick), the map moves
// on to the next passenger without a seat, a companion's seat is theirs on everyone else's turn, and
// nothing is held until "Continue", which posts the fields to chooseSeats as before.
import { describe, expect, it } from 'vitest';
import { createTestApp, csrfFrom, text, type TestContext } from '../helpers/app.ts';
import type { Trip } from '../helpers/flow.ts';
import { adjacentPair, availableSeats, checkoutFlight, expectStatus, holds, planOf, reachSeats, seatsUrl, SHORT_HAUL } from './seats-helpers.ts';

const FAMILY: Trip = { ...SHORT_HAUL, adults: 2, children: 1 };

/** The fields a browser sends from the seats form: hidden fields and checked radios, then the button pressed. */
function formOf(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) fields[m[1]!] = m[2]!;
  for (const m of html.matchAll(/<input type="radio" name="([^"]+)" value="([^"]*)"[^>]* checked>/g)) fields[m[1]!] = m[2]!;
  return fields;
}

/** Presses a button of the seats page `html` (with the radios changed as in `choose`), as a browser without JavaScript would. */
async function press(ctx: TestContext, id: string, html: string, button: Record<string, string>, choose: Record<string, string> = {}) {
  const fields = { ...formOf(html), _csrf: csrfFrom(html), ...choose, ...button };
  return ctx.agent.post(seatsUrl(id)).type('form').send(new URLSearchParams(fields).toString());
}

/** Follows a pick's redirect to the page it shows. */
async function follow(ctx: TestContext, res: { status: number; text: string; headers: Record<string, string> }) {
  expectStatus(res, 303);
  const page = await ctx.agent.get(res.headers.location!);
  expectStatus(page, 200);
  return page;
}

const seatButton = (html: string, direction: string, seat: string) => new RegExp(`<button [^>]*data-testid="seat-${direction}-${seat}"[^>]*>`).exec(html)?.[0] ?? '';
const checkedFor = (html: string, direction: string) => new RegExp(`name="for-${direction}" value="(\\d+)"[^>]* checked>`).exec(html)?.[1];

describe('seats without JavaScript: one map per flight', () => {
  it('keeps a pick in the page, moves the map on to the next passenger without a seat, and holds nothing yet', async () => {
    const ctx = createTestApp();
    const id = await reachSeats(ctx, FAMILY);
    const first = await ctx.agent.get(seatsUrl(id));
    const seat = availableSeats(first.text, 'seat-p1-outbound')[0]!;

    const res = await press(ctx, id, first.text, { pick: `outbound:${seat}` });
    expectStatus(res, 303);
    expect(res.headers.location).toMatch(new RegExp(`^/checkouts/${id}/seats\\?.*seat-p1-outbound=${seat}.*for-outbound=2.*#seats-outbound$`));
    const page = await follow(ctx, res);
    expect(page.text).toContain(`<input type="hidden" name="seat-p1-outbound" value="${seat}">`);
    expect(page.text).toContain(`data-testid="seat-choice-p1-outbound">Seat ${seat}<`);
    expect(checkedFor(page.text, 'outbound')).toBe('2');
    // On passenger 2's turn, passenger 1's seat is theirs: their initials, named, and not free.
    const button = seatButton(page.text, 'outbound', seat);
    expect(button).toContain(`; chosen for Ada Lovelace"`);
    expect(button).toContain('data-who="AL"');
    expect(button).toMatch(/ disabled>$/);
    expect(holds(ctx.db, id)).toEqual([]);
  });

  it('picks for two passengers and a child beside an adult on one map, then holds them all on Continue', async () => {
    const ctx = createTestApp();
    const id = await reachSeats(ctx, FAMILY);
    let page = await ctx.agent.get(seatsUrl(id));
    const plan = planOf(ctx.db, checkoutFlight(ctx.db, id, 'outbound').aircraftCode);
    const [adult, child] = adjacentPair(plan, availableSeats(page.text, 'seat-p3-outbound'));
    page = await follow(ctx, await press(ctx, id, page.text, { pick: `outbound:${adult}` }));
    // Passenger 2 is next; the customer chooses the child (3) instead.
    page = await follow(ctx, await press(ctx, id, page.text, { pick: `outbound:${child}` }, { 'for-outbound': '3' }));
    expect(checkedFor(page.text, 'outbound')).toBe('2');
    const other = availableSeats(page.text, 'seat-p2-outbound').find((s) => s !== adult && s !== child)!;
    page = await follow(ctx, await press(ctx, id, page.text, { pick: `outbound:${other}` }));
    expect(formOf(page.text)).toMatchObject({ 'seat-p1-outbound': adult, 'seat-p2-outbound': other, 'seat-p3-outbound': child });

    const done = await press(ctx, id, page.text, {});
    expectStatus(done, 303);
    expect(done.headers.location).toBe(`/checkouts/${id}/extras`);
    expect(holds(ctx.db, id).map((h) => [h.passenger_idx, h.seat])).toEqual([
      [1, adult],
      [2, other],
      [3, child],
    ]);
  });

  it("refuses a companion's seat, a taken seat and an exit-row seat for a child with 422, keeping the other picks", async () => {
    const ctx = createTestApp();
    const id = await reachSeats(ctx, FAMILY);
    let page = await ctx.agent.get(seatsUrl(id));
    const seat = availableSeats(page.text, 'seat-p1-outbound')[0]!;
    page = await follow(ctx, await press(ctx, id, page.text, { pick: `outbound:${seat}` }));

    const companion = await press(ctx, id, page.text, { pick: `outbound:${seat}` });
    expectStatus(companion, 422);
    expect(text(companion.text)).toContain(`Seat ${seat} is already chosen for Ada Lovelace: choose another seat, or remove theirs first`);
    expect(companion.text).toContain('data-testid="error-seat-p2-outbound"');
    // The error is tied to the passenger's radio, which the summary links to.
    expect(companion.text).toMatch(/id="seat-p2-outbound"[^>]* aria-describedby="seat-p2-outbound-choice seat-p2-outbound-error" aria-invalid="true"[ >]/);
    expect(companion.text).toContain('<a href="#seat-p2-outbound">');
    expect(formOf(companion.text)).toMatchObject({ 'seat-p1-outbound': seat, 'for-outbound': '2' });

    const taken = /data-testid="seat-outbound-(\d+[A-F])" role="img"/.exec(page.text)![1]!;
    const occupied = await press(ctx, id, page.text, { pick: `outbound:${taken}` });
    expectStatus(occupied, 422);
    expect(text(occupied.text)).toContain(`Seat ${taken} is already taken: choose another`);

    const exit = availableSeats(page.text, 'seat-p1-outbound').find((s) => /^1[24][A-F]$/.test(s) && s !== seat)!;
    const child = await press(ctx, id, page.text, { pick: `outbound:${exit}` }, { 'for-outbound': '3' });
    expectStatus(child, 422);
    expect(child.text).toContain('data-testid="error-seat-p3-outbound"');
    expect(text(child.text)).toContain(`Seat ${exit} (exit row, adults only) is not for Cora Lovelace`);
    expect(formOf(child.text)).toMatchObject({ 'seat-p1-outbound': seat, 'seat-p3-outbound': 'skip', 'for-outbound': '3' });
    expect(holds(ctx.db, id)).toEqual([]);
  });

  it("removes one passenger's seat with its Remove button, and it is theirs to choose again", async () => {
    const ctx = createTestApp();
    const id = await reachSeats(ctx, FAMILY);
    let page = await ctx.agent.get(seatsUrl(id));
    const seat = availableSeats(page.text, 'seat-p1-outbound')[0]!;
    page = await follow(ctx, await press(ctx, id, page.text, { pick: `outbound:${seat}` }));
    expect(page.text).toMatch(/data-testid="seat-skip-p1-outbound" aria-label="Remove the seat of Ada Lovelace \(a free seat at check-in\)">/);
    page = await follow(ctx, await press(ctx, id, page.text, { skip: 'seat-p1-outbound' }));
    expect(formOf(page.text)).toMatchObject({ 'seat-p1-outbound': 'skip', 'for-outbound': '1' });
    expect(seatButton(page.text, 'outbound', seat)).not.toContain('disabled');
  });

  it('shows the page from a query it cannot read as if nothing was picked, never echoing it', async () => {
    const ctx = createTestApp();
    const id = await reachSeats(ctx, FAMILY);
    const res = await ctx.agent.get(`${seatsUrl(id)}?seat-p1-outbound=%3Cb%3Ex&for-outbound=9&seat-p1-nowhere=1A&pick=outbound:1A`);
    expectStatus(res, 200);
    expect(res.text).not.toContain('<b>x');
    expect(formOf(res.text)).toMatchObject({ 'seat-p1-outbound': 'skip', 'for-outbound': '1' });
    // A pick names a real flight and a seat-like code, or it is not a pick: "Continue" with the fields as they are.
    const page = await ctx.agent.get(seatsUrl(id));
    const odd = await press(ctx, id, page.text, { pick: 'nowhere:1A' });
    expectStatus(odd, 303);
    expect(odd.headers.location).toBe(`/checkouts/${id}/extras`);
  });
});
