// The SQL of car rental: the cars the catalogue seeds per airport, and the car rented with a booking
// (booking_cars, migration 014). Statements are prepared once per database.
import type { Db } from '../../db/database.ts';
import { preparedOnce } from '../../db/statements.ts';
import { money, type Money } from '../../lib/money.ts';
import type { CarClass } from '../catalogue/cars.ts';

export type Car = { id: number; airportCode: string; carClass: CarClass; model: string; seats: number; bags: number; daily: Money };

export type BookingCar = {
  id: number;
  bookingId: number;
  car: Car;
  pickUpDate: string;
  dropOffDate: string;
  days: number;
  total: Money;
  placement: 'extras' | 'confirmation' | 'manage';
  createdAt: string;
  cancelledAt: string | null;
};

type CarRow = { id: number; airport_code: string; class: CarClass; model: string; seats: number; bags: number; daily_minor: number; currency: string };

const s = preparedOnce((db: Db) => ({
  carsIn: db.prepare('SELECT * FROM cars WHERE airport_code = ? ORDER BY daily_minor, id'),
  car: db.prepare('SELECT * FROM cars WHERE id = ?'),
  activeCar: db.prepare(`
    SELECT b.id AS booking_car_id, b.booking_id, b.pick_up_date, b.drop_off_date, b.days, b.total_minor, b.currency AS total_currency,
           b.placement, b.created_at, b.cancelled_at, c.*
    FROM booking_cars b JOIN cars c ON c.id = b.car_id
    WHERE b.booking_id = ? AND b.cancelled_at IS NULL`),
  insertBookingCar: db.prepare(`
    INSERT INTO booking_cars (booking_id, car_id, pick_up_date, drop_off_date, days, total_minor, currency, placement, created_at)
    VALUES (@bookingId, @carId, @pickUpDate, @dropOffDate, @days, @totalMinor, @currency, @placement, @createdAt)`),
  // The car chosen on the extras step becomes the booking's car: its rental as the checkout stored it.
  bookCheckoutCar: db.prepare(`
    INSERT INTO booking_cars (booking_id, car_id, pick_up_date, drop_off_date, days, total_minor, currency, placement, created_at)
    SELECT @bookingId, car_id, pick_up_date, date(pick_up_date, '+' || days || ' days'), days, @totalMinor, @currency, 'extras', @createdAt
    FROM checkout_extras WHERE checkout_id = @checkoutId AND item_key = 'car' AND car_id IS NOT NULL`),
  cancelBookingCar: db.prepare('UPDATE booking_cars SET cancelled_at = @now WHERE id = @id AND cancelled_at IS NULL'),
}));

function toCar(row: CarRow): Car {
  return { id: row.id, airportCode: row.airport_code, carClass: row.class, model: row.model, seats: row.seats, bags: row.bags, daily: money(row.daily_minor, row.currency) };
}

/** The cars at an airport, cheapest first. */
export function listCarsAt(db: Db, airportCode: string): Car[] {
  return (s(db).carsIn.all(airportCode) as CarRow[]).map(toCar);
}

export function findCar(db: Db, id: number): Car | undefined {
  const row = s(db).car.get(id) as CarRow | undefined;
  return row ? toCar(row) : undefined;
}

/** The car rented with a booking and not cancelled, if any. */
export function findBookingCar(db: Db, bookingId: number): BookingCar | undefined {
  const row = s(db).activeCar.get(bookingId) as
    | (CarRow & { booking_car_id: number; booking_id: number; pick_up_date: string; drop_off_date: string; days: number; total_minor: number; total_currency: string; placement: BookingCar['placement']; created_at: string; cancelled_at: string | null })
    | undefined;
  if (!row) return undefined;
  return {
    id: row.booking_car_id,
    bookingId: row.booking_id,
    car: toCar(row),
    pickUpDate: row.pick_up_date,
    dropOffDate: row.drop_off_date,
    days: row.days,
    total: money(row.total_minor, row.total_currency),
    placement: row.placement,
    createdAt: row.created_at,
    cancelledAt: row.cancelled_at,
  };
}

/** Throws the UNIQUE constraint error (booking_cars_one_active) when the booking has a car already. */
export function insertBookingCar(
  db: Db,
  rental: { bookingId: number; carId: number; pickUpDate: string; dropOffDate: string; days: number; total: Money; placement: BookingCar['placement']; now: Date },
): void {
  s(db).insertBookingCar.run({
    bookingId: rental.bookingId,
    carId: rental.carId,
    pickUpDate: rental.pickUpDate,
    dropOffDate: rental.dropOffDate,
    days: rental.days,
    totalMinor: rental.total.amountMinor,
    currency: rental.total.currency,
    placement: rental.placement,
    createdAt: rental.now.toISOString(),
  });
}

/** false when the car was cancelled already. */
export function cancelBookingCar(db: Db, id: number, now: Date): boolean {
  return s(db).cancelBookingCar.run({ id, now: now.toISOString() }).changes === 1;
}

/** Called by the booking transaction: the checkout's car (if any) is rented with the booking, at the price charged. */
export function bookCheckoutCar(db: Db, input: { checkoutId: string; bookingId: number; total: Money; now: Date }): void {
  s(db).bookCheckoutCar.run({ checkoutId: input.checkoutId, bookingId: input.bookingId, totalMinor: input.total.amountMinor, currency: input.total.currency, createdAt: input.now.toISOString() });
}
