// Browser tests in two engines: headless Chromium (Debian's /usr/bin/chromium, or CHROME_PATH)
// and headless Firefox (Debian's /usr/bin/firefox-esr, or FIREFOX_PATH), both driven by
// puppeteer-core (Firefox over WebDriver BiDi). Every test file of @hubkit/elements, and
// `*.browser.test.ts` files of the other packages, run in both; a file named `*.chromium.test.ts`
// needs the Chrome DevTools Protocol (CDP-only emulation) and runs in Chromium alone (the
// `chromium-only` group). HUBKIT_BROWSERS=chromium (or firefox) runs one engine.
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { chromeLauncher, puppeteerCore } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { countsReporter } from './scripts/reporters/wtr-counts.mjs';
import { browserTestFiles, chromiumOnly } from './scripts/test-files.mjs';

const countsFile = process.env.HUBKIT_WTR_COUNTS;
const engines = (process.env.HUBKIT_BROWSERS ?? 'chromium,firefox').split(',').map((e) => e.trim());

// Test pages that must run under a strict policy: no eval, no inline script, Trusted Types.
const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'none'; require-trusted-types-for 'script'";

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
