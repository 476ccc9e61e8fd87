import { describe, expect, it } from 'vitest';
import { aircraftByCode, seatCount, seatsOf, type SeatMapLayout } from '../../src/features/catalogue/aircraft.ts';

const seatOf = (layout: SeatMapLayout, seat: string) => seatsOf(layout).find((s) => s.seat === seat);

describe('aircraft and seat maps', () => {
  it('the narrow-body has ~30 rows 3-3 with an extra-legroom exit row and up-front rows', () => {
    const { layout } = aircraftByCode('A320');
    const seats = seatsOf(layout);
    const rows = [...new Set(seats.map((s) => s.row))];
    expect(rows).toHaveLength(30);
    expect(rows).not.toContain(13);
    expect(seats).toHaveLength(180);
    expect(seatCount(layout)).toBe(180);
    for (const row of rows) expect(seats.filter((s) => s.row === row).map((s) => s.letter).join('')).toBe('ABCDEF');
    // In row order, front to back.
    expect(seats.map((s) => s.row)).toEqual([...seats.map((s) => s.row)].sort((a, b) => a - b));

    expect(seatOf(layout, '12A')).toMatchObject({ zone: 'extra_legroom', exit: true, position: 'window', cabin: 'economy' });
    expect(seatOf(layout, '14B')).toMatchObject({ zone: 'extra_legroom', exit: true, position: 'middle' });
    expect(seatOf(layout, '1C')).toMatchObject({ zone: 'extra_legroom', exit: false, position: 'aisle' });
    expect(seatOf(layout, '3D')).toMatchObject({ zone: 'up_front', exit: false, position: 'aisle' });
    expect(seatOf(layout, '5F')).toMatchObject({ zone: 'up_front', position: 'window' });
    expect(seatOf(layout, '20E')).toMatchObject({ zone: 'standard', exit: false, position: 'middle' });
    expect(seatOf(layout, '13A')).toBeUndefined();
    expect(new Set(seats.map((s) => s.zone))).toEqual(new Set(['extra_legroom', 'up_front', 'standard']));
  });

  it('the wide-body has a 1-2-1 business cabin and 2-4-2 economy with exit rows', () => {
    const { layout } = aircraftByCode('A333');
    const seats = seatsOf(layout);
    const business = seats.filter((s) => s.cabin === 'business');
    expect(business).toHaveLength(24);
    expect(seatCount(layout, 'business')).toBe(24);
    expect(business.every((s) => s.zone === 'business' && s.position !== 'middle')).toBe(true);
    expect(business.filter((s) => s.row === 1).map((s) => `${s.letter}:${s.position}`)).toEqual(['A:window', 'D:aisle', 'G:aisle', 'K:window']);

    const row30 = seats.filter((s) => s.row === 30).map((s) => `${s.letter}:${s.position}`);
    expect(row30).toEqual(['A:window', 'C:aisle', 'D:aisle', 'E:middle', 'F:middle', 'G:aisle', 'H:aisle', 'K:window']);
    expect(seatOf(layout, '26E')).toMatchObject({ zone: 'extra_legroom', exit: true, cabin: 'economy' });
    expect(seatOf(layout, '11A')).toMatchObject({ zone: 'up_front' });
    expect(seatCount(layout, 'economy')).toBe(280);
    expect(seats).toHaveLength(seatCount(layout));
  });
});
