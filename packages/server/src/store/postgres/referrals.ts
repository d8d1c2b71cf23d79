/**
 * Referrals on PostgreSQL: the third aggregate of the PostgreSQL store (issue 15), as
 * store/referrals.ts is the SQLite store's. Each write is the referral and its effects in one
 * transaction (writes.ts); several hub processes share the table, so an update is one
 * `UPDATE … WHERE version = expected`: of two processes updating a referral at once, the second
 * waits for the first to commit, finds the version moved on, and changes nothing.
 */
import {
  ReferenceTaken,
  type PageRequest,
  type ReferralFilter,
  type ReportCounts,
  type Store,
  type WriteEffects,
} from '@hubkit/hub';
import type { Page, Referral, WebhookEvent } from '@hubkit/schema';
import type { Cursors } from '../cursor.ts';
import { json, pageOf, type Row } from '../db.ts';
import {
  equalityAnswers,
  outcomeRows,
  referralColumns,
  reportCounts,
  reportQueries,
  type ReportDialect,
} from '../referrals.ts';
import { pgInstant, type PgDb, type Queryable } from './db.ts';
import { onlyIf, type Step } from './statement.ts';
import { applyEffects, write } from './writes.ts';

/** A report's queries on PostgreSQL: instants are `timestamptz`. */
const postgresReport: ReportDialect = {
  param: (n) => `$${n}::timestamptz`,
  ukDay: (instant) => `to_char(${instant} AT TIME ZONE 'Europe/London', 'YYYY-MM-DD')`,
};

/** The referral's outcomes as arrays for `unnest`: need, code, recorded_at, frequency, pence. */
const outcomeArrays = (referral: Referral) => {
  const rows = outcomeRows(referral);
  return [
    rows.map((o) => o.need),
    rows.map((o) => o.code),
    rows.map((o) => o.recordedAt),
    rows.map((o) => o.frequency),
    rows.map((o) => o.pence),
  ];
};

/** The referral's equality answers as arrays for `unnest`: characteristic, answer. */
const equalityArrays = (referral: Referral) => {
  const answers = equalityAnswers(referral);
  return [answers.map((e) => e.characteristic), answers.map((e) => e.answer)];
};

/** The referral's needs, outcomes and equality answers, replacing those it had. */
async function writeNeedsAndOutcomes(tx: Queryable, referral: Referral): Promise<void> {
  await tx.query('referral_needs_clear', 'DELETE FROM referral_needs WHERE referral_id = $1', [referral.id]);
  await tx.query(
    'referral_needs_insert',
    'INSERT INTO referral_needs (referral_id, need) SELECT $1, need FROM unnest($2::text[]) AS n (need)',
    [referral.id, referral.needs.map((need) => need.code)],
  );
  await tx.query('referral_outcomes_clear', 'DELETE FROM referral_outcomes WHERE referral_id = $1', [
    referral.id,
  ]);
  await tx.query(
    'referral_outcomes_insert',
    `INSERT INTO referral_outcomes (referral_id, need, code, recorded_at, frequency, pence)
     SELECT $1, need, code, recorded_at, frequency, pence
       FROM unnest($2::text[], $3::text[], $4::timestamptz[], $5::text[], $6::bigint[]) AS o (need, code, recorded_at, frequency, pence)`,
    [referral.id, ...outcomeArrays(referral)],
  );
  // In one statement: the characteristics no longer answered go, the others are written (the
  // two touch different rows, so neither waits on the other).
  await tx.query(
    'referral_equality_write',
    `WITH gone AS (DELETE FROM referral_equality WHERE referral_id = $1 AND characteristic <> ALL ($2::text[]))
     INSERT INTO referral_equality (referral_id, characteristic, answer)
     SELECT $1, characteristic, answer FROM unnest($2::text[], $3::text[]) AS e (characteristic, answer)
     ON CONFLICT (referral_id, characteristic) DO UPDATE SET answer = excluded.answer`,
    [referral.id, ...equalityArrays(referral)],
  );
}

/**
 * A new referral, its needs, equality answers and outcomes as steps of a write: the referral if
 * the step `gate` found the claim, on its unique reference (of two processes giving out one
 * reference at once, one writes it), and the rest if it was written.
 */
function insertSteps(referral: Referral, gate: string | null): Step[] {
  const steps: Step[] = [
    {
      as: 'record',
      sql: `INSERT INTO referrals (id, reference, resident_id, created_at, nhs_number, status, priority, referrer_type, district, updated_at, data,
                                 submitted_at, first_contact_at, closed_at, version)
            SELECT $1::text, $2::text, $3::text, $4::timestamptz, $5::text, $6::text, $7::text, $8::text, $9::text, $10::timestamptz, $11::jsonb,
                   $12::timestamptz, $13::timestamptz, $14::timestamptz, 1${onlyIf(gate)}
            ON CONFLICT (reference) DO NOTHING
            RETURNING id`,
      params: [
        referral.id,
        referral.reference,
        referral.residentId,
        referral.createdAt,
        ...referralColumns(referral),
      ],
    },
    {
      as: 'needs',
      sql: `INSERT INTO referral_needs (referral_id, need)
            SELECT record.id, n.need FROM record, unnest($1::text[]) AS n (need)`,
      params: [referral.needs.map((need) => need.code)],
    },
    {
      as: 'equality',
      sql: `INSERT INTO referral_equality (referral_id, characteristic, answer)
            SELECT record.id, e.characteristic, e.answer FROM record, unnest($1::text[], $2::text[]) AS e (characteristic, answer)`,
      params: equalityArrays(referral),
    },
  ];
  if (referral.outcomes.length > 0) {
    steps.push({
      as: 'outcomes',
      sql: `INSERT INTO referral_outcomes (referral_id, need, code, recorded_at, frequency, pence)
            SELECT record.id, o.need, o.code, o.recorded_at, o.frequency, o.pence
              FROM record, unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[], $5::bigint[])
                AS o (need, code, recorded_at, frequency, pence)`,
      params: outcomeArrays(referral),
    });
  }
  return steps;
}

export type Referrals = Pick<
  Store,
  | 'insertReferral'
  | 'updateReferral'
  | 'getReferral'
  | 'referralVersion'
  | 'listReferrals'
  | 'listReferralEvents'
  | 'referralReport'
> & { residentIdForNhsNumber(nhsNumber: string): Promise<string | null> };

export class PostgresReferrals implements Referrals {
  readonly #db: PgDb;
  readonly #cursors: Cursors;

  constructor(db: PgDb, cursors: Cursors) {
    this.#db = db;
    this.#cursors = cursors;
  }

  /** The referral and its effects, in one statement; ReferenceTaken, writing nothing, when its reference is used. */
  async insertReferral(referral: Referral, effects: WriteEffects): Promise<void> {
    if (!(await write(this.#db, (gate) => insertSteps(referral, gate), effects))) throw new ReferenceTaken();
  }

  /** Replaces the referral and writes its effects if it is still at `expectedVersion`; false (nothing written) if not. */
  async updateReferral(referral: Referral, expectedVersion: number, effects: WriteEffects): Promise<boolean> {
    return this.#db.transaction(async (tx) => {
      const { rowCount } = await tx.query(
        'referral_update',
        `UPDATE referrals SET nhs_number = $1, status = $2, priority = $3, referrer_type = $4, district = $5,
                updated_at = $6, data = $7, submitted_at = $8, first_contact_at = $9, closed_at = $10,
                version = version + 1
          WHERE id = $11 AND version = $12`,
        [...referralColumns(referral), referral.id, expectedVersion],
      );
      if (rowCount !== 1) return false;
      await writeNeedsAndOutcomes(tx, referral);
      await applyEffects(tx, effects);
      return true;
    });
  }

  /** The column `value` of the first row `sql` finds for `param`, or null when none. */
  async #first<T>(name: string, sql: string, param: string): Promise<T | null> {
    const { rows } = await this.#db.query<{ value: T }>(name, sql, [param]);
    return rows[0]?.value ?? null;
  }

  getReferral(id: string): Promise<Referral | null> {
    return this.#first('referral_get', 'SELECT data AS value FROM referrals WHERE id = $1', id);
  }

  referralVersion(id: string): Promise<number | null> {
    return this.#first('referral_version', 'SELECT version AS value FROM referrals WHERE id = $1', id);
  }

  /** The resident of the earliest referral made with this NHS number. */
  residentIdForNhsNumber(nhsNumber: string): Promise<string | null> {
    return this.#first(
      'referral_resident_by_nhs',
      'SELECT resident_id AS value FROM referrals WHERE nhs_number = $1 ORDER BY created_at LIMIT 1',
      nhsNumber,
    );
  }

  /** Newest first (created_at, then id), with the same cursors as SQLite's list. */
  async listReferrals(filter: ReferralFilter, page: PageRequest): Promise<Page<Referral>> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    if (filter.status) where.push(`r.status = ${param(filter.status)}`);
    if (filter.need)
      where.push(
        `EXISTS (SELECT 1 FROM referral_needs n WHERE n.referral_id = r.id AND n.need = ${param(filter.need)})`,
      );
    if (filter.createdSince) where.push(`r.created_at >= ${param(pgInstant(filter.createdSince))}`);
    if (filter.updatedSince) where.push(`r.updated_at >= ${param(pgInstant(filter.updatedSince))}`);
    if (filter.sharedOnly) where.push('NOT r.sharing_restricted');
    if (filter.madeByKey) where.push(`r.made_by_key = ${param(filter.madeByKey)}`);
    if (filter.assignedTo) where.push(`r.assigned_service = ANY(${param([...filter.assignedTo])}::text[])`);
    if (page.cursor) {
      const [createdAt, id] = this.#cursors.decode(page.cursor, 2);
      where.push(`(r.created_at, r.id) < (${param(String(createdAt))}::timestamptz, ${param(String(id))})`);
    }
    const { rows } = await this.#db.query<Row>(
      null,
      `SELECT r.id, r.created_at, r.data::text AS data FROM referrals r ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY r.created_at DESC, r.id DESC LIMIT ${param(page.limit + 1)}`,
      params,
    );
    return pageOf(
      this.#cursors,
      rows,
      page.limit,
      (r) => json<Referral>(r.data),
      (r) => [String(r.created_at), String(r.id)],
    );
  }

  /** A referral's events in the order they were recorded (its writes are serialised by its version). */
  async listReferralEvents(referralId: string, page: PageRequest): Promise<Page<WebhookEvent>> {
    const after = page.cursor ? Number(this.#cursors.decode(page.cursor, 1)[0]) : 0;
    const { rows } = await this.#db.query<Row>(
      'referral_events',
      'SELECT seq, data::text AS data FROM events WHERE referral_id = $1 AND seq > $2 ORDER BY seq LIMIT $3',
      [referralId, after, page.limit + 1],
    );
    return pageOf(
      this.#cursors,
      rows,
      page.limit,
      (r) => json<WebhookEvent>(r.data),
      (r) => [Number(r.seq)],
    );
  }

  /** The same queries as SQLite's report, read in one snapshot so that the counts agree. */
  async referralReport(from: string, until: string): Promise<ReportCounts> {
    return this.#db.transaction(async (tx) => {
      await tx.query(null, 'SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const range = [pgInstant(from), pgInstant(until)];
      return reportCounts(
        reportQueries(postgresReport),
        async (sql) => (await tx.query<Row>(null, sql, range)).rows,
      );
    });
  }
}
