// The referral report over 10,000 referrals made across a year, on SQLite: how long the store's
// queries take (all of them, and the report's first seven, the counts it had before issue 16), and
// how long the hub takes to turn the counts into the published report; then the store's whole
// report (every query, in one read transaction on PostgreSQL) on SQLite and on a throwaway
// PostgreSQL cluster (when its binaries are here), best of five. Figures from one run.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { councillorDebtAndFood } from '@hubkit/schema/fixtures';
import { publishedReport, reportPeriod } from '../packages/hub/src/reports.ts';
import { openStore } from '../packages/server/src/store/open.ts';
import { reportQueries, sqliteReport } from '../packages/server/src/store/referrals.ts';
import { migratePostgres } from '../packages/server/src/store/postgres/migrations.ts';
import { postgresBin, startPostgres } from '../packages/server/src/testing/postgres.ts';
import { machine } from './server/common.mjs';

const N = 10_000;
const folder = mkdtempSync(join(tmpdir(), 'hubkit-bench-reports-'));
const file = join(folder, 'hub.db');
const store = await openStore(file);
const start = Date.parse('2026-01-01T09:00:00Z');
/** The year's 10,000 referrals, made in `into` (a store). */
async function fill(into) {
  const at = performance.now();
  for (let i = 0; i < N; i++) {
    // Every 52 minutes or so; a third contacted 0 to 6 days later, a fifth with income gained.
    const made = new Date(start + i * 3_000_000).toISOString();
    const contact = new Date(start + i * 3_000_000 + (i % 7) * 86_400_000).toISOString();
    const base = structuredClone(councillorDebtAndFood);
    await into.insertReferral(
      {
        ...base,
        resident: { ...base.resident, equality: { sex: i % 2 ? 'female' : 'male', ageBand: '25_34' } },
        id: randomUUID(),
        reference: `HUB-${i.toString(36).toUpperCase().padStart(4, '0')}-AA`,
        status: i % 3 === 0 ? 'accepted' : 'submitted',
        priority: 'urgent',
        triageDueBy: null,
        createdAt: made,
        updatedAt: made,
        submittedAt: made,
        residentId: randomUUID(),
        consentId: null,
        requestedServiceId: null,
        assessmentId: null,
        assignedService: null,
        history: [
          { from: null, to: 'submitted', at: made, by: { role: 'referrer' } },
          ...(i % 3 === 0
            ? [
                { from: 'submitted', to: 'triage', at: contact, by: { role: 'hub' } },
                { from: 'triage', to: 'accepted', at: contact, by: { role: 'hub' } },
              ]
            : []),
        ],
        outcomes:
          i % 5 === 0
            ? [
                {
                  need: 'money_debt',
                  code: 'income_maximised',
                  amount: { amount: 1000 + i, currency: 'GBP', frequency: 'weekly' },
                  recordedAt: contact,
                  recordedBy: { role: 'hub' },
                },
              ]
            : [],
        sharingRestricted: false,
      },
      {},
    );
  }
  return performance.now() - at;
}
const sqliteFill = await fill(store);

const period = reportPeriod('2026-01-01', '2026-12-31');
const db = new DatabaseSync(file, { readOnly: true });
const queries = Object.entries(reportQueries(sqliteReport));
const time = (names) => {
  const at = performance.now();
  for (const [name, sql] of queries) if (names.includes(name)) db.prepare(sql).all(period.from, period.until);
  return performance.now() - at;
};
const before = ['total', 'byNeed', 'byStatus', 'byPriority', 'byOutcome', 'byReferrerType', 'byArea'];
time(queries.map(([name]) => name)); // warm the page cache
const counts = await store.referralReport(period.from, period.until);
const hubAt = performance.now();
publishedReport(
  { from: '2026-01-01', to: '2026-12-31', interval: 'week', seriesByNeed: 'true' },
  counts,
  '2026-12-31T12:00:00.000Z',
);
const hubMs = performance.now() - hubAt;
/** The store's whole report, best of five (after one to warm it). */
const storeReport = async (on) => {
  await on.referralReport(period.from, period.until);
  let best = Infinity;
  for (let k = 0; k < 5; k++) {
    const at = performance.now();
    await on.referralReport(period.from, period.until);
    best = Math.min(best, performance.now() - at);
  }
  return best;
};
const firstSix = time(before);
const all = time(queries.map(([name]) => name));
console.log(machine());
console.log(`${N} referrals over 2026 on SQLite, one year's report:`);
console.log(
  `  made one after another in ${(sqliteFill / 1000).toFixed(1)} s (${(sqliteFill / N).toFixed(2)} ms each)`,
);
console.log(`  the counts the report had before (7 queries): ${firstSix.toFixed(0)} ms`);
for (const [name] of queries.filter(([name]) => !before.includes(name)))
  console.log(`  ${name}: ${time([name]).toFixed(0)} ms`);
console.log(`  every query: ${all.toFixed(0)} ms (${(all / firstSix).toFixed(1)}× the counts before)`);
console.log(
  `  rows read back: ${Object.keys(counts.byDay).length} days, ${counts.firstContact.length + counts.close.length} timeliness groups`,
);
console.log(`  the hub's weeks, working days and suppression: ${hubMs.toFixed(0)} ms`);
console.log(
  `  the store's whole report (referralReport), best of 5: ${(await storeReport(store)).toFixed(0)} ms`,
);
db.close();
await store.close?.();
rmSync(folder, { recursive: true, force: true });

if (postgresBin() === null) console.log('PostgreSQL: no binaries here, not measured');
else {
  const cluster = await startPostgres({ shared_buffers: '256MB' });
  try {
    const database = await cluster.createDatabase();
    await migratePostgres(database.url);
    const pg = await openStore(database.url);
    const pgFill = await fill(pg);
    console.log(`${N} referrals over 2026 on PostgreSQL ${cluster.version}, one year's report:`);
    console.log(
      `  made one after another in ${(pgFill / 1000).toFixed(1)} s (${(pgFill / N).toFixed(2)} ms each)`,
    );
    console.log(
      `  the store's whole report (referralReport), best of 5: ${(await storeReport(pg)).toFixed(0)} ms`,
    );
    await pg.close?.();
  } finally {
    await cluster.stop();
  }
}
