/**
 * A StructureDefinition for every hubkit extension, so FHIR validators (HL7's, the NHS's) know
 * them instead of reporting them as unknown. Written from one table: where each extension may
 * appear, what it means and what it holds (a value of one type, or named parts). The tests check
 * every extension the mappings emit against these definitions.
 */
import type { ElementDefinition, StructureDefinition } from '@medplum/fhirtypes';
import { EXTENSIONS, FHIR_BASE } from './constants.ts';

/** The value types hubkit's extensions use. */
export type ExtensionValueType =
  'boolean' | 'code' | 'Coding' | 'dateTime' | 'Money' | 'positiveInt' | 'Reference' | 'string';

/** A part of a complex extension: a value, or parts of its own. */
export interface ExtensionPart {
  readonly name: string;
  readonly short: string;
  readonly repeats?: boolean;
  readonly value?: ExtensionValueType;
  readonly parts?: readonly ExtensionPart[];
}

/** What one extension is: where it goes, what it means, and its value or parts. */
export interface ExtensionDefinition {
  readonly url: string;
  /** FHIRPath of the elements it may extend: `Patient`, `ServiceRequest.reasonCode`. */
  readonly context: readonly string[];
  readonly short: string;
  readonly repeats?: boolean;
  readonly value?: ExtensionValueType;
  readonly parts?: readonly ExtensionPart[];
}

const staffParts: readonly ExtensionPart[] = [
  { name: 'name', short: 'Their name', value: 'string' },
  { name: 'role', short: 'Their role', value: 'string' },
  { name: 'organisation', short: 'Their organisation', value: 'string' },
];
const staff = (name: string, short: string): ExtensionPart => ({ name, short, parts: staffParts });
const coded = (name: string, short: string, repeats = false): ExtensionPart => ({
  name,
  short,
  value: 'Coding',
  repeats,
});
const text = (name: string, short: string, repeats = false): ExtensionPart => ({
  name,
  short,
  value: 'string',
  repeats,
});
const flag = (name: string, short: string): ExtensionPart => ({ name, short, value: 'boolean' });
const at = (name: string, short: string): ExtensionPart => ({ name, short, value: 'dateTime' });
const nothingRecorded = flag(
  'nothingRecorded',
  'Asked, and nothing to record (keeps the extension from being empty)',
);

/** Every hubkit extension, keyed as in {@link EXTENSIONS}. */
export const extensionDefinitions: Readonly<Record<keyof typeof EXTENSIONS, ExtensionDefinition>> = {
  contactPreferences: {
    url: EXTENSIONS.contactPreferences,
    context: ['Patient'],
    short: 'How and when the person wants to be contacted',
    parts: [
      coded('method', 'A way to contact them, most preferred first', true),
      coded('time', 'A time of day that suits them', true),
      flag('noPreferredTimes', 'They were asked and have no preferred time'),
      flag('safeToLeaveMessage', 'Whether a message may be left'),
      text('notes', 'Anything else about contacting them'),
    ],
  },
  accessibilityNeeds: {
    url: EXTENSIONS.accessibilityNeeds,
    context: ['Patient'],
    short: 'What the person needs to use services',
    parts: [coded('need', 'An accessibility need', true), text('details', 'In their words'), nothingRecorded],
  },
  equalityMonitoring: {
    url: EXTENSIONS.equalityMonitoring,
    context: ['Patient'],
    short: 'Equality monitoring answers (Equality Act 2010), for monitoring only',
    parts: [
      coded('ageBand', 'Age band'),
      coded('disability', 'Disability'),
      coded('genderReassignment', 'Gender reassignment'),
      coded('maritalStatus', 'Marriage and civil partnership'),
      coded('pregnancyMaternity', 'Pregnancy and maternity'),
      coded('ethnicity', 'Ethnic group (ONS 2021 Census)'),
      text('ethnicityDescription', 'Ethnic group in their words'),
      coded('religion', 'Religion or belief'),
      coded('sex', 'Sex'),
      coded('sexualOrientation', 'Sexual orientation'),
      nothingRecorded,
    ],
  },
  referrer: {
    url: EXTENSIONS.referrer,
    context: ['ServiceRequest'],
    short: 'Who made the referral, and what the person knows of it',
    parts: [
      coded('type', 'The kind of referrer'),
      flag('residentAware', 'The person knows about the referral'),
      flag('residentAgreed', 'The person agreed to it'),
      text('noAgreementReason', 'Why the person did not agree'),
      text('name', 'The referrer’s name, where the requester resource has no element for it'),
      text('role', 'The referrer’s role, where the requester resource has no element for it'),
      text('relationship', 'Their relationship to the person, where the requester has no element for it'),
      {
        name: 'organisation',
        short: 'The referrer’s organisation (a contained Organization)',
        value: 'Reference',
      },
      text('phone', 'The referrer’s phone number, where the requester has no element for it'),
      text('email', 'The referrer’s email address, where the requester has no element for it'),
    ],
  },
  needUrgency: {
    url: EXTENSIONS.needUrgency,
    context: ['ServiceRequest.reasonCode'],
    short: 'How urgent this need is',
    value: 'Coding',
  },
  needDetails: {
    url: EXTENSIONS.needDetails,
    context: ['ServiceRequest.reasonCode'],
    short: 'This need, in words',
    value: 'string',
  },
  safeguarding: {
    url: EXTENSIONS.safeguarding,
    context: ['ServiceRequest'],
    short: 'The safeguarding questions and their answers',
    parts: [
      flag('concern', 'There is a safeguarding concern'),
      coded('subject', 'Who the concern is about'),
      flag('immediateDanger', 'Someone is in immediate danger'),
      text('details', 'The concern'),
      text('actionTaken', 'What has been done about it'),
    ],
  },
  referralChannel: {
    url: EXTENSIONS.referralChannel,
    context: ['ServiceRequest'],
    short: 'How the referral reached the hub',
    value: 'Coding',
  },
  requestedService: {
    url: EXTENSIONS.requestedService,
    context: ['ServiceRequest'],
    short: 'The service the referrer asked for (a HealthcareService), which may not be the one assigned',
    value: 'Reference',
  },
  assignedService: {
    url: EXTENSIONS.assignedService,
    context: ['ServiceRequest.performer'],
    short: 'About the assignment of the service',
    parts: [
      text('organisationName', 'The organisation that runs the service'),
      at('assignedAt', 'When it was assigned'),
    ],
  },
  sharingRestricted: {
    url: EXTENSIONS.sharingRestricted,
    context: ['ServiceRequest'],
    short: 'The person restricted sharing of this referral',
    value: 'boolean',
  },
  statusChange: {
    url: EXTENSIONS.statusChange,
    context: ['Task'],
    short: 'One change of the referral’s status: from, to, when, by whom and why',
    repeats: true,
    parts: [
      coded('from', 'The status before (none for the first)'),
      coded('to', 'The status after'),
      at('at', 'When'),
      coded('byRole', 'The role of who changed it'),
      text('byKeyId', 'The API key they used'),
      text('byOrganisation', 'Their organisation'),
      text('reason', 'Why'),
    ],
  },
  outcomeDetails: {
    url: EXTENSIONS.outcomeDetails,
    context: ['Task.output'],
    short: 'About an outcome: an amount, notes, who recorded it and when',
    parts: [
      { name: 'amount', short: 'An amount of money (income gained, debt written off…)', value: 'Money' },
      coded('frequency', 'How often the amount comes'),
      text('notes', 'Notes'),
      at('recordedAt', 'When it was recorded'),
      coded('recordedByRole', 'The role of who recorded it'),
      text('recordedByOrganisation', 'Their organisation'),
    ],
  },
  consentMethod: {
    url: EXTENSIONS.consentMethod,
    context: ['Consent'],
    short: 'How consent was given (online, by phone, in person, on paper…)',
    value: 'Coding',
  },
  consentGiver: {
    url: EXTENSIONS.consentGiver,
    context: ['Consent'],
    short: 'About who gave consent, beyond Consent.performer',
    parts: [
      text('relationship', 'Their relationship to the person'),
      coded('authority', 'Their authority to consent for the person'),
      text('reason', 'Why they gave it'),
    ],
  },
  consentLanguage: {
    url: EXTENSIONS.consentLanguage,
    context: ['Consent'],
    short: 'The language consent was given in (BCP 47)',
    value: 'code',
  },
  interpreterUsed: {
    url: EXTENSIONS.interpreterUsed,
    context: ['Consent'],
    short: 'An interpreter helped',
    value: 'boolean',
  },
  recordedBy: {
    url: EXTENSIONS.recordedBy,
    context: ['Consent'],
    short: 'The member of staff who recorded the consent',
    parts: staffParts,
  },
  privacyNoticeVersion: {
    url: EXTENSIONS.privacyNoticeVersion,
    context: ['Consent.policy'],
    short: 'The version of the privacy notice the person was shown',
    value: 'string',
  },
  privacyNoticeHash: {
    url: EXTENSIONS.privacyNoticeHash,
    context: ['Consent.policy'],
    short: 'sha256- and the base64 SHA-256 of the privacy notice text shown',
    value: 'string',
  },
  controllerRole: {
    url: EXTENSIONS.controllerRole,
    context: ['Consent.organization'],
    short: 'The organisation’s role under UK GDPR (controller, joint controller)',
    value: 'Coding',
  },
  lawfulBasis: {
    url: EXTENSIONS.lawfulBasis,
    context: ['Consent'],
    short: 'The lawful basis (UK GDPR article 6(1))',
    value: 'Coding',
  },
  specialCategoryCondition: {
    url: EXTENSIONS.specialCategoryCondition,
    context: ['Consent'],
    short: 'The condition for special category data (UK GDPR article 9(2))',
    value: 'Coding',
  },
  confidentialityBasis: {
    url: EXTENSIONS.confidentialityBasis,
    context: ['Consent'],
    short: 'The basis under the common law duty of confidentiality',
    value: 'Coding',
  },
  safeguardingOverride: {
    url: EXTENSIONS.safeguardingOverride,
    context: ['Consent'],
    short: 'A decision to share for safeguarding, apart from the consent',
    parts: [
      text('reason', 'Why'),
      text('sharedWith', 'Who it was shared with', true),
      text('legalBasis', 'The legal basis'),
      staff('decidedBy', 'Who decided'),
      at('decidedAt', 'When'),
    ],
  },
  withdrawal: {
    url: EXTENSIONS.withdrawal,
    context: ['Consent'],
    short: 'How consent was withdrawn (the date is the provision period end)',
    parts: [
      coded('method', 'How it was withdrawn'),
      staff('recordedBy', 'Who recorded the withdrawal'),
      text('reason', 'Why'),
    ],
  },
  assessmentVersion: {
    url: EXTENSIONS.assessmentVersion,
    context: ['QuestionnaireResponse'],
    short: 'The version of the person’s assessment',
    value: 'positiveInt',
  },
  sectionPosition: {
    url: EXTENSIONS.sectionPosition,
    context: ['QuestionnaireResponse.item'],
    short: 'The place of this section in the order the person went through them',
    value: 'positiveInt',
  },
  createdAt: {
    url: EXTENSIONS.createdAt,
    context: ['Consent', 'QuestionnaireResponse'],
    short: 'When the hub created the record',
    value: 'dateTime',
  },
  referral: {
    url: EXTENSIONS.referral,
    context: ['Consent'],
    short: 'The referral (ServiceRequest) the record belongs to',
    value: 'Reference',
  },
};

/** `contact-preferences` → `ContactPreferences`. */
function machineName(url: string): string {
  return (url.split('/').pop() ?? url)
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/** The differential of an extension (or part) at `path`, with element ids rooted at `id`. */
function elementsOf(
  id: string,
  path: string,
  url: string,
  definition: Pick<ExtensionDefinition, 'short' | 'value' | 'parts' | 'repeats'>,
  slice?: string,
): ElementDefinition[] {
  const root: ElementDefinition = {
    id,
    path,
    ...(slice === undefined ? {} : { sliceName: slice }),
    short: definition.short,
    definition: definition.short,
    min: 0,
    max: definition.repeats ? '*' : '1',
  };
  const urlElement: ElementDefinition = { id: `${id}.url`, path: `${path}.url`, fixedUri: url };
  if (definition.parts === undefined) {
    return [
      root,
      { id: `${id}.extension`, path: `${path}.extension`, max: '0' },
      urlElement,
      {
        id: `${id}.value[x]`,
        path: `${path}.value[x]`,
        min: 1,
        type: [{ code: definition.value ?? 'string' }],
      },
    ];
  }
  return [
    root,
    {
      id: `${id}.extension`,
      path: `${path}.extension`,
      slicing: { discriminator: [{ type: 'value', path: 'url' }], rules: 'closed' },
      min: 1,
    },
    ...definition.parts.flatMap((part) =>
      elementsOf(`${id}.extension:${part.name}`, `${path}.extension`, part.name, part, part.name),
    ),
    urlElement,
    { id: `${id}.value[x]`, path: `${path}.value[x]`, max: '0' },
  ];
}

/** The R4 StructureDefinition of one hubkit extension. */
export function structureDefinitionOf(definition: ExtensionDefinition): StructureDefinition {
  const name = machineName(definition.url);
  return {
    resourceType: 'StructureDefinition',
    id: `hubkit-${definition.url.split('/').pop() ?? name}`,
    url: definition.url,
    name,
    title: `hubkit ${name}`,
    status: 'active',
    publisher: 'hubkit',
    description: definition.short,
    fhirVersion: '4.0.1',
    kind: 'complex-type',
    abstract: false,
    context: definition.context.map((expression) => ({ type: 'element', expression })),
    type: 'Extension',
    baseDefinition: 'http://hl7.org/fhir/StructureDefinition/Extension',
    derivation: 'constraint',
    differential: { element: elementsOf('Extension', 'Extension', definition.url, definition) },
  };
}

/**
 * The StructureDefinition of every hubkit extension; the package ships each as
 * `dist/fhir/StructureDefinition-<name>.json` too (`@hubkit/schema/fhir/StructureDefinition-<name>.json`).
 */
export const extensionStructureDefinitions: readonly StructureDefinition[] =
  Object.values(extensionDefinitions).map(structureDefinitionOf);

/** The file name a StructureDefinition ships as: `StructureDefinition-contact-preferences.json`. */
export function structureDefinitionFileName(definition: StructureDefinition): string {
  return `StructureDefinition-${definition.url.slice(`${FHIR_BASE}/StructureDefinition/`.length)}.json`;
}
