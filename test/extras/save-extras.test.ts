// The save-extras command on its own: bad input is refused with every issue at once, each at its
// domain path (the field of the API body) with a stable code, and nothing is written.
import { describe, expect, it } from 'vitest';
import { ValidationError, type Issue } from '../../src/lib/errors.ts';
import { findCheckout } from '../../src/features/checkout/checkout.repository.ts';
import { saveExtras } from '../../src/features/extras/save-extras.ts';
import { atExtras, events, FAMILY_TO_LISBON, hotelIds, SOLO_TO_NEW_YORK, storedExtras, type ExtrasContext } from './extras-helpers.ts';

function issuesOf(ctx: ExtrasContext, input: unknown): Array<Pick<Issue, 'path' | 'code'>> {
  const checkout = findCheckout(ctx.db, ctx.id)!;
  const session = ctx.db.prepare('SELECT session_id FROM checkouts WHERE id = ?').pluck().get(ctx.id) as string;
  try {
    saveExtras({ db: ctx.db, now: new Date('2026-12-01T10:00:00Z'), sessionId: session, seed: 1 }, checkout, input);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).issues.map((i) => ({ path: i.path, code: i.code }));
  }
  throw new Error('saveExtras accepted the input');
}

describe('saveExtras: bad input', () => {
  it('reports every problem of one input at once, by domain path and code, and writes nothing', async () => {
    const ctx = await atExtras(FAMILY_TO_LISBON); // Standard: 1 of 3 bags included; p4 is the infant
    const madrid = hotelIds(ctx, 'MAD')[0]!;
    const issues = issuesOf(ctx, {
      bags: [
        { passengerIdx: 1, direction: 'outbound', quantity: 3 },
        { passengerIdx: 4, direction: 'outbound', quantity: 1 },
        { passengerIdx: 9, direction: 'return', quantity: 1 },
        { passengerIdx: 2, direction: 'return', quantity: 1 },
        { passengerIdx: 2, direction: 'return', quantity: 2 },
      ],
      priority: [{ passengerIdx: 0, direction: 'outbound', answer: 'add' }],
      upgrades: [{ direction: 'outbound', answer: 'add' }],
      hotel: { answer: 'add', hotelId: madrid, rooms: 4 },
    });
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: ['bags', 0, 'quantity'], code: 'too_many' },
        { path: ['bags', 1, 'quantity'], code: 'not_eligible' },
        { path: ['bags', 2, 'quantity'], code: 'unknown_passenger' },
        { path: ['bags', 4, 'quantity'], code: 'duplicate' },
        { path: ['priority', 0, 'passengerIdx'], code: 'too_small' },
        { path: ['upgrades', 0, 'answer'], code: 'not_offered' },
        { path: ['hotel', 'hotelId'], code: 'wrong_city' },
        { path: ['hotel', 'rooms'], code: 'out_of_range' },
      ]),
    );
    expect(issues).toHaveLength(8);
    expect(storedExtras(ctx)).toEqual([]);
    expect(events(ctx).filter((e) => e.event !== 'shown')).toEqual([]);
  });

  it('refuses unknown fields and values of the wrong type with the codes of the schema', async () => {
    const ctx = await atExtras(FAMILY_TO_LISBON);
    expect(issuesOf(ctx, { insurance: true, priceMinor: 1, bags: [{ passengerIdx: 1, direction: 'outbound' }] })).toEqual([
      { path: ['bags', 0, 'quantity'], code: 'required' },
      { path: ['insurance'], code: 'invalid_value' },
      { path: ['priceMinor'], code: 'unknown_field' },
    ]);
  });

  it('asks a one-way traveller for 1 to 14 nights, and a return trip only for the rooms', async () => {
    const oneWay = await atExtras(SOLO_TO_NEW_YORK);
    const jfk = hotelIds(oneWay, 'JFK')[0]!;
    expect(issuesOf(oneWay, { hotel: { answer: 'add', hotelId: jfk, nights: 15, rooms: 1 } })).toEqual([{ path: ['hotel', 'nights'], code: 'out_of_range' }]);
    expect(issuesOf(oneWay, { hotel: { answer: 'add', hotelId: jfk, rooms: 1 } })).toEqual([{ path: ['hotel', 'nights'], code: 'required' }]);

    const family = await atExtras(FAMILY_TO_LISBON);
    const lisbon = hotelIds(family, 'LIS')[0]!;
    expect(issuesOf(family, { hotel: { answer: 'add', hotelId: lisbon, nights: 9, rooms: 0 } })).toEqual([{ path: ['hotel', 'rooms'], code: 'out_of_range' }]);
  });

  it('refuses priority boarding the fare already includes, naming the entry', async () => {
    const ctx = await atExtras({ ...FAMILY_TO_LISBON, family: 'flex' });
    expect(issuesOf(ctx, { priority: [{ passengerIdx: 1, direction: 'return', answer: 'add' }] })).toEqual([{ path: ['priority', 0, 'answer'], code: 'already_included' }]);
  });
});

describe('PUT /api/v1/checkouts/:id/extras', () => {
  it('answers every problem the checkout finds in a well-formed body at once, each under the path of its field', async () => {
    const { createTestApp } = await import('../helpers/app.ts');
    const { apiCheckoutWithPassengers, API } = await import('../api/api-helpers.ts');
    const ctx = createTestApp();
    const id = await apiCheckoutWithPassengers(ctx);
    const res = await ctx.agent.put(`${API}/checkouts/${id}/extras`).send({
      bags: [{ passengerIdx: 1, direction: 'outbound', quantity: 4 }, { passengerIdx: 1, direction: 'return', quantity: 1 }],
      priority: [{ passengerIdx: 5, direction: 'outbound', answer: 'add' }],
      hotel: { answer: 'add', hotelId: 999999, nights: 2, rooms: 1 },
    });
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect((res.body.errors as Array<{ field: string }>).map((e) => e.field).sort()).toEqual(['bags/0/quantity', 'bags/1/quantity', 'hotel/hotelId', 'priority/0/answer']);
  });
});
