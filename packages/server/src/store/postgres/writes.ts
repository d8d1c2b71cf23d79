/**
 * A write's effects on PostgreSQL, inside the transaction of the record they come with (as
 * store/writes.ts on SQLite): events and their webhook deliveries, assessments, consents and
 * their links, the audit trail, and last the idempotency answer.
 */
import type { WriteEffects } from '@hubkit/hub';
import { insertAssessment } from './assessments.ts';
import { insertAudit } from './audit.ts';
import { insertConsent, linkConsent } from './consents.ts';
import type { Queryable } from './db.ts';
import { completeIdempotent } from './keys.ts';
import { insertEvents } from './webhooks.ts';

/** Writes `effects` on the transaction `tx`; throws (for the caller to roll back) when a claim was lost. */
export async function applyEffects(tx: Queryable, effects: WriteEffects): Promise<void> {
  // One after another: a transaction's connection runs one statement at a time.
  await insertEvents(tx, effects.events ?? []);
  for (const assessment of effects.assessments ?? []) await insertAssessment(tx, assessment);
  for (const { consent, createdByKeyId } of effects.consents ?? [])
    await insertConsent(tx, consent, createdByKeyId);
  for (const { consentId, referralId } of effects.consentLinks ?? [])
    await linkConsent(tx, consentId, referralId);
  await insertAudit(tx, effects.audit ?? []);
  // Last: no longer holding the claim throws, and the whole write is rolled back.
  if (effects.idempotency) await completeIdempotent(tx, effects.idempotency);
}
