// The dashboard's filters: parsed with zod at the edge (the GET form's query), checked against the
// catalogue (an unknown route or fare family is refused), and turned into SQL conditions with named
// parameters for each table the figures read. Every filter but traffic and time is session-scoped:
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
 * The conditions for rows of a table aliased `alias` that has `simulated`, `created_at` and `session_id`
 * columns. The time range is inclusive of both days (UTC).
 */
export function sqlFilter(filters: DashboardFilters, alias: string): SqlFilter {
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
