// The payments ledger (`payments`): every attempt to take money for a checkout and every charge to a
// booking. A row holds the card's brand and last four digits only: never the number, never the security code.
// Shared by payment (attempts, 3-D Secure) and bookings (the booking's charge, a hotel added later, the card
// on file), so it sits below both: neither feature imports the other for it.
import type { Db } from '../../db/database.ts';
import { preparedOnce } from '../../db/statements.ts';
import { money, type Money } from '../../lib/money.ts';
import type { CardOnFile } from './card-on-file.ts';

export const PAYMENT_STATUSES = ['approved', 'declined', 'challenge', 'failed', 'timeout'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/** Why an attempt did not become a booking; stored in payments.decline_reason. */
export const DECLINE_REASONS = [
  'card_declined',
  'insufficient_funds',
  'expired_card',
  'incorrect_cvc',
  'processing_error',
  'authentication_failed',
  'price_changed',
  'fare_sold_out',
  'seat_hold_expired',
] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

export type Payment = {
  id: number;
  checkoutId: string;
  bookingId: number | null;
  status: PaymentStatus;
  declineReason: DeclineReason | null;
  card: CardOnFile;
  amount: Money;
  createdAt: string;
};

type PaymentRow = {
  id: number;
  checkout_id: string;
  booking_id: number | null;
  status: PaymentStatus;
  decline_reason: DeclineReason | null;
  card_brand: CardOnFile['brand'];
  card_last4: string;
  amount_minor: number;
  currency: string;
  created_at: string;
};

function prepare(db: Db) {
  return {
    insert: db.prepare(`
      INSERT INTO payments (checkout_id, booking_id, status, decline_reason, card_brand, card_last4, amount_minor, currency, created_at)
      VALUES (@checkoutId, @bookingId, @status, @declineReason, @brand, @last4, @amountMinor, @currency, @createdAt)`),
    // A refund (migration 014): approved, kind 'refund', the amount given back as a negative number.
    insertRefund: db.prepare(`
      INSERT INTO payments (checkout_id, booking_id, status, kind, card_brand, card_last4, amount_minor, currency, created_at)
      VALUES (@checkoutId, @bookingId, 'approved', 'refund', @brand, @last4, @amountMinor, @currency, @createdAt)`),
    settle: db.prepare(`
      UPDATE payments SET status = @status, decline_reason = @declineReason, booking_id = @bookingId WHERE id = @id`),
    byId: db.prepare('SELECT * FROM payments WHERE id = ?'),
    firstApprovedOfBooking: db.prepare(`
      SELECT * FROM payments WHERE booking_id = ? AND status = 'approved' AND kind = 'charge' ORDER BY id LIMIT 1`),
  };
}

const s = preparedOnce(prepare);

function toPayment(row: PaymentRow): Payment {
  return {
    id: row.id,
    checkoutId: row.checkout_id,
    bookingId: row.booking_id,
    status: row.status,
    declineReason: row.decline_reason,
    card: { brand: row.card_brand, last4: row.card_last4 },
    amount: money(row.amount_minor, row.currency),
    createdAt: row.created_at,
  };
}

export function insertPayment(
  db: Db,
  input: {
    checkoutId: string;
    bookingId?: number | null;
    status: PaymentStatus;
    declineReason?: DeclineReason | null;
    card: CardOnFile;
    amount: Money;
    now: Date;
  },
): number {
  const result = s(db).insert.run({
    checkoutId: input.checkoutId,
    bookingId: input.bookingId ?? null,
    status: input.status,
    declineReason: input.declineReason ?? null,
    brand: input.card.brand,
    last4: input.card.last4,
    amountMinor: input.amount.amountMinor,
    currency: input.amount.currency,
    createdAt: input.now.toISOString(),
  });
  return Number(result.lastInsertRowid);
}

/**
 * Money given back to a card (a hotel or car cancelled free of charge): a payments row with kind 'refund',
 * status 'approved' and the negative of `refunded`, so the sum of a booking's approved rows is what it paid net.
 */
export function insertRefund(db: Db, input: { checkoutId: string; bookingId: number; card: CardOnFile; refunded: Money; now: Date }): number {
  const result = s(db).insertRefund.run({
    checkoutId: input.checkoutId,
    bookingId: input.bookingId,
    brand: input.card.brand,
    last4: input.card.last4,
    amountMinor: -Math.abs(input.refunded.amountMinor),
    currency: input.refunded.currency,
    createdAt: input.now.toISOString(),
  });
  return Number(result.lastInsertRowid);
}

/** Moves an attempt waiting for 3-D Secure to its outcome. */
export function settlePayment(
  db: Db,
  id: number,
  outcome: { status: PaymentStatus; declineReason?: DeclineReason | null; bookingId?: number | null },
): void {
  s(db).settle.run({ id, status: outcome.status, declineReason: outcome.declineReason ?? null, bookingId: outcome.bookingId ?? null });
}

export function findPayment(db: Db, id: number): Payment | undefined {
  const row = s(db).byId.get(id) as PaymentRow | undefined;
  return row ? toPayment(row) : undefined;
}

/** The payment that bought the booking: its card is the card on file for later purchases. */
export function findBookingPayment(db: Db, bookingId: number): Payment | undefined {
  const row = s(db).firstApprovedOfBooking.get(bookingId) as PaymentRow | undefined;
  return row ? toPayment(row) : undefined;
}
