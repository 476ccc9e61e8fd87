// The car rental's part of the extras step's command (save-extras.ts): its input (a car of the offer and,
// on a one-way trip, the days, or an explicit "No thanks") and its plan (what to store, what to refuse).
import { z } from 'zod';
import type { Db } from '../../db/database.ts';
import type { Issue, IssuePath } from '../../lib/errors.ts';
import type { Money } from '../../lib/money.ts';
import { checkRentalDays, daysOf } from '../cars/car-rental.ts';
import { findCar } from '../cars/cars.repository.ts';
import { carPrice } from '../checkout/offer-pricing.ts';
import { OFFER, type OfferCode } from '../offers/codes.ts';
import { itemKey, type ExtrasOffers } from './extras.ts';
import type { StoredExtra } from './extras.repository.ts';

export const CarChoiceSchema = z
    .discriminatedUnion('answer', [
      z.strictObject({
        answer: z.literal('add'),
        carId: z.int().min(1).max(2_000_000_000).describe('One of the cars the offers list (`car.cars[].id`).'),
        days: z.int().min(0).max(999).nullable().optional().describe('One-way trips only (1–14); on a return trip the rental lasts until the return flight.'),
      }),
      z.strictObject({ answer: z.literal('decline') }),
    ])
    .nullable()
    .optional()
    .describe('A rental car at the destination airport, or an explicit "No thanks".');

type PlanSink = {
  issue: (path: IssuePath, code: string, message: string) => void;
  issues: Issue[];
  want: (key: string, offerCode: OfferCode, price: Money, extra: Partial<StoredExtra>) => void;
  declined: Map<string, { offerCode: OfferCode; price: Money }>;
};

/** The car rental's part of the plan: a car of the offer, for the rental's days (cars/car-rental.ts), or "No thanks". */
export function planCar(db: Db, input: { car?: z.infer<typeof CarChoiceSchema> }, offers: ExtrasOffers, sink: PlanSink): void {
  const rental = offers.car;
  if (input.car?.answer === 'add') {
    const asked = input.car;
    if (!rental) return sink.issue(['car', 'carId'], 'not_offered', 'There is no rental car to add to this trip');
    const option = rental.cars.find((c) => c.id === asked.carId);
    if (!option) {
      const known = findCar(db, asked.carId);
      if (!known) sink.issue(['car', 'carId'], 'unknown_car', 'Choose one of the cars listed');
      else if (known.airportCode !== rental.airportCode) sink.issue(['car', 'carId'], 'wrong_airport', `That car is not at ${rental.city} airport: choose one of the cars listed`);
      else sink.issue(['car', 'carId'], 'too_small', `That car has ${known.seats} seats, fewer than your ${rental.seatsNeeded} passengers with a seat: choose a bigger one`);
    }
    const dayIssues = checkRentalDays(rental, asked.days).map((i) => ({ ...i, path: ['car', ...i.path] }));
    sink.issues.push(...dayIssues);
    if (option && dayIssues.length === 0) {
      const days = daysOf(rental, asked.days);
      sink.want(itemKey.car, OFFER.CAR_RENTAL, carPrice(option.daily, days), { carId: option.id, pickUpDate: rental.pickUpDate, days, quantity: days });
    }
  } else if (input.car?.answer === 'decline' && rental) {
    sink.declined.set(itemKey.car, { offerCode: OFFER.CAR_RENTAL, price: rental.cars[0]!.total });
  }
}
