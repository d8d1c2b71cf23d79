/**
 * The storage interface: everything the hub keeps, as a few coarse, atomic operations. Each
 * write is one unit of work (the record, the events it causes, their webhook deliveries, the
 * idempotency record of the request that made it), so no transaction spans an `await` and a
 * PostgreSQL adapter can implement the same interface without touching the routes.
 */
import type { Cursors } from './cursors.ts';
import type { SessionTokens } from './sessions.ts';
import type {
  Assessment,
  AuditEvent,
  Consent,
  NeedCode,
  Page,
  Referral,
  ReferralStatus,
  Service,
  ServiceSearchPage,
  ServiceSearchResult,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEvent,
  WebhookEventType,
} from '@hubkit/schema';
import type { ReportCounts } from './reports.ts';

export type KeyKind = 'publishable' | 'secret';
/**
 * What a key acts as in the lifecycle. Publishable keys refer; a secret key is the hub, a
 * provider (bound to its services), or a partner's own system that refers (it sees the referrals
 * it made).
 */
export type KeyRole = 'referrer' | 'hub' | 'provider';

/** A key's own rate limit: requests a second, and how many may come at once. */
export interface KeyRateLimit {
  perSecond: number;
  burst: number;
}

export interface ApiKeyRecord {
  id: string;
  kind: KeyKind;
  role: KeyRole;
  name: string;
  /** SHA-256 of the key; the key itself is shown once and never stored. */
  hash: string;
  /** The first characters, to recognise a key in a list: `pk_4f8K…`. */
  prefix: string;
  /**
   * Publishable keys: the web origins allowed to use it. Secret referrer keys: the origins the
   * staff tokens it mints may be used from (none: it mints none).
   */
  allowedOrigins: string[];
  /** Provider keys only: the directory services whose referrals it may see and work on. */
  serviceIds: string[];
  createdAt: string;
  revokedAt: string | null;
  /**
   * The key's own rate limit (requests a second sustained, and a burst), in place of the hub's
   * for its kind; absent or null: the hub's.
   */
  rateLimit?: KeyRateLimit | null;
}

export interface PageRequest {
  limit: number;
  cursor?: string | undefined;
}

/** A stored response to a request with an Idempotency-Key. */
export interface IdempotencyCompletion {
  keyId: string;
  key: string;
  /** The claim it completes: stored only while that claim still holds the key. */
  token: string;
  status: number;
  body: string;
}

/**
 * Who holds an in-flight Idempotency-Key, and until when. A claim lasts as long as a request may
 * (the request timeout): a request still running after that has been answered with a timeout and
 * can no longer store anything, so a retry may take the claim over.
 */
export interface IdempotencyClaim {
  /** Unique to this claim: a write completes the key only while the key holds this token. */
  token: string;
  /** The hub process handling it (`host:pid:nonce`), so a restarted hub can tell its dead claims. */
  holder: string;
  /** When the claim lapses (the claim's time plus the request timeout). */
  until: string;
}

/**
 * Thrown, inside a write's transaction, when the request's claim on its Idempotency-Key has lapsed
 * and was released or taken over: the write is rolled back, so a key's work is stored once.
 */
export class IdempotencyClaimLost extends Error {
  override readonly name = 'IdempotencyClaimLost';
  constructor() {
    super('The claim on this Idempotency-Key lapsed before the request finished');
  }
}

/** Thrown by a write of a referral whose reference another referral has: nothing is written. */
export class ReferenceTaken extends Error {
  override readonly name = 'ReferenceTaken';
  constructor() {
    super('Another referral has this reference');
  }
}

export type IdempotencyBegin =
  | { state: 'started' }
  | { state: 'in_flight' }
  | { state: 'done'; requestHash: string; status: number; body: string };

/** What a write also records, in the same transaction. */
export interface WriteEffects {
  /** Events to record (and deliver to webhook endpoints that asked for them). */
  events?: readonly StoredEvent[];
  /** The response to store for the request's Idempotency-Key. */
  idempotency?: IdempotencyCompletion | undefined;
  /** Single assessments made with the record (a referral's first, short assessment). */
  assessments?: readonly Assessment[];
  /** Consent records made with the record (the consent sent with a new referral). */
  consents?: readonly { consent: Consent; createdByKeyId: string }[];
  /** Consents to link to the referral made with them. */
  consentLinks?: readonly { consentId: string; referralId: string }[];
  /** Who made the record with which request (the audit trail). */
  audit?: readonly AuditEvent[];
}

export interface StoredEvent {
  event: WebhookEvent;
  referralId: string | null;
  /** Whether partners' webhooks may be sent this event (not after consent to share is withdrawn). */
  deliver: boolean;
}

export interface ReferralFilter {
  status?: ReferralStatus | undefined;
  need?: NeedCode | undefined;
  createdSince?: string | undefined;
  updatedSince?: string | undefined;
  /** Leave out referrals whose consent to share was withdrawn (for provider keys). */
  sharedOnly?: boolean | undefined;
  /** Only referrals assigned to one of these services (for provider keys). */
  assignedTo?: readonly string[] | undefined;
  /** Only referrals made with this key (for a referring partner's key). */
  madeByKey?: string | undefined;
}

export interface ServiceFilter {
  q?: string | undefined;
  need?: NeedCode | undefined;
  /** Only this organisation's services (the ORUK `organization_id`). */
  organisationId?: string | undefined;
  /** Only services with this taxonomy term. */
  term?: { taxonomy: string; code: string } | undefined;
}

/** A directory search: words and need, and where the person is (see `searchDirectory`). */
export interface ServiceSearch extends ServiceFilter {
  postcode?: string | undefined;
  radiusKm?: number | undefined;
}

/** Where a whole postcode is (WGS84), as `hubkit-server postcodes import` loads it. */
export interface PostcodePoint {
  /** Normalised: upper case, one space (`N1 9GU`). */
  postcode: string;
  latitude: number;
  longitude: number;
}

/** A window of a list by position: `limit` rows after the first `offset`. */
export interface OffsetPage {
  offset: number;
  limit: number;
}

/** One window of a directory search's results, and whether they are in order of distance. */
export interface DirectorySearchPage {
  results: ServiceSearchResult[];
  distances: ServiceSearchPage['distances'];
}

export interface StoredWebhookEndpoint extends Omit<WebhookEndpoint, 'secret'> {
  secret: string;
}

export interface DueDelivery {
  delivery: WebhookDelivery;
  endpoint: StoredWebhookEndpoint;
  event: WebhookEvent;
}

/** What a report counts (the schema's: the hub and the mocks publish it alike). */
export type { ReportCounts };

export interface AuditFilter {
  resourceType?: AuditEvent['resourceType'] | undefined;
  resourceId?: string | undefined;
  since?: string | undefined;
}

export interface Store {
  /** Signs and checks the page cursors of every list (one secret for every process on the data). */
  readonly cursors: Cursors;
  /** Signs and reads staff tokens (one secret for every process on the data, as for cursors). */
  readonly sessions: SessionTokens;
  /**
   * Whether writes run one at a time in the order they are asked for, each seeing those before
   * it (SQLite's one writer, the memory store). Then the write of a create, fenced by its
   * Idempotency-Key claim, may be asked for before the claim has answered, and the two often share
   * one commit. A store whose writes run on several connections (PostgreSQL) commits them in any
   * order: there the write waits for the claim.
   */
  readonly writesInOrder: boolean;
  // Keys
  insertKey(key: ApiKeyRecord): Promise<void>;
  findKeyByHash(hash: string): Promise<ApiKeyRecord | null>;
  listKeys(): Promise<ApiKeyRecord[]>;
  revokeKey(id: string, at: string): Promise<boolean>;
  /** Gives an active key its own rate limit, or (null) the hub's again; false when there is no such key. */
  setKeyRateLimit(id: string, rateLimit: KeyRateLimit | null): Promise<boolean>;
  /**
   * A number that changes whenever a key is added, changed or revoked, by this process or any
   * other on the same database (the CLI's `keys create`, `keys set-rate` and `keys revoke`): what a cache of keys
   * checks before it trusts itself.
   */
  keysVersion(): Promise<number>;
  /**
   * A number that changes whenever a service is added, changed or removed, by this process or any
   * other on the same database (the CLI's imports): what a cache of the directory checks before it trusts itself.
   */
  servicesVersion(): Promise<number>;

  // Idempotency (IETF draft): a key is claimed before the work, completed with it.
  /**
   * Claims a key for a request (`started`), unless it holds an answer (`done`) or a live claim
   * (`in_flight`); a claim past its `until` is taken over.
   */
  beginIdempotent(
    keyId: string,
    key: string,
    requestHash: string,
    now: string,
    expiresAt: string,
    claim: IdempotencyClaim,
  ): Promise<IdempotencyBegin>;
  /** Stores the answer of a request that wrote nothing else (a refusal); throws IdempotencyClaimLost. */
  completeIdempotent(completion: IdempotencyCompletion): Promise<void>;
  /** Releases a claim whose request failed unexpectedly or ran out of time, so that a retry can run. */
  releaseIdempotent(keyId: string, key: string, token: string): Promise<void>;
  /**
   * Drops in-flight claims that lapsed by `now`, or whose holder `isGone` (a hub process that
   * died): run at start-up, so a retry after a crash is not refused. Returns how many.
   */
  clearStaleClaims(now: string, isGone: (holder: string) => boolean): Promise<number>;
  /** Forgets answers kept past their expiry, and lapsed claims. */
  purgeIdempotency(now: string): Promise<number>;

  // Referrals
  residentIdForNhsNumber(nhsNumber: string): Promise<string | null>;
  /** Whether the hub knows a person by this id (through a referral or an assessment). */
  residentExists(residentId: string): Promise<boolean>;
  /** Throws ReferenceTaken, writing nothing, when another referral has its reference. */
  insertReferral(referral: Referral, effects: WriteEffects): Promise<void>;
  getReferral(id: string): Promise<Referral | null>;
  /** Replaces a referral if it is still at `expectedVersion`; false when someone changed it first. */
  updateReferral(referral: Referral, expectedVersion: number, effects: WriteEffects): Promise<boolean>;
  referralVersion(id: string): Promise<number | null>;
  listReferrals(filter: ReferralFilter, page: PageRequest): Promise<Page<Referral>>;
  listReferralEvents(referralId: string, page: PageRequest): Promise<Page<WebhookEvent>>;
  /** Counts of referrals made from `from` (inclusive) to `until` (exclusive), both instants. */
  referralReport(from: string, until: string): Promise<ReportCounts>;

  // Consents
  insertConsent(consent: Consent, createdByKeyId: string, effects: WriteEffects): Promise<void>;
  getConsent(id: string): Promise<{ consent: Consent; createdByKeyId: string } | null>;
  updateConsent(consent: Consent, effects: WriteEffects): Promise<void>;
  /** Links a consent to the referral made with it. */
  linkConsent(consentId: string, referralId: string): Promise<void>;
  /** The referrals a consent covers: those made with it, and the one it was recorded for afterwards. */
  referralsCoveredBy(consentId: string): Promise<Referral[]>;
  /** Marks the referrals a withdrawn consent covered: nothing more is shared with partners. */
  restrictSharing(consentId: string, at: string): Promise<string[]>;

  // Single assessments
  insertAssessment(assessment: Assessment, effects: WriteEffects): Promise<void>;
  getAssessment(id: string, version?: number): Promise<Assessment | null>;
  listAssessments(
    subject: { residentId?: string | undefined; referralId?: string | undefined },
    page: PageRequest,
  ): Promise<Page<Assessment>>;
  listAssessmentVersions(id: string, page: PageRequest): Promise<Page<Assessment>>;

  // Directory
  upsertService(service: Service, at: string): Promise<void>;
  /** Many services in one transaction (an import's batch). */
  upsertServices(services: readonly Service[], at: string): Promise<void>;
  /**
   * After an import's batches: the directory's indexes made ready for reading (SQLite merges
   * each word index, written a batch at a time, into one piece). Answers are the same either way.
   */
  optimizeDirectory(): Promise<void>;
  /** Places for whole postcodes (from the ONS Postcode Directory), added or replaced. */
  upsertPostcodes(rows: readonly PostcodePoint[]): Promise<void>;
  countPostcodes(): Promise<number>;
  getService(id: string): Promise<Service | null>;
  /** Services matching words and need, best match first; `all` skips pagination (for distance sorting). */
  findServices(filter: ServiceFilter): Promise<Service[]>;
  countServices(): Promise<number>;
  /** One window of the current services matching, best match first, then by name; in SQL. */
  listServices(filter: ServiceFilter, page: OffsetPage): Promise<Service[]>;
  /** `listServices` and how many match in all (`countMatchingServices`), in one read. */
  pageServices(filter: ServiceFilter, page: OffsetPage): Promise<{ services: Service[]; total: number }>;
  /** How many current services match. */
  countMatchingServices(filter: ServiceFilter): Promise<number>;
  /** One window of a search by where the person is, in `searchDirectory`'s order; in SQL. */
  searchServices(search: ServiceSearch, page: OffsetPage): Promise<DirectorySearchPage>;

  // Webhooks
  insertWebhookEndpoint(endpoint: StoredWebhookEndpoint, effects: WriteEffects): Promise<void>;
  getWebhookEndpoint(id: string): Promise<StoredWebhookEndpoint | null>;
  listWebhookEndpoints(page: PageRequest): Promise<Page<StoredWebhookEndpoint>>;
  deleteWebhookEndpoint(id: string, at: string): Promise<boolean>;
  dueDeliveries(now: string, limit: number): Promise<DueDelivery[]>;
  /** Records an attempt; `retryAt` schedules the next one. */
  recordDeliveryAttempt(
    deliveryId: string,
    result: {
      status: 'succeeded' | 'failed';
      responseStatus: number | null;
      error: string | null;
      at: string;
    },
    retryAt: string | null,
    nextId: string,
  ): Promise<void>;
  listDeliveries(endpointId: string, page: PageRequest): Promise<Page<WebhookDelivery>>;
  subscribedEndpoints(type: WebhookEventType): Promise<number>;

  // Audit trail
  insertAudit(events: readonly AuditEvent[]): Promise<void>;
  listAudit(filter: AuditFilter, page: PageRequest): Promise<Page<AuditEvent>>;

  /** Whether the database answers. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
