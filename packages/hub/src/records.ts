/**
 * How a hub makes and changes its records: the rules the reference server and the mocks both
 * apply, as pure functions, so the two cannot answer differently. Each takes what the caller
 * looked up (the referral, the consent, the service) and the fresh ids and time, checks the
 * request against the rules (throwing a `ProblemError` that names the field), and returns the
 * new record and the data of the event to publish. Storing them is the caller's.
 */
import type {
  ActorRole,
  Assessment,
  AssessmentDraft,
  AuditEvent,
  Consent,
  ConsentCreate,
  ConsentWithdrawal,
  Outcome,
  OutcomeCreate,
  Referral,
  ReferralCreate,
  Service,
  StatusChange,
  TransitionRequest,
  WebhookEventOf,
} from '@hubkit/schema';
import { assertTransition, permits, priorityOf, TransitionError, triageDueBy } from '@hubkit/schema';
import type { RouteName } from '@hubkit/schema/routes';
import { fieldProblem, notFound, ProblemError } from './problems.ts';

/** Who makes a change: the role and the id of their API key. */
export interface RecordActor {
  role: ActorRole;
  keyId: string;
}

/** Outcomes are recorded while the referral is being helped with, not before or after. */
const NO_OUTCOMES_WHEN = new Set<Referral['status']>([
  'draft',
  'submitted',
  'declined',
  'closed',
  'withdrawn',
]);

/**
 * Checks what a new referral points to: a consent that exists and stands, a service that is in
 * the directory. `consent` and `service` are what the caller found for the ids given (null when
 * nothing was found; not looked at when no id was given).
 */
export function checkReferralLinks(
  input: Pick<ReferralCreate, 'consentId' | 'requestedServiceId'>,
  found: { consent: Consent | null; service: Service | null },
): void {
  if (input.consentId) {
    if (!found.consent)
      throw fieldProblem('/consentId', 'not_found', 'There is no consent record with that id');
    if (found.consent.status !== 'active') {
      throw fieldProblem(
        '/consentId',
        'consent_withdrawn',
        'That consent has been withdrawn: record consent again',
      );
    }
  }
  if (input.requestedServiceId && !found.service) {
    throw fieldProblem(
      '/requestedServiceId',
      'not_found',
      'There is no service with that id in the directory',
    );
  }
}

/**
 * A new referral and, when it came with them, its single assessment (version 1) and its consent
 * record, linked both ways: the caller stores all three in one write, or none.
 */
export function newReferral(
  input: ReferralCreate,
  made: {
    id: string;
    reference: string;
    residentId: string;
    /** The id for its assessment, used only when the referral brings one. */
    assessmentId: string;
    /** The id for its consent record, used only when the referral brings one. */
    consentId: string;
    by: RecordActor;
    now: string;
  },
): {
  referral: Referral;
  assessment: Assessment | undefined;
  consent: Consent | undefined;
  event: WebhookEventOf<'referral.created'>['data'];
} {
  const { id, now, residentId } = made;
  const { assessment: draft, consent: given, status: requested, ...fields } = input;
  const status = requested ?? 'submitted';
  const priority = priorityOf(input);
  const assessment =
    draft && newAssessment(draft, { id: made.assessmentId, version: 1, residentId, referralId: id, now });
  const consent = given && newConsent({ ...given, referralId: id }, { id: made.consentId, now });
  const referral: Referral = {
    id,
    reference: made.reference,
    status,
    priority,
    triageDueBy: status === 'submitted' ? triageDueBy(priority, now) : null,
    createdAt: now,
    updatedAt: now,
    submittedAt: status === 'submitted' ? now : null,
    residentId,
    ...fields,
    consentId: consent?.id ?? input.consentId ?? null,
    requestedServiceId: input.requestedServiceId ?? null,
    assessmentId: assessment?.id ?? null,
    assignedService: null,
    history: [{ from: null, to: status, at: now, by: { role: made.by.role, keyId: made.by.keyId } }],
    outcomes: [],
    sharingRestricted: false,
  };
  const event = {
    referral: {
      id,
      reference: referral.reference,
      status,
      priority,
      needs: referral.needs.map((n) => n.code),
    },
  };
  return { referral, assessment, consent, event };
}

/**
 * A referral moved to another status, if the lifecycle allows it for this role. `service` is
 * what the caller found for `request.serviceId` (null when nothing was found).
 */
export function transitionedReferral(
  referral: Referral,
  request: TransitionRequest,
  change: { by: RecordActor; now: string; service: Service | null },
): { referral: Referral; event: WebhookEventOf<'referral.status_changed'>['data'] } {
  try {
    assertTransition(referral.status, request.to, change.by.role, {
      reason: request.reason,
      serviceId: request.serviceId,
      needs: referral.needs.map((n) => n.code),
      outcomeNeeds: referral.outcomes.map((o) => o.need),
    });
  } catch (error) {
    if (!(error instanceof TransitionError)) throw error;
    const status =
      error.code === 'role_not_allowed' ? 403 : error.code === 'transition_not_allowed' ? 409 : 422;
    throw new ProblemError(status, error.code, error.message);
  }
  const { now, by, service } = change;
  let assignedService = referral.assignedService;
  if (request.to === 'assigned' && request.serviceId) {
    if (!service)
      throw fieldProblem('/serviceId', 'not_found', 'There is no service with that id in the directory');
    assignedService = {
      serviceId: service.id,
      serviceName: service.name,
      organisationName: service.organisation.name,
      assignedAt: now,
    };
  }
  const step: StatusChange = {
    from: referral.status,
    to: request.to,
    at: now,
    by: { role: by.role, keyId: by.keyId },
    ...(request.reason ? { reason: request.reason } : {}),
  };
  const resubmitted = request.to === 'submitted';
  return {
    referral: {
      ...referral,
      status: request.to,
      assignedService,
      updatedAt: now,
      submittedAt: resubmitted ? now : referral.submittedAt,
      triageDueBy: resubmitted ? triageDueBy(referral.priority, now) : referral.triageDueBy,
      history: [...referral.history, step],
    },
    event: {
      referral: { id: referral.id, reference: referral.reference },
      from: referral.status,
      to: request.to,
      by: by.role,
      at: now,
    },
  };
}

/** An outcome recorded for one of the referral's needs, once, while it is being helped with. */
export function withOutcome(
  referral: Referral,
  input: OutcomeCreate,
  change: { role: ActorRole; now: string },
): { outcome: Outcome; referral: Referral; event: WebhookEventOf<'referral.outcome_recorded'>['data'] } {
  if (NO_OUTCOMES_WHEN.has(referral.status)) {
    throw new ProblemError(
      409,
      'conflict',
      `Outcomes are recorded while a referral is accepted, assigned or in progress; this one is ${referral.status}.`,
    );
  }
  if (!referral.needs.some((n) => n.code === input.need)) {
    throw fieldProblem('/need', 'need_not_in_referral', 'Choose one of the needs this referral was made for');
  }
  if (referral.outcomes.some((o) => o.need === input.need && o.code === input.code)) {
    throw new ProblemError(409, 'conflict', 'That outcome is already recorded for that need.');
  }
  const { now } = change;
  const outcome: Outcome = { ...input, recordedAt: now, recordedBy: { role: change.role } };
  return {
    outcome,
    referral: { ...referral, outcomes: [...referral.outcomes, outcome], updatedAt: now },
    event: {
      referral: { id: referral.id, reference: referral.reference },
      outcome: { need: outcome.need, code: outcome.code, recordedAt: now },
    },
  };
}

/** A consent record as first stored: active, not withdrawn. */
export function newConsent(input: ConsentCreate, made: { id: string; now: string }): Consent {
  return {
    id: made.id,
    status: 'active',
    createdAt: made.now,
    ...input,
    referralId: input.referralId ?? null,
    withdrawal: null,
  };
}

/**
 * A consent withdrawn, by a key that may see it (`visibleConsent`; `covering` as there). A
 * publishable key may withdraw only a consent it recorded that no referral uses yet (the person
 * changing their mind on the form); to it, any other is not found.
 */
export function withdrawnConsent(
  found: { consent: Consent; createdByKeyId: string } | null | undefined,
  withdrawal: ConsentWithdrawal,
  key: AccessKey,
  covering: readonly Referral[],
): Consent {
  const consent = visibleConsent(found, key, covering);
  if (key.kind === 'publishable' && consent.referralId !== null) throw notFound('consent record');
  if (consent.status === 'withdrawn') {
    throw new ProblemError(409, 'conflict', 'This consent has already been withdrawn.');
  }
  return { ...consent, status: 'withdrawn', withdrawal };
}

/** A version of a single assessment. */
export function newAssessment(
  draft: AssessmentDraft,
  made: { id: string; version: number; residentId: string; referralId: string | null; now: string },
): Assessment {
  return {
    id: made.id,
    version: made.version,
    residentId: made.residentId,
    referralId: made.referralId,
    createdAt: made.now,
    ...draft,
  };
}

/**
 * Whether single assessments are shared with this kind of key at all: with the hub and the
 * services helping the person, never with a referring partner. Asked before anything is looked
 * up, so the refusal says nothing about which assessments exist.
 */
export function checkAssessmentReader(role: ActorRole): void {
  if (role === 'referrer') {
    throw new ProblemError(
      403,
      'forbidden',
      'The single assessment is shared with the hub and the services helping the person.',
    );
  }
}

/**
 * Whether a single assessment for `referral` may be shared with this key: the hub always; a
 * provider only for a referral assigned to it (for any other, or for an assessment of a person
 * rather than a referral, `missing` is thrown: exactly the answer for one that does not exist),
 * while consent stands, and only when the person agreed to share their assessment. `consent` is
 * the referral's consent record, if it has one.
 */
export function checkAssessmentSharing(
  key: { id: string; role: ActorRole; serviceIds: readonly string[] },
  referral: Referral | null | undefined,
  consent: Consent | undefined,
  missing: ProblemError,
): void {
  checkAssessmentReader(key.role);
  if (key.role !== 'provider') return;
  if (!referral || !canSeeReferral(referral, key)) throw missing;
  visibleReferral(referral, key);
  if (!consent || !permits(consent, 'single_assessment')) {
    throw new ProblemError(
      403,
      'consent_withdrawn',
      'The person has not agreed to share their assessment with partners.',
    );
  }
}

// Who may call, and what the audit trail keeps

/** A page of a list as the API reads it from the query: 25 items unless `limit` says otherwise. */
export const DEFAULT_PAGE_LIMIT = 25;
export function pageRequest(query: unknown): { limit: number; cursor: string | undefined } {
  const q = query as { limit?: number | undefined; cursor?: string | undefined };
  return { limit: q.limit ?? DEFAULT_PAGE_LIMIT, cursor: q.cursor };
}

/** The caller of a route that needs a key, or a 401. */
export function requireCaller<C>(caller: C | null | undefined): C {
  if (!caller) throw new ProblemError(401, 'unauthorized', 'Send a key.');
  return caller;
}

/** Hub-wide reports, the audit trail and webhooks are the hub's own: not a provider's or a partner's. */
export function requireHub<C extends { key: { role: ActorRole } }>(caller: C | null | undefined): C {
  const who = requireCaller(caller);
  if (who.key.role !== 'hub') {
    throw new ProblemError(
      403,
      'forbidden',
      'Only the hub’s own keys may do this; a provider or partner key sees its own referrals.',
    );
  }
  return who;
}

/**
 * What each route records in the audit trail; null where no personal data is read or changed.
 * `id` says which record an event names: the path's `{id}`, the id of what was made, or, for a
 * list of personal data (`items`), each record the page returned, one event each. Lists of the
 * hub's own configuration and of the audit trail (no personal data) record one event, no id.
 */
export const routeAudit: Readonly<
  Record<
    RouteName,
    {
      action: AuditEvent['action'];
      type: AuditEvent['resourceType'];
      id: 'param' | 'result' | 'items' | null;
    } | null
  >
> = {
  createReferral: { action: 'create', type: 'referral', id: 'result' },
  listReferrals: { action: 'list', type: 'referral', id: 'items' },
  retrieveReferral: { action: 'read', type: 'referral', id: 'param' },
  transitionReferral: { action: 'transition', type: 'referral', id: 'param' },
  // A referral's events and an assessment's versions are that one record, read: its id.
  listReferralEvents: { action: 'read', type: 'referral', id: 'param' },
  recordReferralOutcome: { action: 'record_outcome', type: 'referral', id: 'param' },
  createConsent: { action: 'create', type: 'consent', id: 'result' },
  retrieveConsent: { action: 'read', type: 'consent', id: 'param' },
  withdrawConsent: { action: 'withdraw', type: 'consent', id: 'param' },
  createAssessment: { action: 'create', type: 'assessment', id: 'result' },
  listAssessments: { action: 'list', type: 'assessment', id: 'items' },
  retrieveAssessment: { action: 'read', type: 'assessment', id: 'param' },
  createAssessmentVersion: { action: 'update', type: 'assessment', id: 'param' },
  listAssessmentVersions: { action: 'read', type: 'assessment', id: 'param' },
  retrieveAssessmentVersion: { action: 'read', type: 'assessment', id: 'param' },
  listServices: null,
  searchServices: null,
  retrieveService: null,
  retrieveReferralReport: { action: 'report', type: 'report', id: null },
  createWebhookEndpoint: { action: 'create', type: 'webhook_endpoint', id: 'result' },
  listWebhookEndpoints: { action: 'list', type: 'webhook_endpoint', id: null },
  retrieveWebhookEndpoint: { action: 'read', type: 'webhook_endpoint', id: 'param' },
  deleteWebhookEndpoint: { action: 'update', type: 'webhook_endpoint', id: 'param' },
  listWebhookDeliveries: { action: 'read', type: 'webhook_endpoint', id: 'param' },
  listAuditEvents: { action: 'list', type: 'audit_event', id: null },
  // A token names a member of staff by the partner's own opaque id, and reads nothing yet.
  createSession: null,
  createChallenge: null,
  getOpenApiDocument: null,
  getHealth: null,
};

/**
 * The audit events for a route answered to a key, to be stored together: none when the route
 * reads or changes no personal data, one per record a list of personal data returned (sharing
 * the request id, so that a search by record id finds every read of it, through lists too; an
 * empty page read no record and records nothing), else one (and one more for the consent record
 * a referral was sent with). Only ids, the key, the action and
 * the time: never names, queries or bodies.
 */
export function auditEventsFor(
  route: RouteName,
  made: {
    /** A new event id, for each event. */
    newId: () => string;
    at: string;
    key: { id: string; kind: 'publishable' | 'secret'; staffRef?: string | undefined };
    requestId: string;
    pathId: string | undefined;
    answer: unknown;
    /** The request's body: a referral sent with its consent made a consent record too. */
    body?: unknown;
  },
): AuditEvent[] {
  const rule = routeAudit[route];
  if (!rule) return [];
  const { staffRef } = made.key;
  const event = (resourceId: string | null): AuditEvent => ({
    id: made.newId(),
    at: made.at,
    keyId: made.key.id,
    // A staff token reads as the key that minted it, on behalf of the member of staff named.
    keyType: staffRef === undefined ? made.key.kind : 'session',
    ...(staffRef === undefined ? {} : { staffRef }),
    action: rule.action,
    resourceType: rule.type,
    resourceId,
    requestId: made.requestId,
  });
  if (rule.id === 'items') {
    const items = (made.answer as { data?: unknown } | null)?.data;
    const ids = Array.isArray(items)
      ? items.map((item) => (item as { id?: unknown } | null)?.id).filter((id) => typeof id === 'string')
      : [];
    return [...new Set(ids)].map(event);
  }
  if (rule.id === 'param') return [event(made.pathId ?? null)];
  const resultId = (made.answer as { id?: unknown } | null)?.id;
  const events = [event(rule.id === 'result' && typeof resultId === 'string' ? resultId : null)];
  const consentId = (made.answer as { consentId?: unknown } | null)?.consentId;
  const withConsent = (made.body as { consent?: unknown } | null | undefined)?.consent !== undefined;
  if (route === 'createReferral' && withConsent && typeof consentId === 'string') {
    events.push({ ...event(consentId), resourceType: 'consent' });
  }
  return events;
}

// Who may see what

/** The key asking, as the access rules need it. */
export interface AccessKey {
  id: string;
  kind: 'publishable' | 'secret';
  role: ActorRole;
  serviceIds: readonly string[];
  /** The web origins registered for the key (publishable keys, and the origins of a referrer's staff tokens). */
  allowedOrigins?: readonly string[] | undefined;
  /**
   * Set when a staff token asks: the member of staff it was minted for. The key is then the one
   * that minted it, whose referrals it reads.
   */
  staffRef?: string | undefined;
}

/**
 * Whether this key may see the referral at all: the hub every one; a provider only one assigned
 * to its own services; a referring partner (any publishable key, or a partner's secret key) only
 * the ones it made.
 */
export function canSeeReferral(
  referral: Referral,
  key: { id: string; role: ActorRole; serviceIds: readonly string[] },
): boolean {
  if (key.role === 'provider') return key.serviceIds.includes(referral.assignedService?.serviceId ?? '');
  if (key.role === 'referrer') return referral.history[0]?.by.keyId === key.id;
  return true;
}

/**
 * The referral, if this key may see it (see `canSeeReferral`), and nothing more of it to a
 * provider once consent to share is withdrawn. Any other is not found, so a key cannot learn
 * which referrals exist.
 */
export function visibleReferral(
  referral: Referral | null | undefined,
  key: { id: string; role: ActorRole; serviceIds: readonly string[] },
): Referral {
  if (!referral || !canSeeReferral(referral, key)) throw notFound('referral');
  if (referral.sharingRestricted && key.role === 'provider') {
    throw new ProblemError(
      403,
      'consent_withdrawn',
      'Consent to share this referral was withdrawn; the hub shares nothing more about it.',
    );
  }
  return referral;
}

/**
 * The referral a request body names (a consent's or an assessment's `referralId`), if this key
 * may see it. One it may not see gets the same field problem as an id that does not exist, so
 * naming another partner's referral tells nothing about it.
 */
export function namedReferral(
  referral: Referral | null | undefined,
  key: { id: string; role: ActorRole; serviceIds: readonly string[] },
): Referral {
  if (!referral || !canSeeReferral(referral, key)) {
    throw fieldProblem('/referralId', 'not_found', 'There is no referral with that id');
  }
  return referral;
}

/**
 * Whether this key may record the consent a referral is made under, after the referral: the hub,
 * or whoever made the referral (the form that sent it, the partner's system). A provider works
 * under that consent but does not set it, so it cannot widen what is shared with itself.
 * Asked only of a referral the key may see (`namedReferral`).
 */
export function checkConsentLink(key: { role: ActorRole }): void {
  if (key.role === 'provider') {
    throw new ProblemError(
      403,
      'forbidden',
      'Consent for a referral is recorded by whoever made it, or by the hub; a provider records its own without a referralId.',
    );
  }
}

/**
 * The consent record, if this key may see it: the hub every one; the key that recorded it; a
 * secret key that may see a referral the consent covers (`covering`: the referrals made with it
 * and the one it was recorded for), a provider only while that referral is still shared with it.
 * Any other is not found, exactly as one that does not exist: a consent names a person, a
 * representative's reason and any safeguarding override.
 */
export function visibleConsent(
  found: { consent: Consent; createdByKeyId: string } | null | undefined,
  key: AccessKey,
  covering: readonly Referral[],
): Consent {
  if (!found) throw notFound('consent record');
  if (key.role === 'hub' || found.createdByKeyId === key.id) return found.consent;
  const covered =
    key.kind === 'secret' &&
    covering.some(
      (referral) => canSeeReferral(referral, key) && !(key.role === 'provider' && referral.sharingRestricted),
    );
  if (!covered) throw notFound('consent record');
  return found.consent;
}
