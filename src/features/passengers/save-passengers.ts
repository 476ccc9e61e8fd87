// Saving the passengers step: every passenger's names (and date of birth for children and infants)
// and the contact details, all of them every time. Nothing is saved when anything is wrong.
import { z } from 'zod';
import type { CommandContext } from '../../lib/command.ts';
import { ConflictError, ValidationError } from '../../lib/errors.ts';
import { parseInput } from '../../lib/validation.ts';
import { savePassengers as writePassengers, type Checkout } from '../checkout/checkout.repository.ts';
import { passengerRules } from './passengers.schema.ts';

/** The shape of the step's input (the JSON API's PUT body); passengerRules(checkout) holds its rules. */
export const SavePassengersInputSchema = z.strictObject({
  contact: z.strictObject({
    email: z.string().max(254, 'At most 254 characters'),
    phone: z.string().max(40, 'At most 40 characters').describe('With its country code, e.g. +353 1 555 0100.'),
  }),
  passengers: z
    .array(
      z.strictObject({
        givenName: z.string().max(100, 'At most 100 characters'),
        familyName: z.string().max(100, 'At most 100 characters'),
        dateOfBirth: z.string().max(20, 'At most 20 characters').nullable().optional().describe('YYYY-MM-DD; required for children and infants, ignored for adults.'),
      }),
    )
    .max(30, 'At most 30 passengers')
    .describe('In the order of the checkout’s passengers (adults, then children, then infants), one per passenger.'),
});
export type SavePassengersInput = z.infer<typeof SavePassengersInputSchema>;

export type SavedPassengers = {
  contact: { email: string; phone: string };
  passengers: Array<{ idx: number; givenName: string; familyName: string; dateOfBirth: string | null }>;
};

type RuledInput = {
  passengers: Array<{ givenName: string; familyName: string; dateOfBirth?: string | null }>;
  contact: { email: string; phone: string };
};

/**
 * Saves the passengers and contact of an open checkout. Refuses with issues by path: a list that is not
 * one entry per passenger (`passengers`, code `passenger_count`), a name (`passengers[0].givenName`),
 * a date of birth for the passenger's type on the travel dates (`passengers[2].dateOfBirth`, codes
 * `not_a_child`, `not_an_infant`, `born_after_flight`), the contact (`contact.email`). A booked
 * checkout cannot change (ConflictError, code `already_booked`).
 */
export function savePassengers(ctx: CommandContext, checkout: Checkout, raw: SavePassengersInput): SavedPassengers {
  if (checkout.status === 'booked') {
    throw new ConflictError('This booking is paid already: its passengers cannot change.', [
      { path: [], code: 'already_booked', message: 'This booking is paid already: its passengers cannot change.' },
    ]);
  }
  const count = checkout.passengers.length;
  const sent = (raw as { passengers?: unknown } | null)?.passengers;
  if (Array.isArray(sent) && sent.length !== count) {
    throw new ValidationError('Some fields need another look.', [
      {
        path: ['passengers'],
        code: 'passenger_count',
        message: `This checkout has ${count} passenger${count === 1 ? '' : 's'}: send ${count} entr${count === 1 ? 'y' : 'ies'}, in order`,
      },
    ]);
  }
  const input = parseInput(passengerRules(checkout), raw) as RuledInput;
  const saved: SavedPassengers = {
    contact: { email: input.contact.email, phone: input.contact.phone },
    passengers: checkout.passengers.map((p, i) => {
      const entry = input.passengers[i]!;
      return { idx: p.idx, givenName: entry.givenName, familyName: entry.familyName, dateOfBirth: p.type === 'adult' ? null : (entry.dateOfBirth ?? null) };
    }),
  };
  writePassengers(ctx.db, checkout.id, { ...saved.contact, passengers: saved.passengers, now: ctx.now });
  return saved;
}
