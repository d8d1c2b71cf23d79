/**
 * What the hub does, apart from HTTP: make and follow referrals through the lifecycle, record
 * consent and its withdrawal, keep single assessments, search the directory. Every operation
 * takes the caller (which key, which request) and returns plain data; the HTTP layer turns
 * problems into problem details.
 */
import {
  generateReference,
  type ServiceSearchPage,
  type Assessment,
  type AuditEvent,
  type AssessmentCreate,
  type AssessmentDraft,
  type Consent,
  type ConsentCreate,
  type ConsentWithdrawal,
  type Lang,
  type Outcome,
  type OutcomeCreate,
  type Page,
  type Referral,
  type ReferralCreate,
  type ReferralReport,
  type Service,
  type Session,
  type SessionCreate,
  type TransitionRequest,
  type WebhookEndpoint,
  type WebhookEndpointCreate,
  type WebhookEvent,
} from '@hubkit/schema';
import { normaliseOrigin, sessionKindOf } from './access.ts';
import type { Cursors } from './cursors.ts';
import { directorySearch } from './directory-search.ts';
import { fieldProblem, notFound, ProblemError } from './problems.ts';
import {
  checkAssessmentReader,
  checkAssessmentSharing,
  checkConsentLink,
  checkReferralLinks,
  namedReferral,
  newAssessment,
  newConsent,
  newReferral,
  transitionedReferral,
  visibleConsent,
  visibleReferral,
  withdrawnConsent,
  withOutcome,
  type AccessKey,
} from './records.ts';
import { publishedReport, reportPeriod, type ReportRequest } from './reports.ts';
import {
  ReferenceTaken,
  type PageRequest,
  type ReferralFilter,
  type Store,
  type StoredEvent,
  type WriteEffects,
} from './store.ts';
import { newId, pooledRandom } from './web.ts';

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/** Who is asking, and for which request. */
export interface Caller {
  key: AccessKey;
  requestId: string;
  lang: Lang;
  /**
   * The request's Idempotency-Key: its answer is stored with the write, atomically. The hub sets
   * `answer` to the JSON text it stored, so that the very same text is sent, written out once.
   */
  idempotency?: { keyId: string; key: string; token: string; status: number; answer?: string } | undefined;
  /** The audit events of the request's answer, recorded with its write, atomically. */
  audit?: ((answer: unknown) => readonly AuditEvent[]) | undefined;
}

/** Where referral references take their random values from (Web Crypto's interface). */
export interface RandomSource {
  getRandomValues(array: Uint8Array): Uint8Array;
}

/** How many references a create tries before it gives up (32^5 of them: a clash is rare). */
const REFERENCE_ATTEMPTS = 20;

export class Hub {
  readonly store: Store;
  readonly #clock: Clock;
  readonly #random: RandomSource;

  constructor(store: Store, clock: Clock = systemClock, random: RandomSource = pooledRandom) {
    this.store = store;
    this.#clock = clock;
    this.#random = random;
  }

  now(): string {
    return this.#clock.now().toISOString();
  }

  /**
   * The effects of a write, with the request's audit events and its idempotent answer when it
   * has one: all of them commit with the record, or none does.
   */
  #effects(
    caller: Caller,
    result: unknown,
    extra: Omit<WriteEffects, 'idempotency' | 'audit'> = {},
  ): WriteEffects {
    const { idempotency } = caller;
    // Kept on the request's own Idempotency-Key, not in a map from answers to texts: a WeakMap
    // entry per create kept each answer through the young generation's collections (V8 clears
    // such entries only in a full collection), which tripled the time spent collecting.
    if (idempotency) idempotency.answer = JSON.stringify(result);
    return {
      ...extra,
      audit: caller.audit?.(result) ?? [],
      idempotency: idempotency && {
        keyId: idempotency.keyId,
        key: idempotency.key,
        token: idempotency.token,
        status: idempotency.status,
        body: idempotency.answer ?? '',
      },
    };
  }

  #event<E extends WebhookEvent>(type: E['type'], data: E['data']): E {
    return { id: newId(), type, apiVersion: 'v1', createdAt: this.now(), data } as E;
  }

  // Referrals

  /** The consent record, if this key may see it; else not found (see `visibleConsent`). */
  async #visibleConsent(id: string, caller: Caller): Promise<Consent> {
    const found = await this.store.getConsent(id);
    const covering = found && caller.key.role !== 'hub' ? await this.store.referralsCoveredBy(id) : [];
    return visibleConsent(found, caller.key, covering);
  }

  /** A consent a new referral names, if the key may see it: another key's is as good as missing. */
  async #consentForReferral(id: string, caller: Caller): Promise<Consent | null> {
    try {
      return await this.#visibleConsent(id, caller);
    } catch (error) {
      if (error instanceof ProblemError && error.status === 404) return null;
      throw error;
    }
  }

  async createReferral(input: ReferralCreate, caller: Caller): Promise<Referral> {
    checkReferralLinks(input, {
      consent: input.consentId ? await this.#consentForReferral(input.consentId, caller) : null,
      service: input.requestedServiceId ? await this.store.getService(input.requestedServiceId) : null,
    });
    // The same person (by NHS number) keeps one id across referrals, so their assessments follow
    // them; but only when a trusted system says so: anyone can type an NHS number into a public form.
    const known =
      input.resident.nhsNumber && caller.key.kind === 'secret'
        ? await this.store.residentIdForNhsNumber(input.resident.nhsNumber)
        : null;
    const ids = { id: newId(), residentId: known ?? newId(), assessmentId: newId(), consentId: newId() };
    // The write checks the reference is unused (ReferenceTaken), where no other write can come
    // between: asking first was a read of its own on every create. On a clash, another is drawn.
    for (let attempt = 1; ; attempt += 1) {
      const made = newReferral(input, {
        ...ids,
        reference: generateReference(this.#random),
        by: { role: caller.key.role, keyId: caller.key.id },
        now: this.now(),
      });
      const { referral, assessment, consent } = made;
      const id = referral.id;
      const event = this.#event('referral.created', made.event);
      try {
        await this.store.insertReferral(
          referral,
          this.#effects(caller, referral, {
            events: [{ event, referralId: id, deliver: true }],
            assessments: assessment ? [assessment] : [],
            // Consent sent with the referral: made in the same write, already linked both ways.
            consents: consent ? [{ consent, createdByKeyId: caller.key.id }] : [],
            consentLinks: input.consentId ? [{ consentId: input.consentId, referralId: id }] : [],
          }),
        );
        return referral;
      } catch (error) {
        if (!(error instanceof ReferenceTaken) || attempt >= REFERENCE_ATTEMPTS) throw error;
      }
    }
  }

  /**
   * A referral this key may see. A provider sees only referrals assigned to its own services,
   * and nothing more of them once consent to share is withdrawn.
   */
  async getReferral(id: string, caller: Caller): Promise<Referral> {
    const referral = await this.store.getReferral(id);
    return visibleReferral(referral, caller.key);
  }

  async listReferrals(filter: ReferralFilter, page: PageRequest, caller: Caller): Promise<Page<Referral>> {
    const { role, id, serviceIds } = caller.key;
    return this.store.listReferrals(
      {
        ...filter,
        sharedOnly: role === 'provider',
        ...(role === 'provider' ? { assignedTo: serviceIds } : {}),
        ...(role === 'referrer' ? { madeByKey: id } : {}),
      },
      page,
    );
  }

  async transitionReferral(id: string, request: TransitionRequest, caller: Caller): Promise<Referral> {
    // Optimistic concurrency: a change made by someone else in between is re-read and re-checked.
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const version = await this.store.referralVersion(id);
      const referral = await this.getReferral(id, caller);
      if (version === null) throw notFound('referral');
      const service =
        request.to === 'assigned' && request.serviceId
          ? await this.store.getService(request.serviceId)
          : null;
      const changed = transitionedReferral(referral, request, {
        by: { role: caller.key.role, keyId: caller.key.id },
        now: this.now(),
        service,
      });
      const updated = changed.referral;
      const event = this.#event('referral.status_changed', changed.event);
      const saved = await this.store.updateReferral(
        updated,
        version,
        this.#effects(caller, updated, {
          events: [{ event, referralId: id, deliver: !referral.sharingRestricted }],
        }),
      );
      if (saved) return updated;
    }
    throw new ProblemError(
      409,
      'conflict',
      'The referral kept changing while this change was made; read it again and retry.',
    );
  }

  async listReferralEvents(id: string, page: PageRequest, caller: Caller): Promise<Page<WebhookEvent>> {
    await this.getReferral(id, caller);
    return this.store.listReferralEvents(id, page);
  }

  async recordOutcome(id: string, input: OutcomeCreate, caller: Caller): Promise<Outcome> {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const version = await this.store.referralVersion(id);
      const referral = await this.getReferral(id, caller);
      if (version === null) throw notFound('referral');
      const recorded = withOutcome(referral, input, { role: caller.key.role, now: this.now() });
      const { outcome, referral: updated } = recorded;
      const event = this.#event('referral.outcome_recorded', recorded.event);
      const saved = await this.store.updateReferral(
        updated,
        version,
        this.#effects(caller, outcome, {
          events: [{ event, referralId: id, deliver: !referral.sharingRestricted }],
        }),
      );
      if (saved) return outcome;
    }
    throw new ProblemError(
      409,
      'conflict',
      'The referral kept changing while the outcome was recorded; read it again and retry.',
    );
  }

  // Consents

  async createConsent(input: ConsentCreate, caller: Caller): Promise<Consent> {
    if (input.referralId) {
      namedReferral(await this.store.getReferral(input.referralId), caller.key);
      checkConsentLink(caller.key);
    }
    const consent = newConsent(input, { id: newId(), now: this.now() });
    await this.store.insertConsent(
      consent,
      caller.key.id,
      this.#effects(caller, consent, {
        // Consent recorded after the referral: the referral points to it, if it pointed nowhere.
        consentLinks: input.referralId ? [{ consentId: consent.id, referralId: input.referralId }] : [],
      }),
    );
    return consent;
  }

  async getConsent(id: string, caller: Caller): Promise<Consent> {
    return this.#visibleConsent(id, caller);
  }

  /**
   * Withdraws consent, for a key that may see it. A publishable key may withdraw only a consent
   * it recorded that no referral uses yet: the person changing their mind on the form.
   */
  async withdrawConsent(id: string, withdrawal: ConsentWithdrawal, caller: Caller): Promise<Consent> {
    const found = await this.store.getConsent(id);
    const covering = found && caller.key.role !== 'hub' ? await this.store.referralsCoveredBy(id) : [];
    const consent = withdrawnConsent(found, withdrawal, caller.key, covering);
    const at = this.now();
    const restricted = await this.store.restrictSharing(id, at);
    const event = this.#event('consent.withdrawn', {
      consentId: id,
      referralIds: restricted,
      withdrawnAt: withdrawal.withdrawnAt,
    });
    const events: StoredEvent[] = [
      { event, referralId: null, deliver: true },
      ...restricted.map((referralId) => ({
        event: { ...event, id: newId() },
        referralId,
        deliver: false,
      })),
    ];
    await this.store.updateConsent(consent, this.#effects(caller, consent, { events }));
    return consent;
  }

  // Single assessments

  async createAssessment(input: AssessmentCreate, caller: Caller): Promise<Assessment> {
    checkAssessmentReader(caller.key.role);
    const { referralId, residentId: givenResident, ...draft } = input;
    let residentId = givenResident;
    if (referralId) {
      // A referral named in the body that does not exist, or that this key may not see, is a
      // field to correct, as in createConsent.
      const missing = fieldProblem('/referralId', 'not_found', 'There is no referral with that id');
      const referral = visibleReferral(
        namedReferral(await this.store.getReferral(referralId), caller.key),
        caller.key,
      );
      if (givenResident && givenResident !== referral.residentId) {
        throw fieldProblem('/residentId', 'resident_mismatch', 'That referral is for someone else');
      }
      residentId = referral.residentId;
      await this.#mayShareAssessment(referralId, caller, missing);
    } else if (caller.key.role !== 'hub') {
      throw new ProblemError(
        403,
        'forbidden',
        'Only the hub records an assessment for a person; a provider records one for a referral assigned to it.',
      );
    } else if (residentId && !(await this.store.residentExists(residentId))) {
      throw fieldProblem('/residentId', 'not_found', 'There is no one with that id at this hub');
    }
    if (!residentId)
      throw fieldProblem(
        '/referralId',
        'assessment_subject_required',
        'Give the referral or the person this assessment is for',
      );
    const assessment = newAssessment(draft, {
      id: newId(),
      version: 1,
      residentId,
      referralId: referralId ?? null,
      now: this.now(),
    });
    await this.store.insertAssessment(assessment, this.#effects(caller, assessment));
    return assessment;
  }

  async getAssessment(id: string, caller: Caller, version?: number): Promise<Assessment> {
    checkAssessmentReader(caller.key.role);
    const missing = notFound(version === undefined ? 'assessment' : 'assessment version');
    const assessment = await this.store.getAssessment(id, version);
    if (!assessment) throw missing;
    await this.#mayShareAssessment(assessment.referralId, caller, missing);
    return assessment;
  }

  /** Whether this key may see the assessments of a referral (see `checkAssessmentSharing`). */
  async #mayShareAssessment(referralId: string | null, caller: Caller, missing: ProblemError): Promise<void> {
    if (caller.key.role !== 'provider') {
      checkAssessmentReader(caller.key.role);
      return;
    }
    const referral = referralId ? await this.store.getReferral(referralId) : null;
    const consent = referral?.consentId
      ? (await this.store.getConsent(referral.consentId))?.consent
      : undefined;
    checkAssessmentSharing(caller.key, referral, consent, missing);
  }

  async listAssessments(
    subject: { residentId?: string | undefined; referralId?: string | undefined },
    page: PageRequest,
    caller: Caller,
  ): Promise<Page<Assessment>> {
    checkAssessmentReader(caller.key.role);
    if (caller.key.role === 'provider') {
      if (!subject.referralId || subject.residentId) {
        throw new ProblemError(
          403,
          'forbidden',
          'A provider lists assessments by the referral assigned to it.',
        );
      }
      await this.#mayShareAssessment(subject.referralId, caller, notFound('referral'));
    }
    return this.store.listAssessments(subject, page);
  }

  async listAssessmentVersions(id: string, page: PageRequest, caller: Caller): Promise<Page<Assessment>> {
    await this.getAssessment(id, caller);
    return this.store.listAssessmentVersions(id, page);
  }

  async createAssessmentVersion(id: string, draft: AssessmentDraft, caller: Caller): Promise<Assessment> {
    const latest = await this.getAssessment(id, caller);
    const assessment = newAssessment(draft, {
      id,
      version: latest.version + 1,
      residentId: latest.residentId,
      referralId: latest.referralId,
      now: this.now(),
    });
    try {
      await this.store.insertAssessment(assessment, this.#effects(caller, assessment));
    } catch (error) {
      // Two new versions at once: the second finds the version number taken.
      if (error instanceof Error && /UNIQUE|PRIMARY KEY/i.test(error.message)) {
        throw new ProblemError(
          409,
          'conflict',
          'Another version was recorded at the same moment; read the latest and retry.',
        );
      }
      throw error;
    }
    return assessment;
  }

  // Directory

  async getService(id: string): Promise<Service> {
    const service = await this.store.getService(id);
    if (!service) throw notFound('service');
    return service;
  }

  /** Browse by words and need; defunct services are left out. */
  async listServices(
    filter: { q?: string | undefined; need?: Service['needs'][number] | undefined },
    page: PageRequest,
  ): Promise<Page<Service>> {
    const offset = offsetOf(this.store.cursors, page);
    // One more than the page: whether there is a next one.
    const found = await this.store.listServices(filter, { offset, limit: page.limit + 1 });
    return windowPage(this.store.cursors, found, offset, page.limit);
  }

  /** Search by words, need and where the person is (see `searchDirectory` in @hubkit/schema). */
  async searchServices(
    search: {
      q?: string | undefined;
      need?: Service['needs'][number] | undefined;
      postcode?: string | undefined;
      radiusKm?: number | undefined;
    },
    page: PageRequest,
  ): Promise<ServiceSearchPage> {
    // The schema's checks of the postcode and radius (a 422 naming the field), on no services.
    directorySearch([], search);
    const offset = offsetOf(this.store.cursors, page);
    const { results, distances } = await this.store.searchServices(search, { offset, limit: page.limit + 1 });
    return { ...windowPage(this.store.cursors, results, offset, page.limit), distances };
  }

  // Reports

  async report(query: ReportRequest): Promise<ReferralReport> {
    const period = reportPeriod(query.from, query.to);
    const counts = await this.store.referralReport(period.from, period.until);
    return publishedReport(query, counts, this.now());
  }

  // Staff tokens

  /**
   * A staff token for one member of staff, from one of the key's registered origins, for
   * `expiresIn` seconds: a referring partner's key's reads the partner's own referrals, a hub
   * key's reads the reports, for a dashboard (`sessionKindOf`). Nothing is stored: the token is
   * signed (see sessions.ts).
   */
  async createSession(input: SessionCreate, caller: Caller): Promise<Session> {
    const { key } = caller;
    if (!sessionKindOf(key) || key.staffRef !== undefined) {
      throw new ProblemError(
        403,
        'forbidden',
        'Only a referring partner’s secret key (for its referrals) or a hub’s (for its reports) mints staff tokens.',
      );
    }
    const origin = normaliseOrigin(input.origin);
    if (!origin || !(key.allowedOrigins ?? []).includes(origin)) {
      throw fieldProblem(
        '/origin',
        'origin_not_registered',
        'That origin is not registered for this key: ask the hub to register it',
      );
    }
    const expiresAt = Math.floor(Date.parse(this.now()) / 1000) + (input.expiresIn ?? 900);
    const token = await this.store.sessions.mint({
      keyId: key.id,
      staffRef: input.staffRef,
      origin,
      expiresAt,
    });
    return { token, expiresAt: new Date(expiresAt * 1000).toISOString(), origin, staffRef: input.staffRef };
  }

  // Webhook endpoints

  async createWebhookEndpoint(
    input: WebhookEndpointCreate,
    secret: string,
    caller: Caller,
  ): Promise<WebhookEndpoint> {
    const stored = {
      id: newId(),
      url: input.url,
      events: input.events,
      ...(input.description ? { description: input.description } : {}),
      enabled: true,
      createdAt: this.now(),
      secret,
    };
    await this.store.insertWebhookEndpoint(stored, this.#effects(caller, stored));
    return stored;
  }
}

/** Where a page starts: its cursor holds the offset. */
const offsetOf = (cursors: Cursors, page: PageRequest): number =>
  page.cursor ? Number(cursors.decode(page.cursor, 1)[0]) : 0;

/** A page from the window of up to `limit + 1` items read at `offset` (the extra one says there is more). */
function windowPage<T>(cursors: Cursors, window: readonly T[], offset: number, limit: number): Page<T> {
  return {
    data: window.slice(0, limit),
    nextCursor: window.length > limit ? cursors.encode([offset + limit]) : null,
  };
}
