// The OpenAPI 3.1 document of /api/v1, generated from the route table and the zod schemas the API
// validates and answers with: components.schemas is the registry of named schemas (common.schema.ts)
// turned into JSON Schema 2020-12 by z.toJSONSchema, and each operation refers to them by name.
import { z } from 'zod';
import { TEST_CARDS } from '../payment/card.ts';
import { apiSchemas, ProblemSchema, schemaDescriptions } from './common.schema.ts';
import { API_EXAMPLES } from './examples.ts';
import { isIdempotent, problems, type ApiExample, type ApiResponseSpec, type ApiRoute } from './operation.ts';
import { PROBLEM_KINDS, problemType } from './problem.ts';

const TRAINER_SECURITY_SCHEME = 'trainerPassword';

type JsonSchema = Record<string, unknown>;
export type OpenApiDocument = {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string; license: { name: string; identifier: string } };
  jsonSchemaDialect: string;
  servers: Array<{ url: string; description: string }>;
  tags: Array<{ name: string; description: string }>;
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, JsonSchema>; parameters: Record<string, unknown>; headers: Record<string, unknown>; securitySchemes: Record<string, unknown> };
  'x-problem-types': Array<{ type: string; status: number; title: string; description: string }>;
  'x-test-cards': Array<{ number: string; behaviour: string; description: string }>;
};
export type OpenApiParameter = { name: string; in: 'path' | 'query' | 'header'; required: boolean; description?: string; schema: JsonSchema };
export type OpenApiOperation = {
  operationId: string;
  tags: string[];
  summary: string;
  description: string;
  parameters: Array<OpenApiParameter | { $ref: string }>;
  requestBody?: { required: true; content: { 'application/json': { schema: { $ref: string }; example?: unknown } } };
  responses: Record<string, { description: string; headers?: Record<string, { $ref: string }>; content: Record<string, { schema: { $ref: string }; examples?: Record<string, ApiExample> }> }>;
  security?: Array<Record<string, string[]>>;
  'x-test-mode-only'?: boolean;
};

const TAGS: OpenApiDocument['tags'] = [
  { name: 'Catalogue', description: 'Airports, flights and fares.' },
  { name: 'Checkout', description: 'A trip being bought: open it with fares, read it, enter the passengers.' },
  { name: 'Seats', description: 'Seat maps and seats held for 15 minutes.' },
  { name: 'Offers and extras', description: 'Upsells and cross-sells of the seats and extras steps; choosing extras.' },
  { name: 'Payment', description: 'Card payment, 3-D Secure, idempotency.' },
  { name: 'Bookings', description: 'Finding a booking by reference and last name.' },
  { name: 'Trainer', description: 'The tactics playbook of the trainer console, for setting up a workshop by script (bearer: the trainer password).' },
  { name: 'Testing', description: 'Tester-only endpoints (TEST_MODE=1).' },
  { name: 'Documentation', description: 'This document.' },
];

// Plain text (no Markdown), because /docs/api shows it as it is.
const DESCRIPTION = [
  'The JSON mirror of the Skylark Air booking flow, for testers: the same rules, prices and offer recording as the pages.',
  'Bodies are application/json; errors are application/problem+json (RFC 9457) whose errors list names each invalid field.',
  'Money is always an object like { "amountMinor": 12900, "currency": "EUR" }. Unknown fields in a body are refused (422).',
  'A request belongs to the visitor session of its skylark.sid cookie, or to the X-Session-Id header when sent;',
  'without either, each request is a new session. Offer events are recorded under that session.',
  'A known path asked with a method it does not have answers 405 with an Allow header listing the methods it has.',
  'Guide with a worked example: docs/api.md in the repository.',
].join(' ');

/** '/checkouts/:id/seats' → '/checkouts/{id}/seats' */
export function openApiPath(expressPath: string): string {
  return expressPath.replace(/:(\w+)/g, '{$1}');
}

/** A parameter's schema, inline (parameters are strings and enums; descriptions come from .describe()). */
function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as JsonSchema;
  delete json.$schema;
  return json;
}

function refTo(schema: z.ZodType, where: string): { $ref: string } {
  const id = apiSchemas.get(schema)?.id;
  if (!id) throw new Error(`${where}: the schema is not registered in apiSchemas (use named())`);
  return { $ref: `#/components/schemas/${id}` };
}

function parametersOf(schema: z.ZodType | undefined, location: 'path' | 'query', docs: Record<string, Record<string, unknown>> = {}): OpenApiParameter[] {
  if (!schema) return [];
  const shape = (schema as z.ZodObject).shape as Record<string, z.ZodType>;
  return Object.entries(shape).map(([name, field]) => {
    const json = jsonSchemaOf(field);
    const description = typeof json.description === 'string' ? json.description : undefined;
    delete json.description;
    return {
      name,
      in: location,
      required: location === 'path' || !field.safeParse(undefined).success,
      ...(description ? { description } : {}),
      schema: docs[name] ?? json,
    };
  });
}

/**
 * The headers an answer may carry besides its own: a replay of an idempotent request says so; a 409 may be
 * "in progress, retry after"; a throttled operation (one that may answer 429) gives its quota on every
 * answer, and when to come back on a 429; a 401 names the scheme it wants.
 * test/api/examples.test.ts checks every header of the live answers against these.
 */
function headersOf(route: ApiRoute, spec: ApiResponseSpec): string[] {
  const headers = new Set<string>(['X-Request-Id', 'X-Session-Id', 'Skylark-Sandbox', ...(spec.headers ?? [])]);
  if (isIdempotent(route) && spec.status < 500) headers.add('Idempotent-Replayed');
  if (isIdempotent(route) && spec.status === 409) headers.add('Retry-After');
  if (route.operation.responses.some((r) => r.status === 429)) {
    headers.add('RateLimit');
    headers.add('RateLimit-Policy');
  }
  if (spec.status === 429) headers.add('Retry-After');
  if (spec.status === 401) headers.add('WWW-Authenticate');
  return [...headers];
}

/**
 * Besides its own: every operation may answer 400 (malformed JSON or URL), a POST or PUT 413 (a body too
 * large); an idempotent operation 409 (the key's first request still running) and 422 (the key reused).
 */
function responsesOf(route: ApiRoute): readonly ApiResponseSpec[] {
  const specs = [...route.operation.responses];
  for (const status of route.method === 'get' ? [400] : [400, 413]) if (!specs.some((r) => r.status === status)) specs.push(...problems(status));
  if (isIdempotent(route)) {
    for (const status of [409, 422]) if (!specs.some((r) => r.status === status)) specs.push(...problems(status));
  }
  return specs;
}

/** The live answers of examples.ts for one documented status: named, each with what provoked it. */
function responseOf(route: ApiRoute, spec: ApiResponseSpec) {
  const examples = API_EXAMPLES[route.operation.operationId]?.responses[String(spec.status)];
  const example = examples ? { examples } : {};
  const contentType = spec.schema === ProblemSchema ? 'application/problem+json' : 'application/json';
  const headers = headersOf(route, spec);
  return {
    description: spec.description,
    headers: Object.fromEntries(headers.map((h) => [h, { $ref: `#/components/headers/${h}` }])),
    content: { [contentType]: { schema: refTo(spec.schema, `${route.method.toUpperCase()} ${route.path} ${spec.status}`), ...example } },
  };
}

function components(): OpenApiDocument['components'] {
  const generated = z.toJSONSchema(apiSchemas, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any', uri: (id) => `#/components/schemas/${id}` }) as {
    schemas: Record<string, JsonSchema>;
  };
  const schemas: Record<string, JsonSchema> = {};
  for (const [id, schema] of Object.entries(generated.schemas).sort(([a], [b]) => a.localeCompare(b))) {
    const { $schema: _s, $id: _i, ...rest } = schema;
    const description = schemaDescriptions.get(id);
    schemas[id] = description ? { description, ...rest } : rest;
  }
  return {
    schemas,
    parameters: {
      SessionId: {
        name: 'X-Session-Id',
        in: 'header',
        required: false,
        description: 'The visitor session to record offer events under (8–64 letters, digits, _ or -). Without it: the skylark.sid cookie, else a new session per request.',
        schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{8,64}$' },
      },
      Sandbox: {
        name: 'Skylark-Sandbox',
        in: 'header',
        required: false,
        description: 'TEST_MODE only: the sandbox (POST /test/sandboxes) the request is served from; an unknown id is a 404. Without it (and without the skylark.sandbox cookie): the server’s own data.',
        schema: { type: 'string', pattern: '^sbx_[A-Za-z0-9_-]{16}$' },
      },
      IdempotencyKey: {
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        description:
          'Any unique value (a UUID), on every POST and PUT: a retry with the same key, path and body answers the stored answer (Idempotent-Replayed: true) without doing it again; the same key with another path or body is a 422; while the first request runs, a 409 with Retry-After. A 5xx answer is not kept.',
        schema: { type: 'string', minLength: 1, maxLength: 255 },
      },
    },
    headers: {
      'X-Request-Id': {
        description: 'The id of this request: the client’s X-Request-Id when usable, else a new UUID. In the logs too; quote it when reporting a 500.',
        schema: { type: 'string' },
      },
      'X-Session-Id': { description: 'The session the request was recorded under.', schema: { type: 'string' } },
      Location: { description: 'The URL of what was created (checkout, booking, challenge).', schema: { type: 'string' } },
      'Idempotent-Replayed': { description: '"true" when the answer is the stored answer of an earlier request with the same Idempotency-Key.', schema: { type: 'string', enum: ['true'] } },
      'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'string' } },
      'Skylark-Sandbox': { description: 'TEST_MODE only: the sandbox that answered, when the request named one.', schema: { type: 'string' } },
      RateLimit: { description: 'The throttle’s quota left and when it resets (IETF draft 8), e.g. "bookingLookup"; r=9; t=840 (9 more failures allowed; the window resets in 840 s). Only failures count.', schema: { type: 'string' } },
      'RateLimit-Policy': { description: 'The throttle’s policy (IETF draft 8), e.g. "bookingLookup"; q=10; w=900 (10 failures per 900 s).', schema: { type: 'string' } },
      'WWW-Authenticate': { description: 'The scheme the trainer operations want: Bearer realm="trainer".', schema: { type: 'string' } },
      'Set-Cookie': { description: 'TEST_MODE only: the skylark.sandbox cookie that puts the browser in the sandbox.', schema: { type: 'string' } },
    },
    securitySchemes: {
      [TRAINER_SECURITY_SCHEME]: {
        type: 'http',
        scheme: 'bearer',
        description: 'The trainer password (TRAINER_PASSWORD, or the one the server printed at its first start) as the bearer token.',
      },
    },
  };
}

/** The whole document for these routes. */
export function buildOpenApiDocument(routes: readonly ApiRoute[]): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  for (const route of routes) {
    const op = route.operation;
    const path = openApiPath(route.path);
    const operation: OpenApiOperation = {
      operationId: op.operationId,
      tags: [op.tag],
      summary: op.summary,
      description: op.description,
      parameters: [
        ...parametersOf(op.params, 'path'),
        ...parametersOf(op.query, 'query', op.queryDocs),
        { $ref: '#/components/parameters/SessionId' },
        { $ref: '#/components/parameters/Sandbox' },
        ...(isIdempotent(route) ? [{ $ref: '#/components/parameters/IdempotencyKey' }] : []),
      ],
      responses: {},
      // Open: a session is a cookie or X-Session-Id, not a credential (docs/api.md, Conventions).
      security: [],
    };
    if (op.body) {
      const request = API_EXAMPLES[op.operationId]?.request;
      const example = request !== undefined ? { example: request } : {};
      operation.requestBody = { required: true, content: { 'application/json': { schema: refTo(op.body, `${route.method.toUpperCase()} ${route.path} body`), ...example } } };
    }
    for (const spec of responsesOf(route)) operation.responses[String(spec.status)] = responseOf(route, spec);
    operation.responses.default = {
      description: 'Any other problem: 500 a fault on our side, 429 too many attempts where throttled.',
      content: { 'application/problem+json': { schema: refTo(ProblemSchema, 'default') } },
    };
    if (op.security === 'trainer') operation.security = [{ [TRAINER_SECURITY_SCHEME]: [] }];
    if (op.testModeOnly) operation['x-test-mode-only'] = true;
    (paths[path] ??= {})[route.method] = operation;
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Skylark Air API', version: '1.0.0', description: DESCRIPTION, license: { name: 'Demo for testers: no licence granted', identifier: 'LicenseRef-Skylark-Demo' } },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: '/api/v1', description: 'This server' }],
    tags: TAGS,
    paths,
    components: components(),
    'x-problem-types': Object.entries(PROBLEM_KINDS).map(([kind, k]) => ({
      type: problemType(kind as keyof typeof PROBLEM_KINDS),
      status: k.status,
      title: k.title,
      description: k.about,
    })),
    'x-test-cards': TEST_CARDS.map((c) => ({ number: c.number, behaviour: c.behaviour, description: c.description })),
  };
}

const documents = new WeakMap<readonly ApiRoute[], OpenApiDocument>();

/** Built once per route table: the schemas do not change while the process runs. */
export function openApiDocument(routes: readonly ApiRoute[]): OpenApiDocument {
  let document = documents.get(routes);
  if (!document) {
    document = buildOpenApiDocument(routes);
    documents.set(routes, document);
  }
  return document;
}
