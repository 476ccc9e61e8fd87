// What one operation of the JSON API is: its documentation (summary, schemas, responses) and its
// handler, in one object. The router (api.routes.ts) and the OpenAPI document (openapi.ts) are both
// built from the same list of operations, so a route cannot exist without being documented. Its
// examples are live answers, generated into examples.ts by `npm run api:examples`.
import type { Request } from 'express';
import type { z } from 'zod';
import type { AppDeps } from '../../lib/deps.ts';
import { ProblemSchema } from './common.schema.ts';
import { PROBLEM_KINDS } from './problem.ts';

/** One documented answer of an operation, as the OpenAPI Example Object shows it. */
export type ApiExample = { summary: string; description: string; value: unknown };
/** The examples of the API (examples.ts, generated): by operation id, its request body and its answers by status and name. */
export type ApiExamples = Record<string, { request?: unknown; responses: Record<string, Record<string, ApiExample>> }>;

export type ApiResult = { status: number; body: unknown; headers?: Record<string, string> };

export type ResponseHeader = 'Location' | 'Idempotent-Replayed' | 'Retry-After' | 'Skylark-Sandbox' | 'X-Request-Id' | 'Set-Cookie';

export type ApiResponseSpec = {
  status: number;
  description: string;
  /** A schema registered in apiSchemas (common.schema.ts): the document refers to it by name. */
  schema: z.ZodType;
  headers?: readonly ResponseHeader[];
};

export type ApiContext = AppDeps & { sessionId: string; req: Request; now: Date };

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export type OperationSpec<P, Q, B> = {
  operationId: string;
  tag: 'Catalogue' | 'Checkout' | 'Seats' | 'Offers and extras' | 'Payment' | 'Bookings' | 'Trainer' | 'Testing' | 'Documentation';
  /** 'trainer': needs the trainer password as a bearer token (trainer.api.ts), checked before anything else. */
  security?: 'trainer';
  summary: string;
  description: string;
  /** Path parameters; a value that does not match is an unknown resource (404), not a validation error. */
  params?: P;
  /**
   * Answers 404 (by throwing) when the resource of the path does not exist, before the query and the
   * body are looked at: an unknown checkout is "not found" whatever was sent to it.
   */
  ensureExists?: (params: Out<P>, ctx: ApiContext) => void;
  query?: Q;
  /**
   * How the document shows a query parameter when the schema accepts text the domain then checks (so that
   * its messages are the page's): the real type, format and range, e.g. { adults: { type: 'integer', minimum: 1, maximum: 9 } }.
   * test/api/openapi-parameters.test.ts checks that the API enforces exactly these ranges.
   */
  queryDocs?: Record<string, Record<string, unknown>>;
  /** The JSON body (POST and PUT); registered in apiSchemas. */
  body?: B;
  /**
   * Every POST and PUT honours an Idempotency-Key header (idempotency.ts). `fingerprint` is what of the
   * body identifies the request (default: the whole body): it is hashed, so it must leave out what may
   * not be kept (a card's number and code).
   */
  idempotency?: { fingerprint: (body: Out<B>) => unknown };
  /** Answers 404 unless the server runs with TEST_MODE=1. */
  testModeOnly?: boolean;
  /** Refuses (415) a request without Content-Type: application/json even with no body: a cross-site form cannot send it. */
  jsonOnly?: boolean;
  responses: readonly ApiResponseSpec[];
  handle: (input: { params: Out<P>; query: Out<Q>; body: Out<B>; ctx: ApiContext }) => ApiResult | Promise<ApiResult>;
};

export type ApiOperation = OperationSpec<z.ZodType | undefined, z.ZodType | undefined, z.ZodType | undefined>;

/** Declares an operation with its input types inferred from its schemas. */
export function operation<P extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined, B extends z.ZodType | undefined = undefined>(
  spec: OperationSpec<P, Q, B>,
): ApiOperation {
  return spec as unknown as ApiOperation;
}

export type HttpMethod = 'get' | 'post' | 'put' | 'delete';
export type ApiRoute = { method: HttpMethod; path: string; operation: ApiOperation };

/**
 * Whether a route honours Idempotency-Key: every POST and PUT, except the tester-only /test/* ones
 * (a reset empties the table of keys itself; moving a clock is not a thing to replay).
 */
export function isIdempotent(r: ApiRoute): boolean {
  return r.method !== 'get' && !r.operation.testModeOnly;
}

/** What of the body identifies a request for its Idempotency-Key: the operation's fingerprint, else the body. */
export function fingerprintOf(op: ApiOperation, body: unknown): unknown {
  return op.idempotency ? op.idempotency.fingerprint(body) : (body ?? null);
}

/** One line of the table of contents. */
export function route(method: HttpMethod, path: string, op: ApiOperation): ApiRoute {
  return { method, path, operation: op };
}

/** The problem responses an operation may give, described from the list of problem kinds. */
export function problems(...statuses: number[]): ApiResponseSpec[] {
  return statuses.map((status) => ({
    status,
    description: Object.values(PROBLEM_KINDS)
      .filter((k) => k.status === status)
      .map((k) => `${k.title}: ${k.about}`)
      .join(' '),
    schema: ProblemSchema,
  }));
}

/** The responses every operation may give besides its own. */
export const COMMON_PROBLEMS = [400, 413, 500] as const;
