// The OpenAPI 3.1 document: every route of the API router is in it, it is generated from the zod
// schemas the API validates with, its references resolve, its examples are valid, and /docs/api
// shows every operation from it.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { API_ROUTES, createApiRouter } from '../../src/features/api/api.routes.ts';
import { apiSchemas, MoneySchema, ProblemSchema } from '../../src/features/api/common.schema.ts';
import { API_EXAMPLES } from '../../src/features/api/examples.ts';
import { openApiPath, type OpenApiDocument } from '../../src/features/api/openapi.ts';
import { PROBLEM_KINDS } from '../../src/features/api/problem.ts';
import { createTestApp } from '../helpers/app.ts';
import { API, expectConforms } from './api-helpers.ts';

async function fetchDocument(): Promise<OpenApiDocument> {
  const ctx = createTestApp();
  const res = await ctx.agent.get(`${API}/openapi.json`);
  expect(res.status).toBe(200);
  expectConforms(res);
  return res.body as OpenApiDocument;
}

function refsIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refsIn(v, found));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') found.push(v);
      else refsIn(v, found);
    }
  }
  return found;
}

describe('the OpenAPI document', () => {
  it('lists every route the API router has, and nothing else', async () => {
    const document = await fetchDocument();
    const router = createApiRouter() as unknown as { stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> };
    const mounted = router.stack
      .filter((layer) => layer.route)
      .flatMap((layer) => Object.keys(layer.route!.methods).map((m) => `${m.toUpperCase()} ${openApiPath(layer.route!.path)}`))
      .sort();
    const documented = Object.entries(document.paths)
      .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    expect(mounted.length).toBe(API_ROUTES.length);
    expect(documented).toEqual(mounted);
  });

  it('is OpenAPI 3.1 with JSON Schema 2020-12, unique operation ids, and every $ref resolving', async () => {
    const document = await fetchDocument();
    expect(document.openapi).toBe('3.1.0');
    expect(document.jsonSchemaDialect).toBe('https://json-schema.org/draft/2020-12/schema');
    const ids = Object.values(document.paths).flatMap((methods) => Object.values(methods).map((op) => op.operationId));
    expect(new Set(ids).size).toBe(ids.length);
    for (const ref of refsIn(document)) {
      const [, section, name] = /^#\/components\/(schemas|parameters|headers)\/(.+)$/.exec(ref) ?? [];
      expect(section, ref).toBeDefined();
      expect((document.components as Record<string, Record<string, unknown>>)[section!]![name!], ref).toBeDefined();
    }
  });

  it('generates the components from the zod schemas the API validates with (strict bodies refuse unknown fields)', async () => {
    const document = await fetchDocument();
    const { $schema: _ignored, ...money } = z.toJSONSchema(MoneySchema, { target: 'draft-2020-12', io: 'input' }) as Record<string, unknown>;
    expect(document.components.schemas.Money).toMatchObject({ ...money, description: expect.any(String) });
    for (const name of ['OpenCheckoutInput', 'SavePassengersInput', 'ChooseSeatsInput', 'ExtrasRequest', 'PayInput', 'AnswerChallengeInput']) {
      expect(document.components.schemas[name], name).toMatchObject({ type: 'object', additionalProperties: false });
    }
    const registered = new Set<string>();
    for (const route of API_ROUTES) {
      for (const spec of route.operation.responses) registered.add(apiSchemas.get(spec.schema)!.id);
    }
    for (const id of registered) expect(document.components.schemas[id], id).toBeDefined();
  });

  it('documents for every operation a success answer, the problems it gives, and the X-Session-Id header', async () => {
    const document = await fetchDocument();
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const statuses = Object.keys(op.responses);
        // A success, or the redirect of entering a sandbox in a browser (its only answer besides 404).
        const success = path.endsWith('/enter') ? /^303$/ : /^2\d\d$/;
        expect(statuses.some((s) => success.test(s)), `${method} ${path}`).toBe(true);
        expect(statuses).toContain('default');
        expect(op.parameters).toContainEqual({ $ref: '#/components/parameters/SessionId' });
        if (op.requestBody) expect(statuses, `${method} ${path}`).toEqual(expect.arrayContaining(['415', '422']));
      }
    }
    expect(document.paths['/checkouts/{id}/payment']!.post!.parameters).toContainEqual({ $ref: '#/components/parameters/IdempotencyKey' });
  });

  it('has examples that are valid for their schemas (request bodies and every answer of every status)', () => {
    let checked = 0;
    for (const route of API_ROUTES) {
      const { operationId, body, responses } = route.operation;
      const examples = API_EXAMPLES[operationId];
      if (!examples) continue;
      const label = `${route.method.toUpperCase()} ${route.path}`;
      if (examples.request !== undefined) {
        const parsed = body!.safeParse(examples.request);
        expect(parsed.success ? [] : parsed.error.issues, `${label} request`).toEqual([]);
        checked += 1;
      }
      for (const [status, byName] of Object.entries(examples.responses)) {
        const spec = responses.find((r) => String(r.status) === status) ?? (Number(status) >= 400 ? { schema: ProblemSchema } : undefined);
        expect(spec, `${label} example status ${status}`).toBeDefined();
        for (const [name, example] of Object.entries(byName)) {
          const parsed = spec!.schema.safeParse(example.value);
          expect(parsed.success ? [] : parsed.error.issues, `${label} ${status} ${name}`).toEqual([]);
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(150);
  });
});

describe('the API reference page /docs/api', () => {
  it('shows every operation of the document with its method, path, parameters, responses and examples', async () => {
    const ctx = createTestApp();
    const res = await ctx.agent.get('/docs/api');
    expect(res.status).toBe(200);
    const document = (await ctx.agent.get(`${API}/openapi.json`)).body as OpenApiDocument;
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const id = op.operationId.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
        expect(res.text, op.operationId).toContain(`data-testid="api-operation-${id}"`);
        expect(res.text).toContain(`<code data-testid="api-operation-${id}-path">/api/v1${path.replace(/\{/g, '{').replace(/\}/g, '}')}</code>`);
        expect(res.text).toContain(`data-testid="api-operation-${id}-method">${method.toUpperCase()}<`);
      }
    }
    expect(res.text).toContain('Example: Request body');
    expect(res.text).toContain('data-testid="api-schema-checkout"');
    expect(res.text).toContain('data-testid="api-test-card-timeout"');
    for (const kind of Object.keys(PROBLEM_KINDS)) expect(res.text, kind).toContain(`id="problem-${kind}"`);
    // The page obeys the CSP like every other page: no inline scripts or styles.
    expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(res.text).not.toMatch(/\sstyle="/);
  });

  it('is linked from the footer of every page, with the OpenAPI document', async () => {
    const ctx = createTestApp();
    const home = await ctx.agent.get('/');
    expect(home.text).toContain('<a href="/docs/api" data-testid="footer-api-reference">API reference</a>');
    expect(home.text).toContain('<a href="/api/v1/openapi.json" data-testid="footer-openapi">OpenAPI document</a>');
  });
});
