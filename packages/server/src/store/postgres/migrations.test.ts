import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import pg from 'pg';
import { postgresForTests, type PostgresDatabase } from '../../testing/postgres.ts';
import { checkMigratedReport, scenarioBeforeMigration } from '../../testing/report-migration.ts';
import { migratePostgres, postgresMigrations, SchemaTooNew } from './migrations.ts';

const latest = Math.max(...postgresMigrations.map((m) => m.version));

async function query<T extends pg.QueryResultRow>(
  database: PostgresDatabase,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client(database.config);
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

const recorded = (database: PostgresDatabase) =>
  query<{ version: number; applied_at: Date }>(
    database,
    'SELECT version, applied_at FROM schema_migrations ORDER BY version',
  );

describe('PostgreSQL migrations (hubkit-server migrate)', () => {
  const { skip, cluster } = postgresForTests();

  it('numbers its migrations 1, 2, 3… with a name each', () => {
    assert.deepEqual(
      postgresMigrations.map((m) => m.version),
      postgresMigrations.map((_, i) => i + 1),
    );
    for (const m of postgresMigrations) assert.ok(m.name.length > 0);
  });

  it('migrates a fresh database to the newest schema, in PostgreSQL types', { skip }, async () => {
    const database = await cluster().createDatabase();
    const result = await migratePostgres(database.url);
    assert.deepEqual(result, { applied: postgresMigrations.map((m) => m.version), version: latest });
    assert.deepEqual(
      (await recorded(database)).map((row) => row.version),
      postgresMigrations.map((m) => m.version),
    );

    const tables = (
      await query<{ table_name: string }>(
        database,
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
      )
    ).map((row) => row.table_name);
    for (const table of [
      'api_keys',
      'assessments',
      'audit_events',
      'consents',
      'events',
      'hub_secrets',
      'idempotency_keys',
      'postcodes',
      'referrals',
      'services',
      'service_keys',
      'webhook_deliveries',
      'webhook_endpoints',
    ])
      assert.ok(tables.includes(table), `${table} in ${tables.join(', ')}`);

    const type = async (table: string, column: string) =>
      (
        await query<{ data_type: string }>(
          database,
          `SELECT data_type FROM information_schema.columns WHERE table_name = $1 AND column_name = $2`,
          [table, column],
        )
      )[0]?.data_type;
    assert.equal(await type('referrals', 'data'), 'jsonb');
    assert.equal(await type('referrals', 'created_at'), 'timestamp with time zone');
    assert.equal(await type('idempotency_keys', 'body'), 'text');
    assert.equal(await type('services', 'words'), 'tsvector');
    assert.equal(await type('service_places', 'latitude'), 'double precision');

    const indexes = await query<{ indexname: string; indexdef: string }>(
      database,
      `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'`,
    );
    const index = (name: string) => indexes.find((i) => i.indexname === name)?.indexdef ?? '';
    assert.match(index('services_words'), /USING gin \(words\)/);
    assert.match(index('service_keys_name_words'), /ON public\.service_keys USING gin \(name_words\)/);
    assert.match(index('service_keys_by_name'), /\(name COLLATE "C", id COLLATE "C"\) INCLUDE \(status\)/);
    assert.match(index('service_places_by_latitude'), /\(latitude, longitude, service_id\)/);
    assert.match(index('service_places_by_longitude'), /\(longitude, latitude, service_id\)/);

    // Nothing a managed PostgreSQL might not offer: no extension but the built-in plpgsql.
    const extensions = await query<{ extname: string }>(database, 'SELECT extname FROM pg_extension');
    assert.deepEqual(
      extensions.map((e) => e.extname),
      ['plpgsql'],
    );
  });

  it('keeps a referral’s filtered fields with its record, and counts changes to keys', { skip }, async () => {
    const database = await cluster().createDatabase();
    await migratePostgres(database.config);
    const data = {
      consentId: 'c1',
      sharingRestricted: true,
      assignedService: { serviceId: 's1' },
      history: [{ by: { keyId: 'key_1' } }],
    };
    const rows = await query<Record<string, unknown>>(
      database,
      `INSERT INTO referrals (id, reference, resident_id, status, priority, referrer_type, created_at, updated_at, version, data)
       VALUES ('r1', 'REF-1', 'p1', 'submitted', 'routine', 'vcs', now(), now(), 1, $1)
       RETURNING made_by_key, assigned_service, consent_id, sharing_restricted`,
      [JSON.stringify(data)],
    );
    assert.deepEqual(rows[0], {
      made_by_key: 'key_1',
      assigned_service: 's1',
      consent_id: 'c1',
      sharing_restricted: true,
    });
    const version = async () =>
      Number(
        (await query<{ version: string }>(database, 'SELECT version FROM api_keys_version'))[0]?.version,
      );
    const before = await version();
    await query(
      database,
      `INSERT INTO api_keys (id, kind, role, name, hash, prefix, created_at)
       VALUES ('k1', 'secret', 'hub', 'Test', 'hash', 'sk_1', now())`,
    );
    assert.equal(await version(), before + 1);
    // A statement that changes no key leaves it: a cache is not thrown away for nothing.
    await query(database, `UPDATE api_keys SET revoked_at = now() WHERE id = 'no such key'`);
    assert.equal(await version(), before + 1);
  });

  it(
    "fills the report's columns from the referrals already stored (version 8): the same report",
    { skip },
    async () => {
      const { rows, counts } = await scenarioBeforeMigration();
      const database = await cluster().createDatabase();
      await migratePostgres(
        database.url,
        postgresMigrations.filter((m) => m.version < 8),
      );
      for (const row of rows) {
        await query(
          database,
          `INSERT INTO referrals (id, reference, resident_id, nhs_number, status, priority, referrer_type, district, created_at, updated_at, version, data)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
          row.referral,
        );
        for (const values of row.needs)
          await query(database, 'INSERT INTO referral_needs (referral_id, need) VALUES ($1, $2)', values);
        for (const values of row.outcomes)
          await query(
            database,
            'INSERT INTO referral_outcomes (referral_id, need, code, recorded_at) VALUES ($1, $2, $3, $4)',
            values,
          );
      }
      assert.deepEqual(await migratePostgres(database.url), { applied: [8], version: latest });

      await checkMigratedReport(database.url, counts);
      // The coded answers only: the free text beside them is not copied out of the record.
      const answers = await query<{ characteristic: string; answer: string }>(
        database,
        'SELECT characteristic, answer FROM referral_equality ORDER BY 1, 2',
      );
      assert.deepEqual(
        answers.map((a) => `${a.characteristic}=${a.answer}`),
        ['ageBand=35_44', 'ethnicity=white_other', 'sex=female', 'sex=prefer_not_to_say'],
      );
    },
  );

  it('applies each version once when several processes migrate at once', { skip }, async () => {
    const database = await cluster().createDatabase();
    // Three sessions, as three hub hosts running migrate at start.
    const results = await Promise.all([
      migratePostgres(database.url),
      migratePostgres(database.url),
      migratePostgres(database.url),
    ]);
    assert.deepEqual(
      results.flatMap((r) => r.applied).sort((a, b) => a - b),
      postgresMigrations.map((m) => m.version),
    );
    for (const result of results) assert.equal(result.version, latest);
    assert.deepEqual(
      (await recorded(database)).map((row) => row.version),
      postgresMigrations.map((m) => m.version),
    );
  });

  it('does nothing the second time', { skip }, async () => {
    const database = await cluster().createDatabase();
    await migratePostgres(database.url);
    const first = await recorded(database);
    assert.deepEqual(await migratePostgres(database.url), { applied: [], version: latest });
    assert.deepEqual(await recorded(database), first);
  });

  it('applies a version wholly or not at all, keeping the ones before it', { skip }, async () => {
    const database = await cluster().createDatabase();
    const broken = [
      ...postgresMigrations,
      { version: latest + 1, name: 'half a change', sql: 'CREATE TABLE half (id int); SELECT 1 / 0;' },
    ];
    await assert.rejects(migratePostgres(database.url, broken), /division by zero/);
    assert.equal((await recorded(database)).at(-1)?.version, latest);
    const half = await query<{ found: string | null }>(database, `SELECT to_regclass('half') AS found`);
    assert.equal(half[0]?.found, null);
  });

  it('refuses a database whose schema is newer than it knows, changing nothing', { skip }, async () => {
    const database = await cluster().createDatabase();
    await migratePostgres(database.url);
    await query(database, `INSERT INTO schema_migrations (version, name) VALUES ($1, 'from the future')`, [
      latest + 1,
    ]);
    await assert.rejects(migratePostgres(database.url, postgresMigrations), SchemaTooNew);
  });
});
