/**
 * Webhook deliveries: each event a partner's endpoint asked for is POSTed to it, signed with
 * HMAC-SHA256 over `${timestamp}.${body}` (`Hubkit-Signature: t=…,v1=…`), and retried with
 * backoff until it is accepted (2xx) or the attempts run out. Every attempt is recorded.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { lookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP } from 'node:net';
import { WEBHOOK_SIGNATURE_HEADER } from '@hubkit/schema';
import type { Logger } from '../log.ts';
import type { Clock, DueDelivery, Store } from '@hubkit/hub';

/** The signature header's value for `body` sent at `timestamp` (seconds). */
export function signWebhook(secret: string, body: string, timestamp: number): string {
  const signature = createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
  return `t=${timestamp},v1=${signature}`;
}

/** After the first attempt: 10 s, 1 min, 5 min, 30 min, 2 h, 6 h, 12 h; then the delivery fails for good. */
export const DEFAULT_RETRY_SCHEDULE_MS = [
  10_000, 60_000, 300_000, 1_800_000, 7_200_000, 21_600_000, 43_200_000,
];

// Addresses a hub must not be tricked into calling (server-side request forgery): every range of
// IANA's special-purpose address registries that is not plainly globally reachable.
const BLOCKED_V4 = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // shared address space (carrier-grade NAT)
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (cloud metadata services live here)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast (deprecated)
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and 255.255.255.255 broadcast
] as const) {
  BLOCKED_V4.addSubnet(net, prefix, 'ipv4');
}
const BLOCKED_V6 = new BlockList();
for (const [net, prefix] of [
  ['::', 96], // unspecified, loopback (::1) and IPv4-compatible (deprecated)
  ['::ffff:0:0:0', 96], // IPv4-translated (SIIT)
  ['64:ff9b::', 96], // NAT64 well-known prefix: would reach any IPv4 address through a translator
  ['64:ff9b:1::', 48], // NAT64 local use
  ['100::', 64], // discard-only
  ['100:0:0:1::', 64], // dummy prefix
  ['2001::', 23], // IETF protocol assignments: Teredo (2001::/32), benchmarking, ORCHID …
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4: embeds any IPv4 address
  ['3fff::', 20], // documentation
  ['5f00::', 16], // segment routing (SRv6) SIDs
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
  // Anything outside global unicast (2000::/3) is not an address a partner's endpoint has.
  ['::', 3],
  ['4000::', 2],
  ['8000::', 1],
] as const) {
  BLOCKED_V6.addSubnet(net, prefix, 'ipv6');
}

/** The eight 16-bit groups of an IPv6 address, in any of its spellings. */
function ipv6Groups(address: string): number[] {
  // The URL parser writes an IPv6 address one way: lower case, `::` at most once, no dotted tail.
  const canonical = new URL(`http://[${address}]/`).hostname.slice(1, -1);
  const [head = '', tail] = canonical.split('::');
  const parse = (part: string) => (part ? part.split(':').map((g) => parseInt(g, 16)) : []);
  if (tail === undefined) return parse(head);
  const [left, right] = [parse(head), parse(tail)];
  return [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
}

/**
 * Whether a webhook must not be sent to `address` (an IP literal or a resolved address): any
 * special-purpose IPv4 or IPv6 range. An IPv4-mapped IPv6 address (::ffff:a.b.c.d) reaches the
 * IPv4 address it holds, so that address is what is checked.
 */
export function isPrivateAddress(address: string): boolean {
  // A zone (fe80::1%eth0) only ever follows a link-local address.
  const bare = address.split('%')[0] ?? '';
  const family = isIP(bare);
  if (family === 4) return BLOCKED_V4.check(bare, 'ipv4');
  if (family !== 6) return true;
  const groups = ipv6Groups(bare);
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    const [high = 0, low = 0] = groups.slice(6);
    return BLOCKED_V4.check(`${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}`, 'ipv4');
  }
  return BLOCKED_V6.check(bare, 'ipv6');
}

export interface DispatcherOptions {
  store: Store;
  clock: Clock;
  logger: Logger;
  retryScheduleMs?: readonly number[];
  timeoutMs?: number;
  /** Allow endpoints on loopback and private networks (development and tests only). */
  allowPrivateNetworks?: boolean;
}

class PrivateAddressError extends Error {
  override readonly name = 'PrivateAddressError';
}

/**
 * DNS lookup for webhook connections that refuses private and loopback addresses. It runs as the
 * connection's own lookup, so the address checked is the address connected to: a name that
 * resolves once to a public address and then to a private one (DNS rebinding) gets nowhere.
 */
function publicOnlyLookup(
  hostname: string,
  options: LookupOptions,
  callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
): void {
  lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) {
      callback(error, []);
      return;
    }
    if (addresses.length === 0 || addresses.some((a) => isPrivateAddress(a.address))) {
      callback(new PrivateAddressError('private address'), []);
      return;
    }
    const [first] = addresses;
    if (options.all) callback(null, addresses);
    else callback(null, first?.address ?? '', first?.family);
  });
}

/** POSTs `body` and resolves with the status; never follows a redirect, never keeps the response body. */
function post(
  url: URL,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
  guard: boolean,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const request = send(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
        timeout: timeoutMs,
        ...(guard ? { lookup: publicOnlyLookup } : {}),
      },
      (response: IncomingMessage) => {
        response.resume();
        response.once('end', () => {
          resolve(response.statusCode ?? 0);
        });
        response.once('error', reject);
      },
    );
    const deadline = setTimeout(() => request.destroy(new TimeoutError()), timeoutMs);
    request.once('timeout', () => request.destroy(new TimeoutError()));
    request.once('error', reject);
    request.once('close', () => {
      clearTimeout(deadline);
    });
    request.end(body);
  });
}

class TimeoutError extends Error {
  override readonly name = 'TimeoutError';
}

export class WebhookDispatcher {
  readonly #options: DispatcherOptions;
  readonly #schedule: readonly number[];
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<number> | undefined;

  constructor(options: DispatcherOptions) {
    this.#options = options;
    this.#schedule = options.retryScheduleMs ?? DEFAULT_RETRY_SCHEDULE_MS;
  }

  start(intervalMs = 500): void {
    this.#timer ??= setInterval(() => {
      void this.tick();
    }, intervalMs);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }

  /** Attempts every delivery that is due; one pass at a time. Returns how many were attempted. */
  async tick(): Promise<number> {
    if (this.#running) return this.#running;
    this.#running = this.#deliverDue().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async #deliverDue(): Promise<number> {
    const due = await this.#options.store.dueDeliveries(this.#options.clock.now().toISOString(), 20);
    await Promise.all(due.map((d) => this.#attempt(d)));
    return due.length;
  }

  async #attempt({ delivery, endpoint, event }: DueDelivery): Promise<void> {
    const { store, clock, logger } = this.#options;
    const body = JSON.stringify(event);
    let responseStatus: number | null = null;
    let error: string | null;
    const guard = !this.#options.allowPrivateNetworks;
    try {
      const url = new URL(endpoint.url);
      const literal = url.hostname.replace(/^\[|\]$/g, '');
      if (guard && isIP(literal) !== 0 && isPrivateAddress(literal))
        throw new PrivateAddressError('private address');
      const timestamp = Math.floor(clock.now().getTime() / 1000);
      responseStatus = await post(
        url,
        {
          'Content-Type': 'application/json',
          'User-Agent': 'hubkit-webhooks/1',
          [WEBHOOK_SIGNATURE_HEADER]: signWebhook(endpoint.secret, body, timestamp),
          'Hubkit-Event-Id': event.id,
          'Hubkit-Event-Type': event.type,
        },
        body,
        this.#options.timeoutMs ?? 10_000,
        guard,
      );
      // A redirect could point anywhere: it is a failure, not something to follow.
      error =
        responseStatus >= 200 && responseStatus <= 299 ? null : `the endpoint answered ${responseStatus}`;
    } catch (caught) {
      error =
        caught instanceof PrivateAddressError
          ? 'the endpoint resolves to a private or loopback address'
          : caught instanceof TimeoutError
            ? 'the endpoint did not answer in time'
            : 'the endpoint could not be reached';
    }
    const now = clock.now();
    const wait = this.#schedule[delivery.attempt - 1];
    const retryAt = error && wait !== undefined ? new Date(now.getTime() + wait).toISOString() : null;
    await store.recordDeliveryAttempt(
      delivery.id,
      { status: error ? 'failed' : 'succeeded', responseStatus, error, at: now.toISOString() },
      retryAt,
      randomUUID(),
    );
    if (error)
      logger.info({ webhook: delivery.id, endpoint: endpoint.id, attempt: delivery.attempt, error, retryAt });
  }
}
