// The dashboard's filters: parsed with zod at the edge (the GET form's query), checked against the
// catalogue (an unknown route or fare family is refused), and turned into SQL conditions with named
// parameters for each table the figures read (sqlFilter) and for the rollups (rollupFilter). Every filter but traffic and time is session-scoped:
// a session is in when one of its checkouts flew the route / fare family, when it met the tactic's
// variant, and (dark patterns out) when no dark-pattern demonstration was applied to it.
import { z } from 'zod';
import type { Db } from '../../db/database.ts';
import { ValidationError, type Issue } from '../../lib/errors.ts';
import { parseInput } from '../../lib/validation.ts';
import { TACTIC_CODES } from '../offers/codes.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A workshop's code, as its QR code's link carries it (/?workshop=<code>). */
export const WORKSHOP_CODE = /^[a-z0-9-]{3,32}$/;
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

export const DashboardFiltersSchema = z.strictObject({
  from: optional(z.string().regex(DATE, 'Enter a date, for example 14 March 2027.')),
  to: optional(z.string().regex(DATE, 'Enter a date, for example 14 March 2027.')),
  route: optional(z.string().regex(/^[A-Z]{3}-[A-Z]{3}$/, 'Choose a route like LIS-LHR.')),
  family: optional(z.string().regex(/^[a-z_]{1,32}$/, 'Choose a fare family from the list.')),
  traffic: z.preprocess(blankToUndefined, z.enum(['real', 'simulated'], 'Choose real or simulated traffic.').default('real')),
  tactic: optional(z.enum(TACTIC_CODES, 'Choose a tactic from the list.')),
  variant: optional(z.enum(['A', 'B', 'on'], 'Choose variant A, B or on.')),
  dark: z.preprocess(blankToUndefined, z.enum(['in', 'out'], 'Choose whether dark-pattern demonstrations count.').default('in')),
  workshop: optional(z.string().regex(WORKSHOP_CODE, 'A workshop code is 3-32 lower-case letters, digits or dashes.')),
});
export type DashboardFilters = z.infer<typeof DashboardFiltersSchema>;

export const DEFAULT_FILTERS: DashboardFilters = { traffic: 'real', dark: 'in' };

function validDate(value: string): boolean {
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** Parses the filters and checks them against the catalogue. Throws a ValidationError with paths `from`, `to`, `route`, `family`, `variant`. */
export function parseDashboardFilters(db: Db, raw: unknown): DashboardFilters {
  const filters = parseInput(DashboardFiltersSchema, raw, 'Some filters need another look.');
  const issues: Issue[] = [];
  if (filters.from && !validDate(filters.from)) issues.push({ path: ['from'], message: 'That date does not exist.', code: 'invalid_date' });
  if (filters.to && !validDate(filters.to)) issues.push({ path: ['to'], message: 'That date does not exist.', code: 'invalid_date' });
  if (filters.from && filters.to && filters.from > filters.to) {
    issues.push({ path: ['to'], message: 'The end of the time range is before its start: swap the dates.', code: 'reversed_range' });
  }
  if (filters.route) {
    const [origin, destination] = filters.route.split('-');
    if (!db.prepare('SELECT 1 FROM routes WHERE origin = ? AND destination = ?').get(origin, destination)) {
      issues.push({ path: ['route'], message: `We fly no route ${filters.route}: choose one from the list.`, code: 'unknown_route' });
    }
  }
  if (filters.family && !db.prepare('SELECT 1 FROM fare_families WHERE code = ?').get(filters.family)) {
    issues.push({ path: ['family'], message: 'We sell no such fare family: choose one from the list.', code: 'unknown_fare_family' });
  }
  if (filters.variant && !filters.tactic) {
    issues.push({ path: ['variant'], message: 'Choose the tactic the variant belongs to.', code: 'variant_without_tactic' });
  }
  if (issues.length > 0) throw new ValidationError('Some filters need another look.', issues);
  return filters;
}

/** The query string of the filters (for links: the CSV export keeps them). */
export function filtersQuery(filters: DashboardFilters): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value !== undefined) params.set(key, String(value));
  return params.toString();
}

export type SqlFilter = { where: string; params: Record<string, string | number> };

function dayAfter(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The session-scoped filters as conditions on a cohort aliased `k` (migration 013: sessions that share
 * their workshop, tactic arms and checkouts' fare families). `positive`: family (without a route: with
 * one, route and family must be the same checkout's, see routeSessions), tactic and workshop; `dark`:
 * the cohort met a dark-pattern demonstration (on, or arm B).
 */
function cohortConditions(filters: DashboardFilters, params: Record<string, string | number>): { positive: string[]; dark: string } {
  const positive: string[] = [];
  if (filters.family && !filters.route) {
    params.family = filters.family;
    positive.push('EXISTS (SELECT 1 FROM cohort_families cf WHERE cf.cohort_id = k.id AND cf.family = @family)');
  }
  if (filters.tactic) {
    params.tactic = filters.tactic;
    const variant = filters.variant ? ' AND ct.variant = @variant' : '';
    if (filters.variant) params.variant = filters.variant;
    positive.push(`EXISTS (SELECT 1 FROM cohort_tactics ct WHERE ct.cohort_id = k.id AND ct.tactic = @tactic${variant})`);
  }
  if (filters.workshop) {
    params.workshop = filters.workshop;
    positive.push('k.workshop = @workshop');
  }
  const dark = `EXISTS (SELECT 1 FROM cohort_tactics d JOIN tactics dt ON dt.code = d.tactic
      WHERE d.cohort_id = k.id AND dt.dark_pattern = 1 AND d.variant IN ('on', 'B'))`;
  return { positive, dark };
}

/**
 * The sessions with a checkout whose outbound flight is on the route (and in the fare family, the same
 * checkout's), as a query: flights by route, checkout_flights_by_flight, checkouts. Undefined without a route.
 */
export function routeSessions(filters: DashboardFilters, params: Record<string, string | number>): string | undefined {
  if (!filters.route) return undefined;
  const [origin, destination] = filters.route.split('-');
  params.origin = origin!;
  params.destination = destination!;
  if (filters.family) params.family = filters.family;
  return `SELECT DISTINCT c.session_id FROM flights fl
      JOIN checkout_flights cf ON cf.flight_id = fl.id AND cf.direction = 'outbound'${filters.family ? ' AND cf.family = @family' : ''}
      JOIN checkouts c ON c.id = cf.checkout_id
      WHERE fl.origin = @origin AND fl.destination = @destination`;
}

/**
 * The conditions for rows of a table aliased `alias` that has `simulated`, `created_at` and `session_id`
 * columns (offer_events, bookings, funnel_events, arm_session_days without its day). The time range is
 * inclusive of both days (UTC). Session-scoped filters go through the session's cohort (tens of rows),
 * the route through routeSessions; `routeJoined`: the caller joined routeSessions already.
 */
export function sqlFilter(filters: DashboardFilters, alias: string, options: { routeJoined?: boolean } = {}): SqlFilter {
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
  const route = routeSessions(filters, params);
  if (route && !options.routeJoined) where.push(`${alias}.session_id IN (${route})`);
  const { positive, dark } = cohortConditions(filters, params);
  if (positive.length > 0) {
    // The row's session's cohort (one probe of session_cohorts' key) in the matching cohorts (a list of
    // tens, built once per query): cheaper than building the set of their sessions (half of all, at times).
    where.push(`(SELECT sc.cohort_id FROM session_cohorts sc WHERE sc.session_id = ${alias}.session_id)
      IN (SELECT k.id FROM cohorts k WHERE ${positive.join(' AND ')})`);
  }
  // "Left out": a session without a cohort (0: no cohort has that id) met no demonstration.
  if (filters.dark === 'out') {
    where.push(`coalesce((SELECT sc.cohort_id FROM session_cohorts sc WHERE sc.session_id = ${alias}.session_id), 0)
      NOT IN (SELECT k.id FROM cohorts k WHERE ${dark})`);
  }
  return { where: where.join('\n  AND '), params };
}

/**
 * The conditions for rows of a rollup aliased `alias` (offer_event_counts, funnel_counts: `simulated`,
 * `day`, `cohort_id`). Equal to sqlFilter on the rows they count: a day is inside the range exactly
 * when its rows' created_at are. Not for a route (routeSessions): the rollups have no route.
 */
export function rollupFilter(filters: DashboardFilters, alias: string): SqlFilter {
  if (filters.route) throw new Error('The rollups have no route: read the route\'s sessions (routeSessions).');
  const where: string[] = [`${alias}.simulated = @simulated`];
  const params: Record<string, string | number> = { simulated: filters.traffic === 'simulated' ? 1 : 0 };
  if (filters.from) {
    where.push(`${alias}.day >= @from`);
    params.from = filters.from;
  }
  if (filters.to) {
    where.push(`${alias}.day <= @to`);
    params.to = filters.to;
  }
  const { positive, dark } = cohortConditions(filters, params);
  const conditions = [...positive, ...(filters.dark === 'out' ? [`NOT ${dark}`] : [])];
  if (conditions.length > 0) where.push(`${alias}.cohort_id IN (SELECT k.id FROM cohorts k WHERE ${conditions.join(' AND ')})`);
  return { where: where.join('\n  AND '), params };
}
