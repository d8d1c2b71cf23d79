import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import pg from 'pg';
import { postgresForTests, postgresSkipReason } from './postgres.ts';

describe('whether PostgreSQL tests run', () => {
  it('run where PostgreSQL is installed', () => {
    assert.equal(postgresSkipReason('/usr/lib/postgresql/15/bin', false), false);
  });

  it('are skipped, saying why, where it is missing outside CI', () => {
    assert.match(String(postgresSkipReason(null, false)), /PostgreSQL is not installed/);
  });

  it('run under CI=true even where it is missing, so that they fail rather than hide', () => {
    assert.equal(postgresSkipReason(null, true), false);
  });
});

describe('a throwaway PostgreSQL cluster', () => {
  const { skip, cluster } = postgresForTests();

  it('answers on a Unix socket in its folder only, with durable commits', { skip }, async () => {
    const database = await cluster().createDatabase();
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const setting = async (name: string) =>
        (await client.query<{ value: string }>(`SELECT current_setting($1) AS value`, [name])).rows[0]
          ?.value ?? '';
      assert.equal(await setting('listen_addresses'), '');
      assert.equal(await setting('unix_socket_directories'), cluster().socketDir);
      assert.equal(await setting('fsync'), 'on');
      assert.equal(await setting('synchronous_commit'), 'on');
      assert.equal(await setting('full_page_writes'), 'on');
      assert.equal((await setting('server_version_num')) >= '150000', true);
    } finally {
      await client.end();
    }
  });

  it('gives each test its own empty database', { skip }, async () => {
    const first = new pg.Client((await cluster().createDatabase()).config);
    const second = new pg.Client((await cluster().createDatabase()).config);
    await Promise.all([first.connect(), second.connect()]);
    try {
      await first.query('CREATE TABLE only_here (id int)');
      const found = await second.query(`SELECT to_regclass('only_here') AS found`);
      assert.equal(found.rows[0]?.found, null);
    } finally {
      await Promise.all([first.end(), second.end()]);
    }
  });

  // Last: it stops the cluster the tests above share (stopping twice is harmless).
  it('stops and leaves no folder behind', { skip }, async () => {
    const database = await cluster().createDatabase();
    assert.ok(existsSync(cluster().socketDir));
    await cluster().stop();
    assert.equal(existsSync(cluster().socketDir), false);
    await assert.rejects(new pg.Client(database.config).connect());
  });
});
