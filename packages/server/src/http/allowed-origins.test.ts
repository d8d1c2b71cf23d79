import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeKey } from '../domain/keys.ts';
import { openStore } from '../store/open.ts';
import { forEachEngine } from '../testing/engines.ts';
import { KEYS, ORIGIN } from '../testing/hub.ts';
import { AllowedOrigins } from './allowed-origins.ts';

const site = 'https://advice.example.org';
const publishable = (origins: string[]) =>
  makeKey({ kind: 'publishable', name: 'Site', allowedOrigins: origins, now: new Date().toISOString() });

forEachEngine((engine) => {
  describe('allowed origins', () => {
    it('reads the keys once, and again only after a key changes, in this process or another', async () => {
      const db = await engine.database();
      const hub = await openStore(db);
      // The CLI's keys create and keys revoke: another connection, as another process has.
      const cli = await openStore(db);
      try {
        let listed = 0;
        const origins = new AllowedOrigins({
          keysVersion: () => hub.keysVersion(),
          listKeys: () => {
            listed += 1;
            return hub.listKeys();
          },
        });
        assert.equal(await origins.allowed(site), null);
        const first = publishable([site]);
        await cli.insertKey(first.record);
        assert.equal(await origins.allowed(`${site}/`), site, 'a new key’s origin is allowed at once');
        for (let i = 0; i < 10; i += 1) assert.equal(await origins.allowed(site), site);
        assert.equal(await origins.allowed('https://evil.example'), null);
        assert.equal(await origins.allowed('not an origin'), null);
        assert.equal(listed, 2, 'keys are listed when they change, not for every request');

        // Another active key with the same origin keeps it allowed; revoking the last one stops it.
        const second = publishable([site]);
        await hub.insertKey(second.record);
        assert.ok(await cli.revokeKey(first.record.id, new Date().toISOString()));
        assert.equal(await origins.allowed(site), site);
        assert.ok(await hub.revokeKey(second.record.id, new Date().toISOString()));
        assert.equal(await origins.allowed(site), null, 'a revoked key’s origin is no longer allowed');
        assert.equal(listed, 4);
      } finally {
        await cli.close();
        await hub.close();
      }
    });

    it('a browser may no longer call the hub from a revoked key’s origin', async () => {
      const hub = await engine.testHub();
      try {
        const preflight = () =>
          fetch(`${hub.url}/v1/referrals`, {
            method: 'OPTIONS',
            headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'POST' },
          });
        assert.equal((await preflight()).headers.get('access-control-allow-origin'), ORIGIN);
        const listed = await hub.request('GET', '/v1/services', {
          key: 'publishable',
          headers: { Origin: ORIGIN },
        });
        assert.equal(listed.headers.get('access-control-allow-origin'), ORIGIN);
        const keys = await hub.hub.store.listKeys();
        const key = keys.find((k) => k.kind === 'publishable' && k.allowedOrigins.includes(ORIGIN));
        assert.ok(key);
        await hub.hub.store.revokeKey(key.id, hub.hub.now());
        assert.equal((await preflight()).headers.get('access-control-allow-origin'), null);
        const refused = await hub.request('GET', '/v1/services', {
          key: KEYS.publishable,
          headers: { Origin: ORIGIN },
        });
        assert.equal(refused.status, 401);
        assert.equal(refused.headers.get('access-control-allow-origin'), null);
      } finally {
        await hub.close();
      }
    });
  });
});
