// Which test files run where: @hubkit/elements is browser-only, so its tests run in Chromium,
// but for `*.node.test.ts` (pure modules, no DOM); other packages' `*.browser.test.ts` files
// run in Chromium too; every other `*.test.ts` runs in Node.
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
