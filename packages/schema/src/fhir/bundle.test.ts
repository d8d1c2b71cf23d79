import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Bundle, Reference } from '@medplum/fhirtypes';
import type { Consent } from '../consent.ts';
import {
  closedTenantReferral,
  consentByRepresentative,
  gpSocialPrescribingLoneliness,
  harlesdenWalkingGroup,
  homesAndMoneyHub,
  hollowayFoodCoop,
  selfReferralShielding,
  storedReferralIds,
  tenantAssessment,
} from '../fixtures/index.ts';
import type { Referral } from '../referral.ts';
import { assertValidFhir, officialConcept } from './fhir-validator.test.ts';
import {
  FhirMappingError,
  IDENTIFIER_SYSTEMS,
  bundleToReferral,
  codeSystemUrl,
  referralToBundle,
  serviceToFhir,
  taskIdOf,
  type DeepReadonly,
  type ReferralRecords,
} from './index.ts';

const tenantConsent: DeepReadonly<Consent> = {
  ...consentByRepresentative,
  id: storedReferralIds.tenantConsent,
  status: 'active',
  createdAt: '2026-09-02T08:10:00.000Z',
  referralId: storedReferralIds.tenant,
  withdrawal: null,
};

const gpReferral: DeepReadonly<Referral> = {
  ...closedTenantReferral,
  id: '0b6f3c1e-7d2a-4c55-9e1b-000000000099',
  status: 'in_progress',
  residentId: '9a1d2c3b-4e5f-4a6b-8c7d-000000000099',
  resident: gpSocialPrescribingLoneliness.resident,
  referrer: gpSocialPrescribingLoneliness.referrer,
  needs: gpSocialPrescribingLoneliness.needs,
  safeguarding: gpSocialPrescribingLoneliness.safeguarding,
  consentId: null,
  assessmentId: null,
  requestedServiceId: hollowayFoodCoop.id,
  assignedService: {
    serviceId: harlesdenWalkingGroup.id,
    serviceName: harlesdenWalkingGroup.name,
    assignedAt: '2026-11-05T10:00:00.000Z',
  },
  outcomes: [],
};

const selfReferralDraft: DeepReadonly<Referral> = {
  ...gpReferral,
  id: '0b6f3c1e-7d2a-4c55-9e1b-000000000098',
  status: 'draft',
  submittedAt: null,
  triageDueBy: null,
  resident: selfReferralShielding.resident,
  referrer: selfReferralShielding.referrer,
  needs: selfReferralShielding.needs,
  safeguarding: selfReferralShielding.safeguarding,
  requestedServiceId: null,
  assignedService: null,
  history: [],
};

const cases: Record<string, ReferralRecords> = {
  'closed, with consent, assessment and service': {
    referral: closedTenantReferral,
    consent: tenantConsent,
    assessment: tenantAssessment,
    services: [homesAndMoneyHub],
  },
  'assigned one service, asked for another': {
    referral: gpReferral,
    services: [harlesdenWalkingGroup, hollowayFoodCoop],
  },
  'a draft self-referral, nothing else yet': { referral: selfReferralDraft },
};

const json = <T>(value: T) => JSON.parse(JSON.stringify(value)) as T;

function referencesIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => referencesIn(v, found));
  else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === 'reference' && typeof child === 'string') found.push(child);
      else referencesIn(child, found);
    }
  }
  return found;
}

describe('referralToBundle and bundleToReferral', () => {
  for (const [name, records] of Object.entries(cases)) {
    describe(name, () => {
      const bundle = referralToBundle(records);
      const entries = bundle.entry ?? [];

      it('makes a valid R4 transaction Bundle, every entry valid on its own too', () => {
        assert.equal(bundle.type, 'transaction');
        assertValidFhir(bundle);
        for (const entry of entries) {
          assert.ok(entry.resource);
          assertValidFhir(entry.resource);
        }
      });

      it('gives each entry its own urn:uuid fullUrl', () => {
        const fullUrls = entries.map((e) => e.fullUrl ?? '');
        for (const url of fullUrls) assert.match(url, /^urn:uuid:[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/);
        assert.equal(new Set(fullUrls).size, fullUrls.length);
        const task = entries.find((e) => e.resource?.resourceType === 'Task');
        assert.equal(task?.fullUrl, `urn:uuid:${taskIdOf(records.referral.id)}`);
        const sr = entries.find((e) => e.resource?.resourceType === 'ServiceRequest');
        assert.equal(sr?.fullUrl, `urn:uuid:${records.referral.id}`);
      });

      it('resolves every reference inside the Bundle', () => {
        const fullUrls = entries.map((e) => e.fullUrl);
        for (const entry of entries) {
          const contained =
            ('contained' in (entry.resource ?? {})
              ? (entry.resource as { contained?: { id?: string }[] }).contained
              : []) ?? [];
          for (const reference of referencesIn(entry.resource)) {
            if (reference.startsWith('#'))
              assert.ok(
                contained.some((c) => `#${String(c.id)}` === reference),
                reference,
              );
            else assert.ok(fullUrls.includes(reference), `${entry.resource?.resourceType} → ${reference}`);
          }
        }
      });

      it('updates each resource conditionally on its hubkit identifier, with no id of its own', () => {
        for (const entry of entries) {
          assert.equal(entry.request?.method, 'PUT');
          const type = entry.resource?.resourceType ?? '';
          const [path, query] = entry.request.url.split('?identifier=');
          assert.equal(path, type);
          const [system, value] = (query ?? '').split('|');
          const identifiers = (entry.resource as { identifier?: { system?: string; value?: string }[] })
            .identifier;
          assert.ok(
            [identifiers ?? []].flat().some((i) => i.system === system && i.value === value),
            `${type} has the identifier ${String(query)}`,
          );
          assert.equal(entry.resource?.id, undefined);
        }
      });

      it('holds the records the referral names', () => {
        const types = entries.map((e) => e.resource?.resourceType).sort();
        const { referral } = records;
        assert.equal(types.filter((t) => t === 'Patient').length, 1);
        assert.equal(types.filter((t) => t === 'ServiceRequest').length, 1);
        assert.equal(types.filter((t) => t === 'Task').length, 1);
        assert.equal(types.includes('Consent'), referral.consentId !== null);
        assert.equal(types.includes('QuestionnaireResponse'), referral.assessmentId !== null);
        const services = records.services ?? [];
        assert.equal(types.filter((t) => t === 'HealthcareService').length, services.length);
        assert.equal(
          types.filter((t) => t === 'Location').length,
          new Set(services.flatMap((s) => s.locations.map((l) => l.id))).size,
        );
      });

      it('reads back exactly, through JSON', () => {
        assert.deepStrictEqual(bundleToReferral(json(bundle)), {
          referral: records.referral,
          consent: records.consent ?? null,
          assessment: records.assessment ?? null,
        });
      });

      it('is the same Bundle every time', () => {
        assert.deepStrictEqual(referralToBundle(records), bundle);
      });
    });
  }

  it('puts the assigned service, its organisation and its location in the Bundle', () => {
    const entries =
      referralToBundle(
        cases['closed, with consent, assessment and service'] ?? { referral: closedTenantReferral },
      ).entry ?? [];
    const byUrl = (reference: Reference | undefined) =>
      entries.find((e) => e.fullUrl === reference?.reference)?.resource;
    const sr = entries.find((e) => e.resource?.resourceType === 'ServiceRequest')?.resource;
    assert.equal(sr?.resourceType, 'ServiceRequest');
    const service = byUrl(sr.performer?.[0]);
    assert.equal(service?.resourceType, 'HealthcareService');
    assert.equal(service.name, homesAndMoneyHub.name);
    const organisation = byUrl(service.providedBy);
    assert.equal(organisation?.resourceType, 'Organization');
    assert.equal(organisation.name, homesAndMoneyHub.organisation.name);
    const location = byUrl(service.location?.[0]);
    assert.equal(location?.resourceType, 'Location');
    assert.equal(location.address?.postalCode, 'IG11 7PB');
    assert.equal(byUrl(location.managingOrganization), organisation);
  });

  it('refuses records the referral does not name, and asks for those it does', () => {
    const closed = closedTenantReferral;
    assert.throws(
      () =>
        referralToBundle({ referral: closed, assessment: tenantAssessment, services: [homesAndMoneyHub] }),
      /names consent 05338159/,
    );
    assert.throws(
      () => referralToBundle({ referral: closed, consent: tenantConsent, assessment: tenantAssessment }),
      (error: unknown) =>
        error instanceof FhirMappingError && /service 3e546a1c.* needed/.test(error.message),
    );
    assert.throws(
      () => referralToBundle({ referral: selfReferralDraft, services: [homesAndMoneyHub] }),
      /does not name service/,
    );
    assert.throws(
      () =>
        referralToBundle({
          referral: closed,
          consent: { ...tenantConsent, referralId: gpReferral.id },
          assessment: tenantAssessment,
          services: [homesAndMoneyHub],
        }),
      /consent belongs to another referral/,
    );
  });

  it('refuses a Bundle without the referral’s Task', () => {
    const bundle: Bundle = referralToBundle({ referral: selfReferralDraft });
    const without: Bundle = {
      ...bundle,
      entry: (bundle.entry ?? []).filter((e) => e.resource?.resourceType !== 'Task'),
    };
    assert.throws(() => bundleToReferral(without), /the Task whose focus is the ServiceRequest is missing/);
  });
});

describe('serviceToFhir', () => {
  const { healthcareService, organization, locations } = serviceToFhir(homesAndMoneyHub);

  it('makes a valid HealthcareService, Organization and Locations', () => {
    assertValidFhir(healthcareService);
    assertValidFhir(organization);
    for (const location of locations) assertValidFhir(location);
  });

  it('identifies each by its directory id', () => {
    assert.deepEqual(healthcareService.identifier, [
      { system: IDENTIFIER_SYSTEMS.serviceId, value: homesAndMoneyHub.id },
    ]);
    assert.equal(organization.identifier?.[0]?.value, homesAndMoneyHub.organisation.id);
    assert.equal(locations[0]?.identifier?.[0]?.system, IDENTIFIER_SYSTEMS.locationId);
  });

  it('types the service by the needs it helps with, and says it is free, as R4 codes it', () => {
    assert.deepEqual(
      healthcareService.type?.map((t) => t.coding?.[0]?.code),
      ['housing', 'money_debt', 'benefits'],
    );
    const [housing] = healthcareService.type ?? [];
    assert.equal(housing?.coding?.[0]?.system, codeSystemUrl('need'));
    const provision = healthcareService.serviceProvisionCode?.[0]?.coding?.[0];
    assert.equal(provision?.code, 'free');
    assert.equal(
      provision.display,
      officialConcept('http://terminology.hl7.org/CodeSystem/service-provision-conditions', 'free').display,
    );
  });

  it('gives the opening hours with seconds, and the languages spoken', () => {
    assert.deepEqual(healthcareService.availableTime, [
      {
        daysOfWeek: ['mon', 'tue', 'wed', 'thu', 'fri'],
        availableStartTime: '09:30:00',
        availableEndTime: '16:30:00',
      },
    ]);
    assert.deepEqual(
      healthcareService.communication?.map((c) => c.coding?.[0]?.code),
      ['en', 'bn', 'pl', 'lt'],
    );
  });
});
