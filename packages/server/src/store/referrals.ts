/** Referrals: their rows, needs and outcomes, lists, events and the report. */
import type { SQLInputValue } from 'node:sqlite';
import { postcodeDistrict, type Page, type Referral, type WebhookEvent } from '@hubkit/schema';
import type { Cursors } from './cursor.ts';
import { type Db, json, pageOf } from './db.ts';
import { ReferenceTaken, type PageRequest, type ReferralFilter, type ReportCounts } from '@hubkit/hub';

function referenceExists(db: Db, reference: string): boolean {
  return db.get('SELECT 1 AS x FROM referrals WHERE reference = ?', [reference]) !== undefined;
}

export function residentIdForNhsNumber(db: Db, nhsNumber: string): string | null {
  const row = db.get('SELECT resident_id FROM referrals WHERE nhs_number = ? ORDER BY created_at LIMIT 1', [
    nhsNumber,
  ]);
  return row ? String(row.resident_id) : null;
}

export function residentExists(db: Db, residentId: string): boolean {
  const row = db.get(
    'SELECT 1 AS x FROM referrals WHERE resident_id = ? UNION ALL SELECT 1 FROM assessments WHERE resident_id = ? LIMIT 1',
    [residentId, residentId],
  );
  return row !== undefined;
}

/** The columns both stores keep beside a referral's record: nhs_number, status, priority, referrer_type, district, updated_at, data. */
export function referralColumns(referral: Referral): SQLInputValue[] {
  const postcode = referral.resident.address?.postcode;
  return [
    referral.resident.nhsNumber ?? null,
    referral.status,
    referral.priority,
    referral.referrer.type,
    postcode ? postcodeDistrict(postcode) : null,
    referral.updatedAt,
    JSON.stringify(referral),
  ];
}

function writeNeedsAndOutcomes(db: Db, referral: Referral): void {
  db.run('DELETE FROM referral_needs WHERE referral_id = ?', [referral.id]);
  for (const need of referral.needs)
    db.run('INSERT INTO referral_needs (referral_id, need) VALUES (?, ?)', [referral.id, need.code]);
  db.run('DELETE FROM referral_outcomes WHERE referral_id = ?', [referral.id]);
  for (const outcome of referral.outcomes) {
    db.run('INSERT INTO referral_outcomes (referral_id, need, code, recorded_at) VALUES (?, ?, ?, ?)', [
      referral.id,
      outcome.need,
      outcome.code,
      outcome.recordedAt,
    ]);
  }
}

/**
 * The referral's row, needs and outcomes (its effects are the caller's: writes.ts); ReferenceTaken,
 * writing nothing, when another referral has its reference.
 */
export function insertReferral(db: Db, referral: Referral): void {
  if (referenceExists(db, referral.reference)) throw new ReferenceTaken();
  const [nhs, status, priority, referrerType, district, updatedAt, data] = referralColumns(referral);
  db.run(
    `INSERT INTO referrals (id, reference, resident_id, nhs_number, status, priority, referrer_type, district, created_at, updated_at, version, data)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)`,
    [
      referral.id,
      referral.reference,
      referral.residentId,
      nhs ?? null,
      status ?? null,
      priority ?? null,
      referrerType ?? null,
      district ?? null,
      referral.createdAt,
      updatedAt ?? null,
      data ?? null,
    ],
  );
  writeNeedsAndOutcomes(db, referral);
}

export function getReferral(db: Db, id: string): Referral | null {
  const row = db.get('SELECT data FROM referrals WHERE id = ?', [id]);
  return row ? json<Referral>(row.data) : null;
}

export function referralVersion(db: Db, id: string): number | null {
  const row = db.get('SELECT version FROM referrals WHERE id = ?', [id]);
  return row ? Number(row.version) : null;
}

/** Replaces the referral if it is still at `expectedVersion`; false (and nothing written) if not. */
export function updateReferral(db: Db, referral: Referral, expectedVersion: number): boolean {
  const [nhs, status, priority, referrerType, district, updatedAt, data] = referralColumns(referral);
  const { changes } = db.run(
    `UPDATE referrals SET nhs_number = ?, status = ?, priority = ?, referrer_type = ?, district = ?, updated_at = ?,
           data = ?, version = version + 1
         WHERE id = ? AND version = ?`,
    [
      nhs ?? null,
      status ?? null,
      priority ?? null,
      referrerType ?? null,
      district ?? null,
      updatedAt ?? null,
      data ?? null,
      referral.id,
      expectedVersion,
    ],
  );
  if (changes !== 1) return false;
  writeNeedsAndOutcomes(db, referral);
  return true;
}

export function listReferrals(
  db: Db,
  cursors: Cursors,
  filter: ReferralFilter,
  page: PageRequest,
): Page<Referral> {
  const where: string[] = [];
  const params: SQLInputValue[] = [];
  if (filter.status) {
    where.push('r.status = ?');
    params.push(filter.status);
  }
  if (filter.need) {
    where.push('EXISTS (SELECT 1 FROM referral_needs n WHERE n.referral_id = r.id AND n.need = ?)');
    params.push(filter.need);
  }
  if (filter.createdSince) {
    where.push('r.created_at >= ?');
    params.push(filter.createdSince);
  }
  if (filter.updatedSince) {
    where.push('r.updated_at >= ?');
    params.push(filter.updatedSince);
  }
  if (filter.sharedOnly) where.push(`json_extract(r.data, '$.sharingRestricted') = 0`);
  if (filter.madeByKey) {
    where.push(`json_extract(r.data, '$.history[0].by.keyId') = ?`);
    params.push(filter.madeByKey);
  }
  if (filter.assignedTo) {
    where.push(`json_extract(r.data, '$.assignedService.serviceId') IN (SELECT value FROM json_each(?))`);
    params.push(JSON.stringify(filter.assignedTo));
  }
  if (page.cursor) {
    const [createdAt, id] = cursors.decode(page.cursor, 2);
    where.push('(r.created_at < ? OR (r.created_at = ? AND r.id < ?))');
    params.push(String(createdAt), String(createdAt), String(id));
  }
  const rows = db.all(
    `SELECT r.id, r.created_at, r.data FROM referrals r ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY r.created_at DESC, r.id DESC LIMIT ?`,
    [...params, page.limit + 1],
  );
  return pageOf(
    cursors,
    rows,
    page.limit,
    (r) => json<Referral>(r.data),
    (r) => [String(r.created_at), String(r.id)],
  );
}

export function listReferralEvents(
  db: Db,
  cursors: Cursors,
  referralId: string,
  page: PageRequest,
): Page<WebhookEvent> {
  const after = page.cursor ? Number(cursors.decode(page.cursor, 1)[0]) : 0;
  const rows = db.all('SELECT seq, data FROM events WHERE referral_id = ? AND seq > ? ORDER BY seq LIMIT ?', [
    referralId,
    after,
    page.limit + 1,
  ]);
  return pageOf(
    cursors,
    rows,
    page.limit,
    (r) => json<WebhookEvent>(r.data),
    (r) => [Number(r.seq)],
  );
}

/** A report's queries, each counting over the referrals made from the first parameter until the second (`param(1)`, `param(2)`). */
export function reportQueries(
  param: (n: number) => string,
): { total: string } & Record<Exclude<keyof ReportCounts, 'total'>, string> {
  const scope = `SELECT id FROM referrals WHERE created_at >= ${param(1)} AND created_at < ${param(2)}`;
  const grouped = (column: string, table = 'referrals', key = 'id') =>
    `SELECT ${column} AS k, COUNT(*) AS n FROM ${table} WHERE ${key} IN (${scope}) GROUP BY ${column}`;
  return {
    total: `SELECT COUNT(*) AS n FROM (${scope}) AS made`,
    byNeed: grouped('need', 'referral_needs', 'referral_id'),
    byStatus: grouped('status'),
    byPriority: grouped('priority'),
    byOutcome: grouped('code', 'referral_outcomes', 'referral_id'),
    byReferrerType: grouped('referrer_type'),
    byArea: grouped('district'),
  };
}

/** Counts rows of `k` and `n` (a report's groups), a null key as `unknown`. */
export const reportGroups = (
  rows: readonly Record<string, string | number | null>[],
): Record<string, number> => Object.fromEntries(rows.map((r) => [String(r.k ?? 'unknown'), Number(r.n)]));

export function referralReport(db: Db, from: string, until: string): ReportCounts {
  const { total, ...groups } = reportQueries(() => '?');
  const range = [from, until];
  return {
    total: Number(db.get(total, range)?.n ?? 0),
    ...(Object.fromEntries(
      Object.entries(groups).map(([name, sql]) => [name, reportGroups(db.all(sql, range))]),
    ) as Omit<ReportCounts, 'total'>),
  };
}
