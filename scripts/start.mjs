// `npm start`: build what the hub needs, then run the reference hub with its demo directory
// and demo keys on http://localhost:8787 (PORT to change), its data in hubkit.db (HUBKIT_DB),
// with the example partner site (examples/vcs-site) at / and the elements' CDN files at /cdn/
// on the same origin, the demo publishable key filled into the page. It builds only what changed
// since the last build, step by step, and nothing when everything is up to date (build.mjs
// --if-stale). HUBKIT_SKIP_BUILD=1 starts from what the last build left without checking (the
// example site's test does).
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
if (process.env.HUBKIT_SKIP_BUILD !== '1') {
  const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--if-stale'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const args = [
  join(root, 'packages', 'server', 'bin', 'hubkit-server.js'),
  '--demo',
  '--static',
  join(root, 'examples', 'vcs-site'),
  '--static',
  `/cdn/=${join(root, 'packages', 'elements', 'dist', 'cdn')}`,
  ...process.argv.slice(2),
];
const env = {
  ...process.env,
  PORT: process.env.PORT ?? '8787',
  HUBKIT_DB: process.env.HUBKIT_DB ?? join(root, 'hubkit.db'),
};
const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(signal ? 0 : (code ?? 0)));
