/**
 * API keys and Idempotency-Key claims and answers on PostgreSQL: the first aggregate of the
 * PostgreSQL store (issue 15), as store/keys.ts is the SQLite store's.
 *
 * Several hub processes share the table, so a claim is never read and then written: it is one
 * `INSERT … ON CONFLICT DO UPDATE … WHERE` on the key's primary key, which PostgreSQL runs
 * atomically against the committed row. Of two processes claiming a key at once, the second
 * waits for the first's insert to commit, finds a live claim and is told `in_flight`.
 */
import {
  IdempotencyClaimLost,
  type ApiKeyRecord,
  type IdempotencyBegin,
  type IdempotencyClaim,
  type IdempotencyCompletion,
  type KeyRateLimit,
  type Store,
} from '@hubkit/hub';
import { keyColumns } from '../keys.ts';
import type { PgDb, Queryable } from './db.ts';
import type { Step } from './statement.ts';

interface KeyRow {
  id: string;
  kind: ApiKeyRecord['kind'];
  role: ApiKeyRecord['role'];
  name: string;
  hash: string;
  prefix: string;
  allowed_origins: string[];
  service_ids: string[];
  created_at: string;
  revoked_at: string | null;
  rate_limit: KeyRateLimit | null;
}

const keyOf = (row: KeyRow): ApiKeyRecord => ({
  id: row.id,
  kind: row.kind,
  role: row.role,
  name: row.name,
  hash: row.hash,
  prefix: row.prefix,
  allowedOrigins: row.allowed_origins,
  serviceIds: row.service_ids,
  createdAt: row.created_at,
  revokedAt: row.revoked_at,
  rateLimit: row.rate_limit,
});

/**
 * A write's first step: the request's claim on its Idempotency-Key, locked for the statement if
 * this request still holds it (none, so nothing is written, if it lapsed and was taken over).
 */
export const claimStep = ({ keyId, key, token }: IdempotencyCompletion): Step => ({
  as: 'claim',
  sql: `SELECT 1 FROM idempotency_keys
         WHERE key_id = $1 AND idempotency_key = $2 AND state = 'in_flight' AND claim_token = $3 FOR UPDATE`,
  params: [keyId, key, token],
});

/** A write's last step: the answer stored for its claim, if the step `gate` wrote its record. */
export const completionStep = (
  { keyId, key, token, status, body }: IdempotencyCompletion,
  gate: string | null,
): Step => ({
  as: 'done',
  sql: `UPDATE idempotency_keys SET state = 'done', status = $1, body = $2, claim_holder = NULL, claim_until = NULL
         WHERE key_id = $3 AND idempotency_key = $4 AND state = 'in_flight' AND claim_token = $5${gate === null ? '' : ` AND EXISTS (SELECT 1 FROM ${gate})`}
        RETURNING 1`,
  params: [status, body, keyId, key, token],
});

/** Stores the answer for a claim still held; inside a write's transaction, losing it rolls the write back. */
export async function completeIdempotent(
  tx: Queryable,
  { keyId, key, token, status, body }: IdempotencyCompletion,
): Promise<void> {
  const { rowCount } = await tx.query(
    'idempotency_complete',
    `UPDATE idempotency_keys SET state = 'done', status = $1, body = $2, claim_holder = NULL, claim_until = NULL
      WHERE key_id = $3 AND idempotency_key = $4 AND state = 'in_flight' AND claim_token = $5`,
    [status, body, keyId, key, token],
  );
  if (rowCount !== 1) throw new IdempotencyClaimLost();
}

export type KeysAndIdempotency = Pick<
  Store,
  | 'insertKey'
  | 'findKeyByHash'
  | 'listKeys'
  | 'revokeKey'
  | 'setKeyRateLimit'
  | 'keysVersion'
  | 'beginIdempotent'
  | 'completeIdempotent'
  | 'releaseIdempotent'
  | 'clearStaleClaims'
  | 'purgeIdempotency'
>;

export class PostgresKeys implements KeysAndIdempotency {
  readonly #db: PgDb;

  constructor(db: PgDb) {
    this.#db = db;
  }

  async insertKey(key: ApiKeyRecord): Promise<void> {
    await this.#db.query(
      'keys_insert',
      `INSERT INTO api_keys (id, kind, role, name, hash, prefix, allowed_origins, service_ids, created_at, revoked_at, rate_limit)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      keyColumns(key),
    );
  }

  async findKeyByHash(hash: string): Promise<ApiKeyRecord | null> {
    const { rows } = await this.#db.query<KeyRow>('keys_by_hash', 'SELECT * FROM api_keys WHERE hash = $1', [
      hash,
    ]);
    return rows[0] ? keyOf(rows[0]) : null;
  }

  async listKeys(): Promise<ApiKeyRecord[]> {
    const { rows } = await this.#db.query<KeyRow>(
      'keys_list',
      'SELECT * FROM api_keys ORDER BY created_at, id',
    );
    return rows.map(keyOf);
  }

  async revokeKey(id: string, at: string): Promise<boolean> {
    const { rowCount } = await this.#db.query(
      'keys_revoke',
      'UPDATE api_keys SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL',
      [at, id],
    );
    return rowCount === 1;
  }

  async setKeyRateLimit(id: string, rateLimit: KeyRateLimit | null): Promise<boolean> {
    const limit = rateLimit
      ? JSON.stringify({ perSecond: rateLimit.perSecond, burst: rateLimit.burst })
      : null;
    const { rowCount } = await this.#db.query(
      'keys_set_rate',
      'UPDATE api_keys SET rate_limit = $1 WHERE id = $2 AND revoked_at IS NULL',
      [limit, id],
    );
    return rowCount === 1;
  }

  /** Moved by a trigger on every change to the keys, by any process on the database. */
  async keysVersion(): Promise<number> {
    const { rows } = await this.#db.query<{ version: string }>(
      'keys_version',
      'SELECT version FROM api_keys_version WHERE id = 1',
    );
    return Number(rows[0]?.version);
  }

  async beginIdempotent(
    keyId: string,
    key: string,
    requestHash: string,
    now: string,
    expiresAt: string,
    claim: IdempotencyClaim,
  ): Promise<IdempotencyBegin> {
    // A claimed key released between the two statements is claimed again: a few tries at most.
    for (let attempt = 0; attempt < 3; attempt += 1) {
      // Takes the key when it is new, its answer expired, or its claim lapsed (or predates lapsing).
      const claimed = await this.#db.query(
        'idempotency_claim',
        `INSERT INTO idempotency_keys
           (key_id, idempotency_key, request_hash, state, created_at, expires_at, claim_token, claim_holder, claim_until)
         VALUES ($1, $2, $3, 'in_flight', $4, $5, $6, $7, $8)
         ON CONFLICT (key_id, idempotency_key) DO UPDATE SET
           request_hash = EXCLUDED.request_hash, state = 'in_flight', status = NULL, body = NULL,
           created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at,
           claim_token = EXCLUDED.claim_token, claim_holder = EXCLUDED.claim_holder, claim_until = EXCLUDED.claim_until
         WHERE idempotency_keys.expires_at <= EXCLUDED.created_at
            OR (idempotency_keys.state = 'in_flight'
                AND (idempotency_keys.claim_until IS NULL OR idempotency_keys.claim_until <= EXCLUDED.created_at))`,
        [keyId, key, requestHash, now, expiresAt, claim.token, claim.holder, claim.until],
      );
      if (claimed.rowCount === 1) return { state: 'started' };
      const { rows } = await this.#db.query<{
        state: string;
        request_hash: string;
        status: number;
        body: string;
      }>(
        'idempotency_read',
        'SELECT state, request_hash, status, body FROM idempotency_keys WHERE key_id = $1 AND idempotency_key = $2',
        [keyId, key],
      );
      const existing = rows[0];
      if (!existing) continue;
      return existing.state === 'done'
        ? { state: 'done', requestHash: existing.request_hash, status: existing.status, body: existing.body }
        : { state: 'in_flight' };
    }
    return { state: 'in_flight' };
  }

  async completeIdempotent(completion: IdempotencyCompletion): Promise<void> {
    await completeIdempotent(this.#db, completion);
  }

  async releaseIdempotent(keyId: string, key: string, token: string): Promise<void> {
    await this.#db.query(
      'idempotency_release',
      `DELETE FROM idempotency_keys WHERE key_id = $1 AND idempotency_key = $2 AND state = 'in_flight' AND claim_token = $3`,
      [keyId, key, token],
    );
  }

  async clearStaleClaims(now: string, isGone: (holder: string) => boolean): Promise<number> {
    const { rows } = await this.#db.query<{
      key_id: string;
      idempotency_key: string;
      claim_token: string | null;
      claim_holder: string | null;
      claim_until: string | null;
    }>(
      'idempotency_in_flight',
      `SELECT key_id, idempotency_key, claim_token, claim_holder, claim_until FROM idempotency_keys WHERE state = 'in_flight'`,
    );
    // Chosen here (isGone is the caller's); each is dropped only if it is still the same claim.
    const stale = rows.filter(
      (row) => row.claim_until === null || row.claim_until <= now || isGone(String(row.claim_holder)),
    );
    if (stale.length === 0) return 0;
    const { rowCount } = await this.#db.query(
      'idempotency_clear',
      `DELETE FROM idempotency_keys k USING unnest($1::text[], $2::text[], $3::text[]) AS s (key_id, idempotency_key, claim_token)
        WHERE k.key_id = s.key_id AND k.idempotency_key = s.idempotency_key AND k.state = 'in_flight'
          AND k.claim_token IS NOT DISTINCT FROM s.claim_token`,
      [stale.map((r) => r.key_id), stale.map((r) => r.idempotency_key), stale.map((r) => r.claim_token)],
    );
    return rowCount ?? 0;
  }

  async purgeIdempotency(now: string): Promise<number> {
    const { rowCount } = await this.#db.query(
      'idempotency_purge',
      `DELETE FROM idempotency_keys
        WHERE expires_at <= $1 OR (state = 'in_flight' AND (claim_until IS NULL OR claim_until <= $1))`,
      [now],
    );
    return rowCount ?? 0;
  }
}
