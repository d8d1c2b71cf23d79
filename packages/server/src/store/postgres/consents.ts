/** Consent records on PostgreSQL, as store/consents.ts keeps them on SQLite. */
import type { Store, WriteEffects } from '@hubkit/hub';
import type { Consent, Referral } from '@hubkit/schema';
import { consentColumns } from '../consents.ts';
import type { PgDb, Queryable } from './db.ts';
import { onlyIf, type Step } from './statement.ts';
import { applyEffects, write } from './writes.ts';

/** Consents as a step of a write, named `as`, written if the step `gate` wrote its record. */
export function consentsStep(
  consents: readonly { consent: Consent; createdByKeyId: string }[],
  gate: string | null,
  as = 'consents',
): Step {
  const columns = consents.map(({ consent, createdByKeyId }) => consentColumns(consent, createdByKeyId));
  return {
    as,
    sql: `INSERT INTO consents (id, referral_id, created_by_key, status, created_at, data)
          SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::jsonb[])${onlyIf(gate)}
          RETURNING id`,
    params: [0, 1, 2, 3, 4, 5].map((c) => columns.map((row) => row[c])),
  };
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

export type Consents = Pick<
  Store,
  'insertConsent' | 'getConsent' | 'updateConsent' | 'linkConsent' | 'referralsCoveredBy' | 'restrictSharing'
>;

/** Which referrals a consent covers: those made with it, and the one it was recorded for afterwards. */
const COVERED = 'consent_id = $1 OR id = (SELECT referral_id FROM consents WHERE id = $1)';

export class PostgresConsents implements Consents {
  readonly #db: PgDb;

  constructor(db: PgDb) {
    this.#db = db;
  }

  /** The consent and its effects, in one transaction. */
  async insertConsent(consent: Consent, createdByKeyId: string, effects: WriteEffects): Promise<void> {
    await write(this.#db, (gate) => [consentsStep([{ consent, createdByKeyId }], gate, 'record')], effects);
  }

  async getConsent(id: string): Promise<{ consent: Consent; createdByKeyId: string } | null> {
    const { rows } = await this.#db.query<{ data: Consent; created_by_key: string }>(
      'consent_get',
      'SELECT data, created_by_key FROM consents WHERE id = $1',
      [id],
    );
    const row = rows[0];
    return row ? { consent: row.data, createdByKeyId: row.created_by_key } : null;
  }

  /** The consent as given (a withdrawal) and its effects, in one transaction. */
  async updateConsent(consent: Consent, effects: WriteEffects): Promise<void> {
    await this.#db.transaction(async (tx) => {
      await tx.query(
        'consent_update',
        'UPDATE consents SET status = $1, referral_id = $2, data = $3 WHERE id = $4',
        [consent.status, consent.referralId, JSON.stringify(consent), consent.id],
      );
      await applyEffects(tx, effects);
    });
  }

  async linkConsent(consentId: string, referralId: string): Promise<void> {
    await this.#db.transaction((tx) => linkConsent(tx, consentId, referralId));
  }

  async referralsCoveredBy(consentId: string): Promise<Referral[]> {
    const { rows } = await this.#db.query<{ data: Referral }>(
      'consent_covered',
      `SELECT data FROM referrals WHERE ${COVERED} ORDER BY created_at, id`,
      [consentId],
    );
    return rows.map((row) => row.data);
  }

  /**
   * Marks the referrals the consent covers, in one statement on their current rows: a change
   * another process commits meanwhile is kept, and moving their versions makes an update made
   * from what was read before this one stale.
   */
  async restrictSharing(consentId: string, at: string): Promise<string[]> {
    const { rows } = await this.#db.query<{ id: string }>(
      'consent_restrict',
      `UPDATE referrals
          SET data = data || jsonb_build_object('sharingRestricted', true, 'updatedAt', $2::text),
              updated_at = $2::timestamptz, version = version + 1
        WHERE ${COVERED}
        RETURNING id`,
      [consentId, at],
    );
    return rows.map((row) => row.id).sort();
  }
}
