// Where the Comfort bundle seats a party (planSeats), on the A320neo's cabin: extra legroom is row 1 (a
// bulkhead) and rows 12 and 14 (exit rows: adults only, not with an infant on the lap).
import { describe, expect, it } from 'vitest';
import { aircraftByCode } from '../../src/features/catalogue/aircraft.ts';
import { planSeats } from '../../src/features/extras/comfort-bundle.ts';
import { seatPlan } from '../../src/features/seats/seat-map.ts';
import type { FlightSeating, SeatedPassenger } from '../../src/features/seats/seating.ts';

const plan = seatPlan(aircraftByCode('A320').layout);

/** The parts of a flight's seating that planSeats reads: the map, the cabin, the seats others have, our own holds. */
function seating(taken: string[] = [], own: Record<number, string> = {}): FlightSeating {
  return {
    plan,
    cabin: 'economy',
    taken: new Map(taken.map((s) => [s, 'preload' as const])),
    own: new Map(Object.entries(own).map(([idx, seat]) => [Number(idx), { seat } as never])),
  } as unknown as FlightSeating;
}

const passenger = (idx: number, type: 'adult' | 'child', carriesInfant = false): SeatedPassenger =>
  ({ idx, type, givenName: `P${idx}`, familyName: 'Test', dateOfBirth: null, carriesInfant }) as unknown as SeatedPassenger;

const seatsOf = (result: Map<number, { seat: string }> | null) => (result ? Object.fromEntries([...result].map(([idx, c]) => [idx, c.seat])) : null);

describe('the Comfort bundle seats the party in extra legroom by the seats step rules', () => {
  it('seats two adults side by side, in the first row with room for both', () => {
    expect(seatsOf(planSeats(seating(), [passenger(1, 'adult'), passenger(2, 'adult')]))).toEqual({ 1: '1A', 2: '1B' });
    expect(seatsOf(planSeats(seating(['1B', '1E']), [passenger(1, 'adult'), passenger(2, 'adult')]))).toEqual({ 1: '12A', 2: '12B' });
  });

  it('keeps a passenger who already holds an extra-legroom seat there', () => {
    expect(seatsOf(planSeats(seating([], { 1: '14F' }), [passenger(1, 'adult'), passenger(2, 'adult')]))).toEqual({ 1: '14F', 2: '1A' });
  });

  it('puts each adult between up to two children, outside the exit rows, and refuses when no row without an exit has room', () => {
    const family = [passenger(1, 'adult'), passenger(2, 'child'), passenger(3, 'child')];
    expect(seatsOf(planSeats(seating(), family))).toEqual({ 3: '1A', 1: '1B', 2: '1C' });
    expect(planSeats(seating(['1B', '1E']), family)).toBeNull();
    expect(planSeats(seating(), [passenger(1, 'adult'), passenger(2, 'child'), passenger(3, 'child'), passenger(4, 'child')])).toBeNull();
  });

  it('keeps an adult with an infant on the lap out of the exit rows', () => {
    const taken = ['1A', '1B', '1C', '1D', '1E'];
    expect(seatsOf(planSeats(seating(taken), [passenger(1, 'adult', true)]))).toEqual({ 1: '1F' });
    expect(planSeats(seating([...taken, '1F']), [passenger(1, 'adult', true)])).toBeNull();
    expect(seatsOf(planSeats(seating([...taken, '1F']), [passenger(1, 'adult')]))).toEqual({ 1: '12A' });
  });
});
