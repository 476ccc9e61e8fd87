// One family of errors. The domain throws them; one mapper turns them into a page or
// application/problem+json.
//
// Errors about input carry issues with DOMAIN paths (`['passengers', 2, 'dateOfBirth']`,
// `['seats', 'outbound', 1]`), never HTML form names: the JSON API shows a path as
// `passengers/2/dateOfBirth`, and each HTML handler maps a path to its own form field
// (src/lib/validation.ts: fieldErrorsFrom).
export type IssuePath = readonly (string | number)[];

/** One thing wrong with an input. `code` is stable and machine-readable (`required`, `seat_taken` …). */
export type Issue = { path: IssuePath; message: string; code?: string };

/** Legacy shape, keyed by a flat name: still accepted by the constructors below while features move to issues. */
export type FieldErrors = Record<string, string[] | undefined>;

export class AppError extends Error {
  readonly issues: Issue[];
  constructor(
    readonly status: number,
    readonly title: string,
    message: string,
    issues: readonly Issue[] | FieldErrors = [],
  ) {
    super(message);
    this.issues = toIssues(issues);
  }

  /** The issues keyed by their path joined with '.' (for code that has not moved to issues yet). */
  get fieldErrors(): FieldErrors {
    const out: FieldErrors = {};
    for (const issue of this.issues) (out[issue.path.join('.')] ??= []).push(issue.message);
    return out;
  }
}

function toIssues(issues: readonly Issue[] | FieldErrors): Issue[] {
  if (Array.isArray(issues)) return [...issues];
  return Object.entries(issues as FieldErrors).flatMap(([field, messages]) => (messages ?? []).map((message) => ({ path: [field], message })));
}

export class NotFoundError extends AppError {
  constructor(message = 'We could not find that page.') {
    super(404, 'Not found', message);
  }
}

/** The input is fine but the state does not allow it now (a seat just taken, a fare sold out). */
export class ConflictError extends AppError {
  constructor(message: string, issues: readonly Issue[] | FieldErrors = []) {
    super(409, 'Conflict', message, issues);
  }
}

/** Input that is well-formed but not acceptable; issues name the fields by domain path. */
export class ValidationError extends AppError {
  constructor(message: string, issues: readonly Issue[] | FieldErrors = []) {
    super(422, 'Invalid input', message, issues);
  }
}

export class GoneError extends AppError {
  constructor(message: string) {
    super(410, 'Gone', message);
  }
}

/** Too many failed attempts from one client or on one resource (src/lib/throttle.ts). */
export class TooManyRequestsError extends AppError {
  constructor(message: string) {
    super(429, 'Too many requests', message);
  }
}
