/**
 * Closing a hub while it is answering: the requests it is handling are answered, and only then
 * does its store close (on PostgreSQL, ending the pool under a handler failed its write).
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Store } from '@hubkit/hub';
import { createdAudit, postgresProcesses } from './testing/postgres-store.ts';
import { testHub, type TestHub } from './testing/hub.ts';

for (const engine of ['SQLite', 'PostgreSQL'] as const) {
  describe(`closing a hub on ${engine}`, () => {
    const hubs: TestHub[] = [];
    // Before the cluster's own clean-up: each hub stops while its database is there.
    after(async () => {
      await Promise.all(hubs.map((hub) => hub.close()));
    });
    const postgres = engine === 'PostgreSQL' ? postgresProcesses() : null;

    it(
      'answers the requests it is handling, then closes its store',
      { skip: postgres?.skip ?? false },
      async () => {
        const made: { store?: Store } = {};
        let handling = 0;
        const hub = await testHub({
          ...(postgres ? { db: (await postgres.database(true)).url } : {}),
          // A route that is slow, then writes: what a create in flight does.
          extend: (app) => {
            app.post('/slow/:n', async (c) => {
              handling += 1;
              await sleep(200);
              const n = Number(c.req.param('n'));
              await made.store?.insertAudit([
                createdAudit(n, new Date().toISOString(), 'referral', `slow-${String(n)}`),
              ]);
              return c.json({ written: n });
            });
          },
        });
        hubs.push(hub);
        made.store = hub.hub.store;
        const answers = Array.from({ length: 5 }, (_, n) =>
          fetch(`${hub.url}/slow/${String(n)}`, { method: 'POST' }).then(
            async (r) => [r.status, await r.json()] as const,
            (error: unknown) => [0, String(error)] as const,
          ),
        );
        while (handling < 5) await sleep(5);
        await hub.close();
        assert.deepEqual(
          await Promise.all(answers),
          [0, 1, 2, 3, 4].map((n) => [200, { written: n }]),
          'each request being handled was answered, its write made',
        );
        assert.deepEqual(
          hub.logs.filter((line) => line.includes('"error"')),
          [],
          'nothing failed in the hub',
        );
      },
    );
  });
}
