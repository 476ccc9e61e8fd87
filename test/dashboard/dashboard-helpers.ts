// Hand-built traffic for the dashboard's tests: bookings, events and funnel rows with known answers.
import type { Db } from '../../src/db/database.ts';

let counter = 0;

export type HandBooking = {
  session: string;
  totalMinor: number;
  passengers: number;
  /** itemKey and placement (a line added after the booking: confirmation, manage) are optional. */
  items?: { kind: 'upsell' | 'cross_sell'; category: string; totalMinor: number; itemKey?: string; placement?: 'results' | 'seats' | 'extras' | 'review' | 'confirmation' | 'manage' }[];
  simulated?: boolean;
  at?: string;
  /** The outbound flight's route, e.g. 'LIS-LHR' (any seeded flight on it); its family 'basic' unless told. */
  route?: string;
  family?: string;
};

function flightOn(db: Db, route: string, family: string): { flightId: number; fareId: number } {
  const [origin, destination] = route.split('-');
  const row = db
    .prepare('SELECT f.id AS flightId, fa.id AS fareId FROM flights f JOIN fares fa ON fa.flight_id = f.id AND fa.family = ? WHERE f.origin = ? AND f.destination = ? LIMIT 1')
    .get(family, origin, destination) as { flightId: number; fareId: number } | undefined;
  if (!row) throw new Error(`No ${family} flight ${route}`);
  return row;
}

export function firstRoute(db: Db, offset = 0): string {
  const r = db.prepare('SELECT origin, destination FROM routes ORDER BY id LIMIT 1 OFFSET ?').get(offset) as { origin: string; destination: string };
  return `${r.origin}-${r.destination}`;
}

export function addCheckout(db: Db, session: string, options: { simulated?: boolean; at?: string; route?: string; family?: string } = {}): string {
  const id = `co-${++counter}`;
  const at = options.at ?? '2026-11-27T10:00:00.000Z';
  db.prepare(
    `INSERT INTO checkouts (id, session_id, status, trip_type, adults, children, infants, created_at, updated_at, expires_at, simulated)
     VALUES (?, ?, 'open', 'one_way', 1, 0, 0, ?, ?, ?, ?)`,
  ).run(id, session, at, at, at, options.simulated ? 1 : 0);
  if (options.route) {
    const family = options.family ?? 'basic';
    const { flightId, fareId } = flightOn(db, options.route, family);
    db.prepare(
      `INSERT INTO checkout_flights (checkout_id, direction, flight_id, fare_id, family, adult_minor, child_minor, infant_minor, taxes_minor, infant_taxes_minor, currency)
       VALUES (?, 'outbound', ?, ?, ?, 1, 1, 1, 0, 0, 'EUR')`,
    ).run(id, flightId, fareId, family);
  }
  return id;
}

export function addBooking(db: Db, b: HandBooking): number {
  const at = b.at ?? '2026-11-27T10:00:00.000Z';
  const checkoutId = addCheckout(db, b.session, { simulated: b.simulated, at, route: b.route, family: b.family });
  const reference = `R${String(++counter).padStart(5, '0')}`;
  const bookingId = Number(
    db
      .prepare(
        `INSERT INTO bookings (reference, checkout_id, session_id, contact_email, contact_phone, total_minor, currency, created_at, simulated)
         VALUES (?, ?, ?, 'a@example.com', '+351000', ?, 'EUR', ?, ?)`,
      )
      .run(reference, checkoutId, b.session, b.totalMinor, at, b.simulated ? 1 : 0).lastInsertRowid,
  );
  for (let i = 1; i <= b.passengers; i++) {
    db.prepare(
      `INSERT INTO passengers (booking_id, idx, type, given_name, family_name, ticket_number) VALUES (?, ?, 'adult', 'A', 'B', ?)`,
    ).run(bookingId, i, String(1_000_000_000_000 + ++counter));
  }
  for (const item of b.items ?? []) {
    db.prepare(
      `INSERT INTO booking_items (booking_id, item_key, kind, category, description, unit_minor, total_minor, currency, created_at, placement)
       VALUES (?, ?, ?, ?, 'x', ?, ?, 'EUR', ?, ?)`,
    ).run(bookingId, item.itemKey ?? null, item.kind, item.category, item.totalMinor, item.totalMinor, at, item.placement ?? null);
  }
  return bookingId;
}

export type HandEvent = {
  session: string;
  offer: string;
  placement: string;
  event: 'shown' | 'accepted' | 'declined';
  tactic?: string | null;
  variant?: string | null;
  simulated?: boolean;
  at?: string;
  count?: number;
};

export function addEvents(db: Db, e: HandEvent): void {
  const insert = db.prepare(
    `INSERT INTO offer_events (session_id, offer_code, kind, category, placement, tactic, variant, item_key, price_minor, currency, event, created_at, simulated)
     VALUES (?, ?, 'upsell', 'seat', ?, ?, ?, ?, 1000, 'EUR', ?, ?, ?)`,
  );
  // Each row its own item, as a page records one impression per item (an impression counts once).
  for (let i = 0; i < (e.count ?? 1); i++) {
    insert.run(e.session, e.offer, e.placement, e.tactic ?? null, e.variant ?? null, `item-${++counter}`, e.event, e.at ?? '2026-11-27T10:00:00.000Z', e.simulated ? 1 : 0);
  }
}

export function addFunnel(db: Db, session: string, steps: string[], simulated = false): void {
  const insert = db.prepare(`INSERT INTO funnel_events (session_id, step, simulated, created_at) VALUES (?, ?, ?, '2026-11-27T10:00:00.000Z')`);
  for (const step of steps) insert.run(session, step, simulated ? 1 : 0);
}
