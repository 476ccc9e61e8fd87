// Renting a car with a booking that is already paid (the confirmation's last cross-sell, Manage
// booking): the cars on offer for the trip, the check of a choice, and the booking_cars row. The rule
// is cars/car-rental.ts, the price offer pricing's carPrice: the same as on the extras step. It lives in
// bookings, not cars: checkout's pricing reads cars, so cars must not read checkout.
import type { Db } from '../../db/database.ts';
import { ConflictError, ValidationError, type Issue } from '../../lib/errors.ts';
import type { Money } from '../../lib/money.ts';
import { carPrice } from '../checkout/offer-pricing.ts';
import { carRentalRule, checkRentalDays, daysOf, describeRental, dropOffDate, seatsParty, type CarRentalRule } from '../cars/car-rental.ts';
import { findCar, insertBookingCar, listCarsAt, type BookingCar, type Car } from '../cars/cars.repository.ts';

export type RentalTripOfBooking = {
  /** The outbound flight's arrival airport and its city. */
  airportCode: string;
  city: string;
  /** The local date the outbound flight lands; the return flight's departure date, or null (one-way). */
  pickUpDate: string;
  returnDepartureDate: string | null;
  seated: number;
};

/** The rental's rule and the cars that seat the party, cheapest first; `fromPrice` is the cheapest for the default days. */
export type CarChoice = CarRentalRule & { airportCode: string; city: string; cars: Car[]; fromPrice: Money };

export function carChoiceFor(db: Db, trip: RentalTripOfBooking): CarChoice | null {
  const rule = carRentalRule(trip);
  if (!rule) return null;
  const cars = listCarsAt(db, trip.airportCode).filter((c) => seatsParty(rule, c));
  const cheapest = cars[0];
  if (!cheapest) return null;
  return { ...rule, airportCode: trip.airportCode, city: trip.city, cars, fromPrice: carPrice(cheapest.daily, rule.defaultDays) };
}

export type CheckedRental = { car: Car; days: number; pickUpDate: string; dropOffDate: string; total: Money; description: string };

/**
 * The rental asked for, checked against the choice: ValidationError with issues at `prefix` + ['carId']
 * (`unknown_car`, `wrong_airport`, `too_small`) and + ['days'] (`required`, `out_of_range`, `fixed_rental`).
 */
export function checkRental(db: Db, choice: CarChoice, asked: { carId?: number; days?: number | null }, prefix: Issue['path'] = []): CheckedRental {
  const issues: Issue[] = [];
  const car = choice.cars.find((c) => c.id === asked.carId);
  if (!car) {
    const known = asked.carId === undefined ? undefined : findCar(db, asked.carId);
    if (!known) issues.push({ path: [...prefix, 'carId'], code: 'unknown_car', message: `Choose one of the cars at ${choice.city} airport` });
    else if (known.airportCode !== choice.airportCode) issues.push({ path: [...prefix, 'carId'], code: 'wrong_airport', message: `That car is not at ${choice.city} airport: choose one of the cars listed` });
    else issues.push({ path: [...prefix, 'carId'], code: 'too_small', message: `That car has ${known.seats} seats, fewer than your ${choice.seatsNeeded} passengers with a seat: choose a bigger one` });
  }
  issues.push(...checkRentalDays(choice, asked.days).map((i) => ({ ...i, path: [...prefix, ...i.path] })));
  if (!car || issues.length > 0) throw new ValidationError('Check the car and the days.', issues);
  const days = daysOf(choice, asked.days);
  return { car, days, pickUpDate: choice.pickUpDate, dropOffDate: dropOffDate(choice.pickUpDate, days), total: carPrice(car.daily, days), description: describeRental(car, choice.pickUpDate, days) };
}

/** Writes the booking's car; ConflictError `already_bought` when it has one (the partial UNIQUE index). */
export function rentCar(db: Db, bookingId: number, rental: CheckedRental, placement: BookingCar['placement'], now: Date): void {
  try {
    insertBookingCar(db, { bookingId, carId: rental.car.id, pickUpDate: rental.pickUpDate, dropOffDate: rental.dropOffDate, days: rental.days, total: rental.total, placement, now });
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw new ConflictError('This booking already has a car.', [{ path: ['car'], code: 'already_bought', message: 'This booking already has a car' }]);
    throw error;
  }
}
