import { VERSION } from '../version.ts';

interface Globals {
  navigator?: { userAgent?: string };
  process?: { versions?: { node?: string; bun?: string }; platform?: string; arch?: string };
  Deno?: { version?: { deno?: string }; build?: { os?: string; arch?: string } };
}

/** Whether this is a browser or a browser's worker, which send their own User-Agent. */
export function isBrowserLike(): boolean {
  const agent = (globalThis as Globals).navigator?.userAgent;
  return typeof agent === 'string' && agent.startsWith('Mozilla/');
}

/**
 * `hubkit-sdk/0.1.0 node/24.1.0 (linux; x64)`: the SDK and the runtime, never the machine's
 * name, user or paths. In a browser only `hubkit-sdk/0.1.0 browser`: its User-Agent says the rest.
 */
export function clientName(): string {
  const g = globalThis as Globals;
  const sdk = `hubkit-sdk/${VERSION}`;
  if (g.Deno?.version?.deno) {
    return `${sdk} deno/${g.Deno.version.deno} (${g.Deno.build?.os ?? 'unknown'}; ${g.Deno.build?.arch ?? 'unknown'})`;
  }
  const versions = g.process?.versions;
  if (versions?.bun) return `${sdk} bun/${versions.bun} (${g.process?.platform}; ${g.process?.arch})`;
  if (versions?.node && !isBrowserLike()) {
    return `${sdk} node/${versions.node} (${g.process?.platform}; ${g.process?.arch})`;
  }
  if (isBrowserLike()) return `${sdk} browser`;
  const agent = g.navigator?.userAgent;
  // Edge runtimes name themselves (`Cloudflare-Workers`); keep only a safe token of it.
  return `${sdk} ${typeof agent === 'string' && /^[\w./-]{1,40}$/.test(agent) ? agent : 'unknown'}`;
}
