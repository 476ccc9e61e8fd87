// Migration 014 on a database seeded and used before it: the car offer is added, and the upsell and
// cross-sell lines already written get the placement that sold them (the dashboard's revenue per placement).
import { describe, expect, it } from 'vitest';
import { loadMigrations, migrate, openDatabase } from '../../src/db/database.ts';

describe('migration 014 (car rental, placements, refunds)', () => {
  it('adds CAR_RENTAL to a seeded catalogue and backfills the placement of earlier booking lines', () => {
    const db = openDatabase(':memory:');
    const migrations = loadMigrations();
    const v14 = migrations.findIndex((m) => m.version === 14);
    migrate(db, migrations.slice(0, v14));
    // A catalogue seeded by the code of version 10 (one offer is enough: the car joins a catalogue that has offers).
    db.prepare(`INSERT INTO offers (code, kind, category, name, description, price_rule_json, eligibility_json, placements_json)
                VALUES ('TRAVEL_INSURANCE', 'cross_sell', 'insurance', 'Travel insurance', 'x', '{"type":"per_passenger","oneWayMinor":1400,"returnMinor":2400}', '{}', '["extras"]')`).run();
    const at = '2026-11-27T10:00:00.000Z';
    const later = '2026-11-28T10:00:00.000Z';
    db.prepare(`INSERT INTO checkouts (id, session_id, trip_type, adults, children, infants, created_at, updated_at, expires_at) VALUES ('c1', 's1', 'one_way', 1, 0, 0, ?, ?, ?)`).run(at, at, at);
    db.prepare(`INSERT INTO bookings (id, reference, checkout_id, session_id, contact_email, contact_phone, total_minor, currency, created_at) VALUES (1, 'ABC123', 'c1', 's1', 'a', '1', 1, 'EUR', ?)`).run(at);
    const item = db.prepare(`INSERT INTO booking_items (booking_id, item_key, kind, category, description, unit_minor, total_minor, currency, created_at) VALUES (1, ?, ?, ?, 'x', 1, 1, 'EUR', ?)`);
    item.run('fare:outbound:adult', 'fare', 'fare', at);
    item.run('bag:p1:outbound', 'cross_sell', 'bag', at);
    item.run('priority:p1:outbound', 'upsell', 'priority', at);
    item.run('hotel', 'cross_sell', 'hotel', later);
    item.run('insurance', 'cross_sell', 'insurance', later);
    const event = db.prepare(`INSERT INTO offer_events (session_id, checkout_id, booking_id, offer_code, kind, category, placement, item_key, price_minor, currency, event, created_at) VALUES ('s1', 'c1', 1, ?, 'upsell', 'x', ?, ?, 1, 'EUR', 'accepted', ?)`);
    event.run('PRIORITY_BOARDING', 'review', 'priority:p1:outbound', at);
    event.run('HOTEL_STAY', 'confirmation', 'hotel', later);

    migrate(db);
    expect(db.prepare("SELECT category, placements_json FROM offers WHERE code = 'CAR_RENTAL'").get()).toEqual({ category: 'car', placements_json: '["extras","confirmation","manage"]' });
    const placements = Object.fromEntries((db.prepare('SELECT item_key, placement FROM booking_items').all() as Array<{ item_key: string; placement: string | null }>).map((r) => [r.item_key, r.placement]));
    expect(placements).toEqual({ 'fare:outbound:adult': null, 'bag:p1:outbound': 'extras', 'priority:p1:outbound': 'review', hotel: 'confirmation', insurance: 'manage' });
    expect(db.prepare("SELECT kind FROM payments LIMIT 0").columns().map((c) => c.name)).toEqual(['kind']);
  });
});
