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

/** What {@link reportReferrals} makes. */
export interface ReportReferralsOptions {
  /** The day the referrals run up to (`YYYY-MM-DD`, default today): they cover the 12 months before it. */
  until?: string;
  /** Referrals in the quietest month (default 8): busier months have up to 8 more. */
  perMonth?: number;
}

const REPORT_NEEDS = [
  ['money_debt', 'food'],
  ['housing'],
  ['benefits', 'money_debt'],
  ['wellbeing_mental_health'],
  ['fuel_energy', 'food'],
  ['loneliness_isolation'],
] as const;
const REPORT_POSTCODES = ['IG11 9QP', 'IG11 7QJ', 'RM9 6XX', 'RM10 8DA', 'E6 2AB', 'N7 6QX', undefined];
const REPORT_EQUALITY = [
  { sex: 'female', ageBand: '35_44', disability: 'no', ethnicity: 'white_british' },
  { sex: 'male', ageBand: '55_64', disability: 'yes', ethnicity: 'black_african' },
  { sex: 'prefer_not_to_say', ageBand: 'prefer_not_to_say', disability: 'prefer_not_to_say' },
  undefined,
  { sex: 'female', ageBand: '25_34', disability: 'no', ethnicity: 'asian_bangladeshi', religion: 'muslim' },
] as const;
const REPORT_REFERRERS = ['councillor', 'gp_practice', 'self', 'vcs_partner', 'council_officer'] as const;

/**
 * Referrals for reports and dashboards: a year of them before `until`, every month busier or
 * quieter, across needs, areas, referrers, stages (with the history that times first contact
 * and close), outcomes with amounts (income gained weekly, debt managed once) and equality
 * answers (some `prefer_not_to_say`, some not asked). The same `until` gives the same referrals
 * but for their ids and references. Put them in a mock hub with `hub.seed.referral()`.
 */
export function reportReferrals(options: ReportReferralsOptions = {}): Referral[] {
  const until = options.until ?? new Date().toISOString().slice(0, 10);
  const perMonth = options.perMonth ?? 8;
  const end = Date.parse(`${until}T12:00:00Z`);
  const day = 86_400_000;
  const iso = (ms: number) => new Date(ms).toISOString();
  const made: Referral[] = [];
  let n = 0;
  for (let month = 0; month < 12; month += 1) {
    const count = perMonth + ((month * 5) % 9);
    for (let i = 0; i < count; i += 1) {
      // Days before `until`, spread through the month (the newest month ends at `until`).
      const age = month * 30 + ((i * 7 + month * 3) % 29) + 1;
      const at = end - age * day + ((n % 8) - 4) * 3_600_000;
      const needs = REPORT_NEEDS[n % REPORT_NEEDS.length] ?? REPORT_NEEDS[0];
      const postcode = REPORT_POSTCODES[n % REPORT_POSTCODES.length];
      const equality = REPORT_EQUALITY[n % REPORT_EQUALITY.length];
      const { address: _address, equality: _equality, ...resident } = referralCreate().resident;
      // How far it got: the older, the further; every fifth one declined, every ninth still waiting.
      const path = ['submitted', 'triage', 'accepted', 'in_progress', 'closed'] as const;
      const reached =
        n % 9 === 4 ? 1 : age < 3 ? 0 : age < 10 ? 2 : age < 25 ? 3 : n % 5 === 3 ? -1 : path.length - 1;
      const history: Referral['history'] = [
        { from: null, to: 'submitted', at: iso(at), by: { role: 'referrer' } },
      ];
      // First contact 0 to 4 days after submission; close 8 to 26 days after.
      const offsets = [0, 0.1, 0.3 + (n % 5), 0.5 + (n % 5), 8 + ((n * 3) % 19)];
      for (let step = 1; step <= reached; step += 1)
        history.push({
          from: path[step - 1] ?? 'submitted',
          to: path[step] ?? 'closed',
          at: iso(at + (offsets[step] ?? 0) * day),
          by: { role: step >= 3 ? 'provider' : 'hub' },
        });
      if (reached === -1)
        history.push(
          { from: 'submitted', to: 'triage', at: iso(at + 0.1 * day), by: { role: 'hub' } },
          {
            from: 'triage',
            to: 'declined',
            at: iso(at + 1.2 * day),
            by: { role: 'hub' },
            reason: 'Not eligible',
          },
        );
      const last = history[history.length - 1] ?? history[0];
      const closedAt = last?.at ?? iso(at);
      const outcomes: Referral['outcomes'] =
        reached === path.length - 1
          ? needs.map((need) => {
              const recorded = { recordedAt: closedAt, recordedBy: { role: 'provider' as const } };
              if (need === 'money_debt')
                return {
                  need,
                  code: 'debt_managed' as const,
                  amount: {
                    amount: 45_000 + (n % 7) * 12_500,
                    currency: 'GBP' as const,
                    frequency: 'one_off' as const,
                  },
                  ...recorded,
                };
              if (need === 'benefits')
                return {
                  need,
                  code: 'income_maximised' as const,
                  amount: {
                    amount: 2_500 + (n % 4) * 1_000,
                    currency: 'GBP' as const,
                    frequency: 'weekly' as const,
                  },
                  ...recorded,
                };
              const codes: Partial<Record<string, Outcome['code']>> = {
                food: 'food_secured',
                housing: 'tenancy_sustained',
                fuel_energy: 'fuel_support',
              };
              const code = codes[need];
              return { need, code: code ?? 'connected_to_community', ...recorded };
            })
          : [];
      const one = referral({
        createdAt: iso(at),
        submittedAt: iso(at),
        updatedAt: closedAt,
        status: last?.to ?? 'submitted',
        referrer: { type: REPORT_REFERRERS[n % REPORT_REFERRERS.length] ?? 'self' },
        needs: needs.map((code) => ({ code, urgency: 'soon' as const, details: 'Needs help.' })),
        history,
        outcomes,
      });
      // Set whole, not merged: some have no postcode (the area `unknown`) or no equality answers.
      one.resident = {
        ...resident,
        // No address, so no letters.
        ...(postcode ? {} : { contact: { ...resident.contact, methods: ['phone' as const] } }),
        ...(postcode ? { address: { line1: '1 High Street', town: 'Barking', postcode } } : {}),
        ...(equality ? { equality } : {}),
      };
      made.push(one);
      n += 1;
    }
  }
  return made;
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
