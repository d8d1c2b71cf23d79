/**
 * Static files next to the API, such as a partner's web page and the files it loads (`npm start`
 * serves the example partner site and the elements' CDN files this way). Each mount maps a URL
 * path to a directory; `<path>/` serves its `index.html`. Only files inside the directory are
 * served: no `..`, no hidden files, no symbolic links out of it. HTML pages get a strict
 * Content-Security-Policy, and may hold placeholders filled in at serve time:
 *
 *   {{publishableKey}}   the demo publishable key, when the hub runs with --demo
 *   {{origin}}           the hub's origin, like http://localhost:8787: from its configuration
 *                        (HUBKIT_PUBLIC_URL, or the address it listens on), never from a
 *                        request's Host header unless that is one the hub was configured for
 *   {{integrity /path}}  the SHA-384 Subresource Integrity hash of the file served at /path
 *
 * Served the way a CDN serves: text files compressed with brotli or gzip, as the request's
 * `Accept-Encoding` allows (compressed once per file version and kept in memory; `Vary:
 * Accept-Encoding`). A file whose name carries a content hash (`lit.3fa9b1c2d4e5.js`, as the
 * elements' CDN build names its chunks) never changes: `Cache-Control: public, max-age=31536000,
 * immutable`. Any other file is revalidated (`no-cache` with an `ETag`; `304` when unchanged).
 */
import { createHash } from 'node:crypto';
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { extname, resolve, sep } from 'node:path';
import type { Hono } from 'hono';
import type { HubEnv } from './app.ts';

export interface StaticMount {
  /** The URL path the directory is served under: `/` or `/cdn/`. */
  path: string;
  /** The directory. */
  dir: string;
}

export interface StaticOptions {
  mounts: readonly StaticMount[];
  /** Values for the `{{name}}` placeholders of HTML pages, given the request's Host header. */
  variables?: (host: string | undefined) => Record<string, string | undefined>;
  /** The Content-Security-Policy of HTML pages (default: STRICT_CSP). */
  csp?: string;
}

/** No inline script or style, no eval, Trusted Types required; everything from this origin only. */
export const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; " +
  "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; " +
  "require-trusted-types-for 'script'";

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** Worth compressing: text, JSON, SVG, source maps. */
const compressible = (type: string) => /^(text\/|application\/json|image\/svg\+xml)/.test(type);

/** A name with a content hash before its extension (`name.<8+ hex digits>.js`) names bytes that never change. */
export const isVersioned = (file: string) => /\.[0-9a-f]{8,}\.[a-z0-9]+$/i.test(file);

export const IMMUTABLE = 'public, max-age=31536000, immutable';

type Encoding = 'br' | 'gzip' | 'identity';

/**
 * The encoding to answer in: brotli, else gzip, else none, as `Accept-Encoding` allows (an
 * encoding with `q=0` is refused; `*` stands for any not named).
 */
export function negotiateEncoding(header: string | undefined): Encoding {
  const q = new Map<string, number>();
  for (const part of (header ?? '').toLowerCase().split(',')) {
    const [name = '', ...params] = part.trim().split(';');
    if (!name) continue;
    const weight = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    q.set(name.trim(), weight === undefined ? 1 : Number(weight));
  }
  const accepts = (name: string) => (q.get(name) ?? q.get('*') ?? 0) > 0;
  if (accepts('br')) return 'br';
  if (accepts('gzip')) return 'gzip';
  return 'identity';
}

/** Files are compressed once, as small as can be; pages (filled in per request) quickly. */
function compress(bytes: Buffer, encoding: Exclude<Encoding, 'identity'>, once: boolean): Buffer {
  return encoding === 'br'
    ? brotliCompressSync(bytes, {
        params: {
          [zlib.BROTLI_PARAM_QUALITY]: once ? zlib.BROTLI_MAX_QUALITY : 5,
          [zlib.BROTLI_PARAM_SIZE_HINT]: bytes.length,
          [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT,
        },
      })
    : gzipSync(bytes, { level: once ? 9 : 6 });
}

/** A file's bytes, its ETag and its compressed forms, made once per version of the file. */
interface Cached {
  stamp: string;
  bytes: Buffer;
  etag: string;
  encoded: Partial<Record<Exclude<Encoding, 'identity'>, Buffer>>;
}

/** A mount's path as `/` or `/x/`. */
function normalisePath(path: string): string {
  const trimmed = path.replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}

/**
 * The file a URL path names inside a mount, or null: every segment decoded and checked, the
 * result inside the directory even after symbolic links are followed.
 */
function fileFor(mount: { path: string; root: string }, pathname: string): string | null {
  if (!pathname.startsWith(mount.path)) return null;
  const rest = pathname.slice(mount.path.length);
  const segments = (rest === '' || rest.endsWith('/') ? `${rest}index.html` : rest).split('/');
  const decoded: string[] = [];
  for (const segment of segments) {
    let name: string;
    try {
      name = decodeURIComponent(segment);
    } catch {
      return null;
    }
    if (!name || name.startsWith('.') || /[/\\\0]/.test(name)) return null;
    decoded.push(name);
  }
  const file = resolve(mount.root, ...decoded);
  if (!file.startsWith(mount.root + sep)) return null;
  try {
    const real = realpathSync(file);
    if (!real.startsWith(mount.root + sep) || !statSync(real).isFile()) return null;
    return real;
  } catch {
    return null;
  }
}

const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch,
  );

export function staticFiles(app: Hono<HubEnv>, options: StaticOptions): void {
  const mounts = options.mounts.map((m) => {
    const dir = resolve(m.dir);
    let root = dir;
    try {
      root = realpathSync(dir);
    } catch {
      // A directory that does not exist (yet) serves nothing.
    }
    return { path: normalisePath(m.path), root };
  });
  // The longest path first: `/cdn/` before `/`.
  mounts.sort((a, b) => b.path.length - a.path.length);
  const find = (pathname: string): string | null => {
    for (const mount of mounts) {
      const file = fileFor(mount, pathname);
      if (file) return file;
    }
    return null;
  };

  const integrity = (path: string): string => {
    const file = find(path);
    return file ? `sha384-${createHash('sha384').update(readFileSync(file)).digest('base64')}` : '';
  };

  const cache = new Map<string, Cached>();
  const cached = (file: string): Cached => {
    const stat = statSync(file);
    const stamp = `${stat.size}-${stat.mtimeMs}`;
    let entry = cache.get(file);
    if (entry?.stamp !== stamp) {
      const bytes = readFileSync(file);
      const etag = `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"`;
      entry = { stamp, bytes, etag, encoded: {} };
      cache.set(file, entry);
    }
    return entry;
  };
  const encode = (bytes: Buffer, type: string, acceptEncoding: string | undefined, entry?: Cached) => {
    if (!compressible(type) || bytes.length < 256) return { body: bytes, headers: {} };
    const encoding = negotiateEncoding(acceptEncoding);
    const vary = { Vary: 'Accept-Encoding' };
    if (encoding === 'identity') return { body: bytes, headers: vary };
    let body = entry?.encoded[encoding];
    if (!body) {
      body = compress(bytes, encoding, entry !== undefined);
      if (entry) entry.encoded[encoding] = body;
    }
    return { body, headers: { ...vary, 'Content-Encoding': encoding } };
  };

  app.get('*', async (c, next) => {
    const pathname = new URL(c.req.url).pathname;
    if (!mounts.some((m) => pathname.startsWith(m.path) || `${pathname}/` === m.path)) return next();
    // `/cdn` is the directory `/cdn/`.
    if (!pathname.endsWith('/') && mounts.some((m) => `${pathname}/` === m.path))
      return c.redirect(`${pathname}/`, 308);
    const file = find(pathname);
    if (!file) return next();
    const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    const headers: Record<string, string> = { 'Content-Type': type, 'Cache-Control': 'no-cache' };
    if (!type.startsWith('text/html')) {
      const entry = cached(file);
      headers['Cache-Control'] = isVersioned(file) ? IMMUTABLE : 'no-cache';
      headers.ETag = entry.etag;
      const { body, headers: encoding } = encode(entry.bytes, type, c.req.header('accept-encoding'), entry);
      Object.assign(headers, encoding);
      const match = c.req.header('if-none-match');
      if (match?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === entry.etag))
        return c.body(null, 304, headers);
      return c.body(new Uint8Array(body), 200, headers);
    }

    const variables: Record<string, string | undefined> = { ...options.variables?.(c.req.header('host')) };
    const html = readFileSync(file, 'utf8').replace(
      /\{\{\s*(integrity\s+(\/[^\s}]*)|\w+)\s*\}\}/g,
      (whole, name: string, path: string | undefined) => {
        const value = path !== undefined ? integrity(path) : variables[name];
        return value === undefined ? whole : escapeHtml(value);
      },
    );
    const { body, headers: encoding } = encode(Buffer.from(html), type, c.req.header('accept-encoding'));
    return c.body(new Uint8Array(body), 200, {
      ...headers,
      ...encoding,
      'Content-Security-Policy': options.csp ?? STRICT_CSP,
      'X-Frame-Options': 'DENY',
      'Cross-Origin-Opener-Policy': 'same-origin',
    });
  });
}
