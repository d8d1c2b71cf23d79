import * as z from 'zod/mini';
import { professionalReferrerTypes, referrerTypeCodes } from './codelists.ts';
import { ContactDetails, code, longText, text } from './primitives.ts';

export const Organisation = z.strictObject({
  name: text(160),
  /** NHS Organisation Data Service code, for GP practices and NHS bodies (`F83004`). */
  odsCode: z.optional(z.string().check(z.regex(/^[A-Z0-9]{3,8}$/))),
  /** Charity number in England and Wales (`1234567`), or Scotland (`SC012345`). */
  charityNumber: z.optional(z.string().check(z.regex(/^(\d{6,8}|SC\d{6}|NIC\d{6})$/))),
});
export type Organisation = z.infer<typeof Organisation>;

const isProfessional = (type: string) => (professionalReferrerTypes as readonly string[]).includes(type);

/**
 * Who is making the referral. Anyone may refer: the person themselves, family, a neighbour,
 * a councillor, council staff, a GP or other professional, a voluntary organisation.
 */
export const Referrer = z
  .strictObject({
    type: code(referrerTypeCodes),
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
  })
  .check(
    z.refine((r) => r.type === 'self' || r.name !== undefined, {
      path: ['name'],
      params: { key: 'referrer_name_required' },
    }),
    z.refine((r) => r.type === 'self' || r.contact?.phone !== undefined || r.contact?.email !== undefined, {
      path: ['contact'],
      params: { key: 'referrer_contact_required' },
    }),
    z.refine((r) => !isProfessional(r.type) || r.organisation !== undefined, {
      path: ['organisation', 'name'],
      params: { key: 'organisation_required' },
    }),
    z.refine((r) => r.type !== 'self' || (r.residentAware && r.residentAgreed), {
      path: ['residentAgreed'],
      params: { key: 'self_referral_agreed' },
    }),
    z.refine((r) => r.residentAware || !r.residentAgreed, {
      path: ['residentAware'],
      params: { key: 'agreed_but_not_aware' },
    }),
    z.refine((r) => r.residentAgreed || r.noAgreementReason !== undefined, {
      path: ['noAgreementReason'],
      params: { key: 'no_agreement_reason_required' },
    }),
  );
export type Referrer = z.infer<typeof Referrer>;
