/**
 * Consent records, following the ICO's guidance on consent and on sharing information: who
 * consented (the person, or someone on their behalf and why), when and how, to which privacy
 * notice, for which controllers, for each purpose separately, on which lawful basis; and its
 * withdrawal. A safeguarding decision to share without consent is recorded separately: it is
 * not consent.
 */
import * as z from 'zod/mini';
import {
  confidentialityBasisCodes,
  consentGiverCodes,
  consentMethodCodes,
  consentPurposeCodes,
  controllerRoleCodes,
  lawfulBasisCodes,
  representativeAuthorityCodes,
  specialCategoryConditionCodes,
} from './codelists.ts';
import { code, dateTime, id, longText, text, url } from './primitives.ts';

export const ConsentGiver = z
  .strictObject({
    type: code(consentGiverCodes),
    /** The name of whoever gave consent: the person, or their representative. */
    name: text(160),
    /** For a representative: their relationship to the person ("Son", "Support worker"). */
    relationship: z.optional(text(80)),
    /** For a representative: by what authority they act. */
    authority: z.optional(code(representativeAuthorityCodes)),
    /** For a representative: why the person did not consent themselves. */
    reason: z.optional(longText(1000)),
  })
  .check(
    z.refine((g) => g.type === 'resident' || g.authority !== undefined, {
      path: ['authority'],
      params: { key: 'representative_authority_required' },
    }),
    z.refine((g) => g.type === 'resident' || g.reason !== undefined, {
      path: ['reason'],
      params: { key: 'representative_reason_required' },
    }),
  );
export type ConsentGiver = z.infer<typeof ConsentGiver>;

/** The privacy notice the person was shown: its version and a SHA-256 of its exact text. */
export const PrivacyNoticeRef = z.strictObject({
  version: text(40),
  /** Subresource-Integrity style: `sha256-` and the base64 SHA-256 of the UTF-8 text. */
  textHash: z.string().check(z.regex(/^sha256-[A-Za-z0-9+/]{43}=$/)),
  url: z.optional(url),
});
export type PrivacyNoticeRef = z.infer<typeof PrivacyNoticeRef>;

export const DataController = z.strictObject({
  name: text(160),
  /** ICO data protection register number, like `Z1234567` or `ZA123456`. */
  icoRegistration: z.optional(z.string().check(z.regex(/^Z[A-Z0-9]{7}$/))),
  role: code(controllerRoleCodes),
});
export type DataController = z.infer<typeof DataController>;

/** Each purpose is asked and answered on its own: never bundled. */
export const PurposeDecision = z.strictObject({
  purpose: code(consentPurposeCodes),
  granted: z.boolean(),
});
export type PurposeDecision = z.infer<typeof PurposeDecision>;

export const StaffMember = z.strictObject({
  name: text(160),
  role: z.optional(text(120)),
  organisation: z.optional(text(160)),
});
export type StaffMember = z.infer<typeof StaffMember>;

/**
 * Sharing without consent to protect someone (UK GDPR vital interests, Care Act 2014 s.42,
 * Children Act 1989 s.47): a separate decision, recorded with who made it and why.
 */
export const SafeguardingOverride = z.strictObject({
  reason: longText(2000),
  decidedBy: StaffMember,
  decidedAt: dateTime,
});
export type SafeguardingOverride = z.infer<typeof SafeguardingOverride>;

const consentFields = {
  /** The referral this consent is for, when it already exists. */
  referralId: z.optional(id),
  givenBy: ConsentGiver,
  givenAt: dateTime,
  method: code(consentMethodCodes),
  /** Who took verbal or paper consent. Not needed online. */
  recordedBy: z.optional(StaffMember),
  privacyNotice: PrivacyNoticeRef,
  controllers: z.array(DataController).check(z.minLength(1), z.maxLength(20)),
  purposes: z.array(PurposeDecision).check(
    z.minLength(1),
    z.refine((p) => new Set(p.map((d) => d.purpose)).size === p.length, {
      params: { key: 'purposes_unique' },
    }),
  ),
  lawfulBasis: code(lawfulBasisCodes),
  /** The article 9 condition for special-category data (health, ethnicity, religion…). */
  specialCategoryCondition: z.optional(code(specialCategoryConditionCodes)),
  /** The basis for sharing confidential information under the common law duty of confidentiality. */
  confidentialityBasis: code(confidentialityBasisCodes),
  /** The language the person was asked in. */
  language: z.optional(z.enum(['en', 'cy'])),
  safeguardingOverride: z.optional(SafeguardingOverride),
};

interface ConsentShape {
  method: string;
  recordedBy?: unknown;
  lawfulBasis: string;
  purposes: readonly { granted: boolean }[];
  specialCategoryCondition?: string | undefined;
}
const consentChecks = [
  z.refine<ConsentShape>((c) => c.method === 'online' || c.recordedBy !== undefined, {
    path: ['recordedBy'],
    params: { key: 'recorded_by_required' },
  }),
  z.refine<ConsentShape>((c) => c.lawfulBasis !== 'consent' || c.purposes.some((p) => p.granted), {
    path: ['purposes'],
    params: { key: 'no_purpose_granted' },
  }),
];

/** `POST /v1/consents`. */
export const ConsentCreate = z.strictObject(consentFields).check(...consentChecks);
export type ConsentCreate = z.infer<typeof ConsentCreate>;

/** `POST /v1/consents/{id}/withdraw`. */
export const ConsentWithdrawal = z.strictObject({
  withdrawnAt: dateTime,
  method: code(consentMethodCodes),
  recordedBy: z.optional(StaffMember),
  reason: z.optional(longText(2000)),
});
export type ConsentWithdrawal = z.infer<typeof ConsentWithdrawal>;

/** A consent record as stored. Withdrawal ends it but never deletes it. */
export const Consent = z
  .strictObject({
    id,
    status: z.enum(['active', 'withdrawn']),
    createdAt: dateTime,
    ...consentFields,
    referralId: z.nullable(id),
    withdrawal: z.nullable(ConsentWithdrawal),
  })
  .check(...consentChecks);
export type Consent = z.infer<typeof Consent>;

/** True when `consent` is active and grants `purpose`. */
export function permits(
  consent: Pick<Consent, 'status' | 'purposes'>,
  purpose: z.infer<typeof PurposeDecision>['purpose'],
): boolean {
  return consent.status === 'active' && consent.purposes.some((p) => p.purpose === purpose && p.granted);
}
