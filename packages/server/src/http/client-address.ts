/**
 * Who is calling, for rate limits: the address of the connection, or, behind a proxy the
 * operator trusts, the address that proxy says it received the request from. Never for access
 * decisions, and never logged.
 */
import { BlockList, isIP } from 'node:net';

/**
 * Which proxies in front of the hub to believe about `X-Forwarded-For`: none (the default),
 * a number of proxy hops, or the proxies' addresses and CIDR ranges.
 */
export type TrustProxy = false | number | readonly string[];

/** Reads `1`, `2` … (hops) or `10.0.0.1,10.0.0.0/8,::1` (addresses); `0`, `false`, empty: none. */
export function parseTrustProxy(text: string | undefined): TrustProxy {
  const value = text?.trim() ?? '';
  if (value === '' || value === '0' || value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value);
  const entries = value
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [address = '', bits] = entry.split('/');
    const family = isIP(address);
    const max = family === 6 ? 128 : 32;
    if (!family || (bits !== undefined && !(/^\d+$/.test(bits) && Number(bits) <= max))) {
      throw new Error(`trust proxy: ${entry} is not an IP address or CIDR range (nor a number of hops)`);
    }
  }
  return entries;
}

function blockListOf(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', bits] = entry.split('/');
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  return list;
}

/** `::ffff:192.0.2.1` is IPv4; `[2001:db8::1]` and `192.0.2.1:443` lose their brackets and ports. */
function cleanAddress(text: string): string | null {
  let value = text.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed?.[1]) value = bracketed[1];
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(':'));
  value = value.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1');
  return isIP(value) ? value : null;
}

/**
 * Finds the client's address from the connection's and the `X-Forwarded-For` header's, by the
 * trust setting. Each proxy appends the address it received from, so the list is read from the
 * right: the right-most address that is not a trusted proxy is the client (the left-most is
 * whatever the client chose to send, and believing it would let one client be anyone).
 */
export function clientAddressResolver(trust: TrustProxy): (socket: string, forwardedFor?: string) => string {
  const list = Array.isArray(trust) ? blockListOf(trust) : null;
  const trusted = (address: string) => list?.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4') ?? false;
  return (socket, forwardedFor) => {
    const peer = cleanAddress(socket) ?? socket;
    if (trust === false || !forwardedFor) return peer;
    const hops = forwardedFor.split(',').map(cleanAddress);
    if (typeof trust === 'number') {
      // `trust` proxies: the peer is the last; each appended one address before it.
      if (trust <= 0) return peer;
      const chain = [...hops, peer];
      const found = chain[Math.max(0, chain.length - 1 - trust)];
      return found ?? peer;
    }
    if (!trusted(peer)) return peer;
    for (let i = hops.length - 1; i >= 0; i -= 1) {
      const hop = hops[i];
      // An entry that is not an address: whatever is left of it was not written by a proxy we trust.
      if (!hop) return peer;
      if (!trusted(hop)) return hop;
    }
    return hops[0] ?? peer;
  };
}

/** Expands an IPv6 address to its eight groups. */
function ipv6Groups(address: string): number[] {
  let text = address.toLowerCase().replace(/%.*$/, '');
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const fill = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...fill, ...right].map((g) => parseInt(g, 16));
}

/**
 * The rate-limit identity of an address: an IPv4 address itself; an IPv6 address by its /64,
 * since one home or device is usually given a whole /64 and could otherwise be 2^64 clients.
 */
export function clientBucket(address: string): string {
  if (isIP(address) !== 6) return address;
  const groups = ipv6Groups(address).slice(0, 4);
  return `${groups.map((g) => g.toString(16)).join(':')}::/64`;
}
