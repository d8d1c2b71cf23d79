/**
 * `npm run example:react`: build the React app with Vite, then serve it from the reference hub,
 * on the hub's own origin (the demo publishable key is bound to it), with a strict CSP.
 *
 * PORT (default 8790) and HUBKIT_DB (default in memory) as for the hub; HUBKIT_SKIP_BUILD=1
 * serves what the last build left.
 */
import { join } from 'node:path';
import { build, defaultClientConditions } from 'vite';
import { startHub } from '@hubkit/server';
// In this repository the elements are read from their TypeScript sources, whose standard
// decorators Vite's own transform does not lower; an app on the published package needs none.
import { standardDecorators } from '../../scripts/vite-standard-decorators.mjs';

const here = import.meta.dirname;
const dist = join(here, 'dist');

if (process.env.HUBKIT_SKIP_BUILD !== '1') {
  await build({
    root: here,
    configFile: false,
    logLevel: 'warn',
    plugins: [standardDecorators()],
    resolve: { conditions: ['source', ...defaultClientConditions] },
    build: { outDir: dist, emptyOutDir: true },
  });
}

const hub = await startHub({
  port: Number(process.env.PORT ?? 8790),
  db: process.env.HUBKIT_DB ?? ':memory:',
  // The fictional directory and demo keys; the publishable key works from this hub's origin.
  demo: true,
  static: [{ path: '/', dir: dist }],
  logger: { info: () => undefined, error: (entry) => process.stderr.write(`${JSON.stringify(entry)}\n`) },
});
const url = hub.url.replace('://127.0.0.1:', '://localhost:');
process.stdout.write(`React example running at ${url}/  (Ctrl+C to stop)\n`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void hub.close().then(() => process.exit(0));
  });
}
