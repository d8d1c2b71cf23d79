import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clientAddressResolver, clientBucket, parseTrustProxy } from './client-address.ts';
import { makeKey } from '../domain/keys.ts';
import { forEachEngine } from '../testing/engines.ts';
import { PORTAL } from '../testing/hub.ts';
import { DEFAULT_RATE_LIMITS, limitsForKey, parseRateLimit, RateLimiter } from './rate-limit.ts';

describe('RateLimiter', () => {
  it('takes from every bucket or from none', () => {
    let now = 0;
    const limiter = new RateLimiter(() => now);
    const client = { perSecond: 1, burst: 2 };
    const key = { perSecond: 1, burst: 3 };
    const take = (who: string) =>
      limiter.takeAll([
        [`c ${who}`, client],
        ['k', key],
      ]).allowed;
    assert.deepEqual([take('a'), take('a'), take('a')], [true, true, false]);
    // The refused third request took nothing from the key: b still has the key's last token.
    assert.deepEqual([take('b'), take('b')], [true, false]);
    now = 1000;
    assert.equal(take('a'), true);
  });

  it('stays bounded when an attacker sprays addresses, and keeps the buckets in use', () => {
    let now = 0;
    const limiter = new RateLimiter(() => now, 1000);
    const limit = { perSecond: 1, burst: 5 };
    for (let i = 0; i < 5; i += 1) limiter.take('busy', limit);
    for (let i = 0; i < 50_000; i += 1) {
      now += 0.01;
      limiter.take(`spray ${i}`, limit);
      if (i % 100 === 0) limiter.take('busy', limit);
      assert.ok(limiter.size <= 1000, `size ${limiter.size}`);
    }
    assert.equal(limiter.check('busy', limit).allowed, false, 'the busy bucket was kept, still empty');
  });

  it('drops buckets that have refilled before any that are still in use', () => {
    let now = 0;
    const limiter = new RateLimiter(() => now, 10);
    const limit = { perSecond: 1, burst: 2 };
    for (let i = 0; i < 9; i += 1) limiter.take(`idle ${i}`, limit);
    now = 5000;
    limiter.take('empty', limit);
    limiter.take('empty', limit);
    limiter.take('one more', limit);
    limiter.take('and another', limit);
    assert.ok(limiter.size <= 3, `size ${limiter.size}`);
    assert.equal(limiter.check('empty', limit).allowed, false);
  });
});

describe('client addresses', () => {
  it('uses the connection’s address when no proxy is trusted', () => {
    const resolve = clientAddressResolver(false);
    assert.equal(resolve('::ffff:192.0.2.1', '198.51.100.1'), '192.0.2.1');
  });

  it('takes the right-most address that is not a trusted proxy', () => {
    const resolve = clientAddressResolver(['10.0.0.0/8', '::1']);
    assert.equal(resolve('10.0.0.2', '203.0.113.9, 198.51.100.1, 10.0.0.5'), '198.51.100.1');
    assert.equal(resolve('::1', '[2001:db8::1]:4711'), '2001:db8::1');
    assert.equal(resolve('192.0.2.50', '198.51.100.1'), '192.0.2.50', 'not from a trusted proxy');
    assert.equal(resolve('10.0.0.2', 'junk, 198.51.100.1'), '198.51.100.1');
    assert.equal(resolve('10.0.0.2', '198.51.100.1, junk'), '10.0.0.2', 'garbage after the client');
  });

  it('counts hops from the right', () => {
    assert.equal(clientAddressResolver(1)('10.0.0.2', '203.0.113.9, 198.51.100.1'), '198.51.100.1');
    assert.equal(clientAddressResolver(2)('10.0.0.2', '203.0.113.9, 198.51.100.1'), '203.0.113.9');
    assert.equal(clientAddressResolver(5)('10.0.0.2', '198.51.100.1'), '198.51.100.1');
  });

  it('groups IPv6 by /64', () => {
    assert.equal(clientBucket('2001:db8:1:2::1'), '2001:db8:1:2::/64');
    assert.equal(clientBucket('2001:0db8:0001:0002:ffff:1:2:3'), '2001:db8:1:2::/64');
    assert.equal(clientBucket('::1'), '0:0:0:0::/64');
    assert.equal(clientBucket('192.0.2.1'), '192.0.2.1');
  });

  it('reads the trust setting, and names a bad entry', () => {
    assert.equal(parseTrustProxy(undefined), false);
    assert.equal(parseTrustProxy('0'), false);
    assert.equal(parseTrustProxy('2'), 2);
    assert.deepEqual(parseTrustProxy('10.0.0.1, 10.0.0.0/8,::1'), ['10.0.0.1', '10.0.0.0/8', '::1']);
    assert.throws(() => parseTrustProxy('10.0.0.0/40'), /10\.0\.0\.0\/40/);
    assert.throws(() => parseTrustProxy('proxy.example'), /proxy\.example/);
  });
});

describe('rate limits per key', () => {
  it('reads n/burst, and nothing else', () => {
    assert.deepEqual(parseRateLimit(' 2.5/30 '), { perSecond: 2.5, burst: 30 });
    for (const text of ['', 'lots', '0/10', '5/0', '5', '5/10/2', '-1/10'])
      assert.equal(parseRateLimit(text), null, text);
  });

  it('puts a key’s own limit in place of the hub’s: per key, and for a secret key per client too', () => {
    const own = { perSecond: 500, burst: 1000 };
    assert.deepEqual(limitsForKey(DEFAULT_RATE_LIMITS, { kind: 'secret', rateLimit: own }), {
      perKey: own,
      perClient: own,
    });
    assert.deepEqual(limitsForKey(DEFAULT_RATE_LIMITS, { kind: 'publishable', rateLimit: own }), {
      perKey: own,
      perClient: DEFAULT_RATE_LIMITS.perClient.publishable,
    });
    assert.deepEqual(limitsForKey(DEFAULT_RATE_LIMITS, { kind: 'secret', rateLimit: null }), {
      perKey: DEFAULT_RATE_LIMITS.perKey.secret,
      perClient: DEFAULT_RATE_LIMITS.perClient.secret,
    });
  });
});

// A key's own limit is read from the store; on PostgreSQL the buckets are the database's too.
forEachEngine((engine) => {
  describe('rate limits per key, on a hub', () => {
    it('a hub counts a key with its own limit by that limit, and its other keys by the hub’s', async () => {
      const generous = { perSecond: 0.01, burst: 50 };
      const hub = await engine.testHub({
        rateLimits: {
          perKey: { publishable: generous, secret: { perSecond: 0.01, burst: 4 } },
          perClient: { publishable: generous, secret: { perSecond: 0.01, burst: 4 } },
          failedAuth: generous,
        },
      });
      try {
        const { key, record } = makeKey({
          kind: 'secret',
          name: 'Nightly sync',
          rateLimit: { perSecond: 0.01, burst: 7 },
          now: hub.hub.now(),
        });
        await hub.hub.store.insertKey(record);
        assert.deepEqual((await hub.hub.store.findKeyByHash(record.hash))?.rateLimit, record.rateLimit);
        const statuses = async (who: string) => {
          const seen: number[] = [];
          for (let i = 0; i < 8; i += 1)
            seen.push((await hub.request('GET', '/v1/services', { key: who })).status);
          return seen;
        };
        // The hub's limit for secret keys: a burst of 4.
        assert.deepEqual(await statuses('secret'), [200, 200, 200, 200, 429, 429, 429, 429]);
        // This key's own: a burst of 7, whatever the hub's.
        assert.deepEqual(await statuses(key), [200, 200, 200, 200, 200, 200, 200, 429]);
      } finally {
        await hub.close();
      }
    });

    it('counts a staff token’s requests against the key that minted it', async () => {
      const hub = await engine.testHub();
      try {
        const { key, record } = makeKey({
          kind: 'secret',
          role: 'referrer',
          name: 'Partner portal',
          allowedOrigins: [PORTAL],
          rateLimit: { perSecond: 0.01, burst: 5 },
          now: hub.hub.now(),
        });
        await hub.hub.store.insertKey(record);
        const minted = await hub.request<{ token: string }>('POST', '/v1/sessions', {
          key,
          body: { staffRef: 'staff-1', origin: PORTAL },
        });
        assert.equal(minted.status, 201);
        const other = await hub.request<{ token: string }>('POST', '/v1/sessions', {
          key,
          body: { staffRef: 'staff-2', origin: PORTAL },
        });
        const asToken = (token: string) =>
          hub.request('GET', '/v1/referrals', { key: token, headers: { Origin: PORTAL } });
        // Two mints, then two tokens of the key: each its share of the key's burst of 5, not a bucket of its own.
        const seen = [
          (await asToken(minted.body.token)).status,
          (await asToken(other.body.token)).status,
          (await asToken(minted.body.token)).status,
          (await asToken(other.body.token)).status,
          (await hub.request('GET', '/v1/referrals', { key })).status,
        ];
        assert.deepEqual(seen, [200, 200, 200, 429, 429]);
      } finally {
        await hub.close();
      }
    });

    it('counts a hub’s report token’s requests against the hub key that minted it', async () => {
      const hub = await engine.testHub();
      try {
        const intranet = 'https://intranet.hub.example';
        const { key, record } = makeKey({
          kind: 'secret',
          role: 'hub',
          name: 'Dashboard',
          allowedOrigins: [intranet],
          rateLimit: { perSecond: 0.01, burst: 3 },
          now: hub.hub.now(),
        });
        await hub.hub.store.insertKey(record);
        const minted = await hub.request<{ token: string }>('POST', '/v1/sessions', {
          key,
          body: { staffRef: 'analyst-1', origin: intranet },
        });
        assert.equal(minted.status, 201);
        const read = async () =>
          (
            await hub.request('GET', '/v1/reports/referrals?from=2026-01-01&to=2026-12-31', {
              key: minted.body.token,
              headers: { Origin: intranet },
            })
          ).status;
        // One mint, then the token: the rest of the key's burst of 3, not a bucket of its own.
        assert.deepEqual([await read(), await read(), await read()], [200, 200, 429]);
        assert.equal((await hub.request('GET', '/v1/services', { key })).status, 429);
      } finally {
        await hub.close();
      }
    });
  });
});
