/** API keys and Idempotency-Key claims and answers. */
import type { Db, Row } from './db.ts';
import { json } from './db.ts';
import type {
  ApiKeyRecord,
  IdempotencyBegin,
  IdempotencyClaim,
  IdempotencyCompletion,
  KeyRateLimit,
} from '@hubkit/hub';
import { IdempotencyClaimLost } from '@hubkit/hub';

// Keys

/** A key's columns as both stores insert them: id, kind, role, name, hash, prefix, allowed_origins, service_ids, created_at, revoked_at, rate_limit. */
export function keyColumns(key: ApiKeyRecord): (string | null)[] {
  return [
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
    key.rateLimit ? JSON.stringify(key.rateLimit) : null,
  ];
}

export function insertKey(db: Db, key: ApiKeyRecord): void {
  db.run(
    `INSERT INTO api_keys (id, kind, role, name, hash, prefix, allowed_origins, service_ids, created_at, revoked_at, rate_limit)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    keyColumns(key),
  );
}

function keyOf(row: Row): ApiKeyRecord {
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
    rateLimit: row.rate_limit == null ? null : json<KeyRateLimit>(row.rate_limit),
  };
}

export function findKeyByHash(db: Db, hash: string): ApiKeyRecord | null {
  const row = db.get('SELECT * FROM api_keys WHERE hash = ?', [hash]);
  return row ? keyOf(row) : null;
}

export function listKeys(db: Db): ApiKeyRecord[] {
  return db.all('SELECT * FROM api_keys ORDER BY created_at, id').map(keyOf);
}

/** A counter moved by triggers on every change to the keys, by any process on the database. */
export function keysVersion(db: Db): number {
  return Number(db.get('SELECT version FROM api_keys_version WHERE id = 1')?.version);
}

export function setKeyRateLimit(db: Db, id: string, rateLimit: KeyRateLimit | null): boolean {
  const limit = rateLimit ? JSON.stringify({ perSecond: rateLimit.perSecond, burst: rateLimit.burst }) : null;
  return (
    db.run('UPDATE api_keys SET rate_limit = ? WHERE id = ? AND revoked_at IS NULL', [limit, id]).changes ===
    1
  );
}

export function revokeKey(db: Db, id: string, at: string): boolean {
  return (
    db.run('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [at, id]).changes === 1
  );
}

// Idempotency

export function beginIdempotent(
  db: Db,
  keyId: string,
  key: string,
  requestHash: string,
  now: string,
  expiresAt: string,
  claim: IdempotencyClaim,
): IdempotencyBegin {
  const existing = db.get('SELECT * FROM idempotency_keys WHERE key_id = ? AND idempotency_key = ?', [
    keyId,
    key,
  ]);
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
    if (existing.claim_until !== null && String(existing.claim_until) > now) return { state: 'in_flight' };
  }
  db.run(
    `INSERT OR REPLACE INTO idempotency_keys
       (key_id, idempotency_key, request_hash, state, created_at, expires_at, claim_token, claim_holder, claim_until)
     VALUES (?, ?, ?, 'in_flight', ?, ?, ?, ?, ?)`,
    [keyId, key, requestHash, now, expiresAt, claim.token, claim.holder, claim.until],
  );
  return { state: 'started' };
}

/** Inside the write's transaction: no longer holding the claim rolls the whole write back. */
export function completeIdempotent(db: Db, { keyId, key, token, status, body }: IdempotencyCompletion): void {
  const { changes } = db.run(
    `UPDATE idempotency_keys SET state = 'done', status = ?, body = ?, claim_holder = NULL, claim_until = NULL
     WHERE key_id = ? AND idempotency_key = ? AND state = 'in_flight' AND claim_token = ?`,
    [status, body, keyId, key, token],
  );
  if (changes !== 1) throw new IdempotencyClaimLost();
}

export function releaseIdempotent(db: Db, keyId: string, key: string, token: string): void {
  db.run(
    `DELETE FROM idempotency_keys WHERE key_id = ? AND idempotency_key = ? AND state = 'in_flight' AND claim_token = ?`,
    [keyId, key, token],
  );
}

/** A claim in flight: its key, its token, who holds it and until when. */
export interface InFlightClaim {
  keyId: string | null;
  key: string | null;
  token: string | null;
  holder: string;
  until: string | null;
}

export function inFlightClaims(db: Db): InFlightClaim[] {
  return db
    .all(
      `SELECT key_id, idempotency_key, claim_token, claim_holder, claim_until FROM idempotency_keys WHERE state = 'in_flight'`,
    )
    .map((row) => ({
      keyId: row.key_id === null ? null : String(row.key_id),
      key: row.idempotency_key === null ? null : String(row.idempotency_key),
      token: row.claim_token === null ? null : String(row.claim_token),
      holder: String(row.claim_holder),
      until: row.claim_until === null ? null : String(row.claim_until),
    }));
}

/** Drops these claims if they are still in flight under the same token; returns how many. */
export function clearClaims(db: Db, claims: readonly InFlightClaim[]): number {
  let cleared = 0;
  for (const claim of claims) {
    cleared += db.run(
      `DELETE FROM idempotency_keys WHERE key_id = ? AND idempotency_key = ? AND state = 'in_flight' AND claim_token IS ?`,
      [claim.keyId, claim.key, claim.token],
    ).changes;
  }
  return cleared;
}

export function purgeIdempotency(db: Db, now: string): number {
  return db.run(
    `DELETE FROM idempotency_keys WHERE expires_at <= ? OR (state = 'in_flight' AND (claim_until IS NULL OR claim_until <= ?))`,
    [now, now],
  ).changes;
}
