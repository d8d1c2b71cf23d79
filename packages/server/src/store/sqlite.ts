/**
 * The Store on SQLite (node:sqlite): one file, write-ahead log, full sync, so a response is
 * only sent after its data is on disk and a restart loses nothing.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, closeSync, existsSync, openSync, statSync } from 'node:fs';
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import {
  postcodeDistrict,
  type AuditEvent,
  type Page,
  type Referral,
  type Service,
  type WebhookDelivery,
  searchWords,
  wordMatchScore,
} from '@hubkit/schema';
import type { Assessment, Consent, WebhookEvent, WebhookEventType } from '@hubkit/schema';
import { Cursors } from './cursor.ts';
import { migrations } from './migrations.ts';
import type {
  ApiKeyRecord,
  AuditFilter,
  DueDelivery,
  IdempotencyBegin,
  IdempotencyClaim,
  IdempotencyCompletion,
  PageRequest,
  ReferralFilter,
  ReportCounts,
  ServiceFilter,
  Store,
  StoredWebhookEndpoint,
  WriteEffects,
} from '@hubkit/hub';
import { IdempotencyClaimLost } from '@hubkit/hub';

// Columns hold text, numbers and nulls only (no blobs).
type Row = Record<string, string | number | null>;

// Rows hold JSON this store wrote; reading it back is trusted.
const json = <T>(text: unknown): T => JSON.parse(String(text)) as T; // eslint-disable-line @typescript-eslint/no-unnecessary-type-parameters

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

/** How many prepared statements a store keeps (it has about 80 distinct ones). */
const STATEMENT_CACHE_SIZE = 256;
export class SqliteStore implements Store {
  readonly #db: DatabaseSync;
  readonly #statements = new Map<string, StatementSync>();
  /** Signs and checks page cursors under this database's secret (see cursor.ts). */
  readonly cursors: Cursors;

  /** Opens (or creates) the database at `path` (`:memory:` allowed) and migrates it. */
  constructor(path: string) {
    if (path !== ':memory:' && !path.startsWith('file:')) ownerOnly(path);
    this.#db = new DatabaseSync(path);
    this.#db.exec(`
      PRAGMA journal_mode = WAL;
      PRAGMA synchronous = FULL;
      PRAGMA foreign_keys = ON;
      PRAGMA busy_timeout = 5000;
      CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);
    `);
    this.#migrate();
    this.cursors = new Cursors(this.#secret('cursor'));
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
    const row = this.#db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get();
    return Number(row?.v ?? 0);
  }

  #migrate(): void {
    const applied = this.version;
    for (const migration of migrations) {
      if (migration.version <= applied) continue;
      this.#tx(() => {
        this.#db.exec(migration.sql);
        migration.run?.(this.#db);
        this.#run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
          migration.version,
          migration.name,
          new Date().toISOString(),
        ]);
      });
    }
  }

  /** Runs `work` in one transaction; nothing in it may await. */
  #tx<T>(work: () => T): T {
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      const result = work();
      this.#db.exec('COMMIT');
      return result;
    } catch (error) {
      this.#db.exec('ROLLBACK');
      throw error;
    }
  }

  /**
   * The prepared statement of `sql`, prepared once and reused: preparing again on every call
   * was 12% of the main thread under load (issue 14). Statements whose text varies (a list of
   * placeholders) would grow the cache without end, so it keeps the most recent few hundred.
   */
  #statement(sql: string): StatementSync {
    let statement = this.#statements.get(sql);
    if (statement) {
      // Most recently used last, so the oldest is the first to go.
      this.#statements.delete(sql);
    } else {
      statement = this.#db.prepare(sql);
      if (this.#statements.size >= STATEMENT_CACHE_SIZE) {
        const oldest = this.#statements.keys().next().value;
        if (oldest !== undefined) this.#statements.delete(oldest);
      }
    }
    this.#statements.set(sql, statement);
    return statement;
  }

  #run(sql: string, params: readonly SQLInputValue[] = []): { changes: number } {
    const result = this.#statement(sql).run(...params);
    return { changes: Number(result.changes) };
  }

  #get(sql: string, params: readonly SQLInputValue[] = []): Row | undefined {
    return this.#statement(sql).get(...params) as Row | undefined;
  }

  #all(sql: string, params: readonly SQLInputValue[] = []): Row[] {
    return this.#statement(sql).all(...params) as Row[];
  }

  /** Events, their webhook deliveries and the idempotency record, inside the caller's transaction. */
  #apply(effects: WriteEffects): void {
    for (const { event, referralId, deliver } of effects.events ?? []) {
      this.#run('INSERT INTO events (id, type, referral_id, created_at, data) VALUES (?, ?, ?, ?, ?)', [
        event.id,
        event.type,
        referralId,
        event.createdAt,
        JSON.stringify(event),
      ]);
      if (!deliver) continue;
      for (const endpoint of this.#all(
        'SELECT id, events FROM webhook_endpoints WHERE enabled = 1 AND deleted_at IS NULL',
      )) {
        if (!json<string[]>(endpoint.events).includes(event.type)) continue;
        this.#run(
          `INSERT INTO webhook_deliveries (id, endpoint_id, event_id, event_type, attempt, status, next_attempt_at, created_at)
           VALUES (?, ?, ?, ?, 1, 'pending', ?, ?)`,
          [randomUUID(), endpoint.id ?? null, event.id, event.type, event.createdAt, event.createdAt],
        );
      }
    }
    for (const assessment of effects.assessments ?? []) this.#insertAssessment(assessment);
    for (const { consent, createdByKeyId } of effects.consents ?? [])
      this.#insertConsent(consent, createdByKeyId);
    for (const { consentId, referralId } of effects.consentLinks ?? [])
      this.#linkConsent(consentId, referralId);
    if (effects.idempotency) this.#complete(effects.idempotency);
  }

  /** Inside the write's transaction: no longer holding the claim rolls the whole write back. */
  #complete({ keyId, key, token, status, body }: IdempotencyCompletion): void {
    const { changes } = this.#run(
      `UPDATE idempotency_keys SET state = 'done', status = ?, body = ?, claim_holder = NULL, claim_until = NULL
       WHERE key_id = ? AND idempotency_key = ? AND state = 'in_flight' AND claim_token = ?`,
      [status, body, keyId, key, token],
    );
    if (changes !== 1) throw new IdempotencyClaimLost();
  }

  #page<T>(
    rows: Row[],
    limit: number,
    map: (row: Row) => T,
    keys: (row: Row) => (string | number)[],
  ): Page<T> {
    const more = rows.length > limit;
    const kept = more ? rows.slice(0, limit) : rows;
    const last = kept.at(-1);
    return { data: kept.map(map), nextCursor: more && last ? this.cursors.encode(keys(last)) : null };
  }

  // Keys

  async insertKey(key: ApiKeyRecord): Promise<void> {
    this.#run(
      `INSERT INTO api_keys (id, kind, role, name, hash, prefix, allowed_origins, service_ids, created_at, revoked_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        key.id,
        key.kind,
        key.role,
        key.name,
        key.hash,
        key.prefix,
        JSON.stringify(key.allowedOrigins),
        JSON.stringify(key.serviceIds),
        key.createdAt,
        key.revokedAt,
      ],
    );
    return Promise.resolve();
  }

  #key(row: Row): ApiKeyRecord {
    return {
      id: String(row.id),
      kind: row.kind as ApiKeyRecord['kind'],
      role: row.role as ApiKeyRecord['role'],
      name: String(row.name),
      hash: String(row.hash),
      prefix: String(row.prefix),
      allowedOrigins: json<string[]>(row.allowed_origins),
      serviceIds: json<string[]>(row.service_ids),
      createdAt: String(row.created_at),
      revokedAt: row.revoked_at === null ? null : String(row.revoked_at),
    };
  }

  async findKeyByHash(hash: string): Promise<ApiKeyRecord | null> {
    const row = this.#get('SELECT * FROM api_keys WHERE hash = ?', [hash]);
    return Promise.resolve(row ? this.#key(row) : null);
  }

  async listKeys(): Promise<ApiKeyRecord[]> {
    return Promise.resolve(this.#all('SELECT * FROM api_keys ORDER BY created_at').map((r) => this.#key(r)));
  }

  async revokeKey(id: string, at: string): Promise<boolean> {
    return Promise.resolve(
      this.#run('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [at, id])
        .changes === 1,
    );
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
    return Promise.resolve(
      this.#tx((): IdempotencyBegin => {
        const existing = this.#get(
          'SELECT * FROM idempotency_keys WHERE key_id = ? AND idempotency_key = ?',
          [keyId, key],
        );
        if (existing && String(existing.expires_at) > now) {
          if (existing.state === 'done') {
            return {
              state: 'done',
              requestHash: String(existing.request_hash),
              status: Number(existing.status),
              body: String(existing.body),
            };
          }
          // A live claim; a lapsed one (or one from before claims lapsed) is taken over.
          if (existing.claim_until !== null && String(existing.claim_until) > now)
            return { state: 'in_flight' };
        }
        this.#run(
          `INSERT OR REPLACE INTO idempotency_keys
             (key_id, idempotency_key, request_hash, state, created_at, expires_at, claim_token, claim_holder, claim_until)
           VALUES (?, ?, ?, 'in_flight', ?, ?, ?, ?, ?)`,
          [keyId, key, requestHash, now, expiresAt, claim.token, claim.holder, claim.until],
        );
        return { state: 'started' };
      }),
    );
  }

  async completeIdempotent(completion: IdempotencyCompletion): Promise<void> {
    this.#tx(() => {
      this.#complete(completion);
    });
    return Promise.resolve();
  }

  async releaseIdempotent(keyId: string, key: string, token: string): Promise<void> {
    this.#run(
      `DELETE FROM idempotency_keys WHERE key_id = ? AND idempotency_key = ? AND state = 'in_flight' AND claim_token = ?`,
      [keyId, key, token],
    );
    return Promise.resolve();
  }

  async clearStaleClaims(now: string, isGone: (holder: string) => boolean): Promise<number> {
    return Promise.resolve(
      this.#tx(() => {
        let cleared = 0;
        for (const row of this.#all(
          `SELECT key_id, idempotency_key, claim_token, claim_holder, claim_until FROM idempotency_keys WHERE state = 'in_flight'`,
        )) {
          const lapsed = row.claim_until === null || String(row.claim_until) <= now;
          if (!lapsed && !isGone(String(row.claim_holder))) continue;
          cleared += this.#run(
            `DELETE FROM idempotency_keys WHERE key_id = ? AND idempotency_key = ? AND state = 'in_flight' AND claim_token IS ?`,
            [row.key_id ?? null, row.idempotency_key ?? null, row.claim_token ?? null],
          ).changes;
        }
        return cleared;
      }),
    );
  }

  async purgeIdempotency(now: string): Promise<number> {
    return Promise.resolve(
      this.#run(
        `DELETE FROM idempotency_keys WHERE expires_at <= ? OR (state = 'in_flight' AND (claim_until IS NULL OR claim_until <= ?))`,
        [now, now],
      ).changes,
    );
  }

  // Referrals

  async referenceExists(reference: string): Promise<boolean> {
    return Promise.resolve(
      this.#get('SELECT 1 AS x FROM referrals WHERE reference = ?', [reference]) !== undefined,
    );
  }

  async residentIdForNhsNumber(nhsNumber: string): Promise<string | null> {
    const row = this.#get(
      'SELECT resident_id FROM referrals WHERE nhs_number = ? ORDER BY created_at LIMIT 1',
      [nhsNumber],
    );
    return Promise.resolve(row ? String(row.resident_id) : null);
  }

  async residentExists(residentId: string): Promise<boolean> {
    const row = this.#get(
      'SELECT 1 AS x FROM referrals WHERE resident_id = ? UNION ALL SELECT 1 FROM assessments WHERE resident_id = ? LIMIT 1',
      [residentId, residentId],
    );
    return Promise.resolve(row !== undefined);
  }

  #referralColumns(referral: Referral): SQLInputValue[] {
    const postcode = referral.resident.address?.postcode;
    return [
      referral.resident.nhsNumber ?? null,
      referral.status,
      referral.priority,
      referral.referrer.type,
      postcode ? postcodeDistrict(postcode) : null,
      referral.updatedAt,
      JSON.stringify(referral),
    ];
  }

  #writeNeedsAndOutcomes(referral: Referral): void {
    this.#run('DELETE FROM referral_needs WHERE referral_id = ?', [referral.id]);
    for (const need of referral.needs)
      this.#run('INSERT INTO referral_needs (referral_id, need) VALUES (?, ?)', [referral.id, need.code]);
    this.#run('DELETE FROM referral_outcomes WHERE referral_id = ?', [referral.id]);
    for (const outcome of referral.outcomes) {
      this.#run('INSERT INTO referral_outcomes (referral_id, need, code, recorded_at) VALUES (?, ?, ?, ?)', [
        referral.id,
        outcome.need,
        outcome.code,
        outcome.recordedAt,
      ]);
    }
  }

  async insertReferral(referral: Referral, effects: WriteEffects): Promise<void> {
    this.#tx(() => {
      const [nhs, status, priority, referrerType, district, updatedAt, data] =
        this.#referralColumns(referral);
      this.#run(
        `INSERT INTO referrals (id, reference, resident_id, nhs_number, status, priority, referrer_type, district, created_at, updated_at, version, data)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)`,
        [
          referral.id,
          referral.reference,
          referral.residentId,
          nhs ?? null,
          status ?? null,
          priority ?? null,
          referrerType ?? null,
          district ?? null,
          referral.createdAt,
          updatedAt ?? null,
          data ?? null,
        ],
      );
      this.#writeNeedsAndOutcomes(referral);
      this.#apply(effects);
    });
    return Promise.resolve();
  }

  async getReferral(id: string): Promise<Referral | null> {
    const row = this.#get('SELECT data FROM referrals WHERE id = ?', [id]);
    return Promise.resolve(row ? json<Referral>(row.data) : null);
  }

  async referralVersion(id: string): Promise<number | null> {
    const row = this.#get('SELECT version FROM referrals WHERE id = ?', [id]);
    return Promise.resolve(row ? Number(row.version) : null);
  }

  async updateReferral(referral: Referral, expectedVersion: number, effects: WriteEffects): Promise<boolean> {
    return Promise.resolve(
      this.#tx(() => {
        const [nhs, status, priority, referrerType, district, updatedAt, data] =
          this.#referralColumns(referral);
        const { changes } = this.#run(
          `UPDATE referrals SET nhs_number = ?, status = ?, priority = ?, referrer_type = ?, district = ?, updated_at = ?,
             data = ?, version = version + 1
           WHERE id = ? AND version = ?`,
          [
            nhs ?? null,
            status ?? null,
            priority ?? null,
            referrerType ?? null,
            district ?? null,
            updatedAt ?? null,
            data ?? null,
            referral.id,
            expectedVersion,
          ],
        );
        if (changes !== 1) return false;
        this.#writeNeedsAndOutcomes(referral);
        this.#apply(effects);
        return true;
      }),
    );
  }

  async listReferrals(filter: ReferralFilter, page: PageRequest): Promise<Page<Referral>> {
    const where: string[] = [];
    const params: SQLInputValue[] = [];
    if (filter.status) {
      where.push('r.status = ?');
      params.push(filter.status);
    }
    if (filter.need) {
      where.push('EXISTS (SELECT 1 FROM referral_needs n WHERE n.referral_id = r.id AND n.need = ?)');
      params.push(filter.need);
    }
    if (filter.createdSince) {
      where.push('r.created_at >= ?');
      params.push(filter.createdSince);
    }
    if (filter.updatedSince) {
      where.push('r.updated_at >= ?');
      params.push(filter.updatedSince);
    }
    if (filter.sharedOnly) where.push(`json_extract(r.data, '$.sharingRestricted') = 0`);
    if (filter.madeByKey) {
      where.push(`json_extract(r.data, '$.history[0].by.keyId') = ?`);
      params.push(filter.madeByKey);
    }
    if (filter.assignedTo) {
      where.push(`json_extract(r.data, '$.assignedService.serviceId') IN (SELECT value FROM json_each(?))`);
      params.push(JSON.stringify(filter.assignedTo));
    }
    if (page.cursor) {
      const [createdAt, id] = this.cursors.decode(page.cursor, 2);
      where.push('(r.created_at < ? OR (r.created_at = ? AND r.id < ?))');
      params.push(String(createdAt), String(createdAt), String(id));
    }
    const rows = this.#all(
      `SELECT r.id, r.created_at, r.data FROM referrals r ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY r.created_at DESC, r.id DESC LIMIT ?`,
      [...params, page.limit + 1],
    );
    return Promise.resolve(
      this.#page(
        rows,
        page.limit,
        (r) => json<Referral>(r.data),
        (r) => [String(r.created_at), String(r.id)],
      ),
    );
  }

  async listReferralEvents(referralId: string, page: PageRequest): Promise<Page<WebhookEvent>> {
    const after = page.cursor ? Number(this.cursors.decode(page.cursor, 1)[0]) : 0;
    const rows = this.#all(
      'SELECT seq, data FROM events WHERE referral_id = ? AND seq > ? ORDER BY seq LIMIT ?',
      [referralId, after, page.limit + 1],
    );
    return Promise.resolve(
      this.#page(
        rows,
        page.limit,
        (r) => json<WebhookEvent>(r.data),
        (r) => [Number(r.seq)],
      ),
    );
  }

  async referralReport(from: string, until: string): Promise<ReportCounts> {
    const range = [from, until];
    const grouped = (sql: string): Record<string, number> =>
      Object.fromEntries(this.#all(sql, range).map((r) => [String(r.k ?? 'unknown'), Number(r.n)]));
    const scope = 'SELECT id FROM referrals WHERE created_at >= ? AND created_at < ?';
    return Promise.resolve({
      total: Number(this.#get(`SELECT COUNT(*) AS n FROM (${scope})`, range)?.n ?? 0),
      byNeed: grouped(
        `SELECT need AS k, COUNT(*) AS n FROM referral_needs WHERE referral_id IN (${scope}) GROUP BY need`,
      ),
      byStatus: grouped(
        `SELECT status AS k, COUNT(*) AS n FROM referrals WHERE id IN (${scope}) GROUP BY status`,
      ),
      byPriority: grouped(
        `SELECT priority AS k, COUNT(*) AS n FROM referrals WHERE id IN (${scope}) GROUP BY priority`,
      ),
      byOutcome: grouped(
        `SELECT code AS k, COUNT(*) AS n FROM referral_outcomes WHERE referral_id IN (${scope}) GROUP BY code`,
      ),
      byReferrerType: grouped(
        `SELECT referrer_type AS k, COUNT(*) AS n FROM referrals WHERE id IN (${scope}) GROUP BY referrer_type`,
      ),
      byArea: grouped(
        `SELECT district AS k, COUNT(*) AS n FROM referrals WHERE id IN (${scope}) GROUP BY district`,
      ),
    });
  }

  // Consents

  async insertConsent(consent: Consent, createdByKeyId: string, effects: WriteEffects): Promise<void> {
    this.#tx(() => {
      this.#insertConsent(consent, createdByKeyId);
      this.#apply(effects);
    });
    return Promise.resolve();
  }

  #insertConsent(consent: Consent, createdByKeyId: string): void {
    this.#run(
      'INSERT INTO consents (id, referral_id, created_by_key, status, created_at, data) VALUES (?, ?, ?, ?, ?, ?)',
      [
        consent.id,
        consent.referralId,
        createdByKeyId,
        consent.status,
        consent.createdAt,
        JSON.stringify(consent),
      ],
    );
  }

  async getConsent(id: string): Promise<{ consent: Consent; createdByKeyId: string } | null> {
    const row = this.#get('SELECT data, created_by_key FROM consents WHERE id = ?', [id]);
    return Promise.resolve(
      row ? { consent: json<Consent>(row.data), createdByKeyId: String(row.created_by_key) } : null,
    );
  }

  async updateConsent(consent: Consent, effects: WriteEffects): Promise<void> {
    this.#tx(() => {
      this.#run('UPDATE consents SET status = ?, referral_id = ?, data = ? WHERE id = ?', [
        consent.status,
        consent.referralId,
        JSON.stringify(consent),
        consent.id,
      ]);
      this.#apply(effects);
    });
    return Promise.resolve();
  }

  async linkConsent(consentId: string, referralId: string): Promise<void> {
    this.#tx(() => {
      this.#linkConsent(consentId, referralId);
    });
    return Promise.resolve();
  }

  /** Links a consent and a referral both ways; a referral keeps the consent it already has. */
  #linkConsent(consentId: string, referralId: string): void {
    const row = this.#get('SELECT data FROM consents WHERE id = ?', [consentId]);
    if (!row) return;
    const consent = { ...json<Consent>(row.data), referralId };
    this.#run('UPDATE consents SET referral_id = ?, data = ? WHERE id = ?', [
      referralId,
      JSON.stringify(consent),
      consentId,
    ]);
    const referral = this.#get('SELECT data FROM referrals WHERE id = ?', [referralId]);
    if (referral && json<Referral>(referral.data).consentId === null) {
      const updated = { ...json<Referral>(referral.data), consentId };
      this.#run('UPDATE referrals SET data = ?, version = version + 1 WHERE id = ?', [
        JSON.stringify(updated),
        referralId,
      ]);
    }
  }

  /** The referrals made with this consent, and the one it was recorded for afterwards. */
  #covered(consentId: string): Row[] {
    return this.#all(
      `SELECT id, data FROM referrals
       WHERE json_extract(data, '$.consentId') = ? OR id = (SELECT referral_id FROM consents WHERE id = ?)`,
      [consentId, consentId],
    );
  }

  async referralsCoveredBy(consentId: string): Promise<Referral[]> {
    return Promise.resolve(this.#covered(consentId).map((row) => json<Referral>(row.data)));
  }

  async restrictSharing(consentId: string, at: string): Promise<string[]> {
    return Promise.resolve(
      this.#tx(() => {
        const rows = this.#covered(consentId);
        for (const row of rows) {
          const referral = { ...json<Referral>(row.data), sharingRestricted: true, updatedAt: at };
          this.#run('UPDATE referrals SET data = ?, updated_at = ?, version = version + 1 WHERE id = ?', [
            JSON.stringify(referral),
            at,
            String(row.id),
          ]);
        }
        return rows.map((r) => String(r.id));
      }),
    );
  }

  // Single assessments

  async insertAssessment(assessment: Assessment, effects: WriteEffects): Promise<void> {
    this.#tx(() => {
      this.#insertAssessment(assessment);
      this.#apply(effects);
    });
    return Promise.resolve();
  }

  #insertAssessment(assessment: Assessment): void {
    this.#run(
      'INSERT INTO assessments (id, version, resident_id, referral_id, created_at, data) VALUES (?, ?, ?, ?, ?, ?)',
      [
        assessment.id,
        assessment.version,
        assessment.residentId,
        assessment.referralId,
        assessment.createdAt,
        JSON.stringify(assessment),
      ],
    );
  }

  async getAssessment(id: string, version?: number): Promise<Assessment | null> {
    const row =
      version === undefined
        ? this.#get('SELECT data FROM assessments WHERE id = ? ORDER BY version DESC LIMIT 1', [id])
        : this.#get('SELECT data FROM assessments WHERE id = ? AND version = ?', [id, version]);
    return Promise.resolve(row ? json<Assessment>(row.data) : null);
  }

  async listAssessments(
    subject: { residentId?: string | undefined; referralId?: string | undefined },
    page: PageRequest,
  ): Promise<Page<Assessment>> {
    const where: string[] = ['a.version = (SELECT MAX(version) FROM assessments b WHERE b.id = a.id)'];
    const params: SQLInputValue[] = [];
    if (subject.residentId) {
      where.push('a.resident_id = ?');
      params.push(subject.residentId);
    }
    if (subject.referralId) {
      where.push('a.referral_id = ?');
      params.push(subject.referralId);
    }
    if (page.cursor) {
      const [createdAt, id] = this.cursors.decode(page.cursor, 2);
      where.push('(a.created_at < ? OR (a.created_at = ? AND a.id < ?))');
      params.push(String(createdAt), String(createdAt), String(id));
    }
    const rows = this.#all(
      `SELECT a.id, a.created_at, a.data FROM assessments a WHERE ${where.join(' AND ')} ORDER BY a.created_at DESC, a.id DESC LIMIT ?`,
      [...params, page.limit + 1],
    );
    return Promise.resolve(
      this.#page(
        rows,
        page.limit,
        (r) => json<Assessment>(r.data),
        (r) => [String(r.created_at), String(r.id)],
      ),
    );
  }

  async listAssessmentVersions(id: string, page: PageRequest): Promise<Page<Assessment>> {
    const before = page.cursor ? Number(this.cursors.decode(page.cursor, 1)[0]) : Number.MAX_SAFE_INTEGER;
    const rows = this.#all(
      'SELECT version, data FROM assessments WHERE id = ? AND version < ? ORDER BY version DESC LIMIT ?',
      [id, before, page.limit + 1],
    );
    return Promise.resolve(
      this.#page(
        rows,
        page.limit,
        (r) => json<Assessment>(r.data),
        (r) => [Number(r.version)],
      ),
    );
  }

  // Directory

  async upsertService(service: Service, at: string): Promise<void> {
    this.#tx(() => {
      this.#run('DELETE FROM service_needs WHERE service_id = ?', [service.id]);
      this.#run(
        `INSERT INTO services (id, name, status, updated_at, data) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, status = excluded.status, updated_at = excluded.updated_at, data = excluded.data`,
        [service.id, service.name, service.status, at, JSON.stringify(service)],
      );
      for (const need of service.needs)
        this.#run('INSERT INTO service_needs (service_id, need) VALUES (?, ?)', [service.id, need]);
    });
    return Promise.resolve();
  }

  async getService(id: string): Promise<Service | null> {
    const row = this.#get('SELECT data FROM services WHERE id = ?', [id]);
    return Promise.resolve(row ? json<Service>(row.data) : null);
  }

  /**
   * Services matching words and need. The words are matched by @hubkit/schema's
   * `wordMatchScore` (the rule the mocks use too: compounds, plurals, words as typed), best
   * match first, then by name; the need narrows the rows in SQL first.
   */
  async findServices(filter: ServiceFilter): Promise<Service[]> {
    const params: SQLInputValue[] = [];
    let sql = 'SELECT s.data FROM services s';
    if (filter.need) {
      sql += ' WHERE EXISTS (SELECT 1 FROM service_needs n WHERE n.service_id = s.id AND n.need = ?)';
      params.push(filter.need);
    }
    sql += ' ORDER BY s.name, s.id';
    const services = this.#all(sql, params).map((r) => json<Service>(r.data));
    if (!filter.q || searchWords(filter.q).length === 0) return Promise.resolve(services);
    const q = filter.q;
    return Promise.resolve(
      services
        .map((service, i) => ({ service, i, score: wordMatchScore(service, q) }))
        .filter((m) => m.score > 0)
        .sort((a, b) => b.score - a.score || a.i - b.i)
        .map((m) => m.service),
    );
  }

  async countServices(): Promise<number> {
    return Promise.resolve(Number(this.#get('SELECT COUNT(*) AS n FROM services')?.n ?? 0));
  }

  // Webhooks

  async insertWebhookEndpoint(endpoint: StoredWebhookEndpoint, effects: WriteEffects): Promise<void> {
    this.#tx(() => {
      this.#run(
        'INSERT INTO webhook_endpoints (id, url, events, description, secret, enabled, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        [
          endpoint.id,
          endpoint.url,
          JSON.stringify(endpoint.events),
          endpoint.description ?? null,
          endpoint.secret,
          endpoint.enabled ? 1 : 0,
          endpoint.createdAt,
        ],
      );
      this.#apply(effects);
    });
    return Promise.resolve();
  }

  #endpoint(row: Row): StoredWebhookEndpoint {
    return {
      id: String(row.id),
      url: String(row.url),
      events: json<WebhookEventType[]>(row.events),
      ...(row.description === null ? {} : { description: String(row.description) }),
      enabled: Number(row.enabled) === 1,
      createdAt: String(row.created_at),
      secret: String(row.secret),
    };
  }

  async getWebhookEndpoint(id: string): Promise<StoredWebhookEndpoint | null> {
    const row = this.#get('SELECT * FROM webhook_endpoints WHERE id = ? AND deleted_at IS NULL', [id]);
    return Promise.resolve(row ? this.#endpoint(row) : null);
  }

  async listWebhookEndpoints(page: PageRequest): Promise<Page<StoredWebhookEndpoint>> {
    const params: SQLInputValue[] = [];
    let where = 'deleted_at IS NULL';
    if (page.cursor) {
      const [createdAt, id] = this.cursors.decode(page.cursor, 2);
      where += ' AND (created_at < ? OR (created_at = ? AND id < ?))';
      params.push(String(createdAt), String(createdAt), String(id));
    }
    const rows = this.#all(
      `SELECT * FROM webhook_endpoints WHERE ${where} ORDER BY created_at DESC, id DESC LIMIT ?`,
      [...params, page.limit + 1],
    );
    return Promise.resolve(
      this.#page(
        rows,
        page.limit,
        (r) => this.#endpoint(r),
        (r) => [String(r.created_at), String(r.id)],
      ),
    );
  }

  async deleteWebhookEndpoint(id: string, at: string): Promise<boolean> {
    return Promise.resolve(
      this.#tx(() => {
        const { changes } = this.#run(
          'UPDATE webhook_endpoints SET deleted_at = ?, enabled = 0 WHERE id = ? AND deleted_at IS NULL',
          [at, id],
        );
        // Nothing more is sent to a deleted endpoint.
        this.#run(
          `UPDATE webhook_deliveries SET status = 'failed', error = 'endpoint deleted', next_attempt_at = NULL WHERE endpoint_id = ? AND status = 'pending'`,
          [id],
        );
        return changes === 1;
      }),
    );
  }

  #delivery(row: Row): WebhookDelivery {
    return {
      id: String(row.id),
      endpointId: String(row.endpoint_id),
      eventId: String(row.event_id),
      eventType: row.event_type as WebhookDelivery['eventType'],
      attempt: Number(row.attempt),
      status: row.status as WebhookDelivery['status'],
      responseStatus: row.response_status === null ? null : Number(row.response_status),
      error: row.error === null ? null : String(row.error),
      attemptedAt: String(row.attempted_at ?? row.created_at),
      nextAttemptAt: row.next_attempt_at === null ? null : String(row.next_attempt_at),
    };
  }

  async dueDeliveries(now: string, limit: number): Promise<DueDelivery[]> {
    const rows = this.#all(
      `SELECT d.*, e.data AS event_data, w.id AS w_id, w.url, w.events, w.description, w.secret, w.enabled, w.created_at AS w_created_at
       FROM webhook_deliveries d
       JOIN events e ON e.id = d.event_id
       JOIN webhook_endpoints w ON w.id = d.endpoint_id
       WHERE d.status = 'pending' AND d.next_attempt_at <= ? AND w.deleted_at IS NULL
       ORDER BY d.next_attempt_at LIMIT ?`,
      [now, limit],
    );
    return Promise.resolve(
      rows.map((row) => ({
        delivery: this.#delivery(row),
        event: json<WebhookEvent>(row.event_data),
        endpoint: this.#endpoint({ ...row, id: row.w_id ?? null, created_at: row.w_created_at ?? null }),
      })),
    );
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
    this.#tx(() => {
      const row = this.#get('SELECT * FROM webhook_deliveries WHERE id = ?', [deliveryId]);
      if (row?.status !== 'pending') return;
      this.#run(
        'UPDATE webhook_deliveries SET status = ?, response_status = ?, error = ?, attempted_at = ?, next_attempt_at = NULL WHERE id = ?',
        [result.status, result.responseStatus, result.error, result.at, deliveryId],
      );
      if (result.status === 'failed' && retryAt) {
        this.#run(
          `INSERT INTO webhook_deliveries (id, endpoint_id, event_id, event_type, attempt, status, next_attempt_at, created_at)
           VALUES (?, ?, ?, ?, ?, 'pending', ?, ?)`,
          [
            nextId,
            row.endpoint_id ?? null,
            row.event_id ?? null,
            row.event_type ?? null,
            Number(row.attempt) + 1,
            retryAt,
            result.at,
          ],
        );
      }
    });
    return Promise.resolve();
  }

  async listDeliveries(endpointId: string, page: PageRequest): Promise<Page<WebhookDelivery>> {
    const params: SQLInputValue[] = [endpointId];
    let where = 'endpoint_id = ?';
    if (page.cursor) {
      const [createdAt, id] = this.cursors.decode(page.cursor, 2);
      where += ' AND (created_at < ? OR (created_at = ? AND id < ?))';
      params.push(String(createdAt), String(createdAt), String(id));
    }
    const rows = this.#all(
      `SELECT * FROM webhook_deliveries WHERE ${where} ORDER BY created_at DESC, id DESC LIMIT ?`,
      [...params, page.limit + 1],
    );
    return Promise.resolve(
      this.#page(
        rows,
        page.limit,
        (r) => this.#delivery(r),
        (r) => [String(r.created_at), String(r.id)],
      ),
    );
  }

  async subscribedEndpoints(type: WebhookEventType): Promise<number> {
    const rows = this.#all('SELECT events FROM webhook_endpoints WHERE enabled = 1 AND deleted_at IS NULL');
    return Promise.resolve(rows.filter((r) => json<string[]>(r.events).includes(type)).length);
  }

  // Audit trail

  async insertAudit(events: readonly AuditEvent[]): Promise<void> {
    if (events.length === 0) return Promise.resolve();
    this.#tx(() => {
      for (const e of events) {
        this.#run(
          `INSERT INTO audit_events (id, at, key_id, key_type, action, resource_type, resource_id, request_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          [e.id, e.at, e.keyId, e.keyType, e.action, e.resourceType, e.resourceId, e.requestId],
        );
      }
    });
    return Promise.resolve();
  }

  async listAudit(filter: AuditFilter, page: PageRequest): Promise<Page<AuditEvent>> {
    const where: string[] = [];
    const params: SQLInputValue[] = [];
    if (filter.resourceType) {
      where.push('resource_type = ?');
      params.push(filter.resourceType);
    }
    if (filter.resourceId) {
      where.push('resource_id = ?');
      params.push(filter.resourceId);
    }
    if (filter.since) {
      where.push('at >= ?');
      params.push(filter.since);
    }
    if (page.cursor) {
      where.push('seq < ?');
      params.push(Number(this.cursors.decode(page.cursor, 1)[0]));
    }
    const rows = this.#all(
      `SELECT * FROM audit_events ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`,
      [...params, page.limit + 1],
    );
    return Promise.resolve(
      this.#page(
        rows,
        page.limit,
        (r): AuditEvent => ({
          id: String(r.id),
          at: String(r.at),
          keyId: String(r.key_id),
          keyType: r.key_type as AuditEvent['keyType'],
          action: r.action as AuditEvent['action'],
          resourceType: r.resource_type as AuditEvent['resourceType'],
          resourceId: r.resource_id === null ? null : String(r.resource_id),
          requestId: String(r.request_id),
        }),
        (r) => [Number(r.seq)],
      ),
    );
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
    if (this.#db.isOpen) this.#db.close();
    return Promise.resolve();
  }
}
