/**
 * The one engine switch of the HTTP tests (issue 15): the same suites, once on SQLite and once on
 * PostgreSQL, so the contract is the store's whichever engine holds it.
 *
 * `forEachEngine` is called at the top level of a test file, and once (each call starts a
 * cluster): it starts the file's throwaway PostgreSQL cluster in a hook of the file, so it stops
 * after every suite, and registers the file's suites in a `describe` per engine. Each hub a suite asks for gets a database of its
 * own: in memory or a new file on SQLite, a new migrated database on PostgreSQL.
 *
 * Where PostgreSQL is missing outside CI, the PostgreSQL suites are not registered; one skipped
 * test in their place says why, so the run counts it as skipped rather than hiding it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, describe, it } from 'node:test';
import pg from 'pg';
import type { HubOptions } from '../server.ts';
import { testHub, type TestHub } from './hub.ts';
import { postgresProcesses } from './postgres-store.ts';

export type EngineName = 'SQLite' | 'PostgreSQL';

export interface Engine {
  readonly name: EngineName;
  /**
   * A new database a hub can be started (and restarted) on: a file in a temporary folder on
   * SQLite, a migrated database of the file's cluster on PostgreSQL.
   */
  database(): Promise<string>;
  /**
   * A test hub on this engine: on a new database unless `options.db` names one (from
   * `database()`) or `options.store` gives the store. Closed after the engine's suites.
   */
  testHub(options?: Partial<HubOptions>): Promise<TestHub>;
  /** Runs one SQL statement on `db` as another client would (a count, a trigger); its rows. */
  sql(db: string, statement: string): Promise<Record<string, unknown>[]>;
}

export function forEachEngine(suites: (engine: Engine) => void): void {
  const postgres = postgresProcesses();
  const folder = mkdtempSync(join(tmpdir(), 'hubkit-engines-'));
  after(() => {
    rmSync(folder, { recursive: true, force: true });
  });
  let files = 0;

  for (const name of ['SQLite', 'PostgreSQL'] as const) {
    describe(`on ${name}`, () => {
      if (name === 'PostgreSQL' && postgres.skip) {
        it('runs the suites of this file', { skip: postgres.skip }, () => undefined);
        return;
      }
      const hubs: TestHub[] = [];
      // Registered before the suites' own hooks: every hub is closed while its database is
      // still there (the cluster stops in a hook of the file, after this).
      after(async () => {
        await Promise.all(hubs.map((hub) => hub.close()));
      });
      const database = async (): Promise<string> => {
        if (name === 'PostgreSQL') return (await postgres.database(true)).url;
        files += 1;
        return join(folder, `hub-${String(files)}.db`);
      };
      suites({
        name,
        database,
        async testHub(options = {}) {
          const db = options.db ?? (name === 'PostgreSQL' && !options.store ? await database() : undefined);
          const hub = await testHub({ ...options, ...(db === undefined ? {} : { db }) });
          hubs.push(hub);
          return hub;
        },
        async sql(db, statement) {
          if (name === 'SQLite') {
            const file = new DatabaseSync(db);
            try {
              return file.prepare(statement).all();
            } finally {
              file.close();
            }
          }
          const client = new pg.Client({ connectionString: db });
          await client.connect();
          try {
            return (await client.query<Record<string, unknown>>(statement)).rows;
          } finally {
            await client.end();
          }
        },
      });
    });
  }
}
