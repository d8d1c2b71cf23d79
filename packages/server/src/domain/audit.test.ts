/**
 * The audit trail over loopback HTTP: every read or change of personal data leaves one event
 * saying which key did what to which record in which request, and nothing of the data itself.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AuditEvent,
  type Assessment,
  type Consent,
  type Page,
  type Problem,
  type Referral,
  type ReferralCreate,
} from '@hubkit/schema';
import {
  consentOnline,
  councillorDebtAndFood,
  demoDirectory,
  tenantAssessment,
  tenantAssessmentDraft,
} from '@hubkit/schema/fixtures';
import { KEYS, ORIGIN, type Answer, type KeyName, type TestHub, PROVIDER_SERVICE } from '../testing/hub.ts';
import { hashKey } from './keys.ts';
import { forEachEngine } from '../testing/engines.ts';

const draft = tenantAssessmentDraft;

type Expected = Pick<AuditEvent, 'action' | 'resourceType' | 'resourceId'> & { key: KeyName };

forEachEngine((engine) => {
  describe('audit trail', () => {
    let hub: TestHub;
    const keyIds = {} as Record<KeyName, string>;
    /** The events each request made here should leave, by its X-Request-Id. */
    const expected = new Map<string, Expected[]>();
    let referral: Referral;
    let consent: Consent;
    let assessment: Assessment;

    before(async () => {
      hub = await engine.testHub();
      for (const name of Object.keys(KEYS) as KeyName[]) {
        const record = await hub.hub.store.findKeyByHash(hashKey(KEYS[name]));
        assert.ok(record);
        keyIds[name] = record.id;
      }
    });
    after(async () => {
      await hub.close();
    });

    /**
     * Makes a request that must succeed, and notes the audit events it should leave: one naming
     * `resourceId` (default: the id answered), or for a list (`items`) one per record it returned.
     */
    async function audited<T>(
      expect: Omit<Expected, 'resourceId' | 'key'> & { resourceId?: string | null; items?: true },
      method: string,
      path: string,
      options: { key?: KeyName; body?: unknown } = {},
    ): Promise<T> {
      const key = options.key ?? 'secret';
      const headers: Record<string, string> = key.endsWith('ublishable') ? { Origin: ORIGIN } : {};
      const answer = await hub.request<T & { id?: string; data?: { id: string }[] }>(method, path, {
        key,
        body: options.body,
        headers,
      });
      assert.ok(answer.status >= 200 && answer.status < 300, `${method} ${path}: ${answer.text}`);
      const requestId = answer.headers.get('x-request-id');
      assert.ok(requestId, 'every response has an X-Request-Id');
      const { action, resourceType } = expect;
      const ids = expect.items
        ? (answer.body.data ?? []).map((item) => item.id)
        : [expect.resourceId === undefined ? (answer.body.id ?? null) : expect.resourceId];
      assert.ok(ids.length > 0, `${method} ${path} returned records`);
      expected.set(
        requestId,
        ids.map((resourceId) => ({ action, resourceType, resourceId, key })),
      );
      return answer.body;
    }

    async function allEvents(query = '', limit = 100): Promise<{ events: AuditEvent[]; pages: number }> {
      const events: AuditEvent[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const path = `/v1/audit-events?limit=${limit}${query ? `&${query}` : ''}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const answer: Answer<Page<AuditEvent>> = await hub.request('GET', path);
        assert.equal(answer.status, 200, answer.text);
        assert.ok(answer.body.data.length <= limit);
        events.push(...answer.body.data);
        cursor = answer.body.nextCursor;
        pages += 1;
        assert.ok(pages < 1000, 'pagination ends');
      } while (cursor);
      return { events, pages };
    }

    it('records every read and change of personal data: key, key type, action, resource and request id', async () => {
      consent = await audited<Consent>(
        { action: 'create', resourceType: 'consent' },
        'POST',
        '/v1/consents',
        {
          key: 'publishable',
          body: consentOnline,
        },
      );
      const body: ReferralCreate = {
        ...(structuredClone(councillorDebtAndFood) as ReferralCreate),
        consentId: consent.id,
      };
      referral = await audited<Referral>(
        { action: 'create', resourceType: 'referral' },
        'POST',
        '/v1/referrals',
        { key: 'publishable', body },
      );
      const on = (path = '') => `/v1/referrals/${referral.id}${path}`;
      const ref = { resourceId: referral.id, resourceType: 'referral' } as const;
      await audited({ ...ref, action: 'read' }, 'GET', on());
      await audited(
        { action: 'list', resourceType: 'referral', items: true },
        'GET',
        '/v1/referrals?limit=5',
      );
      await audited({ ...ref, action: 'transition' }, 'POST', on('/transitions'), { body: { to: 'triage' } });
      await audited({ ...ref, action: 'transition' }, 'POST', on('/transitions'), {
        body: { to: 'accepted' },
      });
      await audited({ ...ref, action: 'transition' }, 'POST', on('/transitions'), {
        body: { to: 'assigned', serviceId: PROVIDER_SERVICE },
      });
      await audited({ ...ref, action: 'read' }, 'GET', on(), { key: 'provider' });
      await audited({ ...ref, action: 'transition' }, 'POST', on('/transitions'), {
        key: 'provider',
        body: { to: 'in_progress' },
      });
      await audited({ ...ref, action: 'record_outcome' }, 'POST', on('/outcomes'), {
        key: 'provider',
        body: { need: 'food', code: 'food_secured', notes: 'Weekly parcel from the pantry.' },
      });
      await audited({ ...ref, action: 'read' }, 'GET', on('/events'));
      await audited(
        { action: 'read', resourceType: 'consent', resourceId: consent.id },
        'GET',
        `/v1/consents/${consent.id}`,
      );

      assessment = await audited<Assessment>(
        { action: 'create', resourceType: 'assessment' },
        'POST',
        '/v1/assessments',
        {
          body: { ...draft, referralId: referral.id },
        },
      );
      const of = { resourceType: 'assessment', resourceId: assessment.id } as const;
      await audited({ ...of, action: 'read' }, 'GET', `/v1/assessments/${assessment.id}`);
      await audited({ ...of, action: 'update' }, 'POST', `/v1/assessments/${assessment.id}/versions`, {
        body: { ...draft, whatMattersMost: 'Staying in the flat.' },
      });
      await audited({ ...of, action: 'read' }, 'GET', `/v1/assessments/${assessment.id}/versions`);
      await audited({ ...of, action: 'read' }, 'GET', `/v1/assessments/${assessment.id}/versions/1`);
      await audited(
        { action: 'list', resourceType: 'assessment', items: true },
        'GET',
        `/v1/assessments?referralId=${referral.id}`,
      );
      await audited(
        { action: 'withdraw', resourceType: 'consent', resourceId: consent.id },
        'POST',
        `/v1/consents/${consent.id}/withdraw`,
        {
          body: {
            withdrawnAt: new Date().toISOString(),
            method: 'phone',
            recordedBy: { name: 'Sam Okoro', role: 'Triage adviser' },
          },
        },
      );

      const { events } = await allEvents();
      for (const event of events) assert.ok(AuditEvent.safeParse(event).success, JSON.stringify(event));
      const byRequest = new Map<string, AuditEvent[]>();
      for (const event of events)
        byRequest.set(event.requestId, [...(byRequest.get(event.requestId) ?? []), event]);
      assert.equal(expected.size, 19);
      const sortById = <E extends { resourceId: string | null }>(list: E[]) =>
        [...list].sort((a, b) => String(a.resourceId).localeCompare(String(b.resourceId)));
      for (const [requestId, wants] of expected) {
        const found = byRequest.get(requestId) ?? [];
        const [first] = wants;
        assert.equal(
          found.length,
          wants.length,
          `${String(wants.length)} event(s) for ${String(first?.action)} ${String(first?.resourceType)} (${requestId})`,
        );
        assert.deepEqual(
          sortById(found).map((event) => ({
            keyId: event.keyId,
            keyType: event.keyType,
            action: event.action,
            resourceType: event.resourceType,
            resourceId: event.resourceId,
          })),
          sortById(wants).map((want) => ({
            keyId: keyIds[want.key],
            keyType: want.key.endsWith('ublishable') ? 'publishable' : 'secret',
            action: want.action,
            resourceType: want.resourceType,
            resourceId: want.resourceId,
          })),
          `${String(first?.action)} ${String(first?.resourceType)}`,
        );
        for (const event of found) assert.ok(Math.abs(Date.parse(event.at) - Date.now()) < 60_000);
      }
    });

    it('records nothing for reading the directory', async () => {
      const before = (await allEvents()).events.filter((e) => e.resourceType !== 'audit_event');
      const requestIds: string[] = [];
      const reads: [KeyName, string, string, unknown][] = [
        ['secret', 'GET', '/v1/services?q=food', undefined],
        ['secret', 'POST', '/v1/services/search', { postcode: 'N7 6QX', need: 'food' }],
        ['secret', 'GET', `/v1/services/${demoDirectory[0]?.id ?? ''}`, undefined],
        ['publishable', 'GET', '/v1/services?need=money_debt', undefined],
        ['publishable', 'POST', '/v1/services/search', { postcode: 'BL9 6ST' }],
        ['publishable', 'GET', `/v1/services/${demoDirectory[2]?.id ?? ''}`, undefined],
      ];
      for (const [key, method, path, body] of reads) {
        const answer = await hub.request(method, path, {
          key,
          body,
          headers: key === 'publishable' ? { Origin: ORIGIN } : {},
        });
        assert.equal(answer.status, 200, answer.text);
        requestIds.push(answer.headers.get('x-request-id') ?? '');
      }
      const after = (await allEvents()).events;
      assert.deepEqual(
        after.filter((e) => e.resourceType !== 'audit_event').map((e) => e.id),
        before.map((e) => e.id),
      );
      assert.ok(!after.some((e) => requestIds.includes(e.requestId)));
    });

    it('never holds personal data', async () => {
      const text = JSON.stringify((await allEvents()).events);
      const personal = [
        councillorDebtAndFood.resident.name.given,
        councillorDebtAndFood.resident.name.family,
        councillorDebtAndFood.resident.dateOfBirth,
        councillorDebtAndFood.resident.contact.phone,
        councillorDebtAndFood.resident.address.postcode,
        councillorDebtAndFood.resident.address.postcode.replace(' ', ''),
        councillorDebtAndFood.resident.address.line1,
        councillorDebtAndFood.referrer.name,
        councillorDebtAndFood.referrer.contact.email,
        councillorDebtAndFood.notes,
        ...councillorDebtAndFood.needs.map((n) => n.details),
        consentOnline.givenBy.name,
        tenantAssessment.completedBy.name,
        tenantAssessment.whatMattersMost,
        'Staying in the flat.',
        'Weekly parcel from the pantry.',
        'Sam Okoro',
        referral.reference,
      ];
      assert.ok(text.length > 1000, 'there are events to look through');
      for (const value of personal)
        assert.ok(!text.toLowerCase().includes(value.toLowerCase()), `no "${value}" in the audit trail`);
    });

    it('filters by resource type, resource id and time', async () => {
      const { events: all } = await allEvents();
      const consents = (await allEvents('resourceType=consent')).events;
      assert.deepEqual(
        consents.map((e) => e.id),
        all.filter((e) => e.resourceType === 'consent').map((e) => e.id),
      );
      assert.deepEqual(consents.map((e) => e.action).sort(), ['create', 'read', 'withdraw']);

      const aboutReferral = (await allEvents(`resourceId=${referral.id}`)).events;
      assert.ok(aboutReferral.every((e) => e.resourceId === referral.id && e.resourceType === 'referral'));
      assert.deepEqual(aboutReferral.map((e) => e.action).sort(), [
        'create',
        'list',
        'read',
        'read',
        'read',
        'record_outcome',
        'transition',
        'transition',
        'transition',
        'transition',
      ]);
      const aboutAssessment = (await allEvents(`resourceType=assessment&resourceId=${assessment.id}`)).events;
      assert.deepEqual(aboutAssessment.map((e) => e.action).sort(), [
        'create',
        'list',
        'read',
        'read',
        'read',
        'update',
      ]);
      assert.deepEqual((await allEvents('resourceType=report')).events, []);

      // From the middle of the trail: exactly the events at or after that moment.
      const middle = all[Math.floor(all.length / 2)];
      assert.ok(middle);
      const since = (await allEvents(`since=${encodeURIComponent(middle.at)}`)).events;
      const expectedSince = all.filter((e) => e.at >= middle.at).map((e) => e.id);
      assert.ok(expectedSince.length < all.length);
      assert.deepEqual(
        since.filter((e) => expectedSince.includes(e.id)).map((e) => e.id),
        expectedSince,
      );
      assert.ok(since.every((e) => e.at >= middle.at));

      // Any instant the query takes, year 0 too (PostgreSQL has none): every event is after it.
      const ids = all.map((e) => e.id);
      const sinceYear0 = (await allEvents(`since=${encodeURIComponent('0000-01-01T00:00:00Z')}`)).events;
      assert.deepEqual(
        sinceYear0.map((e) => e.id).filter((id) => ids.includes(id)),
        ids,
      );
      // An id no record can have (a NUL, which PostgreSQL text cannot hold) finds nothing, and is no error.
      assert.deepEqual((await allEvents('resourceId=a%00b')).events, []);
    });

    it('pages newest first, each event once', async () => {
      const { events: whole } = await allEvents();
      const { events: paged, pages } = await allEvents('', 4);
      assert.ok(pages >= 5, `${pages} pages`);
      const ids = paged.map((e) => e.id);
      assert.equal(new Set(ids).size, ids.length, 'no event twice');
      // The paged walk also recorded its own list requests; the rest is the same trail in the same order.
      const earlier = new Set(whole.map((e) => e.id));
      assert.deepEqual(
        ids.filter((id) => earlier.has(id)),
        whole.map((e) => e.id),
      );
      for (let i = 1; i < paged.length; i += 1) {
        assert.ok((paged[i - 1]?.at ?? '') >= (paged[i]?.at ?? ''), `newest first at ${i}`);
      }
      const newest = paged[0];
      assert.equal(newest?.action, 'list');
      assert.equal(newest.resourceType, 'audit_event', 'reading the trail is on the trail');
    });

    it('is closed to publishable keys', async () => {
      for (const key of ['publishable', 'otherPublishable'] as const) {
        const answer = await hub.request<Problem>('GET', '/v1/audit-events', {
          key,
          headers: { Origin: ORIGIN },
        });
        assert.equal(answer.status, 403);
        assert.ok(['forbidden', 'origin_not_allowed'].includes(answer.body.code));
        assert.ok(!answer.text.includes(keyIds.secret));
      }
    });
  });

  describe('the audit trail of lists', () => {
    let hub: TestHub;
    before(async () => {
      hub = await engine.testHub();
    });
    after(async () => {
      await hub.close();
    });

    const trail = async (query: string): Promise<AuditEvent[]> =>
      (await hub.request<Page<AuditEvent>>('GET', `/v1/audit-events?limit=100&${query}`)).body.data;
    const eventsOf = async (requestId: string | null): Promise<AuditEvent[]> =>
      (await trail('')).filter((e) => e.requestId === requestId);

    it('records one event per referral a list returned, naming exactly those, so a search by id finds the read', async () => {
      const made: string[] = [];
      for (let i = 0; i < 12; i += 1)
        made.push(
          (await hub.request<Referral>('POST', '/v1/referrals', { body: councillorDebtAndFood })).body.id,
        );
      const listed = await hub.request<Page<Referral>>('GET', '/v1/referrals?limit=10');
      assert.equal(listed.body.data.length, 10);
      const events = await eventsOf(listed.headers.get('x-request-id'));
      assert.deepEqual(events.map((e) => e.resourceId).sort(), listed.body.data.map((r) => r.id).sort());
      assert.ok(events.every((e) => e.action === 'list' && e.resourceType === 'referral'));
      assert.equal(new Set(events.map((e) => e.id)).size, 10, 'each event has its own id');
      // The two left off the page were not read by it.
      const unlisted = made.filter((id) => !listed.body.data.some((r) => r.id === id));
      assert.equal(unlisted.length, 2);
      for (const id of unlisted)
        assert.deepEqual(
          (await trail(`resourceId=${id}`)).map((e) => e.action),
          ['create'],
        );
      const one = listed.body.data[0]?.id ?? '';
      assert.deepEqual(
        (await trail(`resourceId=${one}`)).map((e) => e.action),
        ['list', 'create'],
      );
    });

    it('records one event per assessment a list returned', async () => {
      const referral = (await hub.request<Referral>('POST', '/v1/referrals', { body: councillorDebtAndFood }))
        .body;
      const made = [];
      for (let i = 0; i < 3; i += 1)
        made.push(
          (
            await hub.request<Assessment>('POST', '/v1/assessments', {
              body: { ...draft, referralId: referral.id },
            })
          ).body.id,
        );
      const listed = await hub.request<Page<Assessment>>('GET', `/v1/assessments?referralId=${referral.id}`);
      assert.equal(listed.status, 200, listed.text);
      const events = await eventsOf(listed.headers.get('x-request-id'));
      assert.deepEqual(events.map((e) => e.resourceId).sort(), listed.body.data.map((a) => a.id).sort());
      assert.ok(made.every((id) => events.some((e) => e.resourceId === id)));
      assert.ok(events.every((e) => e.resourceType === 'assessment' && e.action === 'list'));
    });

    it('records nothing for an empty page: no record was read', async () => {
      const empty = await hub.request<Page<Referral>>('GET', '/v1/referrals?status=closed');
      assert.equal(empty.status, 200);
      assert.deepEqual(empty.body.data, []);
      assert.deepEqual(await eventsOf(empty.headers.get('x-request-id')), []);
    });

    it('records reading the trail itself as one event without ids: the trail holds no personal data', async () => {
      const read = await hub.request<Page<AuditEvent>>('GET', '/v1/audit-events?limit=20');
      assert.ok(read.body.data.length > 1);
      const events = await eventsOf(read.headers.get('x-request-id'));
      assert.deepEqual(
        events.map((e) => [e.action, e.resourceType, e.resourceId]),
        [['list', 'audit_event', null]],
      );
    });

    it('holds only ids, the key, the action, the time and the request id: never names, queries or bodies', async () => {
      await hub.request('GET', `/v1/referrals?need=food&createdSince=2020-01-01T00:00:00Z`);
      for (const event of await trail(''))
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
      const text = JSON.stringify(await trail(''));
      for (const value of ['Marcus', 'Bell', 'N7 6QX', '+447700900123', 'food', '2020-01-01', KEYS.secret])
        assert.ok(!text.includes(value), `no "${value}" in the audit trail`);
    });
  });
});
