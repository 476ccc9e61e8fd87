// Errors of the JSON API as application/problem+json (RFC 9457). The domain throws its usual errors
// (ValidationError, ConflictError, NotFoundError …) with field errors under the HTML form's names;
// the API renames those fields to the paths of its JSON bodies and adds a `type` per kind of problem.
import type { ErrorRequestHandler, Request, Response } from 'express';
import { z } from 'zod';
import { AppError, type FieldErrors } from '../../lib/errors.ts';
import { apiField } from '../../lib/validation.ts';
import type { Problem } from './common.schema.ts';

/** The kinds of problem, each documented under its anchor on /docs/api. */
export const PROBLEM_KINDS = {
  'malformed-request': { status: 400, title: 'Malformed request', about: 'The body is not valid JSON (answered with type about:blank before the API sees the request).' },
  'payment-declined': { status: 402, title: 'Payment declined', about: 'The card was declined or 3-D Secure failed. No money was taken; declineReason says why.' },
  'not-found': { status: 404, title: 'Not found', about: 'Unknown or malformed id, an expired checkout, a booking reference with another last name, or TEST_MODE off for /test/*.' },
  'method-not-allowed': { status: 405, title: 'Method not allowed', about: 'The path exists but not with this method; the Allow header lists the methods it has.' },
  conflict: { status: 409, title: 'Conflict', about: 'The request is well-formed but the checkout cannot do it now: a seat taken, a hold expired, a fare sold out.' },
  'step-out-of-order': { status: 409, title: 'Step out of order', about: 'An earlier step is not complete; step names it.' },
  'already-booked': { status: 409, title: 'Already booked', about: 'The checkout was paid already; bookingReference names the booking. Nothing was charged again.' },
  'idempotency-in-progress': { status: 409, title: 'Request in progress', about: 'Another request with this Idempotency-Key is still being answered. Retry with the same key in a moment.' },
  'gone': { status: 410, title: 'Gone', about: 'The resource existed but can no longer be used.' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type', about: 'POST and PUT bodies must be sent as application/json.' },
  validation: { status: 422, title: 'Invalid input', about: 'A field is missing, of the wrong type, unknown, too long or not acceptable; errors names each field.' },
  'idempotency-key-reused': { status: 422, title: 'Idempotency-Key reused', about: 'This Idempotency-Key was used for a different request (another path or body).' },
  'server-error': { status: 500, title: 'Something went wrong', about: 'A fault on our side. Nothing a client sends should cause it: please report it.' },
  'payment-timeout': { status: 504, title: 'Payment timed out', about: 'The payment service did not answer in time. No money was taken and nothing was booked; try again.' },
} as const;
export type ProblemKind = keyof typeof PROBLEM_KINDS;

export const problemType = (kind: ProblemKind) => `/docs/api#problem-${kind}`;

export type ProblemField = { field: string; message: string };
type Extensions = Partial<Pick<Problem, 'step' | 'declineReason' | 'bookingReference'>>;

/** A problem the API answers with; thrown by handlers, turned into a document by problemHandler. */
export class ApiProblem extends Error {
  readonly status: number;
  readonly title: string;
  constructor(
    readonly kind: ProblemKind,
    detail: string,
    readonly extensions: Extensions & { errors?: ProblemField[] } = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.status = PROBLEM_KINDS[kind].status;
    this.title = PROBLEM_KINDS[kind].title;
  }
}

export function validationProblem(errors: ProblemField[], detail = 'Some fields need another look: see errors.'): ApiProblem {
  return new ApiProblem('validation', detail, { errors });
}

/** Zod issues as problem fields: the path joined with '/', one entry per unknown key. */
export function zodFields(error: z.ZodError, prefix: readonly (string | number)[] = []): ProblemField[] {
  const fields: ProblemField[] = [];
  for (const issue of error.issues) {
    const path = [...prefix, ...issue.path].map(String);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields.push({ field: [...path, key].join('/'), message: 'Unknown field: remove it (this API refuses fields it does not know).' });
    } else {
      fields.push({ field: path.join('/'), message: issue.message });
    }
  }
  return fields;
}

/** Field errors of the domain (keyed by the HTML form's names) under the API's names. */
export function renameFields(fieldErrors: FieldErrors, rename: (formField: string) => string): ProblemField[] {
  return Object.entries(fieldErrors).flatMap(([field, messages]) => (messages ?? []).map((message) => ({ field: rename(field), message })));
}

/**
 * Runs a domain call and, when it throws an error with field errors, throws it again with the fields
 * renamed to the API's paths; the status (422, or 409 for a seat just taken) is kept.
 */
export function withApiFields<T>(rename: (formField: string) => string, call: () => T): T {
  try {
    return call();
  } catch (error) {
    if (error instanceof AppError && error.issues.length > 0) {
      const errors = renameFields(error.fieldErrors as FieldErrors, rename);
      throw new ApiProblem(error.status === 409 ? 'conflict' : 'validation', error.message, { errors });
    }
    throw error;
  }
}

export type ProblemResponse = { status: number; body: Problem; headers: Record<string, string> };

/** Any error as the problem document the API answers with. */
export function toProblem(error: unknown, instance: string): ProblemResponse {
  if (error instanceof ApiProblem) {
    const { errors, ...extensions } = error.extensions;
    return {
      status: error.status,
      headers: error.headers,
      body: { type: problemType(error.kind), title: error.title, status: error.status, detail: error.message, instance, ...extensions, ...(errors ? { errors } : {}) },
    };
  }
  if (error instanceof AppError) {
    const kind: ProblemKind =
      error.status === 404 ? 'not-found' : error.status === 409 ? 'conflict' : error.status === 410 ? 'gone' : error.status === 422 ? 'validation' : 'server-error';
    // An issue's domain path is the field of the body it names: ['seats', 0, 'seat'] → seats/0/seat.
    const errors = error.issues.map((issue) => ({ field: apiField(issue.path), message: issue.message }));
    return toProblem(new ApiProblem(kind, error.message, errors.length ? { errors } : {}), instance);
  }
  // Body-parser errors that reach the API's handler (they normally stop at the app's).
  const e = error as { status?: number; type?: string };
  if (e?.type === 'entity.parse.failed') return toProblem(new ApiProblem('malformed-request', 'The request body is not valid JSON.'), instance);
  return toProblem(new ApiProblem('server-error', 'Something went wrong on our side. Nothing was charged; please try again.'), instance);
}

export function sendProblem(res: Response, problem: ProblemResponse): void {
  res.status(problem.status).set(problem.headers).type('application/problem+json').send(JSON.stringify(problem.body));
}

/** Logs a fault of ours (not an answer like a payment time-out): the error itself, never the body (names, card numbers). */
export function logFault(req: Request, error: unknown, problem: ProblemResponse): void {
  if (problem.status >= 500 && !(error instanceof ApiProblem)) console.error(`${req.method} ${req.path} failed:`, error);
}

/** The API router's error handler: every error becomes a problem document, never an HTML page. */
export const problemHandler: ErrorRequestHandler = (error, req, res, _next) => {
  const problem = toProblem(error, req.originalUrl);
  logFault(req, error, problem);
  if (res.headersSent) return;
  sendProblem(res, problem);
};
