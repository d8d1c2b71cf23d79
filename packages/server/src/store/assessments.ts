/** Single assessments, each version a row. */
import type { SQLInputValue } from 'node:sqlite';
import type { Assessment, Page } from '@hubkit/schema';
import type { Cursors } from './cursor.ts';
import { type Db, type Dialect, json, pageOf, type Row, sqliteDialect } from './db.ts';
import type { PageRequest } from '@hubkit/hub';

/** An assessment's columns as both stores insert them: id, version, resident_id, referral_id, created_at, data. */
export function assessmentColumns(assessment: Assessment): SQLInputValue[] {
  return [
    assessment.id,
    assessment.version,
    assessment.residentId,
    assessment.referralId,
    assessment.createdAt,
    JSON.stringify(assessment),
  ];
}

export function insertAssessment(db: Db, assessment: Assessment): void {
  db.run(
    'INSERT INTO assessments (id, version, resident_id, referral_id, created_at, data) VALUES (?, ?, ?, ?, ?, ?)',
    assessmentColumns(assessment),
  );
}

export function getAssessment(db: Db, id: string, version?: number): Assessment | null {
  const row =
    version === undefined
      ? db.get('SELECT data FROM assessments WHERE id = ? ORDER BY version DESC LIMIT 1', [id])
      : db.get('SELECT data FROM assessments WHERE id = ? AND version = ?', [id, version]);
  return row ? json<Assessment>(row.data) : null;
}

/** Whose assessments a list is of: a resident's, a referral's, or both at once. */
export interface AssessmentSubject {
  residentId?: string | undefined;
  referralId?: string | undefined;
}

/**
 * The query of a page of the current versions of a subject's assessments, newest first (by
 * created_at, then id), after the page's cursor, in `dialect`; one row more than the page.
 */
export function assessmentsPageQuery(
  cursors: Cursors,
  subject: AssessmentSubject,
  page: PageRequest,
  dialect: Dialect,
): { sql: string; params: (string | number)[] } {
  const where: string[] = ['a.version = (SELECT MAX(version) FROM assessments b WHERE b.id = a.id)'];
  const params: (string | number)[] = [];
  const param = (value: string | number): string => {
    params.push(value);
    return dialect.param(params.length);
  };
  if (subject.residentId) where.push(`a.resident_id = ${param(subject.residentId)}`);
  if (subject.referralId) where.push(`a.referral_id = ${param(subject.referralId)}`);
  if (page.cursor) {
    const [createdAt, id] = cursors.decode(page.cursor, 2);
    where.push(
      `(a.created_at < ${param(String(createdAt))} OR (a.created_at = ${param(String(createdAt))} AND a.id < ${param(String(id))}))`,
    );
  }
  return {
    sql: `SELECT a.id, a.created_at, ${dialect.text('a.data')} AS data FROM assessments a WHERE ${where.join(' AND ')}
          ORDER BY a.created_at DESC, a.id DESC LIMIT ${param(page.limit + 1)}`,
    params,
  };
}

/** The query of a page of an assessment's versions, newest first, after the page's cursor, in `dialect`. */
export function assessmentVersionsQuery(
  cursors: Cursors,
  id: string,
  page: PageRequest,
  dialect: Dialect,
): { sql: string; params: (string | number)[] } {
  const params: (string | number)[] = [id];
  let where = `id = ${dialect.param(1)}`;
  if (page.cursor) {
    params.push(Number(cursors.decode(page.cursor, 1)[0]));
    where += ` AND version < ${dialect.param(params.length)}`;
  }
  params.push(page.limit + 1);
  return {
    sql: `SELECT version, ${dialect.text('data')} AS data FROM assessments WHERE ${where}
          ORDER BY version DESC LIMIT ${dialect.param(params.length)}`,
    params,
  };
}

/** A page of assessments from the rows of either query above; the cursor keys are the order's. */
export function assessmentPage(
  cursors: Cursors,
  rows: Row[],
  limit: number,
  keys: 'created' | 'version',
): Page<Assessment> {
  return pageOf(
    cursors,
    rows,
    limit,
    (r) => json<Assessment>(r.data),
    keys === 'created' ? (r) => [String(r.created_at), String(r.id)] : (r) => [Number(r.version)],
  );
}

export function listAssessments(
  db: Db,
  cursors: Cursors,
  subject: AssessmentSubject,
  page: PageRequest,
): Page<Assessment> {
  const { sql, params } = assessmentsPageQuery(cursors, subject, page, sqliteDialect);
  return assessmentPage(cursors, db.all(sql, params), page.limit, 'created');
}

export function listAssessmentVersions(
  db: Db,
  cursors: Cursors,
  id: string,
  page: PageRequest,
): Page<Assessment> {
  const { sql, params } = assessmentVersionsQuery(cursors, id, page, sqliteDialect);
  return assessmentPage(cursors, db.all(sql, params), page.limit, 'version');
}
