// Issue 14, item 6 (trust and after-sale): the hotel on the confirmation, "Add to calendar", dates in words.
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { foldLine } from '../../src/features/bookings/calendar.ts';
import { longDate } from '../../src/lib/time.ts';
import { createTestApp, postForm, text, type TestContext } from '../helpers/app.ts';
import { FAMILY_NAME } from '../helpers/fixtures.ts';
import { addExtra, payAndBook, reachReview, RETURN_TRIP } from '../payment/pay-flow.ts';

const byTestId = (html: string, id: string) => text(new RegExp(`data-testid="${id}"[^>]*>([\\s\\S]*?)</(?:span|dd|td|p|li|strong|section)>`).exec(html)?.[1] ?? '').trim();

async function booked(ctx: TestContext, arrange?: (id: string) => void) {
  const id = await reachReview(ctx, RETURN_TRIP);
  arrange?.(id);
  const reference = await payAndBook(ctx, id);
  return { id, reference, url: `/bookings/${reference}` };
}

function lisbonHotel(ctx: TestContext) {
  return ctx.db.prepare("SELECT id, name, area FROM hotels WHERE airport_code = 'LIS' ORDER BY nightly_minor LIMIT 1").get() as { id: number; name: string; area: string };
}

/** RFC 5545 section 3.1: unfolds continuation lines (CRLF followed by one space or tab). */
function unfold(ics: string): string[] {
  return ics.replace(/\r\n[ \t]/g, '').split('\r\n').filter((l) => l !== '');
}

function events(ics: string): Array<Record<string, string>> {
  const result: Array<Record<string, string>> = [];
  let current: Record<string, string> | null = null;
  for (const line of unfold(ics)) {
    if (line === 'BEGIN:VEVENT') current = {};
    else if (line === 'END:VEVENT') {
      result.push(current!);
      current = null;
    } else if (current) {
      const colon = line.indexOf(':');
      current[line.slice(0, colon)] = line.slice(colon + 1);
    }
  }
  return result;
}

const utc = (iso: string) => new Date(iso).toISOString().replace(/[-:]/g, '').replace('.000', '');

describe('the confirmation after the sale', () => {
  it('shows the hotel booked with the flights: name, area, check-in and check-out in words, nights and rooms', async () => {
    const ctx = createTestApp();
    const hotel = lisbonHotel(ctx);
    const { url } = await booked(ctx, (id) => addExtra(ctx, id, { itemKey: 'hotel', offerCode: 'HOTEL_STAY', hotelId: hotel.id, checkIn: '2026-12-10', nights: 4, rooms: 2 }));
    const html = (await ctx.agent.get(url)).text;
    expect(byTestId(html, 'hotel-stay-name')).toBe(hotel.name);
    expect(byTestId(html, 'hotel-stay-area')).toBe(hotel.area);
    expect(byTestId(html, 'hotel-stay-check-in')).toBe(longDate('2026-12-10')) // the runtime's Intl words, e.g. "Thu 10 Dec 2026";
    expect(byTestId(html, 'hotel-stay-check-out')).toBe(longDate('2026-12-14'));
    expect(byTestId(html, 'hotel-stay-nights')).toBe('4 nights, 2 rooms');
  });

  it('shows the hotel added on the confirmation itself, and no hotel block for a booking without one', async () => {
    const ctx = createTestApp();
    const hotel = lisbonHotel(ctx);
    const { url } = await booked(ctx);
    expect((await ctx.agent.get(url)).text).not.toContain('data-testid="hotel-stay"');
    const added = await postForm(ctx.agent, url, `${url}/hotel`, { hotel: String(hotel.id), nights: '4', rooms: '1' });
    expect(added.status).toBe(303);
    const html = (await ctx.agent.get(url)).text;
    expect(byTestId(html, 'hotel-stay-name')).toBe(hotel.name);
    expect(byTestId(html, 'hotel-stay-nights')).toBe('4 nights, 1 room');
  });

  it('shows no ISO date (YYYY-MM-DD) anywhere a customer reads the confirmation, receipt included', async () => {
    const ctx = createTestApp();
    const hotel = lisbonHotel(ctx);
    const { url } = await booked(ctx, (id) => addExtra(ctx, id, { itemKey: 'hotel', offerCode: 'HOTEL_STAY', hotelId: hotel.id, checkIn: '2026-12-10', nights: 4, rooms: 1 }));
    const visible = text((await ctx.agent.get(url)).text.replace(/<(script|style)[\s\S]*?<\/\1>/g, ''));
    expect(visible).not.toMatch(/\b20\d\d-\d\d-\d\d\b/);
    expect(visible).toContain(`from ${longDate('2026-12-10')}`);
  });
});

describe('GET /bookings/:reference/calendar.ics, "Add to calendar"', () => {
  it('is linked from the confirmation', async () => {
    const ctx = createTestApp();
    const { url, reference } = await booked(ctx);
    expect((await ctx.agent.get(url)).text).toMatch(new RegExp(`href="/bookings/${reference}/calendar.ics" download data-testid="add-to-calendar"`));
  });

  it('answers an RFC 5545 calendar: CRLF lines of at most 75 octets, one VEVENT per flight in UTC with a UID and a DTSTAMP', async () => {
    const ctx = createTestApp();
    const { id, url, reference } = await booked(ctx);
    const res = await ctx.agent.get(`${url}/calendar.ics`).buffer(true).parse((r, done) => {
      let body = '';
      r.setEncoding('utf8');
      r.on('data', (chunk: string) => (body += chunk));
      r.on('end', () => done(null, body));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar; charset=utf-8/);
    expect(res.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="?skylark-${reference}\\.ics"?$`));
    const ics = res.body as string;
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/); // no bare CR or LF
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8'), line).toBeLessThanOrEqual(75);
    const head = unfold(ics);
    expect(head).toContain('VERSION:2.0');
    expect(head.some((l) => l.startsWith('PRODID:'))).toBe(true);

    const flights = ctx.db
      .prepare('SELECT cf.direction, f.flight_number, f.departs_at, f.arrives_at FROM checkout_flights cf JOIN flights f ON f.id = cf.flight_id WHERE cf.checkout_id = ? ORDER BY cf.direction DESC')
      .all(id) as Array<{ direction: string; flight_number: string; departs_at: string; arrives_at: string }>;
    const vevents = events(ics);
    expect(vevents).toHaveLength(flights.length);
    expect(new Set(vevents.map((e) => e.UID)).size).toBe(flights.length);
    for (const flight of flights) {
      const event = vevents.find((e) => e.DTSTART === utc(flight.departs_at));
      expect(event, flight.flight_number).toBeDefined();
      expect(event!.DTEND).toBe(utc(flight.arrives_at));
      expect(event!.DTSTAMP).toMatch(/^\d{8}T\d{6}Z$/);
      expect(event!.UID).toContain(reference);
      expect(event!.SUMMARY).toContain(flight.flight_number);
      expect(event!.DESCRIPTION).toContain(`Booking reference ${reference}`);
    }
  });

  it('is refused to a stranger with the reference alone (404, the look-up form, no calendar), and opened by the Manage booking look-up', async () => {
    const ctx = createTestApp();
    const { url, reference } = await booked(ctx);
    const stranger = request.agent(ctx.app);
    const refused = await stranger.get(`${url}/calendar.ics`);
    expect(refused.status).toBe(404);
    expect(refused.text).not.toContain('BEGIN:VCALENDAR');
    expect(refused.text).toContain('data-testid="manage-form"');

    const lookedUp = await postForm(stranger, '/manage', '/manage', { reference, familyName: FAMILY_NAME });
    expect(lookedUp.status).toBe(303);
    const opened = await stranger.get(`${url}/calendar.ics`);
    expect(opened.status).toBe(200);
    expect(opened.text).toContain('BEGIN:VEVENT');
  });

  it('folds a long line without splitting a character, each continuation starting with a space', () => {
    const line = `SUMMARY:${'Zürich → Lisboa '.repeat(12)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(1);
    for (const [i, part] of parts.entries()) {
      expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
      if (i > 0) expect(part.startsWith(' ')).toBe(true);
    }
    expect(folded.replace(/\r\n /g, '')).toBe(line);
  });
});
