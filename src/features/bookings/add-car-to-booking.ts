// The addCarToBooking command: the confirmation's car cross-sell, a rental car at the destination added
// to a paid booking and charged to the card that paid for it (as the hotel: add-hotel-to-booking.ts).
// Its input uses the extras step's names for the car in the JSON API (carId, days).
import { z } from 'zod';
import type { CommandContext } from '../../lib/command.ts';
import { ConflictError } from '../../lib/errors.ts';
import { money, type Money } from '../../lib/money.ts';
import { parseInput } from '../../lib/validation.ts';
import { checkRental, rentCar } from './rent-car.ts';
import { findBookingCar } from '../cars/cars.repository.ts';
import type { CardOnFile } from '../ledger/card-on-file.ts';
import { findBookingPayment, insertPayment } from '../ledger/payments.repository.ts';
import { recordOfferResponse } from '../offers/offer-events.ts';
import { addToBookingTotal, insertBookingItem } from './bookings.repository.ts';
import { CAR_ITEM_KEY, carOfferFor, loadBooking } from './confirmation.ts';
import { describeItinerary } from './itinerary.ts';

export const AddCarToBookingInputSchema = z.strictObject({
  carId: z.int({ error: 'Choose a car' }).min(0, 'Choose a car').max(2_000_000_000, 'Choose a car').describe('One of the cars the confirmation offers.'),
  days: z.int({ error: 'Choose how many days' }).min(0, 'Choose how many days').max(999, 'Choose how many days').nullable().optional(),
});
export type AddCarToBookingInput = z.infer<typeof AddCarToBookingInputSchema>;

/** A second click on "Add": the car is on the booking already, which is what the customer wanted. */
export class CarAlreadyAddedError extends ConflictError {
  constructor(readonly reference: string) {
    super('This booking already has a car.');
  }
}

export type AddCarResult = { reference: string; charged: Money; total: Money; card: CardOnFile; description: string };

/**
 * Writes the receipt line (cross_sell, car: days × the daily rate), the booking's car, the new total, an
 * approved payments row on the card on file and the 'accepted' event (placement confirmation). One
 * transaction. NotFoundError; CarAlreadyAddedError; ConflictError when no car can be rented;
 * ValidationError with issues at ['carId'] and ['days'] (bookings/rent-car.ts checkRental).
 */
export function addCarToBooking(ctx: CommandContext, reference: string, input: AddCarToBookingInput): AddCarResult {
  const { db, now } = ctx;
  return db
    .transaction((): AddCarResult => {
      const { booking, checkout } = loadBooking(db, reference);
      const asked = parseInput(AddCarToBookingInputSchema, input, 'Check the car and the days.');
      if (findBookingCar(db, booking.id)) throw new CarAlreadyAddedError(booking.reference);
      const offer = carOfferFor(db, checkout, describeItinerary(db, checkout.flights), 'confirmation');
      if (!offer) throw new ConflictError('A car cannot be added to this booking.');
      const card = findBookingPayment(db, booking.id)?.card;
      if (!card) throw new ConflictError('There is no card on file for this booking.');
      const rental = checkRental(db, offer, asked);
      if (rental.total.currency !== booking.total.currency) throw new ConflictError('This car is priced in another currency.');

      insertBookingItem(
        db,
        booking.id,
        { itemKey: CAR_ITEM_KEY, kind: offer.offer.kind, category: offer.offer.category, offerCode: offer.offer.code, description: rental.description, passengerIdx: null, direction: null, quantity: rental.days, unit: rental.car.daily, total: rental.total, placement: 'confirmation' },
        now,
      );
      rentCar(db, booking.id, rental, 'confirmation', now);
      addToBookingTotal(db, booking.id, rental.total);
      insertPayment(db, { checkoutId: booking.checkoutId, bookingId: booking.id, status: 'approved', card, amount: rental.total, now });
      recordOfferResponse(
        db,
        { sessionId: booking.sessionId, checkoutId: booking.checkoutId, bookingId: booking.id, placement: 'confirmation', at: now },
        { offer: offer.offer, itemKey: CAR_ITEM_KEY, price: rental.total },
        'accepted',
      );
      return { reference: booking.reference, charged: rental.total, total: money(booking.total.amountMinor + rental.total.amountMinor, booking.total.currency), card, description: rental.description };
    })
    .immediate();
}
