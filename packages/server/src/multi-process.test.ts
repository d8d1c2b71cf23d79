/**
 * Three hub processes on one PostgreSQL database, requests spread across them (issue 15): the
 * same Idempotency-Key sent to all three at once makes one referral; each webhook event is
 * delivered once, whichever process's dispatcher finds it; and a process killed with SIGKILL
 * mid-load loses no create it acknowledged, every create retried on the others being made once.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { startHubProcess, type HubProcess } from './process.ts';
import { migratePostgres } from './store/postgres/migrations.ts';
import { bodyFor, create, referralsByName } from './testing/creates.ts';
import { KEYS } from './testing/hub.ts';
import { postgresForTests } from './testing/postgres.ts';

const CLAIM_MS = 3_000;

describe('three hub processes on one PostgreSQL database', () => {
  let hubs: HubProcess[] = [];
  let killed: HubProcess | null = null;
  // Before the cluster's own clean-up: the hubs stop while their database is still there.
  after(async () => {
    await Promise.all(hubs.filter((hub) => hub !== killed).map((hub) => hub.close()));
  });
  const { skip, cluster } = postgresForTests();

  before(async () => {
    if (skip) return;
    const database = await cluster().createDatabase();
    await migratePostgres(database.url);
    // The first seeds the directory and the keys; the others find them in the database. A claim
    // on an Idempotency-Key lasts at most the request timeout: short here, so that the claims a
    // killed process leaves lapse within the test.
    const common = { db: database.url, requestTimeoutMs: CLAIM_MS };
    const first = await startHubProcess({
      ...common,
      secretKey: KEYS.secret,
      publishableKey: KEYS.publishable,
    });
    const others = await Promise.all([1, 2].map(() => startHubProcess({ ...common, demo: false })));
    hubs = [first, ...others];
  });

  const urls = () => hubs.filter((hub) => hub !== killed).map((hub) => hub.url);

  it('makes one referral of one Idempotency-Key sent to every process at once', { skip }, async () => {
    for (let round = 0; round < 30; round++) {
      const name = `Samekey${String(round)}`;
      const key = randomUUID();
      const answers = await Promise.all(urls().map((url) => create(url, key, bodyFor(name))));
      const made = answers.filter((a) => a.status === 201);
      assert.ok(made.length >= 1, `round ${String(round)}: ${JSON.stringify(answers)}`);
      // The others are told the key is in flight (409), or replayed the one answer.
      for (const answer of answers)
        assert.ok(answer.status === 201 || answer.code === 'idempotency_request_in_flight');
      assert.equal(new Set(made.map((a) => a.id)).size, 1, 'every 201 is the same referral');
      const again = await create(urls()[round % urls().length] ?? '', key, bodyFor(name));
      assert.deepEqual([again.status, again.id], [201, made[0]?.id]);
    }
    const byName = await referralsByName(urls()[0] ?? '');
    for (let round = 0; round < 30; round++) assert.equal(byName.get(`Samekey${String(round)}`)?.length, 1);
  });

  it('delivers each webhook event once, whichever process finds it', { skip }, async () => {
    const received = new Map<string, number>();
    const receiver: Server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        const { id } = JSON.parse(body) as { id: string };
        received.set(id, (received.get(id) ?? 0) + 1);
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = receiver.address() as AddressInfo;
      const endpoint = await fetch(`${urls()[1] ?? ''}/v1/webhook-endpoints`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${KEYS.secret}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ url: `http://127.0.0.1:${String(port)}/hook`, events: ['referral.created'] }),
      });
      assert.equal(endpoint.status, 201, await endpoint.text());
      const made: string[] = [];
      await Promise.all(
        Array.from({ length: 30 }, async (_, i) => {
          const answer = await create(urls()[i % 3] ?? '', randomUUID(), bodyFor(`Hooked${String(i)}`));
          assert.equal(answer.status, 201);
          made.push(answer.id ?? '');
        }),
      );
      // Each process's dispatcher looks every half second; give them time to find all and to
      // deliver any twice, were they to.
      for (let waited = 0; received.size < made.length && waited < 20_000; waited += 100) await sleep(100);
      await sleep(1_500);
      assert.equal(received.size, made.length, 'every referral.created event was delivered');
      assert.deepEqual(
        [...received].filter(([, times]) => times !== 1),
        [],
        'no event was delivered more than once',
      );
    } finally {
      await new Promise((resolve) => receiver.close(resolve));
    }
  });

  it('loses no acknowledged create when one process is killed mid-load', { skip }, async () => {
    const acknowledged = new Map<string, string>();
    const names: string[] = [];
    let answered = 0;
    const victim = hubs[2];
    assert.ok(victim);
    let down = false;
    const client = async (c: number) => {
      for (let i = 0; i < 20; i++) {
        const name = `Killed${String(c)}x${String(i)}`;
        names.push(name);
        const key = `kill-${name}`;
        // Round the processes; a request to the killed one fails and is retried on the next, and
        // one the killed process had claimed is refused (409) until its claim lapses.
        for (let attempt = 0; attempt < (3 * CLAIM_MS) / 100; attempt++) {
          const live = down ? urls() : hubs.map((hub) => hub.url);
          const url = live[(c + i + attempt) % live.length] ?? '';
          const answer = await create(url, key, bodyFor(name)).catch(() => null);
          if (answer?.status === 201 && answer.id) {
            acknowledged.set(name, answer.id);
            break;
          }
          await sleep(100);
        }
        answered += 1;
      }
    };
    const clients = Array.from({ length: 6 }, (_, c) => client(c));
    while (answered < 30) await sleep(10);
    killed = victim;
    await victim.crash();
    down = true;
    await Promise.all(clients);
    assert.equal(acknowledged.size, names.length, 'every create was made, on some process');
    const byName = await referralsByName(urls()[0] ?? '');
    for (const [name, id] of acknowledged) assert.deepEqual(byName.get(name), [id], name);
  });
});
