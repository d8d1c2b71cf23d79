import { registerWelsh } from '../cy.ts';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Patient } from '@medplum/fhirtypes';
import { referralJourneys } from '../fixtures/index.ts';
import type { Resident } from '../resident.ts';
import { assertInValueSet, assertValidFhir, R4_VALUE_SETS } from './fhir-validator.test.ts';
import {
  CODE_SYSTEMS,
  EXTENSIONS,
  FhirMappingError,
  IDENTIFIER_SYSTEMS,
  STANDARD_EXTENSIONS,
} from './index.ts';
import { patientToResident, residentToPatient } from './patient.ts';

// The Welsh messages and labels are checked here too: put them in place, as a server does.
registerWelsh();

const id = 'ffe7c3b4-2933-4736-a1c3-18ce113d0384';

/** Every field a resident can have, including the empty records that must survive. */
const everything: Resident = {
  name: { given: 'Mary Ann', family: 'O’Brien-Jones', preferred: 'Annie' },
  dateOfBirth: '1979-02-28',
  nhsNumber: '9434765919',
  contact: {
    phone: '+447700900111',
    email: 'annie@example.com',
    methods: ['email', 'letter', 'text', 'phone', 'in_person'],
    times: ['evening', 'weekend'],
    safeToLeaveMessage: false,
    notes: 'Email first.\nNever after 8pm.',
  },
  address: {
    line1: 'Flat 3',
    line2: '12 Castle Street',
    town: 'Cardiff',
    county: 'South Glamorgan',
    postcode: 'CF10 1BH',
    uprn: '10023456789',
  },
  language: { preferred: 'cy', interpreterNeeded: false },
  accessibility: { needs: ['bsl', 'extra_time', 'other'], details: 'Needs a BSL interpreter in person.' },
  equality: {
    ageBand: '45_54',
    disability: 'yes',
    genderReassignment: 'same',
    maritalStatus: 'married',
    pregnancyMaternity: 'neither',
    ethnicity: 'white_roma',
    ethnicityDescription: 'Roma from Romania',
    religion: 'christian',
    sex: 'female',
    sexualOrientation: 'bisexual',
  },
};

const emptyRecords: Resident = {
  name: { given: 'Sam', family: 'Lee' },
  contact: { email: 'sam@example.com', methods: ['email'], times: [], safeToLeaveMessage: true },
  language: { preferred: 'en', interpreterNeeded: false },
  accessibility: { needs: [] },
  equality: {},
};

const residents: Record<
  string,
  Resident | (typeof referralJourneys)[keyof typeof referralJourneys]['resident']
> = {
  ...Object.fromEntries(Object.entries(referralJourneys).map(([name, journey]) => [name, journey.resident])),
  everything,
  emptyRecords,
};

function extensionOf(patient: Patient, url: string) {
  return patient.extension?.find((e) => e.url === url);
}

describe('residentToPatient and patientToResident', () => {
  for (const [name, resident] of Object.entries(residents)) {
    describe(name, () => {
      const patient = residentToPatient(resident, { id });

      it('makes a valid R4 Patient', () => {
        assertValidFhir(patient);
        for (const t of patient.telecom ?? [])
          assertInValueSet(t.system, R4_VALUE_SETS.contactPointSystem, 'telecom.system');
        for (const n of patient.name ?? []) assertInValueSet(n.use, R4_VALUE_SETS.nameUse, 'name.use');
        for (const a of patient.address ?? [])
          assertInValueSet(a.use, R4_VALUE_SETS.addressUse, 'address.use');
      });

      it('reads back exactly', () => {
        assert.deepStrictEqual(patientToResident(structuredClone(patient)), resident);
      });

      it('survives JSON', () => {
        assert.deepStrictEqual(patientToResident(JSON.parse(JSON.stringify(patient)) as Patient), resident);
      });
    });
  }

  describe('standard elements', () => {
    const patient = residentToPatient(everything, { id });

    it('uses the id and a resident-id identifier', () => {
      assert.equal(patient.id, id);
      assert.deepEqual(patient.identifier?.[0], { system: IDENTIFIER_SYSTEMS.residentId, value: id });
    });

    it('says whether the record is active when the hub knows (UK Core must-support), and only then', () => {
      assert.equal(patient.active, undefined);
      const active = residentToPatient(everything, { id, active: true });
      assert.equal(active.active, true);
      assertValidFhir(active);
      assert.equal(residentToPatient(everything, { id, active: false }).active, false);
      assert.deepStrictEqual(patientToResident(active), patientToResident(patient));
    });

    it('writes the NHS number with the NHS number system', () => {
      assert.deepEqual(patient.identifier?.[1], {
        system: 'https://fhir.nhs.uk/Id/nhs-number',
        value: '9434765919',
      });
    });

    it('gives the official name and the preferred name as usual', () => {
      assert.deepEqual(patient.name, [
        { use: 'official', family: 'O’Brien-Jones', given: ['Mary Ann'] },
        { use: 'usual', given: ['Annie'] },
      ]);
    });

    it('ranks phone, text and email in their order of preference', () => {
      assert.deepEqual(patient.telecom, [
        { system: 'email', value: 'annie@example.com', rank: 1 },
        { system: 'sms', value: '+447700900111', rank: 3 },
        { system: 'phone', value: '+447700900111', rank: 4 },
      ]);
    });

    it('keeps a phone number they did not choose to be called on, unranked', () => {
      const councillor = residentToPatient(referralJourneys.tenantAtRiskOfEviction.resident, { id });
      assert.deepEqual(councillor.telecom, [
        { system: 'sms', value: '+447700900456', rank: 1 },
        { system: 'email', value: 'aisha.karimi@example.com', rank: 2 },
      ]);
      const letterOnly = residentToPatient(
        { ...everything, contact: { phone: '+447700900111', methods: ['letter'], safeToLeaveMessage: true } },
        { id },
      );
      assert.deepEqual(letterOnly.telecom, [{ system: 'phone', value: '+447700900111' }]);
    });

    it('writes the address with the UPRN as a UK Core address key', () => {
      assert.deepEqual(patient.address, [
        {
          use: 'home',
          line: ['Flat 3', '12 Castle Street'],
          city: 'Cardiff',
          district: 'South Glamorgan',
          postalCode: 'CF10 1BH',
          extension: [
            {
              url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-AddressKey',
              extension: [
                {
                  url: 'type',
                  valueCoding: {
                    system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-AddressKeyType',
                    code: 'UPRN',
                    display: 'Unique Property Reference Number',
                  },
                },
                { url: 'value', valueString: '10023456789' },
              ],
            },
          ],
        },
      ]);
    });

    it('writes the preferred language as BCP 47 and whether an interpreter is needed', () => {
      const bengali = residentToPatient(referralJourneys.tenantAtRiskOfEviction.resident, { id });
      assert.deepEqual(bengali.communication, [
        {
          language: { coding: [{ system: 'urn:ietf:bcp:47', code: 'bn', display: 'Bengali' }] },
          preferred: true,
        },
      ]);
      assert.deepEqual(
        extensionOf(bengali, 'http://hl7.org/fhir/StructureDefinition/patient-interpreterRequired'),
        {
          url: 'http://hl7.org/fhir/StructureDefinition/patient-interpreterRequired',
          valueBoolean: true,
        },
      );
    });

    it('adds the UK Core ethnic category next to the exact answer', () => {
      assert.deepEqual(extensionOf(patient, STANDARD_EXTENSIONS.ukCoreEthnicCategory)?.valueCodeableConcept, {
        coding: [
          {
            system: CODE_SYSTEMS.ukCoreEthnicCategoryEngland,
            code: 'C',
            display: 'White - Any other White background',
          },
        ],
      });
    });

    it('keeps equality answers out of gender and marital status', () => {
      assert.equal(patient.gender, undefined);
      assert.equal(patient.maritalStatus, undefined);
    });

    it('writes no empty complex extension for records with nothing in them', () => {
      const empty = residentToPatient(emptyRecords, { id });
      for (const url of [
        EXTENSIONS.accessibilityNeeds,
        EXTENSIONS.equalityMonitoring,
        EXTENSIONS.contactPreferences,
      ]) {
        assert.ok((extensionOf(empty, url)?.extension?.length ?? 0) > 0, url);
      }
    });
  });

  describe('a Patient that is not a resident', () => {
    const patient = residentToPatient(everything, { id });

    it('is refused without the contact preferences extension', () => {
      const without = {
        ...patient,
        extension: (patient.extension ?? []).filter((e) => e.url !== EXTENSIONS.contactPreferences),
      };
      assert.throws(() => patientToResident(without), {
        name: 'FhirMappingError',
        message: /contact-preferences.*how the person wants to be contacted is missing/,
      });
    });

    it('is refused without a name', () => {
      assert.throws(() => patientToResident({ ...patient, name: [] }), FhirMappingError);
    });

    it('is refused with a contact method that is not a hubkit code', () => {
      const json = JSON.stringify(patient).replace('"code":"letter"', '"code":"carrier-pigeon"');
      assert.throws(() => patientToResident(JSON.parse(json) as Patient), /'carrier-pigeon' is not a code/);
    });

    it('is refused when the result breaks a schema rule, with the field errors', () => {
      const bad = { ...patient, identifier: [{ system: IDENTIFIER_SYSTEMS.nhsNumber, value: '1234567890' }] };
      assert.throws(
        () => patientToResident(bad),
        (error: unknown) =>
          error instanceof FhirMappingError &&
          error.errors.some((e) => e.path === '/nhsNumber' && e.message !== ''),
      );
    });

    it('is refused when it is another resource', () => {
      assert.throws(
        () => patientToResident({ resourceType: 'Practitioner' } as unknown as Patient),
        /expected a Patient/,
      );
    });
  });
});
