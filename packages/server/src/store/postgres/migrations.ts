/**
 * The PostgreSQL schema's versioned migrations, applied by `hubkit-server migrate` only (never by
 * every hub process at start: with several processes on one database, one applies them while
 * the others wait on its advisory lock, then find nothing to do). Each version is applied in its
 * own transaction and recorded in `schema_migrations`. Never edit a migration that has shipped:
 * add the next one.
 *
 * Version 1 is the SQLite schema as its migration 12 left it (store/migrations.ts), in
 * PostgreSQL's types: `timestamptz` for instants, `jsonb` for records, a weighted `tsvector`
 * with a GIN index for directory words, B-tree indexes on latitude and longitude for a bounding
 * box (no PostGIS, earthdistance or pg_trgm, which a managed PostgreSQL may lack).
 */
import pg from 'pg';
import type { Queryable } from './db.ts';

export interface PostgresMigration {
  version: number;
  name: string;
  sql: string;
}

/**
 * A counter that moves once for each statement that changed rows of `table` (a statement that
 * changed none leaves it), and tells listeners (`NOTIFY channel`): what caches of the table read.
 */
const changeCounter = (table: string, counter: string, channel: string) => `
  CREATE TABLE ${counter} (id integer PRIMARY KEY CHECK (id = 1), version bigint NOT NULL);
  INSERT INTO ${counter} (id, version) VALUES (1, 0);
  CREATE FUNCTION ${counter}_bump() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF EXISTS (SELECT 1 FROM changed) THEN
      UPDATE ${counter} SET version = version + 1 WHERE id = 1;
      PERFORM pg_notify('${channel}', '');
    END IF;
    RETURN NULL;
  END $$;
  ${[
    ['inserted', 'INSERT', 'NEW'],
    ['updated', 'UPDATE', 'NEW'],
    ['deleted', 'DELETE', 'OLD'],
  ]
    .map(
      ([name, event, rows]) => `CREATE TRIGGER ${table}_${name} AFTER ${event} ON ${table}
    REFERENCING ${rows} TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION ${counter}_bump();`,
    )
    .join('\n  ')}`;

export const postgresMigrations: readonly PostgresMigration[] = [
  {
    version: 1,
    name: 'initial: the SQLite schema at its version 12, in PostgreSQL types',
    sql: `
      CREATE TABLE hub_secrets (name text PRIMARY KEY, value text NOT NULL);

      CREATE TABLE api_keys (
        id text PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('publishable', 'secret')),
        role text NOT NULL CHECK (role IN ('referrer', 'hub', 'provider')),
        name text NOT NULL,
        hash text NOT NULL UNIQUE,
        prefix text NOT NULL,
        allowed_origins jsonb NOT NULL DEFAULT '[]',
        service_ids jsonb NOT NULL DEFAULT '[]',
        rate_limit jsonb,
        created_at timestamptz NOT NULL,
        revoked_at timestamptz,
        CHECK (kind = 'secret' OR role = 'referrer')
      );
      ${changeCounter('api_keys', 'api_keys_version', 'hubkit_keys')}

      -- The primary key is what makes the same Idempotency-Key sent to two processes at once
      -- one claim: the second insert conflicts. The stored body is text, not jsonb, so that a
      -- replay is the original response byte for byte.
      CREATE TABLE idempotency_keys (
        key_id text NOT NULL,
        idempotency_key text NOT NULL,
        request_hash text NOT NULL,
        state text NOT NULL CHECK (state IN ('in_flight', 'done')),
        status integer,
        body text,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        claim_token text,
        claim_holder text,
        claim_until timestamptz,
        PRIMARY KEY (key_id, idempotency_key)
      );
      CREATE INDEX idempotency_expiry ON idempotency_keys (expires_at);
      CREATE INDEX idempotency_claims ON idempotency_keys (claim_until) WHERE state = 'in_flight';

      -- What the lists filter on inside a referral's record is kept in generated columns, so
      -- that it is indexed and can never disagree with the record.
      CREATE TABLE referrals (
        id text PRIMARY KEY,
        reference text NOT NULL UNIQUE,
        resident_id text NOT NULL,
        nhs_number text,
        status text NOT NULL,
        priority text NOT NULL,
        referrer_type text NOT NULL,
        district text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        version integer NOT NULL,
        data jsonb NOT NULL,
        made_by_key text GENERATED ALWAYS AS (data #>> '{history,0,by,keyId}') STORED,
        assigned_service text GENERATED ALWAYS AS (data #>> '{assignedService,serviceId}') STORED,
        consent_id text GENERATED ALWAYS AS (data ->> 'consentId') STORED,
        sharing_restricted boolean GENERATED ALWAYS AS (coalesce((data ->> 'sharingRestricted')::boolean, false)) STORED
      );
      CREATE INDEX referrals_created ON referrals (created_at DESC, id DESC);
      CREATE INDEX referrals_status ON referrals (status, created_at DESC);
      CREATE INDEX referrals_updated ON referrals (updated_at);
      CREATE INDEX referrals_resident ON referrals (resident_id);
      CREATE INDEX referrals_nhs_created ON referrals (nhs_number, created_at) WHERE nhs_number IS NOT NULL;
      CREATE INDEX referrals_made_by_key ON referrals (made_by_key, created_at DESC);
      CREATE INDEX referrals_assigned ON referrals (assigned_service, created_at DESC) WHERE assigned_service IS NOT NULL;
      CREATE INDEX referrals_consent ON referrals (consent_id) WHERE consent_id IS NOT NULL;
      CREATE TABLE referral_needs (
        referral_id text NOT NULL REFERENCES referrals (id),
        need text NOT NULL,
        PRIMARY KEY (referral_id, need)
      );
      CREATE INDEX referral_needs_need ON referral_needs (need);
      CREATE TABLE referral_outcomes (
        referral_id text NOT NULL REFERENCES referrals (id),
        need text NOT NULL,
        code text NOT NULL,
        recorded_at timestamptz NOT NULL
      );
      CREATE INDEX referral_outcomes_referral ON referral_outcomes (referral_id);

      CREATE TABLE consents (
        id text PRIMARY KEY,
        referral_id text,
        created_by_key text NOT NULL,
        status text NOT NULL,
        created_at timestamptz NOT NULL,
        data jsonb NOT NULL
      );
      CREATE INDEX consents_referral ON consents (referral_id);

      CREATE TABLE assessments (
        id text NOT NULL,
        version integer NOT NULL,
        resident_id text NOT NULL,
        referral_id text,
        created_at timestamptz NOT NULL,
        data jsonb NOT NULL,
        PRIMARY KEY (id, version)
      );
      CREATE INDEX assessments_resident ON assessments (resident_id, created_at DESC, id DESC);
      CREATE INDEX assessments_referral ON assessments (referral_id, created_at DESC, id DESC);

      -- The directory. The words of a service are written by the store as SQLite's FTS5 tables
      -- hold them (each word, its stem, runs of words written together) into one tsvector, the
      -- name weighted A, other fields B, the description C; a typed word is a prefix query.
      CREATE TABLE services (
        id text PRIMARY KEY,
        name text NOT NULL,
        status text NOT NULL,
        organisation_id text NOT NULL,
        location_count integer NOT NULL,
        located boolean NOT NULL,
        updated_at timestamptz NOT NULL,
        data jsonb NOT NULL,
        words tsvector NOT NULL DEFAULT ''::tsvector
      );
      CREATE INDEX services_by_name ON services (name, id) INCLUDE (status);
      CREATE INDEX services_by_status ON services (status);
      CREATE INDEX services_placeless ON services (located, name, id) INCLUDE (status);
      CREATE INDEX services_by_organisation ON services (organisation_id);
      CREATE INDEX services_words ON services USING gin (words);
      ${changeCounter('services', 'services_version', 'hubkit_services')}
      CREATE TABLE service_needs (
        service_id text NOT NULL REFERENCES services (id),
        need text NOT NULL,
        PRIMARY KEY (service_id, need)
      );
      CREATE INDEX service_needs_by_need ON service_needs (need, service_id);
      CREATE TABLE service_areas (
        service_id text NOT NULL REFERENCES services (id),
        area text NOT NULL,
        PRIMARY KEY (service_id, area)
      );
      CREATE INDEX service_areas_by_area ON service_areas (area, service_id);
      CREATE TABLE service_places (
        service_id text NOT NULL REFERENCES services (id),
        position integer NOT NULL,
        latitude double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
        longitude double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180),
        PRIMARY KEY (service_id, position)
      );
      CREATE INDEX service_places_by_latitude ON service_places (latitude, longitude, service_id);
      CREATE INDEX service_places_by_longitude ON service_places (longitude, latitude, service_id);
      CREATE TABLE service_terms (
        service_id text NOT NULL REFERENCES services (id),
        taxonomy text NOT NULL,
        code text NOT NULL,
        PRIMARY KEY (service_id, taxonomy, code)
      );
      CREATE INDEX service_terms_by_code ON service_terms (taxonomy, code, service_id);
      CREATE TABLE postcodes (
        postcode text PRIMARY KEY,
        latitude double precision NOT NULL,
        longitude double precision NOT NULL
      );

      -- Events and the audit trail are read in the order they were recorded. (An identity is
      -- handed out at insert, not at commit: a list by seq is in commit order only where the
      -- writes it holds were serialised, as a referral's are by its version.)
      CREATE TABLE events (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id text NOT NULL UNIQUE,
        type text NOT NULL,
        referral_id text,
        created_at timestamptz NOT NULL,
        data jsonb NOT NULL
      );
      CREATE INDEX events_referral ON events (referral_id, seq);

      -- The webhook outbox: a process claims due deliveries with FOR UPDATE SKIP LOCKED and
      -- holds them until lease_until, so each is sent by one process, and one whose process died
      -- mid-delivery is due again when its lease lapses.
      CREATE TABLE webhook_endpoints (
        id text PRIMARY KEY,
        url text NOT NULL,
        events jsonb NOT NULL,
        description text,
        secret text NOT NULL,
        enabled boolean NOT NULL,
        created_at timestamptz NOT NULL,
        deleted_at timestamptz
      );
      CREATE TABLE webhook_deliveries (
        id text PRIMARY KEY,
        endpoint_id text NOT NULL REFERENCES webhook_endpoints (id),
        event_id text NOT NULL,
        event_type text NOT NULL,
        attempt integer NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
        response_status integer,
        error text,
        attempted_at timestamptz,
        next_attempt_at timestamptz,
        lease_holder text,
        lease_until timestamptz,
        created_at timestamptz NOT NULL
      );
      CREATE INDEX deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
      CREATE INDEX deliveries_endpoint ON webhook_deliveries (endpoint_id, created_at DESC, id DESC);

      CREATE TABLE audit_events (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id text NOT NULL UNIQUE,
        at timestamptz NOT NULL,
        key_id text NOT NULL,
        key_type text NOT NULL,
        action text NOT NULL,
        resource_type text NOT NULL,
        resource_id text,
        request_id text NOT NULL
      );
      CREATE INDEX audit_resource ON audit_events (resource_type, resource_id, seq DESC);
      CREATE INDEX audit_at ON audit_events (at);
    `,
  },
  {
    version: 2,
    name: 'rate limits and spent proof-of-work challenges, shared by every hub process',
    sql: `
      -- A rate limit's token buckets, one row per bucket, named by a hash of what it counts
      -- (never a client's address in clear). UNLOGGED: no WAL is written for them, and after a
      -- crash every bucket starts full, which is what a bucket nobody has touched is anyway.
      CREATE UNLOGGED TABLE rate_buckets (
        bucket bytea PRIMARY KEY,
        tokens double precision NOT NULL,
        at timestamptz NOT NULL,
        per_second double precision NOT NULL,
        burst double precision NOT NULL
      );
      -- Takes a token from each bucket, or from none when any has less than one: 0 when taken,
      -- else the seconds until every bucket has one. One call, on the database's clock, so that
      -- processes on several machines agree; rows are locked in one order, so two calls over the
      -- same buckets never deadlock.
      CREATE FUNCTION hubkit_take_tokens(names bytea[], rates double precision[], bursts double precision[])
      RETURNS double precision LANGUAGE plpgsql AS $$
      DECLARE
        t timestamptz := clock_timestamp();
        short double precision;
      BEGIN
        INSERT INTO rate_buckets (bucket, tokens, at, per_second, burst)
          SELECT n, b, t, r, b FROM unnest(names, rates, bursts) AS u (n, r, b) ORDER BY n
          ON CONFLICT (bucket) DO NOTHING;
        PERFORM 1 FROM rate_buckets WHERE bucket = ANY (names) ORDER BY bucket FOR UPDATE;
        SELECT max((1 - s.refilled) / s.r) INTO short FROM (
          SELECT u.r, least(u.b, rb.tokens + extract(epoch FROM t - rb.at) * u.r) AS refilled
          FROM unnest(names, rates, bursts) AS u (n, r, b) JOIN rate_buckets rb ON rb.bucket = u.n
        ) AS s WHERE s.refilled < 1;
        IF short IS NOT NULL THEN
          RETURN short;
        END IF;
        UPDATE rate_buckets AS rb
          SET tokens = least(u.b, rb.tokens + extract(epoch FROM t - rb.at) * u.r) - 1,
              at = t, per_second = u.r, burst = u.b
          FROM unnest(names, rates, bursts) AS u (n, r, b) WHERE rb.bucket = u.n;
        RETURN 0;
      END $$;

      -- Proof-of-work challenges spent, until they expire: a solution spent on one process is
      -- refused by every other. use names the write (key id, Idempotency-Key, body hash),
      -- so a retry of the same write may carry the same solution; spent_by is the call that
      -- spent it, so that call can tell it did.
      CREATE TABLE spent_challenges (
        signature text PRIMARY KEY,
        use text,
        spent_by text NOT NULL,
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX spent_challenges_expiry ON spent_challenges (expires_at);
    `,
  },
  {
    version: 3,
    name: 'directory: the name and other fields words apart, and lists by name in byte order',
    sql: `
      -- The name's and the other fields' words (the A and B lexemes of words, so never
      -- disagreeing with it): a few dozen words, stored whole, so that a query's weight in each
      -- is read without decompressing every word a service has (a service's words are a few
      -- KB, compressed in its row: decompressed at each test, they cost most of a search).
      ALTER TABLE services
        ADD COLUMN name_words tsvector GENERATED ALWAYS AS (ts_filter(words, '{a}')) STORED,
        ADD COLUMN other_words tsvector GENERATED ALWAYS AS (ts_filter(words, '{b}')) STORED;
      CREATE INDEX services_name_words ON services USING gin (name_words);
      -- Lists are in byte order of name and id, as SQLite's (COLLATE "C" whatever the
      -- database's collation): the indexes by name in that order.
      DROP INDEX services_by_name;
      DROP INDEX services_placeless;
      CREATE INDEX services_by_name ON services (name COLLATE "C", id COLLATE "C") INCLUDE (status);
      CREATE INDEX services_placeless ON services (located, name COLLATE "C", id COLLATE "C") INCLUDE (status);
    `,
  },
  {
    version: 4,
    name: "directory: each service's JSON kept as written",
    sql: `
      -- jsonb keeps an object's keys in its own order, not the one written: a service read back
      -- and sent as stored (json-text.ts) came out with its fields reordered, unlike SQLite's.
      -- Nothing queries inside a service's JSON, so json (the text as written, checked) serves.
      ALTER TABLE services ALTER COLUMN data TYPE json USING data::json;
    `,
  },
  {
    version: 5,
    name: 'writes in one statement, and rate-limit tokens taken a share at a time',
    sql: `
      -- A new record's id as newId() makes them (RFC 9562 version 7): the time in milliseconds,
      -- then the random bits of a random UUID with its version made 7. For rows a write makes
      -- in SQL, such as the webhook deliveries of an event, in the statement of the write.
      CREATE FUNCTION hubkit_new_id() RETURNS text LANGUAGE sql VOLATILE AS $$
        SELECT substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-' || substr(h, 13, 4) || '-'
               || substr(h, 17, 4) || '-' || substr(h, 21, 12)
          FROM (SELECT lpad(to_hex((extract(epoch FROM clock_timestamp()) * 1000)::bigint), 12, '0')
                       || '7' || substr(r, 14, 3) || substr(r, 17, 16) AS h
                  FROM (SELECT replace(gen_random_uuid()::text, '-', '') AS r) AS random) AS hex
      $$;

      -- Takes up to wants[i] tokens from each bucket, at least one from each, or none from any
      -- when a bucket has not one whole token (then short is the seconds until it has). A hub
      -- process takes a share of a busy bucket at once and spends it over the next second
      -- (store/postgres/abuse.ts), instead of locking the bucket's row for every request.
      CREATE FUNCTION hubkit_lease_tokens(
        names bytea[], rates double precision[], bursts double precision[], wants double precision[],
        OUT short double precision, OUT granted double precision[]
      ) LANGUAGE plpgsql AS $$
      DECLARE
        t timestamptz := clock_timestamp();
      BEGIN
        INSERT INTO rate_buckets (bucket, tokens, at, per_second, burst)
          SELECT n, b, t, r, b FROM unnest(names, rates, bursts) AS u (n, r, b) ORDER BY n
          ON CONFLICT (bucket) DO NOTHING;
        PERFORM 1 FROM rate_buckets WHERE bucket = ANY (names) ORDER BY bucket FOR UPDATE;
        SELECT max((1 - s.refilled) / s.r) INTO short FROM (
          SELECT u.r, least(u.b, rb.tokens + extract(epoch FROM t - rb.at) * u.r) AS refilled
          FROM unnest(names, rates, bursts) AS u (n, r, b) JOIN rate_buckets rb ON rb.bucket = u.n
        ) AS s WHERE s.refilled < 1;
        IF short IS NOT NULL THEN
          RETURN;
        END IF;
        short := 0;
        SELECT array_agg(least(u.w, floor(least(u.b, rb.tokens + extract(epoch FROM t - rb.at) * u.r))) ORDER BY u.i)
          INTO granted
          FROM unnest(names, rates, bursts, wants) WITH ORDINALITY AS u (n, r, b, w, i)
          JOIN rate_buckets rb ON rb.bucket = u.n;
        UPDATE rate_buckets AS rb
          SET tokens = least(u.b, rb.tokens + extract(epoch FROM t - rb.at) * u.r)
                       - least(u.w, floor(least(u.b, rb.tokens + extract(epoch FROM t - rb.at) * u.r))),
              at = t, per_second = u.r, burst = u.b
          FROM unnest(names, rates, bursts, wants) AS u (n, r, b, w) WHERE rb.bucket = u.n;
      END $$;
      DROP FUNCTION hubkit_take_tokens(bytea[], double precision[], double precision[]);
    `,
  },
  {
    version: 6,
    name: "directory: each service's keys and name words in a narrow table, read apart from its JSON",
    sql: `
      -- What lists and searches read of every service they walk (name, status, filters, places,
      -- the name's and other fields' words), in rows of a few hundred bytes: 520 pages for 10,000
      -- services, where services' rows (the JSON and every word) take 1,963, so a page by name
      -- walks a few rows of its index and reads a narrow heap. The JSON is read from services for
      -- the page's rows only. The words are stored uncompressed (PLAIN): tested row by row as a
      -- page by name walks its index, they are never decompressed. (Services keep their own
      -- columns: a search's words are found by the GIN index on services and scored there.)
      CREATE TABLE service_keys (
        id text PRIMARY KEY REFERENCES services (id),
        name text NOT NULL,
        status text NOT NULL,
        organisation_id text NOT NULL,
        location_count integer NOT NULL,
        located boolean NOT NULL,
        name_words tsvector NOT NULL,
        other_words tsvector NOT NULL
      );
      ALTER TABLE service_keys ALTER COLUMN name_words SET STORAGE PLAIN,
        ALTER COLUMN other_words SET STORAGE PLAIN;
      INSERT INTO service_keys (id, name, status, organisation_id, location_count, located, name_words, other_words)
        SELECT id, name, status, organisation_id, location_count, located, name_words, other_words FROM services;
      CREATE INDEX service_keys_by_name ON service_keys (name COLLATE "C", id COLLATE "C") INCLUDE (status);
      CREATE INDEX service_keys_placeless ON service_keys (located, name COLLATE "C", id COLLATE "C") INCLUDE (status);
      CREATE INDEX service_keys_by_status ON service_keys (status);
      CREATE INDEX service_keys_by_organisation ON service_keys (organisation_id);
      CREATE INDEX service_keys_name_words ON service_keys USING gin (name_words);
      -- Each area a service serves, as a lexeme of its words no typed word can be ('@' and the
      -- area's name, weight D, so neither the name's nor the other fields' words): a search by
      -- postcode finds its area's matches in the GIN index itself ('food':* & '@Islington'),
      -- reading a fifth of the rows a word has, as SQLite's area words tables do.
      UPDATE services s SET words = words || coalesce((
        SELECT string_agg('''' || replace(replace('@' || a.area, '\\', '\\\\'), '''', '''''') || ''':4', ' ')
        FROM service_areas a WHERE a.service_id = s.id)::tsvector, '');
      -- Read from service_keys now: the same indexes on services would only cost each write.
      DROP INDEX services_by_name, services_placeless, services_by_status, services_by_organisation,
        services_name_words;
    `,
  },
  {
    version: 7,
    name: 'audit trail: the member of staff a staff token read for',
    // The partner's own opaque id for them (never a name): null for reads by a key itself.
    sql: `ALTER TABLE audit_events ADD COLUMN staff_ref text;`,
  },
  {
    version: 8,
    name: "the report's figures from columns written with each referral",
    // As SQLite's migration 15: what the report read from every referral's JSON is written with
    // the referral (store/referrals.ts, referralColumns), and filled in here for those already
    // stored. The lists of codes are written out: a migration stays as it shipped.
    sql: `
      ALTER TABLE referrals ADD COLUMN submitted_at timestamptz, ADD COLUMN first_contact_at timestamptz,
        ADD COLUMN closed_at timestamptz;
      UPDATE referrals SET
        submitted_at = (data ->> 'submittedAt')::timestamptz,
        first_contact_at = (SELECT min((h ->> 'at')::timestamptz) FROM jsonb_array_elements(data -> 'history') AS h
                             WHERE h ->> 'to' IN ('accepted', 'assigned', 'in_progress')),
        closed_at = (SELECT min((h ->> 'at')::timestamptz) FROM jsonb_array_elements(data -> 'history') AS h
                      WHERE h ->> 'to' = 'closed');
      -- The coded answers only: never the free text beside them (ethnicityDescription).
      CREATE TABLE referral_equality (
        referral_id text NOT NULL REFERENCES referrals (id),
        characteristic text NOT NULL,
        answer text NOT NULL,
        PRIMARY KEY (referral_id, characteristic)
      );
      INSERT INTO referral_equality (referral_id, characteristic, answer)
        SELECT r.id, e.key, e.value #>> '{}'
          FROM referrals r,
               jsonb_each(CASE WHEN jsonb_typeof(r.data #> '{resident,equality}') = 'object'
                          THEN r.data #> '{resident,equality}' END) AS e
         WHERE jsonb_typeof(e.value) = 'string' AND e.key IN ('ageBand', 'disability', 'genderReassignment',
           'maritalStatus', 'pregnancyMaternity', 'ethnicity', 'religion', 'sex', 'sexualOrientation');
      -- An outcome's amount: its rows are written again from the JSON, as every write of a referral does.
      ALTER TABLE referral_outcomes ADD COLUMN frequency text, ADD COLUMN pence bigint;
      DELETE FROM referral_outcomes;
      INSERT INTO referral_outcomes (referral_id, need, code, recorded_at, frequency, pence)
        SELECT r.id, o ->> 'need', o ->> 'code', (o ->> 'recordedAt')::timestamptz,
               o #>> '{amount,frequency}', (o #>> '{amount,amount}')::bigint
          FROM referrals r, jsonb_array_elements(r.data -> 'outcomes') AS o;
      -- Every column the report counts a referral by, in the order it is made: its queries can
      -- read a range of this index alone.
      CREATE INDEX referrals_report ON referrals (created_at)
        INCLUDE (status, priority, referrer_type, district, submitted_at, first_contact_at, closed_at);
    `,
  },
];

/** The key of the session advisory lock `migrate` holds (any constant: this one is "hubkit" in ASCII). */
const MIGRATION_LOCK = 0x6875_626b_6974;

/** Thrown when the database's schema is newer than this hubkit-server knows. */
export class SchemaTooNew extends Error {
  override readonly name = 'SchemaTooNew';
  readonly version: number;
  constructor(version: number, known: number) {
    super(
      `the database's schema is at version ${version}, newer than this hubkit-server knows (${known}): upgrade hubkit-server`,
    );
    this.version = version;
  }
}

/**
 * Thrown by a hub process started on a database that `hubkit-server migrate` has not brought to
 * the schema it needs: hub processes never migrate (several may start at once), the operator does.
 */
export class SchemaNotMigrated extends Error {
  override readonly name = 'SchemaNotMigrated';
  readonly version: number;
  constructor(version: number, needed: number) {
    super(
      version === 0
        ? `the database has no hubkit schema: run \`hubkit-server migrate\` on it first (this hubkit-server needs schema version ${needed})`
        : `the database's schema is at version ${version}, this hubkit-server needs ${needed}: run \`hubkit-server migrate\` first`,
    );
    this.version = version;
  }
}

/**
 * The schema version of the database `db` reaches, when it is the newest this hubkit-server knows;
 * otherwise throws SchemaNotMigrated (older, or none) or SchemaTooNew. Reads only: never migrates.
 */
export async function checkMigrated(
  db: Queryable,
  migrations: readonly PostgresMigration[] = postgresMigrations,
): Promise<number> {
  const known = Math.max(0, ...migrations.map((m) => m.version));
  const table = await db.query<{ found: boolean }>(
    null,
    "SELECT to_regclass('schema_migrations') IS NOT NULL AS found",
  );
  const { rows } = table.rows[0]?.found
    ? await db.query<{ version: number }>(
        null,
        'SELECT coalesce(max(version), 0) AS version FROM schema_migrations',
      )
    : { rows: [] };
  const version = rows[0]?.version ?? 0;
  if (version > known) throw new SchemaTooNew(version, known);
  if (version < known) throw new SchemaNotMigrated(version, known);
  return version;
}

export interface MigrationResult {
  /** The versions this call applied, in order (none when another process had applied them). */
  applied: number[];
  /** The schema version the database is at now. */
  version: number;
}

/**
 * Brings the database to the newest schema: takes the migration lock (waiting while another
 * process migrates), then applies each missing version in its own transaction.
 */
export async function migratePostgres(
  connection: string | pg.ClientConfig,
  migrations: readonly PostgresMigration[] = postgresMigrations,
): Promise<MigrationResult> {
  const config = typeof connection === 'string' ? { connectionString: connection } : connection;
  const client = new pg.Client({ ...config, application_name: 'hubkit-server migrate' });
  await client.connect();
  try {
    // Held for the session: ending it (below, or by a crash) releases the lock.
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         version integer PRIMARY KEY,
         name text NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const rows = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const done = new Set(rows.rows.map((row) => row.version));
    const known = Math.max(0, ...migrations.map((m) => m.version));
    const newest = Math.max(0, ...done);
    if (newest > known) throw new SchemaTooNew(newest, known);
    const applied: number[] = [];
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
          migration.version,
          migration.name,
        ]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
      applied.push(migration.version);
    }
    return { applied, version: Math.max(newest, ...applied) };
  } finally {
    await client.end();
  }
}

/**
 * Lets `role` (the role hub processes connect as) read and write the hub's rows and nothing more:
 * it cannot create, alter or drop a table, nor record a migration, so the schema changes only
 * through `hubkit-server migrate` run as the schema's owner. Tables made by later migrations are
 * granted as they are made (default privileges of the role that migrates).
 */
export async function grantHubRole(connection: string | pg.ClientConfig, role: string): Promise<void> {
  const config = typeof connection === 'string' ? { connectionString: connection } : connection;
  const client = new pg.Client({ ...config, application_name: 'hubkit-server migrate' });
  await client.connect();
  const who = pg.escapeIdentifier(role);
  try {
    await client.query('BEGIN');
    await client.query(`GRANT USAGE ON SCHEMA public TO ${who}`);
    await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${who}`);
    await client.query(`REVOKE INSERT, UPDATE, DELETE ON schema_migrations FROM ${who}`);
    await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${who}`);
    await client.query(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO ${who}`);
    await client.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${who}`,
    );
    await client.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${who}`,
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    await client.end();
  }
}
