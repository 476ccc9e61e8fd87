// One family of errors. The domain throws them; src/app.ts turns them into a page or
// application/problem+json in one place.
export type FieldErrors = Record<string, string[] | undefined>;

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    message: string,
  ) {
    super(message);
  }
}

export class NotFoundError extends AppError {
  constructor(message = 'We could not find that page.') {
    super(404, 'Not found', message);
  }
}

export class ConflictError extends AppError {
  constructor(message: string) {
    super(409, 'Conflict', message);
  }
}

/** Input that is well-formed but not acceptable; fieldErrors name the fields. */
export class ValidationError extends AppError {
  constructor(
    message: string,
    readonly fieldErrors: FieldErrors = {},
  ) {
    super(422, 'Invalid input', message);
  }
}

export class GoneError extends AppError {
  constructor(message: string) {
    super(410, 'Gone', message);
  }
}
