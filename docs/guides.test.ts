/**
 * The code in the guides runs, for real. Every fenced block in docs/guides/*.md says what it
 * is in its info string:
 *
 *   ```ts test            an SDK snippet, run with Node against an in-process reference hub
 *   ```ts test-receiver   a webhook receiver: started, sent real deliveries by the hub, and a forged one
 *   ```sh test            shell commands, run with bash against the built `hubkit-server` bin
 *   ```sh test-serve      a command that starts the hub: run (on a free port, with a scratch
 *                         database), asked /healthz, stopped with SIGTERM
 *   ```html test-embed    an embed snippet: its CDN file and integrity hash must be the build's,
 *                         and it must work in Chromium under the guide's policy (```text test-csp)
 *   ```<lang> illustrative: <why>   not run, and the reason says why
 *
 * A block with neither fails the first test, so nothing untested slips in unmarked.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { makeKey, silentLogger, startHub, type RunningHub } from '@hubkit/server';
import { Hubkit, webhooks } from '@hubkit/sdk';
import puppeteer from 'puppeteer-core';
import { readSri, root } from './reference.ts';

interface Block {
  guide: string;
  line: number;
  lang: string;
  marker: string;
  code: string;
}

const guidesDir = join(root, 'docs', 'guides');
const guides = readdirSync(guidesDir).filter((f) => f.endsWith('.md'));

function blocksOf(guide: string): Block[] {
  const text = readFileSync(join(guidesDir, guide), 'utf8');
  const blocks: Block[] = [];
  for (const found of text.matchAll(/^```(\S*)[ \t]*([^\n]*)\n([\s\S]*?)^```[ \t]*$/gm)) {
    const line = text.slice(0, found.index).split('\n').length;
    blocks.push({ guide, line, lang: found[1] ?? '', marker: (found[2] ?? '').trim(), code: found[3] ?? '' });
  }
  return blocks;
}
const blocks = guides.flatMap(blocksOf);
const where = (b: Block) => `docs/guides/${b.guide}:${b.line}`;
const marked = (marker: string) => blocks.filter((b) => b.marker === marker);

const KEYS = {
  publishable: 'pk_demo_GuidesTestPublishable0001',
  secret: 'sk_demo_GuidesTestSecretKey000000001',
  /** A referring partner's key, minting staff tokens for its portal (staff-tokens.md). */
  partner: 'sk_demo_GuidesTestPartnerKey00000001',
  /** A hub key, minting report tokens for its intranet dashboard (staff-tokens.md). */
  dashboard: 'sk_demo_GuidesTestDashboardKey000001',
};
const scratch = mkdtempSync(join(tmpdir(), 'hubkit-guides-'));
// Snippets import @hubkit/* as a partner would: from a directory that sees the workspace's node_modules.
const snippetDir = join(root, '.tmp', 'docs-snippets');

/** A local server that answers with `handler`; its origin. */
async function serve(
  handler: Parameters<typeof createServer>[1],
): Promise<{ server: Server; origin: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://localhost:${(server.address() as AddressInfo).port}` };
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => {
        resolve(port);
      });
    });
  });
}

/** Runs a snippet without blocking this process: the hub it calls runs here. */
async function runNode(file: string, env: Record<string, string>) {
  const child = spawn(process.execPath, ['--conditions=source', file], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const status = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { status, stdout, stderr };
}

describe('the guides', () => {
  it('have code, and every block is tested or says why it is illustrative', () => {
    assert.ok(marked('test').length >= 3, 'the SDK guide’s snippets are found');
    const known = new Set(['test', 'test-serve', 'test-receiver', 'test-embed', 'test-csp']);
    const unmarked = blocks.filter((b) => !known.has(b.marker) && !/^illustrative: \S/.test(b.marker));
    assert.deepEqual(unmarked.map(where), [], 'mark each block `test…` or `illustrative: <reason>`');
  });
});

describe('SDK snippets against a reference hub', () => {
  let hub: RunningHub;
  const env = () => ({
    HUBKIT_URL: hub.url,
    HUBKIT_SECRET_KEY: KEYS.secret,
    HUBKIT_PARTNER_KEY: KEYS.partner,
    HUBKIT_DASHBOARD_KEY: KEYS.dashboard,
  });
  before(async () => {
    hub = await startHub({
      port: 0,
      db: ':memory:',
      demo: true,
      publishableKey: KEYS.publishable,
      secretKey: KEYS.secret,
      logger: silentLogger,
      webhooks: { allowPrivateNetworks: true, intervalMs: 50 },
    });
    const partner = makeKey({
      kind: 'secret',
      role: 'referrer',
      name: 'Guide portal',
      allowedOrigins: ['https://portal.example.org'],
      value: KEYS.partner,
      now: hub.hub.now(),
    });
    await hub.hub.store.insertKey(partner.record);
    const dashboard = makeKey({
      kind: 'secret',
      role: 'hub',
      name: 'Guide dashboard',
      allowedOrigins: ['https://intranet.example.gov.uk'],
      value: KEYS.dashboard,
      now: hub.hub.now(),
    });
    await hub.hub.store.insertKey(dashboard.record);
    mkdirSync(snippetDir, { recursive: true });
  });
  after(async () => {
    await hub.close();
    rmSync(snippetDir, { recursive: true, force: true });
  });

  it('type-check as a partner’s TypeScript would (strict, against the built declarations)', () => {
    const snippets = blocks.filter((b) => b.lang === 'ts' && b.marker.startsWith('test'));
    const dir = join(snippetDir, 'typecheck');
    mkdirSync(dir, { recursive: true });
    snippets.forEach((block, n) => {
      writeFileSync(join(dir, `snippet-${n}.ts`), block.code);
    });
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        extends: '../../../tsconfig.json',
        // The packages' published declarations (dist/*.d.ts, as npm gives them), not their sources.
        compilerOptions: { noEmit: true, types: ['node'], customConditions: [], tsBuildInfoFile: null },
        include: ['*.ts'],
      }),
    );
    const tsc = spawnSync(
      process.execPath,
      [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir],
      {
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    // Errors point at the guide's own lines.
    const named = tsc.stdout.replace(
      /\S*snippet-(\d+)\.ts\((\d+),(\d+)\)/g,
      (_, n: string, l: string, c: string) => {
        const block = snippets[Number(n)];
        return block ? `docs/guides/${block.guide}:${block.line + Number(l)}:${c}` : _;
      },
    );
    assert.equal(tsc.status, 0, named);
  });

  // In document order: a later snippet may follow a referral an earlier one made.
  marked('test')
    .filter((b) => b.lang === 'ts')
    .forEach((block, n) => {
      it(`${where(block)} runs`, async () => {
        const file = join(snippetDir, `${block.guide.replace(/\W/g, '-')}-${n}.ts`);
        writeFileSync(file, block.code);
        const run = await runNode(file, env());
        assert.equal(run.status, 0, `${where(block)} failed:\n${run.stderr}`);
        assert.notEqual(run.stdout.trim(), '', 'it printed what it says it prints');
      });
    });

  for (const block of marked('test-receiver')) {
    it(`${where(block)} accepts the hub's signed deliveries and refuses a forged one`, async () => {
      const file = join(snippetDir, `${block.guide.replace(/\W/g, '-')}-receiver.ts`);
      writeFileSync(file, block.code);
      const port = await freePort();
      const client = new Hubkit({ apiKey: KEYS.secret, baseUrl: hub.url });
      const endpoint = await client.webhookEndpoints.create({
        url: `http://127.0.0.1:${port}/`,
        events: ['referral.status_changed'],
      });
      let out = '';
      const child: ChildProcess = spawn(process.execPath, ['--conditions=source', file], {
        env: { ...process.env, PORT: String(port), HUBKIT_WEBHOOK_SECRET: endpoint.secret },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
      try {
        // Listening once it answers (a forged delivery: no signature).
        let forged: Response | undefined;
        for (let i = 0; i < 200 && !forged; i++) {
          forged = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: '{}' }).catch(
            () => new Promise<undefined>((resolve) => setTimeout(resolve, 100)),
          );
        }
        assert.equal(forged?.status, 400, 'an unsigned delivery is refused');
        const wrong = await fetch(`http://127.0.0.1:${port}/`, {
          method: 'POST',
          body: '{}',
          headers: { 'Hubkit-Signature': await webhooks.sign('{}', 'whsec_NotTheEndpointSecret0000000000') },
        });
        assert.equal(wrong.status, 400, 'a delivery signed with another secret is refused');

        const { councillorDebtAndFood } = await import('@hubkit/schema/fixtures');
        const referral = await client.referrals.create(councillorDebtAndFood);
        await client.referrals.transition(referral.id, { to: 'triage' });
        const expected = `${referral.reference} submitted → triage`;
        for (let i = 0; i < 600 && !out.includes(expected); i++) await new Promise((r) => setTimeout(r, 100));
        assert.ok(out.includes(expected), `the receiver printed "${expected}"; it printed: ${out}`);
        const page = await client.webhookEndpoints.deliveries(endpoint.id);
        assert.ok(
          page.data.some((d) => d.status === 'succeeded'),
          'the hub saw a 2xx',
        );
      } finally {
        child.kill();
      }
    });
  }
});

describe('shell commands against the built hubkit-server', () => {
  const bin = join(root, 'packages', 'server', 'bin', 'hubkit-server.js');
  const path = join(scratch, 'bin');
  before(() => {
    // `hubkit-server` on the PATH, as `npm install @hubkit/server` gives it in node_modules/.bin.
    mkdirSync(path, { recursive: true });
    writeFileSync(join(path, 'hubkit-server'), `#!/bin/sh\nexec "${process.execPath}" "${bin}" "$@"\n`);
    chmodSync(join(path, 'hubkit-server'), 0o755);
  });

  it('the bin is built (npm run build)', () => {
    assert.ok(existsSync(join(root, 'packages', 'server', 'dist', 'cli.js')), 'run npm run build first');
  });

  for (const block of marked('test-serve')) {
    it(`${where(block)} starts a hub that answers /healthz, and SIGTERM stops it`, async () => {
      const port = await freePort();
      // The guide's port and database path, swapped for a free port and a scratch file.
      const command = block.code
        .replace(/\bPORT=\d+/, `PORT=${port}`)
        .replace(/\/var\/lib\/hubkit\/hub\.db/g, join(mkdtempSync(join(scratch, 'serve-')), 'hub.db'));
      assert.notEqual(command, block.code, 'the command sets PORT and HUBKIT_DB');
      const child = spawn('bash', ['-c', command.trim()], {
        env: { ...process.env, PATH: `${path}:${process.env.PATH ?? ''}` },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let err = '';
      child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      try {
        let health: Response | undefined;
        for (let i = 0; i < 300 && !health; i++) {
          health = await fetch(`http://127.0.0.1:${port}/healthz`).catch(
            () => new Promise<undefined>((resolve) => setTimeout(resolve, 100)),
          );
        }
        assert.equal(health?.status, 200, err);
        assert.match(err, /hubkit hub running at https:\/\/hub\.example\.org/, 'it says its public address');
      } finally {
        child.kill('SIGTERM');
      }
      assert.equal(await exited, 0, 'SIGTERM stops it cleanly');
    });
  }

  for (const block of marked('test').filter((b) => b.lang === 'sh')) {
    it(`${where(block)} runs`, () => {
      const cwd = mkdtempSync(join(scratch, 'sh-'));
      const run = spawnSync('bash', ['-euo', 'pipefail', '-c', block.code], {
        cwd,
        encoding: 'utf8',
        env: { ...process.env, PATH: `${path}:${process.env.PATH ?? ''}`, HUBKIT_DB: join(cwd, 'hub.db') },
        timeout: 60_000,
      });
      assert.equal(run.status, 0, `${where(block)} failed:\n${run.stdout}\n${run.stderr}`);
    });
  }
});

describe('the embed snippets', () => {
  const cdn = join(root, 'packages', 'elements', 'dist', 'cdn');
  const csp = marked('test-csp')[0]
    ?.code.trim()
    .replace(/^Content-Security-Policy:\s*/, '');

  it('name a built CDN file with its integrity hash, and the guide gives a policy', () => {
    assert.ok(csp, 'a ```text test-csp block gives the Content-Security-Policy');
    const sri = readSri();
    assert.ok(marked('test-embed').length > 0);
    for (const block of marked('test-embed')) {
      const found = /src="https:\/\/cdn\.example\/([^"]+)"\s+integrity="([^"]+)"/.exec(block.code);
      assert.ok(found?.[1], `${where(block)} loads a CDN file with an integrity hash`);
      assert.ok(existsSync(join(cdn, found[1])), `${found[1]} is a built CDN file`);
      assert.equal(
        found[2],
        sri[found[1]],
        `${where(block)}: the integrity hash of ${found[1]} (npm run docs:reference)`,
      );
    }
  });

  describe('in Chromium, under the guide’s policy', () => {
    let hub: RunningHub;
    let cdnServer: Server;
    let pageServer: Server;
    let origins: { cdn: string; page: string };
    let browser: Awaited<ReturnType<typeof puppeteer.launch>>;
    let html = '';
    before(async () => {
      const cdnServed = await serve((request, response) => {
        const name = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname.slice(1));
        if (!/^[\w.-]+\.js$/.test(name) || !existsSync(join(cdn, name))) {
          response.writeHead(404).end();
          return;
        }
        response.writeHead(200, { 'Content-Type': 'text/javascript', 'Access-Control-Allow-Origin': '*' });
        response.end(readFileSync(join(cdn, name)));
      });
      const pageServed = await serve((request, response) => {
        if (extname(new URL(request.url ?? '/', 'http://x').pathname) === '.ico') {
          response.writeHead(204).end();
          return;
        }
        response.writeHead(200, {
          'Content-Type': 'text/html; charset=utf-8',
          'Content-Security-Policy': policy(),
        });
        response.end(html);
      });
      cdnServer = cdnServed.server;
      pageServer = pageServed.server;
      origins = { cdn: cdnServed.origin, page: pageServed.origin };
      hub = await startHub({
        port: 0,
        db: ':memory:',
        demo: true,
        publishableKey: KEYS.publishable,
        secretKey: KEYS.secret,
        allowedOrigins: [origins.page],
        logger: silentLogger,
      });
      browser = await puppeteer.launch({
        executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
      });
    });
    after(async () => {
      await browser.close();
      await hub.close();
      cdnServer.close();
      pageServer.close();
    });
    // The guide's example addresses, swapped for the local servers.
    const local = (text: string) =>
      text
        .replaceAll('https://cdn.example', origins.cdn)
        .replaceAll('https://hub.example.org', hub.url.replace('127.0.0.1', 'localhost'))
        .replaceAll('pk_…', KEYS.publishable);
    const policy = () => local(csp ?? '');

    for (const block of marked('test-embed')) {
      it(`${where(block)} shows the referral form, with no policy violation or error`, async () => {
        html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Embed</title></head><body>${local(block.code)}</body></html>`;
        const page = await browser.newPage();
        const problems: string[] = [];
        page.on('pageerror', (e) => problems.push(String(e)));
        page.on('console', (m) => {
          if (m.type() === 'error') problems.push(m.text());
        });
        await page.evaluateOnNewDocument(() => {
          document.addEventListener('securitypolicyviolation', (e) => {
            console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
          });
        });
        await page.goto(`${origins.page}/`, { waitUntil: 'networkidle0' });
        await page.waitForFunction(
          () => document.querySelector('hub-referral-form')?.shadowRoot?.querySelector('h1, h2, legend'),
          { timeout: 20_000 },
        );
        const heading = await page.evaluate(
          () =>
            document.querySelector('hub-referral-form')?.shadowRoot?.querySelector('h1, h2, legend')
              ?.textContent,
        );
        assert.ok(heading?.trim(), 'the form shows its first step');
        if (block.code.includes('hub-service-finder')) {
          // A search goes to the hub, across origins, with the publishable key: the policy's
          // connect-src, the hub's CORS and the key's origin all have to be right.
          await page.waitForFunction(
            () => document.querySelector('hub-service-finder')?.shadowRoot?.querySelector('form'),
            { timeout: 20_000 },
          );
          await page.evaluate(() => {
            const root = document.querySelector('hub-service-finder')?.shadowRoot;
            const words = root?.querySelector<HTMLInputElement>('#q');
            if (!root || !words) throw new Error('no search box in the service finder');
            words.value = 'food';
            words.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
            root.querySelector('form')?.requestSubmit();
          });
          await page.waitForFunction(
            () =>
              document
                .querySelector('hub-service-finder')
                ?.shadowRoot?.querySelector('[part="choose-button"]'),
            { timeout: 20_000 },
          );
        }
        assert.deepEqual(problems, []);
        await page.close();
      });
    }
  });
});

after(() => {
  rmSync(scratch, { recursive: true, force: true });
});
