/** Consent records, and the referrals they cover. */
import type { Consent, Referral } from '@hubkit/schema';
import { type Db, json, type Row } from './db.ts';

/** A consent's columns as both stores insert them: id, referral_id, created_by_key, status, created_at, data. */
export function consentColumns(consent: Consent, createdByKeyId: string): (string | null)[] {
  return [
    consent.id,
    consent.referralId,
    createdByKeyId,
    consent.status,
    consent.createdAt,
    JSON.stringify(consent),
  ];
}

export function insertConsent(db: Db, consent: Consent, createdByKeyId: string): void {
  db.run(
    'INSERT INTO consents (id, referral_id, created_by_key, status, created_at, data) VALUES (?, ?, ?, ?, ?, ?)',
    consentColumns(consent, createdByKeyId),
  );
}

export function getConsent(db: Db, id: string): { consent: Consent; createdByKeyId: string } | null {
  const row = db.get('SELECT data, created_by_key FROM consents WHERE id = ?', [id]);
  return row ? { consent: json<Consent>(row.data), createdByKeyId: String(row.created_by_key) } : null;
}

export function updateConsent(db: Db, consent: Consent): void {
  db.run('UPDATE consents SET status = ?, referral_id = ?, data = ? WHERE id = ?', [
    consent.status,
    consent.referralId,
    JSON.stringify(consent),
    consent.id,
  ]);
}

/** Links a consent and a referral both ways; a referral keeps the consent it already has. */
export function linkConsent(db: Db, consentId: string, referralId: string): void {
  const row = db.get('SELECT data FROM consents WHERE id = ?', [consentId]);
  if (!row) return;
  const consent = { ...json<Consent>(row.data), referralId };
  db.run('UPDATE consents SET referral_id = ?, data = ? WHERE id = ?', [
    referralId,
    JSON.stringify(consent),
    consentId,
  ]);
  const referral = db.get('SELECT data FROM referrals WHERE id = ?', [referralId]);
  if (referral && json<Referral>(referral.data).consentId === null) {
    const updated = { ...json<Referral>(referral.data), consentId };
    db.run('UPDATE referrals SET data = ?, version = version + 1 WHERE id = ?', [
      JSON.stringify(updated),
      referralId,
    ]);
  }
}

/** The referrals made with this consent, and the one it was recorded for afterwards. */
function covered(db: Db, consentId: string): Row[] {
  return db.all(
    `SELECT id, data FROM referrals
     WHERE json_extract(data, '$.consentId') = ? OR id = (SELECT referral_id FROM consents WHERE id = ?)`,
    [consentId, consentId],
  );
}

export function referralsCoveredBy(db: Db, consentId: string): Referral[] {
  return covered(db, consentId).map((row) => json<Referral>(row.data));
}

export function restrictSharing(db: Db, consentId: string, at: string): string[] {
  const rows = covered(db, consentId);
  for (const row of rows) {
    const referral = { ...json<Referral>(row.data), sharingRestricted: true, updatedAt: at };
    db.run('UPDATE referrals SET data = ?, updated_at = ?, version = version + 1 WHERE id = ?', [
      JSON.stringify(referral),
      at,
      String(row.id),
    ]);
  }
  return rows.map((r) => String(r.id));
}
