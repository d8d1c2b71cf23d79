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

/**
 * How one engine writes what a report's queries need: its parameters, a text field of JSON
 * (`json(column, ['resident', 'equality', 'sex'])`), a JSON array as rows (`alias.value`), an
 * instant read from JSON, and the UK day of an instant.
 */
export interface ReportDialect {
  param(n: number): string;
  json(expr: string, path: readonly string[]): string;
  each(expr: string, field: string, alias: string): string;
  /** A JSON object's fields as rows of text (`alias.key`, `alias.value`). */
  entries(expr: string, path: readonly string[], alias: string): string;
  instant(text: string): string;
  /** A whole number read from JSON. */
  integer(text: string): string;
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

export const sqliteReport: ReportDialect = {
  param: () => '?',
  json: (expr, path) => `json_extract(${expr}, '$.${path.join('.')}')`,
  each: (expr, field, alias) => `json_each(${expr}, '$.${field}') AS ${alias}`,
  entries: (expr, path, alias) => `json_each(${expr}, '$.${path.join('.')}') AS ${alias}`,
  instant: (text) => text,
  integer: (text) => text,
  ukDay: sqliteUkDay,
};

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
  const scope = `SELECT id FROM referrals WHERE ${made}`;
  const grouped = (column: string, table = 'referrals', key = 'id') =>
    `SELECT ${column} AS k, COUNT(*) AS n FROM ${table} WHERE ${key} IN (${scope}) GROUP BY ${column}`;
  // Each referral's record is read once (its JSON parsed once) for both steps: the days of its
  // submission, first contact and close (null if not yet), and whether it is still open.
  const at = d.instant(d.json('h.value', ['at']));
  const to = d.json('h.value', ['to']);
  const waits = `
    SELECT ${d.ukDay('s')} AS a, ${d.ukDay('c')} AS b, ${d.ukDay('x')} AS x, o, COUNT(*) AS n FROM (
      SELECT ${d.instant(d.json('r.data', ['submittedAt']))} AS s,
        MIN(CASE WHEN ${to} IN (${list(FIRST_CONTACT_STATUSES)}) THEN ${at} END) AS c,
        MIN(CASE WHEN ${to} = '${CLOSE_STATUS}' THEN ${at} END) AS x,
        CASE WHEN r.status IN (${list(terminalStatuses)}) THEN 0 ELSE 1 END AS o
      FROM referrals r, ${d.each('r.data', 'history', 'h')}
      WHERE ${madeBy('r.')} AND ${d.json('r.data', ['submittedAt'])} IS NOT NULL
      GROUP BY r.id
    ) AS w GROUP BY a, b, x, o`;
  return {
    total: `SELECT COUNT(*) AS n FROM (${scope}) AS made`,
    byNeed: grouped('need', 'referral_needs', 'referral_id'),
    byStatus: grouped('status'),
    byPriority: grouped('priority'),
    byOutcome: grouped('code', 'referral_outcomes', 'referral_id'),
    byReferrerType: grouped('referrer_type'),
    byArea: grouped('district'),
    byDay: `SELECT ${d.ukDay('created_at')} AS k, COUNT(*) AS n FROM referrals WHERE ${made} GROUP BY k`,
    byDayAndNeed: `SELECT ${d.ukDay('r.created_at')} AS a, rn.need AS b, COUNT(*) AS n
      FROM referrals r JOIN referral_needs rn ON rn.referral_id = r.id WHERE ${madeBy('r.')} GROUP BY a, b`,
    waits,
    outcomeAmounts: `
      SELECT a, b, COUNT(*) AS n, SUM(p) AS p FROM (
        SELECT ${d.json('o.value', ['code'])} AS a, ${d.json('o.value', ['amount', 'frequency'])} AS b,
          ${d.integer(d.json('o.value', ['amount', 'amount']))} AS p
        FROM referrals r, ${d.each('r.data', 'outcomes', 'o')} WHERE ${madeBy('r.')}
      ) AS v WHERE a IN (${list(VALUED_OUTCOMES)}) AND b IS NOT NULL GROUP BY a, b`,
    // The answers given, one pass; `not_asked` is the rest. Never the free text beside them.
    byEquality: `SELECT e.key AS a, e.value AS b, COUNT(*) AS n
      FROM referrals r, ${d.entries('r.data', ['resident', 'equality'], 'e')}
      WHERE ${madeBy('r.')} AND e.key IN (${list(EQUALITY_CHARACTERISTICS)}) GROUP BY a, b`,
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
