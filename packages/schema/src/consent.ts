/**
 * Consent records, following the ICO's guidance on consent and on sharing information: who
 * consented (the person, or someone on their behalf and why), when and how, to which privacy
 * notice, for which controllers, for each purpose separately, on which lawful basis; and its
 * withdrawal. A safeguarding decision to share without consent is recorded separately: it is
 * not consent.
 */
import * as z from 'zod/mini';
import {
  CONFIDENTIALITY_BASIS_CODES,
  CONSENT_GIVER_CODES,
  CONSENT_METHOD_CODES,
  CONSENT_PURPOSE_CODES,
  CONTROLLER_ROLE_CODES,
  LAWFUL_BASIS_CODES,
  REPRESENTATIVE_AUTHORITY_CODES,
  SPECIAL_CATEGORY_CONDITION_CODES,
} from './codes.ts';
import { checked, code, dateTime, id, languageTag, longText, rule, text, url } from './primitives.ts';

export const ConsentGiver = checked(
  z.strictObject({
    type: code(CONSENT_GIVER_CODES),
    /** The name of whoever gave consent: the person, or their representative. */
    name: text(160),
    /** For a representative: their relationship to the person ("Son", "Support worker"). */
    relationship: z.optional(text(80)),
    /** For a representative: by what authority they act. */
    authority: z.optional(code(REPRESENTATIVE_AUTHORITY_CODES)),
    /** For a representative: why the person did not consent themselves. */
    reason: z.optional(longText(1000)),
  }),
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
  textHash: checked(z.string(), z.regex(/^sha256-[A-Za-z0-9+/]{43}=$/)),
  url: z.optional(url),
});
export type PrivacyNoticeRef = z.infer<typeof PrivacyNoticeRef>;

export const DataController = z.strictObject({
  name: text(160),
  /** ICO data protection register number, like `Z1234567` or `ZA123456`. */
  icoRegistration: z.optional(checked(z.string(), z.regex(/^Z[A-Z0-9]{7}$/))),
  role: code(CONTROLLER_ROLE_CODES),
});
export type DataController = z.infer<typeof DataController>;

/** Each purpose is asked and answered on its own: never bundled. */
export const PurposeDecision = z.strictObject({
  purpose: code(CONSENT_PURPOSE_CODES),
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
 * Children Act 1989 s.47): a separate decision, recorded with who made it, why, with whom the
 * information was shared and under what law.
 */
export const SafeguardingOverride = z.strictObject({
  reason: longText(2000),
  /** The organisations or teams it was shared with: "Children’s social care (MASH)". */
  sharedWith: checked(z.array(text(160)), z.minLength(1), z.maxLength(20)),
  /** The law it was shared under: "Children Act 1989, s.47". */
  legalBasis: text(200),
  decidedBy: StaffMember,
  decidedAt: dateTime,
});
export type SafeguardingOverride = z.infer<typeof SafeguardingOverride>;

/** The record itself, whatever it is for. */
const consentRecordFields = {
  givenBy: ConsentGiver,
  givenAt: dateTime,
  method: code(CONSENT_METHOD_CODES),
  /** Who took verbal or paper consent. Not needed online. */
  recordedBy: z.optional(StaffMember),
  privacyNotice: PrivacyNoticeRef,
  controllers: checked(z.array(DataController), z.minLength(1), z.maxLength(20)),
  purposes: checked(
    z.array(PurposeDecision),
    z.minLength(1),
    z.refine((p) => new Set(p.map((d) => d.purpose)).size === p.length, {
      params: { key: 'purposes_unique' },
    }),
  ),
  lawfulBasis: code(LAWFUL_BASIS_CODES),
  /** The article 9 condition for special-category data (health, ethnicity, religion…). */
  specialCategoryCondition: z.optional(code(SPECIAL_CATEGORY_CONDITION_CODES)),
  /** The basis for sharing confidential information under the common law duty of confidentiality. */
  confidentialityBasis: code(CONFIDENTIALITY_BASIS_CODES),
  /** The language the person was asked in, as a BCP 47 tag (`en`, `cy`, `bn`…). */
  language: z.optional(languageTag),
  /** An interpreter helped the person understand what they agreed to. */
  interpreterUsed: z.optional(z.boolean()),
  safeguardingOverride: z.optional(SafeguardingOverride),
};

const consentFields = {
  /** The referral this consent is for, when it already exists. */
  referralId: z.optional(id),
  ...consentRecordFields,
};

interface ConsentShape {
  method: string;
  recordedBy?: unknown;
  lawfulBasis: string;
  purposes: readonly { purpose: string; granted: boolean }[];
  specialCategoryCondition?: string | undefined;
}
// Named checks, passed one by one: spreading an array into `checked` would make bundlers keep it.
const recordedByCheck = rule<ConsentShape>((c) => c.method === 'online' || c.recordedBy !== undefined, {
  reads: ['method', 'recordedBy'],
  path: ['recordedBy'],
  key: 'recorded_by_required',
});
const purposeGrantedCheck = rule<ConsentShape>(
  (c) => c.lawfulBasis !== 'consent' || c.purposes.some((p) => p.granted),
  {
    reads: ['lawfulBasis', 'purposes'],
    path: ['purposes'],
    key: 'no_purpose_granted',
  },
);

// Health, disability or ethnicity used with consent needs its article 9 condition too.
const specialCategoryCheck = rule<ConsentShape>(
  (c) =>
    c.specialCategoryCondition !== undefined ||
    !c.purposes.some((p) => p.purpose === 'special_category' && p.granted),
  {
    reads: ['purposes', 'specialCategoryCondition'],
    path: ['specialCategoryCondition'],
    key: 'special_category_condition_required',
  },
);

/** `POST /v1/consents`. */
export const ConsentCreate = checked(
  z.strictObject(consentFields),
  recordedByCheck,
  purposeGrantedCheck,
  specialCategoryCheck,
);
export type ConsentCreate = z.infer<typeof ConsentCreate>;

/**
 * The consent sent together with a new referral (`POST /v1/referrals` with `consent`): the same
 * record as `ConsentCreate`, without `referralId`, since the hub makes both in one write and
 * links them.
 */
export const ReferralConsent = checked(
  z.strictObject(consentRecordFields),
  recordedByCheck,
  purposeGrantedCheck,
  specialCategoryCheck,
);
export type ReferralConsent = z.infer<typeof ReferralConsent>;
export type ReferralConsentInput = z.input<typeof ReferralConsent>;

/** `POST /v1/consents/{id}/withdraw`. */
export const ConsentWithdrawal = checked(
  z.strictObject({
    withdrawnAt: dateTime,
    method: code(CONSENT_METHOD_CODES),
    /** Who took a withdrawal by phone, in person or on paper. Not needed online. */
    recordedBy: z.optional(StaffMember),
    reason: z.optional(longText(2000)),
  }),
  rule<{ method: string; recordedBy?: unknown }>((w) => w.method === 'online' || w.recordedBy !== undefined, {
    reads: ['method', 'recordedBy'],
    path: ['recordedBy'],
    key: 'withdrawal_recorded_by_required',
  }),
);
export type ConsentWithdrawal = z.infer<typeof ConsentWithdrawal>;

/** A consent record as stored. Withdrawal ends it but never deletes it. */
export const Consent = checked(
  z.strictObject({
    id,
    status: z.enum(['active', 'withdrawn']),
    createdAt: dateTime,
    ...consentFields,
    referralId: z.nullable(id),
    withdrawal: z.nullable(ConsentWithdrawal),
  }),
  recordedByCheck,
  purposeGrantedCheck,
  specialCategoryCheck,
  // Withdrawn exactly when a withdrawal is recorded: `permits` trusts the status.
  z.refine((c) => (c.status === 'withdrawn') === (c.withdrawal !== null), {
    path: ['withdrawal'],
    params: { key: 'withdrawal_status_mismatch' },
  }),
);
export type Consent = z.infer<typeof Consent>;

/** True when `consent` is active and grants `purpose`. */
export function permits(
  consent: Pick<Consent, 'status' | 'purposes'>,
  purpose: z.infer<typeof PurposeDecision>['purpose'],
): boolean {
  return consent.status === 'active' && consent.purposes.some((p) => p.purpose === purpose && p.granted);
}
