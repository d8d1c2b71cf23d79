import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Assessment, AuditEvent, Consent, Referral } from '@hubkit/schema';
import {
  consentByPhone,
  councillorDebtAndFood,
  gpSocialPrescribingLoneliness,
  tenantAssessmentDraft,
  tenantAtRiskOfEviction,
} from '@hubkit/schema/fixtures';
import { KEYS, ORIGIN, PROVIDER_SERVICE, type TestHub } from '../testing/hub.ts';
import { forEachEngine } from '../testing/engines.ts';

forEachEngine((engine) => {
  let hub: TestHub;
  before(async () => {
    hub = await engine.testHub();
  });
  after(async () => {
    await hub.close();
  });

  const draft = tenantAssessmentDraft;

  async function assignedReferral(body: unknown, serviceId: string = PROVIDER_SERVICE): Promise<Referral> {
    const referral = (await hub.request<Referral>('POST', '/v1/referrals', { body })).body;
    for (const step of [{ to: 'triage' }, { to: 'accepted' }, { to: 'assigned', serviceId }]) {
      const moved = await hub.request('POST', `/v1/referrals/${referral.id}/transitions`, { body: step });
      assert.equal(moved.status, 200, moved.text);
    }
    return referral;
  }

  describe('a provider key', () => {
    it('lists and reads only the referrals assigned to its services', async () => {
      const mine = await assignedReferral(tenantAtRiskOfEviction);
      const theirs = await assignedReferral(councillorDebtAndFood, '41afaeab-7dad-4754-979b-74a3255a61d6');
      const listed = await hub.request<{ data: Referral[] }>('GET', '/v1/referrals?limit=100', {
        key: 'provider',
      });
      const ids = listed.body.data.map((r) => r.id);
      assert.ok(ids.includes(mine.id));
      assert.ok(!ids.includes(theirs.id));
      assert.ok(listed.body.data.every((r) => r.assignedService?.serviceId === PROVIDER_SERVICE));
      assert.equal((await hub.request('GET', `/v1/referrals/${theirs.id}`, { key: 'provider' })).status, 404);
      assert.equal(
        (await hub.request('GET', `/v1/referrals/${theirs.id}/events`, { key: 'provider' })).status,
        404,
      );
    });

    it('may not read hub-wide reports, the audit trail or webhooks', async () => {
      for (const [method, path] of [
        ['GET', '/v1/reports/referrals?from=2026-01-01&to=2026-12-31'],
        ['GET', '/v1/audit-events'],
        ['GET', '/v1/webhook-endpoints'],
        ['POST', '/v1/webhook-endpoints'],
      ] as const) {
        const answer = await hub.request(method, path, {
          key: 'provider',
          ...(method === 'POST'
            ? { body: { url: 'https://partner.example.org/hooks', events: ['referral.created'] } }
            : {}),
        });
        assert.equal(answer.status, 403, path);
        assert.equal(answer.body.code, 'forbidden');
      }
    });

    it('reads the single assessment only when the person agreed to share it, and not after withdrawal', async () => {
      const agreed = (
        await hub.request<Consent>('POST', '/v1/consents', {
          body: {
            ...consentByPhone,
            purposes: [...consentByPhone.purposes, { purpose: 'single_assessment', granted: true }],
          },
        })
      ).body;
      const shared = await assignedReferral({
        ...tenantAtRiskOfEviction,
        consentId: agreed.id,
        assessment: draft,
      });
      assert.equal(
        (
          await hub.request<Assessment>('GET', `/v1/assessments/${shared.assessmentId ?? ''}`, {
            key: 'provider',
          })
        ).status,
        200,
      );
      const list = await hub.request<{ data: Assessment[] }>(
        'GET',
        `/v1/assessments?referralId=${shared.id}`,
        {
          key: 'provider',
        },
      );
      assert.equal(list.status, 200);
      assert.equal(list.body.data.length, 1);

      const notAgreed = (await hub.request<Consent>('POST', '/v1/consents', { body: consentByPhone })).body;
      const private_ = await assignedReferral({
        ...tenantAtRiskOfEviction,
        consentId: notAgreed.id,
        assessment: draft,
      });
      const refused = await hub.request('GET', `/v1/assessments/${private_.assessmentId ?? ''}`, {
        key: 'provider',
      });
      assert.equal(refused.status, 403);
      assert.equal(refused.body.code, 'consent_withdrawn');

      await hub.request('POST', `/v1/consents/${agreed.id}/withdraw`, {
        body: { withdrawnAt: '2026-11-21T09:00:00Z', method: 'phone', recordedBy: { name: 'Sam Okoro' } },
      });
      assert.equal(
        (await hub.request('GET', `/v1/assessments/${shared.assessmentId ?? ''}`, { key: 'provider' }))
          .status,
        403,
      );
      assert.equal(
        (await hub.request('GET', `/v1/assessments/${shared.assessmentId ?? ''}`)).status,
        200,
        'the hub keeps it',
      );
    });

    it('may not list assessments by person, or record one for a person rather than a referral', async () => {
      const referral = (
        await hub.request<Referral>('POST', '/v1/referrals', { body: tenantAtRiskOfEviction })
      ).body;
      assert.equal(
        (await hub.request('GET', `/v1/assessments?residentId=${referral.residentId}`, { key: 'provider' }))
          .status,
        403,
      );
      assert.equal(
        (
          await hub.request('POST', '/v1/assessments', {
            key: 'provider',
            body: { ...draft, residentId: referral.residentId },
          })
        ).status,
        403,
      );
    });
  });

  describe('people’s records', () => {
    it('are joined by NHS number only when a trusted system sends it, never from a public form', async () => {
      const first = (
        await hub.request<Referral>('POST', '/v1/referrals', { body: gpSocialPrescribingLoneliness })
      ).body;
      const fromSystem = (
        await hub.request<Referral>('POST', '/v1/referrals', { body: gpSocialPrescribingLoneliness })
      ).body;
      assert.equal(fromSystem.residentId, first.residentId);
      const fromForm = (
        await hub.request<Referral>('POST', '/v1/referrals', {
          key: 'publishable',
          headers: { Origin: ORIGIN },
          body: gpSocialPrescribingLoneliness,
        })
      ).body;
      assert.notEqual(fromForm.residentId, first.residentId);
    });
  });

  describe('the audit trail', () => {
    it('records a replayed answer too: it discloses the record again', async () => {
      const send = () =>
        hub.request<Referral>('POST', '/v1/referrals', {
          body: councillorDebtAndFood,
          headers: { 'Idempotency-Key': 'audit-replay-1' },
        });
      const first = await send();
      const replay = await send();
      assert.equal(replay.headers.get('idempotent-replayed'), 'true');
      const events = await hub.request<{ data: AuditEvent[] }>(
        'GET',
        `/v1/audit-events?resourceType=referral&resourceId=${first.body.id}`,
      );
      assert.deepEqual(
        events.body.data.map((e) => [e.action, e.requestId]),
        [
          ['create', replay.headers.get('x-request-id')],
          ['create', first.headers.get('x-request-id')],
        ],
      );
    });
  });

  describe('webhook deliveries', () => {
    it('refuse a name that resolves to a loopback address, checked when connecting (no DNS rebinding)', async () => {
      let reached = 0;
      const receiver = createServer((_req, res) => {
        reached += 1;
        res.end();
      });
      await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
      const guarded = await engine.testHub({ webhooks: { allowPrivateNetworks: false } });
      try {
        const port = (receiver.address() as AddressInfo).port;
        const endpoint = await guarded.request<{ id: string }>('POST', '/v1/webhook-endpoints', {
          body: { url: `http://localhost:${port}/hooks`, events: ['referral.created'] },
        });
        assert.equal(endpoint.status, 201);
        await guarded.request('POST', '/v1/referrals', { body: councillorDebtAndFood });
        const deadline = Date.now() + 5000;
        let deliveries: { status: string; error: string | null }[] = [];
        while (Date.now() < deadline) {
          deliveries = (
            await guarded.request<{ data: typeof deliveries }>(
              'GET',
              `/v1/webhook-endpoints/${endpoint.body.id}/deliveries`,
            )
          ).body.data;
          if (deliveries.some((d) => d.status === 'failed')) break;
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
        assert.ok(
          deliveries.some(
            (d) =>
              d.status === 'failed' && d.error === 'the endpoint resolves to a private or loopback address',
          ),
          JSON.stringify(deliveries),
        );
        assert.equal(reached, 0);
      } finally {
        await guarded.close();
        receiver.close();
      }
    });
  });

  describe('a referring partner’s secret key', () => {
    it('makes referrals, sees and follows only its own, and can resubmit one returned for more information', async () => {
      const made = await hub.request<Referral>('POST', '/v1/referrals', {
        key: 'partner',
        body: gpSocialPrescribingLoneliness,
      });
      assert.equal(made.status, 201);
      assert.equal(made.body.history[0]?.by.role, 'referrer');
      const other = (await hub.request<Referral>('POST', '/v1/referrals', { body: councillorDebtAndFood }))
        .body;
      const listed = await hub.request<{ data: Referral[] }>('GET', '/v1/referrals?limit=100', {
        key: 'partner',
      });
      assert.deepEqual(
        listed.body.data.map((r) => r.id),
        [made.body.id],
      );
      assert.equal((await hub.request('GET', `/v1/referrals/${other.id}`, { key: 'partner' })).status, 404);

      await hub.request('POST', `/v1/referrals/${made.body.id}/transitions`, { body: { to: 'triage' } });
      await hub.request('POST', `/v1/referrals/${made.body.id}/transitions`, {
        body: { to: 'returned', reason: 'Which GP surgery?' },
      });
      const resubmitted = await hub.request<Referral>('POST', `/v1/referrals/${made.body.id}/transitions`, {
        key: 'partner',
        body: { to: 'submitted' },
      });
      assert.equal(resubmitted.status, 200, resubmitted.text);
      assert.equal(resubmitted.body.status, 'submitted');
      const accept = await hub.request('POST', `/v1/referrals/${made.body.id}/transitions`, {
        key: 'partner',
        body: { to: 'triage' },
      });
      assert.equal(accept.status, 403, 'triage is the hub’s');
      for (const path of [
        '/v1/audit-events',
        '/v1/reports/referrals?from=2026-01-01&to=2026-12-31',
        `/v1/assessments?referralId=${made.body.id}`,
      ]) {
        assert.equal((await hub.request('GET', path, { key: 'partner' })).status, 403, path);
      }
    });
  });

  describe('requests Node cannot parse', () => {
    async function raw(bytes: string): Promise<string> {
      const { connect } = await import('node:net');
      const url = new URL(hub.url);
      return new Promise((resolve, reject) => {
        const socket = connect(Number(url.port), url.hostname, () => socket.end(bytes));
        let text = '';
        socket.on('data', (chunk) => {
          text += chunk.toString();
        });
        socket.on('end', () => {
          resolve(text);
        });
        socket.on('error', reject);
      });
    }

    it('get a problem with a request id, not a bare 400', async () => {
      const answer = await raw('FOO /v1/referrals HTTP/1.1\r\nHost: x\r\n\r\n');
      assert.match(answer, /^HTTP\/1\.1 400 /);
      assert.match(answer, /Content-Type: application\/problem\+json/);
      assert.match(answer, /X-Request-Id: req_/);
      const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as {
        code: string;
        status: number;
      };
      assert.deepEqual([body.code, body.status], ['bad_request', 400]);
      const long = await raw(`GET /v1/referrals?${'x'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
      assert.match(long, /^HTTP\/1\.1 431 /);
      assert.match(long, /"code":"headers_too_large"/);
    });

    it('never lose the answer to a request the hub acted on when junk follows it on the connection', async () => {
      const body = JSON.stringify(councillorDebtAndFood);
      const answer = await raw(
        `POST /v1/referrals HTTP/1.1\r\nHost: ${new URL(hub.url).host}\r\nAuthorization: Bearer ${KEYS.secret}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}junk\r\n\r\n`,
      );
      assert.match(answer, /^HTTP\/1\.1 201 /);
      assert.match(answer, /HTTP\/1\.1 400 /, 'then the junk is refused');
    });
  });
});
