/**
 * Versioned migrations, applied in order at start, each in its own transaction. Never edit a
 * migration that has shipped: add the next one.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { poundsToPence, type Service } from '@hubkit/schema';
import { AREA_WORDS_SQL, DIRECTORY_INDEX_SQL, indexAreaWords, indexService } from './directory.ts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** A change SQL cannot say well, made after `sql` in the same transaction. */
  run?: (db: DatabaseSync) => void;
}

/**
 * `value` with every amount of money in it (`{ amount, currency: 'GBP', frequency }`) turned
 * from decimal pounds into whole pence; null when it holds none.
 */
export function moneyInPence(value: unknown): unknown {
  let amounts = 0;
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (node === null || typeof node !== 'object') return node;
    const entries = Object.entries(node).map(([k, v]) => [k, walk(v)] as const);
    const object = Object.fromEntries(entries) as Record<string, unknown>;
    if (
      object.currency === 'GBP' &&
      typeof object.amount === 'number' &&
      typeof object.frequency === 'string'
    ) {
      amounts += 1;
      // The old schema held amounts to the penny; a stray fraction of a penny is rounded.
      object.amount = poundsToPence(object.amount) ?? Math.round(object.amount * 100);
    }
    return object;
  };
  const result = walk(value);
  return amounts > 0 ? result : null;
}

/** Rewrites the JSON in `column` of `table` that holds money, with amounts in pence. */
function penceIn(db: DatabaseSync, table: string, column: string): void {
  const rows = db
    .prepare(`SELECT rowid AS row, ${column} AS json FROM ${table} WHERE ${column} LIKE '%"currency":"GBP"%'`)
    .all();
  const update = db.prepare(`UPDATE ${table} SET ${column} = ? WHERE rowid = ?`);
  for (const { row, json } of rows as { row: number; json: string }[]) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch {
      continue; // Not JSON: nothing this migration knows how to read.
    }
    const converted = moneyInPence(parsed);
    if (converted !== null) update.run(JSON.stringify(converted), row);
  }
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'initial',
    sql: `
      CREATE TABLE api_keys (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('publishable', 'secret')),
        role TEXT NOT NULL CHECK (role IN ('referrer', 'hub', 'provider')),
        name TEXT NOT NULL,
        hash TEXT NOT NULL UNIQUE,
        prefix TEXT NOT NULL,
        allowed_origins TEXT NOT NULL DEFAULT '[]',
        created_at TEXT NOT NULL,
        revoked_at TEXT
      );
      CREATE TABLE idempotency_keys (
        key_id TEXT NOT NULL,
        idempotency_key TEXT NOT NULL,
        request_hash TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('in_flight', 'done')),
        status INTEGER,
        body TEXT,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        PRIMARY KEY (key_id, idempotency_key)
      );
      CREATE INDEX idempotency_expiry ON idempotency_keys (expires_at);
      CREATE TABLE referrals (
        id TEXT PRIMARY KEY,
        reference TEXT NOT NULL UNIQUE,
        resident_id TEXT NOT NULL,
        nhs_number TEXT,
        status TEXT NOT NULL,
        priority TEXT NOT NULL,
        referrer_type TEXT NOT NULL,
        district TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        version INTEGER NOT NULL,
        data TEXT NOT NULL
      );
      CREATE INDEX referrals_created ON referrals (created_at DESC, id DESC);
      CREATE INDEX referrals_status ON referrals (status, created_at DESC);
      CREATE INDEX referrals_updated ON referrals (updated_at);
      CREATE INDEX referrals_nhs ON referrals (nhs_number) WHERE nhs_number IS NOT NULL;
      CREATE TABLE referral_needs (
        referral_id TEXT NOT NULL REFERENCES referrals (id),
        need TEXT NOT NULL,
        PRIMARY KEY (referral_id, need)
      );
      CREATE INDEX referral_needs_need ON referral_needs (need);
      CREATE TABLE referral_outcomes (
        referral_id TEXT NOT NULL REFERENCES referrals (id),
        need TEXT NOT NULL,
        code TEXT NOT NULL,
        recorded_at TEXT NOT NULL
      );
      CREATE TABLE consents (
        id TEXT PRIMARY KEY,
        referral_id TEXT,
        created_by_key TEXT NOT NULL,
        status TEXT NOT NULL,
        created_at TEXT NOT NULL,
        data TEXT NOT NULL
      );
      CREATE INDEX consents_referral ON consents (referral_id);
      CREATE TABLE assessments (
        id TEXT NOT NULL,
        version INTEGER NOT NULL,
        resident_id TEXT NOT NULL,
        referral_id TEXT,
        created_at TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (id, version)
      );
      CREATE INDEX assessments_resident ON assessments (resident_id);
      CREATE INDEX assessments_referral ON assessments (referral_id);
      CREATE TABLE services (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        status TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        data TEXT NOT NULL
      );
      CREATE TABLE service_needs (
        service_id TEXT NOT NULL REFERENCES services (id),
        need TEXT NOT NULL,
        PRIMARY KEY (service_id, need)
      );
      CREATE VIRTUAL TABLE services_fts USING fts5 (
        id UNINDEXED, name, description, organisation, terms, tokenize = 'porter unicode61'
      );
      CREATE TABLE events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        type TEXT NOT NULL,
        referral_id TEXT,
        created_at TEXT NOT NULL,
        data TEXT NOT NULL
      );
      CREATE INDEX events_referral ON events (referral_id, seq);
      CREATE TABLE webhook_endpoints (
        id TEXT PRIMARY KEY,
        url TEXT NOT NULL,
        events TEXT NOT NULL,
        description TEXT,
        secret TEXT NOT NULL,
        enabled INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        deleted_at TEXT
      );
      CREATE TABLE webhook_deliveries (
        id TEXT PRIMARY KEY,
        endpoint_id TEXT NOT NULL REFERENCES webhook_endpoints (id),
        event_id TEXT NOT NULL,
        event_type TEXT NOT NULL,
        attempt INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
        response_status INTEGER,
        error TEXT,
        attempted_at TEXT,
        next_attempt_at TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX deliveries_due ON webhook_deliveries (status, next_attempt_at);
      CREATE INDEX deliveries_endpoint ON webhook_deliveries (endpoint_id, created_at DESC);
      CREATE TABLE audit_events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        at TEXT NOT NULL,
        key_id TEXT NOT NULL,
        key_type TEXT NOT NULL,
        action TEXT NOT NULL,
        resource_type TEXT NOT NULL,
        resource_id TEXT,
        request_id TEXT NOT NULL
      );
      CREATE INDEX audit_resource ON audit_events (resource_type, resource_id);
    `,
  },
  {
    version: 2,
    name: 'provider keys see their own services only',
    sql: `ALTER TABLE api_keys ADD COLUMN service_ids TEXT NOT NULL DEFAULT '[]';`,
  },
  {
    version: 3,
    name: 'secret keys for referring partners',
    // SQLite cannot change a CHECK constraint in place: copy the table with the wider one.
    sql: `
      CREATE TABLE api_keys_v3 (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('publishable', 'secret')),
        role TEXT NOT NULL CHECK (role IN ('referrer', 'hub', 'provider')),
        name TEXT NOT NULL,
        hash TEXT NOT NULL UNIQUE,
        prefix TEXT NOT NULL,
        allowed_origins TEXT NOT NULL DEFAULT '[]',
        service_ids TEXT NOT NULL DEFAULT '[]',
        created_at TEXT NOT NULL,
        revoked_at TEXT,
        CHECK (kind = 'secret' OR role = 'referrer')
      );
      INSERT INTO api_keys_v3 SELECT id, kind, role, name, hash, prefix, allowed_origins, service_ids, created_at, revoked_at FROM api_keys;
      DROP TABLE api_keys;
      ALTER TABLE api_keys_v3 RENAME TO api_keys;
    `,
  },
  {
    version: 4,
    name: 'idempotency claims lapse after the request timeout',
    // A claim left by a process that died must not hold its key for a day: each claim says who
    // holds it (token, process) and until when. Claims from before have none and count as lapsed.
    sql: `
      ALTER TABLE idempotency_keys ADD COLUMN claim_token TEXT;
      ALTER TABLE idempotency_keys ADD COLUMN claim_holder TEXT;
      ALTER TABLE idempotency_keys ADD COLUMN claim_until TEXT;
    `,
  },
  {
    version: 5,
    name: 'hub secrets (the page cursor signing key)',
    sql: `CREATE TABLE hub_secrets (name TEXT PRIMARY KEY, value TEXT NOT NULL);`,
  },
  {
    version: 6,
    name: 'no full-text index of services (the finder matches words with the schema)',
    // Nothing reads services_fts since search moved to @hubkit/schema's matchesWords and
    // wordMatchScore; dropping the FTS5 table drops its shadow tables too (it had no triggers:
    // the store wrote it itself).
    sql: `DROP TABLE IF EXISTS services_fts;`,
  },
  {
    version: 7,
    name: 'money in whole pence',
    // Outcome amounts were decimal pounds (86.4); the API now carries whole pence (8640). They
    // live in the referrals' JSON, and in the responses kept for idempotent replays.
    sql: '',
    run: (db) => {
      penceIn(db, 'referrals', 'data');
      penceIn(db, 'idempotency_keys', 'body');
    },
  },
  {
    version: 8,
    name: 'directory indexes: words (FTS5), places, areas, needs, terms; postcodes',
    // Every list and search read every service in JavaScript (issue 14); the services already
    // stored are indexed here, as upsertService indexes each one from now on.
    sql: DIRECTORY_INDEX_SQL,
    run: (db) => {
      for (const row of db.prepare('SELECT data FROM services').all())
        indexService((sql) => db.prepare(sql), JSON.parse(String(row.data)) as Service);
    },
  },
  {
    version: 9,
    name: 'a resident by NHS number without sorting their referrals',
    // residentIdForNhsNumber takes the first referral made with an NHS number: with the index on
    // the number alone, every create sorted all the referrals of that person (issue 14's profile).
    sql: `
      CREATE INDEX referrals_nhs_created ON referrals (nhs_number, created_at) WHERE nhs_number IS NOT NULL;
      DROP INDEX referrals_nhs;
    `,
  },
  {
    version: 10,
    name: 'keys: their own rate limit, and a change counter for caches of them',
    // The counter is kept by triggers, so that a key created or revoked by any process (the CLI
    // beside a running hub) moves it; a hub's cache of allowed origins reads it before trusting itself.
    sql: `
      ALTER TABLE api_keys ADD COLUMN rate_limit TEXT;
      CREATE TABLE api_keys_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL);
      INSERT INTO api_keys_version (id, version) VALUES (1, 0);
      CREATE TRIGGER api_keys_inserted AFTER INSERT ON api_keys
        BEGIN UPDATE api_keys_version SET version = version + 1 WHERE id = 1; END;
      CREATE TRIGGER api_keys_updated AFTER UPDATE ON api_keys
        BEGIN UPDATE api_keys_version SET version = version + 1 WHERE id = 1; END;
      CREATE TRIGGER api_keys_deleted AFTER DELETE ON api_keys
        BEGIN UPDATE api_keys_version SET version = version + 1 WHERE id = 1; END;
    `,
  },
  {
    version: 11,
    name: 'directory words: prefix indexes up to eight letters',
    // A typed word is a prefix query: with prefix indexes of two and three letters only, FTS5
    // merged the list of every indexed word starting with a longer one ("advice" in the names
    // of 10,000 services: 0.9 ms; with these, 0.3 ms). The words are copied across as they are.
    sql: ['name', 'other', 'description']
      .map(
        (field) => `
      CREATE VIRTUAL TABLE service_words_${field}_new USING fts5 (words, tokenize = 'ascii', prefix = '2 3 4 5 6 7 8', detail = none);
      INSERT INTO service_words_${field}_new (rowid, words) SELECT rowid, words FROM service_words_${field};
      DROP TABLE service_words_${field};
      ALTER TABLE service_words_${field}_new RENAME TO service_words_${field};`,
      )
      .join(''),
  },
  {
    version: 12,
    name: 'directory: a change counter for caches of it',
    // As the keys' counter (10): kept by triggers, so that an import by another process (the CLI
    // beside a running hub) moves it too; the ORUK endpoints' derived lists read it before trusting themselves.
    sql: `
      CREATE TABLE services_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL);
      INSERT INTO services_version (id, version) VALUES (1, 0);
      ${[
        ['inserted', 'INSERT'],
        ['updated', 'UPDATE'],
        ['deleted', 'DELETE'],
      ]
        .map(
          ([name, event]) => `CREATE TRIGGER services_${name} AFTER ${event} ON services
        BEGIN UPDATE services_version SET version = version + 1 WHERE id = 1; END;`,
        )
        .join('\n')}
    `,
  },
  {
    version: 13,
    name: 'directory words by area',
    // A search by postcode with words read, for each word, the list of every service holding it,
    // to keep its own area's few (issue 14): each area's words now have lists of their own.
    sql: AREA_WORDS_SQL,
    run: (db) => {
      const prepared = new Map<string, StatementSync>();
      const statement = (sql: string): StatementSync => {
        const kept = prepared.get(sql) ?? db.prepare(sql);
        prepared.set(sql, kept);
        return kept;
      };
      for (const row of db.prepare('SELECT rid FROM service_keys').all())
        indexAreaWords(statement, Number(row.rid));
    },
  },
  {
    version: 14,
    name: 'audit trail: the member of staff a staff token read for',
    // The partner's own opaque id for them (never a name): null for reads by a key itself.
    sql: `ALTER TABLE audit_events ADD COLUMN staff_ref TEXT;`,
  },
  {
    version: 15,
    name: "the report's figures from columns written with each referral",
    // The report parsed every referral's JSON several times over (decision 0020): what it reads
    // is now written with the referral (referrals.ts, referralColumns) and filled in here from the
    // JSON of those already stored, as the report defined them. The lists of codes are written
    // out: a migration stays as it shipped, whatever the codes become.
    sql: `
      ALTER TABLE referrals ADD COLUMN submitted_at TEXT;
      ALTER TABLE referrals ADD COLUMN first_contact_at TEXT;
      ALTER TABLE referrals ADD COLUMN closed_at TEXT;
      UPDATE referrals SET
        submitted_at = json_extract(data, '$.submittedAt'),
        first_contact_at = (SELECT MIN(json_extract(h.value, '$.at')) FROM json_each(referrals.data, '$.history') AS h
                             WHERE json_extract(h.value, '$.to') IN ('accepted', 'assigned', 'in_progress')),
        closed_at = (SELECT MIN(json_extract(h.value, '$.at')) FROM json_each(referrals.data, '$.history') AS h
                      WHERE json_extract(h.value, '$.to') = 'closed');
      -- The coded answers only: never the free text beside them (ethnicityDescription).
      CREATE TABLE referral_equality (
        referral_id TEXT NOT NULL REFERENCES referrals (id),
        characteristic TEXT NOT NULL,
        answer TEXT NOT NULL,
        PRIMARY KEY (referral_id, characteristic)
      ) WITHOUT ROWID;
      INSERT INTO referral_equality (referral_id, characteristic, answer)
        SELECT r.id, e.key, e.value FROM referrals r, json_each(r.data, '$.resident.equality') AS e
         WHERE e.type = 'text' AND e.key IN ('ageBand', 'disability', 'genderReassignment', 'maritalStatus',
           'pregnancyMaternity', 'ethnicity', 'religion', 'sex', 'sexualOrientation');
      -- An outcome's amount: its rows are written again from the JSON, as every write of a referral does.
      ALTER TABLE referral_outcomes ADD COLUMN frequency TEXT;
      ALTER TABLE referral_outcomes ADD COLUMN pence INTEGER;
      DELETE FROM referral_outcomes;
      INSERT INTO referral_outcomes (referral_id, need, code, recorded_at, frequency, pence)
        SELECT r.id, json_extract(o.value, '$.need'), json_extract(o.value, '$.code'),
               json_extract(o.value, '$.recordedAt'), json_extract(o.value, '$.amount.frequency'),
               json_extract(o.value, '$.amount.amount')
          FROM referrals r, json_each(r.data, '$.outcomes') AS o;
      -- Each write of a referral clears its outcomes, and the report joins them to it: without
      -- this, both read every outcome.
      CREATE INDEX referral_outcomes_referral ON referral_outcomes (referral_id);
      -- Every column the report counts a referral by, in the order it is made: its queries read
      -- a range of this index and never the referrals' rows.
      CREATE INDEX referrals_report ON referrals (created_at, status, priority, referrer_type, district,
        submitted_at, first_contact_at, closed_at);
    `,
  },
];
