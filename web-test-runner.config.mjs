// Browser tests in headless Chromium (Debian's /usr/bin/chromium, or CHROME_PATH): every test
// file of @hubkit/elements, and `*.browser.test.ts` files of the other packages.
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { countsReporter } from './scripts/reporters/wtr-counts.mjs';
import { browserTestFiles } from './scripts/test-files.mjs';
import { emulateMediaFeaturesPlugin } from './scripts/wtr-emulate-media.mjs';

const executablePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const countsFile = process.env.HUBKIT_WTR_COUNTS;

// Test pages that must run under a strict policy: no eval, no inline script, Trusted Types.
const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'none'; require-trusted-types-for 'script'";

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
  files: browserTestFiles(),
  nodeResolve: { exportConditions: ['source', 'browser', 'development'] },
  plugins: [
    // esbuild reads this file as raw text (no `extends`), so it carries the decorator options.
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.esbuild.json' }),
    emulateMediaFeaturesPlugin(),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath,
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
    }),
  ],
  // One page at a time: the elements' tests move focus and wait for animation frames, which a
  // page in the background does not get.
  concurrency: 1,
  testFramework: { config: { timeout: 10000 } },
  reporters: [
    defaultReporter(),
    summaryReporter({ flatten: false }),
    ...(countsFile ? [countsReporter({ file: countsFile })] : []),
  ],
};
