// The addHotelToBooking command: the confirmation's last cross-sell, a hotel at the destination added to
// a paid booking and charged to the card that paid for it. Its input is the stay chosen, by the same names
// the extras step's hotel uses in the JSON API (hotelId, nights, rooms).
import { z } from 'zod';
import type { CommandContext } from '../../lib/command.ts';
import { ConflictError, ValidationError, type Issue } from '../../lib/errors.ts';
import { money, type Money } from '../../lib/money.ts';
import { addDays, longDate } from '../../lib/time.ts';
import { parseInput } from '../../lib/validation.ts';
import type { CardOnFile } from '../ledger/card-on-file.ts';
import { hotelPrice } from '../checkout/offer-pricing.ts';
import { checkStay } from '../hotels/hotel-stay.ts';
import { recordBookedStay } from '../hotels/hotels.repository.ts';
import { findBookingPayment, insertPayment } from '../ledger/payments.repository.ts';
import { recordOfferResponse } from '../offers/offer-events.ts';
import { addToBookingTotal, insertBookingItem, listBookingItems } from './bookings.repository.ts';
import { HOTEL_ITEM_KEY, hotelImpression, hotelOfferFor, loadBooking } from './confirmation.ts';
import { describeItinerary } from './itinerary.ts';

const wholeNumber = (message: string) => z.int({ error: message }).min(0, message).max(999, message);

export const AddHotelToBookingInputSchema = z.strictObject({
  hotelId: wholeNumber('Choose a hotel').describe('One of the hotels the confirmation offers.'),
  nights: wholeNumber('Choose how many nights'),
  rooms: wholeNumber('Choose how many rooms'),
});
export type AddHotelToBookingInput = z.infer<typeof AddHotelToBookingInputSchema>;

/** A second click on "Add": the hotel is on the booking already, which is what the customer wanted. */
export class HotelAlreadyAddedError extends ConflictError {
  constructor(readonly reference: string) {
    super('This booking already has a hotel.');
  }
}

export type AddHotelResult = { reference: string; charged: Money; total: Money; card: CardOnFile; description: string };

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Writes a booking_items row (cross_sell, hotel), raises the booking's total, writes an approved payments
 * row for that amount with the same brand and last four, and an 'accepted' offer event with the booking id.
 * One transaction. NotFoundError for an unknown reference (before the input is looked at);
 * HotelAlreadyAddedError; ConflictError when no hotel can be added; ValidationError with issues at
 * ['hotelId'] (`unknown_hotel`: not offered in this city), ['nights'] and ['rooms'] (`out_of_range`; `fixed_stay`
 * for nights other than the stay between the flights of a return trip).
 */
export function addHotelToBooking(ctx: CommandContext, reference: string, input: AddHotelToBookingInput): AddHotelResult {
  const { db, now } = ctx;
  return db
    .transaction((): AddHotelResult => {
      const { booking, checkout } = loadBooking(db, reference);
      const { hotelId, nights, rooms } = parseInput(AddHotelToBookingInputSchema, input, 'Check the hotel, nights and rooms.');
      if (listBookingItems(db, booking.id).some((i) => i.category === 'hotel')) throw new HotelAlreadyAddedError(booking.reference);
      const offer = hotelOfferFor(db, checkout, describeItinerary(db, checkout.flights));
      if (!offer) throw new ConflictError('A hotel cannot be added to this booking.');
      const card = findBookingPayment(db, booking.id)?.card;
      if (!card) throw new ConflictError('There is no card on file for this booking.');

      const issues: Issue[] = [];
      const hotel = offer.hotels.find((h) => h.id === hotelId);
      if (!hotel) issues.push({ path: ['hotelId'], message: `Choose one of the hotels in ${offer.city}`, code: 'unknown_hotel' });
      // The stay's rule is the extras step's (hotels/hotel-stay.ts): on a return trip, the nights between the flights.
      issues.push(...checkStay(offer, { nights, rooms }));
      if (!hotel || issues.length > 0) throw new ValidationError('Check the hotel, nights and rooms.', issues);

      const charged = hotelPrice(hotel.nightly, nights, rooms);
      if (charged.currency !== booking.total.currency) throw new ConflictError('This hotel is priced in another currency.');
      const description = `${hotel.name}, ${plural(nights, 'night')} from ${longDate(offer.checkIn)} to ${longDate(addDays(offer.checkIn, nights))}, ${plural(rooms, 'room')}`;
      insertBookingItem(
        db,
        booking.id,
        {
          itemKey: HOTEL_ITEM_KEY,
          kind: offer.offer.kind,
          category: offer.offer.category,
          offerCode: offer.offer.code,
          description,
          passengerIdx: null,
          direction: null,
          quantity: 1,
          unit: charged,
          total: charged,
          placement: 'confirmation',
        },
        now,
      );
      recordBookedStay(db, booking.id, { hotelId: hotel.id, checkIn: offer.checkIn, nights, rooms }, now);
      addToBookingTotal(db, booking.id, charged);
      insertPayment(db, { checkoutId: booking.checkoutId, bookingId: booking.id, status: 'approved', card, amount: charged, now });
      recordOfferResponse(
        db,
        { sessionId: booking.sessionId, checkoutId: booking.checkoutId, bookingId: booking.id, placement: 'confirmation', at: now },
        hotelImpression(offer.offer, charged),
        'accepted',
      );
      return { reference: booking.reference, charged, total: money(booking.total.amountMinor + charged.amountMinor, booking.total.currency), card, description };
    })
    .immediate();
}
