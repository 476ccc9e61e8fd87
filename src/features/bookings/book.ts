// The booking transaction: a paid checkout becomes a booking, all at once or not at all.
// Prices are recomputed here from the catalogue (priceCheckout), never taken from the browser.
import type { Db } from '../../db/database.ts';
import { ConflictError, NotFoundError } from '../../lib/errors.ts';
import type { Money } from '../../lib/money.ts';
import { findCheckout, passengersComplete } from '../checkout/checkout.repository.ts';
import { priceCheckout } from '../checkout/pricing.ts';
import type { CardOnFile } from '../ledger/card-on-file.ts';
import { insertPayment, settlePayment } from '../ledger/payments.repository.ts';
import { recordBookedStay } from '../hotels/hotels.repository.ts';
import { bookCheckoutCar } from '../cars/cars.repository.ts';
import { OFFER } from '../offers/codes.ts';
import { confirmSeatHolds } from '../seats/seat-holds.ts';
import {
  acceptedPlacements,
  findBookingByCheckout,
  insertBookedPassenger,
  insertBooking,
  insertBookingItem,
  linkOfferEventsToBooking,
  markCheckoutBooked,
  sellFareSeats,
} from './bookings.repository.ts';
import { flightOverCapacity } from './capacity.ts';
import { generateReference, generateTicketNumber } from './reference.ts';

/** The checkout is booked already: a second click, a refresh, another tab. Not a failure for the customer. */
export class AlreadyBookedError extends ConflictError {
  constructor(readonly reference: string) {
    super(`This trip is already booked and paid: booking reference ${reference}.`);
  }
}

export class FareSoldOutError extends ConflictError {
  constructor(readonly flightNumber: string) {
    super(`This fare has just sold out on ${flightNumber}. No money was taken. Go back to the flights to choose another fare.`);
  }
}

/** The customer confirmed one amount with their bank; the trip now costs another. */
export class PriceChangedError extends ConflictError {
  constructor(
    readonly authorised: Money,
    readonly current: Money,
  ) {
    super('The price of your trip changed while you were confirming with your bank, so no money was taken. Check the new total and pay again.');
  }
}

export type BookCheckoutInput = {
  checkoutId: string;
  /** Brand and last four digits of the card that pays: all a payments row ever holds. */
  card: CardOnFile;
  /** The attempt waiting for 3-D Secure that this booking settles; without it a new approved attempt is written. */
  paymentId?: number;
  /** What the bank authorised (3-D Secure): the booking refuses to charge a different total. */
  authorisedAmount?: Money;
  now: Date;
  /** Deterministic reference and ticket numbers: tests (to prove the retries) and the simulator (its seeded ids). */
  ids?: { reference?: () => string; ticketNumber?: () => string };
};

export type BookCheckoutResult = { bookingId: number; reference: string; total: Money; paymentId: number };

const MAX_ATTEMPTS = 20;

function isUniqueViolation(error: unknown, column: string): boolean {
  const e = error as { code?: string; message?: string };
  return e?.code === 'SQLITE_CONSTRAINT_UNIQUE' && typeof e.message === 'string' && e.message.includes(column);
}

function isCheckViolation(error: unknown): boolean {
  return (error as { code?: string })?.code === 'SQLITE_CONSTRAINT_CHECK';
}

/**
 * Books a checkout in ONE transaction: re-prices it and charges that total; writes the booking,
 * the passengers with ticket numbers, one booking_items row per price line; sells the held seats and
 * the fare inventory; closes the checkout; records the approved payment; and links the checkout's
 * offer events to the booking. Throws AlreadyBookedError (with the reference), FareSoldOutError,
 * PriceChangedError or SeatHoldExpiredError (a seat hold ran out: confirmSeatHolds); nothing is written when it throws.
 *
 * Runs as an IMMEDIATE transaction, so a second process paying the same checkout waits for the first
 * and then finds it booked; bookings.checkout_id UNIQUE is the last guard.
 */
export function bookCheckout(db: Db, input: BookCheckoutInput): BookCheckoutResult {
  const newReference = input.ids?.reference ?? generateReference;
  const newTicket = input.ids?.ticketNumber ?? generateTicketNumber;
  const { now } = input;

  return db.transaction((): BookCheckoutResult => {
    const checkout = findCheckout(db, input.checkoutId);
    if (!checkout) throw new NotFoundError('We could not find that booking in progress.');
    if (checkout.status === 'booked') {
      const existing = findBookingByCheckout(db, checkout.id);
      if (existing) throw new AlreadyBookedError(existing.reference);
    }
    if (!passengersComplete(checkout) || !checkout.contactEmail || !checkout.contactPhone) {
      throw new ConflictError('Enter every passenger and your contact details before paying.');
    }

    const summary = priceCheckout(db, checkout);
    const total = summary.total;
    if (input.authorisedAmount && (input.authorisedAmount.amountMinor !== total.amountMinor || input.authorisedAmount.currency !== total.currency)) {
      throw new PriceChangedError(input.authorisedAmount, total);
    }

    let bookingId: number | undefined;
    let reference = '';
    for (let attempt = 0; attempt < MAX_ATTEMPTS && bookingId === undefined; attempt += 1) {
      reference = newReference();
      try {
        bookingId = insertBooking(db, {
          reference,
          checkoutId: checkout.id,
          sessionId: checkout.sessionId,
          contactEmail: checkout.contactEmail,
          contactPhone: checkout.contactPhone,
          total,
          now,
        });
      } catch (error) {
        if (isUniqueViolation(error, 'bookings.checkout_id')) {
          throw new AlreadyBookedError(findBookingByCheckout(db, checkout.id)?.reference ?? '');
        }
        if (!isUniqueViolation(error, 'bookings.reference')) throw error;
      }
    }
    if (bookingId === undefined) throw new Error(`No free booking reference after ${MAX_ATTEMPTS} attempts`);

    for (const passenger of checkout.passengers) {
      for (let attempt = 0; ; attempt += 1) {
        try {
          insertBookedPassenger(db, bookingId, { ...passenger, ticketNumber: newTicket() });
          break;
        } catch (error) {
          if (!isUniqueViolation(error, 'passengers.ticket_number') || attempt + 1 >= MAX_ATTEMPTS) throw error;
        }
      }
    }

    // Each upsell and cross-sell line keeps the page that sold it (the dashboard's revenue per placement).
    const soldAt = acceptedPlacements(db, checkout.id);
    const placementOf = (line: (typeof summary.lines)[number]) =>
      line.kind === 'upsell' || line.kind === 'cross_sell' ? (soldAt.get(line.key) ?? (line.category === 'seat' ? 'seats' : line.category === 'fare' ? 'results' : 'extras')) : undefined;
    for (const line of summary.lines) {
      insertBookingItem(
        db,
        bookingId,
        {
          itemKey: line.key,
          kind: line.kind,
          category: line.category,
          offerCode: line.offerCode,
          description: line.description,
          passengerIdx: line.passengerIdx,
          direction: line.direction,
          quantity: line.quantity,
          unit: line.unit,
          total: line.total,
          placement: placementOf(line),
        },
        now,
      );
      if (line.stay) recordBookedStay(db, bookingId, line.stay, now);
    }

    const carLine = summary.lines.find((l) => l.offerCode === OFFER.CAR_RENTAL);
    if (carLine) bookCheckoutCar(db, { checkoutId: checkout.id, bookingId, total: carLine.total, now });

    confirmSeatHolds(db, checkout.id, bookingId, now);

    // Infants travel on a lap: they take no seat from the fare's inventory.
    const seated = checkout.adults + checkout.children;
    for (const flight of checkout.flights) {
      try {
        sellFareSeats(db, flight.seatingFareId, seated);
      } catch (error) {
        if (isCheckViolation(error)) throw new FareSoldOutError(flight.flightNumber);
        throw error;
      }
    }
    const full = flightOverCapacity(db, checkout, now); // no more tickets in a cabin than seats, pre-load included
    if (full) throw new FareSoldOutError(full);

    if (!markCheckoutBooked(db, checkout.id, now)) {
      throw new AlreadyBookedError(findBookingByCheckout(db, checkout.id)?.reference ?? reference);
    }

    let paymentId: number;
    if (input.paymentId !== undefined) {
      paymentId = input.paymentId;
      settlePayment(db, paymentId, { status: 'approved', bookingId });
    } else {
      paymentId = insertPayment(db, { checkoutId: checkout.id, bookingId, status: 'approved', card: input.card, amount: total, now });
    }

    linkOfferEventsToBooking(db, checkout.id, bookingId);
    return { bookingId, reference, total, paymentId };
  }).immediate();
}
