import { describe, expect, it } from 'vitest';
import { dashboardFigures } from '../../src/features/dashboard/figures.ts';
import { DEFAULT_FILTERS } from '../../src/features/dashboard/filters.ts';
import { createTrainerApp, signIn } from '../trainer/trainer-helpers.ts';
import { addBooking } from './dashboard-helpers.ts';
import request from 'supertest';

describe('live workshop mode', () => {
  it('shows a QR code (SVG with an accessible name) linking to the customer flow tagged with the workshop', async () => {
    const ctx = createTrainerApp();
    await signIn(ctx.agent);
    const res = await ctx.agent.get('/trainer/workshop?code=lisbon-march');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/<svg role="img" aria-label="QR code: http:\/\/127\.0\.0\.1:\d+\/\?workshop=lisbon-march" xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(res.text).toContain('href="/trainer/dashboard?workshop=lisbon-march"');
  });

  it('refuses a bad workshop code with 422 and is for trainers only', async () => {
    const ctx = createTrainerApp();
    expect((await ctx.agent.get('/trainer/workshop?code=x')).status).toBe(303);
    await signIn(ctx.agent);
    const res = await ctx.agent.get('/trainer/workshop?code=%3Cscript%3E');
    expect(res.status).toBe(422);
    expect(res.text).toContain('A workshop code is 3-32');
  });

  it("tags the sessions that come in through the QR link, and the dashboard's workshop filter counts only them", async () => {
    const ctx = createTrainerApp();
    const phone = request.agent(ctx.app);
    await phone.get('/?workshop=lisbon-march');
    const [row] = ctx.db.prepare('SELECT session_id AS sessionId, workshop FROM workshop_sessions').all() as { sessionId: string; workshop: string }[];
    expect(row!.workshop).toBe('lisbon-march');
    addBooking(ctx.db, { session: row!.sessionId, totalMinor: 500, passengers: 1 });
    addBooking(ctx.db, { session: 'elsewhere', totalMinor: 900, passengers: 1 });
    expect(dashboardFigures(ctx.db, { ...DEFAULT_FILTERS, workshop: 'lisbon-march' })).toMatchObject({ bookings: 1, revenueMinor: 500 });
    expect(dashboardFigures(ctx.db, { ...DEFAULT_FILTERS, workshop: 'other-room' }).bookings).toBe(0);
    expect(dashboardFigures(ctx.db, DEFAULT_FILTERS).bookings).toBe(2);
  });
});
