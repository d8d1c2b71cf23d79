// `npm run storybook` / `npm run build-storybook`: makes @hubkit/elements' Custom Elements
// Manifest from the sources, with the analyser configuration of the one the package ships, into
// .tmp/storybook/ (2–3 s: always current, no build needed on a fresh clone, and never caught
// half-written by `npm run build`, which clears dist/); then runs the Storybook CLI with the
// arguments given, telemetry off.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const bin = (tool) => join(root, 'node_modules', '.bin', tool);
// No internet here, and no reporting home from anyone's machine.
const env = { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1' };
// Read by .storybook/main.ts; the analyser takes it relative to the package.
const outdir = join('..', '..', '.tmp', 'storybook');

const cem = spawnSync(
  bin('cem'),
  ['analyze', '--config', 'custom-elements-manifest.config.mjs', '--quiet', '--outdir', outdir],
  { cwd: join(root, 'packages', 'elements'), stdio: 'inherit', env },
);
if (cem.status !== 0) {
  console.error('storybook: the Custom Elements Manifest could not be made');
  process.exit(cem.status ?? 1);
}

const args = process.argv.slice(2);
const storybook = spawnSync(bin('storybook'), args.length > 0 ? args : ['dev', '-p', '6006'], {
  cwd: root,
  stdio: 'inherit',
  env,
});
process.exit(storybook.status ?? 1);
