/**
 * Webhooks end to end, over loopback HTTP: a real hub sends signed, thin events to small
 * `node:http` receivers started here, and the tests check what arrives, byte for byte.
 */
import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import {
  WEBHOOK_SIGNATURE_HEADER,
  WebhookDelivery,
  WebhookEvent,
  type Consent,
  type Outcome,
  type Page,
  type Referral,
  type WebhookEndpoint,
  type WebhookEventType,
} from '@hubkit/schema';
import {
  consentByPhone,
  consentOnline,
  councillorDebtAndFood,
  demoDirectory,
  selfReferralShielding,
} from '@hubkit/schema/fixtures';
import { type TestHub } from '../testing/hub.ts';
import { isPrivateAddress, signWebhook } from './webhooks.ts';
import { forEachEngine } from '../testing/engines.ts';

/** What a failing receiver answers: it must never end up in the hub's delivery records. */
const FAILURE_BODY = 'receiver-says: database exploded at 0xDEADBEEF';

interface Received {
  at: number;
  headers: IncomingHttpHeaders;
  raw: string;
}

interface Receiver {
  url: string;
  received: Received[];
  /** The events received, parsed. */
  events(): WebhookEvent[];
  close(): Promise<void>;
}

/** A receiver on 127.0.0.1; `answer` says what to do with the nth request (from 1). */
async function startReceiver(
  answer: (n: number) => number | 'hang' = () => 200,
  host = '127.0.0.1',
): Promise<Receiver> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({
        at: Date.now(),
        headers: request.headers,
        raw: Buffer.concat(chunks).toString('utf8'),
      });
      const status = answer(received.length);
      if (status === 'hang') return;
      response.writeHead(status, { 'Content-Type': 'text/plain' }).end(status >= 300 ? FAILURE_BODY : 'ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}/hubkit/webhooks`,
    received,
    events: () => received.map((r) => JSON.parse(r.raw) as WebhookEvent),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

/** Polls `check` until it gives something truthy, or fails after `timeoutMs`. */
async function until<T>(
  what: string,
  check: () => T | Promise<T>,
  timeoutMs = 5000,
): Promise<Exclude<T, false | null | undefined | 0 | ''>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as Exclude<T, false | null | undefined | 0 | ''>;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Checks a `Hubkit-Signature` with node:crypto alone; returns its timestamp. */
function verifySignature(secret: string, header: string | string[] | undefined, raw: string): number {
  assert.equal(typeof header, 'string', 'one signature header');
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header as string);
  assert.ok(match?.[1] && match[2], `signature header shape: ${String(header)}`);
  const t = Number(match[1]);
  const expected = createHmac('sha256', secret).update(`${match[1]}.${raw}`, 'utf8').digest();
  assert.ok(
    timingSafeEqual(Buffer.from(match[2], 'hex'), expected),
    'the HMAC-SHA256 of `${t}.${body}` matches',
  );
  return t;
}

forEachEngine((engine) => {
  describe('webhooks', () => {
    let hub: TestHub;
    const serviceId = demoDirectory[1]?.id ?? '';

    before(async () => {
      // The whole webhooks object: the harness replaces it rather than merging into its defaults.
      hub = await engine.testHub({
        webhooks: { allowPrivateNetworks: true, intervalMs: 20, retryScheduleMs: [150, 600], timeoutMs: 200 },
      });
    });
    after(async () => {
      await hub.close();
    });

    async function register(
      url: string,
      events: WebhookEventType[],
    ): Promise<WebhookEndpoint & { secret: string }> {
      const answer = await hub.request<WebhookEndpoint>('POST', '/v1/webhook-endpoints', {
        body: { url, events, description: 'Test receiver' },
      });
      assert.equal(answer.status, 201, answer.text);
      assert.ok(answer.body.secret, 'the creating answer carries the secret');
      return { ...answer.body, secret: answer.body.secret };
    }

    async function remove(id: string): Promise<void> {
      const answer = await hub.request('DELETE', `/v1/webhook-endpoints/${id}`);
      assert.equal(answer.status, 204, answer.text);
    }

    async function refer(body: object = councillorDebtAndFood): Promise<Referral> {
      const answer = await hub.request<Referral>('POST', '/v1/referrals', { body });
      assert.equal(answer.status, 201, answer.text);
      return answer.body;
    }

    async function move(id: string, to: string, extra: object = {}): Promise<Referral> {
      const answer = await hub.request<Referral>('POST', `/v1/referrals/${id}/transitions`, {
        body: { to, ...extra },
      });
      assert.equal(answer.status, 200, answer.text);
      return answer.body;
    }

    async function consent(body: object = consentByPhone): Promise<Consent> {
      const answer = await hub.request<Consent>('POST', '/v1/consents', { body });
      assert.equal(answer.status, 201, answer.text);
      return answer.body;
    }

    async function withdraw(id: string): Promise<Consent> {
      const answer = await hub.request<Consent>('POST', `/v1/consents/${id}/withdraw`, {
        body: {
          withdrawnAt: new Date().toISOString(),
          method: 'phone',
          recordedBy: { name: 'Sam Okoro', role: 'Triage adviser' },
        },
      });
      assert.equal(answer.status, 200, answer.text);
      return answer.body;
    }

    async function deliveries(endpointId: string): Promise<WebhookDelivery[]> {
      const answer = await hub.request<Page<WebhookDelivery>>(
        'GET',
        `/v1/webhook-endpoints/${endpointId}/deliveries?limit=100`,
      );
      assert.equal(answer.status, 200, answer.text);
      for (const delivery of answer.body.data)
        assert.ok(WebhookDelivery.safeParse(delivery).success, JSON.stringify(delivery));
      return answer.body.data;
    }

    /** Every pass of the dispatcher that could have started by now has finished. */
    async function settle(): Promise<void> {
      await hub.dispatcher.tick();
      await hub.dispatcher.tick();
    }

    it('shows the whsec_ signing secret in the answer that registers the endpoint, and never again', async () => {
      const receiver = await startReceiver();
      try {
        const endpoint = await register(receiver.url, ['referral.created']);
        assert.match(endpoint.secret, /^whsec_[A-Za-z0-9_-]{32,}$/);
        assert.equal(endpoint.url, receiver.url);
        assert.deepEqual(endpoint.events, ['referral.created']);
        assert.equal(endpoint.enabled, true);

        const one = await hub.request<WebhookEndpoint>('GET', `/v1/webhook-endpoints/${endpoint.id}`);
        assert.equal(one.status, 200);
        assert.equal(one.body.id, endpoint.id);
        assert.equal('secret' in one.body, false);
        const list = await hub.request<Page<WebhookEndpoint>>('GET', '/v1/webhook-endpoints');
        assert.equal(list.status, 200);
        assert.ok(list.body.data.some((e) => e.id === endpoint.id));
        assert.ok(list.body.data.every((e) => !('secret' in e)));
        const attempts = await hub.request('GET', `/v1/webhook-endpoints/${endpoint.id}/deliveries`);
        for (const text of [one.text, list.text, attempts.text, ...hub.logs])
          assert.ok(!text.includes(endpoint.secret));

        const publishable = await hub.request('POST', '/v1/webhook-endpoints', {
          key: 'publishable',
          body: { url: receiver.url, events: ['referral.created'] },
        });
        assert.equal(publishable.status, 403);
        await remove(endpoint.id);
      } finally {
        await receiver.close();
      }
    });

    it('refuses an address with a user name or password in it with 422 naming /url, in English and Welsh, and stores nothing', async () => {
      const before = await hub.request<Page<WebhookEndpoint>>('GET', '/v1/webhook-endpoints?limit=100');
      const url = 'https://hooks:hunter2@partner.example.org/hooks';
      const refused = await hub.request('POST', '/v1/webhook-endpoints', {
        body: { url, events: ['referral.created'] },
      });
      assert.equal(refused.status, 422, refused.text);
      assert.deepEqual(refused.body.errors, [
        {
          path: '/url',
          code: 'credentials_in_url',
          message:
            'Remove the user name and password from the web address: the hub signs every delivery instead',
        },
      ]);
      assert.ok(!refused.text.includes('hunter2'));
      const welsh = await hub.request('POST', '/v1/webhook-endpoints', {
        body: { url, events: ['referral.created'] },
        headers: { 'Accept-Language': 'cy' },
      });
      assert.match(welsh.body.errors[0].message, /Tynnwch yr enw defnyddiwr/);
      const after = await hub.request<Page<WebhookEndpoint>>('GET', '/v1/webhook-endpoints?limit=100');
      assert.equal(after.body.data.length, before.body.data.length);
    });

    it('sends each subscribed event once, valid, signed and thin, and nothing it was not asked for', async () => {
      const all = await startReceiver();
      const some = await startReceiver();
      try {
        const everything = await register(all.url, [
          'referral.created',
          'referral.status_changed',
          'referral.outcome_recorded',
          'consent.withdrawn',
        ]);
        const chosen = await register(some.url, ['referral.outcome_recorded', 'consent.withdrawn']);

        const given = await consent();
        const referral = await refer({ ...councillorDebtAndFood, consentId: given.id });
        await move(referral.id, 'triage');
        await move(referral.id, 'accepted');
        await move(referral.id, 'assigned', { serviceId });
        await move(referral.id, 'in_progress');
        for (const outcome of [
          { need: 'money_debt', code: 'debt_managed' },
          { need: 'food', code: 'food_secured' },
        ]) {
          const answer = await hub.request<Outcome>('POST', `/v1/referrals/${referral.id}/outcomes`, {
            body: outcome,
          });
          assert.equal(answer.status, 201, answer.text);
        }
        await move(referral.id, 'closed');
        const withdrawn = await withdraw(given.id);

        await until('nine events at the first receiver', () => all.received.length >= 9);
        await until('three events at the second receiver', () => some.received.length >= 3);
        await settle();
        assert.equal(all.received.length, 9, all.received.map((r) => r.raw).join('\n'));
        assert.equal(some.received.length, 3, some.received.map((r) => r.raw).join('\n'));

        const count = (events: WebhookEvent[]) => {
          const out: Record<string, number> = {};
          for (const e of events) out[e.type] = (out[e.type] ?? 0) + 1;
          return out;
        };
        assert.deepEqual(count(all.events()), {
          'referral.created': 1,
          'referral.status_changed': 5,
          'referral.outcome_recorded': 2,
          'consent.withdrawn': 1,
        });
        assert.deepEqual(count(some.events()), { 'referral.outcome_recorded': 2, 'consent.withdrawn': 1 });

        // What arrived is what the hub recorded for the referral, and each event once.
        const recorded = await hub.request<Page<WebhookEvent>>(
          'GET',
          `/v1/referrals/${referral.id}/events?limit=100`,
        );
        assert.equal(recorded.status, 200);
        const referralEvents = all.events().filter((e) => e.type !== 'consent.withdrawn');
        assert.deepEqual(
          referralEvents.map((e) => e.id).sort(),
          recorded.body.data
            .filter((e) => e.type !== 'consent.withdrawn')
            .map((e) => e.id)
            .sort(),
        );
        assert.equal(new Set(all.events().map((e) => e.id)).size, 9);
        const transitions = all
          .events()
          .flatMap((e) => (e.type === 'referral.status_changed' ? [`${e.data.from ?? ''}>${e.data.to}`] : []))
          .sort();
        assert.deepEqual(transitions, [
          'accepted>assigned',
          'assigned>in_progress',
          'in_progress>closed',
          'submitted>triage',
          'triage>accepted',
        ]);
        const created = all.events().find((e) => e.type === 'referral.created');
        assert.ok(created?.type === 'referral.created');
        assert.deepEqual(created.data.referral, {
          id: referral.id,
          reference: referral.reference,
          status: 'submitted',
          priority: 'urgent',
          needs: ['money_debt', 'food'],
        });
        const withdrawal = all.events().find((e) => e.type === 'consent.withdrawn');
        assert.ok(withdrawal?.type === 'consent.withdrawn');
        assert.deepEqual(withdrawal.data, {
          consentId: given.id,
          referralIds: [referral.id],
          withdrawnAt: withdrawn.withdrawal?.withdrawnAt,
        });

        // Personal data of the referral and the consent, in every form it could take.
        const personal = [
          councillorDebtAndFood.resident.name.given,
          councillorDebtAndFood.resident.name.family,
          councillorDebtAndFood.resident.dateOfBirth,
          councillorDebtAndFood.resident.contact.phone,
          '07700900123',
          '7700 900123',
          councillorDebtAndFood.resident.address.postcode,
          councillorDebtAndFood.resident.address.postcode.replace(' ', ''),
          councillorDebtAndFood.resident.address.line1,
          councillorDebtAndFood.resident.address.line2,
          councillorDebtAndFood.referrer.name,
          councillorDebtAndFood.referrer.contact.email,
          councillorDebtAndFood.source.partnerReference,
          councillorDebtAndFood.notes,
          ...councillorDebtAndFood.needs.map((n) => n.details),
          consentByPhone.givenBy.name,
          consentByPhone.recordedBy.name,
          'Sam Okoro',
        ];
        for (const [receiver, endpoint] of [
          [all, everything],
          [some, chosen],
        ] as const) {
          for (const { headers, raw } of receiver.received) {
            const event = JSON.parse(raw) as unknown;
            const parsed = WebhookEvent.safeParse(event);
            assert.ok(parsed.success, `a valid WebhookEvent: ${raw}`);
            assert.equal(headers['content-type'], 'application/json');
            assert.equal(headers['hubkit-event-id'], parsed.data.id);
            assert.equal(headers['hubkit-event-type'], parsed.data.type);
            const header = headers[WEBHOOK_SIGNATURE_HEADER.toLowerCase()];
            const t = verifySignature(endpoint.secret, header, raw);
            assert.ok(Math.abs(Date.now() / 1000 - t) < 30, `timestamp ${t} is close to now`);
            // The hub's own signer agrees, and a changed body or the other endpoint's secret does not verify.
            assert.equal(signWebhook(endpoint.secret, raw, t), header);
            assert.throws(() => verifySignature(endpoint.secret, header, raw.replace('"v1"', '"v2"')));
            const other = endpoint === everything ? chosen : everything;
            assert.throws(() => verifySignature(other.secret, header, raw));
            for (const value of personal)
              assert.ok(!raw.toLowerCase().includes(value.toLowerCase()), `no "${value}" in ${raw}`);
          }
        }
        await remove(everything.id);
        await remove(chosen.id);
      } finally {
        await all.close();
        await some.close();
      }
    });

    it('retries a receiver that answers 500 twice, with growing gaps, and lists every attempt', async () => {
      const receiver = await startReceiver((n) => (n <= 2 ? 500 : 200));
      try {
        const endpoint = await register(receiver.url, ['referral.created']);
        const referral = await refer();
        await until('three attempts', () => receiver.received.length >= 3);
        const events = receiver.events();
        assert.ok(events.every((e) => e.id === events[0]?.id && e.type === 'referral.created'));
        assert.ok(events[0]?.type === 'referral.created' && events[0].data.referral.id === referral.id);
        for (const { headers, raw } of receiver.received)
          verifySignature(endpoint.secret, headers['hubkit-signature'], raw);

        const [first, second, third] = receiver.received.map((r) => r.at);
        assert.ok(first !== undefined && second !== undefined && third !== undefined);
        const gaps = [second - first, third - second] as const;
        // The schedule is 150 ms then 600 ms; the dispatcher looks every 20 ms.
        assert.ok(gaps[0] >= 140, `first gap ${gaps[0]} ms`);
        assert.ok(gaps[1] >= 590, `second gap ${gaps[1]} ms`);
        assert.ok(gaps[1] > gaps[0], `gaps grow: ${gaps.join(', ')}`);

        const attempts = await until('the success to be recorded', async () => {
          const list = await deliveries(endpoint.id);
          return list.some((d) => d.status === 'succeeded') && list;
        });
        assert.deepEqual(
          attempts.map((d) => [d.attempt, d.status, d.responseStatus]),
          [
            [3, 'succeeded', 200],
            [2, 'failed', 500],
            [1, 'failed', 500],
          ],
        );
        for (const d of attempts) {
          assert.equal(d.eventId, events[0].id);
          assert.equal(d.eventType, 'referral.created');
          assert.equal(d.endpointId, endpoint.id);
          assert.equal(d.nextAttemptAt, null, 'nothing more is scheduled once attempted');
        }
        for (const d of attempts.filter((a) => a.status === 'failed')) {
          assert.ok(d.error, 'a failed attempt says why');
          assert.ok(
            !d.error.includes('DEADBEEF') && !d.error.includes('exploded'),
            `no response body in "${d.error}"`,
          );
        }
        assert.equal(attempts[0]?.error, null);
        assert.ok(!hub.logs.some((line) => line.includes('DEADBEEF')));
        await settle();
        assert.equal(receiver.received.length, 3, 'nothing after the success');
        await remove(endpoint.id);
      } finally {
        await receiver.close();
      }
    });

    it('gives up on a receiver that does not answer in time, and tries again later', async () => {
      const receiver = await startReceiver(() => 'hang');
      try {
        const endpoint = await register(receiver.url, ['referral.created']);
        const started = Date.now();
        await refer();
        await until('a second attempt', () => receiver.received.length >= 2);
        assert.equal(receiver.events()[0]?.id, receiver.events()[1]?.id);
        const attempts = await until('the first attempt to be recorded', async () => {
          const list = await deliveries(endpoint.id);
          return list.some((d) => d.attempt === 1 && d.status === 'failed') && list;
        });
        const first = attempts.find((d) => d.attempt === 1);
        assert.ok(first);
        assert.equal(first.responseStatus, null);
        assert.match(first.error ?? '', /time/i);
        // The 200 ms timeout, not the default 10 s, ended it.
        assert.ok(
          Date.parse(first.attemptedAt) - started < 2000,
          `attempt 1 ended ${Date.parse(first.attemptedAt) - started} ms after the referral`,
        );
        assert.ok(
          attempts.some((d) => d.attempt === 2),
          'a retry is recorded',
        );
        await remove(endpoint.id);
      } finally {
        await receiver.close();
      }
    });

    it('sends nothing more to a deleted endpoint, not even a retry that was due', async () => {
      const deleted = await startReceiver(() => 500);
      const control = await startReceiver();
      try {
        const gone = await register(deleted.url, ['referral.created']);
        const kept = await register(control.url, ['referral.created']);
        await refer();
        const pending = await until('a retry to be scheduled', async () => {
          const list = await deliveries(gone.id);
          return list.find((d) => d.status === 'pending' && d.attempt === 2);
        });
        assert.equal(deleted.received.length, 1);
        await remove(gone.id);
        assert.equal((await hub.request('GET', `/v1/webhook-endpoints/${gone.id}`)).status, 404);
        assert.equal((await hub.request('GET', `/v1/webhook-endpoints/${gone.id}/deliveries`)).status, 404);

        const later = await refer(selfReferralShielding);
        await until('the control endpoint to get the later referral', () =>
          control.events().some((e) => e.type === 'referral.created' && e.data.referral.id === later.id),
        );
        // Past the time the retry was due, and a whole pass of the dispatcher after it.
        await until('the retry time to pass', () => Date.now() > Date.parse(pending.nextAttemptAt ?? '') + 5);
        await settle();
        assert.equal(deleted.received.length, 1, 'no retry and no new event');
        const stored = await hub.hub.store.listDeliveries(gone.id, { limit: 100 });
        assert.deepEqual(
          stored.data.map((d) => [d.attempt, d.status]),
          [
            [2, 'failed'],
            [1, 'failed'],
          ],
        );
        assert.equal(stored.data[0]?.error, 'endpoint deleted');
        await remove(kept.id);
      } finally {
        await deleted.close();
        await control.close();
      }
    });

    it('refuses a loopback endpoint at delivery when private networks are not allowed, without sending it anything', async () => {
      const strict = await engine.testHub({
        webhooks: { allowPrivateNetworks: false, intervalMs: 20, retryScheduleMs: [50] },
      });
      const receiver = await startReceiver();
      try {
        const endpoints: string[] = [];
        for (const url of [receiver.url, receiver.url.replace('127.0.0.1', 'localhost')]) {
          const answer = await strict.request<WebhookEndpoint>('POST', '/v1/webhook-endpoints', {
            body: { url, events: ['referral.created'] },
          });
          assert.equal(answer.status, 201, answer.text);
          endpoints.push(answer.body.id);
        }
        const referral = await strict.request<Referral>('POST', '/v1/referrals', {
          body: councillorDebtAndFood,
        });
        assert.equal(referral.status, 201);
        for (const id of endpoints) {
          const attempts = await until(`both attempts at ${id} to be refused`, async () => {
            const list = await strict.request<Page<WebhookDelivery>>(
              'GET',
              `/v1/webhook-endpoints/${id}/deliveries`,
            );
            return (
              list.body.data.length === 2 &&
              list.body.data.every((d) => d.status === 'failed') &&
              list.body.data
            );
          });
          for (const d of attempts) {
            assert.equal(d.responseStatus, null);
            assert.match(d.error ?? '', /private|loopback/);
          }
        }
        await strict.dispatcher.tick();
        assert.equal(receiver.received.length, 0, 'no request reached the receiver');
      } finally {
        await receiver.close();
        await strict.close();
      }
    });

    it('sends nothing more about a referral once consent to share it is withdrawn', async () => {
      const receiver = await startReceiver();
      try {
        const endpoint = await register(receiver.url, [
          'referral.created',
          'referral.status_changed',
          'consent.withdrawn',
        ]);
        const given = await consent(consentOnline);
        const referral = await refer({ ...selfReferralShielding, consentId: given.id });
        await until('the referral to be announced', () => receiver.received.length >= 1);
        await withdraw(given.id);
        await until('the withdrawal to be announced', () =>
          receiver.events().some((e) => e.type === 'consent.withdrawn'),
        );
        const withdrawal = receiver.events().find((e) => e.type === 'consent.withdrawn');
        assert.deepEqual(withdrawal?.type === 'consent.withdrawn' && withdrawal.data.referralIds, [
          referral.id,
        ]);

        // The hub may still work on it, and it is recorded, but not sent.
        await move(referral.id, 'triage');
        const recorded = await hub.request<Page<WebhookEvent>>(
          'GET',
          `/v1/referrals/${referral.id}/events?limit=100`,
        );
        const change = recorded.body.data.find((e) => e.type === 'referral.status_changed');
        assert.ok(change, 'the change is in the referral’s own history');
        assert.ok(
          !(await deliveries(endpoint.id)).some((d) => d.eventId === change.id),
          'no delivery was made for it',
        );
        // A provider sees only referrals assigned to its services; this one never was.
        const provider = await hub.request('GET', `/v1/referrals/${referral.id}`, { key: 'provider' });
        assert.equal(provider.status, 404);

        // A referral still shared, changed after it, arrives; the withdrawn one's change never does.
        const control = await refer(councillorDebtAndFood);
        await move(control.id, 'triage');
        await until('the control change', () =>
          receiver
            .events()
            .some((e) => e.type === 'referral.status_changed' && e.data.referral.id === control.id),
        );
        await settle();
        const about = receiver
          .events()
          .filter((e) => e.type === 'referral.status_changed' && e.data.referral.id === referral.id);
        assert.deepEqual(about, []);
        await remove(endpoint.id);
      } finally {
        await receiver.close();
      }
    });

    it('also stops sharing a referral whose consent was recorded after it was made', async () => {
      const receiver = await startReceiver();
      try {
        const endpoint = await register(receiver.url, ['referral.status_changed', 'consent.withdrawn']);
        const referral = await refer(selfReferralShielding);
        const given = await consent({ ...consentOnline, referralId: referral.id });
        assert.equal(given.referralId, referral.id);
        await withdraw(given.id);
        await until('the withdrawal to be announced', () =>
          receiver.events().some((e) => e.type === 'consent.withdrawn'),
        );
        const withdrawal = receiver.events().find((e) => e.type === 'consent.withdrawn');
        assert.deepEqual(withdrawal?.type === 'consent.withdrawn' && withdrawal.data.referralIds, [
          referral.id,
        ]);

        const stored = await hub.request<Referral>('GET', `/v1/referrals/${referral.id}`);
        assert.equal(stored.body.sharingRestricted, true);
        assert.equal(
          (await hub.request('GET', `/v1/referrals/${referral.id}`, { key: 'provider' })).status,
          404,
        );
        await move(referral.id, 'triage');
        const control = await refer(councillorDebtAndFood);
        await move(control.id, 'triage');
        await until('the control change', () =>
          receiver
            .events()
            .some((e) => e.type === 'referral.status_changed' && e.data.referral.id === control.id),
        );
        await settle();
        assert.ok(
          !receiver
            .events()
            .some((e) => e.type === 'referral.status_changed' && e.data.referral.id === referral.id),
        );
        await remove(endpoint.id);
      } finally {
        await receiver.close();
      }
    });
  });
});
describe('the webhook address block list', () => {
  // One address in each special-purpose range of IANA's IPv4 and IPv6 registries.
  const blocked = {
    '0.0.0.0/8': '0.1.2.3',
    '10.0.0.0/8': '10.20.30.40',
    '100.64.0.0/10': '100.127.255.254',
    '127.0.0.0/8': '127.8.9.10',
    '169.254.0.0/16 (cloud metadata)': '169.254.169.254',
    '172.16.0.0/12': '172.31.0.1',
    '192.0.0.0/24': '192.0.0.9',
    '192.0.2.0/24': '192.0.2.1',
    '192.88.99.0/24': '192.88.99.1',
    '192.168.0.0/16': '192.168.1.1',
    '198.18.0.0/15': '198.19.0.1',
    '198.51.100.0/24': '198.51.100.7',
    '203.0.113.0/24': '203.0.113.7',
    '224.0.0.0/4': '239.255.255.250',
    '240.0.0.0/4': '255.255.255.255',
    '::1/128': '::1',
    '::/128': '::',
    '::/96 (IPv4-compatible)': '::7f00:1',
    '::ffff:0:0/96 (mapped loopback, dotted)': '::ffff:127.0.0.1',
    '::ffff:0:0/96 (mapped loopback, hex)': '::ffff:7f00:1',
    '::ffff:0:0/96 (mapped private, long form)': '0:0:0:0:0:ffff:c0a8:0101',
    '::ffff:0:0/96 (mapped metadata)': '::ffff:169.254.169.254',
    '::ffff:0:0:0/96 (IPv4-translated)': '::ffff:0:7f00:1',
    '64:ff9b::/96 (NAT64)': '64:ff9b::7f00:1',
    '64:ff9b:1::/48': '64:ff9b:1::1',
    '100::/64 (discard)': '100::1',
    '2001::/32 (Teredo)': '2001:0:4136:e378:8000:63bf:3fff:fdd2',
    '2001:2::/48 (benchmarking)': '2001:2::1',
    '2001:db8::/32': '2001:db8::1',
    '2002::/16 (6to4)': '2002:7f00:1::1',
    '3fff::/20': '3fff::1',
    '5f00::/16': '5f00::1',
    'fc00::/7': 'fd12:3456:789a::1',
    'fe80::/10': 'fe80::1',
    'fe80::/10 with a zone': 'fe80::1%eth0',
    'fec0::/10': 'fec0::1',
    'ff00::/8': 'ff02::1',
    'outside 2000::/3': '4000::1',
  };
  const allowed = {
    'public IPv4': '93.184.215.14',
    'public IPv4, mapped': '::ffff:93.184.215.14',
    'public IPv6': '2606:4700:4700::1111',
    'public IPv6 next to 2001:db8::/32': '2001:db9::1',
    'public IPv6 next to 2002::/16': '2003:e0::1',
  };

  for (const [range, address] of Object.entries(blocked)) {
    it(`refuses ${range}: ${address}`, () => {
      assert.equal(isPrivateAddress(address), true);
    });
  }
  for (const [what, address] of Object.entries(allowed)) {
    it(`allows ${what}: ${address}`, () => {
      assert.equal(isPrivateAddress(address), false);
    });
  }
  it('refuses what is not an address at all', () => {
    assert.equal(isPrivateAddress('localhost'), true);
  });
});
