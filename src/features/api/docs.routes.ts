// GET /docs/api: the readable API reference, rendered from the OpenAPI document itself, so the page,
// the document and the validation cannot disagree.
import type { Request, Response } from 'express';
import type { ApiRoute } from './operation.ts';
import { openApiDocument, type OpenApiDocument, type OpenApiOperation, type OpenApiParameter } from './openapi.ts';

type JsonSchema = Record<string, unknown>;
export type FieldRow = { name: string; type: string; required: boolean; description: string; schemaLink: string | null };

const kebab = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/[^A-Za-z0-9]+/g, '-').toLowerCase();
const refName = (ref: unknown) => (typeof ref === 'string' ? ref.split('/').at(-1) ?? ref : '');

/** A JSON Schema as a short type: "Money", "array of PriceLine", "string or null", "one of add, decline". */
export function typeName(schema: JsonSchema | undefined): string {
  if (!schema) return 'any';
  if (typeof schema.$ref === 'string') return refName(schema.$ref);
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.map((v) => String(v)).join(', ')}`;
  for (const key of ['anyOf', 'oneOf'] as const) {
    const options = schema[key];
    if (Array.isArray(options)) return (options as JsonSchema[]).map(typeName).join(' or ');
  }
  const type = schema.type;
  if (Array.isArray(type)) return type.map((t) => (t === 'array' ? `array of ${typeName(schema.items as JsonSchema)}` : String(t))).join(' or ');
  if (type === 'array') return `array of ${typeName(schema.items as JsonSchema)}`;
  if (type === 'object' && schema.additionalProperties && typeof schema.additionalProperties === 'object') {
    return `map of ${typeName(schema.additionalProperties as JsonSchema)}`;
  }
  const constraints: string[] = [];
  if (typeof schema.pattern === 'string') constraints.push(`pattern ${schema.pattern}`);
  if (typeof schema.maxLength === 'number') constraints.push(`max ${schema.maxLength} chars`);
  if (typeof schema.minimum === 'number' && schema.minimum > -1e15) constraints.push(`≥ ${schema.minimum}`);
  if (typeof schema.maximum === 'number' && schema.maximum < 1e15) constraints.push(`≤ ${schema.maximum}`);
  return `${String(type ?? 'any')}${constraints.length ? ` (${constraints.join(', ')})` : ''}`;
}

/** The fields of an object schema, nested inline objects as dotted names; named schemas link to their section. */
export function fieldRows(schema: JsonSchema | undefined, prefix = '', depth = 0): FieldRow[] {
  if (!schema) return [];
  const variants = (schema.oneOf ?? schema.anyOf) as JsonSchema[] | undefined;
  if (Array.isArray(variants) && depth === 0) {
    // A union of objects (an offer by category, a hotel answer): the fields of each variant.
    return variants.flatMap((v, i) => {
      const tag = Object.entries((v.properties ?? {}) as Record<string, JsonSchema>).find(([, p]) => p.const !== undefined);
      const label = tag ? `${tag[0]} = ${JSON.stringify(tag[1].const)}` : `variant ${i + 1}`;
      return [{ name: `(${label})`, type: '', required: false, description: '', schemaLink: null }, ...fieldRows(v, prefix, depth + 1)];
    });
  }
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties).flatMap(([name, property]) => {
    const full = prefix ? `${prefix}.${name}` : name;
    const item = property.type === 'array' ? (property.items as JsonSchema | undefined) : undefined;
    const target = item ?? property;
    const link = typeof target?.$ref === 'string' ? `schema-${kebab(refName(target.$ref))}` : null;
    const row: FieldRow = {
      name: full,
      type: typeName(property),
      required: required.has(name),
      description: typeof property.description === 'string' ? property.description : '',
      schemaLink: link,
    };
    const nested = target && target.type === 'object' && target.properties && depth < 3 ? fieldRows(target, item ? `${full}[]` : full, depth + 1) : [];
    return [row, ...nested];
  });
}

function resolveParameter(document: OpenApiDocument, p: OpenApiParameter | { $ref: string }): OpenApiParameter {
  if ('$ref' in p) return document.components.parameters[refName(p.$ref)] as OpenApiParameter;
  return p;
}

export function apiDocsModel(document: OpenApiDocument) {
  const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]: [string, OpenApiOperation]) => {
      const body = op.requestBody?.content['application/json'];
      const examples: Array<{ label: string; request: string; json: string }> = [];
      if (body?.example !== undefined) examples.push({ label: 'Request body', request: '', json: JSON.stringify(body.example, null, 2) });
      const responses = Object.entries(op.responses).map(([status, r]) => {
        const [contentType, content] = Object.entries(r.content)[0] ?? ['', undefined];
        for (const ex of Object.values(content?.examples ?? {})) examples.push({ label: `Response ${status}: ${ex.summary}`, request: ex.description, json: JSON.stringify(ex.value, null, 2) });
        const schema = refName(content?.schema.$ref);
        return { status, description: r.description, contentType, schema, schemaLink: `schema-${kebab(schema)}`, headers: Object.keys(r.headers ?? {}) };
      });
      const bodySchema = body ? refName(body.schema.$ref) : null;
      return {
        id: kebab(op.operationId),
        method: method.toUpperCase(),
        path: `/api/v1${path}`,
        tag: op.tags[0] ?? '',
        summary: op.summary,
        description: op.description,
        testModeOnly: op['x-test-mode-only'] === true,
        parameters: op.parameters.map((p) => {
          const param = resolveParameter(document, p);
          return { name: param.name, in: param.in, required: param.required, type: typeName(param.schema), description: param.description ?? '' };
        }),
        body: bodySchema ? { schema: bodySchema, schemaLink: `schema-${kebab(bodySchema)}`, fields: fieldRows(document.components.schemas[bodySchema]) } : null,
        responses,
        examples,
      };
    }),
  );
  const tags = document.tags.map((t) => ({ ...t, id: `tag-${kebab(t.name)}`, operations: operations.filter((o) => o.tag === t.name) }));
  const schemas = Object.entries(document.components.schemas).map(([name, schema]) => ({
    name,
    id: `schema-${kebab(name)}`,
    description: typeof schema.description === 'string' ? schema.description : '',
    type: schema.type === 'object' ? 'object' : typeName(schema),
    fields: fieldRows(schema),
  }));
  const problems = document['x-problem-types'].map((p) => ({ ...p, id: p.type.split('#')[1] ?? kebab(p.title) }));
  const testCards = document['x-test-cards'].map((c) => ({ ...c, grouped: c.number.replace(/(\d{4})(?=\d)/g, '$1 ') }));
  return { info: document.info, tags, schemas, problems, testCards, operationCount: operations.length };
}

// GET /docs/api
/**
 * GET /docs/api for the API's route table (src/routes.ts passes it in, so this page does not import
 * another route file). The document only changes with the code: the page model is built once.
 */
export function showApiDocs(routes: readonly ApiRoute[]) {
  let model: ReturnType<typeof apiDocsModel> | undefined;
  return (_req: Request, res: Response): void => {
    model ??= apiDocsModel(openApiDocument(routes));
    res.render('docs/api', { pageTitle: 'API reference', styles: ['api-docs'], ...model });
  };
}
