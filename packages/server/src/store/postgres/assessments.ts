/** Single assessments on PostgreSQL, each version a row, as store/assessments.ts keeps them on SQLite. */
import type { Assessment } from '@hubkit/schema';
import { assessmentColumns } from '../assessments.ts';
import type { Queryable } from './db.ts';

export async function insertAssessment(tx: Queryable, assessment: Assessment): Promise<void> {
  await tx.query(
    'assessment_insert',
    'INSERT INTO assessments (id, version, resident_id, referral_id, created_at, data) VALUES ($1, $2, $3, $4, $5, $6)',
    assessmentColumns(assessment),
  );
}
