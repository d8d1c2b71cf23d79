/**
 * What the mock adds to the problems it shares with the reference hub (`ProblemError`,
 * `notFound`, `fieldProblem` from @hubkit/hub): the status of each code, for failures
 * switched on by code or by status alone.
 */
import type { ProblemCode } from '@hubkit/schema';

/** The status the hub answers each problem code with. */
export const statusOfCode: Readonly<Record<ProblemCode, number>> = {
  validation_failed: 422,
  invalid_json: 400,
  unsupported_media_type: 415,
  payload_too_large: 413,
  invalid_query: 400,
  unauthorized: 401,
  token_expired: 401,
  forbidden: 403,
  origin_not_allowed: 403,
  secret_key_in_browser: 403,
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
  proof_of_work_required: 403,
  proof_of_work_invalid: 403,
  bad_request: 400,
  unknown_host: 421,
  headers_too_large: 431,
  request_timeout: 503,
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
