// The cancelCar command: a car rented with a booking is cancelled free of charge until 24 hours before
// pick-up (manage-rules.ts carCutOff). The receipt gains a refund line (`car:cancelled`, negative), the
// booking's total drops by it, a refund is written to the payments ledger (kind 'refund', back to the card
// that paid for the car), the booking's car is marked cancelled and the offer event 'removed' is recorded
// with placement manage. One IMMEDIATE transaction.
import type { CommandContext } from '../../lib/command.ts';
import { ConflictError } from '../../lib/errors.ts';
import { money, type Money } from '../../lib/money.ts';
import { addToBookingTotal, insertBookingItem } from '../bookings/bookings.repository.ts';
import { CAR_ITEM_KEY, getBookingDetails } from '../bookings/confirmation.ts';
import { cancelBookingCar } from '../cars/cars.repository.ts';
import { OFFER } from '../offers/codes.ts';
import { recordOfferResponse } from '../offers/offer-events.ts';
import { getOffer } from '../offers/offers.repository.ts';
import { CAR_CANCELLED_KEY, carCutOff } from './manage-rules.ts';
import { refundToCard } from './refund.ts';

export type CancelCarResult = { reference: string; refunded: Money; description: string };

/** ConflictError `no_car` when the booking has none, `too_late` after the free cancellation's cut-off. */
export function cancelCar(ctx: CommandContext, reference: string): CancelCarResult {
  const { db, now } = ctx;
  return db
    .transaction((): CancelCarResult => {
      const details = getBookingDetails(db, reference);
      const car = details.car;
      if (!car) throw new ConflictError('This booking has no car to cancel.', [{ path: ['car'], message: 'No car to cancel', code: 'no_car' }]);
      const refusal = carCutOff(details, now, 'cancelled');
      if (refusal) throw new ConflictError(refusal.message, [{ path: ['car'], message: refusal.message, code: refusal.code }]);
      const offer = getOffer(db, OFFER.CAR_RENTAL);
      const refunded = money(-car.total.amountMinor, car.total.currency);
      const line = details.items.filter((i) => i.itemKey === CAR_ITEM_KEY).at(-1);
      const description = `Cancelled free of charge: ${line?.description ?? `${car.car.model}, ${car.days} days from ${car.pickUpDate}`}`;
      const { booking } = details;
      if (!cancelBookingCar(db, car.id, now)) throw new ConflictError('This booking has no car to cancel.', [{ path: ['car'], message: 'No car to cancel', code: 'no_car' }]);
      insertBookingItem(
        db,
        booking.id,
        { itemKey: CAR_CANCELLED_KEY, kind: offer.kind, category: offer.category, offerCode: offer.code, description, passengerIdx: null, direction: null, quantity: 1, unit: refunded, total: refunded, placement: 'manage' },
        now,
      );
      addToBookingTotal(db, booking.id, refunded);
      refundToCard(db, details, 'car', car.total, now);
      recordOfferResponse(db, { sessionId: ctx.sessionId, checkoutId: booking.checkoutId, bookingId: booking.id, placement: 'manage', at: now }, { offer, itemKey: CAR_ITEM_KEY, price: car.total }, 'removed');
      return { reference: booking.reference, refunded, description };
    })
    .immediate();
}
