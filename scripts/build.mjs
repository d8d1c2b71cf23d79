// `npm run build`: declarations and type-check (tsc -b), then JS and bundled .d.ts (rollup),
// then each package's own after-build step (packages/*/scripts/after-build.ts), if it has one.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const bin = (tool) => join(root, 'node_modules', '.bin', tool);

function step(cmd, args) {
  const { status } = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (status !== 0) {
    console.error(`build failed at: ${[cmd, ...args].join(' ')}`);
    process.exit(status ?? 1);
  }
}

step(bin('tsc'), ['-b']);
// Start each package's dist afresh but for tsc's incremental declarations, so nothing stale ships.
for (const name of readdirSync(join(root, 'packages'))) {
  const dist = join(root, 'packages', name, 'dist');
  if (!existsSync(dist)) continue;
  for (const entry of readdirSync(dist))
    if (entry !== 'types') rmSync(join(dist, entry), { recursive: true, force: true });
}
step(bin('rollup'), ['-c', '--silent']);
for (const name of readdirSync(join(root, 'packages'))) {
  const after = join(root, 'packages', name, 'scripts', 'after-build.ts');
  if (existsSync(after)) step(process.execPath, [after]);
}
