import { describe, expect, it } from 'vitest';
import { aircraftByCode, seatCount } from '../../src/features/catalogue/aircraft.ts';
import { areNeighbours, familyBlock, neighboursOf, preloadOccupied, preloadShare, seatPlan } from '../../src/features/seats/seat-map.ts';

const A320 = aircraftByCode('A320').layout;
const A333 = aircraftByCode('A333').layout;
const SEED = 20261127;

describe('seat map', () => {
  it('puts neighbours in the same row and group only, never across an aisle', () => {
    const narrow = seatPlan(A320);
    expect(neighboursOf(narrow, '14B').sort()).toEqual(['14A', '14C']);
    expect(areNeighbours(narrow, '14C', '14D')).toBe(false);
    expect(areNeighbours(narrow, '14C', '15C')).toBe(false);
    const wide = seatPlan(A333);
    // 2-4-2 with letters A C | D E F G | H K: A and C sit side by side.
    expect(neighboursOf(wide, '30A')).toEqual(['30C']);
    expect(neighboursOf(wide, '30E').sort()).toEqual(['30D', '30F']);
    expect(neighboursOf(wide, '2A')).toEqual([]);
  });

  it('marks exit rows, wing rows and zones from the layout', () => {
    const plan = seatPlan(A320);
    const rows = plan.cabins[0]!.rows;
    expect(rows.find((r) => r.row === 12)).toMatchObject({ exit: true, wing: true, zone: 'extra_legroom' });
    expect(rows.find((r) => r.row === 1)).toMatchObject({ exit: false, zone: 'extra_legroom' });
    expect(rows.find((r) => r.row === 3)).toMatchObject({ exit: false, wing: false, zone: 'up_front' });
    expect(rows.some((r) => r.row === 13)).toBe(false);
    expect(plan.seats.size).toBe(seatCount(A320));
  });
});

describe('demo pre-load', () => {
  it('is the same for the same seed, flight and days to departure, and differs by flight and seed', () => {
    const input = { seed: SEED, flightId: 4242, layout: A320, daysToDeparture: 30 };
    expect([...preloadOccupied(input)]).toEqual([...preloadOccupied(input)]);
    expect(preloadOccupied({ ...input, flightId: 4243 })).not.toEqual(preloadOccupied(input));
    expect(preloadOccupied({ ...input, seed: SEED + 1 })).not.toEqual(preloadOccupied(input));
  });

  it('grows toward departure: ~25 % taken 300 days out, ~85 % the day before, never releasing a seat', () => {
    const seats = seatCount(A320);
    let previous = new Set<string>();
    for (const days of [330, 300, 200, 100, 60, 30, 14, 7, 3, 1, 0]) {
      const taken = preloadOccupied({ seed: SEED, flightId: 7, layout: A320, daysToDeparture: days });
      for (const seat of previous) expect(taken.has(seat), `${seat} stays taken at ${days} days`).toBe(true);
      previous = taken;
    }
    expect(preloadShare(300)).toBeCloseTo(0.25);
    expect(preloadShare(1)).toBeCloseTo(0.85);
    expect(preloadOccupied({ seed: SEED, flightId: 7, layout: A320, daysToDeparture: 300 }).size).toBe(Math.round(0.25 * seats));
    expect(preloadOccupied({ seed: SEED, flightId: 7, layout: A320, daysToDeparture: 1 }).size).toBe(Math.round(0.85 * seats));
  });

  it('takes window and aisle seats and the front of the cabin first', () => {
    const plan = seatPlan(A320);
    let middle = 0;
    let front = 0;
    let back = 0;
    for (let flightId = 1; flightId <= 50; flightId++) {
      for (const seat of preloadOccupied({ seed: SEED, flightId, layout: A320, daysToDeparture: 200 })) {
        const cell = plan.seats.get(seat)!;
        if (cell.position === 'middle') middle++;
        if (cell.row <= 10) front++;
        if (cell.row >= 22) back++;
      }
    }
    const total = 50 * Math.round(preloadShare(200) * seatCount(A320));
    expect(middle / total).toBeLessThan(0.2); // a third of the seats are middle seats
    expect(front).toBeGreaterThan(back * 1.5);
  });

  it('always leaves a family of four seats together in economy, even the day before', () => {
    for (const layout of [A320, A333]) {
      const plan = seatPlan(layout);
      for (let flightId = 1; flightId <= 40; flightId++) {
        const block = familyBlock(plan, SEED, flightId);
        expect(block).toHaveLength(4);
        const taken = preloadOccupied({ seed: SEED, flightId, layout, daysToDeparture: 0 });
        for (const seat of block) {
          expect(taken.has(seat)).toBe(false);
          const cell = plan.seats.get(seat)!;
          expect(cell).toMatchObject({ cabin: 'economy', exit: false, zone: 'standard' });
        }
        // Two pairs side by side: each child can sit beside an adult.
        expect(areNeighbours(plan, block[0]!, block[1]!) && areNeighbours(plan, block[2]!, block[3]!)).toBe(true);
      }
    }
  });

  it("never shows a checkout's own seats as taken by the pre-load", () => {
    const input = { seed: SEED, flightId: 99, layout: A320, daysToDeparture: 1 };
    const taken = [...preloadOccupied(input)].slice(0, 3);
    const mine = preloadOccupied({ ...input, exclude: new Set(taken) });
    for (const seat of taken) expect(mine.has(seat)).toBe(false);
    // The rest of the map does not move.
    expect(mine.size).toBe(preloadOccupied(input).size - 3);
  });

  it('is worked out once per flight and day: one checkout excluding its seats, or changing the set it got, changes nothing for the next', () => {
    const input = { seed: SEED, flightId: 98, layout: A320, daysToDeparture: 3 };
    const first = [...preloadOccupied(input)];
    preloadOccupied({ ...input, exclude: new Set(first.slice(0, 5)) });
    preloadOccupied(input).clear();
    expect([...preloadOccupied(input)]).toEqual(first);
    // Another day is another pre-load (it only grows toward departure).
    expect(preloadOccupied({ ...input, daysToDeparture: 2 }).size).toBeGreaterThanOrEqual(first.length);
  });

  it('fills the business cabin as well, in its own proportion', () => {
    const taken = preloadOccupied({ seed: SEED, flightId: 5, layout: A333, daysToDeparture: 1 });
    const business = [...taken].filter((s) => Number.parseInt(s, 10) <= 6);
    expect(business).toHaveLength(Math.round(0.85 * seatCount(A333, 'business')));
  });
});
