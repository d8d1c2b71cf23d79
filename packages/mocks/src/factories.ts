/**
 * Fixture factories for every entity of the contract, as `make.referral()` and the like:
 * realistic (built from the schema's fixtures), with new ids and references on every call, and
 * overrides merged in at any depth. What each returns passes its schema in @hubkit/schema;
 * derived fields (a referral's priority, a history) are not worked out again from overrides.
 */
import {
  generateReference,
  priorityOf,
  triageDueBy,
  webhookEventTypes,
  type Assessment,
  type AssessmentCreate,
  type AssessmentDraft,
  type AuditEvent,
  type Consent,
  type ConsentCreate,
  type ConsentWithdrawal,
  type FieldError,
  type Health,
  type Lang,
  type Outcome,
  type OutcomeCreate,
  type Page,
  type ProblemCode,
  type Referral,
  type ReferralCreate,
  type ReferralReport,
  type Service,
  type ServiceSearchResult,
  type TransitionRequest,
  type WebhookDelivery,
  type WebhookEndpoint,
  type WebhookEndpointCreate,
  type WebhookEvent,
  type WebhookEventOf,
  type WebhookEventType,
} from '@hubkit/schema';
import { problemBody, type ProblemBody } from '@hubkit/hub';
import {
  consentOnline,
  councillorDebtAndFood,
  homesAndMoneyHub,
  tenantAssessmentDraft,
} from '@hubkit/schema/fixtures';
import { newRequestId } from './http.ts';
import { deepMerge, type DeepPartial } from './merge.ts';
import { statusOfCode } from './problem.ts';

const uuid = () => crypto.randomUUID();
const now = () => new Date().toISOString();
/** The ids of the mock hub's default keys, so made records look made through it. */
const PUBLISHABLE_KEY_ID = 'key_mock_publishable';
const SECRET_KEY_ID = 'key_mock_secret';

/** What a partner sends to make a referral: a councillor's referral for debt and food. */
export function referralCreate(overrides?: DeepPartial<ReferralCreate>): ReferralCreate {
  const base: ReferralCreate = structuredClone(councillorDebtAndFood);
  base.source = { channel: 'email', partnerReference: `ME-${uuid().slice(0, 8).toUpperCase()}` };
  return deepMerge(base, overrides);
}

/** A referral as the hub returns it, just submitted through the publishable key. */
export function referral(overrides?: DeepPartial<Referral>): Referral {
  const { assessment: _assessment, status: _status, ...input } = referralCreate();
  const at = now();
  const priority = priorityOf(input);
  const base: Referral = {
    id: uuid(),
    reference: generateReference(),
    status: 'submitted',
    priority,
    triageDueBy: triageDueBy(priority, at),
    createdAt: at,
    updatedAt: at,
    submittedAt: at,
    residentId: uuid(),
    ...input,
    consentId: null,
    requestedServiceId: null,
    assessmentId: null,
    assignedService: null,
    history: [{ from: null, to: 'submitted', at, by: { role: 'referrer', keyId: PUBLISHABLE_KEY_ID } }],
    outcomes: [],
    sharingRestricted: false,
  };
  return deepMerge(base, overrides);
}

/** Consent given online by the person, for each purpose separately. */
export function consentCreate(overrides?: DeepPartial<ConsentCreate>): ConsentCreate {
  return deepMerge(structuredClone(consentOnline) as ConsentCreate, overrides);
}

/** A consent record as stored: active, for no referral yet. */
export function consent(overrides?: DeepPartial<Consent>): Consent {
  const base: Consent = {
    id: uuid(),
    status: 'active',
    createdAt: now(),
    ...consentCreate(),
    referralId: null,
    withdrawal: null,
  };
  return deepMerge(base, overrides);
}

/** A withdrawal made online, now. */
export function consentWithdrawal(overrides?: DeepPartial<ConsentWithdrawal>): ConsentWithdrawal {
  return deepMerge<ConsentWithdrawal>(
    { withdrawnAt: now(), method: 'online', reason: 'Changed their mind about sharing.' },
    overrides,
  );
}

/** A single assessment as a connector writes it: housing, benefits and wellbeing. */
export function assessmentDraft(overrides?: DeepPartial<AssessmentDraft>): AssessmentDraft {
  return deepMerge(structuredClone(tenantAssessmentDraft), overrides);
}

/** `POST /v1/assessments` for a person (a new resident id: the mock hub has to know them). */
export function assessmentCreate(overrides?: DeepPartial<AssessmentCreate>): AssessmentCreate {
  return deepMerge<AssessmentCreate>({ ...assessmentDraft(), residentId: uuid() }, overrides);
}

/** Version 1 of a single assessment, for a person. */
export function assessment(overrides?: DeepPartial<Assessment>): Assessment {
  const base: Assessment = {
    id: uuid(),
    version: 1,
    residentId: uuid(),
    referralId: null,
    createdAt: now(),
    ...assessmentDraft(),
  };
  return deepMerge(base, overrides);
}

/** Debts managed: an outcome for the money and debt need of `referralCreate()`. */
export function outcomeCreate(overrides?: DeepPartial<OutcomeCreate>): OutcomeCreate {
  return deepMerge<OutcomeCreate>(
    { need: 'money_debt', code: 'debt_managed', notes: 'Repayment plan agreed with the council.' },
    overrides,
  );
}

/** An outcome as recorded by a provider. */
export function outcome(overrides?: DeepPartial<Outcome>): Outcome {
  return deepMerge<Outcome>(
    { ...outcomeCreate(), recordedAt: now(), recordedBy: { role: 'provider' } },
    overrides,
  );
}

/** `POST /v1/referrals/{id}/transitions`: into triage. */
export function transitionRequest(overrides?: DeepPartial<TransitionRequest>): TransitionRequest {
  return deepMerge<TransitionRequest>({ to: 'triage' }, overrides);
}

/** A directory service (housing and money advice in Barking), with new ids throughout. */
export function service(overrides?: DeepPartial<Service>): Service {
  const base = structuredClone(homesAndMoneyHub) as Service;
  base.id = uuid();
  base.organisation.id = uuid();
  base.locations = base.locations.map((location) => ({ ...location, id: uuid() }));
  return deepMerge(base, overrides);
}

/** A search result: a service and how far its nearest location is. */
export function serviceSearchResult(overrides?: DeepPartial<ServiceSearchResult>): ServiceSearchResult {
  const found = service();
  return deepMerge<ServiceSearchResult>(
    { service: found, distanceKm: 1.27, nearestLocationId: found.locations[0]?.id ?? null },
    overrides,
  );
}

/** A webhook event of `type`, about a new referral. */
export function webhookEvent<T extends WebhookEventType>(
  type: T,
  overrides?: DeepPartial<WebhookEventOf<T>>,
): WebhookEventOf<T> {
  const made = referral();
  const ref = { id: made.id, reference: made.reference };
  const at = now();
  const data: { [K in WebhookEventType]: WebhookEventOf<K>['data'] } = {
    'referral.created': {
      referral: {
        ...ref,
        status: made.status,
        priority: made.priority,
        needs: made.needs.map((n) => n.code),
      },
    },
    'referral.status_changed': { referral: ref, from: 'submitted', to: 'triage', by: 'hub', at },
    'referral.outcome_recorded': {
      referral: ref,
      outcome: { need: 'money_debt', code: 'debt_managed', recordedAt: at },
    },
    'consent.withdrawn': { consentId: uuid(), referralIds: [made.id], withdrawnAt: at },
  };
  const base = { id: uuid(), type, apiVersion: 'v1', createdAt: at, data: data[type] } as WebhookEventOf<T>;
  return deepMerge(base, overrides);
}

/** A webhook event of every type, for lists. */
export function webhookEvents(): WebhookEvent[] {
  return webhookEventTypes.map((type) => webhookEvent(type));
}

/** `POST /v1/webhook-endpoints`: every event, to a partner's HTTPS endpoint. */
export function webhookEndpointCreate(overrides?: DeepPartial<WebhookEndpointCreate>): WebhookEndpointCreate {
  return deepMerge<WebhookEndpointCreate>(
    {
      url: 'https://partner.example.org/hubkit/webhooks',
      events: [...webhookEventTypes],
      description: 'Case system (fictional)',
    },
    overrides,
  );
}

/** A webhook endpoint as listed (no signing secret: that is shown once, when it is made). */
export function webhookEndpoint(overrides?: DeepPartial<WebhookEndpoint>): WebhookEndpoint {
  return deepMerge<WebhookEndpoint>(
    { id: uuid(), ...webhookEndpointCreate(), enabled: true, createdAt: now() },
    overrides,
  );
}

/** A delivery that succeeded at the first attempt. */
export function webhookDelivery(overrides?: DeepPartial<WebhookDelivery>): WebhookDelivery {
  return deepMerge<WebhookDelivery>(
    {
      id: uuid(),
      endpointId: uuid(),
      eventId: uuid(),
      eventType: 'referral.created',
      attempt: 1,
      status: 'succeeded',
      responseStatus: 200,
      error: null,
      attemptedAt: now(),
      nextAttemptAt: null,
    },
    overrides,
  );
}

/** The hub's secret key read a referral. */
export function auditEvent(overrides?: DeepPartial<AuditEvent>): AuditEvent {
  return deepMerge<AuditEvent>(
    {
      id: uuid(),
      at: now(),
      keyId: SECRET_KEY_ID,
      keyType: 'secret',
      action: 'read',
      resourceType: 'referral',
      resourceId: uuid(),
      requestId: newRequestId(),
    },
    overrides,
  );
}

/** A month's referral counts, small numbers suppressed. */
export function referralReport(overrides?: DeepPartial<ReferralReport>): ReferralReport {
  return deepMerge<ReferralReport>(
    {
      from: '2026-11-01',
      to: '2026-11-30',
      generatedAt: now(),
      total: 48,
      byNeed: {
        benefits: 14,
        food: 19,
        housing: 11,
        money_debt: 21,
        loneliness_isolation: null,
        caring: null,
      },
      byStatus: { submitted: 9, triage: 6, accepted: 5, assigned: 12, in_progress: 11, closed: 5 },
      byPriority: { emergency: null, routine: 27, urgent: null },
      byOutcome: { debt_managed: 6, food_secured: 9 },
      byReferrerType: { councillor: 7, gp_practice: 12, self: 18, vcs_partner: 11 },
      byArea: { BL9: 8, IG11: 13, N7: 15, NW10: 12 },
      smallNumbersSuppressed: true,
    },
    overrides,
  );
}

/** A health answer from a hub that is up. */
export function health(overrides?: DeepPartial<Health>): Health {
  return deepMerge<Health>({ status: 'ok', version: '0.1.0', database: 'ok' }, overrides);
}

/** A page of a list: `items`, and the cursor of the next page (none: the last page). */
export function page<T>(items: readonly T[], nextCursor: string | null = null): Page<T> {
  return { data: [...items], nextCursor };
}

const sampleErrors: Partial<Record<ProblemCode, FieldError[]>> = {
  validation_failed: [
    { path: '/resident/address/postcode', code: 'invalid', message: 'Enter a postcode, like N1 1AA' },
  ],
  invalid_query: [
    { path: '/limit', code: 'too_big', message: 'The number of results a page must be 100 or less' },
  ],
};

/** The problem (RFC 9457) the hub answers with `code`, in `lang`; field errors where the code has them. */
export function problem(
  code: ProblemCode,
  overrides?: DeepPartial<ProblemBody>,
  lang: Lang = 'en',
): ProblemBody {
  const errors = sampleErrors[code];
  return deepMerge(
    problemBody(statusOfCode[code], code, lang, newRequestId(), undefined, errors && structuredClone(errors)),
    overrides,
  );
}
