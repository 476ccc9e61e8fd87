// CSV export of offer events and of bookings with the dashboard's filters, streamed: rows are read
// in pages of EXPORT_PAGE by id (keyset), each page with better-sqlite3's .iterate() and written as
// it comes; between pages the response may drain, so a million rows are never in memory and the
// database connection is never held open across an await (other requests keep being served).
import type { Response } from 'express';
import type { Db } from '../../db/database.ts';
import { sqlFilter, type DashboardFilters } from './filters.ts';
import { statement } from './figures.repository.ts';

export const EXPORT_PAGE = 1000;

export const OFFER_EVENT_COLUMNS = [
  'id', 'created_at', 'session_id', 'checkout_id', 'booking_id', 'offer_code', 'kind', 'category', 'placement',
  'tactic', 'variant', 'item_key', 'event', 'price_minor', 'currency', 'simulated',
] as const;
// No contact details: the export is for measuring, not for reaching customers.
export const BOOKING_COLUMNS = ['id', 'reference', 'created_at', 'session_id', 'checkout_id', 'total_minor', 'currency', 'passengers', 'simulated'] as const;

export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly unknown[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

function pageSql(kind: 'offer-events' | 'bookings', filters: DashboardFilters) {
  if (kind === 'offer-events') {
    const f = sqlFilter(filters, 'e');
    const columns = OFFER_EVENT_COLUMNS.map((c) => `e.${c}`).join(', ');
    return { sql: `SELECT ${columns} FROM offer_events e WHERE e.id > @after AND ${f.where} ORDER BY e.id LIMIT ${EXPORT_PAGE}`, params: f.params };
  }
  const f = sqlFilter(filters, 'b');
  return {
    sql: `SELECT b.id, b.reference, b.created_at, b.session_id, b.checkout_id, b.total_minor, b.currency,
            (SELECT COUNT(*) FROM passengers p WHERE p.booking_id = b.id) AS passengers, b.simulated
          FROM bookings b WHERE b.id > @after AND ${f.where} ORDER BY b.id LIMIT ${EXPORT_PAGE}`,
    params: f.params,
  };
}

/** Writes the CSV to `out` page by page; resolves when the last row is written (or the client went away). */
export async function streamCsv(db: Db, kind: 'offer-events' | 'bookings', filters: DashboardFilters, out: Response): Promise<void> {
  const columns = kind === 'offer-events' ? OFFER_EVENT_COLUMNS : BOOKING_COLUMNS;
  const q = pageSql(kind, filters);
  const page = statement(db, q.sql).raw(true);
  out.write(csvLine(columns));
  let after = 0;
  for (;;) {
    let rows = 0;
    let ready = true;
    for (const row of page.iterate({ ...q.params, after }) as IterableIterator<unknown[]>) {
      ready = out.write(csvLine(row));
      after = row[0] as number;
      rows += 1;
    }
    if (rows < EXPORT_PAGE || out.destroyed) break;
    if (!ready) {
      await new Promise<void>((resolve) => {
        const done = () => {
          out.off('drain', done);
          out.off('close', done);
          resolve();
        };
        out.on('drain', done);
        out.on('close', done);
      });
    }
  }
  out.end();
}
