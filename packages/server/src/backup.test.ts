import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { backupDatabase, BackupError } from './backup.ts';
import { makeKey } from './domain/keys.ts';
import { SqliteStore } from './store/sqlite.ts';

const dir = mkdtempSync(join(tmpdir(), 'hubkit-backup-'));
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

const key = (name: string) =>
  makeKey({
    kind: 'secret',
    name,
    role: 'hub',
    allowedOrigins: [],
    serviceIds: [],
    now: '2026-11-23T10:00:00.000Z',
  }).record;

describe('backupDatabase', () => {
  it('copies a database that is open and written to, write-ahead log included, and checks the copy', async () => {
    const db = join(dir, 'live.db');
    const store = new SqliteStore(db);
    try {
      await store.insertKey(key('Written before the backup'));
      // The hub is still running: what it wrote may be only in live.db-wal.
      assert.ok(existsSync(`${db}-wal`));
      const result = await backupDatabase(db, join(dir, 'copy.db'));
      assert.ok(result.pages > 0);
      assert.equal(result.schemaVersion, store.version);
      await store.insertKey(key('Written after the backup'));
    } finally {
      await store.close();
    }
    const copy = new SqliteStore(join(dir, 'copy.db'));
    try {
      assert.deepEqual(
        (await copy.listKeys()).map((k) => k.name),
        ['Written before the backup'],
      );
    } finally {
      await copy.close();
    }
  });

  it('refuses a missing database, an existing file and the database itself', async () => {
    const db = join(dir, 'refuse.db');
    await new SqliteStore(db).close();
    writeFileSync(join(dir, 'taken.db'), 'the last good backup');
    await assert.rejects(backupDatabase(join(dir, 'missing.db'), join(dir, 'a.db')), BackupError);
    assert.ok(!existsSync(join(dir, 'missing.db')), 'no empty database is made');
    await assert.rejects(backupDatabase(db, join(dir, 'taken.db')), /already exists/);
    await assert.rejects(backupDatabase(db, db), /already exists/);
  });
});

describe('hubkit-server backup', () => {
  // The command from source, so this runs without a build (cli.test.ts runs the built bin).
  const run = `import { main } from ${JSON.stringify(join(import.meta.dirname, 'cli.ts'))}; await main(process.argv.slice(1));`;
  const command = (args: string[]) => ['--conditions=source', '--input-type=module', '-e', run, ...args];
  const cli = (args: string[]) =>
    spawnSync(process.execPath, command(args), {
      encoding: 'utf8',
      env: { ...process.env, HUBKIT_DB: join(dir, 'cli.db') },
    });

  it('backs up the database named by HUBKIT_DB or --db, and exits 2 with the reason when it cannot', () => {
    assert.equal(cli(['keys', 'create', '--secret', '--name', 'Backed up']).status, 0);
    const made = cli(['backup', join(dir, 'cli-copy.db')]);
    assert.equal(made.status, 0, made.stderr);
    assert.match(
      made.stdout,
      /^Backed up .*cli\.db to .*cli-copy\.db \(\d+ pages, schema version \d+\); integrity check ok\.\n$/,
    );
    const listed = spawnSync(process.execPath, command(['keys', 'list', '--db', join(dir, 'cli-copy.db')]), {
      encoding: 'utf8',
    });
    assert.match(listed.stdout, /Backed up/);

    const again = cli(['backup', join(dir, 'cli-copy.db')]);
    assert.equal(again.status, 2);
    assert.match(again.stderr, /^hubkit-server: .*already exists/);
    assert.equal(cli(['backup']).status, 2);
  });
});

describe('file modes', () => {
  it('makes the database, its -wal and -shm, and a backup owner-only (0600) even with umask 0', () => {
    const db = join(dir, 'modes.db');
    const copy = join(dir, 'modes-copy.db');
    // A child process, so the permissive umask does not leak into other tests.
    const script = `
      process.umask(0);
      const { SqliteStore } = await import(${JSON.stringify(join(import.meta.dirname, 'store', 'sqlite.ts'))});
      const { backupDatabase } = await import(${JSON.stringify(join(import.meta.dirname, 'backup.ts'))});
      const { makeKey } = await import(${JSON.stringify(join(import.meta.dirname, 'domain', 'keys.ts'))});
      const { statSync } = await import('node:fs');
      const store = new SqliteStore(${JSON.stringify(db)});
      await store.insertKey(makeKey({ kind: 'secret', name: 'k', role: 'hub', allowedOrigins: [], serviceIds: [], now: '2026-11-23T10:00:00.000Z' }).record);
      await backupDatabase(${JSON.stringify(db)}, ${JSON.stringify(copy)});
      const modes = {};
      for (const f of ['', '-wal', '-shm']) modes[f] = statSync(${JSON.stringify(db)} + f).mode & 0o777;
      modes.copy = statSync(${JSON.stringify(copy)}).mode & 0o777;
      console.log(JSON.stringify(modes));
      await store.close();
    `;
    const child = spawnSync(process.execPath, ['--conditions=source', '--input-type=module', '-e', script], {
      encoding: 'utf8',
    });
    assert.equal(child.status, 0, child.stderr);
    const modes = JSON.parse(child.stdout) as Record<string, number>;
    assert.deepEqual(modes, { '': 0o600, '-wal': 0o600, '-shm': 0o600, copy: 0o600 });
  });

  it('puts an existing world-readable database right when it opens it', async () => {
    const db = join(dir, 'loose.db');
    await new SqliteStore(db).close();
    chmodSync(db, 0o644);
    const store = new SqliteStore(db);
    try {
      assert.equal(statSync(db).mode & 0o777, 0o600);
      assert.equal(statSync(`${db}-wal`).mode & 0o777, 0o600);
    } finally {
      await store.close();
    }
  });
});
