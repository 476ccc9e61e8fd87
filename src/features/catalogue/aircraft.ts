// Aircraft types and their cabin plans. The layout is stored as seat_maps.layout_json and is the
// single source for drawing seat maps and for which seats are exit rows, extra legroom or up front.

export const CABINS = ['economy', 'business'] as const;
export type Cabin = (typeof CABINS)[number];

export type CabinLayout = {
  cabin: Cabin;
  firstRow: number;
  lastRow: number;
  /** Seat letters, one space per aisle: 'ABC DEF' (3-3), 'AC DEFG HK' (2-4-2), 'A DG K' (1-2-1). */
  columns: string;
  /** Row numbers that do not exist, e.g. [13]. */
  skipRows: number[];
  /** Over-wing or door exit rows; they are also extra legroom. */
  exitRows: number[];
  /** Includes the exit rows and bulkhead rows. */
  extraLegroomRows: number[];
  /** Economy rows near the front sold at a premium. */
  upFrontRows: number[];
  /** First and last row over the wing, for drawing. */
  wingRows: [number, number] | null;
};

export type SeatMapLayout = { cabins: CabinLayout[] };

export const SEAT_ZONES = ['business', 'extra_legroom', 'up_front', 'standard'] as const;
export type SeatZone = (typeof SEAT_ZONES)[number];
export type SeatPosition = 'window' | 'middle' | 'aisle';

export type Seat = {
  seat: string;
  row: number;
  letter: string;
  cabin: Cabin;
  zone: SeatZone;
  exit: boolean;
  position: SeatPosition;
};

export const AIRCRAFT_CODES = ['A320', 'A333'] as const;
export type AircraftCode = (typeof AIRCRAFT_CODES)[number];

export type Aircraft = { code: AircraftCode; name: string; layout: SeatMapLayout };

// A320neo, single class, 180 seats: rows 1-31 without 13. Row 1 is the bulkhead; rows 12 and 14
// are the two over-wing exit rows (no row 13, as on many European carriers), so both have the
// extra legroom the exits require.
const NARROW_BODY: SeatMapLayout = {
  cabins: [
    {
      cabin: 'economy',
      firstRow: 1,
      lastRow: 31,
      columns: 'ABC DEF',
      skipRows: [13],
      exitRows: [12, 14],
      extraLegroomRows: [1, 12, 14],
      upFrontRows: [2, 3, 4, 5],
      wingRows: [10, 18],
    },
  ],
};

// A330-300, 304 seats: 24 business seats 1-2-1 (every seat has aisle access) in rows 1-6, then
// economy 2-4-2 from row 10 (behind the door-2 bulkhead, which is an exit row) to row 45, with the
// door-3 exit row 26 over the wing.
const WIDE_BODY: SeatMapLayout = {
  cabins: [
    {
      cabin: 'business',
      firstRow: 1,
      lastRow: 6,
      columns: 'A DG K',
      skipRows: [],
      exitRows: [],
      extraLegroomRows: [],
      upFrontRows: [],
      wingRows: null,
    },
    {
      cabin: 'economy',
      firstRow: 10,
      lastRow: 45,
      columns: 'AC DEFG HK',
      skipRows: [13],
      exitRows: [10, 26],
      extraLegroomRows: [10, 26],
      upFrontRows: [11, 12, 14, 15],
      wingRows: [20, 31],
    },
  ],
};

export const AIRCRAFT: readonly Aircraft[] = [
  { code: 'A320', name: 'Airbus A320neo', layout: NARROW_BODY },
  { code: 'A333', name: 'Airbus A330-300', layout: WIDE_BODY },
];

/** Routes longer than this get the wide-body, and with it a business cabin. */
export const WIDE_BODY_MIN_KM = 4000;

export function aircraftByCode(code: string): Aircraft {
  const aircraft = AIRCRAFT.find((a) => a.code === code);
  if (!aircraft) throw new Error(`Unknown aircraft ${code}`);
  return aircraft;
}

function positionOf(groups: readonly string[], groupIndex: number, indexInGroup: number): SeatPosition {
  const group = groups[groupIndex] ?? '';
  const firstGroup = groupIndex === 0;
  const lastGroup = groupIndex === groups.length - 1;
  if ((firstGroup && indexInGroup === 0) || (lastGroup && indexInGroup === group.length - 1)) return 'window';
  const nextToAisle = (indexInGroup === 0 && !firstGroup) || (indexInGroup === group.length - 1 && !lastGroup);
  return nextToAisle ? 'aisle' : 'middle';
}

/** Every seat of the aircraft, front to back, left to right. */
export function seatsOf(layout: SeatMapLayout): Seat[] {
  const seats: Seat[] = [];
  for (const cabin of layout.cabins) {
    const groups = cabin.columns.split(' ').filter((g) => g.length > 0);
    const skip = new Set(cabin.skipRows);
    for (let row = cabin.firstRow; row <= cabin.lastRow; row++) {
      if (skip.has(row)) continue;
      const zone: SeatZone =
        cabin.cabin === 'business'
          ? 'business'
          : cabin.extraLegroomRows.includes(row) || cabin.exitRows.includes(row)
            ? 'extra_legroom'
            : cabin.upFrontRows.includes(row)
              ? 'up_front'
              : 'standard';
      const exit = cabin.exitRows.includes(row);
      groups.forEach((group, groupIndex) => {
        for (let i = 0; i < group.length; i++) {
          const letter = group[i] as string;
          seats.push({
            seat: `${row}${letter}`,
            row,
            letter,
            cabin: cabin.cabin,
            zone,
            exit,
            position: positionOf(groups, groupIndex, i),
          });
        }
      });
    }
  }
  return seats;
}

export function seatCount(layout: SeatMapLayout, cabin?: Cabin): number {
  let count = 0;
  for (const c of layout.cabins) {
    if (cabin && c.cabin !== cabin) continue;
    const rows = c.lastRow - c.firstRow + 1 - c.skipRows.filter((r) => r >= c.firstRow && r <= c.lastRow).length;
    count += rows * c.columns.replaceAll(' ', '').length;
  }
  return count;
}

export function hasCabin(layout: SeatMapLayout, cabin: Cabin): boolean {
  return layout.cabins.some((c) => c.cabin === cabin);
}
