// The car rental: one rule set for every page that sells a car at the destination (the extras step,
// the confirmation's last cross-sell, Manage booking), as hotels/hotel-stay.ts is for the hotel.
//
// - Pick-up is at the outbound flight's arrival airport, on the local date it lands.
// - Return trip: the rental lasts until the return flight's departure date, fixed (at least 1 day: a
//   same-day return still rents for a day).
// - One-way: the customer chooses 1 to MAX_CAR_DAYS days; DEFAULT_ONE_WAY_CAR_DAYS until they do.
// - Only cars with a seat for every passenger with a seat are offered (infants ride in a child seat on
//   an adult's place, as on the plane).
// - Manage booking sells a car, and cancels one free of charge, until 24 hours before pick-up (the
//   outbound arrival): manage/manage-rules.ts.
// Prices are not here: offer pricing (checkout/offer-pricing.ts carPrice) prices a rental.
import type { Issue } from '../../lib/errors.ts';
import { addDays, daysBetween } from '../../lib/time.ts';
import { carClassLabel, type CarClass } from '../catalogue/cars.ts';

/** The most days a one-way traveller can rent for. */
export const MAX_CAR_DAYS = 14;
/** The rental a one-way traveller is shown until they choose another. */
export const DEFAULT_ONE_WAY_CAR_DAYS = 3;

export type RentalTrip = {
  /** The local date the outbound flight lands at the destination. */
  pickUpDate: string;
  /** The return flight's departure date (local), or null on a one-way trip. */
  returnDepartureDate: string | null;
  /** Passengers with a seat (adults and children). */
  seated: number;
};

export type CarRentalRule = {
  pickUpDate: string;
  /** The days between the flights on a return trip; null on a one-way, where the customer chooses. */
  fixedDays: number | null;
  minDays: number;
  maxDays: number;
  defaultDays: number;
  /** The least seats a car needs for this party. */
  seatsNeeded: number;
};

/** The rental a trip can book, or null when there is none (nobody with a seat). */
export function carRentalRule(trip: RentalTrip): CarRentalRule | null {
  if (trip.seated < 1) return null;
  const base = { pickUpDate: trip.pickUpDate, seatsNeeded: trip.seated };
  if (trip.returnDepartureDate !== null) {
    const days = Math.max(1, daysBetween(trip.pickUpDate, trip.returnDepartureDate));
    return { ...base, fixedDays: days, minDays: days, maxDays: days, defaultDays: days };
  }
  return { ...base, fixedDays: null, minDays: 1, maxDays: MAX_CAR_DAYS, defaultDays: DEFAULT_ONE_WAY_CAR_DAYS };
}

function within(value: number | null | undefined, min: number, max: number): value is number {
  return value !== null && value !== undefined && Number.isInteger(value) && value >= min && value <= max;
}

/** The days to show prices for: what was asked when allowed, else the default. */
export function daysToShow(rule: CarRentalRule, asked: number | null | undefined): number {
  return rule.fixedDays ?? (within(asked, rule.minDays, rule.maxDays) ? asked : rule.defaultDays);
}

/**
 * What is wrong with the days asked for, as issues under `days` (prefix them with the path of the
 * rental in the command's input). Days left out on a return trip are the fixed days.
 */
export function checkRentalDays(rule: CarRentalRule, days: number | null | undefined): Issue[] {
  if (rule.fixedDays !== null) {
    if (days !== null && days !== undefined && days !== rule.fixedDays) {
      return [{ path: ['days'], code: 'fixed_rental', message: `Your rental is ${plural(rule.fixedDays, 'day')}, until your return flight` }];
    }
    return [];
  }
  if (days === null || days === undefined) return [{ path: ['days'], code: 'required', message: 'Choose the number of days' }];
  if (!within(days, rule.minDays, rule.maxDays)) return [{ path: ['days'], code: 'out_of_range', message: `Choose ${rule.minDays} to ${rule.maxDays} days` }];
  return [];
}

/** The days a rental is for, once checked: the fixed days of a return trip, or those chosen. */
export function daysOf(rule: CarRentalRule, days: number | null | undefined): number {
  return rule.fixedDays ?? days ?? rule.defaultDays;
}

/** The date the car goes back: the pick-up date plus the days rented. */
export function dropOffDate(pickUpDate: string, days: number): string {
  return addDays(pickUpDate, days);
}

/** Whether a car seats the party (the rule's seatsNeeded). */
export function seatsParty(rule: CarRentalRule, car: { seats: number }): boolean {
  return car.seats >= rule.seatsNeeded;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The receipt's words for a rental: class, model, days, dates and the pick-up airport. */
export function describeRental(car: { carClass: CarClass; model: string; airportCode: string }, pickUpDate: string, days: number): string {
  return `${carClassLabel(car.carClass)} car (${car.model}), ${plural(days, 'day')} from ${pickUpDate} to ${dropOffDate(pickUpDate, days)}, pick-up at ${car.airportCode} airport`;
}
