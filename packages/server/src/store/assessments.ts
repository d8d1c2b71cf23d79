/** Single assessments, each version a row. */
import type { SQLInputValue } from 'node:sqlite';
import type { Assessment, Page } from '@hubkit/schema';
import type { Cursors } from './cursor.ts';
import { type Db, json, pageOf } from './db.ts';
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

export function listAssessments(
  db: Db,
  cursors: Cursors,
  subject: { residentId?: string | undefined; referralId?: string | undefined },
  page: PageRequest,
): Page<Assessment> {
  const where: string[] = ['a.version = (SELECT MAX(version) FROM assessments b WHERE b.id = a.id)'];
  const params: SQLInputValue[] = [];
  if (subject.residentId) {
    where.push('a.resident_id = ?');
    params.push(subject.residentId);
  }
  if (subject.referralId) {
    where.push('a.referral_id = ?');
    params.push(subject.referralId);
  }
  if (page.cursor) {
    const [createdAt, id] = cursors.decode(page.cursor, 2);
    where.push('(a.created_at < ? OR (a.created_at = ? AND a.id < ?))');
    params.push(String(createdAt), String(createdAt), String(id));
  }
  const rows = db.all(
    `SELECT a.id, a.created_at, a.data FROM assessments a WHERE ${where.join(' AND ')} ORDER BY a.created_at DESC, a.id DESC LIMIT ?`,
    [...params, page.limit + 1],
  );
  return pageOf(
    cursors,
    rows,
    page.limit,
    (r) => json<Assessment>(r.data),
    (r) => [String(r.created_at), String(r.id)],
  );
}

export function listAssessmentVersions(
  db: Db,
  cursors: Cursors,
  id: string,
  page: PageRequest,
): Page<Assessment> {
  const before = page.cursor ? Number(cursors.decode(page.cursor, 1)[0]) : Number.MAX_SAFE_INTEGER;
  const rows = db.all(
    'SELECT version, data FROM assessments WHERE id = ? AND version < ? ORDER BY version DESC LIMIT ?',
    [id, before, page.limit + 1],
  );
  return pageOf(
    cursors,
    rows,
    page.limit,
    (r) => json<Assessment>(r.data),
    (r) => [Number(r.version)],
  );
}
