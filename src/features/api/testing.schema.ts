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
