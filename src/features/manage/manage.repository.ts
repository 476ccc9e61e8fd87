// The SQL of Manage booking: purchases made after the booking (manage_purchases), a booked passenger's seat
// moved or bought, and what the rules read of the catalogue (a family's priority boarding, a flight's fare of
// a family). Statements are prepared once per database.
import type { Db } from '../../db/database.ts';
import { preparedOnce } from '../../db/statements.ts';
import { money, type Money } from '../../lib/money.ts';

export type PurchaseStatus = 'challenge' | 'approved';

export type Purchase = {
  id: string;
  bookingId: number;
  status: PurchaseStatus;
  itemJson: string;
  description: string;
  amount: Money;
  paymentId: number | null;
  createdAt: string;
};

type PurchaseRow = {
  id: string;
  booking_id: number;
  status: PurchaseStatus;
  item_json: string;
  description: string;
  amount_minor: number;
  currency: string;
  payment_id: number | null;
  created_at: string;
};

const s = preparedOnce((db: Db) => ({
  purchase: db.prepare('SELECT * FROM manage_purchases WHERE id = ?'),
  insertPurchase: db.prepare(`
    INSERT INTO manage_purchases (id, booking_id, status, item_json, description, amount_minor, currency, payment_id, created_at, completed_at)
    VALUES (@id, @bookingId, @status, @itemJson, @description, @amountMinor, @currency, @paymentId, @createdAt, @completedAt)`),
  approvePurchase: db.prepare(`
    UPDATE manage_purchases SET status = 'approved', completed_at = @now WHERE id = @id AND status = 'challenge'`),
  deletePurchase: db.prepare("DELETE FROM manage_purchases WHERE id = ? AND status = 'challenge'"),
  seatOf: db.prepare('SELECT id, seat, price_minor FROM seat_assignments WHERE booking_id = @bookingId AND flight_id = @flightId AND passenger_idx = @passengerIdx'),
  moveSeat: db.prepare('UPDATE seat_assignments SET seat = @seat, price_minor = @priceMinor WHERE id = @id'),
  insertSeat: db.prepare(`
    INSERT INTO seat_assignments (flight_id, seat, checkout_id, booking_id, passenger_idx, price_minor, currency, held_until, created_at)
    VALUES (@flightId, @seat, @checkoutId, @bookingId, @passengerIdx, @priceMinor, @currency, NULL, @now)`),
  // The payment of the last approved purchase of a type (the card a refund goes back to).
  purchasePayment: db.prepare(`
    SELECT payment_id FROM manage_purchases
    WHERE booking_id = ? AND status = 'approved' AND payment_id IS NOT NULL AND json_extract(item_json, '$.type') = ?
    ORDER BY created_at DESC, rowid DESC LIMIT 1`).pluck(),
  familyPriority: db.prepare('SELECT priority FROM fare_families WHERE code = ?').pluck(),
  familyCabin: db.prepare('SELECT cabin FROM fare_families WHERE code = ?').pluck(),
  fareOf: db.prepare('SELECT id FROM fares WHERE flight_id = ? AND family = ?').pluck(),
  moveFareSeats: db.prepare('UPDATE fares SET seats_sold = seats_sold + @count WHERE id = @fareId'),
}));

function toPurchase(row: PurchaseRow): Purchase {
  return {
    id: row.id,
    bookingId: row.booking_id,
    status: row.status,
    itemJson: row.item_json,
    description: row.description,
    amount: money(row.amount_minor, row.currency),
    paymentId: row.payment_id,
    createdAt: row.created_at,
  };
}

export function findPurchase(db: Db, id: string): Purchase | undefined {
  const row = s(db).purchase.get(id) as PurchaseRow | undefined;
  return row ? toPurchase(row) : undefined;
}

/** Throws the PRIMARY KEY constraint error when the purchase id is taken: one purchase, one charge. */
export function insertPurchase(
  db: Db,
  p: { id: string; bookingId: number; status: PurchaseStatus; itemJson: string; description: string; amount: Money; paymentId: number | null; now: Date },
): void {
  s(db).insertPurchase.run({
    id: p.id,
    bookingId: p.bookingId,
    status: p.status,
    itemJson: p.itemJson,
    description: p.description,
    amountMinor: p.amount.amountMinor,
    currency: p.amount.currency,
    paymentId: p.paymentId,
    createdAt: p.now.toISOString(),
    completedAt: p.status === 'approved' ? p.now.toISOString() : null,
  });
}

/** false when the purchase was not waiting for 3-D Secure (already approved by another request). */
export function approvePurchase(db: Db, id: string, now: Date): boolean {
  return s(db).approvePurchase.run({ id, now: now.toISOString() }).changes === 1;
}

export function forgetChallengedPurchase(db: Db, id: string): void {
  s(db).deletePurchase.run(id);
}

export type BookedSeat = { id: number; seat: string; priceMinor: number };

export function bookedSeatOf(db: Db, bookingId: number, flightId: number, passengerIdx: number): BookedSeat | undefined {
  const row = s(db).seatOf.get({ bookingId, flightId, passengerIdx }) as { id: number; seat: string; price_minor: number } | undefined;
  return row && { id: row.id, seat: row.seat, priceMinor: row.price_minor };
}

/** Throws the UNIQUE (flight_id, seat) constraint error when somebody has the seat. */
export function moveBookedSeat(db: Db, id: number, seat: string, priceMinor: number): void {
  s(db).moveSeat.run({ id, seat, priceMinor });
}

/** Throws the UNIQUE (flight_id, seat) constraint error when somebody has the seat. */
export function insertBookedSeat(
  db: Db,
  seat: { flightId: number; seat: string; checkoutId: string; bookingId: number; passengerIdx: number; price: Money; now: Date },
): void {
  s(db).insertSeat.run({
    flightId: seat.flightId,
    seat: seat.seat,
    checkoutId: seat.checkoutId,
    bookingId: seat.bookingId,
    passengerIdx: seat.passengerIdx,
    priceMinor: seat.price.amountMinor,
    currency: seat.price.currency,
    now: seat.now.toISOString(),
  });
}

export function familyIncludesPriority(db: Db, family: string): boolean {
  return s(db).familyPriority.get(family) === 1;
}

export function fareIdOf(db: Db, flightId: number, family: string): number | undefined {
  return s(db).fareOf.get(flightId, family) as number | undefined;
}

/** Adds `count` (negative to give back) to a fare's seats sold; throws its CHECK error when sold out. */
export function moveFareSeats(db: Db, fareId: number, count: number): void {
  s(db).moveFareSeats.run({ fareId, count });
}

/** The payments row of the last approved Manage booking purchase of `type` (hotel, car) on the booking, if it was paid. */
export function purchasePaymentId(db: Db, bookingId: number, type: string): number | undefined {
  return (s(db).purchasePayment.get(bookingId, type) as number | null | undefined) ?? undefined;
}

export function familyCabin(db: Db, family: string): 'economy' | 'business' | undefined {
  return s(db).familyCabin.get(family) as 'economy' | 'business' | undefined;
}
