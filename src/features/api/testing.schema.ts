// The tester-only resources of the JSON API (TEST_MODE=1): the test clock and sandboxes.
import { z } from 'zod';
import { named } from './common.schema.ts';

/** At most ten years either way in one move. */
const TEN_YEARS_S = 10 * 366 * 24 * 60 * 60;

export const TestClockSchema = named(
  z.strictObject({ now: z.iso.datetime({ offset: true }).describe('The instant the server takes as now (UTC, ISO 8601).') }),
  'TestClock',
  'The server’s clock in test mode: holds (15 min), checkout expiry (3 h), prices by days to departure and cut-offs follow it.',
);

export const MoveTestClockInputSchema = named(
  z
    .strictObject({
      advanceSeconds: z
        .int('Give a whole number of seconds')
        .min(-TEN_YEARS_S, 'At most ten years back')
        .max(TEN_YEARS_S, 'At most ten years ahead')
        .optional()
        .describe('Seconds to move the clock by (negative moves it back, never before the last checkout or booking).'),
      now: z.iso.datetime({ offset: true, error: 'Give an ISO 8601 instant such as 2026-11-27T09:20:00Z' }).optional().describe('The instant to put the clock at.'),
    })
    .refine((body) => (body.advanceSeconds === undefined) !== (body.now === undefined), {
      message: 'Send either advanceSeconds or now, not both and not neither',
      path: [],
    }),
  'MoveTestClockInput',
  'Either {"advanceSeconds": n} or {"now": ISO instant}.',
);
export type MoveTestClockInput = z.infer<typeof MoveTestClockInputSchema>;

export const SandboxSchema = named(
  z.strictObject({
    id: z.string().describe('Send it as the Skylark-Sandbox header, or enter it in a browser (enter.path).'),
    now: z.iso.datetime({ offset: true }).describe('The sandbox’s own clock (starts at DEMO_NOW; moved with POST /test/clock from inside the sandbox).'),
    header: z.strictObject({ name: z.literal('Skylark-Sandbox'), value: z.string() }),
    enter: z.strictObject({ method: z.literal('GET'), path: z.string() }).describe('Sets the skylark.sandbox cookie for a browser and redirects to the search page.'),
    idleExpirySeconds: z.int().describe('The sandbox is dropped after this long without a request.'),
  }),
  'Sandbox',
  'A private copy of the seeded demo with its own clock and reset (TEST_MODE only).',
);

export const SandboxDeletedSchema = named(z.strictObject({ id: z.string(), deleted: z.literal(true) }), 'SandboxDeleted', 'The sandbox is gone.');
