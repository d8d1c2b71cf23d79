/**
 * The referral a person is filling in, as they typed it (strings, so nothing they typed is ever
 * lost or reformatted under them). Pure data and codes only: the form's first step renders from
 * this without the schemas (draft.ts, loaded when the person starts answering, checks it).
 */
import { professionalReferrerTypes, WELLBEING_SCALE_CODES, type NeedCode } from '@hubkit/schema';

export { STEPS, type Step, type QuestionStep } from './navigation.ts';

export type YesNo = 'yes' | 'no' | '';

export interface NeedDraft {
  urgency: string;
  details: string;
}

export interface ReferralDraft {
  referrerType: string;
  referrerName: string;
  referrerRelationship: string;
  referrerRole: string;
  referrerOrganisation: string;
  referrerPhone: string;
  referrerEmail: string;
  residentAware: YesNo;
  residentAgreed: YesNo;
  noAgreementReason: string;
  givenName: string;
  familyName: string;
  dobDay: string;
  dobMonth: string;
  dobYear: string;
  addressLine1: string;
  addressLine2: string;
  town: string;
  postcode: string;
  needs: NeedCode[];
  needDetails: Partial<Record<NeedCode, NeedDraft>>;
  concern: YesNo;
  subject: string;
  concernDetails: string;
  immediateDanger: YesNo;
  contactMethods: string[];
  contactPhone: string;
  contactEmail: string;
  contactTimes: string[];
  safeToLeaveMessage: YesNo;
  interpreterNeeded: YesNo;
  /** Anything else the hub should know. */
  notes: string;
  /** Their language (a BCP 47 tag from `languageCodes`), asked when they need an interpreter. */
  language: string;
  /** The short single assessment: what matters most to them, in their words. */
  whatMattersMost: string;
  /** Where things stand for each need: `'1'` (in crisis) to `'5'` (thriving), or `'unsure'`. */
  wellbeing: Partial<Record<NeedCode, string>>;
  strengths: string;
  /** "Skip this step" was chosen: the answers are kept, but no assessment is sent. */
  assessmentSkipped: boolean;
}

export function emptyDraft(): ReferralDraft {
  return {
    referrerType: '',
    referrerName: '',
    referrerRelationship: '',
    referrerRole: '',
    referrerOrganisation: '',
    referrerPhone: '',
    referrerEmail: '',
    residentAware: '',
    residentAgreed: '',
    noAgreementReason: '',
    givenName: '',
    familyName: '',
    dobDay: '',
    dobMonth: '',
    dobYear: '',
    addressLine1: '',
    addressLine2: '',
    town: '',
    postcode: '',
    needs: [],
    needDetails: {},
    concern: '',
    subject: '',
    concernDetails: '',
    immediateDanger: '',
    contactMethods: [],
    contactPhone: '',
    contactEmail: '',
    contactTimes: [],
    safeToLeaveMessage: '',
    interpreterNeeded: '',
    language: '',
    notes: '',
    whatMattersMost: '',
    wellbeing: {},
    strengths: '',
    assessmentSkipped: false,
  };
}

export const isProfessional = (type: string): boolean =>
  (professionalReferrerTypes as readonly string[]).includes(type);

/** The needs given a wellbeing score, in the order of the needs: the assessment's sections. */
export const scoredNeeds = (d: ReferralDraft): NeedCode[] =>
  d.needs.filter((code) => (WELLBEING_SCALE_CODES as readonly string[]).includes(d.wellbeing[code] ?? ''));

/** Whether any question of the assessment step is answered (for needs still chosen). */
export const hasAssessment = (d: ReferralDraft): boolean =>
  scoredNeeds(d).length > 0 || d.whatMattersMost.trim() !== '' || d.strengths.trim() !== '';

/** A service chosen in the directory (a `Service`, or anything with its id and name). */
export interface RequestedService {
  id: string;
  name: string;
}
