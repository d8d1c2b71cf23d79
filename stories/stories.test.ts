/**
 * Every story, built as `npm run build-storybook` builds it, opened in headless Chromium: it
 * fails on a story that renders nothing, logs an error, throws in its play function, or has an
 * axe violation (WCAG 2.2 AA). A green Storybook build alone proves none of that.
 *
 * Stories tagged `forced-colors` are opened with `forced-colors: active` emulated through the
 * DevTools Protocol (`Emulation.setEmulatedMedia`), and every text in their elements must keep
 * 4.5:1 against what the system paints behind it; those tagged `narrow` in a 320 px wide viewport.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { after, before, describe, it } from 'node:test';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

const root = join(import.meta.dirname, '..');
const out = join(root, '.tmp', 'storybook-static');
const axeSource = readFileSync(join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

interface IndexEntry {
  type: 'story' | 'docs';
  id: string;
  title: string;
  name: string;
  tags?: string[];
}

/** What the preview said about the story: Storybook's channel events, recorded in the page. */
interface Outcome {
  finished: boolean;
  status: 'success' | 'error' | undefined;
  failures: string[];
}

// Build first: the stories to test are those in the built index.
const started = performance.now();
const build = spawnSync(
  process.execPath,
  [join(root, 'scripts', 'storybook.mjs'), 'build', '--output-dir', out, '--quiet'],
  { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 },
);
const buildSeconds = (performance.now() - started) / 1000;
if (build.status !== 0) {
  console.error(build.stdout, build.stderr);
  throw new Error(`storybook build failed (exit ${build.status ?? 'signal'})`);
}
const index = JSON.parse(readFileSync(join(out, 'index.json'), 'utf8')) as {
  entries: Record<string, IndexEntry>;
};
const stories = Object.values(index.entries).filter((e) => e.type === 'story');
console.log(`Storybook built in ${buildSeconds.toFixed(1)} s: ${stories.length} stories`);

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};

let server: Server;
let base: string;
let browser: Browser;

before(async () => {
  // The built Storybook, on a loopback port.
  server = createServer((request, response) => {
    if (request.url === '/favicon.ico') {
      // Chromium asks for it on its own; Storybook's icon is favicon.svg.
      response.writeHead(204).end();
      return;
    }
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
    const file = join(out, path.endsWith('/') ? `${path}index.html` : path);
    if (!file.startsWith(out)) {
      response.writeHead(403).end();
      return;
    }
    try {
      const body = readFileSync(file);
      response.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  assert.ok(address && typeof address === 'object');
  base = `http://127.0.0.1:${address.port}`;
  browser = await puppeteer.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
  });
});

after(async () => {
  await browser.close();
  await new Promise((resolve) => server.close(resolve));
});

/** Before the preview's scripts: record the channel's render events as Storybook emits them. */
function recordOutcome(): void {
  const outcome: Outcome = { finished: false, status: undefined, failures: [] };
  (window as unknown as { __outcome: Outcome }).__outcome = outcome;
  const failWith = (what: string) => (payload: unknown) => {
    const message =
      payload && typeof payload === 'object' && 'message' in payload
        ? // Testing-library appends the whole page to its messages: the first lines say what failed.
          String(payload.message).split('\n').slice(0, 3).join('\n')
        : JSON.stringify(payload);
    outcome.failures.push(`${what}: ${message}`);
  };
  let channel: unknown;
  Object.defineProperty(globalThis, '__STORYBOOK_ADDONS_CHANNEL__', {
    configurable: true,
    get: () => channel,
    set(next: { on(event: string, listener: (payload: any) => void): void }) {
      channel = next;
      next.on('storyFinished', (payload: { status: 'success' | 'error' }) => {
        outcome.status = payload.status;
        outcome.finished = true;
      });
      next.on('playFunctionThrewException', failWith('the play function threw'));
      next.on('storyThrewException', failWith('the story threw'));
      next.on('storyErrored', failWith('the story errored'));
      next.on('unhandledErrorsWhilePlaying', failWith('unhandled errors while playing'));
      next.on('storyMissing', failWith('the story is missing'));
    },
  });
}

async function openStory(page: Page, story: IndexEntry): Promise<{ outcome: Outcome; errors: string[] }> {
  const tags = story.tags ?? [];
  const errors: string[] = [];
  page.on('console', (message) => {
    // lit's warnings too: a second copy of lit, or its development build, in the bundle.
    if (message.type() === 'error' || (message.type() === 'warn' && /\bLit\b/.test(message.text()))) {
      const where = message.location().url;
      errors.push(`console.${message.type()}: ${message.text()}${where ? ` (${where})` : ''}`);
    }
  });
  page.on('pageerror', (error) => errors.push(`page error: ${String(error)}`));
  await page.setViewport({ width: tags.includes('narrow') ? 320 : 1024, height: 800 });
  await page.emulateMediaFeatures([
    { name: 'forced-colors', value: tags.includes('forced-colors') ? 'active' : 'none' },
  ]);
  await page.evaluateOnNewDocument(recordOutcome);
  await page.goto(`${base}/iframe.html?id=${encodeURIComponent(story.id)}&viewMode=story`);
  await page.waitForFunction(
    () => {
      const o = (window as unknown as { __outcome: Outcome }).__outcome;
      return o.finished || o.failures.length > 0;
    },
    { timeout: 60_000 },
  );
  const outcome = await page.evaluate(() => (window as unknown as { __outcome: Outcome }).__outcome);
  return { outcome, errors };
}

/**
 * The hubkit elements in the story root, and whether each drew something. One slotted inside
 * another (a consent element inside a referral form) shows only on its step: its host's business.
 */
function rendered(): { tag: string; shadowText: number; width: number; height: number }[] {
  const storyRoot = document.querySelector('#storybook-root');
  const isElement = (el: Element | null | undefined) =>
    el?.localName.startsWith('hub-') === true && el.localName !== 'hub-provider';
  return [...(storyRoot?.querySelectorAll('*') ?? [])]
    .filter((el) => isElement(el) && !(el.hasAttribute('slot') && isElement(el.parentElement)))
    .map((el) => {
      const box = el.getBoundingClientRect();
      return {
        tag: el.tagName.toLowerCase(),
        shadowText: (el.shadowRoot?.textContent ?? '').trim().length,
        width: box.width,
        height: box.height,
      };
    });
}

/**
 * Under forced colours, every text in the hubkit elements that a person can read, with its
 * contrast where it is below 4.5:1. Chromium, like Windows, paints a `Canvas` backplate right
 * behind text whose `forced-color-adjust` is `auto`: that is what the letters sit on (a
 * ButtonFace label on it vanished, which axe, reading computed colours, did not see).
 */
function forcedColourFailures(): string[] {
  if (!matchMedia('(forced-colors: active)').matches) return ['forced colours are not on'];
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 1;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) return ['no 2D canvas'];
  const rgba = (color: string) => {
    context.clearRect(0, 0, 1, 1);
    context.fillStyle = color;
    context.fillRect(0, 0, 1, 1);
    return [...context.getImageData(0, 0, 1, 1).data];
  };
  const luminance = (color: string) => {
    const [r = 0, g = 0, b = 0] = rgba(color);
    const c = (v: number) => (v / 255 <= 0.04045 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4);
    return 0.2126 * c(r) + 0.7152 * c(g) + 0.0722 * c(b);
  };
  const behind = (el: Element): string => {
    let node: Element | null = el;
    while (node) {
      const background = getComputedStyle(node).backgroundColor;
      if ((rgba(background)[3] ?? 0) > 128) return background;
      const root = node.getRootNode();
      node = node.parentElement ?? (root instanceof ShadowRoot ? root.host : null);
    }
    return 'Canvas';
  };
  const failures: string[] = [];
  const visit = (root: ParentNode) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot) visit(el.shadowRoot);
      const text = [...el.childNodes]
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent ?? '')
        .join('')
        .trim();
      if (!text || el.getClientRects().length === 0 || el.closest('.visually-hidden')) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden') continue;
      const back = style.forcedColorAdjust === 'auto' ? 'Canvas' : behind(el);
      const [a, b] = [luminance(style.color), luminance(back)];
      const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      if (ratio < 4.5)
        failures.push(`"${text.slice(0, 40)}" ${ratio.toFixed(2)}:1 (${style.color} on ${back})`);
    }
  };
  for (const host of document.querySelectorAll('#storybook-root *')) {
    if (host.localName.startsWith('hub-') && host.shadowRoot) visit(host.shadowRoot);
  }
  return [...new Set(failures)];
}

async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: any }).axe;
    const result = await axe.run('#storybook-root', { runOnly: { type: 'tag', values: tags } });
    return result.violations.map(
      (v: any) =>
        `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n: any) => n.target.join(' ')).join('\n    ')}`,
    );
  }, WCAG);
}

let clean = 0;

// Longer than node's --test-timeout: one suite opens every story in turn (about 2 s each).
describe(`Storybook: every story renders clean (${stories.length} stories)`, { timeout: 15 * 60_000 }, () => {
  after(() => {
    console.log(
      `${clean} of ${stories.length} stories render clean (Storybook built in ${buildSeconds.toFixed(1)} s)`,
    );
  });

  it('has stories for every element', () => {
    const titles = new Set(stories.map((s) => s.title));
    for (const title of [
      'Elements/Referral form',
      'Elements/Consent capture',
      'Elements/Service finder',
      'Elements/Provider',
      'Elements/Referral tracker',
    ]) {
      assert.ok(titles.has(title), `no stories titled ${title}`);
    }
  });

  it('tags every forced-colours and narrow story, so they really open in forced colours and 320 px', () => {
    // Tags only spread into a story never reach the index, and the test would open it as any other.
    for (const story of stories) {
      if (/forced-colou?rs/u.test(story.id)) assert.ok(story.tags?.includes('forced-colors'), story.id);
      if (story.id.includes('narrow')) assert.ok(story.tags?.includes('narrow'), story.id);
    }
    assert.ok(stories.filter((s) => s.tags?.includes('forced-colors')).length >= 3);
  });

  for (const story of stories) {
    it(`${story.title} › ${story.name}`, { timeout: 120_000 }, async () => {
      const page = await browser.newPage();
      try {
        const { outcome, errors } = await openStory(page, story);
        assert.deepEqual(outcome.failures, [], 'Storybook reported a failure');
        const elements = await page.evaluate(rendered);
        assert.ok(elements.length > 0, 'the story root has no hubkit element');
        for (const el of elements) {
          assert.ok(el.shadowText > 0, `<${el.tag}> rendered no text`);
          assert.ok(el.width > 0 && el.height > 0, `<${el.tag}> has no visible box`);
        }
        assert.deepEqual(await axeViolations(page), [], 'axe found violations');
        if (story.tags?.includes('forced-colors')) {
          assert.deepEqual(await page.evaluate(forcedColourFailures), [], 'unreadable under forced colours');
        }
        assert.deepEqual(errors, [], 'the page logged errors');
        // The accessibility addon's own axe run (and any other report) counts too.
        assert.equal(outcome.status, 'success', 'Storybook finished the story with an error');
        clean += 1;
      } finally {
        await page.close();
      }
    });
  }
});
