// The dashboard's figures as first defined: GROUP BYs over the raw rows (offer_events, funnel_events,
// bookings) with the session-scoped filters read from offer_events and checkouts. The rollups of
// migration 013 must give exactly these answers (rollups.test.ts); kept here as the reference.
import type { Db } from '../../src/db/database.ts';
import type { DashboardFilters } from '../../src/features/dashboard/filters.ts';

type SqlFilter = { where: string; params: Record<string, string | number> };

function dayAfter(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The conditions for rows of a table aliased `alias` that has `simulated`, `created_at` and `session_id`
 * columns. The time range is inclusive of both days (UTC).
 */
export function rawSqlFilter(filters: DashboardFilters, alias: string): SqlFilter {
  const where: string[] = [`${alias}.simulated = @simulated`];
  const params: Record<string, string | number> = { simulated: filters.traffic === 'simulated' ? 1 : 0 };
  if (filters.from) {
    where.push(`${alias}.created_at >= @from`);
    params.from = filters.from;
  }
  if (filters.to) {
    where.push(`${alias}.created_at < @toEnd`);
    params.toEnd = dayAfter(filters.to);
  }
  // Session-scoped filters as uncorrelated IN lists: SQLite builds each set once per query.
  if (filters.route || filters.family) {
    const on: string[] = [];
    if (filters.route) {
      const [origin, destination] = filters.route.split('-');
      on.push('fl.origin = @origin AND fl.destination = @destination');
      params.origin = origin!;
      params.destination = destination!;
    }
    if (filters.family) {
      on.push('cf.family = @family');
      params.family = filters.family;
    }
    where.push(`${alias}.session_id IN (SELECT c.session_id FROM checkouts c JOIN checkout_flights cf ON cf.checkout_id = c.id AND cf.direction = 'outbound'
      JOIN flights fl ON fl.id = cf.flight_id WHERE ${on.join(' AND ')})`);
  }
  if (filters.tactic) {
    params.tactic = filters.tactic;
    const variant = filters.variant ? ' AND t.variant = @variant' : '';
    if (filters.variant) params.variant = filters.variant;
    where.push(`${alias}.session_id IN (SELECT t.session_id FROM offer_events t WHERE t.tactic = @tactic${variant})`);
  }
  if (filters.workshop) {
    params.workshop = filters.workshop;
    where.push(`${alias}.session_id IN (SELECT ws.session_id FROM workshop_sessions ws WHERE ws.workshop = @workshop)`);
  }
  if (filters.dark === 'out') {
    where.push(`${alias}.session_id NOT IN (SELECT d.session_id FROM offer_events d
      WHERE d.tactic IN (SELECT code FROM tactics WHERE dark_pattern = 1) AND d.variant IN ('on', 'B'))`);
  }
  return { where: where.join('\n  AND '), params };
}

type TakeRow = { key: string; shown: number; accepted: number };

function takeSql(filters: DashboardFilters, by: 'offer_code' | 'placement') {
  const f = rawSqlFilter(filters, 'e');
  return {
    sql: `SELECT e.${by} AS key, SUM(e.event = 'shown') AS shown, SUM(e.event = 'accepted') AS accepted
          FROM offer_events e WHERE ${f.where} GROUP BY e.${by} ORDER BY e.${by}`,
    params: f.params,
  };
}

export function rawTakeBy(db: Db, filters: DashboardFilters, by: 'offer_code' | 'placement'): TakeRow[] {
  const q = takeSql(filters, by);
  return db.prepare(q.sql).all(q.params) as TakeRow[];
}

/** Sessions that reached each recorded step (funnel_events) and sessions with a booking. */
export function rawFunnelCounts(db: Db, filters: DashboardFilters): { steps: { step: string; sessions: number }[]; booked: number } {
  const f = rawSqlFilter(filters, 'fe');
  const steps = db.prepare(`SELECT fe.step AS step, COUNT(*) AS sessions FROM funnel_events fe WHERE ${f.where} GROUP BY fe.step`).all(
    f.params,
  ) as { step: string; sessions: number }[];
  const b = rawSqlFilter(filters, 'b');
  const booked = db.prepare(`SELECT COUNT(DISTINCT b.session_id) FROM bookings b WHERE ${b.where}`).pluck().get(b.params) as number;
  return { steps, booked };
}

type ArmEventsRow = { tactic: string; variant: string; sessions: number; shown: number; accepted: number };
type ArmBookingsRow = { tactic: string; variant: string; n: number; sum: number; sumSquares: number };

/** Per tactic in A/B and variant: sessions, impressions and takes of the offers the tactic touched. */
export function rawArmEvents(db: Db, filters: DashboardFilters): ArmEventsRow[] {
  const f = rawSqlFilter(filters, 'e');
  const sql = `SELECT e.tactic AS tactic, e.variant AS variant, COUNT(DISTINCT e.session_id) AS sessions,
                 SUM(e.event = 'shown') AS shown, SUM(e.event = 'accepted') AS accepted
               FROM offer_events e WHERE e.tactic IN (SELECT code FROM tactics WHERE mode = 'ab') AND e.variant IN ('A', 'B') AND ${f.where}
               GROUP BY e.tactic, e.variant`;
  return db.prepare(sql).all(f.params) as ArmEventsRow[];
}

/** Per tactic and variant: the bookings of the sessions in that arm, as count, sum and sum of squares of their totals. */
export function rawArmBookings(db: Db, filters: DashboardFilters): ArmBookingsRow[] {
  const f = rawSqlFilter(filters, 'b');
  // Driven by the bookings (few) and the tactics in A/B, each arm looked up by the tactic index.
  const sql = `SELECT t.code AS tactic, v.variant AS variant, COUNT(*) AS n, SUM(b.total_minor) AS sum,
                 SUM(b.total_minor * b.total_minor) AS sumSquares
               FROM bookings b
               JOIN tactics t ON t.mode = 'ab'
               JOIN (SELECT 'A' AS variant UNION ALL SELECT 'B') v
               WHERE EXISTS (SELECT 1 FROM offer_events a WHERE a.tactic = t.code AND a.session_id = b.session_id AND a.variant = v.variant)
                 AND ${f.where}
               GROUP BY t.code, v.variant`;
  return db.prepare(sql).all(f.params) as ArmBookingsRow[];
}


/** The bookings' figures with the raw filters (the same SQL as figures.repository.ts, filtered the first way). */
export function rawBookingFigures(db: Db, filters: DashboardFilters) {
  const f = rawSqlFilter(filters, 'b');
  const totals = db
    .prepare(
      `SELECT COUNT(*) AS bookings, COALESCE(SUM(b.total_minor), 0) AS revenueMinor, MIN(b.currency) AS currency,
         COALESCE(SUM((SELECT COUNT(*) FROM passengers p WHERE p.booking_id = b.id)), 0) AS passengers
       FROM bookings b WHERE ${f.where}`,
    )
    .get(f.params);
  const lines = db
    .prepare(
      `SELECT bi.kind AS kind, bi.category AS category, COUNT(DISTINCT bi.booking_id) AS bookings, SUM(bi.total_minor) AS revenueMinor
       FROM bookings b JOIN booking_items bi ON bi.booking_id = b.id
       WHERE bi.kind IN ('upsell', 'cross_sell') AND ${f.where} GROUP BY bi.kind, bi.category`,
    )
    .all(f.params);
  return { totals, lines };
}

/** take-data.ts, the lens and the playbook as first written: GROUP BYs over every event. */
export function rawTakes(db: Db, airport: string) {
  return {
    byOffer: db
      .prepare(`SELECT offer_code AS offerCode, SUM(event = 'shown') AS shown, SUM(event = 'accepted') AS accepted
                FROM offer_events WHERE demonstration = 0 GROUP BY offer_code ORDER BY offer_code`)
      .all(),
    toAirport: db
      .prepare(`SELECT e.offer_code AS offerCode, SUM(e.event = 'shown') AS shown, SUM(e.event = 'accepted') AS accepted
                FROM offer_events e
                JOIN checkouts c ON c.id = e.checkout_id AND c.status = 'booked'
                JOIN checkout_flights cf ON cf.checkout_id = c.id AND cf.direction = 'outbound'
                JOIN flights f ON f.id = cf.flight_id
                WHERE f.destination = @airport AND e.demonstration = 0
                GROUP BY e.offer_code ORDER BY e.offer_code`)
      .all({ airport }),
    byTactic: db
      .prepare(`SELECT tactic, variant, SUM(event = 'shown') AS shown, SUM(event = 'accepted') AS accepted
                FROM offer_events WHERE tactic IS NOT NULL GROUP BY tactic, variant ORDER BY tactic, variant`)
      .all(),
    byOfferPlacement: db
      .prepare(`SELECT offer_code AS offerCode, placement, SUM(event = 'shown') AS shown, SUM(event = 'accepted') AS accepted
                FROM offer_events GROUP BY offer_code, placement ORDER BY offer_code, placement`)
      .all(),
  };
}
