// Abuse of a publishable key, measured (`npm run bench -- abuse`):
// (a) a genuine visitor's referrals while another client floods the same pk_ key at 20 requests
//     a second: with per-key limits only (as at c1262e6) and with the hub's limits now, each
//     against a baseline run with no abuser;
// (b) proof of work: an attacker's CPU per referral with and without it (Node), and a genuine
//     submission's extra wait in headless Chromium at the hub's default difficulty.
// Figures only: nothing here is asserted.
import { gzipSync } from 'node:zlib';
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { build } from 'esbuild';
import puppeteer from 'puppeteer-core';
import { solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { councillorDebtAndFood } from '../../packages/schema/src/fixtures/index.ts';
import { DEFAULT_RATE_LIMITS, uniformRateLimits } from '../../packages/server/src/http/rate-limit.ts';
import { DEFAULT_PROOF_MAX_NUMBER } from '../../packages/server/src/http/proof-of-work.ts';
import { solveProof } from '../../packages/sdk/src/core/proof.ts';

const PK = 'pk_test_AbuseBenchPublishable00001';
const SK = 'sk_test_AbuseBenchSecret00000000001';
const ORIGIN = 'https://vcs.example.org';

async function startHub(options) {
  const child = fork(
    new URL('./hub.mjs', import.meta.url),
    [JSON.stringify({ publishableKey: PK, secretKey: SK, ...options })],
    {
      execArgv: ['--conditions=source'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const { port } = await new Promise((resolve) => child.once('message', resolve));
  return {
    port,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.send('stop');
      }),
  };
}

function send(port, from, path, { method = 'POST', body, headers = {} } = {}) {
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
          Authorization: `Bearer ${PK}`,
          Origin: ORIGIN,
          ...(text ? { 'Content-Type': 'application/json' } : {}),
          ...headers,
        },
      },
      (response) => {
        let data = '';
        response.on('data', (chunk) => (data += chunk));
        response.on('end', () => resolve({ status: response.statusCode, body: data }));
      },
    );
    request.on('error', reject);
    request.end(text);
  });
}

const referral = (port, from, headers = {}) =>
  send(port, from, '/v1/referrals', {
    body: councillorDebtAndFood,
    headers: { 'Idempotency-Key': randomUUID(), ...headers },
  });

/** Eight genuine submissions over about four seconds, with or without a client flooding the key. */
async function scenario(rateLimits, abuse) {
  const hub = await startHub({ rateLimits });
  try {
    const abuser = [];
    const flood = abuse ? setInterval(() => abuser.push(referral(hub.port, '127.0.0.2')), 50) : undefined;
    const genuine = [];
    try {
      await sleep(500);
      for (let i = 0; i < 8; i += 1) {
        genuine.push((await referral(hub.port, '127.0.0.3')).status);
        await sleep(450);
      }
    } finally {
      clearInterval(flood);
    }
    const abused = (await Promise.all(abuser)).map((a) => a.status);
    return {
      genuine: `${genuine.filter((s) => s === 201).length}/8`,
      abuser: abuse
        ? `${abused.filter((s) => s === 201).length} made, ${abused.filter((s) => s === 429).length} refused (429) of ${abused.length}`
        : '-',
    };
  } finally {
    await hub.stop();
  }
}

console.log(
  '(a) a genuine visitor’s 8 referrals, another client sending 20 referrals a second with the same pk_ key',
);
const perKeyOnly = {
  ...uniformRateLimits({ perSecond: 1e9, burst: 1e9 }),
  perKey: { publishable: { perSecond: 5, burst: 20 }, secret: { perSecond: 50, burst: 100 } },
};
const rows = [];
for (const [name, limits] of [
  ['per key only (5/s, burst 20: c1262e6)', perKeyOnly],
  ['per client 2/s burst 30 + per key 50/s burst 200 (now)', DEFAULT_RATE_LIMITS],
]) {
  const baseline = await scenario(limits, false);
  const abused = await scenario(limits, true);
  rows.push([name, baseline.genuine, abused.genuine, abused.abuser]);
}
console.log(
  ['limits'.padEnd(58), 'no abuser'.padEnd(10), 'abuser'.padEnd(8), 'the abuser’s requests'].join(' '),
);
for (const [name, base, abused, abuser] of rows) {
  console.log([name.padEnd(58), base.padEnd(10), abused.padEnd(8), abuser].join(' '));
}

// (b) Proof of work.
console.log(`\n(b) proof of work at the default difficulty (maxNumber ${DEFAULT_PROOF_MAX_NUMBER})`);
const hub = await startHub({
  rateLimits: uniformRateLimits({ perSecond: 1e9, burst: 1e9 }),
  proofOfWork: { required: true },
});
const off = await startHub({ rateLimits: uniformRateLimits({ perSecond: 1e9, burst: 1e9 }) });
try {
  const challenge = async () =>
    JSON.parse((await send(hub.port, '127.0.0.1', '/v1/challenges', { method: 'GET' })).body);
  const cpu = () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  };

  // An attacker's cost of a referral without proof of work: the client's CPU to send one.
  const N = 200;
  await referral(off.port, '127.0.0.1');
  let started = cpu();
  for (let i = 0; i < N; i += 1) await referral(off.port, '127.0.0.1');
  const plain = (cpu() - started) / N;

  // With it: the CPU to solve one challenge, natively (what an attacker would use) and with the SDK's solver.
  const challenges = [];
  for (let i = 0; i < 40; i += 1) challenges.push(await challenge());
  started = cpu();
  for (const c of challenges.slice(0, 20)) await solveChallenge({ challenge: c, deriveKey });
  const nativeSolve = (cpu() - started) / 20;
  started = cpu();
  for (const c of challenges.slice(20)) await solveProof(c);
  const sdkSolve = (cpu() - started) / 20;
  // Check the solutions are good: one referral made with a solved challenge.
  const proved = await referral(hub.port, '127.0.0.1', {
    'Hubkit-Proof': await solveProof(await challenge()),
  });

  console.log(`client CPU per referral without proof of work        ${plain.toFixed(2)} ms`);
  console.log(
    `CPU per solved challenge, Node native SHA-256         ${nativeSolve.toFixed(1)} ms  (×${Math.round((nativeSolve + plain) / plain)} per referral)`,
  );
  console.log(
    `CPU per solved challenge, the SDK's solver            ${sdkSolve.toFixed(1)} ms  (×${Math.round((sdkSolve + plain) / plain)} per referral)`,
  );
  console.log(`a referral sent with a solution: ${proved.status}`);

  // A genuine submission in headless Chromium: the SDK's solver, bundled as the elements ship it.
  // Only the solver, as the SDK's dynamic import of it brings it in.
  const bundle = await build({
    stdin: {
      contents: "import { solveProof } from './proof.ts'; globalThis.hubkitProof = { solveProof };",
      resolveDir: new URL('../../packages/sdk/src/core/', import.meta.url).pathname,
      loader: 'js',
    },
    bundle: true,
    format: 'iife',
    minify: true,
    write: false,
    conditions: ['source'],
  });
  const browser = await puppeteer.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--no-first-run',
      '--disable-sync',
    ],
  });
  try {
    const page = await browser.newPage();
    // A page of the hub's own (http://127.0.0.1 is a secure context: Web Crypto is there).
    await page.goto(`http://127.0.0.1:${off.port}/healthz`);
    await page.addScriptTag({ content: bundle.outputFiles[0].text });
    const times = [];
    let longest = 0;
    for (let i = 0; i < 20; i += 1) {
      const c = await challenge();
      const { ms, gap } = await page.evaluate(async (c) => {
        // The longest the page went without a turn while solving: how responsive it stayed.
        let last = performance.now();
        let gap = 0;
        let on = true;
        const tick = () => {
          const now = performance.now();
          gap = Math.max(gap, now - last);
          last = now;
          if (on) setTimeout(tick, 0);
        };
        setTimeout(tick, 0);
        const t = performance.now();
        await globalThis.hubkitProof.solveProof(c);
        const ms = performance.now() - t;
        on = false;
        // A timer that never ran while solving counts as one long wait.
        gap = Math.max(gap, performance.now() - last);
        return { ms, gap };
      }, c);
      times.push(ms);
      longest = Math.max(longest, gap);
    }
    times.sort((a, b) => a - b);
    const mean = times.reduce((a, b) => a + b, 0) / times.length;
    // The round trips it adds: the refused write and the challenge.
    let rtt = 0;
    for (let i = 0; i < 10; i += 1) {
      const t = performance.now();
      await challenge();
      rtt += (performance.now() - t) / 10;
    }
    console.log(
      `Chromium: extra wait of a genuine submission (solve), 20 challenges: mean ${mean.toFixed(0)} ms, median ${times[10].toFixed(0)} ms, p95 ${times[18].toFixed(0)} ms, max ${times[19].toFixed(0)} ms`,
    );
    console.log(
      `  plus two round trips (the refused write, the challenge): ${(2 * rtt).toFixed(1)} ms on loopback; the longest a page timer waited while solving: ${longest.toFixed(0)} ms`,
    );
    const solver = bundle.outputFiles[0].text;
    console.log(
      `  the solver's size: ${(solver.length / 1024).toFixed(1)} KiB minified, ${(gzipSync(solver).length / 1024).toFixed(1)} KiB gzip (fetched only when a hub asks for proof)`,
    );
  } finally {
    await browser.close();
  }
} finally {
  await hub.stop();
  await off.stop();
}
