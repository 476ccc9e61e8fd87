import { z } from 'zod';
import { ageOn } from '../../lib/time.ts';
import type { Checkout } from '../checkout/checkout.repository.ts';

export const NAME_MAX = 50;
const NAME = /^[\p{L}][\p{L}\p{M} '’.-]*$/u;

const name = (what: string) =>
  z
    .string({ error: `Enter the ${what}` })
    .trim()
    .min(1, `Enter the ${what}`)
    .max(NAME_MAX, `The ${what} can be at most ${NAME_MAX} characters`)
    .regex(NAME, `The ${what} can use letters, spaces, hyphens and apostrophes`);

/** Field names are flat (p1-given-name) so that forms, error messages and tester selectors agree. */
export function passengersSchema(checkout: Checkout) {
  const travelDates = checkout.flights.map((f) => f.departureDate).sort();
  const first = travelDates[0]!;
  const last = travelDates.at(-1)!;
  const shape: Record<string, z.ZodType> = {};
  for (const p of checkout.passengers) {
    shape[`p${p.idx}-given-name`] = name('given name');
    shape[`p${p.idx}-family-name`] = name('family name');
    if (p.type === 'adult') continue;
    shape[`p${p.idx}-dob`] = z.iso
      .date({ error: 'Enter the date of birth as YYYY-MM-DD' })
      .refine((dob) => dob <= first, 'The date of birth must be before the flight')
      .refine(
        (dob) => (p.type === 'infant' ? ageOn(dob, last) < 2 : ageOn(dob, first) >= 2 && ageOn(dob, first) < 12),
        p.type === 'infant'
          ? `An infant must be under 2 on every flight (last flight ${last}); book an older child as a child`
          : `A child must be 2 to 11 on the day of travel (${first})`,
      );
  }
  // Contact details come last, as on the form, so that the error summary reads in the same order.
  Object.assign(shape, {
    email: z.email({ error: 'Enter an e-mail address like name@example.com' }).max(254, 'The e-mail address is too long'),
    phone: z
      .string({ error: 'Enter a phone number' })
      .trim()
      .regex(/^\+?[0-9 ()-]{6,20}$/, 'Enter a phone number with its country code, like +353 1 555 0100')
      .refine((v) => v.replace(/\D/g, '').length >= 6, 'Enter a phone number with its country code, like +353 1 555 0100'),
  });
  return z.object(shape);
}

export type PassengersForm = Record<string, string>;
