/**
 * A write as one statement (issue 15): the record, its children and its effects as
 * data-modifying CTEs of one `WITH`, sent in one round trip and committed on their own, all or
 * nothing. On PostgreSQL a hub process spent a third of its CPU in the socket writes of the ~15
 * statements a create made one after another (BEGIN, the referral, its needs, its events, …,
 * COMMIT), and the server as much again answering them.
 *
 * Each step is written with its own `$1`, `$2`…; the statement numbers them across. A step may
 * read what an earlier one returned (`FROM record`), which is how a write's effects are made to
 * depend on its record being written: the steps of one statement do not see each other's rows,
 * but a step's `RETURNING` rows can be read by the steps after it, and foreign keys are checked
 * at the end of the statement.
 */
import type { Queryable } from './db.ts';

export interface Step {
  /** The CTE's name, which later steps and the statement's last `SELECT` read. */
  as: string;
  /** Its body, its parameters numbered from `$1`. */
  sql: string;
  params: readonly unknown[];
}

/** `WHERE EXISTS (…)` on the step named `gate`: nothing is written unless it returned a row. */
export const onlyIf = (gate: string | null): string =>
  gate === null ? '' : ` WHERE EXISTS (SELECT 1 FROM ${gate})`;

/** A name for each statement text: each connection prepares each shape of write once. */
const named = new Map<string, string>();

/** Runs `steps` as one statement ending in `select`, and gives its one row. */
export async function runSteps<R extends Record<string, unknown>>(
  db: Queryable,
  steps: readonly Step[],
  select: string,
): Promise<R> {
  const values: unknown[] = [];
  const ctes = steps.map((step) => {
    const offset = values.length;
    values.push(...step.params);
    return `${step.as} AS (${step.sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`)})`;
  });
  const text = `WITH ${ctes.join(',\n')}\n${select}`;
  // The shapes are few (which effects a write has); past 500, texts go unprepared.
  if (!named.has(text) && named.size < 500) named.set(text, `write_${named.size}`);
  const { rows } = await db.query<R>(named.get(text) ?? null, text, values);
  const [row] = rows;
  // A statement ending in a SELECT of aggregates always has its one row.
  if (!row) throw new Error('a write statement returned no row');
  return row;
}
