import type { FieldError } from '../api.ts';

/**
 * A FHIR resource that cannot be read back into hubkit's language: a required element is
 * missing, a code is not one of ours, or the result breaks a hubkit schema rule.
 */
export class FhirMappingError extends Error {
  override readonly name = 'FhirMappingError';
  /** Where in the FHIR resource the problem is, FHIRPath style (`Task.businessStatus`). */
  readonly location: string | undefined;
  /** When the resource reads into a record the hubkit schema rejects: what it says, field by field. */
  readonly errors: readonly FieldError[];

  constructor(message: string, options: { location?: string; errors?: readonly FieldError[] } = {}) {
    super(message);
    this.location = options.location;
    this.errors = options.errors ?? [];
  }
}
