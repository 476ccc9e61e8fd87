// The Manage booking look-up form: a reference and a family name, as people type them.
import { z } from 'zod';

export const ManageLookupSchema = z.object({
  reference: z
    .string({ error: 'Enter your booking reference' })
    .trim()
    .min(1, 'Enter your booking reference')
    .max(20, 'A booking reference has six characters')
    .transform((v) => v.toUpperCase())
    .pipe(z.string().regex(/^[A-Z0-9]{6}$/, 'A booking reference has six letters and digits, like K7QX3M')),
  familyName: z
    .string({ error: 'Enter the family name of one of the passengers' })
    .trim()
    .min(1, 'Enter the family name of one of the passengers')
    .max(60, 'Enter at most 60 characters'),
});
export type ManageLookup = z.infer<typeof ManageLookupSchema>;
