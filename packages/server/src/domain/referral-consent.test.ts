/**
 * A referral sent with its consent (`POST /v1/referrals` with `consent`): the hub makes both in
 * one write under the one Idempotency-Key, linked both ways, or neither. Nothing reaches the hub
 * before the person sends the referral, so an abandoned form leaves no consent behind.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { describe, it } from 'node:test';
import type { AuditEvent, Consent, Referral } from '@hubkit/schema';
import { consentByPhone, consentOnline, selfReferralShielding } from '@hubkit/schema/fixtures';
import { hashKey } from './keys.ts';
import { silentLogger } from '../log.ts';
import { startHub } from '../server.ts';
import { openStore } from '../store/open.ts';
import { forEachEngine, type Engine } from '../testing/engines.ts';
import { KEYS, ORIGIN, type TestHub } from '../testing/hub.ts';

const site = { key: 'publishable', headers: { Origin: ORIGIN } } as const;
const withConsent = { ...selfReferralShielding, consent: consentOnline };

/** A hub on its own database, and how many referrals and consents the database holds. */
async function hubOnDatabase(
  engine: Engine,
): Promise<{ hub: TestHub; db: string; counts: () => Promise<Counts> }> {
  const db = await engine.database();
  const hub = await engine.testHub({ db });
  return { hub, db, counts: () => counts(engine, db) };
}

interface Counts {
  referrals: number;
  consents: number;
}

async function counts(engine: Engine, db: string): Promise<Counts> {
  const count = async (table: string) =>
    Number((await engine.sql(db, `SELECT COUNT(*) AS n FROM ${table}`))[0]?.n);
  return { referrals: await count('referrals'), consents: await count('consents') };
}

/** Makes the database refuse every consent row, as a full disk would, and undoes it. */
const REFUSE_CONSENTS = {
  SQLite: {
    on: `CREATE TRIGGER refuse_consent BEFORE INSERT ON consents BEGIN SELECT RAISE(ABORT, 'disk full'); END`,
    off: 'DROP TRIGGER refuse_consent',
  },
  PostgreSQL: {
    on: `CREATE FUNCTION refuse_consent() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$;
      CREATE TRIGGER refuse_consent BEFORE INSERT ON consents FOR EACH ROW EXECUTE FUNCTION refuse_consent()`,
    off: 'DROP TRIGGER refuse_consent ON consents',
  },
};

function post(hub: TestHub, body: unknown, idempotencyKey?: string) {
  return hub.request<Referral & { code?: string; errors?: { path: string; code: string }[] }>(
    'POST',
    '/v1/referrals',
    {
      ...site,
      body,
      headers: { ...site.headers, ...(idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}) },
    },
  );
}

forEachEngine((engine) => {
  describe('a referral sent with its consent', () => {
    it('makes the consent record and the referral, linked both ways, and answers the referral', async () => {
      const { hub, counts } = await hubOnDatabase(engine);
      try {
        const made = await post(hub, withConsent, 'form-1');
        assert.equal(made.status, 201, made.text);
        assert.ok(made.body.consentId, 'the referral names the consent made with it');
        assert.equal('consent' in made.body, false, 'the answer is the referral, not the consent');
        const consent = await hub.request<Consent>('GET', `/v1/consents/${made.body.consentId}`);
        assert.equal(consent.status, 200);
        assert.equal(consent.body.referralId, made.body.id);
        assert.equal(consent.body.status, 'active');
        assert.equal(consent.body.givenBy.name, consentOnline.givenBy.name);
        assert.deepEqual(consent.body.purposes, consentOnline.purposes);
        assert.deepEqual(await counts(), { referrals: 1, consents: 1 });
      } finally {
        await hub.close();
      }
    });

    it('is seen by the same keys as a consent recorded on its own: the hub, a key covering the referral; never another site', async () => {
      const { hub } = await hubOnDatabase(engine);
      try {
        const made = await post(hub, withConsent);
        const path = `/v1/consents/${made.body.consentId ?? ''}`;
        assert.equal((await hub.request('GET', path)).status, 200, 'the hub');
        // Publishable keys create, they never read.
        assert.equal((await hub.request('GET', path, site)).status, 403, 'the site that sent it');
        assert.equal(
          (await hub.request('GET', path, { key: 'partner' })).status,
          404,
          'a partner that did not make it',
        );
        assert.equal(
          (await hub.request('GET', path, { key: 'provider' })).status,
          404,
          'a provider not assigned it',
        );
      } finally {
        await hub.close();
      }
    });

    it('replayed with the same Idempotency-Key makes exactly one of each, and answers the same referral', async () => {
      const { hub, counts } = await hubOnDatabase(engine);
      try {
        const first = await post(hub, withConsent, 'form-2');
        const again = await post(hub, withConsent, 'form-2');
        assert.equal(again.status, 201);
        assert.equal(again.headers.get('idempotent-replayed'), 'true');
        assert.deepEqual(again.body, first.body);
        assert.deepEqual(await counts(), { referrals: 1, consents: 1 });
      } finally {
        await hub.close();
      }
    });

    it('leaves an audit event for each record it made: the referral and the consent', async () => {
      const { hub } = await hubOnDatabase(engine);
      try {
        const made = await post(hub, withConsent);
        const trail = await hub.request<{ data: AuditEvent[] }>('GET', '/v1/audit-events?limit=100');
        const created = trail.body.data.filter((e) => e.action === 'create');
        assert.deepEqual(
          created.map((e) => [e.resourceType, e.resourceId]).sort(),
          [
            ['consent', made.body.consentId],
            ['referral', made.body.id],
          ].sort(),
        );
      } finally {
        await hub.close();
      }
    });
  });

  describe('refused, it stores nothing', () => {
    it('both consent and consentId: 422 naming the consent, nothing stored', async () => {
      const { hub, counts } = await hubOnDatabase(engine);
      try {
        const earlier = await hub.request<Consent>('POST', '/v1/consents', { body: consentByPhone });
        const before = await counts();
        const answer = await post(hub, { ...withConsent, consentId: earlier.body.id }, 'both-1');
        assert.equal(answer.status, 422, answer.text);
        assert.equal(answer.body.code, 'validation_failed');
        assert.deepEqual(
          answer.body.errors?.map((e) => [e.path, e.code]),
          [['/consent', 'consent_and_consent_id']],
        );
        assert.match(JSON.stringify(answer.body.errors), /consent record or the id of one already recorded/);
        assert.deepEqual(await counts(), before);
      } finally {
        await hub.close();
      }
    });

    it('consent fields wrong: 422 with pointers under /consent, nothing stored', async () => {
      const { hub, counts } = await hubOnDatabase(engine);
      try {
        const answer = await post(
          hub,
          {
            ...selfReferralShielding,
            consent: {
              ...consentOnline,
              givenBy: { type: 'resident', name: '' },
              method: 'phone',
              referralId: '00000000-0000-4000-8000-000000000000',
            },
          },
          'bad-1',
        );
        assert.equal(answer.status, 422, answer.text);
        const paths = answer.body.errors?.map((e) => e.path).sort();
        assert.deepEqual(paths, ['/consent/givenBy/name', '/consent/recordedBy', '/consent/referralId']);
        assert.ok(
          answer.body.errors?.every((e) => !/Eileen|Hartley/.test(JSON.stringify(e))),
          'no personal data in the errors',
        );
        assert.deepEqual(await counts(), { referrals: 0, consents: 0 });
      } finally {
        await hub.close();
      }
    });

    it('a referral the hub refuses (a service not in the directory) makes no consent either', async () => {
      const { hub, counts } = await hubOnDatabase(engine);
      try {
        const answer = await post(
          hub,
          { ...withConsent, requestedServiceId: '00000000-0000-4000-8000-000000000000' },
          'refused-1',
        );
        assert.equal(answer.status, 422);
        assert.equal(answer.body.errors?.[0]?.path, '/requestedServiceId');
        assert.deepEqual(await counts(), { referrals: 0, consents: 0 });
      } finally {
        await hub.close();
      }
    });

    it('a consent the database fails to store makes no referral; the retry with the same key makes one of each', async () => {
      const { hub, db, counts } = await hubOnDatabase(engine);
      try {
        // The database refuses the consent row, inside the referral's transaction.
        await engine.sql(db, REFUSE_CONSENTS[engine.name].on);
        const failed = await post(hub, withConsent, 'fails-1');
        assert.equal(failed.status, 500);
        assert.doesNotMatch(
          failed.text,
          /Eileen|Hartley|disk full/,
          'nothing of the body or the database in the answer',
        );
        assert.deepEqual(
          await counts(),
          { referrals: 0, consents: 0 },
          'the referral was rolled back with the consent',
        );
        await engine.sql(db, REFUSE_CONSENTS[engine.name].off);
        const retry = await post(hub, withConsent, 'fails-1');
        assert.equal(retry.status, 201, retry.text);
        assert.equal(
          retry.headers.get('idempotent-replayed'),
          null,
          'the failure was not stored as the answer',
        );
        assert.deepEqual(await counts(), { referrals: 1, consents: 1 });
      } finally {
        await hub.close();
      }
    });
  });

  describe('a crash mid-request', () => {
    it('a hub restarted after the process holding the key died: the retry makes exactly one of each', async () => {
      const db = await engine.database();
      const first = await engine.testHub({ db });
      await first.close();
      const store = await openStore(db);
      const key = await store.findKeyByHash(hashKey(KEYS.publishable));
      assert.ok(key);
      const { pid } = spawnSync(process.execPath, ['-e', '']);
      const now = Date.now();
      // Claimed by a process that then died, before it stored anything.
      const begun = await store.beginIdempotent(
        key.id,
        'crash-1',
        'a hash of the request',
        new Date(now).toISOString(),
        new Date(now + 86_400_000).toISOString(),
        {
          token: 'left-behind',
          holder: `${hostname()}:${String(pid)}:crashed`,
          until: new Date(now + 30_000).toISOString(),
        },
      );
      assert.equal(begun.state, 'started');
      await store.close();
      const hub = await startHub({ port: 0, db, logger: silentLogger });
      try {
        const send = async () => {
          const response = await fetch(`${hub.url}/v1/referrals`, {
            method: 'POST',
            headers: {
              Authorization: `Bearer ${KEYS.publishable}`,
              Origin: ORIGIN,
              'Content-Type': 'application/json',
              'Idempotency-Key': 'crash-1',
            },
            body: JSON.stringify(withConsent),
          });
          return { status: response.status, body: (await response.json()) as Referral };
        };
        const retry = await send();
        assert.equal(retry.status, 201, JSON.stringify(retry.body));
        const replay = await send();
        assert.equal(replay.body.id, retry.body.id);
        assert.deepEqual(await counts(engine, db), { referrals: 1, consents: 1 });
      } finally {
        await hub.close();
      }
    });
  });
});
