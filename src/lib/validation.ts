// The edge of every command: its zod schema parses the input, and what is wrong comes back as
// issues with domain paths. Pages turn the paths into their form fields; the API shows them as is.
import type { z } from 'zod';
import { ValidationError, type FieldErrors, type Issue, type IssuePath } from './errors.ts';

const UNKNOWN_FIELD = 'Unknown field: remove it (this API refuses fields it does not know).';

/** Zod issues as domain issues: one per unknown key, the zod code kept as `code`. */
export function issuesFromZod(error: z.ZodError, prefix: IssuePath = []): Issue[] {
  const issues: Issue[] = [];
  for (const issue of error.issues) {
    const path = [...prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) issues.push({ path: [...path, key], message: UNKNOWN_FIELD, code: 'unknown_field' });
    } else {
      issues.push({ path, message: issue.message, code: codeOf(issue) });
    }
  }
  return issues;
}

// zod 4 keeps an issue's input only when asked (`reportInput`, as parseInput does): without it every
// invalid_type would look like a missing field, so `required` is said only when the input is known missing.
function codeOf(issue: z.core.$ZodIssue): string {
  const missing = 'input' in issue && issue.input === undefined;
  if (missing && (issue.code === 'invalid_type' || issue.code === 'invalid_value')) return 'required';
  // A rule of ours names its code: addIssue({ code: 'custom', params: { code: 'in_the_past' }, ... }).
  if (issue.code === 'custom' && typeof issue.params?.code === 'string') return issue.params.code;
  return issue.code;
}

/** Parses a command's input or throws a ValidationError whose issues carry domain paths. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, message = 'Some fields need another look.'): z.output<S> {
  // reportInput: the issues say whether a field was missing (code `required`); only path, message and code leave here.
  const parsed = schema.safeParse(input, { reportInput: true });
  if (!parsed.success) throw new ValidationError(message, issuesFromZod(parsed.error));
  return parsed.data;
}

/** `passengers[2].dateOfBirth`: a path as people write it (logs, docs, test names). */
export function formatPath(path: IssuePath): string {
  return path.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${part}` : part), '');
}

/** `passengers/2/dateOfBirth`: a path as the JSON API names a field of its body. */
export function apiField(path: IssuePath): string {
  return path.join('/');
}

/**
 * For an HTML handler: the issues keyed by the page's own form fields. `toField` maps a domain path
 * to the field that shows it (undefined: the page-level error summary, under '').
 */
export function fieldErrorsFrom(issues: readonly Issue[], toField: (path: IssuePath) => string | undefined): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues) {
    const field = toField(issue.path) ?? '';
    const list = (out[field] ??= []);
    if (!list.includes(issue.message)) list.push(issue.message);
  }
  return out;
}
