// SQL of the dashboard's figures. Each query is built from the filters' conditions (filters.ts) and
// prepared once per database and SQL text. What grows with every page view (offer and funnel events)
// is read from the rollups of migration 013 (offer_event_counts, funnel_counts, arm_session_days,
// session_tactics), never from all the events; with a route, from that route's sessions' own rows
// (routeSessions: about one session in 80), through the session indexes. Bookings are read as they are.
// test/dashboard/rollups.test.ts checks every query against the raw definitions.
import type { Statement } from 'better-sqlite3';
import type { Db } from '../../db/database.ts';
import { rollupFilter, routeSessions, sqlFilter, type DashboardFilters } from './filters.ts';

const prepared = new WeakMap<Db, Map<string, Statement>>();

/** A statement for this SQL text, prepared the first time it is asked for. */
export function statement(db: Db, sql: string): Statement {
  let cache = prepared.get(db);
  if (!cache) prepared.set(db, (cache = new Map()));
  let stmt = cache.get(sql);
  if (!stmt) cache.set(sql, (stmt = db.prepare(sql)));
  return stmt;
}

export type BookingTotals = { bookings: number; revenueMinor: number; passengers: number; currency: string | null };

export function bookingTotalsSql(filters: DashboardFilters) {
  const f = sqlFilter(filters, 'b');
  return {
    sql: `SELECT COUNT(*) AS bookings, COALESCE(SUM(b.total_minor), 0) AS revenueMinor, MIN(b.currency) AS currency,
            COALESCE(SUM((SELECT COUNT(*) FROM passengers p WHERE p.booking_id = b.id)), 0) AS passengers
          FROM bookings b WHERE ${f.where}`,
    params: f.params,
  };
}

export function bookingTotals(db: Db, filters: DashboardFilters): BookingTotals {
  const q = bookingTotalsSql(filters);
  return statement(db, q.sql).get(q.params) as BookingTotals;
}

export type CategoryRow = { kind: string; category: string; bookings: number; revenueMinor: number };

/** Upsell and cross-sell lines of the bookings: per kind and category, the bookings with one and their revenue. */
export function ancillaryByCategory(db: Db, filters: DashboardFilters): CategoryRow[] {
  const f = sqlFilter(filters, 'b');
  const sql = `SELECT bi.kind AS kind, bi.category AS category, COUNT(DISTINCT bi.booking_id) AS bookings,
                 SUM(bi.total_minor) AS revenueMinor
               FROM bookings b JOIN booking_items bi ON bi.booking_id = b.id
               WHERE bi.kind IN ('upsell', 'cross_sell') AND ${f.where}
               GROUP BY bi.kind, bi.category`;
  return statement(db, sql).all(f.params) as CategoryRow[];
}

export type PlacementRevenueRow = { placement: string; bookings: number; revenueMinor: number };

/**
 * Upsell and cross-sell lines of the bookings per placement: the page that sold each, written with the line
 * (booking_items.placement, migration 014: the booking's own lines from the checkout's last acceptance of the
 * item, later lines by the confirmation or Manage booking). A line without one falls back to its category's page.
 */
export function revenueByPlacement(db: Db, filters: DashboardFilters): PlacementRevenueRow[] {
  const f = sqlFilter(filters, 'b');
  const sql = `SELECT placement, COUNT(DISTINCT booking_id) AS bookings, SUM(total_minor) AS revenueMinor FROM (
                 SELECT bi.booking_id AS booking_id, bi.total_minor AS total_minor, COALESCE(
                   bi.placement, CASE bi.category WHEN 'seat' THEN 'seats' WHEN 'fare' THEN 'results' ELSE 'extras' END) AS placement
                 FROM bookings b JOIN booking_items bi ON bi.booking_id = b.id
                 WHERE bi.kind IN ('upsell', 'cross_sell') AND ${f.where})
               GROUP BY placement`;
  return statement(db, sql).all(f.params) as PlacementRevenueRow[];
}

export type TakeRow = { key: string; shown: number; accepted: number };

/**
 * Rows of `table` (offer_events, funnel_events) of the route's sessions: `WITH s AS (…) … FROM s CROSS
 * JOIN table alias` (CROSS JOIN keeps the route's few sessions as the outer loop) and the other filters.
 */
function routeRows(filters: DashboardFilters, table: string, alias: string) {
  const f = sqlFilter(filters, alias, { routeJoined: true });
  const sessions = routeSessions(filters, f.params)!;
  return { with: `WITH s AS (${sessions})`, from: `s CROSS JOIN ${table} ${alias} ON ${alias}.session_id = s.session_id`, where: f.where, params: f.params };
}

export function takeSql(filters: DashboardFilters, by: 'offer_code' | 'placement') {
  if (filters.route) {
    const q = routeRows(filters, 'offer_events', 'e');
    return {
      sql: `${q.with} SELECT e.${by} AS key, SUM(e.event = 'shown') AS shown, SUM(e.event = 'accepted') AS accepted
            FROM ${q.from} WHERE ${q.where} GROUP BY e.${by} ORDER BY e.${by}`,
      params: q.params,
    };
  }
  const f = rollupFilter(filters, 'r');
  return {
    sql: `SELECT r.${by} AS key, SUM(r.shown) AS shown, SUM(r.accepted) AS accepted
          FROM offer_event_counts r WHERE ${f.where} GROUP BY r.${by} ORDER BY r.${by}`,
    params: f.params,
  };
}

export function takeBy(db: Db, filters: DashboardFilters, by: 'offer_code' | 'placement'): TakeRow[] {
  const q = takeSql(filters, by);
  return statement(db, q.sql).all(q.params) as TakeRow[];
}

export function funnelSql(filters: DashboardFilters) {
  if (filters.route) {
    const q = routeRows(filters, 'funnel_events', 'fe');
    return { sql: `${q.with} SELECT fe.step AS step, COUNT(*) AS sessions FROM ${q.from} WHERE ${q.where} GROUP BY fe.step`, params: q.params };
  }
  const f = rollupFilter(filters, 'r');
  return { sql: `SELECT r.step AS step, SUM(r.sessions) AS sessions FROM funnel_counts r WHERE ${f.where} GROUP BY r.step`, params: f.params };
}

/** Sessions that reached each recorded step (funnel_events, through funnel_counts) and sessions with a booking. */
export function funnelCounts(db: Db, filters: DashboardFilters): { steps: { step: string; sessions: number }[]; booked: number } {
  const q = funnelSql(filters);
  const steps = statement(db, q.sql).all(q.params) as { step: string; sessions: number }[];
  const b = sqlFilter(filters, 'b');
  const booked = statement(db, `SELECT COUNT(DISTINCT b.session_id) FROM bookings b WHERE ${b.where}`).pluck().get(b.params) as number;
  return { steps, booked };
}

export type ArmEventsRow = { tactic: string; variant: string; sessions: number; shown: number; accepted: number };
export type ArmBookingsRow = { tactic: string; variant: string; n: number; sum: number; sumSquares: number };

export function armEventsSql(filters: DashboardFilters) {
  if (filters.route) {
    const q = routeRows(filters, 'offer_events', 'e');
    const sql = `${q.with} SELECT e.tactic AS tactic, e.variant AS variant, COUNT(DISTINCT e.session_id) AS sessions,
                   SUM(e.event = 'shown') AS shown, SUM(e.event = 'accepted') AS accepted
                 FROM ${q.from} WHERE +e.tactic IN (SELECT code FROM tactics WHERE mode = 'ab') AND +e.variant IN ('A', 'B') AND ${q.where}
                 GROUP BY e.tactic, e.variant`;
    return { events: { sql, params: q.params }, sessions: undefined };
  }
  const r = rollupFilter(filters, 'r');
  const a = sqlFilter({ ...filters, from: undefined, to: undefined }, 'a');
  const range = [filters.from ? 'a.day >= @from' : '', filters.to ? 'a.day <= @to' : ''].filter(Boolean).map((c) => ` AND ${c}`).join('');
  const arms = `IN (SELECT code FROM tactics WHERE mode = 'ab') AND {a}.variant IN ('A', 'B')`;
  return {
    // The arms' events from the rollup; their sessions (distinct across days) from arm_session_days.
    events: { sql: `SELECT r.tactic AS tactic, r.variant AS variant, SUM(r.shown) AS shown, SUM(r.accepted) AS accepted
                    FROM offer_event_counts r WHERE r.tactic ${arms.replace('{a}', 'r')} AND ${r.where}
                    GROUP BY r.tactic, r.variant`, params: r.params },
    sessions: { sql: `SELECT a.tactic AS tactic, a.variant AS variant, COUNT(DISTINCT a.session_id) AS sessions
                      FROM arm_session_days a WHERE a.tactic ${arms.replace('{a}', 'a')} AND ${a.where}${range}
                      GROUP BY a.tactic, a.variant`, params: { ...a.params, ...(filters.from ? { from: filters.from } : {}), ...(filters.to ? { to: filters.to } : {}) } },
  };
}

/** Per tactic in A/B and variant: sessions, impressions and takes of the offers the tactic touched. */
export function armEvents(db: Db, filters: DashboardFilters): ArmEventsRow[] {
  const q = armEventsSql(filters);
  if (!q.sessions) return statement(db, q.events.sql).all(q.events.params) as ArmEventsRow[];
  const sessions = statement(db, q.sessions.sql).all(q.sessions.params) as { tactic: string; variant: string; sessions: number }[];
  const count = new Map(sessions.map((s) => [`${s.tactic}|${s.variant}`, s.sessions]));
  return (statement(db, q.events.sql).all(q.events.params) as Omit<ArmEventsRow, 'sessions'>[]).map((row) => ({
    tactic: row.tactic,
    variant: row.variant,
    sessions: count.get(`${row.tactic}|${row.variant}`) ?? 0,
    shown: row.shown,
    accepted: row.accepted,
  }));
}

/** Per tactic and variant: the bookings of the sessions in that arm, as count, sum and sum of squares of their totals. */
export function armBookings(db: Db, filters: DashboardFilters): ArmBookingsRow[] {
  const f = sqlFilter(filters, 'b');
  // One pass over the bookings, each joined to its session's arms of the tactics in A/B (session_tactics
  // has one row per session, tactic and variant: a booking counts once per arm its session met).
  const sql = `SELECT a.tactic AS tactic, a.variant AS variant, COUNT(*) AS n, SUM(b.total_minor) AS sum,
                 SUM(b.total_minor * b.total_minor) AS sumSquares
               FROM bookings b
               JOIN session_tactics a ON a.session_id = b.session_id
                 AND a.tactic IN (SELECT code FROM tactics WHERE mode = 'ab') AND a.variant IN ('A', 'B')
               WHERE ${f.where}
               GROUP BY a.tactic, a.variant`;
  return statement(db, sql).all(f.params) as ArmBookingsRow[];
}

export function tacticsInAb(db: Db): { code: string; name: string; darkPattern: number }[] {
  return statement(db, "SELECT code, name, dark_pattern AS darkPattern FROM tactics WHERE mode = 'ab' ORDER BY rowid").all() as {
    code: string;
    name: string;
    darkPattern: number;
  }[];
}

/**
 * Per group key, the bookings whose upsell and cross-sell lines in any of its categories add up to more than
 * nothing, refunds deducted (one pass over the bookings' lines: a booking counts once per group).
 */
export function attachedBookings(db: Db, filters: DashboardFilters, groups: readonly { key: string; categories: readonly string[] }[]): Record<string, number> {
  const f = sqlFilter(filters, 'b');
  const params: Record<string, string | number> = { ...f.params };
  const columns = groups.map((g, gi) => {
    const list = g.categories.map((c, ci) => {
      params[`g${gi}c${ci}`] = c;
      return `@g${gi}c${ci}`;
    });
    // Net of refunds: a hotel or car bought and cancelled free of charge (+x, then −x) is not attached.
    return `(SUM(CASE WHEN bi.category IN (${list.join(', ')}) THEN bi.total_minor ELSE 0 END) > 0) AS g${gi}`;
  });
  const sql = `SELECT ${groups.map((_, gi) => `COALESCE(SUM(x.g${gi}), 0) AS g${gi}`).join(', ')}
               FROM (SELECT ${columns.join(', ')} FROM bookings b JOIN booking_items bi ON bi.booking_id = b.id
                     WHERE bi.kind IN ('upsell', 'cross_sell') AND ${f.where} GROUP BY b.id) x`;
  const row = statement(db, sql).get(params) as Record<string, number>;
  return Object.fromEntries(groups.map((g, gi) => [g.key, row[`g${gi}`] ?? 0]));
}

/** What the filter form offers: the routes, fare families and tactics of the catalogue. */
export function filterOptionRows(db: Db) {
  return {
    routes: statement(db, 'SELECT origin, destination FROM routes ORDER BY origin, destination').all() as { origin: string; destination: string }[],
    families: statement(db, 'SELECT code, name FROM fare_families ORDER BY rank').all() as { code: string; name: string }[],
    tactics: statement(db, 'SELECT code, name FROM tactics ORDER BY rowid').all() as { code: string; name: string }[],
  };
}
