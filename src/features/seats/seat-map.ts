// The cabin as the seats step draws it, and the demo pre-load of occupied seats. Pure functions of
// the aircraft layout (seat_maps.layout_json), the demo seed, the flight and the days to departure:
// no database and no clock of their own, so the map is the same on every request for the same inputs.
import { seatsOf, type Cabin, type Seat, type SeatMapLayout, type SeatZone } from '../catalogue/aircraft.ts';
import { preloadedSeatCount, preloadShare } from '../catalogue/preload.ts';
import { hashString } from '../catalogue/random.ts';

export { preloadShare };

export type SeatCell = Seat & {
  /** Index of the seat group between aisles (0 = left), for the neighbours rule. */
  group: number;
  /** Index inside its group. */
  indexInGroup: number;
};

export type SeatRow = {
  row: number;
  cabin: Cabin;
  zone: SeatZone;
  exit: boolean;
  wing: boolean;
  /** Seat groups left to right; an aisle lies between two groups. */
  groups: SeatCell[][];
};

export type CabinPlan = { cabin: Cabin; rows: SeatRow[]; groupSizes: number[] };

export type SeatPlan = {
  layout: SeatMapLayout;
  cabins: CabinPlan[];
  seats: Map<string, SeatCell>;
};

const plans = new WeakMap<SeatMapLayout, SeatPlan>();

/** Rows, groups and every seat of an aircraft, looked up by designator ('14C'). */
export function seatPlan(layout: SeatMapLayout): SeatPlan {
  let plan = plans.get(layout);
  if (plan) return plan;
  const all = seatsOf(layout);
  const seats = new Map<string, SeatCell>();
  const cabins: CabinPlan[] = layout.cabins.map((cabinLayout) => {
    const groupsOfLetters = cabinLayout.columns.split(' ').filter((g) => g.length > 0);
    const rows = new Map<number, SeatRow>();
    for (const seat of all) {
      if (seat.cabin !== cabinLayout.cabin) continue;
      const group = groupsOfLetters.findIndex((g) => g.includes(seat.letter));
      const cell: SeatCell = { ...seat, group, indexInGroup: (groupsOfLetters[group] ?? '').indexOf(seat.letter) };
      seats.set(seat.seat, cell);
      let row = rows.get(seat.row);
      if (!row) {
        const wing = cabinLayout.wingRows !== null && seat.row >= cabinLayout.wingRows[0] && seat.row <= cabinLayout.wingRows[1];
        row = { row: seat.row, cabin: seat.cabin, zone: seat.zone, exit: seat.exit, wing, groups: groupsOfLetters.map(() => []) };
        rows.set(seat.row, row);
      }
      row.groups[group]!.push(cell);
    }
    return { cabin: cabinLayout.cabin, rows: [...rows.values()], groupSizes: groupsOfLetters.map((g) => g.length) };
  });
  plan = { layout, cabins, seats };
  plans.set(layout, plan);
  return plan;
}

/** Seats side by side with `seat`: same row, same group, next letter; never across an aisle. */
export function neighboursOf(plan: SeatPlan, seat: string): string[] {
  const cell = plan.seats.get(seat);
  if (!cell) return [];
  const row = plan.cabins.find((c) => c.cabin === cell.cabin)?.rows.find((r) => r.row === cell.row);
  const group = row?.groups[cell.group] ?? [];
  return [group[cell.indexInGroup - 1], group[cell.indexInGroup + 1]].filter((s): s is SeatCell => s !== undefined).map((s) => s.seat);
}

export function areNeighbours(plan: SeatPlan, a: string, b: string): boolean {
  return neighboursOf(plan, a).includes(b);
}

// ---- Demo pre-load ------------------------------------------------------------------------------

/**
 * Four economy seats that the pre-load leaves free on every flight, so that a family of two adults
 * and two children can always sit together (each child beside an adult) without paying extra:
 * the middle four of a group of four or more, or the two seats each side of one aisle.
 * A standard row in the back half, chosen by the flight so that it is not the same row everywhere.
 */
export function familyBlock(plan: SeatPlan, seed: number, flightId: number): string[] {
  const economy = plan.cabins.find((c) => c.cabin === 'economy');
  if (!economy) return [];
  const candidates = economy.rows.filter((r) => r.zone === 'standard' && !r.exit);
  const backHalf = candidates.slice(Math.floor(candidates.length / 2));
  if (backHalf.length === 0) return [];
  const row = backHalf[hashString(`${seed}|family-row|${flightId}`) % backHalf.length]!;
  const widest = row.groups.reduce((best, g) => (g.length > best.length ? g : best), [] as SeatCell[]);
  if (widest.length >= 4) {
    const start = Math.floor((widest.length - 4) / 2);
    return widest.slice(start, start + 4).map((s) => s.seat);
  }
  const [left, right] = [row.groups[0] ?? [], row.groups[1] ?? []];
  return [...left.slice(-2), ...right.slice(0, 2)].map((s) => s.seat);
}

export type PreloadInput = {
  seed: number;
  flightId: number;
  layout: SeatMapLayout;
  daysToDeparture: number;
  /** Seats held by the checkout looking at the map: never shown to it as taken by the pre-load. */
  exclude?: ReadonlySet<string>;
};

/**
 * The seats of a flight already sold in this demo before any real customer: a deterministic
 * function of (seed, flight, seat, days to departure). Every seat has a fixed desirability (window
 * and aisle seats and the front of the cabin go first, with a seeded random part), and the most
 * desirable `share × seats` of each cabin are taken, so the set only grows as departure nears.
 */
export function preloadOccupied(input: PreloadInput): Set<string> {
  const all = preloadedSeats(input);
  if (!input.exclude?.size) return new Set(all);
  const taken = new Set<string>();
  for (const seat of all) if (!input.exclude.has(seat)) taken.add(seat);
  return taken;
}

/**
 * The pre-load of a flight on a day, computed once: it is the same on every request (the seats page
 * asks for each flight it shows on every view, and ranking a cabin hashes every seat). Kept per
 * layout (the plans of one aircraft); at most PRELOAD_KEPT flight-days per layout, the oldest first out.
 */
const PRELOAD_KEPT = 2_000;
const preloads = new WeakMap<SeatMapLayout, Map<string, readonly string[]>>();

function preloadedSeats(input: Omit<PreloadInput, 'exclude'>): readonly string[] {
  let byFlightDay = preloads.get(input.layout);
  if (!byFlightDay) preloads.set(input.layout, (byFlightDay = new Map()));
  const key = `${input.seed}|${input.flightId}|${input.daysToDeparture}`;
  let seats = byFlightDay.get(key);
  if (!seats) {
    seats = rankPreload(input);
    if (byFlightDay.size >= PRELOAD_KEPT) byFlightDay.delete(byFlightDay.keys().next().value!);
    byFlightDay.set(key, seats);
  }
  return seats;
}

function rankPreload(input: Omit<PreloadInput, 'exclude'>): string[] {
  const plan = seatPlan(input.layout);
  const reserved = new Set(familyBlock(plan, input.seed, input.flightId));
  const taken: string[] = [];
  for (const cabin of plan.cabins) {
    const cells = cabin.rows.flatMap((r) => r.groups.flat());
    const rowCount = cabin.rows.length;
    const rowIndex = new Map(cabin.rows.map((r, i) => [r.row, i]));
    const ranked = cells
      .filter((c) => !reserved.has(c.seat))
      .map((c) => {
        const random = hashString(`${input.seed}|preload|${input.flightId}|${c.seat}`) / 4294967296;
        const position = c.position === 'window' ? 0.3 : c.position === 'aisle' ? 0.25 : 0;
        const front = rowCount > 1 ? 0.3 * (1 - (rowIndex.get(c.row) ?? 0) / (rowCount - 1)) : 0;
        return { seat: c.seat, score: random + position + front };
      })
      .sort((a, b) => b.score - a.score || (a.seat < b.seat ? -1 : 1));
    const count = preloadedSeatCount(cells.length, cells.length - ranked.length, input.daysToDeparture);
    for (const { seat } of ranked.slice(0, count)) taken.push(seat);
  }
  return taken;
}
