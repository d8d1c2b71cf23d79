/**
 * What the hub takes from the platform: Web Crypto's random ids and bytes, base64url text, and
 * the WHATWG URL parser (for web origins).
 * Browsers and Node (22 and newer) both have these as globals; they are declared here because
 * the hub is type-checked without DOM or Node types, so nothing else of either slips in.
 */
declare const crypto: {
  randomUUID(): string;
  getRandomValues<T extends Uint8Array>(array: T): T;
};
declare function btoa(data: string): string;
declare const TextEncoder: new () => { encode(text: string): Uint8Array };
declare const URL: new (url: string) => { readonly protocol: string; readonly origin: string };

/** The origin (scheme, host, port) of a web address and its scheme; throws on what is not a URL. */
export function parseOrigin(url: string): { protocol: string; origin: string } {
  const { protocol, origin } = new URL(url);
  return { protocol, origin };
}

/** A random (version 4) UUID. */
export const newId = (): string => crypto.randomUUID();

export function randomBytes(n: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(n));
}

export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Text as UTF-8 bytes. */
export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
