// `npm start`: build what the hub needs, then run the reference hub with its demo directory
// and demo keys on http://localhost:8787 (PORT to change), its data in hubkit.db (HUBKIT_DB),
// with the example partner site (examples/vcs-site) at / and the elements' CDN files at /cdn/
// on the same origin, the demo publishable key filled into the page. It builds only what changed
// since the last build, step by step, and nothing when everything is up to date (build.mjs
// --if-stale). HUBKIT_SKIP_BUILD=1 starts from what the last build left without checking (the
// example site's test does). Beside it, the example staff portal (examples/staff-portal) runs on
// http://localhost:8788 (STAFF_PORT) with the demo partner key, minting staff tokens for its page.
import { fork, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
if (process.env.HUBKIT_SKIP_BUILD !== '1') {
  const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--if-stale'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// The example staff portal (examples/staff-portal): a referring partner's own site for its staff,
// on its own origin (STAFF_PORT, default 8788; any free port when PORT=0), whose server holds the
// demo partner key and mints staff tokens for its page. It starts first, so the hub knows its
// origin; it is told the hub's address once the hub is up.
const partnerKey =
  process.env.HUBKIT_PARTNER_KEY ?? `sk_demo_partner_${randomBytes(18).toString('base64url')}`;
const portal = fork(join(root, 'examples', 'staff-portal', 'server.ts'), [], {
  cwd: root,
  env: {
    ...process.env,
    HUBKIT_PARTNER_KEY: partnerKey,
    STAFF_PORT: process.env.STAFF_PORT ?? (process.env.PORT === '0' ? '0' : '8788'),
  },
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
// Its address, or nothing if it could not start (it says why): the hub runs without it.
const portalOrigin = await Promise.race([
  once(portal, 'message').then(([message]) => message.portal),
  once(portal, 'exit').then(() => undefined),
]);

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
  ...(portalOrigin && {
    HUBKIT_PARTNER_KEY: partnerKey,
    HUBKIT_STAFF_ORIGINS: [portalOrigin, portalOrigin.replace('://localhost:', '://127.0.0.1:')].join(','),
  }),
};
// The hub's own lines pass through; its address, once printed, goes to the portal.
const child = spawn(process.execPath, args, { cwd: root, stdio: ['inherit', 'inherit', 'pipe'], env });
let said = '';
child.stderr.on('data', (chunk) => {
  process.stderr.write(chunk);
  if (said === null) return;
  said += chunk.toString();
  const hub = /hubkit hub running at (http:\/\/\S+)/.exec(said)?.[1];
  if (hub) {
    if (portal.connected) portal.send({ hub });
    said = null;
  }
});
for (const signal of ['SIGINT', 'SIGTERM'])
  process.on(signal, () => {
    portal.kill(signal);
    child.kill(signal);
  });
child.on('exit', (code, signal) => {
  portal.kill();
  process.exit(signal ? 0 : (code ?? 0));
});
