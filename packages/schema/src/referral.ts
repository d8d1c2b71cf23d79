import * as z from 'zod/mini';
import { ACTOR_ROLE_CODES, PRIORITY_CODES, REFERRAL_CHANNEL_CODES, REFERRAL_STATUS_CODES } from './codes.ts';
import { AssessmentDraft } from './assessment.ts';
import { Needs, Safeguarding } from './needs.ts';
import { Outcome } from './outcome.ts';
import { ReferralConsent } from './consent.ts';
import { checked, code, dateTime, id, longText, rule, text } from './primitives.ts';
import { Reference } from './reference.ts';
import { Referrer } from './referrer.ts';
import { Resident } from './resident.ts';

export const ReferralSource = z.strictObject({
  channel: code(REFERRAL_CHANNEL_CODES),
  /** The referrer's own case or record number, so they can match replies to their records. */
  partnerReference: z.optional(text(100)),
});
export type ReferralSource = z.infer<typeof ReferralSource>;

const referralFields = {
  resident: Resident,
  referrer: Referrer,
  needs: Needs,
  safeguarding: Safeguarding,
  source: z.optional(ReferralSource),
  /** The consent record made for this referral (POST /v1/consents), if there is one. */
  consentId: z.optional(id),
  /** A service the referrer chose in the directory; the hub still triages. */
  requestedServiceId: z.optional(id),
  notes: z.optional(longText(4000)),
};

/** What a partner sends to make a referral (`POST /v1/referrals`). */
export const ReferralCreate = checked(
  z.strictObject({
    ...referralFields,
    /**
     * The consent record to make with the referral, in the same write: both are stored, linked,
     * or neither. Give this or `consentId`, not both.
     */
    consent: z.optional(ReferralConsent),
    /** A first, short single assessment done with the person while referring. */
    assessment: z.optional(AssessmentDraft),
    /** `draft` keeps it from the hub until it is submitted; the default is `submitted`. */
    status: z.optional(z.enum(['draft', 'submitted'])),
  }),
  rule<{ consent?: unknown; consentId?: unknown }>(
    (r) => r.consent === undefined || r.consentId === undefined,
    {
      reads: ['consent', 'consentId'],
      path: ['consent'],
      key: 'consent_and_consent_id',
    },
  ),
);
export type ReferralCreate = z.infer<typeof ReferralCreate>;
export type ReferralCreateInput = z.input<typeof ReferralCreate>;

export const Actor = z.strictObject({
  role: code(ACTOR_ROLE_CODES),
  /** The id of the API key that acted; never the key itself. */
  keyId: z.optional(text(64)),
  organisation: z.optional(text(160)),
});
export type Actor = z.infer<typeof Actor>;

/** One step in a referral's history. */
export const StatusChange = z.strictObject({
  from: z.nullable(code(REFERRAL_STATUS_CODES)),
  to: code(REFERRAL_STATUS_CODES),
  at: dateTime,
  by: Actor,
  reason: z.optional(longText(2000)),
});
export type StatusChange = z.infer<typeof StatusChange>;

export const AssignedService = z.strictObject({
  serviceId: id,
  serviceName: z.optional(text(200)),
  organisationName: z.optional(text(200)),
  assignedAt: dateTime,
});
export type AssignedService = z.infer<typeof AssignedService>;

/** A referral as the hub stores and returns it. */
export const Referral = z.strictObject({
  id,
  reference: Reference,
  status: code(REFERRAL_STATUS_CODES),
  priority: code(PRIORITY_CODES),
  /** When triage is due, from the priority: an emergency within the hour. */
  triageDueBy: z.nullable(dateTime),
  createdAt: dateTime,
  updatedAt: dateTime,
  submittedAt: z.nullable(dateTime),
  /** The person's id at this hub, shared by all their referrals and assessments. */
  residentId: id,
  ...referralFields,
  consentId: z.nullable(id),
  requestedServiceId: z.nullable(id),
  assessmentId: z.nullable(id),
  assignedService: z.nullable(AssignedService),
  history: z.array(StatusChange),
  outcomes: z.array(Outcome),
  /**
   * Consent to share was withdrawn: the hub keeps the record and its audit trail but shares
   * nothing more with partners.
   */
  sharingRestricted: z.boolean(),
});
export type Referral = z.infer<typeof Referral>;
