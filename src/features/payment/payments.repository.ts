// Payment attempts (`payments`) and pending 3-D Secure challenges (`payment_challenges`).
// A row holds the card's brand and last four digits only: never the number, never the security code.
import type { Db } from '../../db/database.ts';
import { preparedOnce } from '../../db/statements.ts';
import { money, type Money } from '../../lib/money.ts';
import type { CardBrand } from './card.ts';

export const PAYMENT_STATUSES = ['approved', 'declined', 'challenge', 'failed', 'timeout'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/** Why an attempt did not become a booking; stored in payments.decline_reason. */
export const DECLINE_REASONS = [
  'card_declined',
  'insufficient_funds',
  'authentication_failed',
  'price_changed',
  'fare_sold_out',
  'seat_hold_expired',
] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

export type CardOnFile = { brand: CardBrand; last4: string };

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

export type Challenge = {
  id: string;
  checkoutId: string;
  paymentId: number;
  status: 'pending' | 'approved' | 'failed';
  createdAt: string;
  payment: Payment;
};

type PaymentRow = {
  id: number;
  checkout_id: string;
  booking_id: number | null;
  status: PaymentStatus;
  decline_reason: DeclineReason | null;
  card_brand: CardBrand;
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
    settle: db.prepare(`
      UPDATE payments SET status = @status, decline_reason = @declineReason, booking_id = @bookingId WHERE id = @id`),
    byId: db.prepare('SELECT * FROM payments WHERE id = ?'),
    firstApprovedOfBooking: db.prepare(`
      SELECT * FROM payments WHERE booking_id = ? AND status = 'approved' ORDER BY id LIMIT 1`),
    insertChallenge: db.prepare(`
      INSERT INTO payment_challenges (id, checkout_id, payment_id, status, created_at)
      VALUES (@id, @checkoutId, @paymentId, 'pending', @createdAt)`),
    challenge: db.prepare('SELECT * FROM payment_challenges WHERE id = @id AND checkout_id = @checkoutId'),
    resolveChallenge: db.prepare(`
      UPDATE payment_challenges SET status = @status, resolved_at = @resolvedAt WHERE id = @id AND status = 'pending'`),
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

export function insertChallenge(db: Db, input: { id: string; checkoutId: string; paymentId: number; now: Date }): void {
  s(db).insertChallenge.run({ id: input.id, checkoutId: input.checkoutId, paymentId: input.paymentId, createdAt: input.now.toISOString() });
}

/** A challenge of this checkout; undefined for an unknown id or one of another checkout. */
export function findChallenge(db: Db, checkoutId: string, id: string): Challenge | undefined {
  const row = s(db).challenge.get({ id, checkoutId }) as
    | { id: string; checkout_id: string; payment_id: number; status: Challenge['status']; created_at: string }
    | undefined;
  if (!row) return undefined;
  const payment = findPayment(db, row.payment_id);
  if (!payment) return undefined;
  return { id: row.id, checkoutId: row.checkout_id, paymentId: row.payment_id, status: row.status, createdAt: row.created_at, payment };
}

/** Marks a pending challenge answered; false when it was already answered (a second click, another tab). */
export function resolveChallenge(db: Db, id: string, status: 'approved' | 'failed', now: Date): boolean {
  return s(db).resolveChallenge.run({ id, status, resolvedAt: now.toISOString() }).changes === 1;
}
