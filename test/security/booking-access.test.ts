// A booking reference alone opens nothing: the booking's pages and purchases are for the session that
// made it, or for a visitor who proved it with the reference and a passenger's family name at /manage.
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { BOOKING_ACCESS_COOKIE, LOOKUP_FAILED } from '../../src/features/manage/booking-access.ts';
import { createTestApp, postForm, text, type TestContext } from '../helpers/app.ts';
import { payAndBook, reachReview, RETURN_TRIP } from '../payment/pay-flow.ts';

async function booked(ctx: TestContext) {
  const id = await reachReview(ctx, RETURN_TRIP);
  const reference = await payAndBook(ctx, id);
  const bookingId = ctx.db.prepare('SELECT id FROM bookings WHERE reference = ?').pluck().get(reference) as number;
  return { id, reference, bookingId, url: `/bookings/${reference}` };
}

const lisbonHotel = (ctx: TestContext) => ctx.db.prepare("SELECT id FROM hotels WHERE airport_code = 'LIS' LIMIT 1").pluck().get() as number;
/** The stay a return trip DUB–LIS 10 → 14 December allows: its four nights. */
const hotelFields = (ctx: TestContext) => ({ hotel: String(lisbonHotel(ctx)), nights: '4', rooms: '1' });
const totalOf = (ctx: TestContext, bookingId: number) => ctx.db.prepare('SELECT total_minor FROM bookings WHERE id = ?').pluck().get(bookingId) as number;

/** Everything personal the confirmation shows: none of it may reach a stranger. */
function personalData(ctx: TestContext, bookingId: number): string[] {
  const tickets = ctx.db.prepare('SELECT ticket_number FROM passengers WHERE booking_id = ?').pluck().all(bookingId) as string[];
  const last4 = ctx.db.prepare('SELECT card_last4 FROM payments WHERE booking_id = ?').pluck().all(bookingId) as string[];
  return ['Lovelace', 'ada@example.com', ...tickets, ...last4.map((l) => `ending ${l}`)];
}

describe('booking access: the session that booked, or a look-up by reference and family name', () => {
  it('shows the confirmation to the session that made the booking, with a way back through Manage booking', async () => {
    const ctx = createTestApp();
    const { url } = await booked(ctx);
    const page = await ctx.agent.get(url);
    expect(page.status).toBe(200);
    expect(page.text).toContain('data-testid="manage-link"');
    expect(page.text).toMatch(/href="\/manage"/);
  });

  it('shows a stranger holding only the reference nothing: a 404 with the look-up form, like an unknown reference', async () => {
    const ctx = createTestApp();
    const { reference, bookingId } = await booked(ctx);
    const stranger = request.agent(ctx.app);
    const real = await stranger.get(`/bookings/${reference}`);
    const unknown = await stranger.get('/bookings/ZZZZZZ');
    expect(real.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(real.text).toContain('data-testid="manage-form"');
    for (const secret of personalData(ctx, bookingId)) expect(text(real.text)).not.toContain(secret);
    // The same page but for the reference typed into the form: nothing tells a real reference from a made-up one.
    const strip = (html: string) => text(html).replace(reference, 'REF').replace('ZZZZZZ', 'REF').replace(/value="[^"]*"/g, '');
    expect(strip(real.text).replace(/[a-f0-9]{64}\.[a-f0-9]{64}/g, '')).toBe(strip(unknown.text).replace(/[a-f0-9]{64}\.[a-f0-9]{64}/g, ''));
  });

  it('lets a stranger buy nothing: a hotel posted from their own session with their own CSRF token is a 404 and charges nothing', async () => {
    const ctx = createTestApp();
    const { reference, bookingId } = await booked(ctx);
    const before = totalOf(ctx, bookingId);
    const stranger = request.agent(ctx.app);
    const res = await postForm(stranger, '/manage', `/bookings/${reference}/hotel`, hotelFields(ctx));
    expect(res.status).toBe(404);
    expect(totalOf(ctx, bookingId)).toBe(before);
    expect(ctx.db.prepare("SELECT count(*) FROM booking_items WHERE booking_id = ? AND category = 'hotel'").pluck().get(bookingId)).toBe(0);
    expect(ctx.db.prepare('SELECT count(*) FROM payments WHERE booking_id = ?').pluck().get(bookingId)).toBe(1);
  });

  it('opens the booking after a look-up with the reference and family name in any case and with spaces, for 30 minutes, with a signed HttpOnly cookie', async () => {
    const ctx = createTestApp();
    const { reference, bookingId, url } = await booked(ctx);
    const visitor = request.agent(ctx.app);
    const found = await postForm(visitor, '/manage', '/manage', { reference: `  ${reference.toLowerCase()} `, familyName: '  lOVELACE ' });
    expect(found.status).toBe(303);
    expect(found.headers.location).toBe(`${url}/manage`); // the Manage booking page
    const cookie = (found.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith(`${BOOKING_ACCESS_COOKIE}=`))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/Max-Age=1800/);
    expect(cookie).toMatch(/SameSite=Lax/i);

    const page = await visitor.get(url);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`data-testid="booking-reference">${reference}<`);

    // Proof is enough to buy: the hotel goes on the booking.
    const before = totalOf(ctx, bookingId);
    const bought = await postForm(visitor, url, `${url}/hotel`, hotelFields(ctx));
    expect(bought.status, text(bought.text).slice(0, 400)).toBe(303);
    expect(totalOf(ctx, bookingId)).toBeGreaterThan(before);

    // Half an hour later the proof has lapsed.
    ctx.clock.advance(30 * 60_000 + 1);
    expect((await visitor.get(url)).status).toBe(404);
  });

  it('answers a wrong reference and a wrong family name with the same 422 and the same message', async () => {
    const ctx = createTestApp();
    const { reference } = await booked(ctx);
    const visitor = request.agent(ctx.app);
    const wrongName = await postForm(visitor, '/manage', '/manage', { reference, familyName: 'Babbage' });
    const wrongRef = await postForm(visitor, '/manage', '/manage', { reference: reference === 'ZZZZZZ' ? 'YYYYYY' : 'ZZZZZZ', familyName: 'Lovelace' });
    for (const res of [wrongName, wrongRef]) {
      expect(res.status).toBe(422);
      expect(text(res.text)).toContain(LOOKUP_FAILED);
      expect(res.headers['set-cookie'] ?? []).not.toEqual(expect.arrayContaining([expect.stringContaining(BOOKING_ACCESS_COOKIE)]));
    }
    const strip = (html: string) => text(html.replace(/value="[^"]*"/g, ''));
    expect(strip(wrongName.text)).toBe(strip(wrongRef.text));
  });

  it('re-renders the look-up with what was typed and a message per empty field (422)', async () => {
    const ctx = createTestApp();
    const res = await postForm(ctx.agent, '/manage', '/manage', { reference: 'k7', familyName: '' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('value="k7"');
    expect(res.text).toContain('data-testid="error-reference"');
    expect(res.text).toContain('data-testid="error-familyName"');
  });

  it('does not let a look-up cookie open the booking for another session (the proof is tied to the session)', async () => {
    const ctx = createTestApp();
    const { reference, url } = await booked(ctx);
    const visitor = request.agent(ctx.app);
    const found = await postForm(visitor, '/manage', '/manage', { reference, familyName: 'Lovelace' });
    const accessCookie = (found.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith(`${BOOKING_ACCESS_COOKIE}=`))!.split(';')[0]!;
    // Another visitor with the stolen cookie but its own session, and a forged one.
    expect((await request(ctx.app).get(url).set('Cookie', accessCookie)).status).toBe(404);
    // A session of its own with a forged proof (far expiry, made-up signature).
    const sid = ((await request(ctx.app).get('/manage')).headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('skylark.sid='))!.split(';')[0]!;
    const forged = `${BOOKING_ACCESS_COOKIE}=${reference}.${Date.parse('2030-01-01')}.${'A'.repeat(43)}`;
    expect((await request(ctx.app).get(url).set('Cookie', `${sid}; ${forged}`)).status).toBe(404);
  });

  it('marks booking, manage and checkout pages Cache-Control: no-store', async () => {
    const ctx = createTestApp();
    const { id, url } = await booked(ctx);
    for (const path of [url, '/manage', `/checkouts/${id}/review`]) {
      const res = await ctx.agent.get(path);
      expect(res.headers['cache-control'], path).toBe('no-store');
    }
    const other = await reachReview(ctx);
    expect((await ctx.agent.get(`/checkouts/${other}/passengers`)).headers['cache-control']).toBe('no-store');
    expect((await ctx.agent.get('/')).headers['cache-control']).not.toBe('no-store');
  });

  it('keeps the API contract: GET /api/v1/bookings/{reference} needs a passenger family name, whatever the session', async () => {
    const ctx = createTestApp();
    const { reference } = await booked(ctx);
    const stranger = request(ctx.app);
    expect((await stranger.get(`/api/v1/bookings/${reference}?lastName=lovelace`)).status).toBe(200);
    const wrong = await stranger.get(`/api/v1/bookings/${reference}?lastName=Babbage`);
    expect(wrong.status).toBe(404);
    expect(wrong.body.detail).toBe(LOOKUP_FAILED);
    expect(wrong.headers['cache-control']).toBe('no-store');
    // The owner's own session still has to say the name: the API's contract is unchanged.
    expect((await ctx.agent.get(`/api/v1/bookings/${reference}`)).status).toBe(422);
  });
});
