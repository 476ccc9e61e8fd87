// How full the demo makes each cabin before any real customer: the share of seats the seats page's
// pre-load shows taken (seats/seat-map.ts `preloadOccupied` picks which), and so how many tickets a
// cabin may still sell. Pure functions of the layout and the days to departure; no seed, no clock.
// The seed sizes fare inventory by seatsLeftByPreload and the booking transaction checks it.
import { seatCount, type Cabin, type SeatMapLayout } from './aircraft.ts';

/** Share of a cabin already taken, by whole days to departure: ~25 % 300 days out, ~85 % the day before. */
export function preloadShare(daysToDeparture: number): number {
  const days = Math.min(300, Math.max(1, daysToDeparture));
  // Square root: bookings come in faster as departure nears, as on real booking curves.
  return 0.85 - 0.6 * Math.sqrt((days - 1) / 299);
}

/**
 * Economy seats the pre-load always leaves free for a family (seats/seat-map.ts `familyBlock` picks
 * them: four in one row, whichever row the seed chooses; test/bookings/capacity.test.ts checks it).
 */
export const FAMILY_BLOCK_SEATS = 4;

/** How many seats of a cabin the pre-load takes: its share of the cabin, never the family block. */
export function preloadedSeatCount(cabinSeats: number, reservedSeats: number, daysToDeparture: number): number {
  return Math.min(cabinSeats - reservedSeats, Math.round(preloadShare(daysToDeparture) * cabinSeats));
}

/** Seats of a cabin the pre-load leaves for real customers `daysToDeparture` out: the most tickets it may sell. */
export function seatsLeftByPreload(layout: SeatMapLayout, cabin: Cabin, daysToDeparture: number): number {
  const seats = seatCount(layout, cabin);
  if (seats === 0) return 0;
  const reserved = cabin === 'economy' ? Math.min(FAMILY_BLOCK_SEATS, seats) : 0;
  return seats - preloadedSeatCount(seats, reserved, daysToDeparture);
}
