/**
 * What the hub takes from the platform: Web Crypto's random ids and bytes, base64url text, and
 * the WHATWG URL parser (for web origins).
 * Browsers and Node (22 and newer) both have these as globals; they are declared here because
 * the hub is type-checked without DOM or Node types, so nothing else of either slips in.
 */
declare const crypto: {
  randomUUID(): string;
  getRandomValues<T extends Uint8Array>(array: T): T;
  subtle: {
    importKey(
      format: 'raw',
      key: Uint8Array,
      algorithm: { name: 'HMAC'; hash: 'SHA-256' },
      extractable: false,
      usages: ['sign'],
    ): Promise<unknown>;
    sign(algorithm: 'HMAC', key: unknown, data: Uint8Array): Promise<ArrayBuffer>;
  };
};
declare function btoa(data: string): string;
declare function atob(data: string): string;
declare const TextEncoder: new () => { encode(text: string): Uint8Array };
declare const TextDecoder: new (
  label: 'utf-8',
  options: { fatal: true },
) => { decode(bytes: Uint8Array): string };
declare const URL: new (url: string) => { readonly protocol: string; readonly origin: string };

/** The origin (scheme, host, port) of a web address and its scheme; throws on what is not a URL. */
export function parseOrigin(url: string): { protocol: string; origin: string } {
  const { protocol, origin } = new URL(url);
  return { protocol, origin };
}

/**
 * A new record's id: a version 7 UUID (RFC 9562), the time in milliseconds and 74 random bits.
 * Ids made one after another sort one after another, so a new row's key goes at the end of each
 * index that holds it instead of at a random place: a batch of creates then shares its index
 * pages (with random ids, bench/durable-writes wrote 64 KB to disk per create; with these, 39 KB). The time it tells is the record's own creation time, which its readers see anyway.
 */
export function newId(now: number = Date.now()): string {
  // Its 74 random bits are those of a random UUID (Node draws those from a pool: far cheaper
  // than asking for 16 random bytes each time), whose first 48 become the time and whose
  // version becomes 7: xxxxxxxx-xxxx-4xxx-yxxx-… → tttttttt-tttt-7xxx-yxxx-…
  const time = now.toString(16).padStart(12, '0');
  const random = crypto.randomUUID();
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${random.slice(15)}`;
}

/** A random token (a version 4 UUID): for what must not tell when it was made. */
export const randomId = (): string => crypto.randomUUID();

/**
 * Random values drawn from a pool the system fills 4 KiB at a time, for what is made many times a
 * second and is not a secret (a referral's reference): asking the system for five bytes on every
 * create was 2% of the main thread under load (issue 14).
 */
const POOL_SIZE = 4096;
let pool = new Uint8Array(0);
let poolUsed = 0;
export const pooledRandom = {
  getRandomValues<T extends Uint8Array>(array: T): T {
    if (array.length > POOL_SIZE) return crypto.getRandomValues(array);
    if (poolUsed + array.length > pool.length) {
      pool = crypto.getRandomValues(new Uint8Array(POOL_SIZE));
      poolUsed = 0;
    }
    array.set(pool.subarray(poolUsed, poolUsed + array.length));
    poolUsed += array.length;
    return array;
  },
};

export function randomBytes(n: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(n));
}

export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The bytes of base64url text; throws on what is not base64url. */
export function fromBase64url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('not base64url');
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** UTF-8 bytes as text; throws on bytes that are not UTF-8. */
export const utf8Text = (bytes: Uint8Array): string =>
  new TextDecoder('utf-8', { fatal: true }).decode(bytes);

/** An HMAC-SHA256 under `secret`, with Web Crypto (asynchronous, as Web Crypto is). */
export function webHmac(secret: Uint8Array): (data: string) => Promise<Uint8Array> {
  const key = crypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return async (data) => new Uint8Array(await crypto.subtle.sign('HMAC', await key, utf8(data)));
}

/** Text as UTF-8 bytes. */
export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
