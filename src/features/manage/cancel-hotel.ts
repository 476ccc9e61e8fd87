// The cancelHotel command: a hotel on a booking is cancelled free of charge until 24 hours before check-in
// (manage-rules.ts). The receipt gains a refund line (the hotel's amount, negative), the booking's total drops
// by it, a refund row goes to the payments ledger (kind 'refund', refund.ts), and the offer event 'removed' is
// recorded with placement manage. One IMMEDIATE transaction.
import type { CommandContext } from '../../lib/command.ts';
import { ConflictError } from '../../lib/errors.ts';
import { money, type Money } from '../../lib/money.ts';
import { addToBookingTotal, insertBookingItem } from '../bookings/bookings.repository.ts';
import { getBookingDetails } from '../bookings/confirmation.ts';
import { OFFER } from '../offers/codes.ts';
import { recordOfferResponse } from '../offers/offer-events.ts';
import { getOffer } from '../offers/offers.repository.ts';
import { HOTEL_CANCELLED_KEY, hotelCancelCutOff, hotelOnBooking } from './manage-rules.ts';
import { refundToCard } from './refund.ts';

export type CancelHotelResult = { reference: string; refunded: Money; description: string };

/** ConflictError `no_hotel` when the booking has none, `too_late` after the free cancellation's cut-off. */
export function cancelHotel(ctx: CommandContext, reference: string): CancelHotelResult {
  const { db, now } = ctx;
  return db
    .transaction((): CancelHotelResult => {
      const details = getBookingDetails(db, reference);
      const hotel = hotelOnBooking(details);
      if (!hotel) throw new ConflictError('This booking has no hotel to cancel.', [{ path: ['hotel'], message: 'No hotel to cancel', code: 'no_hotel' }]);
      const refusal = hotelCancelCutOff(details, now);
      if (refusal) throw new ConflictError(refusal.message, [{ path: ['hotel'], message: refusal.message, code: refusal.code }]);
      const refunded = money(-hotel.total.amountMinor, hotel.total.currency);
      const description = `Cancelled free of charge: ${hotel.description}`;
      const offer = getOffer(db, OFFER.HOTEL_STAY);
      insertBookingItem(
        db,
        details.booking.id,
        { itemKey: HOTEL_CANCELLED_KEY, kind: hotel.kind, category: hotel.category, offerCode: hotel.offerCode, description, passengerIdx: null, direction: null, quantity: 1, unit: refunded, total: refunded, placement: 'manage' },
        now,
      );
      addToBookingTotal(db, details.booking.id, refunded);
      refundToCard(db, details, 'hotel', hotel.total, now);
      const { booking } = details;
      recordOfferResponse(db, { sessionId: ctx.sessionId, checkoutId: booking.checkoutId, bookingId: booking.id, placement: 'manage', at: now }, { offer, itemKey: 'hotel', price: hotel.total }, 'removed');
      return { reference: booking.reference, refunded, description };
    })
    .immediate();
}
