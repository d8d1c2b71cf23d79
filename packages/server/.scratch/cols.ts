import { SqliteStore } from '/work/main/packages/server/src/store/sqlite.ts';
import { DatabaseSync } from 'node:sqlite';
import { startPostgres } from '/work/main/packages/server/src/testing/postgres.ts';
import { migratePostgres } from '/work/main/packages/server/src/store/postgres/migrations.ts';
import pg from '/work/main/node_modules/pg/lib/index.js';
const s = new SqliteStore('/tmp/cols.db'); await s.close();
const db = new DatabaseSync('/tmp/cols.db');
const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name").all() as any[]).map((r) => r.name);
const lite: Record<string, string[]> = {};
for (const t of tables) lite[t] = (db.prepare(`PRAGMA table_info(${t})`).all() as any[]).map((c) => `${c.name}:${c.type}`);
const cl = await startPostgres(); const d = await cl.createDatabase(); await migratePostgres(d.config);
const c = new pg.Client(d.config); await c.connect();
const r = await c.query("SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema='public' ORDER BY table_name, ordinal_position");
const pgc: Record<string, string[]> = {};
for (const row of r.rows) (pgc[row.table_name] ??= []).push(`${row.column_name}:${row.data_type}`);
for (const t of [...new Set([...Object.keys(lite), ...Object.keys(pgc)])].sort()) {
  console.log(t, '\n  sqlite:', (lite[t] ?? []).join(' '), '\n  pg    :', (pgc[t] ?? []).join(' '));
}
await c.end(); await cl.stop();
