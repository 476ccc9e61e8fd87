// POST /api/v1/test/reset (TEST_MODE=1 only): back to the seeded state in milliseconds, without
// reseeding (src/features/testing/reset-demo-data.ts), in the world of the request (a sandbox's own).
import { isMovable } from '../../lib/clock.ts';
import { resetDemoData } from '../testing/reset-demo-data.ts';
import { operation, problems } from './operation.ts';
import { ResetResultSchema } from './payment.schema.ts';

export { CATALOGUE_TABLES, resetDemoData, type ResetResult } from '../testing/reset-demo-data.ts';

export const resetOperation = operation({
  operationId: 'resetTestData',
  tag: 'Testing',
  summary: 'Reset to the seeded state (TEST_MODE only)',
  description:
    'Deletes every checkout, booking, seat hold, payment, offer event and idempotency key, gives the fares back their seats ' +
    '(seats_sold 0) and puts tactics and offers back to their seeded settings, in one transaction, without reseeding the ' +
    'catalogue (a few milliseconds); a test clock moved by POST /test/clock goes back to its start. Only when the server runs with TEST_MODE=1; otherwise a 404 problem. No body is needed, ' +
    'but the request must say Content-Type: application/json (else 415), so that a form on another site cannot reset the demo.',
  testModeOnly: true,
  jsonOnly: true,
  responses: [{ status: 200, description: 'What was reset.', schema: ResetResultSchema }, ...problems(404, 415)],
  handle: ({ ctx }) => {
    const started = performance.now();
    const result = resetDemoData(ctx.db);
    if (isMovable(ctx.clock)) ctx.clock.restart();
    return { status: 200, body: { reset: true, ...result, now: ctx.clock.now().toISOString(), tookMs: Math.round(performance.now() - started) } };
  },
});
