/**
 * The Store on PostgreSQL (issue 15, decision 17), for hubs that run several processes on one
 * database. It is composed of the aggregates, each in its own module with its own tests (keys
 * and idempotency, referrals, consents, assessments, webhooks, audit); the directory (services,
 * postcodes, search) is given to it, made on the same pool. Each write is one transaction of the
 * record and its effects, and everything several processes share (claims, the outbox, cursors,
 * counters) is kept in the database, not in the process.
 *
 * A hub process never migrates: `open` refuses a database that `hubkit-server migrate` has not
 * brought to the schema this hubkit-server needs.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { SessionTokens, Store } from '@hubkit/hub';
import type pg from 'pg';
import { Cursors, sessionTokens } from '../cursor.ts';
import { PostgresAssessments } from './assessments.ts';
import { hubSecret, PostgresAudit } from './audit.ts';
import { PostgresConsents } from './consents.ts';
import type { Directory } from './directory.ts';
import { PgDb } from './db.ts';
import { PostgresKeys } from './keys.ts';
import { checkMigrated } from './migrations.ts';
import { PostgresReferrals } from './referrals.ts';
import { PostgresWebhooks } from './webhooks.ts';

export interface PostgresStoreOptions {
  /** Connections this process keeps open (default 10). */
  poolSize?: number;
  /** This hub process, as its webhook leases name it (default `host:pid:nonce`). */
  instanceId?: string;
  /** How long a webhook delivery claimed by this process is its own to send (default 60 s; see webhooks.ts). */
  deliveryLeaseMs?: number;
}

export class PostgresStore implements Store {
  /** Writes run on several connections, committed in any order (Store.writesInOrder). */
  readonly writesInOrder = false;
  readonly cursors: Cursors;
  readonly sessions: SessionTokens;
  readonly #db: PgDb;
  readonly #keys: PostgresKeys;
  readonly #referrals: PostgresReferrals;
  readonly #consents: PostgresConsents;
  readonly #assessments: PostgresAssessments;
  readonly #webhooks: PostgresWebhooks;
  readonly #audit: PostgresAudit;
  readonly #directory: Directory;
  #closing: Promise<void> | undefined;
  /** The keys' version as read in this event-loop turn (see keysVersion). */
  #keysVersionNow: Promise<number> | null = null;

  /**
   * A store on a pool to a migrated database, signing cursors with `cursors` and staff tokens
   * with `sessions` (each under a secret of the database).
   */
  constructor(
    db: PgDb,
    { cursors, sessions }: { cursors: Cursors; sessions: SessionTokens },
    directory: Directory,
    options: PostgresStoreOptions = {},
  ) {
    this.#db = db;
    this.cursors = cursors;
    this.sessions = sessions;
    this.#keys = new PostgresKeys(db);
    this.#referrals = new PostgresReferrals(db, cursors);
    this.#consents = new PostgresConsents(db);
    this.#assessments = new PostgresAssessments(db, cursors);
    this.#webhooks = new PostgresWebhooks(db, cursors, {
      holder: options.instanceId ?? `${hostname()}:${String(process.pid)}:${randomUUID().slice(0, 8)}`,
      ms: options.deliveryLeaseMs ?? 60_000,
    });
    this.#audit = new PostgresAudit(db, cursors);
    this.#directory = directory;
  }

  /**
   * Connects to the database at `connection`, checks that it was migrated to the schema this
   * hubkit-server needs (SchemaNotMigrated or SchemaTooNew otherwise: it never migrates), and
   * makes the store, with the directory `directory` makes on the same pool.
   */
  /** The pool, for what the hub's processes share besides the Store (abuse.ts). */
  get db(): PgDb {
    return this.#db;
  }

  static async open(
    connection: string | pg.PoolConfig,
    directory: (db: PgDb, cursors: Cursors) => Directory,
    options: PostgresStoreOptions = {},
  ): Promise<PostgresStore> {
    const db = new PgDb(connection, options.poolSize);
    try {
      await checkMigrated(db);
      const cursors = new Cursors(await hubSecret(db, 'cursor'));
      const sessions = sessionTokens(await hubSecret(db, 'session'));
      return new PostgresStore(db, { cursors, sessions }, directory(db, cursors), options);
    } catch (error) {
      await db.close();
      throw error;
    }
  }

  // Keys and idempotency (keys.ts)
  readonly insertKey: Store['insertKey'] = (key) => this.#keyChange(this.#keys.insertKey(key));
  readonly findKeyByHash: Store['findKeyByHash'] = (hash) => this.#keys.findKeyByHash(hash);
  readonly listKeys: Store['listKeys'] = () => this.#keys.listKeys();
  readonly revokeKey: Store['revokeKey'] = (id, at) => this.#keyChange(this.#keys.revokeKey(id, at));
  readonly setKeyRateLimit: Store['setKeyRateLimit'] = (id, limit) =>
    this.#keyChange(this.#keys.setKeyRateLimit(id, limit));
  /**
   * Read once per event-loop turn: the requests that arrived together (their key, their origin)
   * share one query, as on SQLite; a key changed by this process is seen at once, by another at
   * the next turn.
   */
  readonly keysVersion: Store['keysVersion'] = () => {
    if (this.#keysVersionNow === null) {
      this.#keysVersionNow = this.#keys.keysVersion();
      setImmediate(() => {
        this.#keysVersionNow = null;
      });
    }
    return this.#keysVersionNow;
  };
  readonly beginIdempotent: Store['beginIdempotent'] = (...args) => this.#keys.beginIdempotent(...args);
  readonly completeIdempotent: Store['completeIdempotent'] = (done) => this.#keys.completeIdempotent(done);
  readonly releaseIdempotent: Store['releaseIdempotent'] = (keyId, key, token) =>
    this.#keys.releaseIdempotent(keyId, key, token);
  readonly clearStaleClaims: Store['clearStaleClaims'] = (now, isGone) =>
    this.#keys.clearStaleClaims(now, isGone);
  readonly purgeIdempotency: Store['purgeIdempotency'] = (now) => this.#keys.purgeIdempotency(now);

  // Referrals (referrals.ts); residentExists looks at assessments too (assessments.ts)
  readonly residentIdForNhsNumber: Store['residentIdForNhsNumber'] = (nhsNumber) =>
    this.#referrals.residentIdForNhsNumber(nhsNumber);
  readonly residentExists: Store['residentExists'] = (id) => this.#assessments.residentExists(id);
  readonly insertReferral: Store['insertReferral'] = (referral, effects) =>
    this.#referrals.insertReferral(referral, effects);
  readonly getReferral: Store['getReferral'] = (id) => this.#referrals.getReferral(id);
  readonly updateReferral: Store['updateReferral'] = (referral, version, effects) =>
    this.#referrals.updateReferral(referral, version, effects);
  readonly referralVersion: Store['referralVersion'] = (id) => this.#referrals.referralVersion(id);
  readonly listReferrals: Store['listReferrals'] = (filter, page) =>
    this.#referrals.listReferrals(filter, page);
  readonly listReferralEvents: Store['listReferralEvents'] = (id, page) =>
    this.#referrals.listReferralEvents(id, page);
  readonly referralReport: Store['referralReport'] = (from, until) =>
    this.#referrals.referralReport(from, until);

  // Consents (consents.ts)
  readonly insertConsent: Store['insertConsent'] = (consent, keyId, effects) =>
    this.#consents.insertConsent(consent, keyId, effects);
  readonly getConsent: Store['getConsent'] = (id) => this.#consents.getConsent(id);
  readonly updateConsent: Store['updateConsent'] = (consent, effects) =>
    this.#consents.updateConsent(consent, effects);
  readonly linkConsent: Store['linkConsent'] = (consentId, referralId) =>
    this.#consents.linkConsent(consentId, referralId);
  readonly referralsCoveredBy: Store['referralsCoveredBy'] = (id) => this.#consents.referralsCoveredBy(id);
  readonly restrictSharing: Store['restrictSharing'] = (id, at) => this.#consents.restrictSharing(id, at);

  // Single assessments (assessments.ts)
  readonly insertAssessment: Store['insertAssessment'] = (assessment, effects) =>
    this.#assessments.insertAssessment(assessment, effects);
  readonly getAssessment: Store['getAssessment'] = (id, version) =>
    this.#assessments.getAssessment(id, version);
  readonly listAssessments: Store['listAssessments'] = (subject, page) =>
    this.#assessments.listAssessments(subject, page);
  readonly listAssessmentVersions: Store['listAssessmentVersions'] = (id, page) =>
    this.#assessments.listAssessmentVersions(id, page);

  // The directory (given)
  readonly servicesVersion: Store['servicesVersion'] = () => this.#directory.servicesVersion();
  readonly upsertService: Store['upsertService'] = (service, at) =>
    this.#directory.upsertService(service, at);
  readonly upsertServices: Store['upsertServices'] = (services, at) =>
    this.#directory.upsertServices(services, at);
  readonly optimizeDirectory: Store['optimizeDirectory'] = () => this.#directory.optimizeDirectory();
  readonly upsertPostcodes: Store['upsertPostcodes'] = (rows) => this.#directory.upsertPostcodes(rows);
  readonly countPostcodes: Store['countPostcodes'] = () => this.#directory.countPostcodes();
  readonly getService: Store['getService'] = (id) => this.#directory.getService(id);
  readonly findServices: Store['findServices'] = (filter) => this.#directory.findServices(filter);
  readonly countServices: Store['countServices'] = () => this.#directory.countServices();
  readonly listServices: Store['listServices'] = (filter, page) => this.#directory.listServices(filter, page);
  readonly pageServices: Store['pageServices'] = (filter, page) => this.#directory.pageServices(filter, page);
  readonly countMatchingServices: Store['countMatchingServices'] = (filter) =>
    this.#directory.countMatchingServices(filter);
  readonly searchServices: Store['searchServices'] = (search, page) =>
    this.#directory.searchServices(search, page);

  // Webhooks (webhooks.ts)
  readonly insertWebhookEndpoint: Store['insertWebhookEndpoint'] = (endpoint, effects) =>
    this.#webhooks.insertWebhookEndpoint(endpoint, effects);
  readonly getWebhookEndpoint: Store['getWebhookEndpoint'] = (id) => this.#webhooks.getWebhookEndpoint(id);
  readonly listWebhookEndpoints: Store['listWebhookEndpoints'] = (page) =>
    this.#webhooks.listWebhookEndpoints(page);
  readonly deleteWebhookEndpoint: Store['deleteWebhookEndpoint'] = (id, at) =>
    this.#webhooks.deleteWebhookEndpoint(id, at);
  readonly dueDeliveries: Store['dueDeliveries'] = (now, limit) => this.#webhooks.dueDeliveries(now, limit);
  readonly recordDeliveryAttempt: Store['recordDeliveryAttempt'] = (id, result, retryAt, nextId) =>
    this.#webhooks.recordDeliveryAttempt(id, result, retryAt, nextId);
  readonly listDeliveries: Store['listDeliveries'] = (endpointId, page) =>
    this.#webhooks.listDeliveries(endpointId, page);
  readonly subscribedEndpoints: Store['subscribedEndpoints'] = (type) =>
    this.#webhooks.subscribedEndpoints(type);

  // Audit trail (audit.ts)
  readonly insertAudit: Store['insertAudit'] = (events) => this.#audit.insertAudit(events);
  readonly listAudit: Store['listAudit'] = (filter, page) => this.#audit.listAudit(filter, page);

  /** A change to the keys by this process: the version read before it is not used after it. */
  async #keyChange<T>(change: Promise<T>): Promise<T> {
    try {
      return await change;
    } finally {
      this.#keysVersionNow = null;
    }
  }

  /** Whether the database answers (false, not an error, when it does not). */
  async ping(): Promise<boolean> {
    try {
      const { rows } = await this.#db.query<{ ok: number }>('ping', 'SELECT 1 AS ok');
      return rows[0]?.ok === 1;
    } catch {
      return false;
    }
  }

  /** Closes the pool (once: closing again does nothing); the connections end once their statements have. */
  async close(): Promise<void> {
    this.#closing ??= this.#db.close();
    await this.#closing;
  }
}
