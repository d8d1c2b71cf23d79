/**
 * A real hub in a child process, for tests: it does not share the test's event loop or its
 * request interceptors (msw in Node intercepts servers in its own process too).
 *
 *   const hub = await startHubProcess({ secretKey: 'sk_test_…' });
 *   // … call hub.url …
 *   await hub.close();
 */
import { fork } from 'node:child_process';

export interface HubProcessOptions {
  /** SQLite file; `:memory:` by default. */
  db?: string;
  publishableKey?: string;
  secretKey?: string;
  /** Origins the demo publishable key may be used from. */
  allowedOrigins?: string[];
  /** Seed the demo directory (default true). */
  demo?: boolean;
  /** Requests per second per key, for both kinds (default: no practical limit). */
  rateLimit?: number;
  /** Deliver webhooks to loopback and private addresses (default true, for tests). */
  allowPrivateWebhooks?: boolean;
  /** The hub's request timeout in milliseconds (default 30 s). */
  requestTimeoutMs?: number;
}

export interface HubProcess {
  url: string;
  close(): Promise<void>;
  /** Kills the hub with SIGKILL, as a crash would: no clean-up runs. Resolves once it has exited. */
  crash(): Promise<void>;
}

export async function startHubProcess(options: HubProcessOptions = {}): Promise<HubProcess> {
  const main = new URL(
    import.meta.url.endsWith('.ts') ? './process-main.ts' : './process-main.js',
    import.meta.url,
  );
  // The same Node flags as this process, so a test run from source starts the hub from source.
  const child = fork(main, [JSON.stringify(options)], {
    execArgv: process.execArgv,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error('The hub process did not start within 20 s'));
    }, 20_000);
    child.once('message', (message: { url?: string }) => {
      clearTimeout(timer);
      if (message.url) resolve(message.url);
      else reject(new Error('The hub process sent no URL'));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The hub process exited (${String(code)}) before it started`));
    });
  });
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else
      child.once('exit', () => {
        resolve();
      });
  });
  return {
    url,
    crash: async () => {
      child.kill('SIGKILL');
      await exited;
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) {
          resolve();
          return;
        }
        child.once('exit', () => {
          resolve();
        });
        child.send('stop');
      }),
  };
}
