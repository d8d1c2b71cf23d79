/**
 * The one error the hub throws on purpose: a problem (RFC 9457) with an HTTP status, a stable
 * code and, for validation, every failing field. Its text never contains personal data.
 */
import type { FieldError, ProblemCode } from '@hubkit/schema';

export class ProblemError extends Error {
  override readonly name = 'ProblemError';
  readonly status: number;
  readonly code: ProblemCode;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    code: ProblemCode,
    detail: string,
    options: { errors?: FieldError[]; headers?: Record<string, string> } = {},
  ) {
    super(detail);
    this.status = status;
    this.code = code;
    this.errors = options.errors;
    this.headers = options.headers ?? {};
  }
}

export const notFound = (what: string) =>
  new ProblemError(404, 'not_found', `There is no ${what} with that id that this key may see.`);

/** A 422 for one field, in the same shape as the schema's validation errors. */
export function fieldProblem(path: string, code: string, message: string, detail = message): ProblemError {
  return new ProblemError(422, 'validation_failed', detail, { errors: [{ path, code, message }] });
}
