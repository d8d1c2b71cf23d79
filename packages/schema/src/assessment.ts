import * as z from 'zod/mini';
import { ACTION_OWNER_CODES, NEED_CODES } from './codes.ts';
import { checked, code, date, dateTime, id, longText, text } from './primitives.ts';

/** Something agreed with the person, and who will do it. */
export const AssessmentAction = z.strictObject({
  description: longText(500),
  owner: code(ACTION_OWNER_CODES),
  /** The named person or organisation, for example "Citizens Advice (fictional)". */
  ownerName: z.optional(text(160)),
  dueBy: z.optional(date),
  done: z.optional(z.boolean()),
});
export type AssessmentAction = z.infer<typeof AssessmentAction>;

/** Where things stand on a scale of 1 (in crisis) to 5 (thriving); see `wellbeingScale`. */
export const WellbeingScore = checked(z.number(), z.int(), z.minimum(1), z.maximum(5));

/** One need domain of the single assessment. */
export const AssessmentSection = z.strictObject({
  domain: code(NEED_CODES),
  score: WellbeingScore,
  /** Where things stand now, in words. */
  summary: z.optional(longText(2000)),
  /** What matters to the person in this part of their life. */
  whatMatters: z.optional(longText(2000)),
  strengths: z.optional(longText(2000)),
  risks: z.optional(longText(2000)),
  actions: checked(z.array(AssessmentAction), z.maxLength(20)),
});
export type AssessmentSection = z.infer<typeof AssessmentSection>;

export const Assessor = z.strictObject({
  name: text(160),
  role: z.optional(text(120)),
  organisation: z.optional(text(160)),
});
export type Assessor = z.infer<typeof Assessor>;

const assessmentFields = {
  sections: checked(
    z.array(AssessmentSection),
    z.minLength(1),
    z.maxLength(NEED_CODES.length),
    z.refine((sections) => new Set(sections.map((s) => s.domain)).size === sections.length, {
      params: { key: 'sections_unique' },
    }),
  ),
  /** What matters most to the person, overall. */
  whatMattersMost: z.optional(longText(2000)),
  strengths: z.optional(longText(2000)),
  risks: z.optional(longText(2000)),
  completedBy: Assessor,
  completedAt: dateTime,
};

/**
 * The single assessment: completed once by a connector, with the person, and reused by every
 * partner the person consents to share it with, so they tell their story once.
 */
export const AssessmentDraft = z.strictObject(assessmentFields);
export type AssessmentDraft = z.infer<typeof AssessmentDraft>;

/** `POST /v1/assessments`: for a referral, or for a person already known to the hub. */
export const AssessmentCreate = checked(
  z.strictObject({ ...assessmentFields, referralId: z.optional(id), residentId: z.optional(id) }),
  z.refine((a) => a.referralId !== undefined || a.residentId !== undefined, {
    path: ['referralId'],
    params: { key: 'assessment_subject_required' },
  }),
);
export type AssessmentCreate = z.infer<typeof AssessmentCreate>;

/** `POST /v1/assessments/{id}/versions`: the whole assessment as it now stands. */
export const AssessmentVersionCreate = AssessmentDraft;
export type AssessmentVersionCreate = AssessmentDraft;

/** One version of a single assessment; the id is the same across versions. */
export const Assessment = z.strictObject({
  id,
  version: checked(z.number(), z.int(), z.minimum(1)),
  residentId: id,
  referralId: z.nullable(id),
  createdAt: dateTime,
  ...assessmentFields,
});
export type Assessment = z.infer<typeof Assessment>;
