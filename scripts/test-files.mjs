// Which test files run where: @hubkit/elements is browser-only, so its tests run in the browsers
// (Chromium and Firefox), but for `*.node.test.ts` (pure modules, no DOM); other packages'
// `*.browser.test.ts` files run in the browsers too; every other `*.test.ts` runs in Node. A
// browser test file named `*.chromium.test.ts` (or `*.chromium.browser.test.ts`) needs the Chrome
// DevTools Protocol and runs in Chromium alone.
import { globSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
const all = () =>
  globSync(
    [
      'packages/*/src/**/*.test.ts',
      'packages/*/*.test.ts',
      'bench/**/*.test.ts',
      'examples/**/*.test.ts',
      'scripts/**/*.test.ts',
      'docs/*.test.ts',
      'stories/**/*.test.ts',
    ],
    {
      cwd: root,
      exclude: (path) => path.includes('node_modules'),
    },
  ).sort();
const inBrowser = (file) =>
  (file.startsWith('packages/elements/src/') && !file.endsWith('.node.test.ts')) ||
  file.endsWith('.browser.test.ts');

export const nodeTestFiles = () => all().filter((f) => !inBrowser(f));
export const browserTestFiles = () => all().filter(inBrowser);
/** A browser test that needs the Chrome DevTools Protocol: Chromium only. */
export const chromiumOnly = (file) => /\.chromium(\.browser)?\.test\.ts$/.test(file);
