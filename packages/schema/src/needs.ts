import * as z from 'zod/mini';
import { needCodes, safeguardingSubjectCodes, urgencyCodes } from './codelists.ts';
import { code, longText } from './primitives.ts';

/** One thing the person needs help with, how soon, and in their words. */
export const Need = z.strictObject({
  code: code(needCodes),
  urgency: code(urgencyCodes),
  details: z.optional(longText(2000)),
});
export type Need = z.infer<typeof Need>;

export const Needs = z.array(Need).check(
  z.minLength(1),
  z.maxLength(needCodes.codes.length),
  z.refine((needs) => new Set(needs.map((n) => n.code)).size === needs.length, {
    params: { key: 'needs_unique' },
  }),
);

/**
 * A safeguarding concern about an adult or a child. Immediate danger makes the referral an
 * emergency in the lifecycle; it never stops the referral from being sent.
 */
export const Safeguarding = z
  .strictObject({
    concern: z.boolean(),
    subject: z.optional(code(safeguardingSubjectCodes)),
    immediateDanger: z.boolean(),
    details: z.optional(longText(4000)),
    /** What has been done already: "Called 999", "Told the school's safeguarding lead". */
    actionTaken: z.optional(longText(2000)),
  })
  .check(
    z.refine((s) => s.concern || !s.immediateDanger, {
      path: ['concern'],
      params: { key: 'danger_without_concern' },
    }),
    z.refine((s) => !s.concern || s.subject !== undefined, {
      path: ['subject'],
      params: { key: 'safeguarding_subject_required' },
    }),
    z.refine((s) => !s.concern || s.details !== undefined, {
      path: ['details'],
      params: { key: 'safeguarding_details_required' },
    }),
  );
export type Safeguarding = z.infer<typeof Safeguarding>;
