/**
 * The example partner site as `npm start` serves it: scripts/start.mjs itself (without its build
 * step: the test command builds first), on a free port, with a database that forgets.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

export const root = join(import.meta.dirname, '..', '..');

export interface RunningSite {
  url: string;
  /** The example staff portal's address (examples/staff-portal), which npm start runs beside the hub. */
  portal: string;
  stop: () => Promise<void>;
}

export async function startSite(keys: { publishable: string; secret: string }): Promise<RunningSite> {
  const child = spawn(process.execPath, [join(root, 'scripts', 'start.mjs')], {
    cwd: root,
    env: {
      ...process.env,
      HUBKIT_SKIP_BUILD: '1',
      PORT: '0',
      HUBKIT_DB: ':memory:',
      HUBKIT_PUBLISHABLE_KEY: keys.publishable,
      HUBKIT_SECRET_KEY: keys.secret,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async () => {
    child.kill('SIGTERM');
    await exited;
  };
  const [url, portal] = await new Promise<[string, string]>((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => {
      reject(new Error(`npm start's server did not start within 20 s: ${err}`));
    }, 20_000);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`scripts/start.mjs exited (${String(code)}) before the hub started: ${err}`));
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      const found = /hubkit hub running at (http:\/\/localhost:\d+)/.exec(err);
      const staff = /Example staff portal at (http:\/\/localhost:\d+)/.exec(err);
      if (found?.[1] && staff?.[1] && err.includes('secret ')) {
        clearTimeout(timer);
        resolve([found[1], staff[1]]);
      }
    });
  });
  return { url, portal, stop };
}
