/**
 * Problems the mock answers with, as the reference hub raises them: an HTTP status, a stable
 * code, a detail and, for validation, every failing field. Turned into RFC 9457 bodies with the
 * schema's `problemBody`, so titles (English and Welsh) are the hub's own.
 */
import type { FieldError, ProblemCode } from '@hubkit/schema';

export class MockProblem extends Error {
  override readonly name = 'MockProblem';
  readonly status: number;
  readonly code: ProblemCode;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    code: ProblemCode,
    detail: string,
    options: { errors?: FieldError[] | undefined; headers?: Record<string, string> } = {},
  ) {
    super(detail);
    this.status = status;
    this.code = code;
    this.errors = options.errors;
    this.headers = options.headers ?? {};
  }
}

/** A cursor this mock did not give out. */
export class CursorError extends Error {
  override readonly name = 'CursorError';
}

export const notFound = (what: string): MockProblem =>
  new MockProblem(404, 'not_found', `There is no ${what} with that id that this key may see.`);

/** A 422 for one field, in the same shape as the schema's validation errors. */
export function fieldProblem(path: string, code: string, message: string, detail = message): MockProblem {
  return new MockProblem(422, 'validation_failed', detail, { errors: [{ path, code, message }] });
}

/** The status the hub answers each problem code with. */
export const statusOfCode: Readonly<Record<ProblemCode, number>> = {
  validation_failed: 422,
  invalid_json: 400,
  unsupported_media_type: 415,
  payload_too_large: 413,
  invalid_query: 400,
  unauthorized: 401,
  forbidden: 403,
  origin_not_allowed: 403,
  not_found: 404,
  method_not_allowed: 405,
  idempotency_key_invalid: 400,
  idempotency_key_reused: 422,
  idempotency_request_in_flight: 409,
  transition_not_allowed: 409,
  role_not_allowed: 403,
  reason_required: 422,
  service_required: 422,
  outcomes_required: 422,
  conflict: 409,
  consent_withdrawn: 403,
  postcode_not_found: 422,
  rate_limited: 429,
  bad_request: 400,
  headers_too_large: 431,
  internal_error: 500,
};

/** The code a problem with `status` most likely has, for failures switched on by status alone. */
export function codeOfStatus(status: number): ProblemCode {
  const byStatus: Partial<Record<number, ProblemCode>> = {
    400: 'bad_request',
    401: 'unauthorized',
    403: 'forbidden',
    404: 'not_found',
    405: 'method_not_allowed',
    409: 'conflict',
    413: 'payload_too_large',
    415: 'unsupported_media_type',
    422: 'validation_failed',
    429: 'rate_limited',
    431: 'headers_too_large',
  };
  return byStatus[status] ?? (status >= 500 ? 'internal_error' : 'bad_request');
}
