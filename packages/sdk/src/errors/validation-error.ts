import type { FieldError } from '@hubkit/schema';
import { HubkitError } from './hubkit-error.ts';

/**
 * What you asked to send breaks the schema, so nothing was sent: every failing field with its
 * JSON Pointer path, stable code and a GOV.UK-style message (in Welsh with `lang: 'cy'`).
 */
export class ValidationError extends HubkitError {
  override readonly name: string = 'ValidationError';
  readonly errors: FieldError[];

  constructor(errors: FieldError[]) {
    super(
      `Nothing was sent: ${errors.length === 1 ? 'a field needs' : `${errors.length} fields need`} changing (${errors.map((e) => e.path || '/').join(', ')})`,
    );
    this.errors = errors;
  }
}
