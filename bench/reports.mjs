// The referral report over 10,000 referrals made across a year, on SQLite: how long the store's
// queries take (all of them, and the report's first six, the counts it had before issue 16), and
// how long the hub takes to turn the counts into the published report. Figures from one run.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { councillorDebtAndFood } from '@hubkit/schema/fixtures';
import { publishedReport, reportPeriod } from '../packages/hub/src/reports.ts';
import { openStore } from '../packages/server/src/store/open.ts';
import { reportQueries, sqliteReport } from '../packages/server/src/store/referrals.ts';
import { machine } from './server/common.mjs';

const N = 10_000;
const folder = mkdtempSync(join(tmpdir(), 'hubkit-bench-reports-'));
const file = join(folder, 'hub.db');
const store = await openStore(file);
const start = Date.parse('2026-01-01T09:00:00Z');
for (let i = 0; i < N; i++) {
  // Every 52 minutes or so; a third contacted 0 to 6 days later, a fifth with income gained.
  const made = new Date(start + i * 3_000_000).toISOString();
  const contact = new Date(start + i * 3_000_000 + (i % 7) * 86_400_000).toISOString();
  const base = structuredClone(councillorDebtAndFood);
  await store.insertReferral(
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
const firstSix = time(before);
const all = time(queries.map(([name]) => name));
console.log(machine());
console.log(`${N} referrals over 2026 on SQLite, one year's report:`);
console.log(`  the counts the report had before (7 queries): ${firstSix.toFixed(0)} ms`);
for (const [name] of queries.filter(([name]) => !before.includes(name)))
  console.log(`  ${name}: ${time([name]).toFixed(0)} ms`);
console.log(`  every query: ${all.toFixed(0)} ms (${(all / firstSix).toFixed(1)}× the counts before)`);
console.log(
  `  rows read back: ${Object.keys(counts.byDay).length} days, ${counts.firstContact.length + counts.close.length} timeliness groups`,
);
console.log(`  the hub's weeks, working days and suppression: ${hubMs.toFixed(0)} ms`);
db.close();
await store.close?.();
rmSync(folder, { recursive: true, force: true });
