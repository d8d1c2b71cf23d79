/**
 * What the mock hub holds and does, in memory: the reference hub's domain rules (referrals
 * through the lifecycle, consent and its withdrawal, single assessments, the directory, reports,
 * webhook endpoints, the audit trail, idempotency records) over plain maps. Every operation is
 * synchronous, so no two requests ever interleave inside one.
 */
import {
  generateReference,
  postcodeDistrict,
  type ServiceSearchPage,
  matchesWords,
  type Assessment,
  type AssessmentCreate,
  type AssessmentDraft,
  type AuditEvent,
  type Consent,
  type ConsentCreate,
  type ConsentWithdrawal,
  type Lang,
  type NeedCode,
  type Outcome,
  type OutcomeCreate,
  type Page,
  type Referral,
  type ReferralCreate,
  type ReferralReport,
  type ReferralStatus,
  type Service,
  type TransitionRequest,
  type WebhookDelivery,
  type WebhookEndpoint,
  type WebhookEndpointCreate,
  type WebhookEvent,
} from '@hubkit/schema';
import {
  checkAssessmentSharing,
  checkAssessmentReader,
  checkReferralLinks,
  newAssessment,
  newConsent,
  newReferral,
  directorySearch,
  transitionedReferral,
  withdrawnConsent,
  withOutcome,
  ProblemError,
  fieldProblem,
  notFound,
  publishedReport,
  reportPeriod,
  visibleReferral,
  namedReferral,
  checkConsentLink,
  visibleConsent,
} from '@hubkit/hub';
import { IssuedCursors } from './http.ts';
import type { MockKey } from './keys.ts';

/** Who is asking, and for which request. */
export interface Caller {
  key: MockKey;
  requestId: string;
  lang: Lang;
}

export interface PageRequest {
  limit: number;
  cursor?: string | undefined;
}

/** An event as the hub records it: for which referral, and whether partners may be sent it. */
export interface StoredEvent {
  seq: number;
  event: WebhookEvent;
  referralId: string | null;
  deliver: boolean;
}

export interface StoredConsent {
  consent: Consent;
  createdByKeyId: string;
}

export interface StoredWebhookEndpoint extends Omit<WebhookEndpoint, 'secret'> {
  secret: string;
  deletedAt: string | null;
}

export type IdempotencyBegin =
  | { state: 'started' }
  | { state: 'in_flight' }
  | { state: 'done'; requestHash: string; status: number; body: string };

interface IdempotencyRecord {
  requestHash: string;
  state: 'in_flight' | 'done';
  status: number;
  body: string;
  expiresAt: string;
  /** The request holding the key while in flight, and until when (as the hub: the request timeout). */
  token: string;
  claimUntil: string;
}

/** What the hub keeps is JSON: a copy in and a copy out, so no caller shares its objects. */
export const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Sort keys compared as SQLite compares text (for the ASCII in ids and times, as JS does). */
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A page from items already in order, with a keyset cursor after `keys` of its last item. */
function keysetPage<T>(
  cursors: IssuedCursors,
  items: readonly T[],
  limit: number,
  keys: (item: T) => (string | number)[],
): Page<T> {
  const more = items.length > limit;
  const kept = more ? items.slice(0, limit) : [...items];
  const last = kept.at(-1);
  return { data: kept, nextCursor: more && last !== undefined ? cursors.encode(keys(last)) : null };
}

/** One page of an in-memory list, with an offset cursor. */
function slice<T>(cursors: IssuedCursors, items: readonly T[], page: PageRequest): Page<T> {
  const offset = page.cursor ? Number(cursors.decode(page.cursor, 1)[0]) : 0;
  const data = items.slice(offset, offset + page.limit);
  const next = offset + page.limit;
  return { data, nextCursor: next < items.length ? cursors.encode([next]) : null };
}

/** Newest first by (createdAt, id), after a `[createdAt, id]` cursor. */
function newestFirst<T extends { createdAt: string; id: string }>(
  cursors: IssuedCursors,
  items: readonly T[],
  page: PageRequest,
): Page<T> {
  let sorted = [...items].sort((a, b) => compare(b.createdAt, a.createdAt) || compare(b.id, a.id));
  if (page.cursor) {
    const [createdAt, id] = cursors.decode(page.cursor, 2).map(String) as [string, string];
    sorted = sorted.filter((x) => x.createdAt < createdAt || (x.createdAt === createdAt && x.id < id));
  }
  return keysetPage(cursors, sorted, page.limit, (x) => [x.createdAt, x.id]);
}

/** The instant a UK calendar day (`YYYY-MM-DD`) starts: midnight in Europe/London. */
function countBy(keys: readonly (string | null)[]): Record<string, number> {
  const counts = new Map<string | null, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  const ordered = [...counts.entries()].sort(([a], [b]) =>
    a === null ? (b === null ? 0 : -1) : b === null ? 1 : compare(a, b),
  );
  return Object.fromEntries(ordered.map(([k, n]) => [k ?? 'unknown', n]));
}

export class MemoryHub {
  readonly #clock: () => number;
  readonly #initialServices: readonly Service[];
  services = new Map<string, Service>();
  referrals = new Map<string, Referral>();
  consents = new Map<string, StoredConsent>();
  /** Every version of every assessment, in the order recorded. */
  assessments: Assessment[] = [];
  events: StoredEvent[] = [];
  endpoints = new Map<string, StoredWebhookEndpoint>();
  audit: { seq: number; event: AuditEvent }[] = [];
  readonly #idempotency = new Map<string, IdempotencyRecord>();
  /** The page cursors this hub gave out: any other is refused. */
  readonly #cursors = new IssuedCursors();
  #eventSeq = 0;
  #auditSeq = 0;

  constructor(services: readonly Service[], clock: () => number) {
    this.#clock = clock;
    this.#initialServices = copy(services);
    this.reset();
  }

  /** Forgets everything but the directory, which goes back to how it started. */
  reset(): void {
    this.services = new Map(copy(this.#initialServices).map((s) => [s.id, s]));
    this.referrals.clear();
    this.consents.clear();
    this.assessments = [];
    this.events = [];
    this.endpoints.clear();
    this.audit = [];
    this.#idempotency.clear();
    this.#eventSeq = 0;
    this.#auditSeq = 0;
  }

  now(): string {
    return new Date(this.#clock()).toISOString();
  }

  #event<E extends WebhookEvent>(type: E['type'], data: E['data']): E {
    return { id: crypto.randomUUID(), type, apiVersion: 'v1', createdAt: this.now(), data } as E;
  }

  #record(event: WebhookEvent, referralId: string | null, deliver: boolean): void {
    this.#eventSeq += 1;
    this.events.push({ seq: this.#eventSeq, event: copy(event), referralId, deliver });
  }

  // Idempotency (IETF draft): a key is claimed before the work, completed with it.

  /** Claims a key for the request `token`; a claim older than `timeoutMs` is taken over, as the hub does. */
  beginIdempotent(
    keyId: string,
    key: string,
    requestHash: string,
    ttlMs: number,
    claim: { token: string; timeoutMs: number },
  ): IdempotencyBegin {
    const id = `${keyId}\u0000${key}`;
    const now = this.now();
    const existing = this.#idempotency.get(id);
    if (existing && existing.expiresAt > now) {
      if (existing.state === 'done') {
        return {
          state: 'done',
          requestHash: existing.requestHash,
          status: existing.status,
          body: existing.body,
        };
      }
      if (existing.claimUntil > now) return { state: 'in_flight' };
    }
    this.#idempotency.set(id, {
      requestHash,
      state: 'in_flight',
      status: 0,
      body: '',
      expiresAt: new Date(Date.parse(now) + ttlMs).toISOString(),
      token: claim.token,
      claimUntil: new Date(Date.parse(now) + claim.timeoutMs).toISOString(),
    });
    return { state: 'started' };
  }

  /** Whether the request `token` still holds its key (its claim was not taken over). */
  holdsClaim(keyId: string, key: string, token: string): boolean {
    const record = this.#idempotency.get(`${keyId}\u0000${key}`);
    return record?.state === 'in_flight' && record.token === token;
  }

  completeIdempotent(keyId: string, key: string, token: string, status: number, body: string): void {
    if (!this.holdsClaim(keyId, key, token)) return;
    const record = this.#idempotency.get(`${keyId}\u0000${key}`);
    if (record) Object.assign(record, { state: 'done', status, body });
  }

  releaseIdempotent(keyId: string, key: string, token: string): void {
    if (this.holdsClaim(keyId, key, token)) this.#idempotency.delete(`${keyId}\u0000${key}`);
  }

  // Referrals

  #newReference(): string {
    const used = new Set([...this.referrals.values()].map((r) => r.reference));
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const reference = generateReference();
      if (!used.has(reference)) return reference;
    }
    throw new Error('Could not find an unused referral reference in 20 attempts');
  }

  #residentIdForNhsNumber(nhsNumber: string): string | null {
    let found: Referral | undefined;
    for (const r of this.referrals.values()) {
      if (r.resident.nhsNumber === nhsNumber && (!found || r.createdAt < found.createdAt)) found = r;
    }
    return found?.residentId ?? null;
  }

  #residentExists(residentId: string): boolean {
    return (
      [...this.referrals.values()].some((r) => r.residentId === residentId) ||
      this.assessments.some((a) => a.residentId === residentId)
    );
  }

  /** Links a consent and a referral both ways; a referral keeps the consent it already has. */
  #linkConsent(consentId: string, referralId: string): void {
    const found = this.consents.get(consentId);
    if (!found) return;
    this.consents.set(consentId, { ...found, consent: { ...found.consent, referralId } });
    const referral = this.referrals.get(referralId);
    if (referral?.consentId === null) this.referrals.set(referralId, { ...referral, consentId });
  }

  /** The referrals a consent covers: those made with it, and the one it was recorded for afterwards. */
  #covering(found: StoredConsent): Referral[] {
    return [...this.referrals.values()].filter(
      (r) => r.consentId === found.consent.id || r.id === found.consent.referralId,
    );
  }

  /** The consent record, if this key may see it; else not found (see `visibleConsent`). */
  #visibleConsent(id: string, caller: Caller): Consent {
    const found = this.consents.get(id);
    return visibleConsent(found, caller.key, found ? this.#covering(found) : []);
  }

  /** A consent a new referral names, if the key may see it: another key's is as good as missing. */
  #consentForReferral(id: string, caller: Caller): Consent | null {
    try {
      return this.#visibleConsent(id, caller);
    } catch (error) {
      if (error instanceof ProblemError && error.status === 404) return null;
      throw error;
    }
  }

  createReferral(input: ReferralCreate, caller: Caller): Referral {
    checkReferralLinks(input, {
      consent: input.consentId ? this.#consentForReferral(input.consentId, caller) : null,
      service: input.requestedServiceId ? (this.services.get(input.requestedServiceId) ?? null) : null,
    });
    // The same person (by NHS number) keeps one id, but only when a trusted system says so.
    const known =
      input.resident.nhsNumber && caller.key.kind === 'secret'
        ? this.#residentIdForNhsNumber(input.resident.nhsNumber)
        : null;
    const made = newReferral(input, {
      id: crypto.randomUUID(),
      reference: this.#newReference(),
      residentId: known ?? crypto.randomUUID(),
      assessmentId: crypto.randomUUID(),
      consentId: crypto.randomUUID(),
      by: { role: caller.key.role, keyId: caller.key.id },
      now: this.now(),
    });
    const { referral, assessment, consent } = made;
    const id = referral.id;
    const event = this.#event('referral.created', made.event);
    this.referrals.set(id, copy(referral));
    this.#record(event, id, true);
    if (assessment) this.assessments.push(copy(assessment));
    // Consent sent with the referral: made with it, already linked both ways.
    if (consent) this.consents.set(consent.id, { consent: copy(consent), createdByKeyId: caller.key.id });
    if (input.consentId) this.#linkConsent(input.consentId, id);
    return referral;
  }

  /**
   * A referral this key may see. A provider sees only referrals assigned to its own services,
   * and nothing more of them once consent to share is withdrawn.
   */
  getReferral(id: string, caller: Caller): Referral {
    const referral = this.referrals.get(id);
    return copy(visibleReferral(referral, caller.key));
  }

  listReferrals(
    filter: {
      status?: ReferralStatus | undefined;
      need?: NeedCode | undefined;
      createdSince?: string | undefined;
      updatedSince?: string | undefined;
    },
    page: PageRequest,
    caller: Caller,
  ): Page<Referral> {
    const { role, id, serviceIds } = caller.key;
    const matching = [...this.referrals.values()].filter(
      (r) =>
        (!filter.status || r.status === filter.status) &&
        (!filter.need || r.needs.some((n) => n.code === filter.need)) &&
        (!filter.createdSince || r.createdAt >= filter.createdSince) &&
        (!filter.updatedSince || r.updatedAt >= filter.updatedSince) &&
        (role !== 'provider' || !r.sharingRestricted) &&
        (role !== 'provider' || serviceIds.includes(r.assignedService?.serviceId ?? '\u0000')) &&
        (role !== 'referrer' || r.history[0]?.by.keyId === id),
    );
    return copy(newestFirst(this.#cursors, matching, page));
  }

  transitionReferral(id: string, request: TransitionRequest, caller: Caller): Referral {
    const referral = this.getReferral(id, caller);
    const service =
      request.to === 'assigned' && request.serviceId ? (this.services.get(request.serviceId) ?? null) : null;
    const changed = transitionedReferral(referral, request, {
      by: { role: caller.key.role, keyId: caller.key.id },
      now: this.now(),
      service,
    });
    const updated = changed.referral;
    const event = this.#event('referral.status_changed', changed.event);
    this.referrals.set(id, copy(updated));
    this.#record(event, id, !referral.sharingRestricted);
    return updated;
  }

  listReferralEvents(id: string, page: PageRequest, caller: Caller): Page<WebhookEvent> {
    this.getReferral(id, caller);
    const after = page.cursor ? Number(this.#cursors.decode(page.cursor, 1)[0]) : 0;
    const events = this.events.filter((e) => e.referralId === id && e.seq > after);
    const result = keysetPage(this.#cursors, events, page.limit, (e) => [e.seq]);
    return copy({ data: result.data.map((e) => e.event), nextCursor: result.nextCursor });
  }

  recordOutcome(id: string, input: OutcomeCreate, caller: Caller): Outcome {
    const referral = this.getReferral(id, caller);
    const recorded = withOutcome(referral, input, { role: caller.key.role, now: this.now() });
    const { outcome, referral: updated } = recorded;
    const event = this.#event('referral.outcome_recorded', recorded.event);
    this.referrals.set(id, copy(updated));
    this.#record(event, id, !referral.sharingRestricted);
    return outcome;
  }

  // Consents

  createConsent(input: ConsentCreate, caller: Caller): Consent {
    if (input.referralId) {
      namedReferral(this.referrals.get(input.referralId), caller.key);
      checkConsentLink(caller.key);
    }
    const consent = newConsent(input, { id: crypto.randomUUID(), now: this.now() });
    this.consents.set(consent.id, { consent: copy(consent), createdByKeyId: caller.key.id });
    // Consent recorded after the referral: the referral points to it, if it pointed nowhere.
    if (input.referralId) this.#linkConsent(consent.id, input.referralId);
    return consent;
  }

  getConsent(id: string, caller: Caller): Consent {
    return copy(this.#visibleConsent(id, caller));
  }

  /**
   * Withdraws consent, for a key that may see it. A publishable key may withdraw only a consent
   * it recorded that no referral uses yet: the person changing their mind on the form.
   */
  withdrawConsent(id: string, withdrawal: ConsentWithdrawal, caller: Caller): Consent {
    const found = this.consents.get(id);
    if (!found) throw notFound('consent record');
    const consent = withdrawnConsent(copy(found), withdrawal, caller.key, this.#covering(found));
    const at = this.now();
    // The referrals made with this consent, and the one it was recorded for afterwards.
    const restricted: string[] = [];
    for (const referral of this.referrals.values()) {
      if (referral.consentId === id || referral.id === found.consent.referralId) {
        this.referrals.set(referral.id, { ...referral, sharingRestricted: true, updatedAt: at });
        restricted.push(referral.id);
      }
    }
    const event = this.#event('consent.withdrawn', {
      consentId: id,
      referralIds: restricted,
      withdrawnAt: withdrawal.withdrawnAt,
    });
    this.consents.set(id, { ...found, consent: copy(consent) });
    this.#record(event, null, true);
    for (const referralId of restricted)
      this.#record({ ...event, id: crypto.randomUUID() }, referralId, false);
    return consent;
  }

  // Single assessments

  createAssessment(input: AssessmentCreate, caller: Caller): Assessment {
    checkAssessmentReader(caller.key.role);
    const { referralId, residentId: givenResident, ...draft } = input;
    let residentId = givenResident;
    if (referralId) {
      // One this key may not see answers as one that does not exist.
      const missing = fieldProblem('/referralId', 'not_found', 'There is no referral with that id');
      const referral = copy(
        visibleReferral(namedReferral(this.referrals.get(referralId), caller.key), caller.key),
      );
      if (givenResident && givenResident !== referral.residentId) {
        throw fieldProblem('/residentId', 'resident_mismatch', 'That referral is for someone else');
      }
      residentId = referral.residentId;
      this.#mayShareAssessment(referralId, caller, missing);
    } else if (caller.key.role !== 'hub') {
      throw new ProblemError(
        403,
        'forbidden',
        'Only the hub records an assessment for a person; a provider records one for a referral assigned to it.',
      );
    } else if (residentId && !this.#residentExists(residentId)) {
      throw fieldProblem('/residentId', 'not_found', 'There is no one with that id at this hub');
    }
    if (!residentId)
      throw fieldProblem(
        '/referralId',
        'assessment_subject_required',
        'Give the referral or the person this assessment is for',
      );
    const assessment = newAssessment(draft, {
      id: crypto.randomUUID(),
      version: 1,
      residentId,
      referralId: referralId ?? null,
      now: this.now(),
    });
    this.assessments.push(copy(assessment));
    return assessment;
  }

  getAssessment(id: string, caller: Caller, version?: number): Assessment {
    checkAssessmentReader(caller.key.role);
    const missing = notFound(version === undefined ? 'assessment' : 'assessment version');
    const versions = this.assessments.filter((a) => a.id === id);
    const assessment =
      version === undefined
        ? versions.reduce<Assessment | undefined>((a, b) => (!a || b.version > a.version ? b : a), undefined)
        : versions.find((a) => a.version === version);
    if (!assessment) throw missing;
    this.#mayShareAssessment(assessment.referralId, caller, missing);
    return copy(assessment);
  }

  /** Whether this key may see the assessments of a referral (see `checkAssessmentSharing`). */
  #mayShareAssessment(referralId: string | null, caller: Caller, missing: ProblemError): void {
    if (caller.key.role !== 'provider') {
      checkAssessmentReader(caller.key.role);
      return;
    }
    const referral = referralId ? this.referrals.get(referralId) : undefined;
    const consent = referral?.consentId ? this.consents.get(referral.consentId)?.consent : undefined;
    checkAssessmentSharing(caller.key, referral, consent, missing);
  }

  listAssessments(
    subject: { residentId?: string | undefined; referralId?: string | undefined },
    page: PageRequest,
    caller: Caller,
  ): Page<Assessment> {
    checkAssessmentReader(caller.key.role);
    if (caller.key.role === 'provider') {
      if (!subject.referralId || subject.residentId) {
        throw new ProblemError(
          403,
          'forbidden',
          'A provider lists assessments by the referral assigned to it.',
        );
      }
      this.#mayShareAssessment(subject.referralId, caller, notFound('referral'));
    }
    const latest = new Map<string, Assessment>();
    for (const a of this.assessments) {
      const seen = latest.get(a.id);
      if (!seen || a.version > seen.version) latest.set(a.id, a);
    }
    const matching = [...latest.values()].filter(
      (a) =>
        (!subject.residentId || a.residentId === subject.residentId) &&
        (!subject.referralId || a.referralId === subject.referralId),
    );
    return copy(newestFirst(this.#cursors, matching, page));
  }

  listAssessmentVersions(id: string, page: PageRequest, caller: Caller): Page<Assessment> {
    this.getAssessment(id, caller);
    const before = page.cursor ? Number(this.#cursors.decode(page.cursor, 1)[0]) : Number.MAX_SAFE_INTEGER;
    const versions = this.assessments
      .filter((a) => a.id === id && a.version < before)
      .sort((a, b) => b.version - a.version);
    return copy(keysetPage(this.#cursors, versions, page.limit, (a) => [a.version]));
  }

  createAssessmentVersion(id: string, draft: AssessmentDraft, caller: Caller): Assessment {
    const latest = this.getAssessment(id, caller);
    const assessment = newAssessment(draft, {
      id,
      version: latest.version + 1,
      residentId: latest.residentId,
      referralId: latest.referralId,
      now: this.now(),
    });
    this.assessments.push(copy(assessment));
    return assessment;
  }

  // Directory

  getService(id: string): Service {
    const service = this.services.get(id);
    if (!service) throw notFound('service');
    return copy(service);
  }

  /**
   * Services matching words and need, by name. Words match as the hub matches them
   * (`matchesWords` of @hubkit/schema): each word in any field searched, as typed so far,
   * compounds and plurals too.
   */
  findServices(filter: { q?: string | undefined; need?: NeedCode | undefined }): Service[] {
    return [...this.services.values()]
      .filter((service) => !filter.need || service.needs.includes(filter.need))
      .filter((service) => matchesWords(service, filter.q))
      .sort((a, b) => compare(a.name, b.name) || compare(a.id, b.id))
      .map(copy);
  }

  /** Browse by words and need; defunct services are left out. */
  listServices(
    filter: { q?: string | undefined; need?: NeedCode | undefined },
    page: PageRequest,
  ): Page<Service> {
    return slice(
      this.#cursors,
      this.findServices(filter).filter((s) => s.status !== 'defunct'),
      page,
    );
  }

  /** Search by words, need and where the person is (see `searchDirectory` in @hubkit/schema). */
  searchServices(
    search: {
      q?: string | undefined;
      need?: NeedCode | undefined;
      postcode?: string | undefined;
      radiusKm?: number | undefined;
    },
    page: PageRequest,
  ): ServiceSearchPage {
    const { results, distances } = directorySearch(this.findServices(search), search);
    return { ...slice(this.#cursors, results, page), distances };
  }

  // Reports

  report(query: {
    from: string;
    to: string;
    suppressSmallNumbers?: 'true' | 'false' | undefined;
  }): ReferralReport {
    const period = reportPeriod(query.from, query.to);
    const made = [...this.referrals.values()].filter(
      (r) => r.createdAt >= period.from && r.createdAt < period.until,
    );
    const district = (r: Referral) => {
      const postcode = r.resident.address?.postcode;
      return postcode ? postcodeDistrict(postcode) : null;
    };
    return publishedReport(
      query,
      {
        total: made.length,
        byNeed: countBy(made.flatMap((r) => r.needs.map((n) => n.code))),
        byStatus: countBy(made.map((r) => r.status)),
        byPriority: countBy(made.map((r) => r.priority)),
        byOutcome: countBy(made.flatMap((r) => r.outcomes.map((o) => o.code))),
        byReferrerType: countBy(made.map((r) => r.referrer.type)),
        byArea: countBy(made.map(district)),
      },
      this.now(),
    );
  }

  // Webhook endpoints: kept, listed and deleted; the mock never calls out, so no deliveries.

  createWebhookEndpoint(input: WebhookEndpointCreate, secret: string): WebhookEndpoint {
    const stored = {
      id: crypto.randomUUID(),
      url: input.url,
      events: input.events,
      ...(input.description ? { description: input.description } : {}),
      enabled: true,
      createdAt: this.now(),
      secret,
    };
    this.endpoints.set(stored.id, { ...copy(stored), deletedAt: null });
    return stored;
  }

  getWebhookEndpoint(id: string): WebhookEndpoint | null {
    const endpoint = this.endpoints.get(id);
    return endpoint?.deletedAt === null ? publicEndpoint(endpoint) : null;
  }

  listWebhookEndpoints(page: PageRequest): Page<WebhookEndpoint> {
    const live = [...this.endpoints.values()].filter((e) => e.deletedAt === null);
    const result = newestFirst(this.#cursors, live, page);
    return { data: result.data.map(publicEndpoint), nextCursor: result.nextCursor };
  }

  deleteWebhookEndpoint(id: string): boolean {
    const endpoint = this.endpoints.get(id);
    if (endpoint?.deletedAt !== null) return false;
    this.endpoints.set(id, { ...endpoint, enabled: false, deletedAt: this.now() });
    return true;
  }

  listDeliveries(_endpointId: string, page: PageRequest): Page<WebhookDelivery> {
    if (page.cursor) this.#cursors.decode(page.cursor, 2);
    return { data: [], nextCursor: null };
  }

  // Audit trail

  insertAudit(events: readonly AuditEvent[]): void {
    for (const event of events) {
      this.#auditSeq += 1;
      this.audit.push({ seq: this.#auditSeq, event: copy(event) });
    }
  }

  listAudit(
    filter: {
      resourceType?: AuditEvent['resourceType'] | undefined;
      resourceId?: string | undefined;
      since?: string | undefined;
    },
    page: PageRequest,
  ): Page<AuditEvent> {
    const before = page.cursor ? Number(this.#cursors.decode(page.cursor, 1)[0]) : Infinity;
    const rows = this.audit
      .filter(
        ({ seq, event }) =>
          seq < before &&
          (!filter.resourceType || event.resourceType === filter.resourceType) &&
          (!filter.resourceId || event.resourceId === filter.resourceId) &&
          (!filter.since || event.at >= filter.since),
      )
      .reverse();
    const result = keysetPage(this.#cursors, rows, page.limit, (r) => [r.seq]);
    return copy({ data: result.data.map((r) => r.event), nextCursor: result.nextCursor });
  }
}

/** A webhook endpoint as the API shows it: the signing secret only when it is made. */
function publicEndpoint({
  secret: _secret,
  deletedAt: _deleted,
  ...endpoint
}: StoredWebhookEndpoint): WebhookEndpoint {
  return copy(endpoint);
}
