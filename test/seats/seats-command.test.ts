// The chooseSeats command on its own, as the page and the API call it: bad input is refused with the
// domain path of the choice (['seats', i, 'seat']) and a stable code, and nothing is held then.
import { describe, expect, it } from 'vitest';
import { findCheckout, type Checkout } from '../../src/features/checkout/checkout.repository.ts';
import { chooseSeats, SEAT_ISSUES, type ChooseSeatsInput } from '../../src/features/seats/choose-seats.ts';
import { seatsPage, type SeatOption } from '../../src/features/seats/seat-selection.ts';
import type { CommandContext } from '../../src/lib/command.ts';
import { AppError, ConflictError, ValidationError } from '../../src/lib/errors.ts';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import type { Trip } from '../helpers/flow.ts';
import { adjacentPair, holds, planOf, reachSeats } from './seats-helpers.ts';

const FAR = '2027-05-12';
const SHORT: Trip = { from: 'DUB', to: 'LHR', depart: FAR };

async function commandAt(trip: Trip) {
  const ctx = createTestApp();
  const id = await reachSeats(ctx, trip);
  const checkout = findCheckout(ctx.db, id)!;
  const command: CommandContext = { db: ctx.db, now: ctx.clock.now(), sessionId: 'command-test', seed: ctx.config.demoSeed };
  const page = seatsPage(ctx.db, checkout, { now: ctx.clock.now(), seed: ctx.config.demoSeed });
  /** Seats of passenger `idx`'s outbound map, by state. */
  const seatsOf = (idx: number, state: SeatOption['state']) =>
    page.flights[0]!.passengers.find((p) => p.passenger.idx === idx)!.rows.flatMap((r) => r.groups.flat()).filter((s) => s.state === state);
  return { ctx, id, checkout, command, page, seatsOf };
}

/** What the command threw: its class, status and issues as [path, code]. */
function refusal(run: () => unknown): { error: AppError; issues: Array<[string, string | undefined]> } {
  try {
    run();
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { error, issues: error.issues.map((i) => [i.path.join('/'), i.code]) };
  }
  throw new Error('chooseSeats accepted the input');
}

const choose = (ctx: CommandContext, checkout: Checkout, seats: ChooseSeatsInput['seats']) => chooseSeats(ctx, checkout, { seats });

describe('chooseSeats (the command)', () => {
  it('refuses unparsed input with the path of each bad field inside the input, and a code', async () => {
    const { ctx, id, checkout, command } = await commandAt(SHORT);
    const raw = { seats: [{ passengerIdx: 0, direction: 'sideways', seat: '14CC', price: 0 }], extra: true } as unknown as ChooseSeatsInput;
    const { error, issues } = refusal(() => chooseSeats(command, checkout, raw));
    expect(error).toBeInstanceOf(ValidationError);
    expect(issues).toEqual(
      expect.arrayContaining([
        ['seats/0/passengerIdx', 'too_small'],
        ['seats/0/direction', 'invalid_value'],
        ['seats/0/seat', 'invalid_format'],
        ['seats/0/price', 'unknown_field'],
        ['extra', 'unknown_field'],
      ]),
    );
    expect(refusal(() => chooseSeats(command, checkout, {} as ChooseSeatsInput)).issues).toEqual([['seats', 'required']]);
    expect(holds(ctx.db, id)).toEqual([]);
  });

  it('names each refused choice by its index in the input, with a code per rule, and holds nothing', async () => {
    const { ctx, id, command, seatsOf } = await commandAt({ ...SHORT, adults: 2, children: 1, infants: 1 });
    const checkout = findCheckout(ctx.db, id)!;
    const free = seatsOf(2, 'available').filter((s) => s.zone === 'standard' && !s.exit);
    const exitForCarrier = seatsOf(1, 'restricted').find((s) => s.exit)!;
    const { error, issues } = refusal(() =>
      choose(command, checkout, [
        { passengerIdx: 2, direction: 'outbound', seat: free[0]!.seat },
        { passengerIdx: 2, direction: 'outbound', seat: free[1]!.seat },
        { passengerIdx: 9, direction: 'outbound', seat: free[2]!.seat },
        { passengerIdx: 1, direction: 'return', seat: free[3]!.seat },
        { passengerIdx: 4, direction: 'outbound', seat: free[4]!.seat },
        { passengerIdx: 1, direction: 'outbound', seat: '99Z' },
        { passengerIdx: 1, direction: 'outbound', seat: exitForCarrier.seat },
      ]),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(issues).toEqual([
      ['seats/1/seat', SEAT_ISSUES.duplicate],
      ['seats/2/seat', SEAT_ISSUES.noPassenger],
      ['seats/3/seat', SEAT_ISSUES.noFlight],
      ['seats/4/seat', SEAT_ISSUES.infant],
      ['seats/5/seat', SEAT_ISSUES.noSeat],
      ['seats/6/seat', SEAT_ISSUES.duplicate],
    ]);
    const exit = refusal(() => choose(command, checkout, [{ passengerIdx: 1, direction: 'outbound', seat: exitForCarrier.seat }]));
    expect(exit.issues).toEqual([['seats/0/seat', SEAT_ISSUES.exitRow]]);
    expect(exit.error.message).toContain('where an adult travelling with an infant cannot sit');
    expect(holds(ctx.db, id)).toEqual([]);
  });

  it('refuses a seat of another cabin (wrong_cabin), the same seat twice (seat_chosen_twice) and a child away from the adults (not_adjacent)', async () => {
    const { ctx, checkout, command, seatsOf } = await commandAt({ from: 'DUB', to: 'JFK', depart: FAR, adults: 1, children: 1 });
    const plan = planOf(ctx.db, checkout.flights[0]!.aircraftCode);
    const free = seatsOf(1, 'available').filter((s) => !s.exit).map((s) => s.seat);
    expect(refusal(() => choose(command, checkout, [{ passengerIdx: 1, direction: 'outbound', seat: '1A' }])).issues).toEqual([['seats/0/seat', SEAT_ISSUES.cabin]]);
    const twice = refusal(() =>
      choose(command, checkout, [
        { passengerIdx: 1, direction: 'outbound', seat: free[0]! },
        { passengerIdx: 2, direction: 'outbound', seat: free[0]! },
      ]),
    );
    expect(twice.issues).toContainEqual(['seats/1/seat', SEAT_ISSUES.twice]);
    const rowOf = (seat: string) => plan.seats.get(seat)!.row;
    const apart = free.find((s) => rowOf(s) !== rowOf(free[0]!))!;
    const away = refusal(() =>
      choose(command, checkout, [
        { passengerIdx: 2, direction: 'outbound', seat: apart },
        { passengerIdx: 1, direction: 'outbound', seat: free[0]! },
      ]),
    );
    expect(away.issues).toEqual([['seats/0/seat', SEAT_ISSUES.family]]);
    // Side by side, both seats are held free.
    const [adult, child] = adjacentPair(plan, free);
    const held = choose(command, checkout, [
      { passengerIdx: 1, direction: 'outbound', seat: adult },
      { passengerIdx: 2, direction: 'outbound', seat: child },
    ]);
    expect(held.seats.map((s) => [s.seat, s.price.amountMinor, s.reason])).toEqual([
      [adult, 0, 'family'],
      [child, 0, 'family'],
    ]);
  });

  it('answers a ConflictError (409) with seat_taken when every refusal is a seat another traveller has, keeping the holds it had', async () => {
    const { ctx, id, checkout, command, seatsOf } = await commandAt({ ...SHORT, adults: 2 });
    const occupied = seatsOf(1, 'occupied')[0]!.seat;
    const [mine, other] = seatsOf(1, 'available').map((s) => s.seat);
    choose(command, checkout, [{ passengerIdx: 1, direction: 'outbound', seat: mine! }]);
    const taken = refusal(() => choose(command, checkout, [{ passengerIdx: 2, direction: 'outbound', seat: occupied }]));
    expect(taken.error).toBeInstanceOf(ConflictError);
    expect(taken.error.status).toBe(409);
    expect(taken.issues).toEqual([['seats/0/seat', SEAT_ISSUES.taken]]);
    // With another kind of refusal in the same input, the answer is a 422 naming both.
    const mixed = refusal(() =>
      choose(command, checkout, [
        { passengerIdx: 1, direction: 'outbound', seat: other! },
        { passengerIdx: 2, direction: 'outbound', seat: occupied },
        { passengerIdx: 7, direction: 'outbound', seat: null },
      ]),
    );
    expect(mixed.error.status).toBe(422);
    expect(mixed.issues).toEqual([
      ['seats/1/seat', SEAT_ISSUES.taken],
      ['seats/2/seat', SEAT_ISSUES.noPassenger],
    ]);
    expect(holds(ctx.db, id).map((h) => h.seat)).toEqual([mine]);
  });

  it('takes the same input as the API body: lower-case seats and null to skip', async () => {
    const { ctx, id, checkout, command, seatsOf } = await commandAt({ ...SHORT, adults: 2 });
    const seat = seatsOf(1, 'available').find((s) => s.zone === 'standard')!.seat;
    const chosen = choose(command, checkout, [
      { passengerIdx: 1, direction: 'outbound', seat: seat.toLowerCase() },
      { passengerIdx: 2, direction: 'outbound', seat: null },
    ]);
    expect(chosen.seats.map((s) => [s.passengerIdx, s.seat])).toEqual([[1, seat]]);
    expect(chosen.heldUntil).toBe('2026-11-27T09:15:00.000Z');
    expect(holds(ctx.db, id).map((h) => [h.passenger_idx, h.seat])).toEqual([[1, seat]]);
  });
});
