// A month of workshop traffic for measuring the trainer dashboard (issue 11 item 7: a million offer
// events). Sessions of about 20 events each, as the pages record them: fare upsells on results, seats,
// extras and review, a hotel on the confirmation; the tactics on by default plus the bundle in A/B
// (arm by session), the pre-ticked box demonstrated to one session in ten; checkouts on every route
// and fare family, a booking for one session in five; funnel steps; a workshop tag for one in ten;
// half the traffic simulated. Written through plain INSERTs in an order a session would write them,
// so the rollups' triggers (migration 013) do the same work as in the app, cohort moves included.
//
//   npx tsx bench/dashboard-data.ts <file.sqlite> [events]   a migrated, seeded file with that traffic
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { migrate, openDatabase, type Db } from '../src/db/database.ts';
import { OFFERS } from '../src/features/catalogue/offers.ts';
import { seedCatalogue } from '../src/features/catalogue/seed.ts';
import { TACTIC } from '../src/features/offers/codes.ts';
import { mulberry32, pick } from '../src/features/catalogue/random.ts';

export const DASHBOARD_DEMO_NOW = '2026-11-27T09:00:00Z';
export const DASHBOARD_DEMO_SEED = 20261127;

const OFFER = new Map(OFFERS.map((o) => [o.code, o]));
/** What each placement shows, and the tactic acting there (variant 'on' unless the bundle's arm). */
const PAGES = [
  { placement: 'results', offers: ['FARE_STANDARD', 'FARE_FLEX', 'FARE_BUSINESS'], tactic: TACTIC.free_to_paid_upgrade },
  { placement: 'seats', offers: ['SEAT_STANDARD', 'SEAT_UP_FRONT', 'SEAT_EXTRA_LEGROOM'], tactic: TACTIC.scarcity },
  { placement: 'extras', offers: ['BAG_CHECKED_23KG', 'PRIORITY_BOARDING', 'CABIN_UPGRADE', 'HOTEL_STAY', 'TRAVEL_INSURANCE'], tactic: TACTIC.checkout_addons },
  { placement: 'review', offers: ['PRIORITY_BOARDING', 'SEAT_STANDARD', 'TRAVEL_INSURANCE'], tactic: TACTIC.checkout_addons },
  { placement: 'confirmation', offers: ['HOTEL_STAY'], tactic: TACTIC.complementary_discount },
] as const;
const STEPS = ['search', 'results', 'checkout', 'passengers', 'seats', 'extras', 'payment'] as const;

function random(seed: number) {
  const next = mulberry32(seed);
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(list: readonly T[]): T => pick(next, list) };
}

/** Adds `events` offer events (and their sessions' checkouts, bookings, funnel steps, workshop tags) to a seeded database. */
export function fillDashboardTraffic(db: Db, events: number, seed = 7): { sessions: number; bookings: number } {
  const r = random(seed);
  db.prepare("UPDATE tactics SET mode = 'ab' WHERE code = ?").run(TACTIC.bundle);
  const fares = db
    .prepare(`SELECT f.id AS flightId, fa.id AS fareId, fa.family FROM flights f JOIN fares fa ON fa.flight_id = f.id ORDER BY f.id, fa.id`)
    .all() as { flightId: number; fareId: number; family: string }[];
  const insertEvent = db.prepare(`INSERT INTO offer_events (session_id, checkout_id, booking_id, offer_code, kind, category, placement, tactic, variant,
      item_key, price_minor, currency, event, created_at, simulated, demonstration)
    VALUES (@session, @checkout, NULL, @offer, @kind, @category, @placement, @tactic, @variant, @item, @price, 'EUR', @event, @at, @simulated, @demonstration)`);
  const insertCheckout = db.prepare(`INSERT INTO checkouts (id, session_id, status, trip_type, adults, children, infants, created_at, updated_at, expires_at, simulated)
    VALUES (@id, @session, 'open', 'one_way', 1, 0, 0, @at, @at, @at, @simulated)`);
  const insertFlight = db.prepare(`INSERT INTO checkout_flights (checkout_id, direction, flight_id, fare_id, family, adult_minor, child_minor, infant_minor, taxes_minor, infant_taxes_minor, currency)
    VALUES (@checkout, 'outbound', @flightId, @fareId, @family, 10000, 8000, 1000, 2000, 0, 'EUR')`);
  const book = db.prepare("UPDATE checkouts SET status = 'booked' WHERE id = ?");
  const insertBooking = db.prepare(`INSERT INTO bookings (reference, checkout_id, session_id, contact_email, contact_phone, total_minor, currency, created_at, simulated)
    VALUES (@reference, @checkout, @session, 'a@example.com', '+351000', @total, 'EUR', @at, @simulated)`);
  const insertPassenger = db.prepare(`INSERT INTO passengers (booking_id, idx, type, given_name, family_name, ticket_number) VALUES (?, ?, 'adult', 'A', 'B', ?)`);
  const insertItem = db.prepare(`INSERT INTO booking_items (booking_id, kind, category, description, unit_minor, total_minor, currency, created_at)
    VALUES (?, ?, ?, 'x', ?, ?, 'EUR', ?)`);
  const insertStep = db.prepare(`INSERT INTO funnel_events (session_id, step, simulated, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`);
  const insertWorkshop = db.prepare(`INSERT INTO workshop_sessions (session_id, workshop, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`);

  const start = new Date(DASHBOARD_DEMO_NOW).getTime() - 30 * 86_400_000;
  let written = 0;
  let sessions = 0;
  let bookings = 0;
  let tickets = 0;
  const batch = db.transaction((n: number) => {
    for (let k = 0; k < n && written < events; k++) {
      const session = `bench-${seed}-${sessions++}`;
      const simulated = r.next() < 0.5 ? 1 : 0;
      const at = new Date(start + r.int(30 * 86_400_000)).toISOString();
      const arm = r.next() < 0.5 ? 'A' : 'B';
      const dark = r.next() < 0.1;
      if (r.next() < 0.1) insertWorkshop.run(session, `room-${1 + r.int(5)}`, at);
      const steps = STEPS.slice(0, 1 + r.int(STEPS.length));
      for (const step of steps.slice(0, 2)) insertStep.run(session, step, simulated, at);
      let checkout: string | null = null;
      const fare = r.pick(fares);
      const perSession = 10 + r.int(21); // 10-30 events, about 20
      for (let i = 0; i < perSession && written < events; i++) {
        const page = PAGES[Math.min(PAGES.length - 1, Math.floor((i / perSession) * PAGES.length))]!;
        if (!checkout && page.placement !== 'results' && r.next() < 0.8) {
          checkout = `${session}-c`;
          insertCheckout.run({ id: checkout, session, at, simulated });
          insertFlight.run({ checkout, flightId: fare.flightId, fareId: fare.fareId, family: fare.family });
          for (const step of steps.slice(2)) insertStep.run(session, step, simulated, at);
        }
        const code = r.pick(page.offers);
        const offer = OFFER.get(code)!;
        const bundle = page.placement === 'extras' && (code === 'BAG_CHECKED_23KG' || code === 'PRIORITY_BOARDING');
        const preticked = dark && code === 'TRAVEL_INSURANCE';
        const tactic = bundle ? TACTIC.bundle : preticked ? TACTIC.preticked_box : page.tactic;
        const roll = r.next();
        insertEvent.run({
          session,
          checkout: page.placement === 'results' ? null : checkout,
          offer: code,
          kind: offer.kind,
          category: offer.category,
          placement: page.placement,
          tactic,
          variant: bundle ? arm : 'on',
          item: `i${written}`,
          price: 500 + r.int(20_000),
          event: roll < (bundle && arm === 'B' ? 0.2 : 0.12) ? 'accepted' : roll < 0.2 ? 'declined' : 'shown',
          at: new Date(new Date(at).getTime() + i * 20_000).toISOString(),
          simulated,
          demonstration: preticked ? 1 : 0,
        });
        written++;
      }
      if (checkout && r.next() < 0.25) {
        book.run(checkout);
        const bookingId = Number(
          insertBooking.run({ reference: `${(seed % 36).toString(36)}${(bookings++).toString(36).padStart(5, '0')}`.toUpperCase(), checkout, session, total: 10_000 + r.int(80_000), at, simulated }).lastInsertRowid,
        );
        const passengers = 1 + r.int(3);
        for (let p = 1; p <= passengers; p++) insertPassenger.run(bookingId, p, String(1_000_000_000_000 + (seed % 1000) * 1_000_000_000 + tickets++));
        for (let l = 0, lines = r.int(4); l < lines; l++) {
          const line = r.pick(['bag', 'seat', 'priority', 'fare', 'hotel', 'insurance'] as const);
          const amount = 500 + r.int(15_000);
          insertItem.run(bookingId, line === 'hotel' || line === 'insurance' ? 'cross_sell' : 'upsell', line, amount, amount, at);
        }
      }
    }
  });
  while (written < events) batch(5_000);
  return { sessions, bookings };
}

/** A WAL file at `path`: migrated, the demo catalogue seeded, `events` offer events of traffic. */
export function buildDashboardDatabase(path: string, events: number): { sessions: number; bookings: number; ms: number } {
  const started = performance.now();
  const db = openDatabase(path);
  try {
    migrate(db);
    seedCatalogue(db, { seed: DASHBOARD_DEMO_SEED, now: new Date(DASHBOARD_DEMO_NOW) });
    const filled = fillDashboardTraffic(db, events);
    db.pragma('optimize');
    db.pragma('wal_checkpoint(TRUNCATE)');
    return { ...filled, ms: Math.round(performance.now() - started) };
  } finally {
    db.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const path = process.argv[2];
  if (!path || existsSync(path)) {
    console.error('Usage: npx tsx bench/dashboard-data.ts <new-file.sqlite> [events]');
    process.exitCode = 1;
  } else {
    const events = Number(process.argv[3] ?? 1_000_000);
    const built = buildDashboardDatabase(path, events);
    console.log(`${path}: ${events.toLocaleString('en')} offer events, ${built.sessions.toLocaleString('en')} sessions, ${built.bookings.toLocaleString('en')} bookings in ${built.ms} ms`);
  }
}
