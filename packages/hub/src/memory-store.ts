/**
 * The hub's `Store` in memory, over plain maps: what the mocks run the `Hub` on (the reference
 * server runs it on SQLite). Each write checks the request's claim on its Idempotency-Key first
 * and then changes everything it records at once, with no `await` between, so a write is as
 * atomic here as in a transaction. What it keeps is JSON: a copy in and a copy out, so no caller
 * shares its objects. It never calls out: webhook endpoints are kept, listed and deleted, but no
 * delivery is made or listed.
 */
import {
  matchesWords,
  wordMatchScore,
  searchWords,
  type Assessment,
  type AuditEvent,
  type Consent,
  type Page,
  type Referral,
  type Service,
  type WebhookDelivery,
  type WebhookEvent,
} from '@hubkit/schema';
import { IssuedCursors, type Cursors } from './cursors.ts';
import { directorySearch } from './directory-search.ts';
import { countReport, type ReportCounts } from './reports.ts';
import { SessionTokens } from './sessions.ts';
import { randomBytes, webHmac } from './web.ts';
import {
  IdempotencyClaimLost,
  ReferenceTaken,
  type ApiKeyRecord,
  type AuditFilter,
  type DueDelivery,
  type IdempotencyBegin,
  type IdempotencyClaim,
  type IdempotencyCompletion,
  type KeyRateLimit,
  type PageRequest,
  type ReferralFilter,
  type DirectorySearchPage,
  type OffsetPage,
  type PostcodePoint,
  type ServiceFilter,
  type ServiceSearch,
  type Store,
  type StoredEvent,
  type StoredWebhookEndpoint,
  type WriteEffects,
} from './store.ts';

/** A copy that shares nothing with what it was made from. */
export const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Sort keys compared as SQLite compares text (for the ASCII in ids and times, as JS does). */
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A page from items already in order, with a keyset cursor after `keys` of its last item. */
function keysetPage<T>(
  cursors: Cursors,
  items: readonly T[],
  limit: number,
  keys: (item: T) => (string | number)[],
): Page<T> {
  const more = items.length > limit;
  const kept = more ? items.slice(0, limit) : [...items];
  const last = kept.at(-1);
  return { data: kept, nextCursor: more && last !== undefined ? cursors.encode(keys(last)) : null };
}

/** Newest first by (createdAt, id), after a `[createdAt, id]` cursor. */
function newestFirst<T extends { createdAt: string; id: string }>(
  cursors: Cursors,
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

interface IdempotencyRecord {
  requestHash: string;
  state: 'in_flight' | 'done';
  status: number;
  body: string;
  expiresAt: string;
  token: string;
  holder: string;
  claimUntil: string;
}

/** A consent record and the key that made it. */
export interface StoredConsent {
  consent: Consent;
  createdByKeyId: string;
}

/** A webhook endpoint as kept: deleted ones stay, marked. */
export interface KeptWebhookEndpoint extends StoredWebhookEndpoint {
  deletedAt: string | null;
}

export class MemoryStore implements Store {
  /** One writer: writes run in the order asked (Store.writesInOrder). */
  readonly writesInOrder = true;
  readonly cursors: Cursors = new IssuedCursors();
  /** Staff tokens signed with Web Crypto under a secret of this store's own. */
  readonly sessions = new SessionTokens(webHmac(randomBytes(32)));
  readonly #initialServices: readonly Service[];
  keys = new Map<string, ApiKeyRecord>();
  /** Moved by every change to the keys (see `Store.keysVersion`). */
  #keysVersion = 0;
  services = new Map<string, Service>();
  /** Moved by every change to the directory (see `Store.servicesVersion`). */
  #servicesVersion = 0;
  /**
   * Places of whole postcodes, as imported. The in-memory directory places a search's postcode
   * by the demo's district centres (what the mocks serve), so these are kept and counted only.
   */
  postcodes = new Map<string, PostcodePoint>();
  referrals = new Map<string, { referral: Referral; version: number }>();
  consents = new Map<string, StoredConsent>();
  /** Every version of every assessment, in the order recorded. */
  assessments: Assessment[] = [];
  /** Every event, in the order recorded. */
  events: (StoredEvent & { seq: number })[] = [];
  endpoints = new Map<string, KeptWebhookEndpoint>();
  audit: { seq: number; event: AuditEvent }[] = [];
  readonly #idempotency = new Map<string, IdempotencyRecord>();
  #seq = 0;

  /** `services`: the directory it starts with, and goes back to on `reset`. */
  constructor(services: readonly Service[] = []) {
    this.#initialServices = copy(services);
    this.reset();
  }

  /** Forgets every record but the keys; the directory goes back to how it started. */
  reset(): void {
    this.services = new Map(copy(this.#initialServices).map((s) => [s.id, s]));
    this.#servicesVersion += 1;
    this.referrals.clear();
    this.consents.clear();
    this.assessments = [];
    this.events = [];
    this.endpoints.clear();
    this.audit = [];
    this.#idempotency.clear();
  }

  /** The referral as kept (not a copy), or undefined. */
  referral(id: string): Referral | undefined {
    return this.referrals.get(id)?.referral;
  }

  /** Puts a referral in place (a new one, or a new version of it). */
  putReferral(referral: Referral): void {
    const version = (this.referrals.get(referral.id)?.version ?? 0) + 1;
    this.referrals.set(referral.id, { referral: copy(referral), version });
  }

  #allReferrals(): Referral[] {
    return [...this.referrals.values()].map((r) => r.referral);
  }

  /** Everything a write also records; the claim is checked first, so a lost one changes nothing. */
  #write(effects: WriteEffects, change: () => void): void {
    const { idempotency } = effects;
    if (idempotency && !this.#holds(idempotency.keyId, idempotency.key, idempotency.token)) {
      throw new IdempotencyClaimLost();
    }
    change();
    for (const { event, referralId, deliver } of effects.events ?? []) {
      this.#seq += 1;
      this.events.push({ seq: this.#seq, event: copy(event), referralId, deliver });
    }
    for (const assessment of effects.assessments ?? []) this.assessments.push(copy(assessment));
    for (const { consent, createdByKeyId } of effects.consents ?? [])
      this.consents.set(consent.id, { consent: copy(consent), createdByKeyId });
    for (const { consentId, referralId } of effects.consentLinks ?? []) this.#link(consentId, referralId);
    void this.insertAudit(effects.audit ?? []);
    if (idempotency) this.#complete(idempotency);
  }

  // Keys

  insertKey(key: ApiKeyRecord): Promise<void> {
    this.keys.set(key.id, copy(key));
    this.#keysVersion += 1;
    return Promise.resolve();
  }

  keysVersion(): Promise<number> {
    return Promise.resolve(this.#keysVersion);
  }

  findKeyByHash(hash: string): Promise<ApiKeyRecord | null> {
    const found = [...this.keys.values()].find((k) => k.hash === hash);
    return Promise.resolve(found ? copy(found) : null);
  }

  listKeys(): Promise<ApiKeyRecord[]> {
    return Promise.resolve(
      copy([...this.keys.values()].sort((a, b) => compare(a.createdAt, b.createdAt) || compare(a.id, b.id))),
    );
  }

  revokeKey(id: string, at: string): Promise<boolean> {
    const key = this.keys.get(id);
    if (key?.revokedAt !== null) return Promise.resolve(false);
    this.keys.set(id, { ...key, revokedAt: at });
    this.#keysVersion += 1;
    return Promise.resolve(true);
  }

  setKeyRateLimit(id: string, rateLimit: KeyRateLimit | null): Promise<boolean> {
    const key = this.keys.get(id);
    if (key?.revokedAt !== null) return Promise.resolve(false);
    this.keys.set(id, { ...key, rateLimit: rateLimit && { ...rateLimit } });
    this.#keysVersion += 1;
    return Promise.resolve(true);
  }

  // Idempotency

  #holds(keyId: string, key: string, token: string): boolean {
    const record = this.#idempotency.get(`${keyId}\u0000${key}`);
    return record?.state === 'in_flight' && record.token === token;
  }

  #complete({ keyId, key, token, status, body }: IdempotencyCompletion): void {
    const record = this.#idempotency.get(`${keyId}\u0000${key}`);
    if (!record || !this.#holds(keyId, key, token)) throw new IdempotencyClaimLost();
    Object.assign(record, { state: 'done', status, body });
  }

  beginIdempotent(
    keyId: string,
    key: string,
    requestHash: string,
    now: string,
    expiresAt: string,
    claim: IdempotencyClaim,
  ): Promise<IdempotencyBegin> {
    const id = `${keyId}\u0000${key}`;
    const existing = this.#idempotency.get(id);
    if (existing && existing.expiresAt > now) {
      if (existing.state === 'done') {
        const { requestHash: hash, status, body } = existing;
        return Promise.resolve({ state: 'done', requestHash: hash, status, body });
      }
      // A live claim; a lapsed one is taken over.
      if (existing.claimUntil > now) return Promise.resolve({ state: 'in_flight' });
    }
    this.#idempotency.set(id, {
      requestHash,
      state: 'in_flight',
      status: 0,
      body: '',
      expiresAt,
      token: claim.token,
      holder: claim.holder,
      claimUntil: claim.until,
    });
    return Promise.resolve({ state: 'started' });
  }

  completeIdempotent(completion: IdempotencyCompletion): Promise<void> {
    this.#complete(completion);
    return Promise.resolve();
  }

  releaseIdempotent(keyId: string, key: string, token: string): Promise<void> {
    if (this.#holds(keyId, key, token)) this.#idempotency.delete(`${keyId}\u0000${key}`);
    return Promise.resolve();
  }

  clearStaleClaims(now: string, isGone: (holder: string) => boolean): Promise<number> {
    let cleared = 0;
    for (const [id, record] of this.#idempotency) {
      if (record.state === 'in_flight' && (record.claimUntil <= now || isGone(record.holder))) {
        this.#idempotency.delete(id);
        cleared += 1;
      }
    }
    return Promise.resolve(cleared);
  }

  purgeIdempotency(now: string): Promise<number> {
    let purged = 0;
    for (const [id, record] of this.#idempotency) {
      if (record.expiresAt <= now || (record.state === 'in_flight' && record.claimUntil <= now)) {
        this.#idempotency.delete(id);
        purged += 1;
      }
    }
    return Promise.resolve(purged);
  }

  // Referrals

  residentIdForNhsNumber(nhsNumber: string): Promise<string | null> {
    let found: Referral | undefined;
    for (const r of this.#allReferrals()) {
      if (r.resident.nhsNumber === nhsNumber && (!found || r.createdAt < found.createdAt)) found = r;
    }
    return Promise.resolve(found?.residentId ?? null);
  }

  residentExists(residentId: string): Promise<boolean> {
    return Promise.resolve(
      this.#allReferrals().some((r) => r.residentId === residentId) ||
        this.assessments.some((a) => a.residentId === residentId),
    );
  }

  insertReferral(referral: Referral, effects: WriteEffects): Promise<void> {
    // What the write throws rejects the promise, as a store's writes do.
    return new Promise((resolve) => {
      this.#write(effects, () => {
        if (this.#allReferrals().some((r) => r.reference === referral.reference)) throw new ReferenceTaken();
        this.putReferral(referral);
      });
      resolve();
    });
  }

  getReferral(id: string): Promise<Referral | null> {
    const found = this.referral(id);
    return Promise.resolve(found ? copy(found) : null);
  }

  updateReferral(referral: Referral, expectedVersion: number, effects: WriteEffects): Promise<boolean> {
    if (this.referrals.get(referral.id)?.version !== expectedVersion) return Promise.resolve(false);
    this.#write(effects, () => {
      this.putReferral(referral);
    });
    return Promise.resolve(true);
  }

  referralVersion(id: string): Promise<number | null> {
    return Promise.resolve(this.referrals.get(id)?.version ?? null);
  }

  listReferrals(filter: ReferralFilter, page: PageRequest): Promise<Page<Referral>> {
    const matching = this.#allReferrals().filter(
      (r) =>
        (!filter.status || r.status === filter.status) &&
        (!filter.need || r.needs.some((n) => n.code === filter.need)) &&
        (!filter.createdSince || r.createdAt >= filter.createdSince) &&
        (!filter.updatedSince || r.updatedAt >= filter.updatedSince) &&
        (!filter.sharedOnly || !r.sharingRestricted) &&
        (!filter.madeByKey || r.history[0]?.by.keyId === filter.madeByKey) &&
        (!filter.assignedTo || filter.assignedTo.includes(r.assignedService?.serviceId ?? '\u0000')),
    );
    return Promise.resolve(copy(newestFirst(this.cursors, matching, page)));
  }

  listReferralEvents(referralId: string, page: PageRequest): Promise<Page<WebhookEvent>> {
    const after = page.cursor ? Number(this.cursors.decode(page.cursor, 1)[0]) : 0;
    const events = this.events.filter((e) => e.referralId === referralId && e.seq > after);
    const result = keysetPage(this.cursors, events, page.limit, (e) => [e.seq]);
    return Promise.resolve(copy({ data: result.data.map((e) => e.event), nextCursor: result.nextCursor }));
  }

  referralReport(from: string, until: string): Promise<ReportCounts> {
    return Promise.resolve(
      countReport(this.#allReferrals().filter((r) => r.createdAt >= from && r.createdAt < until)),
    );
  }

  // Consents

  insertConsent(consent: Consent, createdByKeyId: string, effects: WriteEffects): Promise<void> {
    this.#write(effects, () => {
      this.consents.set(consent.id, { consent: copy(consent), createdByKeyId });
    });
    return Promise.resolve();
  }

  getConsent(id: string): Promise<StoredConsent | null> {
    const found = this.consents.get(id);
    return Promise.resolve(found ? copy(found) : null);
  }

  updateConsent(consent: Consent, effects: WriteEffects): Promise<void> {
    this.#write(effects, () => {
      const found = this.consents.get(consent.id);
      if (found) this.consents.set(consent.id, { ...found, consent: copy(consent) });
    });
    return Promise.resolve();
  }

  linkConsent(consentId: string, referralId: string): Promise<void> {
    this.#link(consentId, referralId);
    return Promise.resolve();
  }

  /** Links a consent and a referral both ways; a referral keeps the consent it already has. */
  #link(consentId: string, referralId: string): void {
    const found = this.consents.get(consentId);
    if (!found) return;
    this.consents.set(consentId, { ...found, consent: { ...found.consent, referralId } });
    const referral = this.referral(referralId);
    if (referral?.consentId === null) this.putReferral({ ...referral, consentId });
  }

  #covered(consentId: string): Referral[] {
    const linked = this.consents.get(consentId)?.consent.referralId;
    return this.#allReferrals().filter((r) => r.consentId === consentId || r.id === linked);
  }

  referralsCoveredBy(consentId: string): Promise<Referral[]> {
    return Promise.resolve(copy(this.#covered(consentId)));
  }

  restrictSharing(consentId: string, at: string): Promise<string[]> {
    const covered = this.#covered(consentId);
    for (const referral of covered) this.putReferral({ ...referral, sharingRestricted: true, updatedAt: at });
    return Promise.resolve(covered.map((r) => r.id));
  }

  // Single assessments

  insertAssessment(assessment: Assessment, effects: WriteEffects): Promise<void> {
    if (this.assessments.some((a) => a.id === assessment.id && a.version === assessment.version)) {
      // As a database's key would refuse it: the hub answers 409 to two versions at once.
      return Promise.reject(new Error('UNIQUE constraint failed: assessments.id, assessments.version'));
    }
    this.#write(effects, () => {
      this.assessments.push(copy(assessment));
    });
    return Promise.resolve();
  }

  getAssessment(id: string, version?: number): Promise<Assessment | null> {
    const versions = this.assessments.filter((a) => a.id === id);
    const found =
      version === undefined
        ? versions.reduce<Assessment | undefined>((a, b) => (!a || b.version > a.version ? b : a), undefined)
        : versions.find((a) => a.version === version);
    return Promise.resolve(found ? copy(found) : null);
  }

  listAssessments(
    subject: { residentId?: string | undefined; referralId?: string | undefined },
    page: PageRequest,
  ): Promise<Page<Assessment>> {
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
    return Promise.resolve(copy(newestFirst(this.cursors, matching, page)));
  }

  listAssessmentVersions(id: string, page: PageRequest): Promise<Page<Assessment>> {
    const before = page.cursor ? Number(this.cursors.decode(page.cursor, 1)[0]) : Number.MAX_SAFE_INTEGER;
    const versions = this.assessments
      .filter((a) => a.id === id && a.version < before)
      .sort((a, b) => b.version - a.version);
    return Promise.resolve(copy(keysetPage(this.cursors, versions, page.limit, (a) => [a.version])));
  }

  // Directory

  upsertService(service: Service): Promise<void> {
    this.services.set(service.id, copy(service));
    this.#servicesVersion += 1;
    return Promise.resolve();
  }

  upsertServices(services: readonly Service[]): Promise<void> {
    for (const service of services) this.services.set(service.id, copy(service));
    this.#servicesVersion += 1;
    return Promise.resolve();
  }

  /** Nothing to do: the services are read as they are. */
  optimizeDirectory(): Promise<void> {
    return Promise.resolve();
  }

  servicesVersion(): Promise<number> {
    return Promise.resolve(this.#servicesVersion);
  }

  upsertPostcodes(rows: readonly PostcodePoint[]): Promise<void> {
    for (const row of rows) this.postcodes.set(row.postcode, { ...row });
    return Promise.resolve();
  }

  countPostcodes(): Promise<number> {
    return Promise.resolve(this.postcodes.size);
  }

  getService(id: string): Promise<Service | null> {
    const found = this.services.get(id);
    return Promise.resolve(found ? copy(found) : null);
  }

  /**
   * Services matching words and need, best match first, then by name. Words match as the
   * hub's SQLite store matches them (`matchesWords` and `wordMatchScore` of @hubkit/schema).
   */
  findServices(filter: ServiceFilter): Promise<Service[]> {
    const { need, organisationId, term } = filter;
    const byName = [...this.services.values()]
      .filter(
        (service) =>
          (!need || service.needs.includes(need)) &&
          (!organisationId || service.organisation.id === organisationId) &&
          (!term || service.taxonomyTerms.some((t) => t.taxonomy === term.taxonomy && t.code === term.code)),
      )
      .sort((a, b) => compare(a.name, b.name) || compare(a.id, b.id));
    const q = filter.q;
    if (!q || searchWords(q).length === 0) return Promise.resolve(copy(byName));
    return Promise.resolve(
      copy(
        byName
          .filter((service) => matchesWords(service, q))
          .map((service, i) => ({ service, i, score: wordMatchScore(service, q) }))
          .sort((a, b) => b.score - a.score || a.i - b.i)
          .map((m) => m.service),
      ),
    );
  }

  countServices(): Promise<number> {
    return Promise.resolve(this.services.size);
  }

  /** The current (not defunct) services matching, in `findServices`' order. */
  async #current(filter: ServiceFilter): Promise<Service[]> {
    return (await this.findServices(filter)).filter((service) => service.status !== 'defunct');
  }

  async listServices(filter: ServiceFilter, page: OffsetPage): Promise<Service[]> {
    return (await this.#current(filter)).slice(page.offset, page.offset + page.limit);
  }

  async pageServices(
    filter: ServiceFilter,
    page: OffsetPage,
  ): Promise<{ services: Service[]; total: number }> {
    const current = await this.#current(filter);
    return { services: current.slice(page.offset, page.offset + page.limit), total: current.length };
  }

  async countMatchingServices(filter: ServiceFilter): Promise<number> {
    return (await this.#current(filter)).length;
  }

  async searchServices(search: ServiceSearch, page: OffsetPage): Promise<DirectorySearchPage> {
    const { results, distances } = directorySearch(await this.findServices(search), search);
    return { results: results.slice(page.offset, page.offset + page.limit), distances };
  }

  // Webhooks

  insertWebhookEndpoint(endpoint: StoredWebhookEndpoint, effects: WriteEffects): Promise<void> {
    this.#write(effects, () => {
      this.endpoints.set(endpoint.id, { ...copy(endpoint), deletedAt: null });
    });
    return Promise.resolve();
  }

  getWebhookEndpoint(id: string): Promise<StoredWebhookEndpoint | null> {
    const found = this.endpoints.get(id);
    if (found?.deletedAt !== null) return Promise.resolve(null);
    const { deletedAt: _deleted, ...endpoint } = found;
    return Promise.resolve(copy(endpoint));
  }

  /** Live webhook endpoints, with their signing secrets. */
  liveEndpoints(): StoredWebhookEndpoint[] {
    return copy(
      [...this.endpoints.values()].filter((e) => e.deletedAt === null).map(({ deletedAt: _d, ...e }) => e),
    );
  }

  listWebhookEndpoints(page: PageRequest): Promise<Page<StoredWebhookEndpoint>> {
    return Promise.resolve(copy(newestFirst(this.cursors, this.liveEndpoints(), page)));
  }

  deleteWebhookEndpoint(id: string, at: string): Promise<boolean> {
    const endpoint = this.endpoints.get(id);
    if (endpoint?.deletedAt !== null) return Promise.resolve(false);
    this.endpoints.set(id, { ...endpoint, enabled: false, deletedAt: at });
    return Promise.resolve(true);
  }

  dueDeliveries(): Promise<DueDelivery[]> {
    return Promise.resolve([]);
  }

  recordDeliveryAttempt(): Promise<void> {
    return Promise.resolve();
  }

  listDeliveries(_endpointId: string, page: PageRequest): Promise<Page<WebhookDelivery>> {
    if (page.cursor) this.cursors.decode(page.cursor, 2);
    return Promise.resolve({ data: [], nextCursor: null });
  }

  subscribedEndpoints(type: WebhookEvent['type']): Promise<number> {
    return Promise.resolve(this.liveEndpoints().filter((e) => e.enabled && e.events.includes(type)).length);
  }

  // Audit trail

  insertAudit(events: readonly AuditEvent[]): Promise<void> {
    for (const event of events) {
      this.#seq += 1;
      this.audit.push({ seq: this.#seq, event: copy(event) });
    }
    return Promise.resolve();
  }

  listAudit(filter: AuditFilter, page: PageRequest): Promise<Page<AuditEvent>> {
    const before = page.cursor ? Number(this.cursors.decode(page.cursor, 1)[0]) : Infinity;
    const rows = this.audit
      .filter(
        ({ seq, event }) =>
          seq < before &&
          (!filter.resourceType || event.resourceType === filter.resourceType) &&
          (!filter.resourceId || event.resourceId === filter.resourceId) &&
          (!filter.since || event.at >= filter.since),
      )
      .reverse();
    const result = keysetPage(this.cursors, rows, page.limit, (r) => [r.seq]);
    return Promise.resolve(copy({ data: result.data.map((r) => r.event), nextCursor: result.nextCursor }));
  }

  ping(): Promise<boolean> {
    return Promise.resolve(true);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
