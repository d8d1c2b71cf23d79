/**
 * Abuse of a publishable key, over real HTTP from several client addresses (Linux routes all of
 * 127.0.0.0/8 to loopback, so each test client binds its own source address): one abusive
 * client cannot starve a key's other visitors, failed authentication is throttled per address,
 * and X-Forwarded-For is believed only from a trusted proxy.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { councillorDebtAndFood } from '@hubkit/schema/fixtures';
import { KEYS, ORIGIN } from '../testing/hub.ts';
import { forEachEngine } from '../testing/engines.ts';

interface Sent {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: any;
}

/** One request from a given source address, on its own connection. */
function send(
  port: number,
  from: string,
  method: string,
  path: string,
  {
    key,
    body,
    headers = {},
  }: { key?: string | undefined; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Sent> {
  const text = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        localAddress: from,
        agent: false,
        headers: {
          ...(key ? { Authorization: `Bearer ${key}` } : {}),
          ...(text ? { 'Content-Type': 'application/json' } : {}),
          ...headers,
        },
      },
      (response) => {
        let data = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (data += chunk));
        response.on('end', () => {
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: data ? JSON.parse(data) : null,
          });
        });
      },
    );
    request.on('error', reject);
    request.end(text);
  });
}

const referral = (port: number, from: string, headers: Record<string, string> = {}) =>
  send(port, from, 'POST', '/v1/referrals', {
    key: KEYS.publishable,
    body: councillorDebtAndFood,
    headers: { Origin: ORIGIN, 'Idempotency-Key': randomUUID(), ...headers },
  });

const problem429 = (answer: Sent) => {
  assert.equal(answer.status, 429);
  assert.match(answer.headers['content-type'] ?? '', /^application\/problem\+json/);
  assert.equal(answer.body.code, 'rate_limited');
  assert.ok(Number(answer.headers['retry-after']) >= 1);
};

forEachEngine((engine) => {
  describe('abuse of a publishable key', () => {
    it('one client at 20 requests a second does not stop another visitor’s referrals (default limits)', async () => {
      // The hub's own default limits: the point is what a hub does out of the box.
      const hub = await engine.testHub({ rateLimits: undefined });
      try {
        const abuser: Promise<Sent>[] = [];
        const flood = setInterval(() => {
          abuser.push(referral(hub.port, '127.0.0.2'));
        }, 50);
        const genuine: Sent[] = [];
        try {
          await sleep(400);
          for (let i = 0; i < 8; i += 1) {
            genuine.push(await referral(hub.port, '127.0.0.3'));
            await sleep(350);
          }
        } finally {
          clearInterval(flood);
        }
        const abused = await Promise.all(abuser);
        assert.ok(abused.length >= 40, `the abuser sent ${abused.length}`);
        assert.deepEqual(
          genuine.map((a) => a.status),
          Array(8).fill(201),
          'every genuine submission is made',
        );
        const refused = abused.find((a) => a.status === 429);
        assert.ok(refused, 'the abusive client is refused');
        problem429(refused);
      } finally {
        await hub.close();
      }
    });

    it('throttles requests with unknown, malformed or missing keys per client address', async () => {
      const hub = await engine.testHub({ rateLimits: undefined });
      try {
        const bad = ['pk_test_NotAKeyThisHubHasEverMade001', 'pk_', 'nonsense', undefined];
        const answers: Sent[] = [];
        for (let i = 0; i < 60; i += 1) {
          answers.push(
            await send(hub.port, '127.0.0.4', 'GET', '/v1/services', {
              ...(bad[i % bad.length] ? { key: bad[i % bad.length] } : {}),
              headers: { Origin: ORIGIN },
            }),
          );
        }
        const statuses = new Set(answers.map((a) => a.status));
        assert.deepEqual([...statuses].sort(), [401, 429]);
        const last = answers.at(-1);
        assert.ok(last);
        problem429(last);
        // While it is throttled, that address gets 429 even with a good key: no guessing on.
        problem429(
          await send(hub.port, '127.0.0.4', 'GET', '/v1/services', {
            key: KEYS.publishable,
            headers: { Origin: ORIGIN },
          }),
        );
        // Another address is not held back by it.
        assert.equal((await referral(hub.port, '127.0.0.5')).status, 201);
      } finally {
        await hub.close();
      }
    });

    it('ignores X-Forwarded-For unless the proxy is trusted: a client cannot choose its address', async () => {
      const hub = await engine.testHub({
        rateLimits: {
          perKey: {
            publishable: { perSecond: 1000, burst: 1000 },
            secret: { perSecond: 1000, burst: 1000 },
          },
          perClient: { publishable: { perSecond: 0.1, burst: 3 }, secret: { perSecond: 0.1, burst: 3 } },
          failedAuth: { perSecond: 1000, burst: 1000 },
        },
      });
      try {
        const statuses: number[] = [];
        for (let i = 0; i < 6; i += 1) {
          const answer = await referral(hub.port, '127.0.0.6', { 'X-Forwarded-For': `198.51.100.${i + 1}` });
          statuses.push(answer.status);
        }
        assert.deepEqual(statuses, [201, 201, 201, 429, 429, 429]);
      } finally {
        await hub.close();
      }
    });

    it('behind a trusted proxy, limits each client by the right-most address the proxy added', async () => {
      const limits = { perSecond: 0.1, burst: 3 };
      const hub = await engine.testHub({
        trustProxy: ['127.0.0.7'],
        rateLimits: {
          perKey: {
            publishable: { perSecond: 1000, burst: 1000 },
            secret: { perSecond: 1000, burst: 1000 },
          },
          perClient: { publishable: limits, secret: limits },
          failedAuth: { perSecond: 1000, burst: 1000 },
        },
      });
      try {
        // An abuser behind the proxy, making up a new left-most address each time.
        const abuser: number[] = [];
        for (let i = 0; i < 6; i += 1) {
          const forged = `203.0.113.${i + 1}, 198.51.100.66`;
          abuser.push((await referral(hub.port, '127.0.0.7', { 'X-Forwarded-For': forged })).status);
        }
        assert.deepEqual(abuser, [201, 201, 201, 429, 429, 429]);
        // Another visitor through the same proxy has a share of their own.
        const visitor = await referral(hub.port, '127.0.0.7', { 'X-Forwarded-For': '198.51.100.77' });
        assert.equal(visitor.status, 201);
        // IPv6 visitors are counted by their /64: another address in it is the same client.
        const v6: number[] = [];
        for (let i = 0; i < 4; i += 1) {
          const from = `2001:db8:1:2::${i + 1}`;
          v6.push((await referral(hub.port, '127.0.0.7', { 'X-Forwarded-For': from })).status);
        }
        assert.deepEqual(v6, [201, 201, 201, 429]);
        // A request straight from an untrusted address: its X-Forwarded-For is not believed.
        const direct: number[] = [];
        for (let i = 0; i < 4; i += 1) {
          const forged = `198.51.100.${100 + i}`;
          direct.push((await referral(hub.port, '127.0.0.8', { 'X-Forwarded-For': forged })).status);
        }
        assert.deepEqual(direct, [201, 201, 201, 429]);
      } finally {
        await hub.close();
      }
    });
  });
});
