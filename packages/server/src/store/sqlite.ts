/**
 * The Store on SQLite (node:sqlite): one file, write-ahead log, full sync, so a response is
 * only sent after its data is on disk and a restart loses nothing. The SQL of each aggregate is
 * in its own module (keys, referrals, consents, assessments, webhooks, audit); the writes, each
 * one unit of work, are listed in writes.ts.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, openSync, statSync } from 'node:fs';
import type { SQLInputValue } from 'node:sqlite';
import {
  type AuditEvent,
  type Page,
  type Referral,
  type Service,
  type WebhookDelivery,
} from '@hubkit/schema';
import type { Assessment, Consent, WebhookEvent, WebhookEventType } from '@hubkit/schema';
import * as assessments from './assessments.ts';
import * as audit from './audit.ts';
import * as consents from './consents.ts';
import { Cursors, sessionTokens } from './cursor.ts';
import { type Db, json, type Row } from './db.ts';
import * as keys from './keys.ts';
import { DirectoryIndex, indexAreaWords, indexService, WORD_INDEXES } from './directory.ts';
import { migrations } from './migrations.ts';
import * as referrals from './referrals.ts';
import type {
  ApiKeyRecord,
  AuditFilter,
  DueDelivery,
  IdempotencyBegin,
  IdempotencyClaim,
  IdempotencyCompletion,
  KeyRateLimit,
  OffsetPage,
  PostcodePoint,
  PageRequest,
  ReferralFilter,
  ReportCounts,
  DirectorySearchPage,
  ServiceFilter,
  ServiceSearch,
  SessionTokens,
  Store,
  StoredWebhookEndpoint,
  WriteEffects,
} from '@hubkit/hub';
import * as webhooks from './webhooks.ts';
import { openConnection, TurnWriter, WorkerWriter, type Writer } from './writer.ts';
import type { WriteArgs, WriteName, WriteResult } from './writes.ts';

export interface SqliteStoreOptions {
  /**
   * How writes are committed, in groups either way (see writer.ts): `worker` (the default for a
   * file) on a writer thread, so no fsync blocks the event loop; `turn` on the event loop, the
   * writes of one turn together. `:memory:` always writes on the event loop, the writes of one
   * task together (there is no fsync to share).
   */
  writer?: 'worker' | 'turn';
}

/**
 * The database holds residents' personal data: only the hub's own user may read it, whatever the
 * umask. SQLite gives the -wal and -shm files the mode of the database file, so the file is made
 * 0600 before SQLite opens it, and an existing one (or its leftover -wal/-shm) is put right.
 */
export function ownerOnly(path: string): void {
  // `wx` makes the file only if it is missing (another process may make it first).
  try {
    closeSync(openSync(path, 'wx', 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    // Only a file that others may read is changed (never a folder given by mistake).
    const stat = existsSync(file) ? statSync(file) : null;
    if (stat?.isFile() && (stat.mode & 0o077) !== 0) chmodSync(file, 0o600);
  }
}

export class SqliteStore implements Store {
  /** One writer: writes run in the order asked (Store.writesInOrder). */
  readonly writesInOrder = true;
  /** Reads, migrations and the directory; writes too with the `turn` writer. */
  readonly #db: Db;
  readonly #writer: Writer;
  /** Signs and checks page cursors under this database's secret (see cursor.ts). */
  readonly cursors: Cursors;
  /** Signs and reads staff tokens under another secret of this database (see cursor.ts). */
  readonly sessions: SessionTokens;
  /** The directory's indexed reads (store/directory.ts). */
  readonly #directory: DirectoryIndex;
  /** The keys' version as read in this event-loop turn (see keysVersion). */
  #keysVersionNow: number | null = null;

  /** Opens (or creates) the database at `path` (`:memory:` allowed) and migrates it. */
  constructor(path: string, options: SqliteStoreOptions = {}) {
    if (path !== ':memory:' && !path.startsWith('file:')) ownerOnly(path);
    this.#db = openConnection(path);
    this.#db.raw.exec(`
      CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);
    `);
    this.#migrate();
    this.cursors = new Cursors(this.#secret('cursor'));
    this.sessions = sessionTokens(this.#secret('session'));
    const memory = path === ':memory:' || path === '' || path.includes('mode=memory');
    this.#writer = memory
      ? new TurnWriter(this.#db, 'now')
      : options.writer === 'turn'
        ? new TurnWriter(this.#db, 'turn')
        : new WorkerWriter(this.#db.raw.location() ?? path);
    this.#directory = new DirectoryIndex(this.#db.raw, (sql) => this.#db.statement(sql));
  }

  /**
   * A secret of this database, made at its first start: every process on the database shares it
   * and it survives restarts. It never leaves the store (never logged, never sent).
   */
  #secret(name: string): Uint8Array {
    // OR IGNORE: when two processes start at once, the first one's secret stands.
    this.#run('INSERT OR IGNORE INTO hub_secrets (name, value) VALUES (?, ?)', [
      name,
      randomBytes(32).toString('base64url'),
    ]);
    return Buffer.from(
      String(this.#get('SELECT value FROM hub_secrets WHERE name = ?', [name])?.value),
      'base64url',
    );
  }

  /** The schema version the database is at. */
  get version(): number {
    const row = this.#db.raw.prepare('SELECT MAX(version) AS v FROM schema_migrations').get();
    return Number(row?.v ?? 0);
  }

  #migrate(): void {
    const applied = this.version;
    for (const migration of migrations) {
      if (migration.version <= applied) continue;
      this.#tx(() => {
        this.#db.raw.exec(migration.sql);
        migration.run?.(this.#db.raw);
        this.#run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
          migration.version,
          migration.name,
          new Date().toISOString(),
        ]);
      });
    }
  }

  #tx<T>(work: () => T): T {
    return this.#db.tx(work);
  }

  #run(sql: string, params: readonly SQLInputValue[] = []): { changes: number } {
    return this.#db.run(sql, params);
  }

  #get(sql: string, params: readonly SQLInputValue[] = []): Row | undefined {
    return this.#db.get(sql, params);
  }

  /** Runs one write of writes.ts; it resolves once committed with the others of its group. */
  async #write<N extends WriteName>(name: N, ...args: WriteArgs<N>): Promise<WriteResult<N>> {
    return this.#writer.run(name, args);
  }

  // Keys

  async insertKey(key: ApiKeyRecord): Promise<void> {
    await this.#write('insertKey', key);
    this.#keysVersionNow = null;
  }

  async findKeyByHash(hash: string): Promise<ApiKeyRecord | null> {
    return Promise.resolve(keys.findKeyByHash(this.#db, hash));
  }

  async listKeys(): Promise<ApiKeyRecord[]> {
    return Promise.resolve(keys.listKeys(this.#db));
  }

  /**
   * Read once per event-loop turn: the requests that arrived together (their key, their origin)
   * share one read; a key changed by this process is seen at once, by another at the next turn.
   */
  async keysVersion(): Promise<number> {
    if (this.#keysVersionNow === null) {
      this.#keysVersionNow = keys.keysVersion(this.#db);
      setImmediate(() => {
        this.#keysVersionNow = null;
      });
    }
    return Promise.resolve(this.#keysVersionNow);
  }

  async revokeKey(id: string, at: string): Promise<boolean> {
    const revoked = await this.#write('revokeKey', id, at);
    this.#keysVersionNow = null;
    return revoked;
  }

  async setKeyRateLimit(id: string, rateLimit: KeyRateLimit | null): Promise<boolean> {
    const changed = await this.#write('setKeyRateLimit', id, rateLimit);
    this.#keysVersionNow = null;
    return changed;
  }

  // Idempotency

  async beginIdempotent(
    keyId: string,
    key: string,
    requestHash: string,
    now: string,
    expiresAt: string,
    claim: IdempotencyClaim,
  ): Promise<IdempotencyBegin> {
    return this.#write('beginIdempotent', keyId, key, requestHash, now, expiresAt, claim);
  }

  async completeIdempotent(completion: IdempotencyCompletion): Promise<void> {
    return this.#write('completeIdempotent', completion);
  }

  async releaseIdempotent(keyId: string, key: string, token: string): Promise<void> {
    return this.#write('releaseIdempotent', keyId, key, token);
  }

  async clearStaleClaims(now: string, isGone: (holder: string) => boolean): Promise<number> {
    // The claims are chosen here (isGone is the caller's); each is dropped only if still the same claim.
    const stale = keys
      .inFlightClaims(this.#db)
      .filter((claim) => claim.until === null || claim.until <= now || isGone(claim.holder));
    return stale.length === 0 ? 0 : this.#write('clearClaims', stale);
  }

  async purgeIdempotency(now: string): Promise<number> {
    return this.#write('purgeIdempotency', now);
  }

  // Referrals

  async residentIdForNhsNumber(nhsNumber: string): Promise<string | null> {
    return Promise.resolve(referrals.residentIdForNhsNumber(this.#db, nhsNumber));
  }

  async residentExists(residentId: string): Promise<boolean> {
    return Promise.resolve(referrals.residentExists(this.#db, residentId));
  }

  async insertReferral(referral: Referral, effects: WriteEffects): Promise<void> {
    return this.#write('insertReferral', referral, effects);
  }

  async getReferral(id: string): Promise<Referral | null> {
    return Promise.resolve(referrals.getReferral(this.#db, id));
  }

  async referralVersion(id: string): Promise<number | null> {
    return Promise.resolve(referrals.referralVersion(this.#db, id));
  }

  async updateReferral(referral: Referral, expectedVersion: number, effects: WriteEffects): Promise<boolean> {
    return this.#write('updateReferral', referral, expectedVersion, effects);
  }

  async listReferrals(filter: ReferralFilter, page: PageRequest): Promise<Page<Referral>> {
    return Promise.resolve(referrals.listReferrals(this.#db, this.cursors, filter, page));
  }

  async listReferralEvents(referralId: string, page: PageRequest): Promise<Page<WebhookEvent>> {
    return Promise.resolve(referrals.listReferralEvents(this.#db, this.cursors, referralId, page));
  }

  async referralReport(from: string, until: string): Promise<ReportCounts> {
    return referrals.referralReport(this.#db, from, until);
  }

  // Consents

  async insertConsent(consent: Consent, createdByKeyId: string, effects: WriteEffects): Promise<void> {
    return this.#write('insertConsent', consent, createdByKeyId, effects);
  }

  async getConsent(id: string): Promise<{ consent: Consent; createdByKeyId: string } | null> {
    return Promise.resolve(consents.getConsent(this.#db, id));
  }

  async updateConsent(consent: Consent, effects: WriteEffects): Promise<void> {
    return this.#write('updateConsent', consent, effects);
  }

  async linkConsent(consentId: string, referralId: string): Promise<void> {
    return this.#write('linkConsent', consentId, referralId);
  }

  async referralsCoveredBy(consentId: string): Promise<Referral[]> {
    return Promise.resolve(consents.referralsCoveredBy(this.#db, consentId));
  }

  async restrictSharing(consentId: string, at: string): Promise<string[]> {
    return this.#write('restrictSharing', consentId, at);
  }

  // Single assessments

  async insertAssessment(assessment: Assessment, effects: WriteEffects): Promise<void> {
    return this.#write('insertAssessment', assessment, effects);
  }

  async getAssessment(id: string, version?: number): Promise<Assessment | null> {
    return Promise.resolve(assessments.getAssessment(this.#db, id, version));
  }

  async listAssessments(
    subject: { residentId?: string | undefined; referralId?: string | undefined },
    page: PageRequest,
  ): Promise<Page<Assessment>> {
    return Promise.resolve(assessments.listAssessments(this.#db, this.cursors, subject, page));
  }

  async listAssessmentVersions(id: string, page: PageRequest): Promise<Page<Assessment>> {
    return Promise.resolve(assessments.listAssessmentVersions(this.#db, this.cursors, id, page));
  }

  // Directory

  async upsertService(service: Service, at: string): Promise<void> {
    return this.upsertServices([service], at);
  }

  /** Services in one transaction (an import writes them in batches: one fsync a batch). */
  async upsertServices(services: readonly Service[], at: string): Promise<void> {
    this.#tx(() => {
      for (const service of services) this.#writeService(service, at);
    });
    return Promise.resolve();
  }

  /**
   * Merges each FTS5 word index into one segment (`optimize`): an import writes them a batch at a
   * time, and a search reads every segment of each list it reads (at 10,000 services, a word in
   * an area took twice as long before). About 130 ms at 10,000 services.
   */
  async optimizeDirectory(): Promise<void> {
    this.#tx(() => {
      for (const table of WORD_INDEXES) this.#run(`INSERT INTO ${table} (${table}) VALUES ('optimize')`);
    });
    return Promise.resolve();
  }

  #writeService(service: Service, at: string): void {
    this.#run('DELETE FROM service_needs WHERE service_id = ?', [service.id]);
    this.#run(
      `INSERT INTO services (id, name, status, updated_at, data) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, status = excluded.status, updated_at = excluded.updated_at, data = excluded.data`,
      [service.id, service.name, service.status, at, JSON.stringify(service)],
    );
    for (const need of service.needs)
      this.#run('INSERT INTO service_needs (service_id, need) VALUES (?, ?)', [service.id, need]);
    const statement = (sql: string) => this.#db.statement(sql);
    indexAreaWords(statement, indexService(statement, service));
  }

  /** Places for postcodes (an import of the ONS Postcode Directory), in one transaction. */
  async upsertPostcodes(rows: readonly PostcodePoint[]): Promise<void> {
    this.#tx(() => {
      for (const row of rows)
        this.#run(
          'INSERT INTO postcodes (postcode, latitude, longitude) VALUES (?, ?, ?) ON CONFLICT (postcode) DO UPDATE SET latitude = excluded.latitude, longitude = excluded.longitude',
          [row.postcode, row.latitude, row.longitude],
        );
    });
    return Promise.resolve();
  }

  async countPostcodes(): Promise<number> {
    return Promise.resolve(Number(this.#get('SELECT COUNT(*) AS n FROM postcodes')?.n ?? 0));
  }

  /** A counter moved by triggers on every change to the services, by any process on the database. */
  async servicesVersion(): Promise<number> {
    return Promise.resolve(Number(this.#get('SELECT version FROM services_version WHERE id = 1')?.version));
  }

  async getService(id: string): Promise<Service | null> {
    const row = this.#get('SELECT data FROM services WHERE id = ?', [id]);
    return Promise.resolve(row ? json<Service>(row.data) : null);
  }

  /** Services matching words and need, best match first, then by name (store/directory.ts). */
  async findServices(filter: ServiceFilter): Promise<Service[]> {
    const services = this.#directory.list(filter, { offset: 0, limit: -1 }, { current: false });
    return Promise.resolve(services);
  }

  async listServices(filter: ServiceFilter, page: OffsetPage): Promise<Service[]> {
    return Promise.resolve(this.#directory.list(filter, page));
  }

  async pageServices(
    filter: ServiceFilter,
    page: OffsetPage,
  ): Promise<{ services: Service[]; total: number }> {
    return Promise.resolve(this.#directory.page(filter, page));
  }

  async countMatchingServices(filter: ServiceFilter): Promise<number> {
    return Promise.resolve(this.#directory.count(filter));
  }

  async searchServices(search: ServiceSearch, page: OffsetPage): Promise<DirectorySearchPage> {
    return Promise.resolve(this.#directory.search(search, page));
  }

  async countServices(): Promise<number> {
    return Promise.resolve(Number(this.#get('SELECT COUNT(*) AS n FROM services')?.n ?? 0));
  }

  // Webhooks

  async insertWebhookEndpoint(endpoint: StoredWebhookEndpoint, effects: WriteEffects): Promise<void> {
    return this.#write('insertWebhookEndpoint', endpoint, effects);
  }

  async getWebhookEndpoint(id: string): Promise<StoredWebhookEndpoint | null> {
    return Promise.resolve(webhooks.getWebhookEndpoint(this.#db, id));
  }

  async listWebhookEndpoints(page: PageRequest): Promise<Page<StoredWebhookEndpoint>> {
    return Promise.resolve(webhooks.listWebhookEndpoints(this.#db, this.cursors, page));
  }

  async deleteWebhookEndpoint(id: string, at: string): Promise<boolean> {
    return this.#write('deleteWebhookEndpoint', id, at);
  }

  async dueDeliveries(now: string, limit: number): Promise<DueDelivery[]> {
    return Promise.resolve(webhooks.dueDeliveries(this.#db, now, limit));
  }

  async recordDeliveryAttempt(
    deliveryId: string,
    result: {
      status: 'succeeded' | 'failed';
      responseStatus: number | null;
      error: string | null;
      at: string;
    },
    retryAt: string | null,
    nextId: string,
  ): Promise<void> {
    return this.#write('recordDeliveryAttempt', deliveryId, result, retryAt, nextId);
  }

  async listDeliveries(endpointId: string, page: PageRequest): Promise<Page<WebhookDelivery>> {
    return Promise.resolve(webhooks.listDeliveries(this.#db, this.cursors, endpointId, page));
  }

  async subscribedEndpoints(type: WebhookEventType): Promise<number> {
    return Promise.resolve(webhooks.subscribedEndpoints(this.#db, type));
  }

  // Audit trail

  async insertAudit(events: readonly AuditEvent[]): Promise<void> {
    if (events.length === 0) return;
    return this.#write('insertAudit', events);
  }

  async listAudit(filter: AuditFilter, page: PageRequest): Promise<Page<AuditEvent>> {
    return Promise.resolve(audit.listAudit(this.#db, this.cursors, filter, page));
  }

  async ping(): Promise<boolean> {
    let ok: boolean;
    try {
      ok = this.#get('SELECT 1 AS ok')?.ok === 1;
    } catch {
      ok = false;
    }
    return Promise.resolve(ok);
  }

  async close(): Promise<void> {
    await this.#writer.close();
    if (this.#db.raw.isOpen) this.#db.raw.close();
  }
}
