// GET and POST /api/v1/test/clock (TEST_MODE=1 only): read and move the server's clock.
import { isMovable, type MovableClock } from '../../lib/clock.ts';
import { moveClock } from '../testing/test-clock.ts';
import { operation, problems, type ApiContext } from './operation.ts';
import { ApiProblem } from './problem.ts';
import { MoveTestClockInputSchema, TestClockSchema } from './testing.schema.ts';

function movable(ctx: ApiContext): MovableClock {
  if (!isMovable(ctx.clock)) throw new ApiProblem('not-found', 'This server’s clock cannot be moved: start it with TEST_MODE=1.');
  return ctx.clock;
}

export const getTestClockOperation = operation({
  operationId: 'getTestClock',
  tag: 'Testing',
  summary: 'Read the server’s clock (TEST_MODE only)',
  description: 'The instant the server takes as now. Only when the server runs with TEST_MODE=1; otherwise a 404 problem.',
  testModeOnly: true,
  responses: [{ status: 200, description: 'The clock.', schema: TestClockSchema }, ...problems(404)],
  handle: ({ ctx }) => ({ status: 200, body: { now: movable(ctx).now().toISOString() } }),
});

export const moveTestClockOperation = operation({
  operationId: 'moveTestClock',
  tag: 'Testing',
  summary: 'Move the server’s clock (TEST_MODE only)',
  description:
    'Moves the clock by advanceSeconds, or to the instant now; from then on it keeps running from there. Seat holds lapse after ' +
    '15 minutes and checkouts after 3 hours of this clock. It never goes back before the latest checkout or booking (409): reset ' +
    'first (POST /test/reset also puts the clock back to its start). Only when the server runs with TEST_MODE=1.',
  testModeOnly: true,
  body: MoveTestClockInputSchema,
  responses: [{ status: 200, description: 'The clock after the move.', schema: TestClockSchema }, ...problems(404, 409, 415, 422)],
  handle: ({ body, ctx }) => {
    const clock = movable(ctx);
    const target = body.now !== undefined ? new Date(body.now) : new Date(clock.now().getTime() + body.advanceSeconds! * 1000);
    return { status: 200, body: { now: moveClock(ctx.db, clock, target).toISOString() } };
  },
});
