import { writeFileSync } from 'node:fs';

/**
 * A @web/test-runner reporter that writes `{ passed, failed, skipped, browsers, failures }` to
 * `file` when the run ends: the totals, the same counts for each browser (by its launcher's name,
 * "Chromium", "Firefox"), and each failure named with its browser, file and test. A test file that
 * failed to load or threw outside a test has no test results but a failed session: it counts as
 * one failure, so a broken file can never pass silently.
 * @param {{ file: string }} options
 */
export function countsReporter({ file }) {
  return {
    onTestRunFinished({ sessions }) {
      const zero = () => ({ passed: 0, failed: 0, skipped: 0 });
      const counts = zero();
      /** @type {Record<string, { passed: number, failed: number, skipped: number }>} */
      const browsers = {};
      /** @type {string[]} */
      const failures = [];
      for (const session of sessions) {
        const name = session.browser.name;
        const perBrowser = (browsers[name] ??= zero());
        const add = (/** @type {'passed' | 'failed' | 'skipped'} */ key) => {
          counts[key] += 1;
          perBrowser[key] += 1;
        };
        const where = `[${name}] ${session.testFile.replace(`${process.cwd()}/`, '')}`;
        let failedHere = 0;
        /** @param {any} suite @param {string[]} path */
        const walk = (suite, path) => {
          for (const test of suite.tests ?? []) {
            if (test.skipped) add('skipped');
            else if (test.passed) add('passed');
            else {
              add('failed');
              failedHere += 1;
              failures.push(`${where}: ${[...path, test.name].join(' › ')}`);
            }
          }
          for (const child of suite.suites ?? []) walk(child, [...path, child.name]);
        };
        if (session.testResults) walk(session.testResults, []);
        const sessionBroken = !session.passed || (session.errors?.length ?? 0) > 0;
        if (sessionBroken && failedHere === 0) {
          add('failed');
          const why = session.errors?.[0]?.message ?? 'the file failed outside its tests';
          failures.push(`${where}: ${why.split('\n')[0]}`);
        }
      }
      writeFileSync(file, JSON.stringify({ ...counts, browsers, failures }));
    },
  };
}
