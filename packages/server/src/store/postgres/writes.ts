/**
 * A write's effects on PostgreSQL, with the record they come with (as store/writes.ts on
 * SQLite): events and their webhook deliveries, assessments, consents and their links, the
 * audit trail, and last the idempotency answer.
 *
 * `write` sends a record and its effects as one statement (statement.ts): one round trip,
 * committed on its own. `applyEffects` writes them inside a transaction, for writes that read or
 * change rows the statement could not see (an update's version check, a consent linked to a
 * referral): the effects that are inserts still go in one statement there.
 */
import { IdempotencyClaimLost, type WriteEffects } from '@hubkit/hub';
import { assessmentsStep } from './assessments.ts';
import { auditStep } from './audit.ts';
import { consentsStep, linkConsent } from './consents.ts';
import type { Queryable } from './db.ts';
import { claimStep, completeIdempotent, completionStep } from './keys.ts';
import { runSteps, type Step } from './statement.ts';
import { eventSteps } from './webhooks.ts';

/** The effects that are inserts, each written only if the step `gate` wrote its record. */
function insertSteps(effects: WriteEffects, gate: string | null): Step[] {
  const steps = eventSteps(effects.events ?? [], gate);
  if (effects.assessments?.length) steps.push(assessmentsStep(effects.assessments, gate));
  if (effects.consents?.length) steps.push(consentsStep(effects.consents, gate));
  if (effects.audit?.length) steps.push(auditStep(effects.audit, gate));
  return steps;
}

/**
 * Writes a record (`record(gate)`: steps, one of them named `record`, that write only if the step
 * `gate` found the request's claim) and its effects in one statement. Nothing is written and
 * IdempotencyClaimLost is thrown if the claim was lost; false, with nothing written, if the
 * record step wrote no row (a reference or version already taken).
 *
 * A write that links a consent is made in a transaction instead, since a link reads rows the
 * statement itself writes.
 */
export async function write(
  db: Queryable & { transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> },
  record: (gate: string | null) => Step[],
  effects: WriteEffects,
): Promise<boolean> {
  if (effects.consentLinks?.length) {
    return db.transaction(async (tx) => {
      const { written } = await runSteps<{ written: number }>(
        tx,
        record(null),
        'SELECT (SELECT count(*) FROM record)::int AS written',
      );
      if (written === 0) return false;
      await applyEffects(tx, effects);
      return true;
    });
  }
  const claim = effects.idempotency;
  const steps = [
    ...(claim ? [claimStep(claim)] : []),
    ...record(claim ? 'claim' : null),
    ...insertSteps(effects, 'record'),
    ...(claim ? [completionStep(claim, 'record')] : []),
  ];
  const { claimed, written } = await runSteps<{ claimed: number; written: number }>(
    db,
    steps,
    `SELECT ${claim ? '(SELECT count(*) FROM claim)::int' : '1'} AS claimed, (SELECT count(*) FROM record)::int AS written`,
  );
  if (claimed === 0) throw new IdempotencyClaimLost();
  return written > 0;
}

/** Writes `effects` on the transaction `tx`; throws (for the caller to roll back) when a claim was lost. */
export async function applyEffects(tx: Queryable, effects: WriteEffects): Promise<void> {
  const links = effects.consentLinks ?? [];
  const claim = effects.idempotency;
  // With no links to make, the answer goes in the inserts' statement.
  const complete = claim !== undefined && links.length === 0;
  const steps = [...insertSteps(effects, null), ...(complete ? [completionStep(claim, null)] : [])];
  if (steps.length > 0) {
    const { completed } = await runSteps<{ completed: number }>(
      tx,
      steps,
      `SELECT ${complete ? '(SELECT count(*) FROM done)::int' : '1'} AS completed`,
    );
    // No longer holding the claim throws, and the whole write is rolled back.
    if (completed === 0) throw new IdempotencyClaimLost();
  }
  for (const { consentId, referralId } of links) await linkConsent(tx, consentId, referralId);
  if (claim && !complete) await completeIdempotent(tx, claim);
}
