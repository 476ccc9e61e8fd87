// The hotel stay: one rule set for every page that sells a hotel at the destination (the extras
// step, the confirmation's last cross-sell, later Manage booking).
//
// - Check-in is the local date the outbound flight lands.
// - Return trip: the stay is the nights between that date and the return flight's departure date,
//   fixed. A same-day return (0 nights) has no stay, so no hotel is offered.
// - One-way: the customer chooses 1 to MAX_HOTEL_NIGHTS nights; DEFAULT_ONE_WAY_NIGHTS until they do.
// - Rooms: 1 to min(passengers with a seat, MAX_HOTEL_ROOMS). By default what the party needs: a room
//   sleeps up to ADULTS_PER_ROOM adults and PEOPLE_PER_ROOM people with a seat (children share their
//   adults' room), so 2 adults and 1 child take 1 room, 3 adults 2, 2 adults and 3 children 2.
// Prices are not here: offer pricing (checkout/offer-pricing.ts) prices a stay.
import type { Issue } from '../../lib/errors.ts';
import { daysBetween } from '../../lib/time.ts';

/** The most nights a one-way traveller can book. */
export const MAX_HOTEL_NIGHTS = 14;
/** The stay a one-way traveller is shown until they choose another. */
export const DEFAULT_ONE_WAY_NIGHTS = 1;
/** The most rooms one booking can take (and never more than the seated passengers). */
export const MAX_HOTEL_ROOMS = 4;
/** Who one room sleeps, for the rooms shown until the customer chooses: two adults, four people in all. */
export const ADULTS_PER_ROOM = 2;
export const PEOPLE_PER_ROOM = 4;

export type StayTrip = {
  /** The local date the outbound flight lands at the destination. */
  checkIn: string;
  /** The return flight's departure date (local), or null on a one-way trip. */
  returnDepartureDate: string | null;
  /** Passengers with a seat (adults and children): infants share a bed. */
  seated: number;
  /** The adults among them. */
  adults: number;
};

export type HotelStayRule = {
  checkIn: string;
  /** The nights between the flights on a return trip; null on a one-way, where the customer chooses. */
  fixedNights: number | null;
  minNights: number;
  maxNights: number;
  defaultNights: number;
  maxRooms: number;
  defaultRooms: number;
};

/** The stay a trip can book, or null when there is none (a same-day return, nobody with a seat). */
export function hotelStayRule(trip: StayTrip): HotelStayRule | null {
  if (trip.seated < 1) return null;
  const maxRooms = Math.min(trip.seated, MAX_HOTEL_ROOMS);
  const needed = Math.max(1, Math.ceil(trip.adults / ADULTS_PER_ROOM), Math.ceil(trip.seated / PEOPLE_PER_ROOM));
  const rooms = { maxRooms, defaultRooms: Math.min(maxRooms, needed) };
  if (trip.returnDepartureDate !== null) {
    const nights = daysBetween(trip.checkIn, trip.returnDepartureDate);
    if (nights < 1) return null;
    return { checkIn: trip.checkIn, fixedNights: nights, minNights: nights, maxNights: nights, defaultNights: nights, ...rooms };
  }
  return { checkIn: trip.checkIn, fixedNights: null, minNights: 1, maxNights: MAX_HOTEL_NIGHTS, defaultNights: DEFAULT_ONE_WAY_NIGHTS, ...rooms };
}

function within(value: number | null | undefined, min: number, max: number): value is number {
  return value !== null && value !== undefined && Number.isInteger(value) && value >= min && value <= max;
}

/** The nights and rooms to show prices for: what was asked when allowed, else the defaults. */
export function stayToShow(rule: HotelStayRule, asked: { nights?: number | null; rooms?: number | null }): { nights: number; rooms: number } {
  return {
    nights: rule.fixedNights ?? (within(asked.nights, rule.minNights, rule.maxNights) ? asked.nights : rule.defaultNights),
    rooms: within(asked.rooms, 1, rule.maxRooms) ? asked.rooms : rule.defaultRooms,
  };
}

/**
 * What is wrong with a stay asked for, as issues under `nights` and `rooms` (prefix them with the
 * path of the stay in the command's input). Nights left out on a return trip are the fixed nights.
 */
export function checkStay(rule: HotelStayRule, asked: { nights: number | null | undefined; rooms: number | null | undefined }): Issue[] {
  const issues: Issue[] = [];
  const { nights, rooms } = asked;
  if (rule.fixedNights !== null) {
    if (nights !== null && nights !== undefined && nights !== rule.fixedNights) {
      issues.push({ path: ['nights'], code: 'fixed_stay', message: `Your stay is ${plural(rule.fixedNights, 'night')}, until your return flight` });
    }
  } else if (nights === null || nights === undefined) {
    issues.push({ path: ['nights'], code: 'required', message: 'Choose the number of nights' });
  } else if (!within(nights, rule.minNights, rule.maxNights)) {
    issues.push({ path: ['nights'], code: 'out_of_range', message: `Choose ${rule.minNights} to ${rule.maxNights} nights` });
  }
  if (rooms === null || rooms === undefined) {
    issues.push({ path: ['rooms'], code: 'required', message: 'Choose the number of rooms' });
  } else if (!within(rooms, 1, rule.maxRooms)) {
    issues.push({
      path: ['rooms'],
      code: 'out_of_range',
      message: rule.maxRooms === 1 ? 'Choose 1 room' : `Choose 1 to ${rule.maxRooms} rooms (no more rooms than passengers with a seat)`,
    });
  }
  return issues;
}

/** The nights a stay is for, once checked: the fixed nights of a return trip, or those chosen. */
export function nightsOf(rule: HotelStayRule, nights: number | null | undefined): number {
  return rule.fixedNights ?? nights ?? rule.defaultNights;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
