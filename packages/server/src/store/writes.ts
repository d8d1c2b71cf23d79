/**
 * Every write of the store, each one unit of work: the record and its effects (events, webhook
 * deliveries, assessments, consents, the idempotency answer). Each runs inside a transaction its
 * caller holds, never awaits, and throws to have its work rolled back.
 */
import type { Assessment, AuditEvent, Consent, Referral } from '@hubkit/schema';
import { insertAssessment } from './assessments.ts';
import { insertAudit } from './audit.ts';
import { insertConsent, linkConsent, restrictSharing, updateConsent } from './consents.ts';
import type { Db } from './db.ts';
import {
  beginIdempotent,
  clearClaims,
  completeIdempotent,
  insertKey,
  purgeIdempotency,
  releaseIdempotent,
  revokeKey,
  setKeyRateLimit,
} from './keys.ts';
import { insertReferral, updateReferral } from './referrals.ts';
import type { StoredWebhookEndpoint, WriteEffects } from '@hubkit/hub';
import {
  deleteWebhookEndpoint,
  insertEvents,
  insertWebhookEndpoint,
  recordDeliveryAttempt,
} from './webhooks.ts';

/** Events, their webhook deliveries, the audit events and the idempotency record, inside the caller's transaction. */
function apply(db: Db, effects: WriteEffects): void {
  insertEvents(db, effects.events ?? []);
  for (const assessment of effects.assessments ?? []) insertAssessment(db, assessment);
  for (const { consent, createdByKeyId } of effects.consents ?? [])
    insertConsent(db, consent, createdByKeyId);
  for (const { consentId, referralId } of effects.consentLinks ?? []) linkConsent(db, consentId, referralId);
  insertAudit(db, effects.audit ?? []);
  // Last: no longer holding the claim throws, and the whole write is rolled back.
  if (effects.idempotency) completeIdempotent(db, effects.idempotency);
}

export const writes = {
  insertKey,
  revokeKey,
  setKeyRateLimit,
  beginIdempotent,
  completeIdempotent,
  releaseIdempotent,
  clearClaims,
  purgeIdempotency,
  insertReferral: (db: Db, referral: Referral, effects: WriteEffects): void => {
    insertReferral(db, referral);
    apply(db, effects);
  },
  updateReferral: (db: Db, referral: Referral, expectedVersion: number, effects: WriteEffects): boolean => {
    if (!updateReferral(db, referral, expectedVersion)) return false;
    apply(db, effects);
    return true;
  },
  insertConsent: (db: Db, consent: Consent, createdByKeyId: string, effects: WriteEffects): void => {
    insertConsent(db, consent, createdByKeyId);
    apply(db, effects);
  },
  updateConsent: (db: Db, consent: Consent, effects: WriteEffects): void => {
    updateConsent(db, consent);
    apply(db, effects);
  },
  linkConsent,
  restrictSharing,
  insertAssessment: (db: Db, assessment: Assessment, effects: WriteEffects): void => {
    insertAssessment(db, assessment);
    apply(db, effects);
  },
  insertWebhookEndpoint: (db: Db, endpoint: StoredWebhookEndpoint, effects: WriteEffects): void => {
    insertWebhookEndpoint(db, endpoint);
    apply(db, effects);
  },
  deleteWebhookEndpoint,
  recordDeliveryAttempt,
  insertAudit: (db: Db, events: readonly AuditEvent[]): void => {
    insertAudit(db, events);
  },
};

export type Writes = typeof writes;
export type WriteName = keyof Writes;
/** The arguments of a write, after the connection. */
export type WriteArgs<N extends WriteName> = Writes[N] extends (db: Db, ...args: infer A) => unknown
  ? A
  : never;
export type WriteResult<N extends WriteName> = ReturnType<Writes[N]>;
