/** Consent records on PostgreSQL, as store/consents.ts keeps them on SQLite. */
import type { Consent } from '@hubkit/schema';
import { consentColumns } from '../consents.ts';
import type { Queryable } from './db.ts';

export async function insertConsent(tx: Queryable, consent: Consent, createdByKeyId: string): Promise<void> {
  await tx.query(
    'consent_insert',
    'INSERT INTO consents (id, referral_id, created_by_key, status, created_at, data) VALUES ($1, $2, $3, $4, $5, $6)',
    consentColumns(consent, createdByKeyId),
  );
}

/**
 * Links a consent and a referral both ways; a referral keeps the consent it already has, and
 * nothing is linked to a consent that does not exist.
 */
export async function linkConsent(tx: Queryable, consentId: string, referralId: string): Promise<void> {
  const { rowCount } = await tx.query(
    'consent_link',
    `UPDATE consents SET referral_id = $2, data = jsonb_set(data, '{referralId}', to_jsonb($2::text))
      WHERE id = $1`,
    [consentId, referralId],
  );
  if (rowCount !== 1) return;
  await tx.query(
    'consent_link_referral',
    `UPDATE referrals SET data = jsonb_set(data, '{consentId}', to_jsonb($1::text)), version = version + 1
      WHERE id = $2 AND data -> 'consentId' = 'null'::jsonb`,
    [consentId, referralId],
  );
}
