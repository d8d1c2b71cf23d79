// What a staff token costs the hub per request, beside the partner's secret key: reads of one
// referral over HTTP on an in-process reference hub (SQLite in memory), the key and the token in
// alternate rounds so both see the same machine; and checking a token alone, signed with
// node:crypto (the server) and with Web Crypto (the mocks). Figures and ratios from this one run.
// Run: npm run bench -- staff-tokens
import { performance } from 'node:perf_hooks';
import { SessionTokens, webHmac } from '@hubkit/hub';
import { councillorDebtAndFood } from '@hubkit/schema/fixtures';
import { makeKey, silentLogger, startHub } from '@hubkit/server';
import { sessionTokens } from '../packages/server/src/store/cursor.ts';

const PORTAL = 'https://portal.partner.example';
const KEY = 'sk_bench_StaffTokensPartnerKey0000001';
const ROUNDS = 10;
const PER_ROUND = 300;

const hub = await startHub({ port: 0, db: ':memory:', logger: silentLogger });
try {
  const { record } = makeKey({
    kind: 'secret',
    role: 'referrer',
    name: 'Bench portal',
    allowedOrigins: [PORTAL],
    value: KEY,
    rateLimit: { perSecond: 1e9, burst: 1e9 },
    now: hub.hub.now(),
  });
  await hub.hub.store.insertKey(record);
  const send = (path, init) =>
    fetch(`${hub.url}${path}`, init).then(async (r) => ({ status: r.status, body: await r.json() }));
  const made = await send('/v1/referrals', {
    method: 'POST',
    headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(councillorDebtAndFood),
  });
  const minted = await send('/v1/sessions', {
    method: 'POST',
    headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ staffRef: 'staff-1', origin: PORTAL, expiresIn: 3600 }),
  });
  const path = `/v1/referrals/${made.body.id}`;
  const as = {
    key: { Authorization: `Bearer ${KEY}` },
    token: { Authorization: `Bearer ${minted.body.token}`, Origin: PORTAL },
  };
  const ms = { key: 0, token: 0 };
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const who of /** @type {const} */ (['key', 'token'])) {
      const started = performance.now();
      for (let i = 0; i < PER_ROUND; i += 1) {
        const { status } = await send(path, { headers: as[who] });
        if (status !== 200) throw new Error(`${who}: ${status}`);
      }
      ms[who] += performance.now() - started;
    }
  }
  const n = ROUNDS * PER_ROUND;
  console.log(`one referral read over HTTP, ${n} each, one at a time`);
  for (const who of /** @type {const} */ (['key', 'token'])) {
    console.log(
      `  ${who === 'key' ? 'secret referrer key' : 'staff token        '}  ${(ms[who] / n).toFixed(3)} ms a read  ${Math.round((n / ms[who]) * 1000)} reads/s`,
    );
  }
  console.log(`  token / key: ${(ms.token / ms.key).toFixed(3)}× the time`);

  // A token alone: its signature checked and its claims read.
  const secret = new Uint8Array(32).fill(7);
  const claims = { keyId: 'key_bench', staffRef: 'staff-1', origin: PORTAL, expiresAt: 2_000_000_000 };
  for (const [name, tokens] of [
    ['node:crypto (server)', sessionTokens(secret)],
    ['Web Crypto (mocks) ', new SessionTokens(webHmac(secret))],
  ]) {
    const token = await tokens.mint(claims);
    const count = 20_000;
    const started = performance.now();
    for (let i = 0; i < count; i += 1) if (!(await tokens.read(token))) throw new Error('not read');
    const each = (performance.now() - started) / count;
    console.log(`token checked with ${name}  ${(each * 1000).toFixed(1)} µs each`);
  }
} finally {
  await hub.close();
}
