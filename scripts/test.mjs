// The whole test command: build, type-check, lint, format check, Node tests, browser tests.
// Every step runs even when an earlier one fails, so one run shows everything that is wrong;
// the last line totals every suite as `N passed, N failed, N skipped`, and the exit code is
// non-zero when anything failed. A static check (type-check, lint, format, build) counts as
// one test. `npm test -- --only=node` (or browser, static) runs a part.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { nodeTestFiles } from './test-files.mjs';

const root = join(import.meta.dirname, '..');
const tmp = join(root, '.tmp');
mkdirSync(tmp, { recursive: true });
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);

const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];

/** A suite still running after this long is stuck (a handle left open): it fails, it does not hang CI. */
const SUITE_LIMIT_MS = 30 * 60 * 1000;

function run(cmd, args, extraEnv = {}) {
  const result = spawnSync(cmd, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...extraEnv },
    timeout: SUITE_LIMIT_MS,
    killSignal: 'SIGKILL',
  });
  if (result.signal)
    console.error(`\n✘ ${cmd} was stopped (${result.signal}) after ${SUITE_LIMIT_MS / 60000} minutes`);
  return result.status ?? 1;
}

function check(name, cmd, args) {
  console.log(`\n▶ ${name}: ${[cmd, ...args].join(' ')}`);
  const ok = run(cmd, args) === 0;
  totals[ok ? 'passed' : 'failed'] += 1;
  lines.push(`${ok ? '✔' : '✘'} ${name}`);
}

const tally = (name, c) =>
  `${c.failed ? '✘' : '✔'} ${name}: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`;

function suite(name, cmd, args, countsFile, extraEnv) {
  console.log(`\n▶ ${name}: ${[cmd, ...args].join(' ')}`);
  rmSync(countsFile, { force: true });
  const status = run(cmd, args, extraEnv);
  let counts = { passed: 0, failed: 0, skipped: 0 };
  if (existsSync(countsFile)) counts = JSON.parse(readFileSync(countsFile, 'utf8'));
  // A runner that crashed before reporting, or failed without a failing test, still fails.
  if (status !== 0 && counts.failed === 0) counts.failed = 1;
  for (const key of Object.keys(totals)) totals[key] += counts[key];
  lines.push(tally(name, counts));
  // The browser tests' reporter also counts each browser and names each failure with its browser.
  for (const [browser, perBrowser] of Object.entries(counts.browsers ?? {}))
    lines.push(`  ${tally(browser, perBrowser)}`);
  for (const failure of counts.failures ?? []) lines.push(`    ✘ ${failure}`);
}

const node = process.execPath;
const bin = (tool) => join(root, 'node_modules', '.bin', tool);

if (!only || only === 'static') {
  check('build (tsc -b and rollup)', node, ['scripts/build.mjs']);
  check('lint (eslint)', bin('eslint'), ['--max-warnings=0', '.']);
  check('format (prettier --check)', bin('prettier'), ['--check', '--log-level=warn', '.']);
  // The API reference builds from the sources (npm run docs); it fails on errors, not warnings.
  check('docs (typedoc)', bin('typedoc'), ['--logLevel', 'Error']);
}
if (!only || only === 'node') {
  const countsFile = join(tmp, 'node-counts.json');
  suite(
    'node tests (node:test)',
    node,
    [
      '--conditions=source',
      '--test',
      // A test that hangs fails after two minutes. (Not --test-force-exit: it ends a file while
      // the suites after a top-level await are still to be registered, and drops their tests.)
      '--test-timeout=120000',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=./scripts/reporters/node-counts.mjs',
      `--test-reporter-destination=${countsFile}`,
      ...nodeTestFiles(),
    ],
    countsFile,
  );
}
if (!only || only === 'browser') {
  const countsFile = join(tmp, 'wtr-counts.json');
  suite('browser tests (@web/test-runner, Chromium and Firefox)', bin('wtr'), [], countsFile, {
    HUBKIT_WTR_COUNTS: countsFile,
  });
}

console.log('\n' + lines.join('\n'));
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exitCode = totals.failed > 0 ? 1 : 0;
