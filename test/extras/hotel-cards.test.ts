// Hotel cards on the extras step (issue 14, item 4): a picture, the guest rating, the area and the
// free-cancellation terms of each hotel, from the catalogue (migration 015, seeded the same way).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hotelDetails } from '../../src/features/catalogue/hotels.ts';
import { atExtras, byTestId, FAMILY_TO_LISBON, hotelIds } from './extras-helpers.ts';

type HotelRow = { id: number; stars: number; area: string; rating_tenths: number; free_cancel_days: number | null };

describe('hotel cards', () => {
  it('show each hotel with a picture, its rating out of 10, its area and its cancellation terms', async () => {
    const ctx = await atExtras(FAMILY_TO_LISBON);
    const page = await ctx.agent.get(ctx.url);
    const rows = ctx.db.prepare("SELECT id, stars, area, rating_tenths, free_cancel_days FROM hotels WHERE airport_code = 'LIS'").all() as HotelRow[];
    expect(rows.length).toBeGreaterThan(2);
    for (const h of rows) {
      expect(page.text).toMatch(new RegExp(`data-testid="hotel-rating-${h.id}"><strong>${(h.rating_tenths / 10).toFixed(1)}/10</strong>`));
      const terms = byTestId(page.text, `hotel-cancellation-${h.id}`);
      expect(terms).toBe(h.free_cancel_days === null ? 'Not refundable once booked' : `Free cancellation until ${h.free_cancel_days} day${h.free_cancel_days === 1 ? '' : 's'} before check-in`);
      const card = new RegExp(`<label class="hotel" for="hotel-${h.id}">[\\s\\S]*?</label>`).exec(page.text)![0];
      expect(card).toMatch(/<svg class="hotel__picture"[^>]*aria-hidden="true"/);
      expect(card).toContain(h.area);
    }
    // Both kinds of terms occur in the catalogue, so a customer can tell them apart.
    const all = ctx.db.prepare('SELECT free_cancel_days FROM hotels').pluck().all();
    expect(all).toContain(null);
    expect(all.some((d) => typeof d === 'number')).toBe(true);
    expect(hotelIds(ctx, 'LIS').length).toBe(rows.length);
  });

  it('gives an existing database the same ratings and terms as a fresh catalogue (migration 015 = hotelDetails)', async () => {
    const ctx = await atExtras(FAMILY_TO_LISBON);
    const rows = ctx.db.prepare('SELECT id, stars, rating_tenths, free_cancel_days FROM hotels ORDER BY id').all() as HotelRow[];
    for (const h of rows) expect({ ratingTenths: h.rating_tenths, freeCancelDays: h.free_cancel_days }).toEqual(hotelDetails(h.id, h.stars));
    // The migration's UPDATE, run again on the seeded hotels, changes nothing.
    const sql = readFileSync(new URL('../../src/db/migrations/015-hotel-details.sql', import.meta.url), 'utf8');
    const update = /UPDATE hotels SET[\s\S]*?;/.exec(sql)![0];
    ctx.db.exec(update);
    expect(ctx.db.prepare('SELECT id, stars, rating_tenths, free_cancel_days FROM hotels ORDER BY id').all()).toEqual(rows);
  });
});
