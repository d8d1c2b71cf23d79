/**
 * `npm run storybook` as a designer first sees it: the dev server (not the static build, which
 * stories.test.ts opens story by story). A story of each element opens with nothing in the console
 * (not "Lit is in dev mode", not "Multiple versions of Lit loaded", no error), and Storybook's
 * onboarding checklist box is not there.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import puppeteer, { type Browser, type ConsoleMessage } from 'puppeteer-core';

const root = join(import.meta.dirname, '..');

let server: ChildProcess | undefined;
let base = '';
let browser: Browser | undefined;
let log = '';

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  assert.ok(address && typeof address === 'object');
  return address.port;
}

interface IndexEntry {
  type: 'story' | 'docs';
  id: string;
  title: string;
}

before(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  // Its own process group: scripts/storybook.mjs runs the Storybook CLI as a child, and both go.
  const child = spawn(
    process.execPath,
    [
      join(root, 'scripts', 'storybook.mjs'),
      'dev',
      '-p',
      String(port),
      '--host',
      '127.0.0.1',
      '--ci',
      '--no-open',
    ],
    { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } },
  );
  server = child;
  child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const deadline = Date.now() + 240_000;
  for (;;) {
    const ready = await fetch(`${base}/index.json`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`storybook dev did not start: ${log.slice(-2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  browser = await puppeteer.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
  });
});

after(async () => {
  await browser?.close();
  const child = server;
  if (child?.pid !== undefined && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-child.pid, 'SIGTERM');
    await exited;
  }
});

/** What the page said in its console: warnings and errors (not Chromium's own favicon request). */
function listen(messages: string[]) {
  return (message: ConsoleMessage) => {
    const where = message.location().url ?? '';
    if (where.endsWith('/favicon.ico')) return;
    if (message.type() === 'warn' || message.type() === 'error')
      messages.push(`console.${message.type()}: ${message.text()}${where ? ` (${where})` : ''}`);
  };
}

describe('npm run storybook: the dev server', { timeout: 10 * 60_000 }, () => {
  it('opens a story of each element with nothing in the console: no Lit warnings, no errors', async () => {
    const index = (await (await fetch(`${base}/index.json`)).json()) as {
      entries: Record<string, IndexEntry>;
    };
    const firstOfEach = new Map<string, IndexEntry>();
    for (const entry of Object.values(index.entries))
      if (entry.type === 'story' && !firstOfEach.has(entry.title)) firstOfEach.set(entry.title, entry);
    assert.ok(firstOfEach.size >= 4, [...firstOfEach.keys()].join(', '));
    for (const story of firstOfEach.values()) {
      assert.ok(browser);
      const page = await browser.newPage();
      const messages: string[] = [];
      page.on('console', listen(messages));
      page.on('pageerror', (error) => messages.push(`page error: ${String(error)}`));
      try {
        // The first story waits for Vite to prebundle the dependencies.
        await page.goto(`${base}/iframe.html?id=${encodeURIComponent(story.id)}&viewMode=story`, {
          waitUntil: 'networkidle0',
          timeout: 180_000,
        });
        await page.waitForFunction(
          () =>
            [...(document.querySelector('#storybook-root')?.querySelectorAll('*') ?? [])].some(
              (el) => el.localName.startsWith('hub-') && (el.shadowRoot?.textContent ?? '').trim() !== '',
            ),
          { timeout: 60_000 },
        );
        assert.deepEqual(messages, [], `${story.title}: ${story.id}`);
      } finally {
        await page.close();
      }
    }
  });

  it('shows no onboarding checklist: not in the sidebar, not in the menu', async () => {
    assert.ok(browser);
    const page = await browser.newPage();
    try {
      await page.goto(`${base}/`, { waitUntil: 'domcontentloaded', timeout: 180_000 });
      // The sidebar has the stories: the manager has loaded what decides on the checklist.
      await page.waitForSelector('#storybook-explorer-tree', { timeout: 60_000 });
      // The features the manager was given: these two decide on the checklist box and menu entry.
      const features = JSON.parse(
        await page.evaluate(() =>
          JSON.stringify((window as unknown as { FEATURES?: unknown }).FEATURES ?? {}),
        ),
      ) as Record<string, boolean | undefined>;
      assert.equal(features.sidebarOnboardingChecklist, false, 'the sidebar checklist is off');
      assert.equal(features.menuOnboardingChecklist, false, 'the menu’s onboarding guide is off');
      // The box, were it on, appears once its state has loaded (a second or two).
      await new Promise((resolve) => setTimeout(resolve, 5000));
      assert.equal(await page.$('#storybook-checklist-widget'), null, 'no checklist box in the sidebar');
    } finally {
      await page.close();
    }
  });
});
