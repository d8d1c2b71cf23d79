/**
 * Resident ↔ Patient. Standard elements where R4 has them (name, birthDate, NHS number,
 * telecom, address, communication, interpreter needed), UK Core for the UPRN and the ethnic
 * category, hubkit extensions for the rest.
 */
import type { Address as FhirAddress, ContactPoint, Extension, HumanName, Patient } from '@medplum/fhirtypes';
import {
  accessibilityNeedCodes,
  ageBandCodes,
  contactMethodCodes,
  contactTimeCodes,
  disabilityCodes,
  ethnicityCodes,
  genderReassignmentCodes,
  labelOf,
  languageCodes,
  maritalStatusCodes,
  pregnancyMaternityCodes,
  religionCodes,
  sexCodes,
  sexualOrientationCodes,
} from '../codelists.ts';
import type { Address } from '../primitives.ts';
import { Resident, type EqualityMonitoring } from '../resident.ts';
import { CODE_SYSTEMS, EXTENSIONS, IDENTIFIER_SYSTEMS, STANDARD_EXTENSIONS } from './constants.ts';
import {
  ExtensionReader,
  expectResourceType,
  ext,
  fail,
  isCode,
  nonEmpty,
  optional,
  parseAs,
  required,
  type DeepReadonly,
} from './support.ts';

type Ethnicity = (typeof ethnicityCodes.codes)[number];

/**
 * hubkit asks the ONS 2021 Census question; UK Core's England codes are the NHS Data Dictionary
 * ethnic categories (2001 Census). Gypsy or Irish Traveller and Roma fall under "any other
 * White background", Chinese moved from "Other" to "Asian" in 2021 and Arab is "any other
 * ethnic group" there. The mapping is one way: the hubkit extension keeps the exact answer.
 */
const ukCoreEthnicCategory: Readonly<Record<Ethnicity, readonly [code: string, display: string]>> = {
  white_british: ['A', 'White - British'],
  white_irish: ['B', 'White - Irish'],
  white_gypsy_traveller: ['C', 'White - Any other White background'],
  white_roma: ['C', 'White - Any other White background'],
  white_other: ['C', 'White - Any other White background'],
  mixed_white_black_caribbean: ['D', 'Mixed - White and Black Caribbean'],
  mixed_white_black_african: ['E', 'Mixed - White and Black African'],
  mixed_white_asian: ['F', 'Mixed - White and Asian'],
  mixed_other: ['G', 'Mixed - Any other mixed background'],
  asian_indian: ['H', 'Asian or Asian British - Indian'],
  asian_pakistani: ['J', 'Asian or Asian British - Pakistani'],
  asian_bangladeshi: ['K', 'Asian or Asian British - Bangladeshi'],
  asian_chinese: ['R', 'Other Ethnic Groups - Chinese'],
  asian_other: ['L', 'Asian or Asian British - Any other Asian background'],
  black_caribbean: ['M', 'Black or Black British - Caribbean'],
  black_african: ['N', 'Black or Black British - African'],
  black_other: ['P', 'Black or Black British - Any other Black background'],
  arab: ['S', 'Other Ethnic Groups - Any other ethnic group'],
  other: ['S', 'Other Ethnic Groups - Any other ethnic group'],
  prefer_not_to_say: ['Z', 'Not stated'],
};

export interface PatientOptions {
  /** The person's id at this hub (`residentId`): the Patient's id and its resident-id identifier. */
  readonly id: string;
  /**
   * Whether the hub's record of the person is in use (Patient.active, UK Core must-support).
   * Left out when not given: a resident record does not say.
   */
  readonly active?: boolean;
}

// Sub-extension that keeps a complex extension from being empty (FHIR's ext-1) when the record
// is there but holds nothing: "asked, and nothing to record" is not "not asked".
const NOTHING_RECORDED = 'nothingRecorded';

function namesOf(name: DeepReadonly<Resident['name']>): HumanName[] {
  return [
    { use: 'official', family: name.family, given: [name.given] },
    ...(name.preferred === undefined ? [] : [{ use: 'usual' as const, given: [name.preferred] }]),
  ];
}

/** One contact point per way of contacting them, ranked in their order of preference. */
function telecomOf(contact: DeepReadonly<Resident['contact']>): ContactPoint[] {
  const telecom: ContactPoint[] = [];
  contact.methods.forEach((method, index) => {
    const rank = index + 1;
    if (method === 'phone' && contact.phone !== undefined)
      telecom.push({ system: 'phone', value: contact.phone, rank });
    if (method === 'text' && contact.phone !== undefined)
      telecom.push({ system: 'sms', value: contact.phone, rank });
    if (method === 'email' && contact.email !== undefined)
      telecom.push({ system: 'email', value: contact.email, rank });
  });
  if (contact.phone !== undefined && !telecom.some((t) => t.system === 'phone' || t.system === 'sms')) {
    telecom.push({ system: 'phone', value: contact.phone });
  }
  if (contact.email !== undefined && !telecom.some((t) => t.system === 'email')) {
    telecom.push({ system: 'email', value: contact.email });
  }
  return telecom;
}

function addressOf(address: DeepReadonly<Address>): FhirAddress {
  return {
    use: 'home',
    line: [address.line1, ...(address.line2 === undefined ? [] : [address.line2])],
    city: address.town,
    ...optional('district', address.county),
    postalCode: address.postcode,
    ...(address.uprn === undefined
      ? {}
      : {
          extension: [
            {
              url: STANDARD_EXTENSIONS.ukCoreAddressKey,
              extension: [
                {
                  url: 'type',
                  valueCoding: {
                    system: CODE_SYSTEMS.ukCoreAddressKeyType,
                    code: 'UPRN',
                    display: 'Unique Property Reference Number',
                  },
                },
                { url: 'value', valueString: address.uprn },
              ],
            },
          ],
        }),
  };
}

function contactPreferencesOf(contact: DeepReadonly<Resident['contact']>): Extension[] {
  return ext.complex(EXTENSIONS.contactPreferences, [
    ...contact.methods.flatMap((m) => ext.coding('method', contactMethodCodes, m)),
    ...(contact.times ?? []).flatMap((t) => ext.coding('time', contactTimeCodes, t)),
    ...(contact.times?.length === 0 ? ext.boolean('noPreferredTimes', true) : []),
    ...ext.boolean('safeToLeaveMessage', contact.safeToLeaveMessage),
    ...ext.string('notes', contact.notes),
  ]);
}

function accessibilityOf(accessibility: DeepReadonly<Resident['accessibility']>): Extension[] {
  if (accessibility === undefined) return [];
  const parts = [
    ...accessibility.needs.flatMap((n) => ext.coding('need', accessibilityNeedCodes, n)),
    ...ext.string('details', accessibility.details),
  ];
  return ext.complex(
    EXTENSIONS.accessibilityNeeds,
    parts.length ? parts : ext.boolean(NOTHING_RECORDED, true),
  );
}

function equalityOf(equality: DeepReadonly<EqualityMonitoring> | undefined): Extension[] {
  if (equality === undefined) return [];
  const parts = [
    ...ext.coding('ageBand', ageBandCodes, equality.ageBand),
    ...ext.coding('disability', disabilityCodes, equality.disability),
    ...ext.coding('genderReassignment', genderReassignmentCodes, equality.genderReassignment),
    ...ext.coding('maritalStatus', maritalStatusCodes, equality.maritalStatus),
    ...ext.coding('pregnancyMaternity', pregnancyMaternityCodes, equality.pregnancyMaternity),
    ...ext.coding('ethnicity', ethnicityCodes, equality.ethnicity),
    ...ext.string('ethnicityDescription', equality.ethnicityDescription),
    ...ext.coding('religion', religionCodes, equality.religion),
    ...ext.coding('sex', sexCodes, equality.sex),
    ...ext.coding('sexualOrientation', sexualOrientationCodes, equality.sexualOrientation),
  ];
  const ethnicCategory =
    equality.ethnicity === undefined ? undefined : ukCoreEthnicCategory[equality.ethnicity];
  return [
    ...ext.complex(EXTENSIONS.equalityMonitoring, parts.length ? parts : ext.boolean(NOTHING_RECORDED, true)),
    ...(ethnicCategory === undefined
      ? []
      : [
          {
            url: STANDARD_EXTENSIONS.ukCoreEthnicCategory,
            valueCodeableConcept: {
              coding: [
                {
                  system: CODE_SYSTEMS.ukCoreEthnicCategoryEngland,
                  code: ethnicCategory[0],
                  display: ethnicCategory[1],
                },
              ],
            },
          },
        ]),
  ];
}

/**
 * The resident as an R4 Patient with id `options.id`.
 *
 * Equality monitoring answers stay in their own extension (plus UK Core's ethnic category):
 * they are for monitoring only, so they are not copied into `Patient.gender` or
 * `Patient.maritalStatus`, where other systems would use them to decide things.
 */
export function residentToPatient(resident: DeepReadonly<Resident>, options: PatientOptions): Patient {
  const { contact, language } = resident;
  const languageLabel = isCode(languageCodes, language.preferred)
    ? labelOf(languageCodes, language.preferred)
    : undefined;
  return {
    resourceType: 'Patient',
    id: options.id,
    extension: [
      ...contactPreferencesOf(contact),
      ...accessibilityOf(resident.accessibility),
      ...equalityOf(resident.equality),
      { url: STANDARD_EXTENSIONS.interpreterRequired, valueBoolean: language.interpreterNeeded },
    ],
    identifier: [
      { system: IDENTIFIER_SYSTEMS.residentId, value: options.id },
      ...(resident.nhsNumber === undefined
        ? []
        : [{ system: IDENTIFIER_SYSTEMS.nhsNumber, value: resident.nhsNumber }]),
    ],
    ...optional('active', options.active),
    name: namesOf(resident.name),
    ...nonEmpty('telecom', telecomOf(contact)),
    ...optional('birthDate', resident.dateOfBirth),
    ...(resident.address === undefined ? {} : { address: [addressOf(resident.address)] }),
    communication: [
      {
        language: {
          coding: [
            { system: CODE_SYSTEMS.bcp47, code: language.preferred, ...optional('display', languageLabel) },
          ],
        },
        preferred: true,
      },
    ],
  };
}

function addressFrom(address: FhirAddress | undefined): Record<string, unknown> | undefined {
  if (address === undefined) return undefined;
  const [line1, ...rest] = address.line ?? [];
  const key = new ExtensionReader(address.extension, 'Patient.address')
    .all(STANDARD_EXTENSIONS.ukCoreAddressKey)
    .map((e) => new ExtensionReader(e.extension, 'Patient.address.extension'))
    .find((k) => k.one('type')?.valueCoding?.code === 'UPRN');
  return {
    line1,
    // A third line and beyond, from another system, join the second: a hubkit address has two.
    line2: rest.length ? rest.join(', ') : undefined,
    town: address.city,
    county: address.district,
    postcode: address.postalCode,
    uprn: key?.string('value'),
  };
}

function equalityFrom(reader: ExtensionReader | undefined): Record<string, unknown> | undefined {
  if (reader === undefined) return undefined;
  return {
    ageBand: reader.coded('ageBand', ageBandCodes),
    disability: reader.coded('disability', disabilityCodes),
    genderReassignment: reader.coded('genderReassignment', genderReassignmentCodes),
    maritalStatus: reader.coded('maritalStatus', maritalStatusCodes),
    pregnancyMaternity: reader.coded('pregnancyMaternity', pregnancyMaternityCodes),
    ethnicity: reader.coded('ethnicity', ethnicityCodes),
    ethnicityDescription: reader.string('ethnicityDescription'),
    religion: reader.coded('religion', religionCodes),
    sex: reader.coded('sex', sexCodes),
    sexualOrientation: reader.coded('sexualOrientation', sexualOrientationCodes),
  };
}

/**
 * Reads a Patient made by {@link residentToPatient} back into the resident, exactly. A Patient
 * from another system must carry the same elements: the hubkit contact preferences extension,
 * an official name, a preferred language and whether an interpreter is needed.
 */
export function patientToResident(patient: Patient): Resident {
  expectResourceType(patient, 'Patient');
  const extensions = new ExtensionReader(patient.extension, 'Patient');
  const official =
    patient.name?.find((n) => n.use === 'official') ?? required(patient.name?.[0], 'Patient.name', 'a name');
  const usual = patient.name?.find((n) => n.use === 'usual');
  const preferences = required(
    extensions.complex(EXTENSIONS.contactPreferences),
    `Patient.extension('${EXTENSIONS.contactPreferences}')`,
    'how the person wants to be contacted',
  );
  const telecom = patient.telecom ?? [];
  const times = preferences.codedAll('time', contactTimeCodes);
  const communication = patient.communication?.find((c) => c.preferred) ?? patient.communication?.[0];
  const preferredLanguage = required(
    communication?.language.coding?.find((c) => c.system === CODE_SYSTEMS.bcp47)?.code,
    'Patient.communication.language',
    `a preferred language coded in ${CODE_SYSTEMS.bcp47}`,
  );
  const accessibility = extensions.complex(EXTENSIONS.accessibilityNeeds);
  if ((patient.address?.length ?? 0) > 1) fail('Patient.address', 'a resident has one address');

  return parseAs(
    Resident,
    {
      name: {
        given: official.given?.join(' '),
        family: official.family,
        preferred: usual?.given?.join(' '),
      },
      dateOfBirth: patient.birthDate,
      nhsNumber: patient.identifier?.find((i) => i.system === IDENTIFIER_SYSTEMS.nhsNumber)?.value,
      contact: {
        phone: telecom.find((t) => t.system === 'phone' || t.system === 'sms')?.value,
        email: telecom.find((t) => t.system === 'email')?.value,
        methods: preferences.codedAll('method', contactMethodCodes),
        times: times.length || preferences.boolean('noPreferredTimes') ? times : undefined,
        safeToLeaveMessage: preferences.boolean('safeToLeaveMessage'),
        notes: preferences.string('notes'),
      },
      address: addressFrom(patient.address?.[0]),
      language: {
        preferred: preferredLanguage,
        interpreterNeeded: required(
          extensions.boolean(STANDARD_EXTENSIONS.interpreterRequired),
          `Patient.extension('${STANDARD_EXTENSIONS.interpreterRequired}')`,
          'whether an interpreter is needed',
        ),
      },
      accessibility: accessibility && {
        needs: accessibility.codedAll('need', accessibilityNeedCodes),
        details: accessibility.string('details'),
      },
      equality: equalityFrom(extensions.complex(EXTENSIONS.equalityMonitoring)),
    },
    'The Patient',
  );
}
