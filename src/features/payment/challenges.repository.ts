// Pending 3-D Secure challenges (`payment_challenges`, migration 002): each points at the attempt's
// `payments` row and holds no card data.
import type { Db } from '../../db/database.ts';
import { preparedOnce } from '../../db/statements.ts';
import { findPayment, type Payment } from '../ledger/payments.repository.ts';

export type Challenge = {
  id: string;
  checkoutId: string;
  paymentId: number;
  status: 'pending' | 'approved' | 'failed';
  createdAt: string;
  payment: Payment;
};

function prepare(db: Db) {
  return {
    insert: db.prepare(`
      INSERT INTO payment_challenges (id, checkout_id, payment_id, status, created_at)
      VALUES (@id, @checkoutId, @paymentId, 'pending', @createdAt)`),
    byId: db.prepare('SELECT * FROM payment_challenges WHERE id = @id AND checkout_id = @checkoutId'),
    resolve: db.prepare(`
      UPDATE payment_challenges SET status = @status, resolved_at = @resolvedAt WHERE id = @id AND status = 'pending'`),
  };
}

const s = preparedOnce(prepare);

export function insertChallenge(db: Db, input: { id: string; checkoutId: string; paymentId: number; now: Date }): void {
  s(db).insert.run({ id: input.id, checkoutId: input.checkoutId, paymentId: input.paymentId, createdAt: input.now.toISOString() });
}

/** A challenge of this checkout; undefined for an unknown id or one of another checkout. */
export function findChallenge(db: Db, checkoutId: string, id: string): Challenge | undefined {
  const row = s(db).byId.get({ id, checkoutId }) as
    | { id: string; checkout_id: string; payment_id: number; status: Challenge['status']; created_at: string }
    | undefined;
  if (!row) return undefined;
  const payment = findPayment(db, row.payment_id);
  if (!payment) return undefined;
  return { id: row.id, checkoutId: row.checkout_id, paymentId: row.payment_id, status: row.status, createdAt: row.created_at, payment };
}

/** Marks a pending challenge answered; false when it was already answered (a second click, another tab). */
export function resolveChallenge(db: Db, id: string, status: 'approved' | 'failed', now: Date): boolean {
  return s(db).resolve.run({ id, status, resolvedAt: now.toISOString() }).changes === 1;
}
