import { writeFileSync } from 'node:fs';

/**
 * A @web/test-runner reporter that writes `{ passed, failed, skipped }` to `file` when the run
 * ends. A test file that failed to load or threw outside a test has no test results but a
 * failed session: it counts as one failure, so a broken file can never pass silently.
 * @param {{ file: string }} options
 */
export function countsReporter({ file }) {
  return {
    onTestRunFinished({ sessions }) {
      const counts = { passed: 0, failed: 0, skipped: 0 };
      /** @param {any} suite */
      const walk = (suite) => {
        for (const test of suite.tests ?? []) {
          if (test.skipped) counts.skipped += 1;
          else if (test.passed) counts.passed += 1;
          else counts.failed += 1;
        }
        for (const child of suite.suites ?? []) walk(child);
      };
      for (const session of sessions) {
        const before = counts.failed;
        if (session.testResults) walk(session.testResults);
        const sessionBroken = !session.passed || (session.errors?.length ?? 0) > 0;
        if (sessionBroken && counts.failed === before) counts.failed += 1;
      }
      writeFileSync(file, JSON.stringify(counts));
    },
  };
}
