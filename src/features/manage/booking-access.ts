// Who may see a booking and buy for it. The session that made the booking may; anyone else proves it
// with the reference and a passenger's family name (the Manage booking look-up), which sets a signed,
// short-lived, HttpOnly cookie tied to their session. Without either, a booking's pages answer exactly
// like an unknown reference (404): a reference alone opens nothing and tells nothing.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Db } from '../../db/database.ts';
import { findBookingByReference, listBookedPassengers, type Booking } from '../bookings/bookings.repository.ts';
import { normaliseReference } from '../bookings/reference.ts';

export const BOOKING_ACCESS_COOKIE = 'skylark.booking';
/** How long a look-up opens a booking for: long enough to buy a hotel, short enough for a shared computer. */
export const BOOKING_ACCESS_MS = 30 * 60_000;

/** Answered for a wrong reference and a wrong name alike: nothing tells which one was wrong. */
export const LOOKUP_FAILED = 'We could not find a booking with that reference and family name. Check both and try again.';

/** Names compared as people type them: any case, spaces around, curly or straight apostrophes. */
export function sameFamilyName(a: string, b: string): boolean {
  const norm = (s: string) => s.trim().replace(/\s+/g, ' ').replace(/[’‘]/g, "'").toLocaleLowerCase('en');
  return norm(a) === norm(b);
}

/**
 * The booking with this reference when `familyName` is the family name of one of its passengers,
 * else undefined, whichever of the two was wrong.
 */
export function findBookingForTraveller(db: Db, reference: string, familyName: string): Booking | undefined {
  const normalised = normaliseReference(reference);
  const booking = normalised ? findBookingByReference(db, normalised) : undefined;
  if (!booking) return undefined;
  return listBookedPassengers(db, booking.id).some((p) => sameFamilyName(p.familyName, familyName)) ? booking : undefined;
}

function signature(secret: string, reference: string, sessionId: string, expiresAt: number): string {
  return createHmac('sha256', secret).update(`booking-access\n${reference}\n${sessionId}\n${expiresAt}`).digest('base64url');
}

/** The cookie value that opens `reference` to `sessionId` until `now` + BOOKING_ACCESS_MS. */
export function bookingAccessToken(secret: string, reference: string, sessionId: string, now: Date): string {
  const expiresAt = now.getTime() + BOOKING_ACCESS_MS;
  return `${reference}.${expiresAt}.${signature(secret, reference, sessionId, expiresAt)}`;
}

/** Whether `token` opens `reference` to `sessionId` at `now`: signed by us, for both, not expired. */
export function tokenOpens(token: unknown, secret: string, reference: string, sessionId: string, now: Date): boolean {
  if (typeof token !== 'string') return false;
  const [ref, expires, mac] = token.split('.');
  if (ref !== reference || !expires || !mac || !/^\d{1,16}$/.test(expires)) return false;
  const expiresAt = Number(expires);
  if (expiresAt <= now.getTime()) return false;
  const expected = Buffer.from(signature(secret, reference, sessionId, expiresAt));
  const given = Buffer.from(mac);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Gives this visitor's session access to `reference` for BOOKING_ACCESS_MS. */
export function grantBookingAccess(req: Request, res: Response, reference: string): void {
  const { config, clock } = req.deps;
  res.cookie(BOOKING_ACCESS_COOKIE, bookingAccessToken(config.sessionSecret, reference, req.sessionId, clock.now()), {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.nodeEnv === 'production',
    path: '/',
    maxAge: BOOKING_ACCESS_MS,
  });
}

/** Whether this request may see and buy for `booking`: its own session, or a valid look-up cookie. */
export function mayAccessBooking(req: Request, booking: Booking): boolean {
  if (booking.sessionId === req.sessionId) return true;
  const { config, clock } = req.deps;
  return tokenOpens(req.cookies?.[BOOKING_ACCESS_COOKIE], config.sessionSecret, booking.reference, req.sessionId, clock.now());
}

/**
 * For every route under /bookings/:reference: goes on when this request may access the booking;
 * otherwise answers like an unknown reference, with the look-up form (404) so the visitor can prove it.
 */
export function requireBookingAccess(req: Request, res: Response, next: NextFunction): void {
  const raw = String(req.params.reference ?? '');
  const reference = normaliseReference(raw);
  const booking = reference ? findBookingByReference(req.deps.db, reference) : undefined;
  if (booking && mayAccessBooking(req, booking)) return next();
  res.status(404).render('manage/lookup', {
    pageTitle: 'Find your booking',
    values: { reference: reference ?? '', familyName: '' },
    errors: {},
    notice: 'To see this booking, enter its reference and the family name of one of its passengers.',
  });
}

function linkSignature(secret: string, reference: string, expiresAt: number): string {
  return createHmac('sha256', secret).update(`booking-link\n${reference}\n${expiresAt}`).digest('base64url');
}

/**
 * A signed, 30-minute access token for the JSON API's booking address (`?access=`): the Location a payment
 * answers with, so following it works as returned, without the family name. Not tied to a session (an HTTP
 * client following a Location may not keep one); it opens only this booking, only until it expires.
 */
export function bookingLinkToken(secret: string, reference: string, now: Date): string {
  const expiresAt = now.getTime() + BOOKING_ACCESS_MS;
  return `${expiresAt}.${linkSignature(secret, reference, expiresAt)}`;
}

export function linkTokenOpens(token: unknown, secret: string, reference: string, now: Date): boolean {
  if (typeof token !== 'string') return false;
  const [expires, mac] = token.split('.');
  if (!expires || !mac || !/^\d{1,16}$/.test(expires) || Number(expires) <= now.getTime()) return false;
  const expected = Buffer.from(linkSignature(secret, reference, Number(expires)));
  const given = Buffer.from(mac);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The booking for the JSON API: a passenger's family name, or a signed link's token; undefined for neither. */
export function findBookingForApi(db: Db, secret: string, reference: string, proof: { lastName?: string; access?: string }, now: Date): Booking | undefined {
  if (proof.lastName !== undefined) return findBookingForTraveller(db, reference, proof.lastName);
  const normalised = normaliseReference(reference);
  const booking = normalised ? findBookingByReference(db, normalised) : undefined;
  return booking && linkTokenOpens(proof.access, secret, booking.reference, now) ? booking : undefined;
}
