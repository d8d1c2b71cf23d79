/**
 * How the referral a person is filling in (model.ts) becomes a `ReferralCreate`, and which step
 * and field each schema path belongs to, so every error (the browser's or the hub's) lands by its
 * field. It carries the schemas: the form loads it when the person starts answering.
 */
import {
  normalisePostcode,
  type ConsentCreate,
  ReferralCreate,
  validate,
  type FieldError,
  type Lang,
  type NeedCode,
  type ReferralCreate as ReferralCreateData,
} from '@hubkit/schema';
import { dateOf } from './date-of.ts';
import {
  hasAssessment,
  isProfessional,
  scoredNeeds,
  type QuestionStep,
  type ReferralDraft,
  type YesNo,
} from './model.ts';

export * from './model.ts';
export { dateOf };

/** An optional answer: left out when blank, so the schema does not call it too short. */
const opt = (value: string): string | undefined => (value.trim() === '' ? undefined : value);
const bool = (value: YesNo): boolean | undefined =>
  value === 'yes' ? true : value === 'no' ? false : undefined;

/** The consent sent inside a referral: a `ConsentCreate` without `referralId` (the hub links them). */
export type ConsentToSend = Omit<ConsentCreate, 'referralId'>;

export interface BuildOptions {
  lang: Lang;
  requestedServiceId?: string | undefined;
  /** The consent given on the consent step, made by the hub with the referral. */
  consent?: ConsentToSend | undefined;
  /** The short assessment step is on: its answers go in `assessment`. */
  assessment?: boolean | undefined;
  /** When the assessment was completed (ISO 8601); now when not given. */
  assessedAt?: string | undefined;
}

/** The short single assessment, when the step is on, answered and not skipped. */
function assessmentOf(d: ReferralDraft, options: BuildOptions): Record<string, unknown> | undefined {
  if (!options.assessment || d.assessmentSkipped || !hasAssessment(d)) return undefined;
  const self = d.referrerType === 'self';
  const professional = isProfessional(d.referrerType);
  return {
    sections: scoredNeeds(d).map((domain) => ({
      domain,
      score: Number(d.wellbeing[domain]),
      actions: [],
    })),
    whatMattersMost: opt(d.whatMattersMost),
    strengths: opt(d.strengths),
    // Whoever is referring completed it with the person (on a self-referral, the person).
    completedBy: self
      ? { name: `${d.givenName.trim()} ${d.familyName.trim()}`.trim() }
      : {
          name: d.referrerName,
          role: professional ? opt(d.referrerRole) : undefined,
          organisation: professional ? opt(d.referrerOrganisation) : undefined,
        },
    completedAt: options.assessedAt ?? new Date().toISOString(),
  };
}

/**
 * The referral as far as it is answered, for the schema to check: an unanswered question is left
 * undefined (the schema says what is missing), so this is not yet a `ReferralCreateInput`.
 */
export function buildReferral(d: ReferralDraft, options: BuildOptions): Record<string, unknown> {
  return withoutBlanks(answersOf(d, options)) as Record<string, unknown>;
}

/** The same value without its undefined properties, at every depth: what goes over the wire. */
function withoutBlanks(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutBlanks);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, withoutBlanks(v)]),
  );
}

function answersOf(d: ReferralDraft, options: BuildOptions): Record<string, unknown> {
  // Until they say who they are, the questions for someone else are not asked.
  const self = d.referrerType === 'self' || d.referrerType === '';
  const anyAddress = [d.addressLine1, d.addressLine2, d.town, d.postcode].some((v) => v.trim() !== '');
  const concern = bool(d.concern);
  const referrerContact = { phone: opt(d.referrerPhone), email: opt(d.referrerEmail) };
  return {
    referrer: {
      type: d.referrerType,
      ...(self
        ? { residentAware: true, residentAgreed: true }
        : {
            name: opt(d.referrerName),
            relationship: d.referrerType === 'family_friend' ? opt(d.referrerRelationship) : undefined,
            role: isProfessional(d.referrerType) ? opt(d.referrerRole) : undefined,
            organisation:
              isProfessional(d.referrerType) && opt(d.referrerOrganisation)
                ? { name: d.referrerOrganisation }
                : undefined,
            contact: referrerContact.phone || referrerContact.email ? referrerContact : undefined,
            residentAware: bool(d.residentAware),
            residentAgreed: bool(d.residentAgreed),
            noAgreementReason: d.residentAgreed === 'no' ? opt(d.noAgreementReason) : undefined,
          }),
    },
    resident: {
      name: { given: d.givenName, family: d.familyName },
      dateOfBirth: dateOf(d.dobDay, d.dobMonth, d.dobYear),
      address: anyAddress
        ? {
            line1: d.addressLine1,
            line2: opt(d.addressLine2),
            town: d.town,
            postcode: d.postcode.trim() ? normalisePostcode(d.postcode) : '',
          }
        : undefined,
      contact: {
        phone: opt(d.contactPhone),
        email: opt(d.contactEmail),
        methods: d.contactMethods,
        times: d.contactTimes.length > 0 ? d.contactTimes : undefined,
        safeToLeaveMessage: bool(d.safeToLeaveMessage),
      },
      language: {
        // Without an interpreter, the language the form is read in.
        preferred: d.interpreterNeeded === 'yes' ? d.language : options.lang,
        interpreterNeeded: bool(d.interpreterNeeded),
      },
    },
    needs: d.needs.map((code) => ({
      code,
      urgency: d.needDetails[code]?.urgency ?? '',
      details: opt(d.needDetails[code]?.details ?? ''),
    })),
    safeguarding: {
      concern,
      subject: concern ? opt(d.subject) : undefined,
      details: concern ? opt(d.concernDetails) : undefined,
      // Asked only when there is a concern.
      immediateDanger: concern === true ? bool(d.immediateDanger) : false,
    },
    notes: opt(d.notes),
    source: { channel: 'web_form' },
    requestedServiceId: options.requestedServiceId,
    consent: options.consent,
    assessment: assessmentOf(d, options),
  };
}

/** Where an error shows: the step and the id of the control the summary links to. */
export interface FieldPlace {
  step: QuestionStep;
  field: string;
}

/** The step and field of a JSON-pointer path, or undefined for a path no step asks about. */
export function placeOf(path: string, draft: ReferralDraft): FieldPlace | undefined {
  const p = path.split('/').slice(1);
  const [top, second, third] = p;
  if (top === 'referrer') {
    const fields: Record<string, string> = {
      type: 'referrer-type',
      name: 'referrer-name',
      relationship: 'referrer-relationship',
      role: 'referrer-role',
      organisation: 'referrer-organisation',
      residentAware: 'resident-aware',
      residentAgreed: 'resident-agreed',
      noAgreementReason: 'no-agreement-reason',
    };
    if (second === 'contact') {
      return { step: 'referrer', field: third === 'email' ? 'referrer-email' : 'referrer-phone' };
    }
    return { step: 'referrer', field: fields[second ?? ''] ?? 'referrer-type' };
  }
  if (top === 'resident') {
    // The person's details as a whole (a hub's 422 for a missing resident): their first question.
    if (second === undefined) return { step: 'person', field: 'given-name' };
    if (second === 'name')
      return { step: 'person', field: third === 'family' ? 'family-name' : 'given-name' };
    if (second === 'dateOfBirth') return { step: 'person', field: 'dob-day' };
    // The address as a whole is missing only when letters were chosen: a contact answer.
    if (second === 'address' && third === undefined) return { step: 'contact', field: 'contact-methods' };
    if (second === 'address') {
      const fields: Record<string, string> = {
        line1: 'address-line1',
        line2: 'address-line2',
        town: 'address-town',
        postcode: 'address-postcode',
      };
      return { step: 'person', field: fields[third ?? ''] ?? 'address-line1' };
    }
    if (second === 'language') {
      return { step: 'contact', field: third === 'preferred' ? 'contact-language' : 'contact-interpreter' };
    }
    if (second === 'contact') {
      const fields: Record<string, string> = {
        phone: 'contact-phone',
        email: 'contact-email',
        methods: 'contact-methods',
        times: 'contact-times',
        safeToLeaveMessage: 'contact-safe',
      };
      return { step: 'contact', field: fields[third ?? ''] ?? 'contact-methods' };
    }
    return undefined;
  }
  if (top === 'needs') {
    if (second === undefined) return { step: 'needs', field: 'needs' };
    const code = draft.needs[Number(second)];
    if (code === undefined || third === 'code') return { step: 'needs', field: 'needs' };
    return { step: 'details', field: `need-${code}-${third === 'details' ? 'details' : 'urgency'}` };
  }
  if (top === 'notes') return { step: 'details', field: 'notes' };
  if (top === 'assessment') {
    const scored = scoredNeeds(draft);
    const first = `wellbeing-${scored[0] ?? draft.needs[0] ?? ''}`;
    if (second === 'whatMattersMost') return { step: 'assessment', field: 'what-matters-most' };
    if (second === 'strengths') return { step: 'assessment', field: 'strengths' };
    if (second === 'sections') {
      const code = third === undefined ? undefined : scored[Number(third)];
      return { step: 'assessment', field: code ? `wellbeing-${code}` : first };
    }
    // Who completed it comes from the earlier answers.
    if (second === 'completedBy') {
      return draft.referrerType === 'self'
        ? { step: 'person', field: 'given-name' }
        : { step: 'referrer', field: 'referrer-name' };
    }
    return { step: 'assessment', field: 'what-matters-most' };
  }
  if (top === 'safeguarding') {
    const fields: Record<string, string> = {
      concern: 'sg-concern',
      subject: 'sg-subject',
      details: 'sg-details',
      immediateDanger: 'sg-danger',
    };
    return { step: 'safeguarding', field: fields[second ?? ''] ?? 'sg-concern' };
  }
  return undefined;
}

export interface PlacedError extends FieldPlace {
  path: string;
  message: string;
}

/** The fields in the order they are on the page, so the error summary follows it. */
const FIELD_ORDER = [
  'referrer-type',
  'referrer-name',
  'referrer-relationship',
  'referrer-role',
  'referrer-organisation',
  'referrer-phone',
  'referrer-email',
  'resident-aware',
  'resident-agreed',
  'no-agreement-reason',
  'given-name',
  'family-name',
  'dob-day',
  'address-line1',
  'address-line2',
  'address-town',
  'address-postcode',
  'needs',
  'need-',
  'notes',
  'what-matters-most',
  'wellbeing-',
  'strengths',
  'sg-concern',
  'sg-subject',
  'sg-details',
  'sg-danger',
  'contact-methods',
  'contact-phone',
  'contact-email',
  'contact-times',
  'contact-safe',
  'contact-interpreter',
  'contact-language',
];

function rankOf(field: string, draft: ReferralDraft): number {
  if (field.startsWith('need-')) {
    const [, code = '', part] = /^need-(.+)-(urgency|details)$/.exec(field) ?? [];
    const at = draft.needs.indexOf(code as NeedCode);
    return FIELD_ORDER.indexOf('need-') + (at + 1) / 100 + (part === 'details' ? 0.001 : 0);
  }
  if (field.startsWith('wellbeing-')) {
    return FIELD_ORDER.indexOf('wellbeing-') + (draft.needs.indexOf(field.slice(10) as NeedCode) + 1) / 100;
  }
  return FIELD_ORDER.indexOf(field);
}

/** Every error placed by its step and field (one a field), in the order of the fields; errors no step asks about are left out. */
export function placeErrors(errors: readonly FieldError[], draft: ReferralDraft): PlacedError[] {
  const placed: PlacedError[] = [];
  for (const e of errors) {
    const place = placeOf(e.path, draft);
    if (place && !placed.some((p) => p.field === place.field))
      placed.push({ ...place, path: e.path, message: e.message });
  }
  return placed.sort((a, b) => rankOf(a.field, draft) - rankOf(b.field, draft));
}

/** The whole referral checked with the schema: what to send, or each error placed by its step and field. */
export function check(
  draft: ReferralDraft,
  options: BuildOptions,
): { referral: ReferralCreateData; errors: [] } | { referral?: undefined; errors: PlacedError[] } {
  const result = validate(ReferralCreate, buildReferral(draft, options), { lang: options.lang });
  return result.success
    ? { referral: result.data, errors: [] }
    : { errors: placeErrors(result.errors, draft) };
}

/** The address as it will be sent (postcode normalised), or undefined when none was given. */
export function addressOf(d: ReferralDraft): string[] | undefined {
  const lines = [
    d.addressLine1,
    d.addressLine2,
    d.town,
    d.postcode.trim() ? normalisePostcode(d.postcode) : '',
  ];
  return lines.some((v) => v.trim() !== '') ? lines.filter((v) => v.trim() !== '') : undefined;
}
