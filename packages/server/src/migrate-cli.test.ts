import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import pg from 'pg';
import { isPostgresUrl, withoutPassword } from './store/postgres/db.ts';
import { migrations } from './store/migrations.ts';
import { postgresMigrations } from './store/postgres/migrations.ts';
import { postgresForTests } from './testing/postgres.ts';

// The real command, as installed (the test command builds first).
const bin = join(import.meta.dirname, '..', 'bin', 'hubkit-server.js');
const dir = mkdtempSync(join(tmpdir(), 'hubkit-migrate-'));
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the command without blocking the event loop (the cluster's clients share it). */
function cli(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, HUBKIT_DB: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => {
      resolve({ status, stdout, stderr });
    });
  });
}

const newest = (list: readonly { version: number }[]) => Math.max(...list.map((m) => m.version));

describe('hubkit-server migrate', () => {
  const { skip, cluster } = postgresForTests();

  it('tells PostgreSQL URLs from SQLite files, and never shows a password', () => {
    assert.equal(isPostgresUrl('postgres://hub@db.example.org/hub'), true);
    assert.equal(isPostgresUrl('postgresql://hub@db.example.org/hub'), true);
    assert.equal(isPostgresUrl('hubkit.db'), false);
    assert.equal(isPostgresUrl('./postgres://odd-file-name.db'), false);
    assert.equal(
      withoutPassword('postgres://hub:s3cret@db.example.org:5432/hub'),
      'postgres://hub:***@db.example.org:5432/hub',
    );
    assert.equal(withoutPassword('postgresql://hub@/hub?host=/run'), 'postgresql://hub@/hub?host=/run');
  });

  it('migrates a PostgreSQL database, then finds nothing to do', { skip }, async () => {
    const database = await cluster().createDatabase();
    const first = await cli(['migrate', '--db', database.url]);
    assert.equal(first.status, 0, first.stderr);
    const version = newest(postgresMigrations);
    assert.match(
      first.stdout,
      new RegExp(`^Migrated postgresql://.* to schema version ${version} \\(applied 1`),
    );
    const second = await cli(['migrate', '--db', database.url]);
    assert.equal(second.status, 0, second.stderr);
    assert.match(second.stdout, new RegExp(`is already at schema version ${version}: nothing to do`));
  });

  it("grants the hubs' role their rows and not the schema", { skip }, async () => {
    const database = await cluster().createDatabase();
    const role = `hub_${database.name}`;
    const owner = new pg.Client(database.config);
    await owner.connect();
    try {
      await owner.query(`CREATE ROLE ${role} LOGIN`);
      const answer = await cli(['migrate', '--db', database.url, '--grant', role]);
      assert.equal(answer.status, 0, answer.stderr);
      assert.match(answer.stdout, new RegExp(`Role ${role} may read and write the hub's rows`));
      // A table a later migration makes is the hub's to use as well.
      await owner.query('CREATE TABLE made_later (x integer)');
      const hub = new pg.Client({ ...database.config, user: role });
      await hub.connect();
      try {
        await hub.query(`INSERT INTO hub_secrets (name, value) VALUES ('test', 'x')`);
        await hub.query('INSERT INTO made_later (x) VALUES (1)');
        // The directory's narrow rows (migration 6) are the hub's to write, as its services.
        await hub.query(
          `INSERT INTO services (id, name, status, organisation_id, location_count, located, updated_at, data)
           VALUES ('s1', 'Test', 'active', 'o1', 0, false, now(), '{}')`,
        );
        await hub.query(
          `INSERT INTO service_keys (id, name, status, organisation_id, location_count, located, name_words, other_words)
           VALUES ('s1', 'Test', 'active', 'o1', 0, false, '', '')`,
        );
        await hub.query(
          `SELECT hubkit_lease_tokens(ARRAY['\\x01'::bytea], ARRAY[1.0], ARRAY[2.0], ARRAY[1.0])`,
        );
        assert.equal(
          (await hub.query('SELECT version FROM schema_migrations')).rows.length,
          newest(postgresMigrations),
        );
        for (const statement of [
          'ALTER TABLE api_keys ADD COLUMN note text',
          'CREATE TABLE mine (x integer)',
          'DROP TABLE audit_events',
          `INSERT INTO schema_migrations (version, name) VALUES (999, 'forged')`,
        ]) {
          await assert.rejects(hub.query(statement), { code: '42501' }, statement);
        }
      } finally {
        await hub.end();
      }
    } finally {
      await owner.end();
    }
  });

  it('refuses --grant for a SQLite file', async () => {
    const answer = await cli(['migrate', '--db', join(dir, 'roles.db'), '--grant', 'hub']);
    assert.equal(answer.status, 2);
    assert.match(answer.stderr, /--grant is for PostgreSQL/);
  });

  it('copies a hub from its SQLite file, and its keys work on PostgreSQL', { skip }, async () => {
    const file = join(dir, 'moving.db');
    const made = await cli(['keys', 'create', '--db', file, '--secret', '--name', 'Moving hub']);
    assert.equal(made.status, 0, made.stderr);
    const database = await cluster().createDatabase();
    // Not migrated yet: the copy, and a hub, say what to run.
    const early = await cli(['copy', '--from', file, '--to', database.url]);
    assert.equal(early.status, 2);
    assert.match(early.stderr, /run `hubkit-server migrate`/);
    assert.equal((await cli(['migrate', '--db', database.url])).status, 0);
    const copied = await cli(['copy', '--from', file, '--to', database.url]);
    assert.equal(copied.status, 0, copied.stderr);
    assert.match(copied.stdout, /^Copied .*moving\.db to postgresql:\/\/.*: .*1 api_keys/);
    const listed = await cli(['keys', 'list', '--db', database.url]);
    assert.equal(listed.status, 0, listed.stderr);
    assert.match(listed.stdout, /Moving hub/);
    const again = await cli(['copy', '--from', file, '--to', database.url]);
    assert.equal(again.status, 2);
    assert.match(again.stderr, /already holds a hub/);
    const backup = await cli(['backup', join(dir, 'pg-backup.db'), '--db', database.url]);
    assert.equal(backup.status, 2);
    assert.match(backup.stderr, /pg_dump/);
  });

  it('says in one line why it cannot, without the password', { skip }, async () => {
    const url = `postgresql://hubkit:Sup3rSecretPassw0rd@/no_such_database?host=${encodeURIComponent(cluster().socketDir)}`;
    const answer = await cli(['migrate', '--db', url]);
    assert.equal(answer.status, 2);
    assert.match(
      answer.stderr,
      /^hubkit-server: cannot migrate postgresql:\/\/hubkit:\*\*\*@.*does not exist\n$/,
    );
    assert.doesNotMatch(answer.stderr + answer.stdout, /Sup3rSecretPassw0rd/);
  });

  it('opens and migrates a SQLite file, saying its version', async () => {
    const file = join(dir, 'hub.db');
    const answer = await cli(['migrate', '--db', file]);
    assert.equal(answer.status, 0, answer.stderr);
    assert.equal(answer.stdout, `${file} is at schema version ${newest(migrations)} (SQLite).\n`);
  });
});
