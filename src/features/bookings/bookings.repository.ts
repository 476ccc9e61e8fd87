// The SQL of bookings: the booking, its passengers with ticket numbers, its items as charged, the fare
// inventory it consumes, and what the confirmation page reads back. Statements are prepared once per database.
import type { Db } from '../../db/database.ts';
import { preparedOnce } from '../../db/statements.ts';
import { money, type Money } from '../../lib/money.ts';
import type { Direction, PassengerType } from '../checkout/checkout.repository.ts';
import type { PriceLine } from '../checkout/pricing.ts';

export type Booking = {
  id: number;
  reference: string;
  checkoutId: string;
  sessionId: string;
  contactEmail: string;
  contactPhone: string;
  total: Money;
  createdAt: string;
};

export type BookedPassenger = {
  idx: number;
  type: PassengerType;
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  ticketNumber: string;
};

/** A price line of the checkout as it was charged (src/features/checkout/pricing.ts). */
export type BookingItem = Omit<PriceLine, 'key' | 'group'> & { id: number; itemKey: string | null; createdAt: string };

/** `placement`: the page that sold an upsell or cross-sell line (migration 014); absent for fares and taxes. */
export type NewBookingItem = Omit<BookingItem, 'id' | 'createdAt'> & { placement?: 'results' | 'seats' | 'extras' | 'review' | 'confirmation' | 'manage' };

function prepare(db: Db) {
  return {
    // The checkout's last acceptance of each item on a checkout page: where its booking line was sold.
    acceptedPlacements: db.prepare(`
      SELECT item_key, placement FROM offer_events e
      WHERE checkout_id = @checkoutId AND event = 'accepted' AND item_key IS NOT NULL AND placement IN ('results', 'seats', 'extras', 'review')
        AND id = (SELECT MAX(id) FROM offer_events x WHERE x.checkout_id = e.checkout_id AND x.item_key = e.item_key AND x.event = 'accepted'
                  AND x.placement IN ('results', 'seats', 'extras', 'review'))`),
    insertBooking: db.prepare(`
      INSERT INTO bookings (reference, checkout_id, session_id, contact_email, contact_phone, total_minor, currency, created_at)
      VALUES (@reference, @checkoutId, @sessionId, @contactEmail, @contactPhone, @totalMinor, @currency, @createdAt)`),
    insertPassenger: db.prepare(`
      INSERT INTO passengers (booking_id, idx, type, given_name, family_name, date_of_birth, ticket_number)
      VALUES (@bookingId, @idx, @type, @givenName, @familyName, @dateOfBirth, @ticketNumber)`),
    insertItem: db.prepare(`
      INSERT INTO booking_items (booking_id, item_key, kind, category, offer_code, description, passenger_idx, direction,
                                 quantity, unit_minor, total_minor, currency, created_at, placement)
      VALUES (@bookingId, @itemKey, @kind, @category, @offerCode, @description, @passengerIdx, @direction,
              @quantity, @unitMinor, @totalMinor, @currency, @createdAt, @placement)`),
    addToTotal: db.prepare('UPDATE bookings SET total_minor = total_minor + @amountMinor WHERE id = @bookingId'),
    sellFare: db.prepare('UPDATE fares SET seats_sold = seats_sold + @count WHERE id = @fareId'),
    markBooked: db.prepare(`
      UPDATE checkouts SET status = 'booked', updated_at = @now WHERE id = @checkoutId AND status = 'open'`),
    linkEvents: db.prepare('UPDATE offer_events SET booking_id = @bookingId WHERE checkout_id = @checkoutId'),
    byReference: db.prepare('SELECT * FROM bookings WHERE reference = ?'),
    byCheckout: db.prepare('SELECT * FROM bookings WHERE checkout_id = ?'),
    passengers: db.prepare('SELECT * FROM passengers WHERE booking_id = ? ORDER BY idx'),
    items: db.prepare('SELECT * FROM booking_items WHERE booking_id = ? ORDER BY id'),
    allowance: db.prepare('SELECT code, name, cabin_bag, checked_bags, checked_bag_kg FROM fare_families WHERE code = ?'),
  };
}

const s = preparedOnce(prepare);

type BookingRow = {
  id: number;
  reference: string;
  checkout_id: string;
  session_id: string;
  contact_email: string;
  contact_phone: string;
  total_minor: number;
  currency: string;
  created_at: string;
};

function toBooking(row: BookingRow): Booking {
  return {
    id: row.id,
    reference: row.reference,
    checkoutId: row.checkout_id,
    sessionId: row.session_id,
    contactEmail: row.contact_email,
    contactPhone: row.contact_phone,
    total: money(row.total_minor, row.currency),
    createdAt: row.created_at,
  };
}

export function insertBooking(
  db: Db,
  input: { reference: string; checkoutId: string; sessionId: string; contactEmail: string; contactPhone: string; total: Money; now: Date },
): number {
  const result = s(db).insertBooking.run({
    reference: input.reference,
    checkoutId: input.checkoutId,
    sessionId: input.sessionId,
    contactEmail: input.contactEmail,
    contactPhone: input.contactPhone,
    totalMinor: input.total.amountMinor,
    currency: input.total.currency,
    createdAt: input.now.toISOString(),
  });
  return Number(result.lastInsertRowid);
}

export function insertBookedPassenger(db: Db, bookingId: number, passenger: BookedPassenger): void {
  s(db).insertPassenger.run({ bookingId, ...passenger });
}

export function insertBookingItem(db: Db, bookingId: number, item: NewBookingItem, now: Date): void {
  s(db).insertItem.run({
    bookingId,
    itemKey: item.itemKey,
    kind: item.kind,
    category: item.category,
    offerCode: item.offerCode,
    description: item.description,
    passengerIdx: item.passengerIdx,
    direction: item.direction,
    quantity: item.quantity,
    unitMinor: item.unit.amountMinor,
    totalMinor: item.total.amountMinor,
    currency: item.total.currency,
    createdAt: now.toISOString(),
    placement: item.placement ?? null,
  });
}

export function addToBookingTotal(db: Db, bookingId: number, amount: Money): void {
  s(db).addToTotal.run({ bookingId, amountMinor: amount.amountMinor });
}

/** Throws the CHECK constraint error of fares.seats_sold when the fare has fewer seats left than asked. */
export function sellFareSeats(db: Db, fareId: number, count: number): void {
  s(db).sellFare.run({ fareId, count });
}

/** false when the checkout was already booked (another tab or a second click got there first). */
export function markCheckoutBooked(db: Db, checkoutId: string, now: Date): boolean {
  return s(db).markBooked.run({ checkoutId, now: now.toISOString() }).changes === 1;
}

/** Every offer event of the checkout (shown, accepted, declined, removed) now belongs to the booking. */
export function linkOfferEventsToBooking(db: Db, checkoutId: string, bookingId: number): number {
  return s(db).linkEvents.run({ checkoutId, bookingId }).changes;
}

export function findBookingByReference(db: Db, reference: string): Booking | undefined {
  const row = s(db).byReference.get(reference) as BookingRow | undefined;
  return row ? toBooking(row) : undefined;
}

export function findBookingByCheckout(db: Db, checkoutId: string): Booking | undefined {
  const row = s(db).byCheckout.get(checkoutId) as BookingRow | undefined;
  return row ? toBooking(row) : undefined;
}

export function listBookedPassengers(db: Db, bookingId: number): BookedPassenger[] {
  return (s(db).passengers.all(bookingId) as Array<Record<string, unknown>>).map((p) => ({
    idx: p.idx as number,
    type: p.type as PassengerType,
    givenName: p.given_name as string,
    familyName: p.family_name as string,
    dateOfBirth: (p.date_of_birth as string | null) ?? null,
    ticketNumber: p.ticket_number as string,
  }));
}

export function listBookingItems(db: Db, bookingId: number): BookingItem[] {
  return (s(db).items.all(bookingId) as Array<Record<string, unknown>>).map((i) => ({
    id: i.id as number,
    itemKey: (i.item_key as string | null) ?? null,
    kind: i.kind as BookingItem['kind'],
    category: i.category as string,
    offerCode: (i.offer_code as string | null) ?? null,
    description: i.description as string,
    passengerIdx: (i.passenger_idx as number | null) ?? null,
    direction: (i.direction as Direction | null) ?? null,
    quantity: i.quantity as number,
    unit: money(i.unit_minor as number, i.currency as string),
    total: money(i.total_minor as number, i.currency as string),
    createdAt: i.created_at as string,
  }));
}

export type FareAllowance = { code: string; name: string; cabinBag: string; checkedBags: number; checkedBagKg: number };

/** What a fare family includes in luggage, for the bag-fee notice. */
export function findFareAllowance(db: Db, family: string): FareAllowance | undefined {
  const row = s(db).allowance.get(family) as { code: string; name: string; cabin_bag: string; checked_bags: number; checked_bag_kg: number } | undefined;
  return row && { code: row.code, name: row.name, cabinBag: row.cabin_bag, checkedBags: row.checked_bags, checkedBagKg: row.checked_bag_kg };
}

/** Per item key, the checkout page where the item was last accepted (results, seats, extras, review). */
export function acceptedPlacements(db: Db, checkoutId: string): Map<string, NonNullable<NewBookingItem['placement']>> {
  const rows = s(db).acceptedPlacements.all({ checkoutId }) as Array<{ item_key: string; placement: NonNullable<NewBookingItem['placement']> }>;
  return new Map(rows.map((r) => [r.item_key, r.placement]));
}
