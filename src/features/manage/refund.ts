// A refund in the payments ledger for something cancelled free of charge (a hotel, a car): back to the card
// that paid for it when it was bought in Manage booking, else to the card that paid for the booking.
import type { Db } from '../../db/database.ts';
import type { Money } from '../../lib/money.ts';
import type { BookingDetails } from '../bookings/confirmation.ts';
import { findPayment, insertRefund } from '../ledger/payments.repository.ts';
import { purchasePaymentId } from './manage.repository.ts';

/** Writes the refund row (kind 'refund', the negative of `amount`); nothing when no card ever paid (a free item). */
export function refundToCard(db: Db, details: BookingDetails, type: 'hotel' | 'car', amount: Money, now: Date): void {
  if (amount.amountMinor <= 0) return;
  const paymentId = purchasePaymentId(db, details.booking.id, type);
  const card = (paymentId !== undefined ? findPayment(db, paymentId)?.card : undefined) ?? details.card;
  if (!card) return;
  insertRefund(db, { checkoutId: details.booking.checkoutId, bookingId: details.booking.id, card, refunded: amount, now });
}
