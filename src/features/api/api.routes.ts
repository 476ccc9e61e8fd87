// The JSON API, /api/v1: the table of contents of its routes, and the router built from it.
// The OpenAPI document (openapi.ts) is built from the same table, so every route is documented.
import { Router, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { createThrottles, type Throttles } from '../../lib/throttle.ts';
import { ownCheckoutOnly } from '../checkout/checkout-owner.ts';
import { getBookingOperation } from './bookings.api.ts';
import { answerPurchaseChallengeOperation, buyExtraOperation, listBookingOffersOperation } from './manage.api.ts';
import { createCheckoutOperation, getCheckoutOperation, putPassengersOperation } from './checkouts.api.ts';
import { listBookingEventsOperation, listCheckoutEventsOperation } from './events.api.ts';
import { IDEMPOTENCY_HEADER, checkKey, requestHash, reserveKey, settleKey } from './idempotency.ts';
import { listOffersOperation, putExtrasOperation } from './offers.api.ts';
import { openApiDocument } from './openapi.ts';
import { fingerprintOf, isIdempotent, operation, route, type ApiContext, type ApiResult, type ApiRoute } from './operation.ts';
import { answerChallengeOperation, getChallengeOperation, payOperation } from './payment.api.ts';
import { OpenApiDocumentSchema } from './payment.schema.ts';
import { describeError, instanceOf, logFault } from '../../lib/error-mapper.ts';
import { ApiProblem, problemHandler, sendProblem, toProblem, validationProblem, zodFields } from './problem.ts';
import { listAirportsOperation, searchFlightsOperation } from './search.api.ts';
import { getSeatMapsOperation, putSeatsOperation } from './seats.api.ts';
import { createSandboxOperation, deleteSandboxOperation, enterSandboxOperation, getSandboxOperation } from './sandboxes.api.ts';
import { getTestClockOperation, moveTestClockOperation } from './test-clock.api.ts';
import { resetOperation } from './test-reset.ts';
import { listTacticsOperation, putTacticOperation, trainerApiGuard } from './trainer.api.ts';

let openApiDocumentOnce: ReturnType<typeof openApiDocument> | undefined;

const openApiOperation = operation({
  operationId: 'getOpenApiDocument',
  tag: 'Documentation',
  summary: 'This OpenAPI 3.1 document',
  description: 'Generated from the route table and the zod schemas the API validates with. Readable version: /docs/api.',
  responses: [{ status: 200, description: 'The document.', schema: OpenApiDocumentSchema }],
  // Built once: the route table and the schemas do not change while the process runs.
  handle: () => ({ status: 200, body: (openApiDocumentOnce ??= openApiDocument(API_ROUTES)) }),
});

export const API_ROUTES: readonly ApiRoute[] = [
  route('get', '/openapi.json', openApiOperation),
  route('get', '/airports', listAirportsOperation),
  route('get', '/flights', searchFlightsOperation),
  route('post', '/checkouts', createCheckoutOperation),
  route('get', '/checkouts/:id', getCheckoutOperation),
  route('put', '/checkouts/:id/passengers', putPassengersOperation),
  route('get', '/checkouts/:id/seat-maps', getSeatMapsOperation),
  route('put', '/checkouts/:id/seats', putSeatsOperation),
  route('get', '/checkouts/:id/offers', listOffersOperation),
  route('put', '/checkouts/:id/extras', putExtrasOperation),
  route('post', '/checkouts/:id/payment', payOperation),
  route('get', '/checkouts/:id/payment/challenges/:challengeId', getChallengeOperation),
  route('post', '/checkouts/:id/payment/challenges/:challengeId', answerChallengeOperation),
  route('get', '/checkouts/:id/events', listCheckoutEventsOperation),
  route('get', '/bookings/:reference', getBookingOperation),
  route('get', '/bookings/:reference/offers', listBookingOffersOperation),
  route('post', '/bookings/:reference/extras', buyExtraOperation),
  route('post', '/bookings/:reference/extras/:purchaseId/challenge', answerPurchaseChallengeOperation),
  route('get', '/trainer/tactics', listTacticsOperation),
  route('put', '/trainer/tactics/:code', putTacticOperation),
  route('get', '/bookings/:reference/events', listBookingEventsOperation),
  route('post', '/test/reset', resetOperation),
  route('get', '/test/clock', getTestClockOperation),
  route('post', '/test/clock', moveTestClockOperation),
  route('post', '/test/sandboxes', createSandboxOperation),
  route('get', '/test/sandboxes/:id', getSandboxOperation),
  route('delete', '/test/sandboxes/:id', deleteSandboxOperation),
  route('get', '/test/sandboxes/:id/enter', enterSandboxOperation),
];

const SESSION_ID = /^[A-Za-z0-9_-]{8,64}$/;

/** X-Session-Id, when sent, is the session of the request; the one used is echoed back. */
function apiSession(req: Request, res: Response, next: NextFunction): void {
  const header = req.get('X-Session-Id');
  if (header !== undefined) {
    if (!SESSION_ID.test(header)) {
      return next(validationProblem([{ field: 'X-Session-Id', code: 'invalid_format', message: 'Use 8 to 64 letters, digits, _ or -' }], 'The X-Session-Id header is not usable.'));
    }
    req.sessionId = header;
  }
  res.set('X-Session-Id', req.sessionId);
  next();
}

function send(res: Response, result: ApiResult): void {
  res.status(result.status).set(result.headers ?? {});
  if (result.status >= 400) res.type('application/problem+json').send(JSON.stringify(result.body));
  else res.json(result.body);
}

/** Runs one operation: checks the media type, path, query and body, then answers (idempotently if asked). */
function handler(r: ApiRoute) {
  const op = r.operation;
  return async (req: Request, res: Response): Promise<void> => {
    const ctx: ApiContext = { ...req.deps, sessionId: req.sessionId, req, now: req.deps.clock.now() };
    if (op.testModeOnly && !ctx.config.testMode) {
      throw new ApiProblem('not-found', 'This endpoint exists only when the server runs with TEST_MODE=1.');
    }
    if ((op.body && !req.is('application/json')) || (op.jsonOnly && !isJson(req))) {
      throw new ApiProblem('unsupported-media-type', 'Send the body as JSON, with the header Content-Type: application/json.');
    }
    const params = op.params ? op.params.safeParse(req.params) : { success: true as const, data: undefined };
    if (!params.success) throw new ApiProblem('not-found', 'There is nothing at this address: check the id.');
    op.ensureExists?.(params.data, ctx);
    const query = op.query ? op.query.safeParse({ ...(req.query as Record<string, unknown>) }, { reportInput: true }) : { success: true as const, data: undefined };
    if (!query.success) throw validationProblem(zodFields(query.error));
    const body = op.body ? op.body.safeParse(req.body ?? {}, { reportInput: true }) : { success: true as const, data: undefined };
    if (!body.success) throw validationProblem(zodFields(body.error));

    const run = () => op.handle({ params: params.data, query: query.data, body: body.data, ctx });
    const key = isIdempotent(r) ? req.get(IDEMPOTENCY_HEADER) : undefined;
    if (key === undefined) return send(res, await run());

    // Reserved synchronously, before the first await of this request: see idempotency.ts.
    const path = req.baseUrl + req.path;
    const hash = requestHash(req.method, path, fingerprintOf(op, body.data));
    const reservation = reserveKey(ctx.db, { key: checkKey(key), hash, method: req.method, path, now: ctx.now });
    if (reservation.kind === 'replay') return send(res, { ...reservation.response, headers: { ...reservation.response.headers, 'Idempotent-Replayed': 'true' } });
    let result: ApiResult;
    try {
      result = await run();
    } catch (error) {
      logFault(req, res, error, describeError(error));
      result = toProblem(error, instanceOf(req));
    }
    settleKey(ctx.db, key, { status: result.status, headers: result.headers ?? {}, body: result.body }, ctx.now);
    send(res, result);
  };
}

/** The Content-Type says JSON, whether or not a body came with it. */
const isJson = (req: Request) => /^application\/json\s*(;|$)/i.test(req.get('Content-Type') ?? '');

/** Throttled operations (src/lib/throttle.ts): only failures count, and a 429 says when to come back. */
const THROTTLED: Record<string, (t: Throttles) => RequestHandler[]> = {
  'get /bookings/:reference': (t) => [t.bookingLookup],
  'get /bookings/:reference/offers': (t) => [t.bookingLookup],
  'post /bookings/:reference/extras': (t) => [t.bookingLookup, t.paymentPerClient],
  'post /bookings/:reference/extras/:purchaseId/challenge': (t) => [t.paymentPerClient],
  'get /bookings/:reference/events': (t) => [t.bookingLookup],
  'post /checkouts/:id/payment': (t) => [t.paymentPerClient, t.paymentPerCheckout],
  'post /checkouts/:id/payment/challenges/:challengeId': (t) => [t.paymentPerClient, t.paymentPerCheckout],
};

const pattern = (path: string) => new RegExp(`^${path.replace(/:\w+/g, '[^/]+')}/?$`);

/** After the routes: a known path with another method is a 405 (with Allow), anything else a 404. */
function notFound(routes: readonly ApiRoute[]) {
  const compiled = routes.map((r) => ({ method: r.method.toUpperCase(), re: pattern(r.path) }));
  return (req: Request, res: Response): void => {
    const allowed = [...new Set(compiled.filter((c) => c.re.test(req.path)).map((c) => c.method))];
    const problem =
      allowed.length > 0
        ? new ApiProblem('method-not-allowed', `${req.method} is not supported here: use ${allowed.join(' or ')}.`, {}, { Allow: allowed.join(', ') })
        : new ApiProblem('not-found', 'There is no such API endpoint. See /api/v1/openapi.json for the list.');
    sendProblem(res, toProblem(problem, instanceOf(req)));
  };
}

export function createApiRouter(routes: readonly ApiRoute[] = API_ROUTES, throttles: Throttles = createThrottles(true)): Router {
  const router = Router();
  router.use(apiSession);
  // Another session's checkout is a 404, like an unknown one (src/features/checkout/checkout-owner.ts).
  router.use('/checkouts/:id', ownCheckoutOnly);
  // The trainer operations: the bearer password checked first, wrong ones counted by the trainer sign-in throttle.
  const trainerGuard = trainerApiGuard(throttles.trainerSignIn);
  for (const r of routes) {
    const guard = r.operation.security === 'trainer' ? trainerGuard : [];
    router[r.method](r.path, ...guard, ...(THROTTLED[`${r.method} ${r.path}`]?.(throttles) ?? []), handler(r));
  }
  router.use(notFound(routes));
  router.use(problemHandler);
  return router;
}
