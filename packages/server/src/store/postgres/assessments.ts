/** Single assessments on PostgreSQL, each version a row, as store/assessments.ts keeps them on SQLite. */
import type { PageRequest, Store, WriteEffects } from '@hubkit/hub';
import type { Assessment, Page } from '@hubkit/schema';
import {
  assessmentColumns,
  assessmentPage,
  assessmentsPageQuery,
  assessmentVersionsQuery,
  type AssessmentSubject,
} from '../assessments.ts';
import type { Cursors } from '../cursor.ts';
import type { Row } from '../db.ts';
import { type PgDb, postgresDialect } from './db.ts';
import { onlyIf, type Step } from './statement.ts';
import { write } from './writes.ts';

/** Assessments (versions of them) as a step of a write, named `as`, written if the step `gate` wrote its record. */
export function assessmentsStep(
  assessments: readonly Assessment[],
  gate: string | null,
  as = 'assessments',
): Step {
  const columns = assessments.map(assessmentColumns);
  return {
    as,
    sql: `INSERT INTO assessments (id, version, resident_id, referral_id, created_at, data)
          SELECT * FROM unnest($1::text[], $2::integer[], $3::text[], $4::text[], $5::timestamptz[], $6::jsonb[])${onlyIf(gate)}
          RETURNING id`,
    params: [0, 1, 2, 3, 4, 5].map((c) => columns.map((row) => row[c])),
  };
}

export type Assessments = Pick<
  Store,
  'insertAssessment' | 'getAssessment' | 'listAssessments' | 'listAssessmentVersions' | 'residentExists'
>;

export class PostgresAssessments implements Assessments {
  readonly #db: PgDb;
  readonly #cursors: Cursors;

  constructor(db: PgDb, cursors: Cursors) {
    this.#db = db;
    this.#cursors = cursors;
  }

  /**
   * The assessment (a version of it) and its effects, in one transaction. A version another
   * process wrote first breaks the primary key (id, version): nothing of this one is written.
   */
  async insertAssessment(assessment: Assessment, effects: WriteEffects): Promise<void> {
    await write(this.#db, (gate) => [assessmentsStep([assessment], gate, 'record')], effects);
  }

  /** The version asked for, or the newest. */
  async getAssessment(id: string, version?: number): Promise<Assessment | null> {
    const { rows } =
      version === undefined
        ? await this.#db.query<{ data: Assessment }>(
            'assessment_newest',
            'SELECT data FROM assessments WHERE id = $1 ORDER BY version DESC LIMIT 1',
            [id],
          )
        : await this.#db.query<{ data: Assessment }>(
            'assessment_version',
            'SELECT data FROM assessments WHERE id = $1 AND version = $2',
            [id, version],
          );
    return rows[0]?.data ?? null;
  }

  /** The newest version of each of the subject's assessments, newest first, with SQLite's cursors. */
  async listAssessments(subject: AssessmentSubject, page: PageRequest): Promise<Page<Assessment>> {
    const { sql, params } = assessmentsPageQuery(this.#cursors, subject, page, postgresDialect);
    const { rows } = await this.#db.query<Row>(null, sql, params);
    return assessmentPage(this.#cursors, rows, page.limit, 'created');
  }

  async listAssessmentVersions(id: string, page: PageRequest): Promise<Page<Assessment>> {
    const { sql, params } = assessmentVersionsQuery(this.#cursors, id, page, postgresDialect);
    const { rows } = await this.#db.query<Row>(null, sql, params);
    return assessmentPage(this.#cursors, rows, page.limit, 'version');
  }

  /** Whether the hub knows a person by this id: through a referral or an assessment. */
  async residentExists(residentId: string): Promise<boolean> {
    const { rows } = await this.#db.query(
      'resident_exists',
      `SELECT EXISTS (SELECT 1 FROM referrals WHERE resident_id = $1)
           OR EXISTS (SELECT 1 FROM assessments WHERE resident_id = $1) AS known`,
      [residentId],
    );
    return rows[0]?.known === true;
  }
}
