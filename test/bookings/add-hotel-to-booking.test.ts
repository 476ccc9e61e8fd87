// The addHotelToBooking command as the confirmation page calls it: bad input is refused with issues by
// domain path (hotelId, nights, rooms) and a stable code, and nothing is written or charged.
import { describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/lib/command.ts';
import { NotFoundError, ValidationError } from '../../src/lib/errors.ts';
import { addHotelToBooking, type AddHotelToBookingInput } from '../../src/features/bookings/add-hotel-to-booking.ts';
import { createTestApp, postForm, text, type TestContext } from '../helpers/app.ts';
import { count, payAndBook, reachReview, RETURN_TRIP } from '../payment/pay-flow.ts';

async function booked(ctx: TestContext) {
  const reference = await payAndBook(ctx, await reachReview(ctx, RETURN_TRIP));
  const cmd: CommandContext = { db: ctx.db, now: ctx.clock.now(), sessionId: 'test-session', seed: 1 };
  const hotelIn = (airport: string) => ctx.db.prepare('SELECT id FROM hotels WHERE airport_code = ? ORDER BY id LIMIT 1').pluck().get(airport) as number;
  return { reference, cmd, lisbon: hotelIn('LIS'), paris: hotelIn('CDG') };
}

function issuesOf(call: () => unknown): Array<[string, string | undefined]> {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).issues.map((i) => [i.path.join('.'), i.code]);
  }
  throw new Error('Expected a ValidationError');
}

function nothingAdded(ctx: TestContext): void {
  expect(count(ctx, "SELECT count(*) FROM booking_items WHERE category = 'hotel'")).toBe(0);
  expect(count(ctx, 'SELECT count(*) FROM payments')).toBe(1);
  expect(count(ctx, "SELECT count(*) FROM offer_events WHERE event = 'accepted'")).toBe(0);
}

describe('addHotelToBooking: bad input', () => {
  it('refuses a hotel of another city, nights other than the stay between the flights and zero rooms, each at its path with a code', async () => {
    const ctx = createTestApp();
    const { reference, cmd, paris } = await booked(ctx);
    expect(issuesOf(() => addHotelToBooking(cmd, reference, { hotelId: paris, nights: 9, rooms: 0 }))).toEqual([
      ['hotelId', 'unknown_hotel'],
      ['nights', 'fixed_stay'],
      ['rooms', 'out_of_range'],
    ]);
    nothingAdded(ctx);
  });

  it.each([
    ['a missing hotel', { nights: 2, rooms: 1 }, [['hotelId', 'required']]],
    ['nights sent as a string', { hotelId: 1, nights: '2', rooms: 1 }, [['nights', 'invalid_type']]],
    ['a fractional number of rooms', { hotelId: 1, nights: 2, rooms: 1.5 }, [['rooms', 'invalid_type']]],
    ['an unknown field (a price)', { hotelId: 1, nights: 2, rooms: 1, priceMinor: 1 }, [['priceMinor', 'unknown_field']]],
  ] as const)('refuses %s before anything else, with its path and code', async (_name, input, issues) => {
    const ctx = createTestApp();
    const { reference, cmd } = await booked(ctx);
    expect(issuesOf(() => addHotelToBooking(cmd, reference, input as unknown as AddHotelToBookingInput))).toEqual(issues);
    nothingAdded(ctx);
  });

  it('answers an unknown reference with NotFoundError, whatever the input', async () => {
    const ctx = createTestApp();
    const { cmd } = await booked(ctx);
    expect(() => addHotelToBooking(cmd, 'ZZZZZZ', {} as AddHotelToBookingInput)).toThrow(NotFoundError);
  });

  it('maps the issues back to the form on the confirmation page: 422 with the typed stay kept', async () => {
    const ctx = createTestApp();
    const { reference, lisbon } = await booked(ctx);
    const url = `/bookings/${reference}`;
    const res = await postForm(ctx.agent, url, `${url}/hotel`, { hotel: String(lisbon), nights: '4', rooms: '9' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('data-testid="error-rooms"');
    expect(text(res.text)).toContain('Choose 1 to 3 rooms');
    expect(res.text).toMatch(new RegExp(`value="${lisbon}" data-testid="hotel-option-${lisbon}" checked`));
    // The stay is the 4 nights between the flights (hotels/hotel-stay.ts), kept as typed.
    expect(res.text).toMatch(/<option value="4" selected>4<\/option>/);
    nothingAdded(ctx);
  });
});
