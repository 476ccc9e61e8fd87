// Errors of the JSON API as application/problem+json (RFC 9457). The kinds of problem and the one
// mapper that describes every error live in src/lib/error-mapper.ts (the pages use it too); this module
// adds what only the API needs: zod issues and the domain's field errors as the API's field paths.
import type { Response } from 'express';
import { z } from 'zod';
import { AppError, type FieldErrors } from '../../lib/errors.ts';
import { ApiProblem, DEFAULT_FIELD_CODE, describeError, errorHandler, problemDocument, type ProblemField } from '../../lib/error-mapper.ts';
import { apiField, issuesFromZod } from '../../lib/validation.ts';
import type { Problem } from './common.schema.ts';

export { ApiProblem, DEFAULT_FIELD_CODE, PROBLEM_KINDS, problemType, type ProblemField, type ProblemKind } from '../../lib/error-mapper.ts';

export function validationProblem(errors: ProblemField[], detail = 'Some fields need another look: see errors.'): ApiProblem {
  return new ApiProblem('validation', detail, { errors });
}

/**
 * Zod issues as problem fields: the path joined with '/', one entry per unknown key, and the code of
 * lib/validation.ts (required, unknown_field, too_small, invalid_format …). Parse with
 * `{ reportInput: true }` so that a missing field is told apart (code `required`).
 */
export function zodFields(error: z.ZodError, prefix: readonly (string | number)[] = []): ProblemField[] {
  return issuesFromZod(error, prefix).map((issue) => ({ field: apiField(issue.path), code: issue.code ?? DEFAULT_FIELD_CODE, message: issue.message }));
}

/** Field errors of the domain (keyed by the HTML form's names) under the API's names. */
export function renameFields(fieldErrors: FieldErrors, rename: (formField: string) => string): ProblemField[] {
  return Object.entries(fieldErrors).flatMap(([field, messages]) => (messages ?? []).map((message) => ({ field: rename(field), code: DEFAULT_FIELD_CODE, message })));
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
      const errors = renameFields(error.fieldErrors, rename);
      throw new ApiProblem(error.status === 409 ? 'conflict' : 'validation', error.message, { errors });
    }
    throw error;
  }
}

export type ProblemResponse = { status: number; body: Problem; headers: Record<string, string> };

/** Any error as the problem document the API answers with (the idempotency store keeps it as is). */
export function toProblem(error: unknown, instance: string): ProblemResponse {
  const d = describeError(error);
  return { status: d.status, headers: d.headers, body: problemDocument(d, instance) as Problem };
}

export function sendProblem(res: Response, problem: ProblemResponse): void {
  res.status(problem.status).set(problem.headers).type('application/problem+json').send(JSON.stringify(problem.body));
}

/** The API router's error handler: the app's one error handler (under /api/ it answers problem documents). */
export const problemHandler = errorHandler;
