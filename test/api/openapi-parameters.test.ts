// The document shows the query parameters of GET /flights with their real types, formats and ranges, and
// the API enforces exactly those: the bounds are accepted, one step outside is a 422 on that parameter.
// Every operation also documents 400, a POST or PUT 413, X-Request-Id on every answer, and an open `security`.
import { describe, expect, it } from 'vitest';
import { API_ROUTES } from '../../src/features/api/api.routes.ts';
import { openApiDocument, openApiPath, type OpenApiParameter } from '../../src/features/api/openapi.ts';
import { createTestApp } from '../helpers/app.ts';
import { API } from './api-helpers.ts';

const doc = openApiDocument(API_ROUTES);
const flightParams = doc.paths['/flights']!.get!.parameters.filter((p): p is OpenApiParameter => 'name' in p);
const schemaOf = (name: string) => flightParams.find((p) => p.name === name)!.schema as { type: string; minimum?: number; maximum?: number; format?: string };

function url(overrides: Record<string, string>): string {
  const q = new URLSearchParams({ from: 'DUB', to: 'LIS', depart: '2026-12-10', adults: '1', children: '0', infants: '0', ...overrides });
  return `${API}/flights?${q}`;
}

describe('the query parameters of GET /flights in the document', () => {
  it('are typed: dates with format date, counts as integers', () => {
    expect(schemaOf('depart')).toMatchObject({ type: 'string', format: 'date' });
    expect(schemaOf('return')).toMatchObject({ type: 'string', format: 'date' });
    for (const name of ['adults', 'children', 'infants']) expect(schemaOf(name).type, name).toBe('integer');
  });

  it('give the ranges the search enforces (adults and children on their own; infants with as many adults)', async () => {
    const ctx = createTestApp();
    const fieldsOf = async (overrides: Record<string, string>) => {
      const res = await ctx.agent.get(url(overrides));
      return ((res.body.errors ?? []) as Array<{ field: string }>).map((e) => e.field);
    };
    const { minimum: aMin, maximum: aMax } = schemaOf('adults');
    expect(await fieldsOf({ adults: String(aMin) })).not.toContain('adults');
    expect(await fieldsOf({ adults: String(aMax) })).not.toContain('adults');
    expect(await fieldsOf({ adults: String(aMin! - 1) })).toContain('adults');
    expect(await fieldsOf({ adults: String(aMax! + 1) })).toContain('adults');
    const { minimum: cMin, maximum: cMax } = schemaOf('children');
    expect(await fieldsOf({ adults: '1', children: String(cMax) })).not.toContain('children');
    expect(await fieldsOf({ children: String(cMin! - 1) })).toContain('children');
    expect(await fieldsOf({ adults: '1', children: String(cMax! + 1) })).toContain('children');
    const { minimum: iMin, maximum: iMax } = schemaOf('infants');
    expect(await fieldsOf({ adults: String(aMax), infants: String(iMax) })).not.toContain('infants');
    expect(await fieldsOf({ infants: String(iMin! - 1) })).toContain('infants');
    expect(await fieldsOf({ adults: String(aMax), infants: String(iMax! + 1) })).toContain('infants');
  });
});

describe('every operation in the document', () => {
  it('lists 400 (and 413 for a POST, PUT or DELETE), X-Request-Id on every answer, and security (empty where open)', () => {
    for (const route of API_ROUTES) {
      const op = doc.paths[openApiPath(route.path)]![route.method]!;
      const label = `${route.method} ${route.path}`;
      expect(op.responses['400'], label).toBeDefined();
      if (route.method !== 'get') expect(op.responses['413'], label).toBeDefined();
      // Open unless the operation names its scheme (the trainer's bearer).
      expect(op.security, label).toEqual(route.operation.security ? [{ [Object.keys(doc.components.securitySchemes)[0]!]: [] }] : []);
      for (const [status, response] of Object.entries(op.responses)) {
        if (status === 'default') continue;
        expect(Object.keys(response.headers ?? {}), `${label} ${status}`).toContain('X-Request-Id');
      }
    }
    expect(doc.components.headers['X-Request-Id']).toBeDefined();
  });
});
