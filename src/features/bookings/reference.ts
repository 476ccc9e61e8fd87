// Booking references (PNR) and ticket numbers. Both are random from the system's CSPRNG, so a
// reference cannot be guessed from another (a simulation passes its seeded source); uniqueness is the
// database's job (UNIQUE columns, retried).
import { cryptoIds, type IdSource } from '../../lib/ids.ts';

/** No 0/O and no 1/I: a reference read out over the phone or copied from paper cannot be misread. */
export const REFERENCE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const REFERENCE_LENGTH = 6;
export const REFERENCE_PATTERN = new RegExp(`^[${REFERENCE_ALPHABET}]{${REFERENCE_LENGTH}}$`);

/**
 * The 3-digit airline accounting code that starts every ticket number. Skylark Air is fictional,
 * and so is its code.
 */
export const TICKET_PREFIX = '555';

export function generateReference(ids: IdSource = cryptoIds): string {
  let reference = '';
  for (let i = 0; i < REFERENCE_LENGTH; i += 1) reference += REFERENCE_ALPHABET[ids.int(REFERENCE_ALPHABET.length)];
  return reference;
}

/** 13 digits: the airline prefix and a 10-digit serial. */
export function generateTicketNumber(ids: IdSource = cryptoIds): string {
  return `${TICKET_PREFIX}${String(ids.int(10_000_000_000)).padStart(10, '0')}`;
}

/** How a customer may type a reference: any case, spaces around it. null when it cannot be one. */
export function normaliseReference(input: string): string | null {
  const reference = input.trim().toUpperCase();
  return REFERENCE_PATTERN.test(reference) ? reference : null;
}

/** "555 1234567890" is easier to read aloud than 13 digits in a row. */
export function formatTicketNumber(ticket: string): string {
  return `${ticket.slice(0, 3)} ${ticket.slice(3)}`;
}
