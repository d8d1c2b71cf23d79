// `npm run build`: declarations and type-check (tsc -b), then JS and bundled .d.ts (rollup),
// then each package's own after-build step (packages/*/scripts/after-build.ts), if it has one.
// Each step says what it is doing and how long it took. `--if-stale` (what `npm start` runs)
// builds only the packages whose sources changed since their last build (scripts/build-state.mjs),
// and nothing at all when every package is up to date.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { inputsHash, stalePackages, workspacePackages, writeStamp } from './build-state.mjs';

const root = join(import.meta.dirname, '..');
const bin = (tool) => join(root, 'node_modules', '.bin', tool);
const ifStale = process.argv.includes('--if-stale');

const packages = workspacePackages(root);
const targets = ifStale ? stalePackages(root) : packages.map((p) => p.dir);
if (targets.length === 0) {
  console.log('build: every package is up to date (no source changed since its last build)');
  process.exit(0);
}
const afterBuilds = targets.filter((dir) =>
  existsSync(join(root, 'packages', dir, 'scripts', 'after-build.ts')),
);
const total = 2 + afterBuilds.length;
let number = 0;
const began = performance.now();
const seconds = (since) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
console.log(
  ifStale && targets.length < packages.length
    ? `build: ${targets.join(', ')} changed since the last build (${total} steps; the rest is up to date)`
    : `build: every package (${total} steps, a few minutes on a fresh clone)`,
);

/** Runs one numbered step, saying what it is before and how long it took after. */
function step(what, cmd, args, env = {}) {
  number += 1;
  console.log(`build [${number}/${total}] ${what}…`);
  const started = performance.now();
  const { status } = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (status !== 0) {
    console.error(`build failed at: ${[cmd, ...args].join(' ')}`);
    process.exit(status ?? 1);
  }
  console.log(`build [${number}/${total}] done in ${seconds(started)}`);
}

// What each package is built from, taken before it is built.
const hashes = new Map(targets.map((dir) => [dir, inputsHash(root, dir, packages)]));

// `npm run build` type-checks everything (tests, examples, stories too); `npm start` only what it
// builds: each package's published sources, and those of the packages they depend on.
const buildConfigs = targets.map((dir) => join('packages', dir, 'tsconfig.build.json'));
if (ifStale && buildConfigs.every((config) => existsSync(join(root, config))))
  step(`type-check and declarations of ${targets.join(', ')} (tsc -b, incremental)`, bin('tsc'), [
    '-b',
    ...buildConfigs,
  ]);
else step('type-check and declarations of every package (tsc -b, incremental)', bin('tsc'), ['-b']);

// Start each built package's dist afresh but for tsc's incremental declarations, so nothing stale
// ships (its build stamp goes too, until the package is built again).
for (const dir of targets) {
  const dist = join(root, 'packages', dir, 'dist');
  if (!existsSync(dist)) continue;
  for (const entry of readdirSync(dist))
    if (entry !== 'types') rmSync(join(dist, entry), { recursive: true, force: true });
}
step(`JavaScript and bundled .d.ts of ${targets.join(', ')} (rollup)`, bin('rollup'), ['-c', '--silent'], {
  HUBKIT_BUILD_PACKAGES: targets.join(','),
});

const made = {
  elements: 'the CDN files, their SRI hashes and the Custom Elements Manifest',
  schema: 'the JSON Schemas and the OpenAPI document',
};
for (const dir of afterBuilds)
  step(
    `${made[dir] ?? 'the after-build step'} of @hubkit/${dir} (packages/${dir}/scripts/after-build.ts)`,
    process.execPath,
    [join(root, 'packages', dir, 'scripts', 'after-build.ts')],
  );

for (const dir of targets) writeStamp(root, dir, /** @type {string} */ (hashes.get(dir)));
console.log(`build: done in ${seconds(began)}`);
