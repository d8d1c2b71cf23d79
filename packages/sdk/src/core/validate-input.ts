import { validate, type Lang } from '@hubkit/schema';
import type * as z from 'zod/mini';
import { ValidationError } from '../errors/validation-error.ts';

/** Checks what a caller is about to send; a ValidationError means nothing was sent. */
export function checked<S extends z.ZodMiniType>(schema: S, input: unknown, lang: Lang): z.output<S> {
  const result = validate(schema, input, { lang });
  if (!result.success) throw new ValidationError(result.errors);
  return result.data;
}
