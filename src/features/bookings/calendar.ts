// "Add to calendar": a booking's flights as an iCalendar file (RFC 5545), one VEVENT per flight.
// Times are UTC (the "Z" form), so every calendar shows each flight at the right moment in the
// reader's own zone; the summary and description name the local times at each airport, as the
// confirmation does. Lines end in CRLF and are folded at 75 octets (section 3.1); text is escaped
// (section 3.3.11). The UID is stable per booking and flight, so importing twice updates, not duplicates.
import type { BookingDetails } from './confirmation.ts';

/** The domain part of every UID: fixed, so a calendar recognises the same flight on a second import. */
const UID_DOMAIN = 'skylark-air.example';

/** 2026-12-10T07:05:00.000Z → 20261210T070500Z (DATE-TIME in UTC, RFC 5545 section 3.3.5 form #2). */
export function icsDateTime(iso: string): string {
  return new Date(iso).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

/** TEXT value escaping: backslash, semicolon, comma and newlines (RFC 5545 section 3.3.11). */
export function icsText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/**
 * A content line folded so no line is longer than 75 octets (UTF-8), each continuation starting with a
 * space; never splits a character (section 3.1).
 */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    const limit = parts.length === 0 ? 75 : 74; // a continuation's leading space counts
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** The booking's flights as an iCalendar document (text/calendar), CRLF line endings throughout. */
export function bookingCalendar(details: BookingDetails): string {
  const { booking, checkout, itinerary } = details;
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Skylark Air//Booking calendar//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH'];
  for (const flight of checkout.flights) {
    const leg = itinerary.find((l) => l.direction === flight.direction);
    const from = leg ? `${leg.origin.city} (${leg.origin.code})` : flight.origin;
    const to = leg ? `${leg.destination.city} (${leg.destination.code})` : flight.destination;
    const local = leg
      ? `Departs ${leg.departure.time} ${leg.departure.longDate} local time, ${leg.origin.name}. Arrives ${leg.arrival.time} ${leg.arrival.longDate} local time, ${leg.destination.name}.`
      : '';
    lines.push(
      'BEGIN:VEVENT',
      `UID:${booking.reference}-${flight.direction}-${flight.flightNumber}@${UID_DOMAIN}`,
      // When this booking (the object's content) was made: the same file on every download.
      `DTSTAMP:${icsDateTime(booking.createdAt)}`,
      `DTSTART:${icsDateTime(flight.departsAt)}`,
      `DTEND:${icsDateTime(flight.arrivesAt)}`,
      `SUMMARY:${icsText(`Skylark Air ${flight.flightNumber}: ${from} to ${to}`)}`,
      `LOCATION:${icsText(leg ? `${leg.origin.name} (${leg.origin.code})` : flight.origin)}`,
      `DESCRIPTION:${icsText(`Booking reference ${booking.reference}. ${flight.familyName} fare. ${local}`.trim())}`,
      'STATUS:CONFIRMED',
      'TRANSP:OPAQUE',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
