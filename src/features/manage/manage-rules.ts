// What Manage booking may still sell, and until when: the cut-offs against the injected clock, the item a
// purchase names (its schema is part of the buyExtra command's input and of the JSON API's body), and what the
// booking already has. Plain data in and out; every refusal says why, with a stable code.
import { z } from 'zod';
import { ConflictError, type Issue } from '../../lib/errors.ts';
import type { CheckoutFlight, Direction } from '../checkout/checkout.repository.ts';
import { DIRECTIONS } from '../checkout/checkout.repository.ts';
import { currentHotelItem, HOTEL_CANCELLED_KEY, type BookingDetails } from '../bookings/confirmation.ts';

const HOUR_MS = 3_600_000;
/** Bags and seats: until 2 hours before the flight leaves. */
export const BAGS_AND_SEATS_CUTOFF_MS = 2 * HOUR_MS;
/** Travel insurance: until 24 hours before the trip's first departure. */
export const INSURANCE_CUTOFF_MS = 24 * HOUR_MS;
/** A hotel is cancelled free of charge until 24 hours before check-in (the outbound flight's arrival). */
export const HOTEL_CANCEL_CUTOFF_MS = 24 * HOUR_MS;
/** A car is rented, and cancelled free of charge, until 24 hours before pick-up (the outbound flight's arrival). */
export const CAR_CUTOFF_MS = 24 * HOUR_MS;

export const EXTRA_TYPES = ['bag', 'seat', 'priority', 'upgrade', 'hotel', 'insurance', 'car'] as const;
export type ExtraType = (typeof EXTRA_TYPES)[number];

const passengerIdx = z.int({ error: 'Choose a passenger' }).min(1, 'Choose a passenger').max(18, 'Choose a passenger').describe('The passenger, 1-based as on the booking.');
const direction = z.enum(DIRECTIONS, { error: 'Choose a flight' }).describe('outbound or return.');
const small = (message: string) => z.int({ error: message }).min(0, message).max(999, message);

export const ExtraItemSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('bag'), passengerIdx, direction, quantity: z.int({ error: 'Choose how many bags' }).min(1, 'Choose at least 1 bag').max(9, 'Choose at most 9 bags') }),
    z.strictObject({ type: z.literal('seat'), passengerIdx, direction, seat: z.string({ error: 'Choose a seat' }).regex(/^\d{1,2}[A-K]$/, 'Choose a seat, like 14C') }),
    z.strictObject({ type: z.literal('priority'), passengerIdx, direction }),
    z.strictObject({ type: z.literal('upgrade'), direction }),
    z.strictObject({ type: z.literal('hotel'), hotelId: small('Choose a hotel'), nights: small('Choose how many nights'), rooms: small('Choose how many rooms') }),
    z.strictObject({ type: z.literal('insurance') }),
    z.strictObject({
      type: z.literal('car'),
      carId: z.int({ error: 'Choose a car' }).min(0, 'Choose a car').max(2_000_000_000, 'Choose a car').describe('One of the cars the offers list.'),
      days: small('Choose how many days').nullable().optional().describe('One-way trips only (1–14); on a return trip the rental lasts until the return flight.'),
    }),
  ],
  { error: 'Choose what to buy: bag, seat, priority, upgrade, hotel, insurance or car' },
);
export type ExtraItem = z.infer<typeof ExtraItemSchema>;

export type Refusal = { code: 'departed' | 'too_late'; message: string };

const hhmm = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

function flightOf(details: BookingDetails, dir: Direction): CheckoutFlight | undefined {
  return details.checkout.flights.find((f) => f.direction === dir);
}

/** Why `type` (for the flight of `dir`, when it is per flight) can no longer be bought at `now`; null when it can. */
export function cutOff(details: BookingDetails, type: ExtraType, dir: Direction | null, now: Date): Refusal | null {
  const flights = details.checkout.flights;
  const first = flights[0];
  if (!first) return { code: 'departed', message: 'This booking has no flights.' };
  const t = now.getTime();
  if (flights.every((f) => Date.parse(f.departsAt) <= t)) return { code: 'departed', message: 'This trip has departed: nothing can be added to it any more.' };
  const flight = dir ? flightOf(details, dir) : first;
  if (!flight) return null; // an unknown direction is the item's own issue
  const leaves = Date.parse(flight.departsAt);
  if (leaves <= t) return { code: 'departed', message: `Flight ${flight.flightNumber} has departed: nothing can be added to it any more.` };
  if ((type === 'bag' || type === 'seat') && leaves - t < BAGS_AND_SEATS_CUTOFF_MS) {
    return { code: 'too_late', message: `Bags and seats can be bought until 2 hours before departure; flight ${flight.flightNumber} leaves at ${hhmm(flight.departsAt)}.` };
  }
  if (type === 'car') return carCutOff(details, now, 'rented');
  if (type === 'insurance' && leaves - t < INSURANCE_CUTOFF_MS) {
    return { code: 'too_late', message: `Travel insurance can be bought until 24 hours before departure; your trip starts at ${hhmm(flight.departsAt)}.` };
  }
  return null;
}

/** Throws ConflictError (issue at ['item'], code departed / too_late) when the item can no longer be bought. */
export function ensureBeforeCutOff(details: BookingDetails, item: ExtraItem, now: Date): void {
  const refusal = cutOff(details, item.type, 'direction' in item ? item.direction : null, now);
  if (refusal) throw new ConflictError(refusal.message, [{ path: ['item'], message: refusal.message, code: refusal.code } satisfies Issue]);
}

/** The hotel on the booking (not cancelled), if any: the receipt line 'hotel' without a later 'hotel:cancelled'. */
export function hotelOnBooking(details: BookingDetails): BookingDetails['items'][number] | null {
  return currentHotelItem(details.items);
}
export { HOTEL_CANCELLED_KEY };

/** Why the hotel can no longer be cancelled free of charge; null when it can. Check-in is the outbound flight's arrival. */
export function hotelCancelCutOff(details: BookingDetails, now: Date): Refusal | null {
  const outbound = flightOf(details, 'outbound');
  if (!outbound) return null;
  if (Date.parse(outbound.arrivesAt) - now.getTime() < HOTEL_CANCEL_CUTOFF_MS) {
    return { code: 'too_late', message: `A hotel can be cancelled free of charge until 24 hours before check-in (${hhmm(outbound.arrivesAt)}); it can no longer be cancelled.` };
  }
  return null;
}

export const CAR_CANCELLED_KEY = 'car:cancelled';

/**
 * Why a car can no longer be rented (`rented`) or cancelled free of charge (`cancelled`) at `now`: both end 24
 * hours before pick-up, the outbound flight's arrival. null when it still can.
 */
export function carCutOff(details: BookingDetails, now: Date, what: 'rented' | 'cancelled'): Refusal | null {
  const outbound = flightOf(details, 'outbound');
  if (!outbound) return null;
  if (Date.parse(outbound.arrivesAt) - now.getTime() < CAR_CUTOFF_MS) {
    return {
      code: 'too_late',
      message: `A car can be ${what === 'rented' ? 'rented' : 'cancelled free of charge'} until 24 hours before pick-up (${hhmm(outbound.arrivesAt)}); it can no longer be ${what === 'rented' ? 'added' : 'cancelled'}.`,
    };
  }
  return null;
}
