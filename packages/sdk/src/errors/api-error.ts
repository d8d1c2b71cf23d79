import type { FieldError, Problem } from '@hubkit/schema';
import { HubkitError } from './hubkit-error.ts';

/** The hub answered with an error: its status, its problem details and the request's id. */
export class APIError extends HubkitError {
  override readonly name: string = 'APIError';
  readonly status: number;
  /** The problem details (RFC 9457) the hub sent, when it sent them. */
  readonly problem: Problem | undefined;
  /** The stable machine-readable code, like `validation_failed`. */
  readonly code: string | undefined;
  /** Every failing field, for `validation_failed`. */
  readonly errors: FieldError[];
  /** The X-Request-Id of the failed request: give it to the hub when asking for help. */
  readonly requestId: string | undefined;
  /** The answer's headers (`Retry-After`, `X-Request-Id`, …); never the request's, which hold the key. */
  readonly headers: Headers | undefined;

  constructor(
    status: number,
    problem: Problem | undefined,
    requestId: string | undefined,
    headers?: Headers,
  ) {
    super(APIError.describe(status, problem));
    this.headers = headers;
    this.status = status;
    this.problem = problem;
    this.code = problem?.code;
    this.errors = problem?.errors ?? [];
    this.requestId = requestId;
  }

  static describe(status: number, problem: Problem | undefined): string {
    if (!problem) return `The hub answered ${status}`;
    return [`${status} ${problem.title}`, problem.detail].filter(Boolean).join(': ');
  }
}
