// The one error path. Whatever goes wrong — the domain's errors (ValidationError, ConflictError …),
// a problem an API operation throws (ApiProblem), the body parser (malformed JSON, too large, a
// charset it does not know), the router (a path that does not decode), CSRF, a throttle — is
// described here once, as one of the API's problem kinds, and answered by errorHandler: an HTML page
// for the pages, application/problem+json under /api/. A fault of ours is a 500 that says nothing
// about why (no stack, SQL or path): the stack goes to the log, with the request id.
import type { ErrorRequestHandler, Request, Response } from 'express';
import { AppError } from './errors.ts';
import { apiField } from './validation.ts';

/** The kinds of problem, each documented under its anchor on /docs/api (`/docs/api#problem-<kind>`). */
export const PROBLEM_KINDS = {
  'malformed-request': { status: 400, title: 'Malformed request', about: 'The request could not be read: the body is not valid JSON, or the path or a header is malformed.' },
  unauthorized: { status: 401, title: 'Unauthorized', about: 'The trainer operations need Authorization: Bearer <trainer password>; it was missing or wrong (WWW-Authenticate says so).' },
  'payment-declined': { status: 402, title: 'Payment declined', about: 'The card was declined or 3-D Secure failed. No money was taken; declineReason says why.' },
  'form-expired': { status: 403, title: 'Your form expired', about: 'Pages only: the form was sent without its valid CSRF token (an old tab, or another site). The JSON API has no CSRF token.' },
  'cross-site': { status: 403, title: 'Cross-site request', about: 'TEST_MODE only: a sandbox is entered by opening its enter address in the browser itself (typed, or page.goto), never from a link or form of another site.' },
  'not-found': { status: 404, title: 'Not found', about: "Unknown or malformed id, an expired checkout, another session's checkout, a booking reference with another last name, or TEST_MODE off for /test/*." },
  'method-not-allowed': { status: 405, title: 'Method not allowed', about: 'The path exists but not with this method; the Allow header lists the methods it has.' },
  conflict: { status: 409, title: 'Conflict', about: 'The request is well-formed but the checkout cannot do it now: a seat taken, a hold expired, a fare sold out.' },
  'step-out-of-order': { status: 409, title: 'Step out of order', about: 'An earlier step is not complete; step names it.' },
  'already-booked': { status: 409, title: 'Already booked', about: 'The checkout was paid already; bookingReference names the booking. Nothing was charged again.' },
  'idempotency-in-progress': { status: 409, title: 'Request in progress', about: 'Another request with this Idempotency-Key is still being answered. Retry with the same key in a moment.' },
  gone: { status: 410, title: 'Gone', about: 'The resource existed but can no longer be used.' },
  'payload-too-large': { status: 413, title: 'Too much data', about: 'The body is larger than the API accepts (64 KB of JSON; 32 KB or 400 fields for a form).' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type', about: 'POST and PUT bodies must be sent as application/json (UTF-8).' },
  validation: { status: 422, title: 'Invalid input', about: 'A field is missing, of the wrong type, unknown, too long or not acceptable; errors names each field.' },
  'idempotency-key-reused': { status: 422, title: 'Idempotency-Key reused', about: 'This Idempotency-Key was used for a different request (another path or body).' },
  'too-many-requests': { status: 429, title: 'Too many requests', about: 'Too many failed booking look-ups, payment attempts or trainer passwords: wait as long as Retry-After says. The RateLimit headers show the quota.' },
  'server-error': { status: 500, title: 'Something went wrong', about: 'A fault on our side. Nothing a client sends should cause it: please report it with the X-Request-Id of the answer.' },
  'payment-timeout': { status: 504, title: 'Payment timed out', about: 'The payment service did not answer in time. No money was taken and nothing was booked; try again.' },
} as const;
export type ProblemKind = keyof typeof PROBLEM_KINDS;

export const problemType = (kind: ProblemKind) => `/docs/api#problem-${kind}`;

/** One invalid field of a request: `field` is its path in the JSON body joined with '/' (`passengers/2/dateOfBirth`). */
/** One invalid field: where (a path into the body, a query parameter or a header), a stable machine-readable code, and words. */
export type ProblemField = { field: string; code: string; message: string };

/** The code of a field error the domain did not name one for. */
export const DEFAULT_FIELD_CODE = 'invalid';
export type ProblemExtensions = { step?: string; declineReason?: string; bookingReference?: string };

/** A problem thrown with its kind named (the API's operations use it); answered like every other error. */
export class ApiProblem extends Error {
  readonly status: number;
  readonly title: string;
  constructor(
    readonly kind: ProblemKind,
    detail: string,
    readonly extensions: ProblemExtensions & { errors?: ProblemField[] } = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.status = PROBLEM_KINDS[kind].status;
    this.title = PROBLEM_KINDS[kind].title;
  }
}

/** An error, described once: what both the page and the problem document say. */
export type DescribedError = {
  kind: ProblemKind;
  status: number;
  title: string;
  detail: string;
  errors?: ProblemField[];
  extensions: ProblemExtensions;
  headers: Record<string, string>;
  /** True for a fault of ours (to log with its stack); false for anything the client caused. */
  fault: boolean;
};

const KIND_OF_STATUS: Record<number, ProblemKind> = {
  400: 'malformed-request',
  402: 'payment-declined',
  403: 'form-expired',
  404: 'not-found',
  405: 'method-not-allowed',
  409: 'conflict',
  410: 'gone',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  422: 'validation',
  429: 'too-many-requests',
  504: 'payment-timeout',
};

/** What the body parser, the router and csrf-csrf throw (http-errors): a status, a type, `expose`. */
type HttpError = { status?: unknown; statusCode?: unknown; type?: unknown; code?: unknown; expose?: unknown };

/** Our own words for what a client got wrong in the request itself: never the library's message. */
const CLIENT_ERROR_DETAIL: Partial<Record<ProblemKind, string>> = {
  'malformed-request': 'The request could not be understood: check the address and, for JSON, that the body is valid JSON.',
  'form-expired': 'For your security the form could not be sent. Go back, reload the page and try again.',
  'payload-too-large': 'What was sent is larger than this address accepts.',
  'unsupported-media-type': 'Send the body as JSON (Content-Type: application/json, UTF-8), or a form as application/x-www-form-urlencoded.',
  'not-found': 'We could not find that page.',
  'method-not-allowed': 'That cannot be done at this address.',
};

function described(kind: ProblemKind, detail: string, more: Partial<DescribedError> = {}): DescribedError {
  const { status, title } = PROBLEM_KINDS[kind];
  return { kind, status, title, detail, extensions: {}, headers: {}, fault: false, ...more };
}

/** The domain's issues as problem fields: a domain path ['passengers', 2, 'dateOfBirth'] is `passengers/2/dateOfBirth`. */
function issueFields(error: AppError): ProblemField[] | undefined {
  if (error.issues.length === 0) return undefined;
  return error.issues.map((issue) => ({ field: apiField(issue.path), code: issue.code ?? DEFAULT_FIELD_CODE, message: issue.message }));
}

/** Any error, as one of the problem kinds. */
export function describeError(error: unknown): DescribedError {
  if (error instanceof ApiProblem) {
    const { errors, ...extensions } = error.extensions;
    return described(error.kind, error.message, { errors, extensions, headers: error.headers, fault: error.kind === 'server-error' });
  }
  if (error instanceof AppError) {
    const kind = KIND_OF_STATUS[error.status] ?? 'server-error';
    if (kind === 'server-error') return described(kind, SERVER_ERROR_DETAIL, { fault: true });
    return described(kind, error.message, { errors: issueFields(error) });
  }
  const e = (error ?? {}) as HttpError;
  const status = typeof e.status === 'number' ? e.status : typeof e.statusCode === 'number' ? e.statusCode : undefined;
  if (status !== undefined && status >= 400 && status < 500 && e.expose !== false) {
    const kind = e.code === 'EBADCSRFTOKEN' ? 'form-expired' : e.type === 'entity.parse.failed' ? 'malformed-request' : (KIND_OF_STATUS[status] ?? 'malformed-request');
    const detail = e.type === 'entity.parse.failed' ? 'The request body is not valid JSON.' : (CLIENT_ERROR_DETAIL[kind] ?? CLIENT_ERROR_DETAIL['malformed-request']!);
    return described(kind, detail);
  }
  return described('server-error', SERVER_ERROR_DETAIL, { fault: true });
}

const SERVER_ERROR_DETAIL = 'Something went wrong on our side. Your data is safe and nothing was charged; please try again.';

export type ProblemDocument = {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: ProblemField[];
} & ProblemExtensions;

export function problemDocument(d: DescribedError, instance: string): ProblemDocument {
  return { type: problemType(d.kind), title: d.title, status: d.status, detail: d.detail, instance, ...d.extensions, ...(d.errors ? { errors: d.errors } : {}) };
}

/** The API answers under /api/ (problem documents); everything else is a page. */
export const isApiRequest = (req: Request) => req.originalUrl.startsWith('/api/');

/** The path of a request as a problem's `instance`: without the query (it may hold a name). */
export const instanceOf = (req: Request) => req.originalUrl.split('?')[0] ?? req.originalUrl;

/** Logs a fault of ours with its stack, on the request's log line (pino-http reads res.err). */
export function logFault(req: Request, res: Response, error: unknown, d: DescribedError): void {
  if (!d.fault) return;
  (res as Response & { err?: unknown }).err = error instanceof Error ? error : new Error(String(error));
  if (!req.log) console.error(`${req.method} ${instanceOf(req)} failed:`, error);
}

export function sendProblem(res: Response, d: DescribedError, instance: string): void {
  res.status(d.status).set(d.headers).type('application/problem+json').send(JSON.stringify(problemDocument(d, instance)));
}

/** The error handler that closes the app and the API router. */
export const errorHandler: ErrorRequestHandler = (error, req, res, _next) => {
  const d = describeError(error);
  logFault(req, res, error, d);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (isApiRequest(req)) return sendProblem(res, d, instanceOf(req));
  res.status(d.status).set(d.headers);
  // Should the error page itself fail, the answer is still this status, in plain text (the failure is logged).
  const plain = (renderError: unknown) => {
    (res as Response & { err?: Error }).err = renderError instanceof Error ? renderError : new Error(String(renderError));
    res.type('text/plain').send(`${d.title}. ${d.detail}`);
  };
  try {
    res.render('error', { title: d.title, status: d.status, detail: d.detail }, (renderError: Error | null, html?: string) => {
      if (renderError) return plain(renderError);
      res.send(html);
    });
  } catch (renderError) {
    plain(renderError);
  }
};
