import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type {
  Flag,
  Organization,
  PractitionerRole,
  RelatedPerson,
  ServiceRequest,
  Task,
} from '@medplum/fhirtypes';
import { referralStatusCodes, type ReferralStatus } from '../codelists.ts';
import {
  closedTenantReferral,
  councillorDebtAndFood,
  gpSocialPrescribingLoneliness,
  harlesdenWalkingGroup,
  immediateSafeguardingConcern,
  selfReferralShielding,
  tenantAtRiskOfEviction,
} from '../fixtures/index.ts';
import { priorityOf, triageDueBy } from '../lifecycle.ts';
import type { ReferralCreate, Referral } from '../referral.ts';
import { generateReference } from '../reference.ts';
import { assertInValueSet, assertValidFhir, officialConcept, R4_VALUE_SETS } from './fhir-validator.test.ts';
import {
  CODE_SYSTEMS,
  EXTENSIONS,
  FhirMappingError,
  IDENTIFIER_SYSTEMS,
  SNOMED,
  codeSystemUrl,
  referralToServiceRequest,
  referralToTask,
  residentToPatient,
  serviceRequestStatusFor,
  serviceRequestToReferral,
  taskStatusFor,
  taskToReferralStatus,
  type DeepReadonly,
} from './index.ts';

type StoredReferral = DeepReadonly<Referral>;

let counter = 0;
/** A stored referral made from a referral journey, as the hub would keep it. */
function stored(journey: DeepReadonly<ReferralCreate>, fields: Partial<StoredReferral> = {}): StoredReferral {
  counter += 1;
  const n = String(counter).padStart(2, '0');
  const submittedAt = `2026-11-${n}T09:00:00.000Z`;
  const priority = priorityOf(journey);
  return {
    id: `0b6f3c1e-7d2a-4c55-9e1b-0000000000${n}`,
    reference: generateReference({ getRandomValues: (bytes) => bytes.fill(counter * 7) }),
    status: 'submitted',
    priority,
    triageDueBy: triageDueBy(priority, submittedAt),
    createdAt: submittedAt,
    updatedAt: submittedAt,
    submittedAt,
    residentId: `9a1d2c3b-4e5f-4a6b-8c7d-0000000000${n}`,
    resident: journey.resident,
    referrer: journey.referrer,
    needs: journey.needs,
    safeguarding: journey.safeguarding,
    ...(journey.source === undefined ? {} : { source: journey.source }),
    ...(journey.notes === undefined ? {} : { notes: journey.notes }),
    consentId: null,
    requestedServiceId: journey.requestedServiceId ?? null,
    assessmentId: null,
    assignedService: null,
    history: [{ from: null, to: 'submitted', at: submittedAt, by: { role: 'referrer' } }],
    outcomes: [],
    sharingRestricted: false,
    ...fields,
  };
}

const referrals: Record<string, StoredReferral> = {
  closedTenantReferral,
  immediateSafeguardingConcern: stored(immediateSafeguardingConcern),
  councillorInTriage: stored(councillorDebtAndFood, {
    status: 'triage',
    history: [
      {
        from: null,
        to: 'submitted',
        at: '2026-11-02T09:00:00.000Z',
        by: { role: 'referrer', keyId: 'key_council' },
      },
      { from: 'submitted', to: 'triage', at: '2026-11-02T09:05:00.000Z', by: { role: 'system' } },
    ],
  }),
  selfReferralDraft: stored(selfReferralShielding, {
    status: 'draft',
    submittedAt: null,
    triageDueBy: null,
    history: [],
  }),
  gpReferralInProgress: stored(gpSocialPrescribingLoneliness, {
    status: 'in_progress',
    requestedServiceId: harlesdenWalkingGroup.id,
    consentId: '6b84f66a-dd1a-4fea-a209-5b78e8672639',
    assignedService: {
      serviceId: harlesdenWalkingGroup.id,
      serviceName: harlesdenWalkingGroup.name,
      organisationName: harlesdenWalkingGroup.organisation.name,
      assignedAt: '2026-11-05T10:00:00.000Z',
    },
  }),
  tenantAssigned: stored(tenantAtRiskOfEviction, {
    status: 'assigned',
    assignedService: {
      serviceId: tenantAtRiskOfEviction.requestedServiceId,
      assignedAt: '2026-11-06T10:00:00Z',
    },
  }),
  declinedAndRestricted: stored(tenantAtRiskOfEviction, {
    status: 'declined',
    sharingRestricted: true,
    history: [
      { from: null, to: 'submitted', at: '2026-11-07T09:00:00.000Z', by: { role: 'referrer' } },
      { from: 'submitted', to: 'triage', at: '2026-11-07T09:01:00.000Z', by: { role: 'system' } },
      {
        from: 'triage',
        to: 'declined',
        at: '2026-11-07T11:00:00.000Z',
        by: { role: 'hub', keyId: 'key_hub', organisation: 'Community Hub (fictional council)' },
        reason: 'Already supported by the council’s tenancy team.',
      },
    ],
  }),
  familyReferrerWithdrawn: stored(councillorDebtAndFood, {
    status: 'withdrawn',
    referrer: {
      type: 'family_friend',
      name: 'Leah Bell',
      relationship: 'Niece',
      role: 'Lasting power of attorney',
      organisation: { name: 'Bell Family Trust (fictional)', charityNumber: 'SC012345' },
      contact: { phone: '+447700900333' },
      residentAware: true,
      residentAgreed: false,
      noAgreementReason: 'He asked me to sort it out but did not want to sign anything.',
    },
  }),
  selfReferrerWithEverything: stored(selfReferralShielding, {
    status: 'returned',
    referrer: {
      type: 'self',
      name: 'Eileen Hartley',
      role: 'Retired teacher',
      relationship: 'Herself',
      organisation: { name: 'Bury U3A (fictional)' },
      contact: { phone: '+441614960742', email: 'eileen@example.com' },
      residentAware: true,
      residentAgreed: true,
    },
  }),
  healthProfessionalAccepted: stored(gpSocialPrescribingLoneliness, {
    status: 'accepted',
    referrer: {
      type: 'health_professional',
      name: 'Nia Roberts',
      relationship: 'District nurse for ten years',
      organisation: { name: 'Brent Community Nursing (fictional)', odsCode: 'RY999' },
      contact: { email: 'nia.roberts@example.com' },
      residentAware: true,
      residentAgreed: true,
    },
  }),
};

function resourcesOf(referral: StoredReferral) {
  return {
    serviceRequest: referralToServiceRequest(referral),
    task: referralToTask(referral),
    patient: residentToPatient(referral.resident, { id: referral.residentId }),
  };
}

function containedOf<T extends { resourceType: string }>(
  sr: ServiceRequest,
  type: T['resourceType'],
  id: string,
): T {
  const found = sr.contained?.find((r) => r.resourceType === type && r.id === id);
  assert.ok(found, `contained ${type}/${id}`);
  return found as unknown as T;
}

describe('referralToServiceRequest, referralToTask and serviceRequestToReferral', () => {
  it('covers every referral status', () => {
    const statuses = new Set(Object.values(referrals).map((r) => r.status));
    assert.deepEqual([...statuses].sort(), [...referralStatusCodes.codes].sort());
  });

  it('gives every resource of every referral its own id', () => {
    const ids = Object.values(referrals).flatMap((referral) => {
      const { serviceRequest, task } = resourcesOf(referral);
      return [serviceRequest.id, task.id];
    });
    assert.equal(new Set(ids).size, ids.length);
  });

  for (const [name, referral] of Object.entries(referrals)) {
    describe(name, () => {
      const { serviceRequest, task, patient } = resourcesOf(referral);

      it('makes a valid R4 ServiceRequest with allowed status, intent and priority', () => {
        assertValidFhir(serviceRequest);
        assertInValueSet(serviceRequest.status, R4_VALUE_SETS.requestStatus, 'ServiceRequest.status');
        assertInValueSet(serviceRequest.intent, R4_VALUE_SETS.requestIntent, 'ServiceRequest.intent');
        assertInValueSet(serviceRequest.priority, R4_VALUE_SETS.requestPriority, 'ServiceRequest.priority');
        for (const r of serviceRequest.contained ?? []) {
          if (r.resourceType === 'Flag') assertInValueSet(r.status, R4_VALUE_SETS.flagStatus, 'Flag.status');
        }
      });

      it('makes a valid R4 Task with allowed status, intent and priority', () => {
        assertValidFhir(task);
        assertInValueSet(task.status, R4_VALUE_SETS.taskStatus, 'Task.status');
        assertInValueSet(task.intent, R4_VALUE_SETS.taskIntent, 'Task.intent');
        assertInValueSet(task.priority, R4_VALUE_SETS.requestPriority, 'Task.priority');
      });

      it('links the Task to the ServiceRequest and both to the Patient', () => {
        assert.equal(task.focus?.reference, `ServiceRequest/${referral.id}`);
        assert.equal(task.for?.reference, `Patient/${referral.residentId}`);
        assert.equal(serviceRequest.subject.reference, `Patient/${referral.residentId}`);
        assert.equal(patient.id, referral.residentId);
      });

      it('gives the Task an id of its own, the same every time, and keeps the referral id on it', () => {
        assert.notEqual(task.id, serviceRequest.id);
        assert.equal(serviceRequest.id, referral.id);
        assert.equal(referralToTask(referral).id, task.id);
        assert.match(task.id ?? '', /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        assert.ok(
          task.identifier?.some((i) => i.system === IDENTIFIER_SYSTEMS.referralId && i.value === referral.id),
        );
      });

      it('reads back exactly', () => {
        assert.deepStrictEqual(serviceRequestToReferral(serviceRequest, { task, patient }), referral);
      });

      it('reads back exactly from JSON', () => {
        const json = <T>(value: T) => JSON.parse(JSON.stringify(value)) as T;
        assert.deepStrictEqual(
          serviceRequestToReferral(json(serviceRequest), { task: json(task), patient: json(patient) }),
          referral,
        );
      });
    });
  }

  describe('statuses', () => {
    it('maps each referral status to its ServiceRequest status', () => {
      assert.deepEqual(serviceRequestStatusFor, {
        draft: 'draft',
        submitted: 'active',
        triage: 'active',
        accepted: 'active',
        assigned: 'active',
        in_progress: 'active',
        returned: 'active',
        closed: 'completed',
        declined: 'revoked',
        withdrawn: 'revoked',
      });
    });

    it('maps each referral status to its own Task status, with the exact status as businessStatus', () => {
      const taskStatuses = referralStatusCodes.codes.map((status) => taskStatusFor[status]);
      assert.equal(new Set(taskStatuses).size, referralStatusCodes.codes.length);
      for (const status of referralStatusCodes.codes) {
        const task = referralToTask({ ...closedTenantReferral, status });
        assertInValueSet(task.status, R4_VALUE_SETS.taskStatus, 'Task.status');
        assert.deepEqual(task.businessStatus?.coding, [
          {
            system: codeSystemUrl('referral-status'),
            code: status,
            display: referralStatusCodes.entries.find((e) => e.code === status)?.en,
          },
        ]);
        assert.equal(taskToReferralStatus(task), status);
        const { businessStatus: _, ...withoutBusinessStatus } = task;
        assert.equal(taskToReferralStatus(withoutBusinessStatus), status, `${status} from Task.status alone`);
      }
    });

    it('uses the standard Task statuses for the lifecycle', () => {
      const expected: Record<ReferralStatus, Task['status']> = {
        draft: 'draft',
        submitted: 'requested',
        triage: 'received',
        accepted: 'accepted',
        declined: 'rejected',
        assigned: 'ready',
        in_progress: 'in-progress',
        returned: 'on-hold',
        closed: 'completed',
        withdrawn: 'cancelled',
      };
      assert.deepEqual(taskStatusFor, expected);
    });

    it('gives the reason for the current status as Task.statusReason', () => {
      const task = referralToTask(referrals.declinedAndRestricted ?? closedTenantReferral);
      assert.equal(task.statusReason?.text, 'Already supported by the council’s tenancy team.');
    });
  });

  describe('the request', () => {
    it('codes GP and health professional referrals as social prescribing referrals', () => {
      for (const referral of [referrals.gpReferralInProgress, referrals.healthProfessionalAccepted]) {
        assert.ok(referral);
        assert.deepEqual(referralToServiceRequest(referral).code, {
          coding: [
            {
              system: 'http://snomed.info/sct',
              code: '871731000000106',
              display: 'Referral to social prescribing service',
            },
          ],
        });
      }
    });

    it('codes other referrals as patient referrals, unless asked', () => {
      assert.deepEqual(referralToServiceRequest(closedTenantReferral).code?.coding, [
        { system: 'http://snomed.info/sct', code: '3457005', display: 'Patient referral' },
      ]);
      assert.deepEqual(
        referralToServiceRequest(closedTenantReferral, { socialPrescribing: true }).code?.coding,
        [SNOMED.socialPrescribingReferral],
      );
      const gp = referrals.gpReferralInProgress;
      assert.ok(gp);
      assert.deepEqual(referralToServiceRequest(gp, { socialPrescribing: false }).code?.coding, [
        SNOMED.patientReferral,
      ]);
    });

    it('identifies the referral by its reference, its id and the partner’s own reference', () => {
      assert.deepEqual(referralToServiceRequest(closedTenantReferral).identifier, [
        { system: IDENTIFIER_SYSTEMS.referralId, value: closedTenantReferral.id },
        { system: 'https://hubkit.dev/fhir/sid/referral-reference', value: 'HUB-6ZRK-EN' },
        { system: 'https://hubkit.dev/fhir/sid/partner-reference', value: 'TEN-55821' },
      ]);
    });

    it('gives one reason per need, with its urgency and details', () => {
      const sr = referralToServiceRequest(closedTenantReferral);
      assert.equal(sr.reasonCode?.length, closedTenantReferral.needs.length);
      assert.deepEqual(sr.reasonCode[0], {
        extension: [
          {
            url: EXTENSIONS.needUrgency,
            valueCoding: {
              system: codeSystemUrl('urgency'),
              code: 'urgent',
              display: 'Urgent (within 2 days)',
            },
          },
          { url: EXTENSIONS.needDetails, valueString: closedTenantReferral.needs[0].details },
        ],
        coding: [{ system: codeSystemUrl('need'), code: 'housing', display: 'Housing and homelessness' }],
      });
    });

    it('makes immediate danger visible: priority stat and a safety Flag', () => {
      const referral = referrals.immediateSafeguardingConcern;
      assert.ok(referral);
      const sr = referralToServiceRequest(referral);
      assert.equal(sr.priority, 'stat');
      const flag = containedOf<Flag>(sr, 'Flag', 'safeguarding');
      assert.equal(flag.status, 'active');
      assert.equal(flag.code.text, 'Safeguarding concern about an adult and a child: immediate danger');
      assert.deepEqual(flag.category?.[0]?.coding?.[0]?.code, 'safety');
      assert.deepEqual(sr.supportingInfo?.[0], { reference: '#safeguarding', display: flag.code.text });
    });

    it('adds no Flag without a safeguarding concern', () => {
      const sr = referralToServiceRequest(closedTenantReferral);
      assert.equal(
        sr.contained?.some((r) => r.resourceType === 'Flag'),
        false,
      );
    });

    it('makes a professional referrer a PractitionerRole with their practitioner and organisation', () => {
      const sr = referralToServiceRequest(closedTenantReferral);
      assert.deepEqual(sr.requester, { reference: '#referrer', display: 'Femi Adebayo' });
      const role = containedOf<PractitionerRole>(sr, 'PractitionerRole', 'referrer');
      assert.deepEqual(role.code, [{ text: 'Tenancy sustainment officer' }]);
      assert.deepEqual(role.telecom, [
        { system: 'phone', value: '+442079460811' },
        { system: 'email', value: 'femi.adebayo@example.com' },
      ]);
      assert.equal(
        containedOf<Organization>(sr, 'Organization', 'referrer-organisation').name,
        'Barking and Dagenham Council',
      );
      const gp = referrals.gpReferralInProgress;
      assert.ok(gp);
      assert.deepEqual(
        containedOf<Organization>(referralToServiceRequest(gp), 'Organization', 'referrer-organisation')
          .identifier,
        [{ system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: 'E84999' }],
      );
    });

    it('makes family or friends a RelatedPerson of the patient', () => {
      const referral = referrals.familyReferrerWithdrawn;
      assert.ok(referral);
      const sr = referralToServiceRequest(referral);
      const person = containedOf<RelatedPerson>(sr, 'RelatedPerson', 'referrer');
      assert.equal(person.patient.reference, `Patient/${referral.residentId}`);
      assert.deepEqual(person.relationship, [{ text: 'Niece' }]);
    });

    it('makes a self-referral requested by the patient', () => {
      const referral = referrals.selfReferralDraft;
      assert.ok(referral);
      assert.deepEqual(referralToServiceRequest(referral).requester, {
        reference: `Patient/${referral.residentId}`,
      });
    });

    it('names the assigned service as performer and links the consent and assessment', () => {
      const sr = referralToServiceRequest(closedTenantReferral);
      assert.equal(
        sr.performer?.[0]?.reference,
        `HealthcareService/${closedTenantReferral.assignedService.serviceId}`,
      );
      assert.equal(sr.performer[0].display, closedTenantReferral.assignedService.serviceName);
      assert.deepEqual(sr.supportingInfo, [
        { reference: `Consent/${closedTenantReferral.consentId}` },
        { reference: `QuestionnaireResponse/${closedTenantReferral.assessmentId}` },
      ]);
    });

    it('labels a referral whose sharing is restricted', () => {
      const referral = referrals.declinedAndRestricted;
      assert.ok(referral);
      assert.equal(referralToServiceRequest(referral).meta?.security?.[0]?.code, 'NODSCLCDS');
      assert.equal(referralToServiceRequest(closedTenantReferral).meta, undefined);
    });

    it('labels it NODSCLCDS with the display exactly as v3-ActCode has it', () => {
      const referral = referrals.declinedAndRestricted;
      assert.ok(referral);
      const label = referralToServiceRequest(referral).meta?.security?.[0];
      const official = officialConcept(CODE_SYSTEMS.actCode, 'NODSCLCDS');
      assert.equal(label?.system, 'http://terminology.hl7.org/CodeSystem/v3-ActCode');
      assert.equal(label.display, official.display);
      assert.equal(label.display, "no disclosure without information subject's consent directive");
    });
  });

  describe('UK Core must-support elements', () => {
    it('categorises every ServiceRequest as a patient referral', () => {
      for (const referral of Object.values(referrals)) {
        assert.deepEqual(referralToServiceRequest(referral).category, [
          { coding: [{ system: 'http://snomed.info/sct', code: '3457005', display: 'Patient referral' }] },
        ]);
      }
    });

    it('codes every Task as fulfilling its ServiceRequest', () => {
      for (const referral of Object.values(referrals)) {
        assert.deepEqual(referralToTask(referral).code, {
          coding: [
            {
              system: 'http://hl7.org/fhir/CodeSystem/task-code',
              code: 'fulfill',
              display: 'Fulfill the focal request',
            },
          ],
        });
      }
    });

    it('names the referrer as the Task requester: the Patient for a self-referral', () => {
      const self = referrals.selfReferralDraft;
      const family = referrals.familyReferrerWithdrawn;
      assert.ok(self && family);
      assert.deepEqual(referralToTask(self).requester, { reference: `Patient/${self.residentId}` });
      assert.deepEqual(referralToTask(family).requester, {
        display: 'Leah Bell (Family, friend or neighbour)',
      });
      assert.ok(referralToTask(closedTenantReferral).requester?.display);
    });

    it('gives the need as the Task reasonCode: coded when one, in words when several', () => {
      for (const referral of Object.values(referrals)) {
        const reason = referralToTask(referral).reasonCode;
        if (referral.needs.length === 1) {
          assert.equal(reason?.coding?.[0]?.system, codeSystemUrl('need'));
          assert.equal(reason.coding[0].code, referral.needs[0]?.code);
        } else {
          assert.equal(reason?.coding, undefined);
          assert.equal(reason?.text?.split('; ').length, referral.needs.length);
        }
      }
    });
  });

  describe('the Task', () => {
    const task = referralToTask(closedTenantReferral);

    it('records each outcome as an output: need, outcome and amount', () => {
      assert.equal(task.output?.length, 3);
      const income = task.output[1];
      assert.equal(income?.type.coding?.[0]?.code, 'benefits');
      assert.equal(income.valueCodeableConcept?.coding?.[0]?.code, 'income_maximised');
      const details = income.extension?.find((e) => e.url === EXTENSIONS.outcomeDetails)?.extension;
      assert.deepEqual(details?.find((e) => e.url === 'amount')?.valueMoney, {
        value: 86.4,
        currency: 'GBP',
      });
    });

    it('records the history, one status change each', () => {
      const changes = task.extension?.filter((e) => e.url === EXTENSIONS.statusChange) ?? [];
      assert.equal(changes.length, closedTenantReferral.history.length);
    });

    it('keeps the times: created, last changed, triage due', () => {
      assert.equal(task.authoredOn, closedTenantReferral.createdAt);
      assert.equal(task.lastModified, closedTenantReferral.updatedAt);
      assert.equal(task.restriction?.period?.end, closedTenantReferral.triageDueBy);
    });
  });

  describe('resources that are not a hubkit referral', () => {
    const { serviceRequest, task, patient } = resourcesOf(closedTenantReferral);

    it('refuses a Task whose businessStatus is not a referral status', () => {
      const bad: Task = {
        ...task,
        businessStatus: { coding: [{ system: codeSystemUrl('referral-status'), code: 'lost' }] },
      };
      assert.throws(() => taskToReferralStatus(bad), {
        name: 'FhirMappingError',
        message:
          /Task\.businessStatus: 'lost' is not a code in https:\/\/hubkit\.dev\/fhir\/CodeSystem\/referral-status/,
      });
      assert.throws(() => serviceRequestToReferral(serviceRequest, { task: bad, patient }), FhirMappingError);
    });

    it('refuses a businessStatus from another code system', () => {
      const other: Task = {
        ...task,
        businessStatus: { coding: [{ system: 'https://example.org/status', code: 'closed' }] },
      };
      assert.throws(() => taskToReferralStatus(other), /cannot tell the referral status/);
    });

    it('refuses a Task whose status disagrees with its businessStatus', () => {
      assert.throws(() => taskToReferralStatus({ ...task, status: 'in-progress' }), {
        message: /'in-progress' disagrees with businessStatus 'closed', which needs 'completed'/,
      });
    });

    it('refuses a Task with a status no referral has', () => {
      const { businessStatus: _, ...withoutBusinessStatus } = task;
      assert.throws(
        () => taskToReferralStatus({ ...withoutBusinessStatus, status: 'failed' }),
        /'failed' has no referral status/,
      );
    });

    it('refuses a ServiceRequest whose status disagrees with the Task', () => {
      assert.throws(
        () => serviceRequestToReferral({ ...serviceRequest, status: 'active' }, { task, patient }),
        {
          message: /ServiceRequest\.status: 'active' disagrees with the Task's 'closed'/,
        },
      );
    });

    it('refuses a Patient that is not the subject', () => {
      assert.throws(
        () => serviceRequestToReferral(serviceRequest, { task, patient: { ...patient, id: 'someone-else' } }),
        /refers to Patient\/ffe7c3b4-2933-4736-a1c3-18ce113d0384, but the Patient given is someone-else/,
      );
    });

    it('refuses a Task about another ServiceRequest', () => {
      assert.throws(
        () =>
          serviceRequestToReferral(serviceRequest, {
            task: { ...task, focus: { reference: 'ServiceRequest/other' } },
            patient,
          }),
        /Task\.focus: is ServiceRequest\/other/,
      );
    });

    it('refuses a ServiceRequest without the referrer extension', () => {
      const without = {
        ...serviceRequest,
        extension: (serviceRequest.extension ?? []).filter((e) => e.url !== EXTENSIONS.referrer),
      };
      assert.throws(
        () => serviceRequestToReferral(without, { task, patient }),
        /who made the referral is missing/,
      );
    });

    it('refuses a reason that is not a hubkit need', () => {
      const json = JSON.stringify(serviceRequest).replace('"code":"housing"', '"code":"astrology"');
      assert.throws(
        () => serviceRequestToReferral(JSON.parse(json) as ServiceRequest, { task, patient }),
        /ServiceRequest\.reasonCode\[0\]: 'astrology' is not a code/,
      );
    });
  });
});
