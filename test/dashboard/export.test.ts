import { describe, expect, it } from 'vitest';
import { EXPORT_PAGE, OFFER_EVENT_COLUMNS, BOOKING_COLUMNS, csvLine } from '../../src/features/dashboard/export.ts';
import { OFFER } from '../../src/features/offers/codes.ts';
import { createTrainerApp, signIn } from '../trainer/trainer-helpers.ts';
import { addBooking, addEvents } from './dashboard-helpers.ts';

/** RFC 4180 parsing (quoted fields with "" and line breaks), enough to read our export back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
    else field += c;
  }
  return rows;
}

const asText = (rows: Record<string, unknown>[], columns: readonly string[]) => rows.map((r) => columns.map((c) => (r[c] === null ? '' : String(r[c]))));

describe('CSV export', () => {
  it('quotes fields with commas, quotes and line breaks', () => {
    expect(csvLine(['a,b', 'say "hi"', 'x\ny', null, 3])).toBe('"a,b","say ""hi""","x\ny",,3\r\n');
  });

  it('exports every offer event of the filters, equal to the database, across several pages', async () => {
    const ctx = createTrainerApp();
    addEvents(ctx.db, { session: 'a,"b"', offer: OFFER.HOTEL_STAY, placement: 'confirmation', event: 'shown', count: EXPORT_PAGE + 7 });
    addEvents(ctx.db, { session: 's2', offer: OFFER.HOTEL_STAY, placement: 'confirmation', event: 'accepted', count: EXPORT_PAGE });
    addEvents(ctx.db, { session: 'sim', offer: OFFER.HOTEL_STAY, placement: 'confirmation', event: 'shown', simulated: true, count: 5 });
    await signIn(ctx.agent);
    const res = await ctx.agent.get('/trainer/export/offer-events.csv?traffic=real').buffer(true).parse((r, cb) => {
      let data = '';
      r.setEncoding('utf8');
      r.on('data', (chunk: string) => (data += chunk));
      r.on('end', () => cb(null, data));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="skylark-offer-events-real-/);
    const [header, ...rows] = parseCsv(res.body as string);
    expect(header).toEqual([...OFFER_EVENT_COLUMNS]);
    const expected = ctx.db.prepare(`SELECT ${OFFER_EVENT_COLUMNS.join(', ')} FROM offer_events WHERE simulated = 0 ORDER BY id`).all() as Record<string, unknown>[];
    expect(expected).toHaveLength(2 * EXPORT_PAGE + 7);
    expect(rows).toEqual(asText(expected, OFFER_EVENT_COLUMNS));
  });

  it('exports the bookings of the filters (simulated only here) with their passenger counts', async () => {
    const ctx = createTrainerApp();
    addBooking(ctx.db, { session: 'r', totalMinor: 100, passengers: 1 });
    addBooking(ctx.db, { session: 's1', totalMinor: 300, passengers: 2, simulated: true });
    await signIn(ctx.agent);
    const res = await ctx.agent.get('/trainer/export/bookings.csv?traffic=simulated');
    const [header, ...rows] = parseCsv(res.text);
    expect(header).toEqual([...BOOKING_COLUMNS]);
    expect(rows).toHaveLength(1);
    expect(rows[0]![BOOKING_COLUMNS.indexOf('total_minor')]).toBe('300');
    expect(rows[0]![BOOKING_COLUMNS.indexOf('passengers')]).toBe('2');
  });

  it('refuses bad filters with 422 and is for trainers only', async () => {
    const ctx = createTrainerApp();
    expect((await ctx.agent.get('/trainer/export/bookings.csv')).status).toBe(303);
    await signIn(ctx.agent);
    expect((await ctx.agent.get('/trainer/export/bookings.csv?route=XXX-YYY')).status).toBe(422);
  });
});
