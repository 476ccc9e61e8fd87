// PUT /api/v1/checkouts/:id/seats passes its body straight to the chooseSeats command: the problem
// names the refused choice by its place in the body (seats/<i>/seat), 409 for a seat another traveller
// has and 422 otherwise, with the command's messages.
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app.ts';
import { API, apiCheckoutWithPassengers, countRows, expectConforms, expectProblem } from '../api/api-helpers.ts';

type Seat = { seat: string; available: boolean; restrictedFor: unknown[]; zone: string };

async function withMap(adults: number) {
  const ctx = createTestApp();
  const id = await apiCheckoutWithPassengers(ctx, { from: 'DUB', to: 'LIS', depart: '2026-12-10', adults });
  const maps = await ctx.agent.get(`${API}/checkouts/${id}/seat-maps`);
  const seats = (maps.body.flights[0].rows as Array<{ groups: Seat[][] }>).flatMap((r) => r.groups.flat());
  const put = (body: unknown) => ctx.agent.put(`${API}/checkouts/${id}/seats`).send(body as object);
  return { ctx, id, seats, put };
}

describe('PUT /checkouts/:id/seats (the chooseSeats command over JSON)', () => {
  it('names the refused choice by its index in the body with 422, and holds nothing', async () => {
    const { ctx, id, seats, put } = await withMap(2);
    const free = seats.filter((s) => s.available && s.restrictedFor.length === 0);
    const res = await put({
      seats: [
        { passengerIdx: 1, direction: 'outbound', seat: free[0]!.seat },
        { passengerIdx: 2, direction: 'outbound', seat: '99K' },
      ],
    });
    expectConforms(res);
    expectProblem(res, 422, 'seats/1/seat');
    expect(res.body.errors).toEqual([{ field: 'seats/1/seat', code: 'unknown_seat', message: expect.stringContaining('There is no seat 99K') }]);
    expect(countRows(ctx, 'seat_assignments', 'checkout_id = ?', id)).toBe(0);
  });

  it('answers 409 naming the choice when the only refusal is a seat already taken', async () => {
    const { seats, put } = await withMap(2);
    const free = seats.find((s) => s.available && s.restrictedFor.length === 0)!;
    const occupied = seats.find((s) => !s.available)!;
    const res = await put({
      seats: [
        { passengerIdx: 1, direction: 'outbound', seat: free.seat },
        { passengerIdx: 2, direction: 'outbound', seat: occupied.seat.toLowerCase() },
      ],
    });
    expectConforms(res);
    expectProblem(res, 409, 'seats/1/seat');
    expect(res.body.errors).toEqual([{ field: 'seats/1/seat', code: 'seat_taken', message: `Seat ${occupied.seat} is already taken: choose another` }]);
  });
});
