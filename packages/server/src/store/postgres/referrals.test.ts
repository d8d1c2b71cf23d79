import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  IdempotencyClaimLost,
  ReferenceTaken,
  type IdempotencyCompletion,
  type StoredEvent,
  type WriteEffects,
} from '@hubkit/hub';
import { postcodeDistrict, type Referral } from '@hubkit/schema';
import {
  closedTenantReferral,
  referralCreatedEvent,
  statusChangedEvent,
  tenantAssessment,
  tenantConsent,
  withdrawnConsent,
  consentWithdrawnEvent,
} from '@hubkit/schema/fixtures';
import { createdAudit, postgresProcesses } from '../../testing/postgres-store.ts';
import type { PgDb } from './db.ts';
import { PostgresConsents } from './consents.ts';
import { PostgresKeys } from './keys.ts';
import { PostgresReferrals } from './referrals.ts';

const DAY = 86_400_000;
const T0 = Date.parse('2026-12-03T01:00:00.000Z');
const at = (ms: number) => new Date(T0 + ms).toISOString();

/** The tenant's referral as made: submitted, its consent not yet linked, with an NHS number. */
const made: Referral = {
  ...closedTenantReferral,
  status: 'submitted',
  consentId: null,
  assignedService: null,
  resident: { ...closedTenantReferral.resident, nhsNumber: '9434765919' },
  history: closedTenantReferral.history.slice(0, 1),
};

const audit = (n: number, referralId: string) => createdAudit(n, at(n), 'referral', referralId);

const event = (id: string, referralId: string, deliver = true): StoredEvent => ({
  event: {
    ...statusChangedEvent,
    id,
    data: { ...statusChangedEvent.data, referral: { id: referralId, reference: 'HUB-6ZRK-EN' } },
  },
  referralId,
  deliver,
});

describe('PostgreSQL store: referrals and consents, each write with its effects in one transaction', () => {
  const suite = postgresProcesses();
  const { skip } = suite;

  /** Hub processes on one migrated database (each its own pool), and a webhook endpoint subscribed to every event. */
  async function processes(count: number) {
    const found = (await suite.processes(count)).map(({ db, cursors }) => ({
      db,
      keys: new PostgresKeys(db),
      referrals: new PostgresReferrals(db, cursors),
      consents: new PostgresConsents(db),
    }));
    const first = found[0] ?? assert.fail('no process');
    await first.db.query(
      null,
      `INSERT INTO webhook_endpoints (id, url, events, secret, enabled, created_at) VALUES
        ('wh_all', 'https://partner.example/hook', '["referral.created", "referral.status_changed"]', 's', true, $1),
        ('wh_other', 'https://other.example/hook', '["consent.withdrawn"]', 's', true, $1),
        ('wh_off', 'https://off.example/hook', '["referral.status_changed"]', 's', false, $1)`,
      [at(0)],
    );
    return found;
  }

  /** How many rows each table a write touches holds. */
  async function counts(db: PgDb): Promise<Record<string, number>> {
    const tables = ['referrals', 'referral_needs', 'referral_outcomes', 'events', 'webhook_deliveries'];
    const more = ['audit_events', 'consents', 'assessments'];
    const { rows } = await db.query<Record<string, string>>(
      null,
      `SELECT ${[...tables, ...more].map((t) => `(SELECT count(*) FROM ${t}) AS ${t}`).join(', ')}`,
    );
    return Object.fromEntries(Object.entries(rows[0] ?? {}).map(([k, v]) => [k, Number(v)]));
  }

  /** A claim on an Idempotency-Key, and the completion that stores the answer with the write. */
  async function claimed(
    keys: PostgresKeys,
    idempotencyKey: string,
    token: string,
  ): Promise<IdempotencyCompletion> {
    const begun = await keys.beginIdempotent('key_hub', idempotencyKey, 'hash', at(0), at(DAY), {
      token,
      holder: 'host:1:a',
      until: at(30_000),
    });
    assert.equal(begun.state, 'started');
    return { keyId: 'key_hub', key: idempotencyKey, token, status: 201, body: `{"id":"${made.id}"}` };
  }

  /** A's claim on a key, lapsed and taken over by B: completing it (A's write) must fail. */
  async function lostClaim(
    a: PostgresKeys,
    b: PostgresKeys,
    idempotencyKey: string,
  ): Promise<IdempotencyCompletion> {
    const lost = await claimed(a, idempotencyKey, `${idempotencyKey}-A`);
    const taken = await b.beginIdempotent('key_hub', idempotencyKey, 'hash', at(30_000), at(DAY), {
      token: `${idempotencyKey}-B`,
      holder: 'host:2:b',
      until: at(60_000),
    });
    assert.equal(taken.state, 'started');
    return lost;
  }

  it('commits a referral and all its effects together, and reads it back as written', { skip }, async () => {
    const [a, b] = await processes(2);
    assert.ok(a && b);
    const effects: WriteEffects = {
      events: [
        { event: referralCreatedEvent, referralId: made.id, deliver: true },
        event('evt_quiet', made.id, false),
      ],
      assessments: [tenantAssessment],
      consents: [{ consent: { ...tenantConsent, referralId: null }, createdByKeyId: 'key_hub' }],
      consentLinks: [{ consentId: tenantConsent.id, referralId: made.id }],
      audit: [audit(1, made.id)],
      idempotency: await claimed(a.keys, 'create-1', 'A'),
    };
    await a.referrals.insertReferral(made, effects);

    // Read by the other process: the link gave the referral its consent (a change: version 2).
    assert.deepEqual(await b.referrals.getReferral(made.id), { ...made, consentId: tenantConsent.id });
    assert.equal(await b.referrals.referralVersion(made.id), 2);
    assert.equal(await b.referrals.residentIdForNhsNumber('9434765919'), made.residentId);
    assert.equal(await b.referrals.residentIdForNhsNumber('4010232137'), null);
    assert.equal(await b.referrals.getReferral('no such referral'), null);
    assert.deepEqual(await counts(b.db), {
      referrals: 1,
      referral_needs: 3,
      referral_outcomes: 3,
      events: 2,
      // One delivery: the quiet event is not sent, and only the enabled endpoint asked for this type.
      webhook_deliveries: 1,
      audit_events: 1,
      consents: 1,
      assessments: 1,
    });
    const { rows: deliveries } = await b.db.query<{ endpoint_id: string; event_id: string; status: string }>(
      null,
      'SELECT endpoint_id, event_id, status, next_attempt_at FROM webhook_deliveries',
    );
    assert.deepEqual(
      deliveries.map((d) => [d.endpoint_id, d.event_id, d.status]),
      [['wh_all', referralCreatedEvent.id, 'pending']],
    );
    const { rows: consents } = await b.db.query<{ referral_id: string; data: { referralId: string } }>(
      null,
      'SELECT referral_id, data FROM consents',
    );
    assert.deepEqual(
      consents.map((c) => [c.referral_id, c.data.referralId]),
      [[made.id, made.id]],
    );
    // The answer was stored with the write: a replay gets it.
    assert.deepEqual(
      await b.keys.beginIdempotent('key_hub', 'create-1', 'hash', at(1000), at(DAY), {
        token: 'B',
        holder: 'host:2:b',
        until: at(31_000),
      }),
      { state: 'done', requestHash: 'hash', status: 201, body: `{"id":"${made.id}"}` },
    );

    // Another referral with the same reference writes nothing, not even its effects.
    await assert.rejects(
      b.referrals.insertReferral(
        { ...made, id: 'a3c1e7d2-0000-4000-8000-000000000001' },
        { events: [event('evt_dup', made.id)], audit: [audit(2, made.id)] },
      ),
      ReferenceTaken,
    );
    assert.equal((await counts(a.db)).referrals, 1);
    assert.equal((await counts(a.db)).events, 2);
    assert.equal((await counts(a.db)).audit_events, 1);
  });

  it('rolls the record back with its effects when the idempotency claim was lost', { skip }, async () => {
    const [a, b] = await processes(2);
    assert.ok(a && b);
    const lost = await lostClaim(a.keys, b.keys, 'create-1');
    const before = await counts(a.db);
    await assert.rejects(
      a.referrals.insertReferral(made, {
        events: [{ event: referralCreatedEvent, referralId: made.id, deliver: true }],
        assessments: [tenantAssessment],
        consents: [{ consent: tenantConsent, createdByKeyId: 'key_hub' }],
        audit: [audit(1, made.id)],
        idempotency: lost,
      }),
      IdempotencyClaimLost,
    );
    assert.deepEqual(await counts(a.db), before);
    assert.equal(await a.referrals.getReferral(made.id), null);

    // An update that lost its claim is rolled back too: the referral stays as it was.
    await a.referrals.insertReferral(made, {});
    const lostUpdate = await lostClaim(a.keys, b.keys, 'update-1');
    const stored = await counts(a.db);
    await assert.rejects(
      a.referrals.updateReferral({ ...made, status: 'triage', updatedAt: at(5) }, 1, {
        events: [event('evt_1', made.id)],
        audit: [audit(2, made.id)],
        idempotency: lostUpdate,
      }),
      IdempotencyClaimLost,
    );
    assert.deepEqual(await counts(a.db), stored);
    assert.deepEqual(await a.referrals.getReferral(made.id), made);
    assert.equal(await a.referrals.referralVersion(made.id), 1);
  });

  it('writes nothing for an update from a stale version', { skip }, async () => {
    const [a] = await processes(1);
    assert.ok(a);
    await a.referrals.insertReferral(made, {});
    const triaged: Referral = {
      ...made,
      status: 'triage',
      updatedAt: at(1),
      needs: made.needs.slice(0, 1),
      outcomes: [],
    };
    assert.equal(
      await a.referrals.updateReferral(triaged, 1, {
        events: [event('evt_1', made.id)],
        audit: [audit(1, made.id)],
      }),
      true,
    );
    assert.deepEqual(await a.referrals.getReferral(made.id), triaged);
    assert.equal(await a.referrals.referralVersion(made.id), 2);
    const afterFirst = await counts(a.db);
    assert.equal(afterFirst.referral_needs, 1, 'the needs are replaced');
    assert.equal(afterFirst.referral_outcomes, 0, 'and the outcomes');
    assert.equal(afterFirst.events, 1);
    assert.equal(afterFirst.webhook_deliveries, 1);

    const stale = { ...made, status: 'accepted', updatedAt: at(2) } satisfies Referral;
    assert.equal(
      await a.referrals.updateReferral(stale, 1, {
        events: [event('evt_2', made.id)],
        audit: [audit(2, made.id)],
      }),
      false,
    );
    assert.deepEqual(await counts(a.db), afterFirst);
    assert.deepEqual(await a.referrals.getReferral(made.id), triaged);
    assert.equal(await a.referrals.updateReferral(stale, 7, {}), false, 'nor from a version it never had');
    assert.equal(
      await a.referrals.updateReferral({ ...stale, id: 'no such referral' }, 1, {}),
      false,
      'nor for a referral that does not exist',
    );
  });

  it('lets exactly one of two processes updating a referral at once win', { skip }, async () => {
    const [a, b] = await processes(2);
    assert.ok(a && b);
    await a.referrals.insertReferral(made, {});
    const rounds = 15;
    for (let round = 0; round < rounds; round += 1) {
      const version = round + 1;
      const results: boolean[] = await Promise.all(
        [a, b].map((p, i) =>
          p.referrals.updateReferral({ ...made, updatedAt: at(round * 10 + i) }, version, {
            events: [event(`evt_${round}_${i}`, made.id)],
            audit: [audit(round * 10 + i, made.id)],
          }),
        ),
      );
      assert.equal(results.filter(Boolean).length, 1, `round ${round}: ${String(results)}`);
      const winner = results.indexOf(true);
      assert.equal((await b.referrals.getReferral(made.id))?.updatedAt, at(round * 10 + winner));
    }
    assert.equal(await a.referrals.referralVersion(made.id), rounds + 1);
    const total = await counts(a.db);
    assert.equal(total.events, rounds, "only the winners' events");
    assert.equal(total.audit_events, rounds);
    assert.equal(total.webhook_deliveries, rounds);
  });

  it('gives a reference to one of two processes making referrals with it at once', { skip }, async () => {
    const [a, b] = await processes(2);
    assert.ok(a && b);
    for (let round = 0; round < 10; round += 1) {
      const reference = `HUB-00${round}0-ZZ`;
      const results: PromiseSettledResult<void>[] = await Promise.allSettled(
        [a, b].map((p, i) =>
          p.referrals.insertReferral(
            { ...made, id: `ref_${round}_${i}`, reference },
            {
              events: [event(`evt_${round}_${i}`, `ref_${round}_${i}`)],
              audit: [audit(round * 10 + i, reference)],
            },
          ),
        ),
      );
      assert.deepEqual(results.map((r) => r.status).sort(), ['fulfilled', 'rejected'], `round ${round}`);
      const refused = results.find((r) => r.status === 'rejected');
      assert.ok(refused?.reason instanceof ReferenceTaken);
    }
    const total = await counts(a.db);
    assert.equal(total.referrals, 10);
    assert.equal(total.events, 10, "only the made referrals' events");
    assert.equal(total.audit_events, 10);
  });

  it(
    'lists referrals and their events in pages any process can continue, and reports on them',
    { skip },
    async () => {
      const [a, b] = await processes(2);
      assert.ok(a && b);
      const byGp = [{ ...made.history[0], by: { role: 'referrer', keyId: 'key_gp' } }] as Referral['history'];
      const referral = (n: number, createdAt: string, changes: Partial<Referral> = {}): Referral => ({
        ...made,
        id: `ref_${n}`,
        reference: `HUB-000${n}-AA`,
        createdAt,
        updatedAt: createdAt,
        ...changes,
      });
      const list = [
        referral(1, at(1000)),
        // Two made in the same millisecond: the larger id first.
        referral(2, at(2000), { status: 'triage', needs: made.needs.slice(0, 1) }),
        referral(3, at(2000), { sharingRestricted: true, history: byGp }),
        referral(4, at(3000), { assignedService: closedTenantReferral.assignedService, updatedAt: at(9000) }),
        referral(5, at(4000), { status: 'triage', history: byGp }),
      ];
      for (const r of list) await (r.id === 'ref_3' ? b : a).referrals.insertReferral(r, {});

      const seen: string[] = [];
      let cursor: string | undefined;
      let turn = 0;
      do {
        const page = await (turn++ % 2 === 0 ? a : b).referrals.listReferrals({}, { limit: 2, cursor });
        seen.push(...page.data.map((r) => r.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      assert.deepEqual(seen, ['ref_5', 'ref_4', 'ref_3', 'ref_2', 'ref_1']);
      assert.deepEqual((await a.referrals.listReferrals({}, { limit: 1 })).data, [list[4]]);

      const ids = async (filter: Parameters<PostgresReferrals['listReferrals']>[0]) =>
        (await b.referrals.listReferrals(filter, { limit: 10 })).data.map((r) => r.id);
      assert.deepEqual(await ids({ status: 'triage' }), ['ref_5', 'ref_2']);
      assert.deepEqual(await ids({ need: 'benefits' }), ['ref_5', 'ref_4', 'ref_3', 'ref_1']);
      assert.deepEqual(await ids({ createdSince: at(2000) }), ['ref_5', 'ref_4', 'ref_3', 'ref_2']);
      assert.deepEqual(await ids({ updatedSince: at(5000) }), ['ref_4']);
      assert.deepEqual(await ids({ sharedOnly: true }), ['ref_5', 'ref_4', 'ref_2', 'ref_1']);
      assert.deepEqual(await ids({ madeByKey: 'key_gp' }), ['ref_5', 'ref_3']);
      assert.deepEqual(
        await ids({ assignedTo: [closedTenantReferral.assignedService.serviceId, 'svc_none'] }),
        ['ref_4'],
      );
      assert.deepEqual(await ids({ assignedTo: [] }), []);
      assert.deepEqual(await ids({ status: 'triage', madeByKey: 'key_gp', need: 'housing' }), ['ref_5']);

      // Made from at(2000) until at(4000): ref_2, ref_3 and ref_4.
      const district = postcodeDistrict(made.resident.address?.postcode ?? assert.fail('no postcode'));
      const { byDay, byDayAndNeed, firstContact, close, outcomeAmounts, byEquality, ...counts } =
        await b.referrals.referralReport(at(2000), at(4000));
      // The figures over time and timeliness are the contract suite's and the report scenario's.
      assert.equal(
        Object.values(byDay).reduce((sum, n) => sum + n, 0),
        3,
      );
      assert.equal(
        firstContact.reduce((sum, w) => sum + w.n, 0),
        close.reduce((sum, w) => sum + w.n, 0),
      );
      assert.deepEqual(Object.keys(byDayAndNeed), Object.keys(byDay));
      assert.ok(outcomeAmounts.every((row) => row.n <= 3));
      assert.equal(Object.keys(byEquality).length, 9);
      assert.deepEqual(counts, {
        total: 3,
        byNeed: { housing: 3, benefits: 2, money_debt: 2 },
        byStatus: { submitted: 2, triage: 1 },
        byPriority: { urgent: 3 },
        byOutcome: { eviction_prevented: 3, income_maximised: 3, debt_managed: 3 },
        byReferrerType: { council_officer: 3 },
        byArea: { [district]: 3 },
      });
      assert.equal((await b.referrals.referralReport(at(5000), at(6000))).total, 0);

      // A referral's events, in the order its writes recorded them, paged by either process.
      for (let n = 1; n <= 3; n += 1)
        assert.ok(
          await a.referrals.updateReferral(list[0] ?? made, n, { events: [event(`evt_${n}`, 'ref_1')] }),
        );
      await a.referrals.updateReferral(list[1] ?? made, 1, { events: [event('evt_other', 'ref_2')] });
      const events: string[] = [];
      cursor = undefined;
      do {
        const page = await (turn++ % 2 === 0 ? a : b).referrals.listReferralEvents('ref_1', {
          limit: 2,
          cursor,
        });
        events.push(...page.data.map((e) => e.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      assert.deepEqual(events, ['evt_1', 'evt_2', 'evt_3']);
    },
  );

  it('commits a consent with its effects, or nothing when its claim was lost', { skip }, async () => {
    const [a, b] = await processes(2);
    assert.ok(a && b);
    const lost = await lostClaim(a.keys, b.keys, 'consent-1');
    const before = await counts(a.db);
    await assert.rejects(
      a.consents.insertConsent(tenantConsent, 'key_hub', {
        audit: [audit(1, tenantConsent.id)],
        idempotency: lost,
      }),
      IdempotencyClaimLost,
    );
    assert.deepEqual(await counts(a.db), before);
    assert.equal(await b.consents.getConsent(tenantConsent.id), null);

    await a.consents.insertConsent(tenantConsent, 'key_hub', {
      audit: [audit(2, tenantConsent.id)],
      idempotency: await claimed(a.keys, 'consent-2', 'C'),
    });
    assert.deepEqual(await b.consents.getConsent(tenantConsent.id), {
      consent: tenantConsent,
      createdByKeyId: 'key_hub',
    });
    assert.equal((await counts(a.db)).audit_events, 1);

    // Withdrawn, with the event that tells partners: one write.
    const withdrawn = {
      ...tenantConsent,
      status: 'withdrawn',
      withdrawal: withdrawnConsent.withdrawal,
    } as const;
    await b.consents.updateConsent(withdrawn, {
      events: [{ event: consentWithdrawnEvent, referralId: null, deliver: true }],
      audit: [audit(3, tenantConsent.id)],
    });
    assert.deepEqual((await a.consents.getConsent(tenantConsent.id))?.consent, withdrawn);
    const total = await counts(a.db);
    assert.equal(total.events, 1);
    assert.equal(total.webhook_deliveries, 1, 'to the endpoint that asked for consent.withdrawn');
    assert.equal(total.audit_events, 2);
  });

  it('links a consent and its referral both ways, and restricts what it covers', { skip }, async () => {
    const [a, b] = await processes(2);
    assert.ok(a && b);
    const later = { ...made, id: 'ref_later', reference: 'HUB-0009-AA', consentId: 'other consent' };
    await a.referrals.insertReferral(made, {});
    await a.referrals.insertReferral(later, {});
    await a.consents.insertConsent({ ...tenantConsent, referralId: null }, 'key_hub', {});
    await b.consents.linkConsent(tenantConsent.id, made.id);
    await b.consents.linkConsent('no such consent', later.id);
    assert.equal((await a.consents.getConsent(tenantConsent.id))?.consent.referralId, made.id);
    assert.equal((await a.referrals.getReferral(made.id))?.consentId, tenantConsent.id);
    assert.equal(await a.referrals.referralVersion(made.id), 2);
    assert.equal((await a.referrals.getReferral(later.id))?.consentId, 'other consent');
    assert.equal(await a.referrals.referralVersion(later.id), 1, 'a missing consent links nothing');

    // A referral keeps the consent it was made with.
    await b.consents.linkConsent(tenantConsent.id, later.id);
    assert.equal((await a.referrals.getReferral(later.id))?.consentId, 'other consent');
    // The consent now names the later one: both are covered, the one made with it and the one it names.
    assert.deepEqual(
      (await a.consents.referralsCoveredBy(tenantConsent.id)).map((r) => r.id),
      [made.id, later.id],
    );

    const read = await a.referrals.getReferral(made.id);
    const version = await a.referrals.referralVersion(made.id);
    assert.ok(read && version !== null);
    assert.deepEqual(
      await b.consents.restrictSharing(tenantConsent.id, at(7000)),
      [made.id, later.id].sort(),
    );
    const restricted = await a.referrals.getReferral(made.id);
    assert.deepEqual(restricted, { ...read, sharingRestricted: true, updatedAt: at(7000) });
    assert.deepEqual((await a.referrals.listReferrals({ sharedOnly: true }, { limit: 10 })).data, []);
    // An update made from the referral as read before the restriction is stale: it cannot undo it.
    assert.equal(await a.referrals.updateReferral({ ...read, status: 'triage' }, version, {}), false);
    assert.equal((await a.referrals.getReferral(made.id))?.sharingRestricted, true);
    assert.deepEqual(await b.consents.restrictSharing('no such consent', at(8000)), []);
  });
});
