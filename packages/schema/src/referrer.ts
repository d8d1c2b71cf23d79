import * as z from 'zod/mini';
import { REFERRER_TYPE_CODES, professionalReferrerTypes } from './codes.ts';
import { checked, code, ContactDetails, longText, rule, text } from './primitives.ts';

export const Organisation = z.strictObject({
  name: text(160),
  /** NHS Organisation Data Service code, for GP practices and NHS bodies (`F83004`). */
  odsCode: z.optional(checked(z.string(), z.regex(/^[A-Z0-9]{3,8}$/))),
  /** Charity number in England and Wales (`1234567`), or Scotland (`SC012345`). */
  charityNumber: z.optional(checked(z.string(), z.regex(/^(\d{6,8}|SC\d{6}|NIC\d{6})$/))),
});
export type Organisation = z.infer<typeof Organisation>;

interface ReferrerShape {
  type: string;
  name?: string | undefined;
  organisation?: unknown;
  contact?: { phone?: string | undefined; email?: string | undefined } | undefined;
  residentAware: boolean;
  residentAgreed: boolean;
  noAgreementReason?: string | undefined;
}

const isProfessional = (type: string) => (professionalReferrerTypes as readonly string[]).includes(type);

/**
 * Who is making the referral. Anyone may refer: the person themselves, family, a neighbour,
 * a councillor, council staff, a GP or other professional, a voluntary organisation.
 */
export const Referrer = checked(
  z.strictObject({
    type: code(REFERRER_TYPE_CODES),
    /** Needed unless the person is referring themselves. */
    name: z.optional(text(160)),
    /** Job title or role, for professionals: "Social prescribing link worker". */
    role: z.optional(text(120)),
    /** Their relationship to the person, for family and friends: "Daughter". */
    relationship: z.optional(text(80)),
    organisation: z.optional(Organisation),
    contact: z.optional(ContactDetails),
    /** Does the person know they are being referred? */
    residentAware: z.boolean(),
    /** Has the person agreed to the referral? */
    residentAgreed: z.boolean(),
    /** Why the referral is made without their agreement (for example a safeguarding concern). */
    noAgreementReason: z.optional(longText(1000)),
  }),
  rule<ReferrerShape>((r) => r.type === 'self' || r.name !== undefined, {
    reads: ['type', 'name'],
    path: ['name'],
    key: 'referrer_name_required',
  }),
  rule<ReferrerShape>(
    (r) => r.type === 'self' || r.contact?.phone !== undefined || r.contact?.email !== undefined,
    { reads: ['type', 'contact'], path: ['contact'], key: 'referrer_contact_required' },
  ),
  rule<ReferrerShape>((r) => !isProfessional(r.type) || r.organisation !== undefined, {
    reads: ['type', 'organisation'],
    path: ['organisation', 'name'],
    key: 'organisation_required',
  }),
  rule<ReferrerShape>((r) => r.type !== 'self' || (r.residentAware && r.residentAgreed), {
    reads: ['type', 'residentAware', 'residentAgreed'],
    path: ['residentAgreed'],
    key: 'self_referral_agreed',
  }),
  rule<ReferrerShape>((r) => r.residentAware || !r.residentAgreed, {
    reads: ['residentAware', 'residentAgreed'],
    path: ['residentAware'],
    key: 'agreed_but_not_aware',
  }),
  rule<ReferrerShape>((r) => r.residentAgreed || r.noAgreementReason !== undefined, {
    reads: ['residentAgreed', 'noAgreementReason'],
    path: ['noAgreementReason'],
    key: 'no_agreement_reason_required',
  }),
);
export type Referrer = z.infer<typeof Referrer>;
