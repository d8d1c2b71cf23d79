import * as z from 'zod/mini';
import { NEED_CODES, SAFEGUARDING_SUBJECT_CODES, URGENCY_CODES } from './codes.ts';
import { checked, code, longText, rule } from './primitives.ts';

/** One thing the person needs help with, how soon, and in their words. */
export const Need = z.strictObject({
  code: code(NEED_CODES),
  urgency: code(URGENCY_CODES),
  details: z.optional(longText(2000)),
});
export type Need = z.infer<typeof Need>;

export const Needs = checked(
  z.array(Need),
  z.minLength(1),
  z.maxLength(NEED_CODES.length),
  z.refine((needs) => new Set(needs.map((n) => n.code)).size === needs.length, {
    params: { key: 'needs_unique' },
  }),
);

interface SafeguardingShape {
  concern: boolean;
  immediateDanger: boolean;
  subject?: string | undefined;
  details?: string | undefined;
}

/**
 * A safeguarding concern about an adult or a child. Immediate danger makes the referral an
 * emergency in the lifecycle; it never stops the referral from being sent.
 */
export const Safeguarding = checked(
  z.strictObject({
    concern: z.boolean(),
    subject: z.optional(code(SAFEGUARDING_SUBJECT_CODES)),
    immediateDanger: z.boolean(),
    details: z.optional(longText(4000)),
    /** What has been done already: "Called 999", "Told the school's safeguarding lead". */
    actionTaken: z.optional(longText(2000)),
  }),
  rule<SafeguardingShape>((s) => s.concern || !s.immediateDanger, {
    reads: ['concern', 'immediateDanger'],
    path: ['concern'],
    key: 'danger_without_concern',
  }),
  rule<SafeguardingShape>((s) => !s.concern || s.subject !== undefined, {
    reads: ['concern', 'subject'],
    path: ['subject'],
    key: 'safeguarding_subject_required',
  }),
  rule<SafeguardingShape>((s) => !s.concern || s.details !== undefined, {
    reads: ['concern', 'details'],
    path: ['details'],
    key: 'safeguarding_details_required',
  }),
);
export type Safeguarding = z.infer<typeof Safeguarding>;
