/**
 * For the migrations that added the report's columns (SQLite 15, PostgreSQL 8): the report
 * scenario's referrals as a hub made them, in the rows a store before those migrations kept
 * (no report columns, outcomes without their amounts, no equality rows), and the check that a
 * hub on the migrated database gives the same report.
 */
import assert from 'node:assert/strict';
import { postcodeDistrict, type Referral, type ReferralReport } from '@hubkit/schema';
import { reportPeriod, type ReportCounts } from '@hubkit/hub';
import { testHub } from './hub.ts';
import { checkReportScenario, reportScenario } from './report-scenario.ts';

/** Where the scenario leaves the clock. */
const SCENARIO_END = '2026-04-10T12:00:00.000Z';
/** The scenario's spring and autumn, in one period. */
const PERIOD = reportPeriod('2026-03-01', '2026-12-31');

/** A referral's rows as the stores kept them before the report's columns. */
export interface OldReferralRows {
  /** id, reference, resident_id, nhs_number, status, priority, referrer_type, district, created_at, updated_at, version, data */
  referral: (string | number | null)[];
  /** referral_id, need */
  needs: string[][];
  /** referral_id, need, code, recorded_at */
  outcomes: string[][];
}

/** The scenario run on a hub of today (in memory): its referrals' old rows, and the counts of its report. */
export async function scenarioBeforeMigration(): Promise<{ rows: OldReferralRows[]; counts: ReportCounts }> {
  let now = new Date('2026-03-01T09:00:00.000Z');
  const hub = await testHub({ clock: { now: () => new Date(now) } });
  try {
    await reportScenario({
      setNow: (instant) => {
        now = new Date(instant);
      },
      request: (method, path, body) => hub.request(method, path, body === undefined ? {} : { body }),
    });
    const { data } = await hub.hub.store.listReferrals({}, { limit: 100 });
    assert.equal(data.length, 10);
    const rows = data.map((referral: Referral) => {
      const postcode = referral.resident.address?.postcode;
      return {
        referral: [
          referral.id,
          referral.reference,
          referral.residentId,
          referral.resident.nhsNumber ?? null,
          referral.status,
          referral.priority,
          referral.referrer.type,
          postcode ? postcodeDistrict(postcode) : null,
          referral.createdAt,
          referral.updatedAt,
          1,
          JSON.stringify(referral),
        ],
        needs: referral.needs.map((need) => [referral.id, need.code]),
        outcomes: referral.outcomes.map((o) => [referral.id, o.need, o.code, o.recordedAt]),
      };
    });
    return { rows, counts: await hub.hub.store.referralReport(PERIOD.from, PERIOD.until) };
  } finally {
    await hub.close();
  }
}

/** The report's counts in an order that does not depend on the engine's grouping. */
const ordered = (counts: ReportCounts): ReportCounts => {
  const key = (row: object) => JSON.stringify(row);
  return {
    ...counts,
    firstContact: [...counts.firstContact].sort((a, b) => key(a).localeCompare(key(b))),
    close: [...counts.close].sort((a, b) => key(a).localeCompare(key(b))),
    outcomeAmounts: [...counts.outcomeAmounts].sort((a, b) => key(a).localeCompare(key(b))),
  };
};

/**
 * A hub on the migrated database `db` gives the scenario's report, every figure as worked out by
 * hand, and the very counts the hub that made the referrals gave.
 */
export async function checkMigratedReport(db: string, counts: ReportCounts): Promise<void> {
  const hub = await testHub({ db, clock: { now: () => new Date(SCENARIO_END) } });
  try {
    assert.deepEqual(ordered(await hub.hub.store.referralReport(PERIOD.from, PERIOD.until)), ordered(counts));
    await checkReportScenario({
      report: async (query) => {
        const answer = await hub.request('GET', `/v1/reports/referrals?${query}`);
        assert.equal(answer.status, 200, answer.text);
        return answer.body as ReferralReport;
      },
    });
  } finally {
    await hub.close();
  }
}
