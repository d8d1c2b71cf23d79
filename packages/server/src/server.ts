/**
 * Starting and stopping a hub: the database, the HTTP server on Node, the webhook dispatcher
 * and, for a demo, the directory and demo keys.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { hostname, networkInterfaces } from 'node:os';
import { isIP, type AddressInfo, type Socket } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { demoKeys, seedDirectory, type DemoKeys } from './domain/demo.ts';
import { Hub, systemClock, type Clock } from '@hubkit/hub';
import { WebhookDispatcher } from './domain/webhooks.ts';
import { createApp, DEFAULT_REQUEST_TIMEOUT_MS, type AppOptions } from './http/app.ts';
import { jsonLogger, type Logger } from './log.ts';
import { homePage } from './http/home.ts';
import { newRequestId } from './http/middleware/request-context.ts';
import { problemBody } from '@hubkit/hub';
import { orukRoutes } from './http/oruk.ts';
import { staticFiles, type StaticMount } from './http/static.ts';
import { openStore } from './store/open.ts';
import { sharedAbuseState } from './store/postgres/abuse.ts';
import { PostgresStore } from './store/postgres/store.ts';
import type { Store } from '@hubkit/hub';

export const VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

export interface HubOptions {
  /** Port to listen on; 0 for any free port (default 8787). */
  port?: number;
  /** Interface to listen on (default 127.0.0.1; 0.0.0.0 for every interface). */
  host?: string;
  /**
   * SQLite file (default hubkit.db; `:memory:` for a hub that forgets), or a `postgres://` URL of
   * a database `hubkit-server migrate` has brought up to date. Ignored when `store` is given.
   */
  db?: string;
  /** PostgreSQL: connections this process keeps open (default 10). */
  dbPoolSize?: number;
  store?: Store;
  /** Seed the demo directory and demo keys. */
  demo?: boolean;
  publishableKey?: string;
  secretKey?: string;
  /**
   * A demo referring partner's secret key (HUBKIT_PARTNER_KEY), and the origins of its staff
   * pages (HUBKIT_STAFF_ORIGINS), which may be given staff tokens: the example staff portal's.
   */
  partnerKey?: string;
  staffOrigins?: string[];
  /** Web origins the demo publishable key may be used from (default: this hub's own). */
  allowedOrigins?: string[];
  /**
   * The hub's public address, like `https://hub.example.org` (HUBKIT_PUBLIC_URL): the OpenAPI
   * document's server, `{{origin}}` in served pages, and a host name the hub answers to.
   */
  publicUrl?: string;
  /** More `Host` values to answer to, as `name:port` (HUBKIT_ALLOWED_HOSTS), such as a port mapped by Docker. */
  allowedHosts?: readonly string[];
  logger?: Logger;
  clock?: Clock;
  /** Per key, per key and client address, and failed authentication per address (see DEFAULT_RATE_LIMITS). */
  rateLimits?: AppOptions['rateLimits'];
  /**
   * Believe `X-Forwarded-For` from these proxies (a number of hops, or their addresses and CIDR
   * ranges) for the client's address; off by default, so no client can choose its own address.
   */
  trustProxy?: AppOptions['trustProxy'];
  /**
   * Ask publishable keys' writes for a solved proof-of-work challenge (`required: true`), for a
   * hub under attack; `maxNumber` sets the difficulty.
   */
  proofOfWork?: AppOptions['proofOfWork'];
  bodyLimit?: number;
  /**
   * The longest a request may take, received and handled, in milliseconds (default 30 s). An
   * Idempotency-Key claimed by a request lapses after the same time.
   */
  requestTimeoutMs?: number;
  /** On close, how long requests being handled have to be answered before their connections go (default 10 s). */
  closeGraceMs?: number;
  webhooks?: {
    retryScheduleMs?: number[];
    allowPrivateNetworks?: boolean;
    intervalMs?: number;
    timeoutMs?: number;
  };
  /** More routes on the same server. */
  extend?: AppOptions['extend'];
  /**
   * Static files on the same origin as the API, like a partner's page (`npm start` serves the
   * example partner site and the elements' CDN files): each directory under its URL path, HTML
   * pages with a strict CSP and the demo publishable key filled in (see http/static.ts).
   */
  static?: readonly StaticMount[];
}

export interface RunningHub {
  url: string;
  port: number;
  hub: Hub;
  dispatcher: WebhookDispatcher;
  demoKeys: DemoKeys | undefined;
  close(): Promise<void>;
}

/**
 * Requests Node's HTTP parser cannot read never reach the app: answer them with a problem too,
 * with a request id. A request already being answered on the same connection (junk sent after
 * it) finishes first: its answer is never lost.
 */
function answerMalformedRequests(server: Server, logger: Logger): void {
  // A client that stops sending (half-closes) after its request still gets the answer: Node ends
  // the connection once the response in flight is written, not at once (the store answers a
  // write only after its commit, which may come after the client's FIN).
  (server as Server & { httpAllowHalfOpen: boolean }).httpAllowHalfOpen = true;
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    const respond = () => {
      if (!socket.writable) {
        socket.destroy();
        return;
      }
      const tooLarge = error.code === 'HPE_HEADER_OVERFLOW' || error.code === 'HPE_URI_TOO_LONG';
      const status = tooLarge ? 431 : 400;
      const requestId = newRequestId();
      const body = JSON.stringify(
        problemBody(
          status,
          tooLarge ? 'headers_too_large' : 'bad_request',
          'en',
          requestId,
          'The hub could not read this request.',
        ),
      );
      logger.info({ at: new Date().toISOString(), requestId, status, malformed: error.code ?? 'unknown' });
      socket.end(
        `HTTP/1.1 ${status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
          `Content-Type: application/problem+json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
          `X-Request-Id: ${requestId}\r\nConnection: close\r\n\r\n${body}`,
      );
    };
    const inFlight = (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage;
    // Before Node's own 'finish' handler, which ends a half-closed connection.
    if (inFlight && !inFlight.writableFinished) inFlight.prependOnceListener('finish', respond);
    else respond();
  });
}

/** Hubs running in this process, by the id on their Idempotency-Key claims. */
const liveHere = new Set<string>();

/**
 * Whether the hub process that claimed an Idempotency-Key is gone. Only a process on this host
 * can be checked (PID reuse or another host's process only makes us wait for the claim to lapse;
 * clearing a live claim would cost its request a 409, never a second record: see sqlite #complete).
 */
export function claimHolderGone(holder: string): boolean {
  const [host, pid] = holder.split(':');
  if (host !== hostname() || !pid || !/^\d+$/.test(pid)) return false;
  if (Number(pid) === process.pid) return !liveHere.has(holder);
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** `host:port` as a Host header says it: IPv6 addresses in brackets, lower case. */
function hostHeader(host: string, port: number): string {
  return `${isIP(host) === 6 ? `[${host}]` : host}:${port}`.toLowerCase();
}

const isLoopback = (host: string) =>
  host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);

/**
 * The Host values a hub answers to: its public URL's host; the address it listens on; when that
 * is loopback, every loopback name (localhost, 127.0.0.1, [::1]); when it is every interface
 * (0.0.0.0, ::), those and each interface's address; and any the operator adds. All with the
 * port, as browsers send them. Anything else is a name the operator never gave this hub, such
 * as an attacker's domain re-pointed at 127.0.0.1 (DNS rebinding).
 */
export function allowedHosts(
  host: string,
  port: number,
  publicUrl?: string,
  extra: readonly string[] = [],
): Set<string> {
  const names = new Set([host]);
  const wildcard = host === '0.0.0.0' || host === '::';
  if (wildcard || isLoopback(host)) for (const name of ['localhost', '127.0.0.1', '::1']) names.add(name);
  if (wildcard) {
    for (const addresses of Object.values(networkInterfaces()))
      for (const a of addresses ?? []) if (!a.address.includes('%')) names.add(a.address);
  }
  const allowed = new Set([...names].map((name) => hostHeader(name, port)));
  // Browsers leave out the default port.
  if (port === 80)
    for (const name of names) allowed.add((isIP(name) === 6 ? `[${name}]` : name).toLowerCase());
  if (publicUrl) allowed.add(new URL(publicUrl).host.toLowerCase());
  for (const value of extra) allowed.add(value.trim().toLowerCase());
  return allowed;
}

export async function startHub(options: HubOptions = {}): Promise<RunningHub> {
  // A nonce as well as the PID: a restarted hub often gets the PID of the one that crashed (PID 1
  // in a container).
  const instanceId = `${hostname()}:${process.pid}:${randomBytes(6).toString('base64url')}`;
  const store =
    options.store ??
    (await openStore(options.db ?? 'hubkit.db', { poolSize: options.dbPoolSize, instanceId }));
  // Several processes on one PostgreSQL database share their rate limits and spent proof-of-work
  // challenges through it, and sign challenges with one secret; one SQLite hub keeps them in memory.
  const shared = store instanceof PostgresStore ? await sharedAbuseState(store.db) : null;
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? jsonLogger;
  const hub = new Hub(store, clock);
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  // Claims left by a hub that crashed mid-request would refuse every retry with 409. Several hub
  // processes may share the database, so clear only what no live process can still be working
  // on: claims past the request timeout, and claims of a process on this host that is gone.
  await store.clearStaleClaims(clock.now().toISOString(), claimHolderGone);
  liveHere.add(instanceId);
  const extend = options.extend;
  let keys: DemoKeys | undefined;
  // Known once the server listens (the port may be any free one).
  let hosts = new Set<string>();
  let url = '';
  /**
   * The origin pages are served for: the public URL; else the one of this hub's own addresses
   * the page was asked on (checked against `hosts` before any page is served), so a page's calls
   * to the API stay on its own origin.
   */
  const originFor = (host: string | undefined): string => {
    if (options.publicUrl) return new URL(options.publicUrl).origin;
    const asked = host?.toLowerCase();
    return asked && hosts.has(asked) ? `http://${asked}` : url;
  };
  const app = createApp({
    hub,
    logger,
    version: VERSION,
    allowedHost: (value) => hosts.has(value),
    ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
    ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
    ...(options.trustProxy ? { trustProxy: options.trustProxy } : {}),
    ...(shared
      ? {
          rateLimiter: shared.rateLimiter,
          proofOfWork: {
            secret: shared.proofOfWorkSecret,
            ...options.proofOfWork,
            spent: shared.spentChallenges,
          },
        }
      : options.proofOfWork
        ? { proofOfWork: options.proofOfWork }
        : {}),
    ...(options.bodyLimit ? { bodyLimit: options.bodyLimit } : {}),
    requestTimeoutMs,
    instanceId,
    extend: (root) => {
      // A static page at `/` takes the place of the home page.
      if (options.static?.length) {
        staticFiles(root, {
          mounts: options.static,
          variables: (host) => ({ origin: originFor(host), publishableKey: keys?.publishableKey }),
        });
      }
      homePage(root, VERSION);
      orukRoutes(root, hub);
      extend?.(root);
    },
  });

  const host = options.host ?? '127.0.0.1';
  // A request the adapter cannot turn into a Request (an asterisk-form target, a bad host)
  // gets a problem like any other.
  const listener = getRequestListener(app.fetch, {
    errorHandler: () => {
      const requestId = newRequestId();
      const body = problemBody(400, 'bad_request', 'en', requestId, 'The hub could not read this request.');
      return new Response(JSON.stringify(body), {
        status: 400,
        headers: { 'Content-Type': 'application/problem+json; charset=utf-8', 'X-Request-Id': requestId },
      });
    },
  });
  /** Requests being handled: a close lets them finish before the store closes under them. */
  const inFlight = new Set<Promise<unknown>>();
  // The whole request must arrive within the timeout too (a slow sender holds no claim forever).
  const server: Server = createServer(
    {
      requestTimeout: requestTimeoutMs,
      headersTimeout: Math.min(requestTimeoutMs, 60_000),
      // Node checks those timeouts every 30 s by default: too coarse for a 30 s bound.
      connectionsCheckingInterval: Math.min(1_000, requestTimeoutMs),
    },
    (request, response) => {
      const handled = listener(request, response).finally(() => inFlight.delete(handled));
      inFlight.add(handled);
    },
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8787, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  answerMalformedRequests(server, logger);
  const port = (server.address() as AddressInfo).port;
  hosts = allowedHosts(host, port, options.publicUrl, options.allowedHosts);
  url =
    options.publicUrl ??
    `http://${hostHeader(host === '0.0.0.0' || host === '::' ? 'localhost' : host, port)}`;

  if (options.demo) {
    await seedDirectory(hub);
    const own = [`http://localhost:${port}`, `http://127.0.0.1:${port}`];
    // Pages served here call the API from this origin: the demo key works from it too.
    const origins = options.allowedOrigins
      ? [...new Set([...options.allowedOrigins, ...(options.static?.length ? own : [])])]
      : own;
    keys = await demoKeys(hub, {
      publishableKey: options.publishableKey,
      secretKey: options.secretKey,
      origins,
      partnerKey: options.partnerKey,
      staffOrigins: options.staffOrigins,
    });
  }

  const dispatcher = new WebhookDispatcher({
    store,
    clock,
    logger,
    ...(options.webhooks?.retryScheduleMs ? { retryScheduleMs: options.webhooks.retryScheduleMs } : {}),
    ...(options.webhooks?.timeoutMs ? { timeoutMs: options.webhooks.timeoutMs } : {}),
    allowPrivateNetworks: options.webhooks?.allowPrivateNetworks ?? false,
  });
  dispatcher.start(options.webhooks?.intervalMs ?? 500);
  // Idempotency keys are kept at least 24 hours, then forgotten; lapsed claims go too.
  const purge = setInterval(() => {
    void store.purgeIdempotency(clock.now().toISOString());
  }, 3_600_000);
  purge.unref();
  // Refilled rate-limit buckets and expired challenges, from the shared tables.
  const purgeShared = shared
    ? setInterval(() => {
        void shared.purge().catch(() => undefined);
      }, 60_000)
    : undefined;
  purgeShared?.unref();

  let closed = false;
  return {
    url,
    port,
    hub,
    dispatcher,
    demoKeys: keys,
    async close() {
      if (closed) return;
      closed = true;
      liveHere.delete(instanceId);
      clearInterval(purge);
      clearInterval(purgeShared);
      await dispatcher.stop();
      const stopped = new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
      // No new request is taken; those being handled are answered (up to a grace period),
      // then every connection goes (keep-alive ones would hold the close open). A handler whose
      // client has gone still runs to its end before the store closes: on PostgreSQL, ending
      // the pool under it failed its write.
      server.closeIdleConnections();
      const settled = (ms: number) =>
        Promise.race([Promise.allSettled([...inFlight]), sleep(ms, undefined, { ref: false })]);
      await settled(options.closeGraceMs ?? 10_000);
      server.closeAllConnections();
      await stopped;
      await settled(requestTimeoutMs);
      await store.close();
    },
  };
}
