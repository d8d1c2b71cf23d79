/**
 * Webhook endpoints and the audit trail in the mock hub: endpoints registered, listed, read
 * and deleted, their signing secret shown once; every read and change of personal data
 * recorded as the hub records it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AuditEvent as AuditEventSchema,
  type AuditEvent,
  type Referral,
  type WebhookEndpoint,
} from '@hubkit/schema';
import { make } from './index.ts';
import { useMockHub } from './testing/harness.ts';

const { mock, call } = useMockHub();

interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

describe('webhook endpoints', () => {
  it('refuse an address with a user name or password in it with 422 naming /url', async () => {
    const refused = await call('POST', '/v1/webhook-endpoints', {
      body: make.webhookEndpointCreate({ url: 'https://hooks:hunter2@partner.example.org/hooks' }),
    });
    assert.equal(refused.status, 422, refused.text);
    assert.deepEqual(
      refused.body.errors.map((e: { path: string; code: string }) => `${e.path} ${e.code}`),
      ['/url credentials_in_url'],
    );
    assert.equal(mock.state.webhookEndpoints().length, 0);
  });

  it('are registered with a signing secret shown once, then listed, read and deleted', async () => {
    const made = await call<WebhookEndpoint>('POST', '/v1/webhook-endpoints', {
      body: make.webhookEndpointCreate(),
    });
    assert.equal(made.status, 201);
    assert.match(made.body.secret ?? '', /^whsec_[A-Za-z0-9_-]{43}$/);
    assert.equal(made.body.enabled, true);
    const read = await call<WebhookEndpoint>('GET', `/v1/webhook-endpoints/${made.body.id}`);
    assert.equal(read.body.secret, undefined);
    const { secret: _secret, ...shown } = made.body;
    assert.deepEqual(read.body, shown);
    assert.equal(mock.state.webhookEndpoints()[0]?.secret, made.body.secret);

    const second = await call<WebhookEndpoint>('POST', '/v1/webhook-endpoints', {
      body: make.webhookEndpointCreate({
        url: 'https://other.example.org/hooks',
        events: ['consent.withdrawn'],
      }),
    });
    const listed = await call<Page<WebhookEndpoint>>('GET', '/v1/webhook-endpoints?limit=1');
    assert.equal(listed.body.data.length, 1);
    const rest = await call<Page<WebhookEndpoint>>(
      'GET',
      `/v1/webhook-endpoints?limit=1&cursor=${listed.body.nextCursor}`,
    );
    assert.deepEqual(
      [...listed.body.data, ...rest.body.data].map((e) => e.id).sort(),
      [made.body.id, second.body.id].sort(),
    );
    assert.equal(rest.body.nextCursor, null);

    const deliveries = await call<Page<unknown>>('GET', `/v1/webhook-endpoints/${made.body.id}/deliveries`);
    assert.deepEqual(deliveries.body, { data: [], nextCursor: null });
    const deleted = await call('DELETE', `/v1/webhook-endpoints/${made.body.id}`);
    assert.equal(deleted.status, 204);
    assert.equal(deleted.text, '');
    assert.equal((await call('GET', `/v1/webhook-endpoints/${made.body.id}`)).status, 404);
    assert.equal((await call('DELETE', `/v1/webhook-endpoints/${made.body.id}`)).status, 404);
    assert.equal((await call('GET', `/v1/webhook-endpoints/${made.body.id}/deliveries`)).status, 404);
  });

  it('must be HTTPS, or HTTP to this machine', async () => {
    const plain = await call('POST', '/v1/webhook-endpoints', {
      body: make.webhookEndpointCreate({ url: 'http://partner.example.org/hooks' }),
    });
    assert.equal(plain.status, 422);
    assert.equal(plain.body.errors[0].path, '/url');
    const local = await call('POST', '/v1/webhook-endpoints', {
      body: make.webhookEndpointCreate({ url: 'http://localhost:8080/hooks' }),
    });
    assert.equal(local.status, 201);
  });
});

describe('the audit trail', () => {
  it('records who read or changed which record, newest first, never for the directory', async () => {
    const referral = await call<Referral>('POST', '/v1/referrals', {
      key: mock.keys.publishable,
      body: make.referralCreate(),
    });
    await call('GET', `/v1/referrals/${referral.body.id}`);
    await call('POST', `/v1/referrals/${referral.body.id}/transitions`, { body: { to: 'triage' } });
    await call('GET', '/v1/referrals');
    await call('GET', '/v1/services');
    await call('GET', `/v1/referrals/${crypto.randomUUID()}`);
    const trail = await call<Page<AuditEvent>>('GET', '/v1/audit-events');
    for (const event of trail.body.data) assert.ok(AuditEventSchema.safeParse(event).success);
    assert.deepEqual(
      trail.body.data.map((e) => [e.action, e.resourceType, e.resourceId, e.keyId, e.keyType]),
      [
        ['list', 'referral', referral.body.id, 'key_mock_secret', 'secret'],
        ['transition', 'referral', referral.body.id, 'key_mock_secret', 'secret'],
        ['read', 'referral', referral.body.id, 'key_mock_secret', 'secret'],
        ['create', 'referral', referral.body.id, 'key_mock_publishable', 'publishable'],
      ],
    );
    assert.equal(trail.body.data[3]?.requestId, referral.headers.get('x-request-id'));
    const again = await call<Page<AuditEvent>>('GET', '/v1/audit-events?resourceType=audit_event');
    assert.deepEqual(
      again.body.data.map((e) => e.action),
      ['list'],
      'listing the trail is recorded too',
    );
  });

  it('records a replayed answer again, and filters by resource and time, page by page', async () => {
    const body = make.referralCreate();
    const send = () =>
      call<Referral>('POST', '/v1/referrals', { body, headers: { 'Idempotency-Key': 'audit-1' } });
    const first = await send();
    assert.equal((await send()).headers.get('idempotent-replayed'), 'true');
    const events = mock.state.audit().filter((e) => e.resourceId === first.body.id);
    assert.equal(events.length, 2);
    for (let i = 0; i < 3; i += 1) await call('GET', `/v1/referrals/${first.body.id}`);
    const page = await call<Page<AuditEvent>>(
      'GET',
      `/v1/audit-events?resourceType=referral&resourceId=${first.body.id}&limit=3`,
    );
    assert.deepEqual(
      page.body.data.map((e) => e.action),
      ['read', 'read', 'read'],
    );
    const rest = await call<Page<AuditEvent>>(
      'GET',
      `/v1/audit-events?resourceType=referral&resourceId=${first.body.id}&limit=3&cursor=${page.body.nextCursor}`,
    );
    assert.deepEqual(
      rest.body.data.map((e) => e.action),
      ['create', 'create'],
    );
    assert.equal(rest.body.nextCursor, null);
    const future = await call<Page<AuditEvent>>('GET', '/v1/audit-events?since=2999-01-01T00:00:00Z');
    assert.deepEqual(future.body.data, []);
  });

  it('records one event per record a list returned, naming exactly those, in the same request', async () => {
    const made: string[] = [];
    for (let i = 0; i < 6; i += 1)
      made.push((await call<Referral>('POST', '/v1/referrals', { body: make.referralCreate() })).body.id);
    const listed = await call<Page<Referral>>('GET', '/v1/referrals?limit=4');
    assert.equal(listed.body.data.length, 4);
    const requestId = listed.headers.get('x-request-id');
    const events = mock.state.audit().filter((e) => e.requestId === requestId);
    assert.deepEqual(events.map((e) => e.resourceId).sort(), listed.body.data.map((r) => r.id).sort());
    assert.ok(events.every((e) => e.action === 'list' && e.resourceType === 'referral'));
    const unlisted = made.filter((id) => !listed.body.data.some((r) => r.id === id));
    for (const id of unlisted)
      assert.deepEqual(
        mock.state
          .audit()
          .filter((e) => e.resourceId === id)
          .map((e) => e.action),
        ['create'],
      );

    const first = mock.state.referral(made[0] ?? '');
    const assessment = await call<{ id: string }>('POST', '/v1/assessments', {
      body: make.assessmentCreate({ referralId: first?.id, residentId: first?.residentId }),
    });
    assert.equal(assessment.status, 201, assessment.text);
    const assessments = await call<Page<{ id: string }>>(
      'GET',
      `/v1/assessments?referralId=${String(made[0])}`,
    );
    const assessed = mock.state
      .audit()
      .filter((e) => e.requestId === assessments.headers.get('x-request-id'));
    assert.deepEqual(
      assessed.map((e) => [e.action, e.resourceType, e.resourceId]),
      [['list', 'assessment', assessment.body.id]],
    );
  });

  it('records nothing for an empty page, and reading the trail as one event without ids', async () => {
    const empty = await call<Page<Referral>>('GET', '/v1/referrals');
    assert.deepEqual(empty.body.data, []);
    assert.deepEqual(
      mock.state.audit().filter((e) => e.requestId === empty.headers.get('x-request-id')),
      [],
    );
    await call('POST', '/v1/referrals', { body: make.referralCreate() });
    const trail = await call<Page<AuditEvent>>('GET', '/v1/audit-events');
    assert.ok(trail.body.data.length > 0);
    assert.deepEqual(
      mock.state
        .audit()
        .filter((e) => e.requestId === trail.headers.get('x-request-id'))
        .map((e) => [e.action, e.resourceType, e.resourceId]),
      [['list', 'audit_event', null]],
    );
    const text = JSON.stringify(mock.state.audit());
    const body = make.referralCreate();
    for (const value of [
      body.resident.name.given,
      body.resident.name.family,
      body.referrer.name ?? '',
    ].filter(Boolean))
      assert.ok(!text.includes(value), `no "${value}" in the audit trail`);
    for (const event of mock.state.audit())
      assert.deepEqual(Object.keys(event).sort(), [
        'action',
        'at',
        'id',
        'keyId',
        'keyType',
        'requestId',
        'resourceId',
        'resourceType',
      ]);
  });
});
