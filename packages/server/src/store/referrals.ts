/** Referrals: their rows, needs and outcomes, lists, events and the report. */
import type { SQLInputValue } from 'node:sqlite';
import {
  EQUALITY_CHARACTERISTICS,
  postcodeDistrict,
  terminalStatuses,
  VALUED_OUTCOMES,
  type Page,
  type Referral,
  type WebhookEvent,
} from '@hubkit/schema';
import type { Cursors } from './cursor.ts';
import { type Db, json, pageOf } from './db.ts';
import {
  CLOSE_STATUS,
  FIRST_CONTACT_STATUSES,
  ReferenceTaken,
  type PageRequest,
  type ReferralFilter,
  type ReportCounts,
  type WaitCount,
} from '@hubkit/hub';

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

/** The instant of the referral's first move into one of `statuses` (the earliest), or null. */
function firstMoveInto(referral: Referral, statuses: readonly string[]): string | null {
  let first: string | null = null;
  for (const { to, at } of referral.history)
    if (statuses.includes(to) && (first === null || Date.parse(at) < Date.parse(first))) first = at;
  return first;
}

/**
 * The columns both stores keep beside a referral's record, computed from it in the same write, so
 * that they never disagree with it: nhs_number, status, priority, referrer_type, district,
 * updated_at, data, and what the report reads (decision 0020): submitted_at, first_contact_at
 * (its first move into accepted, assigned or in_progress) and closed_at (its move into closed).
 */
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
    referral.submittedAt,
    firstMoveInto(referral, FIRST_CONTACT_STATUSES),
    firstMoveInto(referral, [CLOSE_STATUS]),
  ];
}

/** The referral's coded equality answers (never the free text beside them), as rows of referral_equality. */
export function equalityAnswers(referral: Referral): { characteristic: string; answer: string }[] {
  const given = referral.resident.equality ?? {};
  return EQUALITY_CHARACTERISTICS.flatMap((characteristic) => {
    const answer: unknown = given[characteristic];
    return typeof answer === 'string' ? [{ characteristic, answer }] : [];
  });
}

/** A referral's outcomes as rows of referral_outcomes: with the amount's frequency and pence, if it has one. */
export function outcomeRows(
  referral: Referral,
): { need: string; code: string; recordedAt: string; frequency: string | null; pence: number | null }[] {
  return referral.outcomes.map((o) => ({
    need: o.need,
    code: o.code,
    recordedAt: o.recordedAt,
    frequency: o.amount?.frequency ?? null,
    pence: o.amount?.amount ?? null,
  }));
}

/** The referral's needs, outcomes and equality answers, replacing those it had. */
function writeNeedsAndOutcomes(db: Db, referral: Referral): void {
  db.run('DELETE FROM referral_needs WHERE referral_id = ?', [referral.id]);
  for (const need of referral.needs)
    db.run('INSERT INTO referral_needs (referral_id, need) VALUES (?, ?)', [referral.id, need.code]);
  db.run('DELETE FROM referral_outcomes WHERE referral_id = ?', [referral.id]);
  for (const o of outcomeRows(referral)) {
    db.run(
      'INSERT INTO referral_outcomes (referral_id, need, code, recorded_at, frequency, pence) VALUES (?, ?, ?, ?, ?, ?)',
      [referral.id, o.need, o.code, o.recordedAt, o.frequency, o.pence],
    );
  }
  db.run('DELETE FROM referral_equality WHERE referral_id = ?', [referral.id]);
  for (const { characteristic, answer } of equalityAnswers(referral))
    db.run('INSERT INTO referral_equality (referral_id, characteristic, answer) VALUES (?, ?, ?)', [
      referral.id,
      characteristic,
      answer,
    ]);
}

/**
 * The referral's row, needs and outcomes (its effects are the caller's: writes.ts); ReferenceTaken,
 * writing nothing, when another referral has its reference.
 */
export function insertReferral(db: Db, referral: Referral): void {
  if (referenceExists(db, referral.reference)) throw new ReferenceTaken();
  db.run(
    `INSERT INTO referrals (id, reference, resident_id, created_at, version, nhs_number, status, priority, referrer_type, district,
                            updated_at, data, submitted_at, first_contact_at, closed_at)
       VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [referral.id, referral.reference, referral.residentId, referral.createdAt, ...referralColumns(referral)],
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
  const { changes } = db.run(
    `UPDATE referrals SET nhs_number = ?, status = ?, priority = ?, referrer_type = ?, district = ?, updated_at = ?,
           data = ?, submitted_at = ?, first_contact_at = ?, closed_at = ?, version = version + 1
         WHERE id = ? AND version = ?`,
    [...referralColumns(referral), referral.id, expectedVersion],
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

/**
 * How one engine writes what a report's queries need: its parameters (the period's instants) and
 * the UK day of an instant. The queries read columns and tables written with each referral
 * (`referralColumns`, referral_outcomes, referral_equality), never its JSON.
 */
export interface ReportDialect {
  param(n: number): string;
  ukDay(instant: string): string;
}

/**
 * The UK day of an ISO instant in SQLite, which has no time zones: an hour on in summer time, from
 * 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October (the UK's rule
 * since 1996; the hub's own dates are later). Each is the first Sunday on or after the 25th.
 */
const sqliteUkDay = (t: string) =>
  `date(${t}, CASE WHEN ${t} >= date(substr(${t}, 1, 4) || '-03-25', 'weekday 0') || 'T01:00:00' ` +
  `AND ${t} < date(substr(${t}, 1, 4) || '-10-25', 'weekday 0') || 'T01:00:00' THEN '+1 hour' ELSE '+0 hours' END)`;

export const sqliteReport: ReportDialect = { param: () => '?', ukDay: sqliteUkDay };

const list = (codes: readonly string[]) => codes.map((c) => `'${c}'`).join(', ');

/**
 * A report's queries, each counting over the referrals made from the first parameter until the
 * second: the same for both engines, in their dialects, as `countReport` counts in memory.
 */
export function reportQueries(d: ReportDialect): {
  total: string;
  byDay: string;
  byDayAndNeed: string;
  waits: string;
  outcomeAmounts: string;
  byEquality: string;
} & Record<'byNeed' | 'byStatus' | 'byPriority' | 'byOutcome' | 'byReferrerType' | 'byArea', string> {
  const madeBy = (t = '') => `${t}created_at >= ${d.param(1)} AND ${t}created_at < ${d.param(2)}`;
  const made = madeBy();
  // A referral's own columns, read from the range of the report's index (referrals_report), or
  // the rows of a table of its children.
  const grouped = (column: string) =>
    `SELECT ${column} AS k, COUNT(*) AS n FROM referrals WHERE ${made} GROUP BY ${column}`;
  const children = (table: string, column: string) =>
    `SELECT c.${column} AS k, COUNT(*) AS n FROM referrals r JOIN ${table} c ON c.referral_id = r.id
      WHERE ${madeBy('r.')} GROUP BY c.${column}`;
  // The days of each referral's submission, first contact and close (null if not yet), and
  // whether it is still open, from the columns written with it.
  const waits = `
    SELECT ${d.ukDay('submitted_at')} AS a, ${d.ukDay('first_contact_at')} AS b, ${d.ukDay('closed_at')} AS x,
      CASE WHEN status IN (${list(terminalStatuses)}) THEN 0 ELSE 1 END AS o, COUNT(*) AS n
    FROM referrals WHERE ${made} AND submitted_at IS NOT NULL GROUP BY a, b, x, o`;
  return {
    total: `SELECT COUNT(*) AS n FROM referrals WHERE ${made}`,
    byNeed: children('referral_needs', 'need'),
    byStatus: grouped('status'),
    byPriority: grouped('priority'),
    byOutcome: children('referral_outcomes', 'code'),
    byReferrerType: grouped('referrer_type'),
    byArea: grouped('district'),
    byDay: `SELECT ${d.ukDay('created_at')} AS k, COUNT(*) AS n FROM referrals WHERE ${made} GROUP BY k`,
    byDayAndNeed: `SELECT ${d.ukDay('r.created_at')} AS a, rn.need AS b, COUNT(*) AS n
      FROM referrals r JOIN referral_needs rn ON rn.referral_id = r.id WHERE ${madeBy('r.')} GROUP BY a, b`,
    waits,
    outcomeAmounts: `SELECT o.code AS a, o.frequency AS b, COUNT(*) AS n, SUM(o.pence) AS p
      FROM referrals r JOIN referral_outcomes o ON o.referral_id = r.id
      WHERE ${madeBy('r.')} AND o.code IN (${list(VALUED_OUTCOMES)}) AND o.frequency IS NOT NULL GROUP BY a, b`,
    // The coded answers given (referral_equality holds nothing else); `not_asked` is the rest.
    byEquality: `SELECT e.characteristic AS a, e.answer AS b, COUNT(*) AS n
      FROM referrals r JOIN referral_equality e ON e.referral_id = r.id WHERE ${madeBy('r.')} GROUP BY a, b`,
  };
}

type ReportRow = Record<string, string | number | null>;

/** Counts rows of `k` and `n` (a report's groups), a null key as `unknown`. */
export const reportGroups = (rows: readonly ReportRow[]): Record<string, number> =>
  Object.fromEntries(rows.map((r) => [String(r.k ?? 'unknown'), Number(r.n)]));

/** A report's counts from the rows of its queries (`reportQueries`), however an engine ran them. */
export async function reportCounts(
  queries: ReturnType<typeof reportQueries>,
  run: (sql: string) => Promise<readonly ReportRow[]> | readonly ReportRow[],
): Promise<ReportCounts> {
  const { total, byDay, byDayAndNeed, waits, outcomeAmounts, byEquality, ...groups } = queries;
  const counts: Record<string, Record<string, number>> = {};
  for (const [name, sql] of Object.entries(groups)) counts[name] = reportGroups(await run(sql));
  const made = Number((await run(total))[0]?.n ?? 0);
  const equality: Record<string, Record<string, number>> = Object.fromEntries(
    EQUALITY_CHARACTERISTICS.map((c) => [c, {}]),
  );
  for (const row of await run(byEquality)) {
    const answers = equality[String(row.a)];
    if (answers) answers[String(row.b)] = Number(row.n);
  }
  for (const answers of Object.values(equality)) {
    const asked = Object.values(answers).reduce((sum, n) => sum + n, 0);
    if (made > asked) answers.not_asked = made - asked;
  }
  const dayAndNeed: Record<string, Record<string, number>> = {};
  for (const row of await run(byDayAndNeed))
    (dayAndNeed[String(row.a)] ??= {})[String(row.b)] = Number(row.n);
  const waitRows = await run(waits);
  const waitsFor = (column: 'b' | 'x'): WaitCount[] => {
    const rows = new Map<string, WaitCount>();
    for (const row of waitRows) {
      const wait = {
        submitted: String(row.a),
        reached: row[column] === null ? null : String(row[column]),
        open: Number(row.o) === 1,
      };
      const key = JSON.stringify(wait);
      const found = rows.get(key);
      if (found) found.n += Number(row.n);
      else rows.set(key, { ...wait, n: Number(row.n) });
    }
    return [...rows.values()];
  };
  return {
    ...(counts as Pick<
      ReportCounts,
      'byNeed' | 'byStatus' | 'byPriority' | 'byOutcome' | 'byReferrerType' | 'byArea'
    >),
    total: made,
    byDay: reportGroups(await run(byDay)),
    byDayAndNeed: dayAndNeed,
    firstContact: waitsFor('b'),
    close: waitsFor('x'),
    outcomeAmounts: (await run(outcomeAmounts)).map((row) => ({
      code: String(row.a),
      frequency: String(row.b),
      n: Number(row.n),
      pence: Number(row.p),
    })),
    byEquality: equality,
  };
}

export function referralReport(db: Db, from: string, until: string): Promise<ReportCounts> {
  return reportCounts(reportQueries(sqliteReport), (sql) => db.all(sql, [from, until]));
}
