// `npm run bench` runs every benchmark in bench/; `npm run bench -- <name>` runs one.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = import.meta.dirname;
const only = process.argv[2];
const benches = readdirSync(dir, { withFileTypes: true })
  .filter(
    (e) =>
      e.name !== 'run.mjs' &&
      // `_name.mjs`: helpers the benches share, not a bench.
      !e.name.startsWith('_') &&
      !e.name.endsWith('.test.ts') &&
      (e.isDirectory() || e.name.endsWith('.mjs')),
  )
  .map((e) => e.name.replace(/\.mjs$/, ''))
  .filter((name) => !only || name === only);
let failed = false;
for (const name of benches) {
  const entry = readdirSync(dir).includes(`${name}.mjs`)
    ? join(dir, `${name}.mjs`)
    : join(dir, name, 'index.mjs');
  console.log(`\n## ${name}`);
  const { status } = spawnSync(process.execPath, ['--conditions=source', entry], { stdio: 'inherit' });
  failed ||= status !== 0;
}
process.exitCode = failed ? 1 : 0;
