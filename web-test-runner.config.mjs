// Browser tests in two engines: headless Chromium (Debian's /usr/bin/chromium, or CHROME_PATH)
// and headless Firefox (Debian's /usr/bin/firefox-esr, or FIREFOX_PATH), both driven by
// puppeteer-core (Firefox over WebDriver BiDi). Every test file of @hubkit/elements, and
// `*.browser.test.ts` files of the other packages, run in both; a file named `*.chromium.test.ts`
// needs the Chrome DevTools Protocol (CDP-only emulation) and runs in Chromium alone (the
// `chromium-only` group). HUBKIT_BROWSERS=chromium (or firefox) runs one engine.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { chromeLauncher, puppeteerCore } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { countsReporter } from './scripts/reporters/wtr-counts.mjs';
import { browserTestFiles, chromiumOnly } from './scripts/test-files.mjs';
import { emulateMediaFeaturesPlugin } from './scripts/wtr-emulate-media.mjs';

const countsFile = process.env.HUBKIT_WTR_COUNTS;
const engines = (process.env.HUBKIT_BROWSERS ?? 'chromium,firefox').split(',').map((e) => e.trim());

// Test pages that must run under a strict policy: no eval, no inline script, Trusted Types.
const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'none'; require-trusted-types-for 'script'";

// The elements' CDN build (npm run build), for the pages that load them as a partner does:
// /cdn/<file> as built, and /cdn-tampered/<static|dynamic>/<file> with one chunk's bytes changed
// (one the finder imports statically, or the Open Referral UK reader it imports later), to show
// the loader refuses it. A tampered chunk that ran would count itself in globalThis.__hubkitTampered.
const cdn = join(import.meta.dirname, 'packages', 'elements', 'dist', 'cdn');
const TAMPER = ';globalThis.__hubkitTampered=(globalThis.__hubkitTampered??0)+1;';
function cdnBuild() {
  if (!existsSync(join(cdn, 'chunks.json'))) throw new Error('no CDN build: run npm run build first');
  const { loader, elements, chunks } = JSON.parse(readFileSync(join(cdn, 'chunks.json'), 'utf8'));
  const files = Object.keys(chunks);
  const finder = files[elements['hub-service-finder']];
  return {
    loader,
    tampered: {
      static: chunks[finder].imports[0],
      dynamic: files.find((file) => file.startsWith('directory-reader.')),
    },
  };
}
const sri = (file) =>
  `sha384-${createHash('sha384')
    .update(readFileSync(join(cdn, file)))
    .digest('base64')}`;

// Passing puppeteer-core itself (as @web/test-runner-puppeteer's launcher does with full
// puppeteer, which would download browsers) names each launcher after its engine in reports:
// "Chromium", "Firefox".
const chromium = chromeLauncher({
  puppeteer: puppeteerCore,
  launchOptions: {
    browser: 'chrome',
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  },
});
const firefox = chromeLauncher({
  puppeteer: puppeteerCore,
  launchOptions: {
    browser: 'firefox',
    executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
    headless: true,
  },
});
const launchers = { chromium, firefox };
for (const engine of engines)
  if (!(engine in launchers)) throw new Error(`HUBKIT_BROWSERS: no engine "${engine}" (chromium, firefox)`);
const browsers = engines.map((engine) => launchers[engine]);

const files = browserTestFiles();
const chromiumOnlyFiles = files.filter(chromiumOnly);

export default {
  rootDir: import.meta.dirname,
  middleware: [
    async (context, next) => {
      const served = /^\/cdn(?:-tampered\/(static|dynamic))?\/([\w.-]+\.js)$/.exec(context.path);
      if (served) {
        const [, tamper, file] = served;
        if (!existsSync(join(cdn, file))) return next();
        let code = readFileSync(join(cdn, file), 'utf8');
        if (tamper && file === cdnBuild().tampered[tamper]) code += TAMPER;
        context.type = 'text/javascript';
        context.body = code;
        return;
      }
      // Test pages that load the CDN build: {{loader}} is its file name, {{integrity}} its hash.
      if (/\/testing\/[\w-]+\.html$/.test(context.path)) {
        const page = join(import.meta.dirname, context.path);
        if (existsSync(page) && readFileSync(page, 'utf8').includes('{{loader}}')) {
          const { loader } = cdnBuild();
          context.type = 'text/html';
          context.body = readFileSync(page, 'utf8')
            .replaceAll('{{loader}}', loader)
            .replaceAll('{{integrity}}', sri(loader));
          context.set('Content-Security-Policy', STRICT_CSP);
          return;
        }
      }
      return next();
    },
    async (context, next) => {
      await next();
      if (context.path.includes('/testing/') && context.path.endsWith('.html')) {
        context.set('Content-Security-Policy', STRICT_CSP);
      }
    },
  ],
  files: files.filter((f) => !chromiumOnly(f)),
  browsers,
  // A group with no files is an error to wtr: the group exists while such a file does.
  groups:
    chromiumOnlyFiles.length > 0 && engines.includes('chromium')
      ? [{ name: 'chromium-only', files: chromiumOnlyFiles, browsers: [chromium] }]
      : [],
  nodeResolve: { exportConditions: ['source', 'browser', 'development'] },
  plugins: [
    // esbuild reads this file as raw text (no `extends`), so it carries the decorator options.
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.esbuild.json' }),
    emulateMediaFeaturesPlugin(),
  ],
  // One page at a time in each browser: the elements' tests move focus and wait for animation
  // frames, which a page in the background does not get. (The two engines run side by side.)
  concurrency: 1,
  // Firefox takes a few seconds to start, more on a busy machine.
  browserStartTimeout: 60000,
  // A hang detector, not a speed check: the two engines share the machine, and a test that runs axe
  // on every step takes over 10 s on a busy one.
  testFramework: { config: { timeout: 30000 } },
  reporters: [
    defaultReporter(),
    summaryReporter({ flatten: false }),
    ...(countsFile ? [countsReporter({ file: countsFile })] : []),
  ],
};
