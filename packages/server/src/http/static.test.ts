import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { IMMUTABLE, STRICT_CSP, negotiateEncoding, staticFiles } from './static.ts';
import type { HubEnv } from './app.ts';
import { testHub, type TestHub } from '../testing/hub.ts';
import { allowedHosts } from '../server.ts';

// A partner's page and the files it loads, served next to the API (`--static`).
const dir = mkdtempSync(join(tmpdir(), 'hubkit-static-'));
const site = join(dir, 'site');
const cdn = join(dir, 'cdn');
const SCRIPT = 'export const hello = "hubkit";\n';
const DEMO_KEY = 'pk_demo_StaticFilesTestKey000001';
mkdirSync(join(site, 'help'), { recursive: true });
mkdirSync(cdn);
writeFileSync(
  join(site, 'index.html'),
  `<!doctype html><title>Partner</title>
<script type="module" src="/cdn/app.js" integrity="{{integrity /cdn/app.js}}" crossorigin="anonymous"></script>
<hub-provider publishable-key="{{publishableKey}}" api-base="{{origin}}"></hub-provider>
<p>{{unknown}} {{integrity /cdn/missing.js}}</p>`,
);
writeFileSync(join(site, 'help', 'index.html'), '<!doctype html><title>Help</title>');
writeFileSync(join(site, 'site.css'), 'body { color: #0b0c0c; }');
writeFileSync(join(site, 'data.json'), '{"ok":true}');
writeFileSync(join(site, 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"></svg>');
writeFileSync(join(site, 'notes.bin'), 'x');
writeFileSync(join(site, '.env'), 'SECRET=1');
writeFileSync(join(dir, 'secret.txt'), 'outside');
writeFileSync(join(cdn, 'app.js'), SCRIPT);
// Files big enough to be worth compressing: a chunk named by its content hash, and a loader without one.
const CHUNK = `export const words = ${JSON.stringify('hubkit '.repeat(400))};\n`;
const LOADER = `import('./chunk.0123abcd4567.js'); // ${'loader '.repeat(100)}\n`;
writeFileSync(join(cdn, 'chunk.0123abcd4567.js'), CHUNK);
writeFileSync(join(cdn, 'hubkit-elements-0.1.0.loader.js'), LOADER);
symlinkSync(join(dir, 'secret.txt'), join(site, 'link.txt'));

let hub: TestHub;
let homeOnly: TestHub;
before(async () => {
  hub = await testHub({
    demo: true,
    publishableKey: DEMO_KEY,
    allowedOrigins: ['https://vcs.example.org'],
    static: [
      { path: '/', dir: site },
      { path: '/cdn/', dir: cdn },
    ],
  });
  homeOnly = await testHub({ static: [{ path: '/cdn', dir: cdn }] });
});
after(async () => {
  await hub.close();
  await homeOnly.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A request exactly as written, dots and all (fetch would resolve them first). */
function raw(url: string, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}${path}`, { path }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('static files next to the API', () => {
  it('serves each file with its content type', async () => {
    for (const [path, type] of [
      ['/', /^text\/html; charset=utf-8$/],
      ['/index.html', /^text\/html; charset=utf-8$/],
      ['/help/', /^text\/html; charset=utf-8$/],
      ['/site.css', /^text\/css; charset=utf-8$/],
      ['/data.json', /^application\/json; charset=utf-8$/],
      ['/logo.svg', /^image\/svg\+xml$/],
      ['/notes.bin', /^application\/octet-stream$/],
      ['/cdn/app.js', /^text\/javascript; charset=utf-8$/],
    ] as const) {
      const answer = await hub.request('GET', path, { key: null });
      assert.equal(answer.status, 200, path);
      assert.match(answer.headers.get('content-type') ?? '', type, path);
      assert.equal(answer.headers.get('x-content-type-options'), 'nosniff', path);
      assert.ok(answer.headers.get('x-request-id'), path);
    }
    const script = await hub.request('GET', '/cdn/app.js', { key: null });
    assert.equal(script.text, SCRIPT);
    const head = await fetch(`${hub.url}/site.css`, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(await head.text(), '');
  });

  it('gives HTML pages a strict CSP and security headers', async () => {
    const page = await hub.request('GET', '/', { key: null });
    const csp = page.headers.get('content-security-policy') ?? '';
    assert.equal(csp, STRICT_CSP);
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
      "require-trusted-types-for 'script'",
    ])
      assert.ok(csp.includes(directive), directive);
    assert.doesNotMatch(csp, /unsafe/);
    assert.equal(page.headers.get('x-frame-options'), 'DENY');
    assert.equal(page.headers.get('referrer-policy'), 'no-referrer');
    assert.equal(page.headers.get('cache-control'), 'no-cache');
    const css = await hub.request('GET', '/site.css', { key: null });
    assert.equal(css.headers.get('content-security-policy'), null, 'only pages need a policy');
  });

  it('fills in the demo publishable key, the page’s origin and SRI hashes, escaped; leaves unknown ones', async () => {
    const page = await hub.request('GET', '/', { key: null });
    const hash = `sha384-${createHash('sha384').update(SCRIPT).digest('base64')}`;
    assert.ok(page.text.includes(`integrity="${hash}"`), page.text);
    assert.ok(page.text.includes(`publishable-key="${DEMO_KEY}"`), page.text);
    assert.ok(page.text.includes(`api-base="${hub.url}"`), page.text);
    assert.ok(page.text.includes('<p>{{unknown}} </p>'), 'an unknown name stays; a missing file has no hash');
  });

  it('escapes what it fills in', async () => {
    const app = new Hono<HubEnv>();
    staticFiles(app, {
      mounts: [{ path: '/', dir: site }],
      variables: () => ({ publishableKey: '"><script>&', origin: 'http://hub.test/?a="b"' }),
    });
    const text = await (await app.request('http://hub.test/')).text();
    assert.ok(text.includes('publishable-key="&quot;&gt;&lt;script&gt;&amp;"'), text);
    assert.ok(text.includes('api-base="http://hub.test/?a=&quot;b&quot;"'), text);
  });

  it('lets the demo publishable key work from the page’s own origin as well as the ones given', async () => {
    for (const origin of [hub.url, `http://localhost:${hub.port}`, 'https://vcs.example.org']) {
      const answer = await hub.request('GET', '/v1/services?limit=1', {
        key: DEMO_KEY,
        headers: { Origin: origin },
      });
      assert.equal(answer.status, 200, origin);
      assert.equal(answer.headers.get('access-control-allow-origin'), origin);
    }
    const other = await hub.request('GET', '/v1/services?limit=1', {
      key: DEMO_KEY,
      headers: { Origin: 'https://elsewhere.example.org' },
    });
    assert.equal(other.status, 403);
  });

  it('serves nothing outside its directories: no dot segments, encoded slashes, hidden files or links out', async () => {
    for (const path of [
      '/../secret.txt',
      '/cdn/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/..%5csecret.txt',
      '/cdn/..%2f..%2fsecret.txt',
      '/.env',
      '/%2eenv',
      '/link.txt',
      '/help%00/index.html',
      '/%E0%A4%A',
    ]) {
      const status = await raw(hub.url, path);
      assert.equal(status, 404, path);
    }
  });

  it('answers missing files with the API’s 404 problem, and a mount without its slash with a redirect', async () => {
    const missing = await hub.request('GET', '/nothing.html', { key: null });
    assert.equal(missing.status, 404);
    assert.match(missing.headers.get('content-type') ?? '', /^application\/problem\+json/);
    assert.equal(missing.body.code, 'not_found');
    assert.equal((await hub.request('GET', '/help', { key: null })).status, 404, 'a directory is not a file');
    const redirect = await fetch(`${hub.url}/cdn`, { redirect: 'manual' });
    assert.equal(redirect.status, 308);
    assert.equal(redirect.headers.get('location'), '/cdn/');
    assert.equal((await hub.request('GET', '/cdn/', { key: null })).status, 404, 'no index.html, no listing');
  });

  it('leaves the API as it was', async () => {
    assert.equal((await hub.request('GET', '/healthz', { key: null })).status, 200);
    assert.equal((await hub.request('GET', '/v1/openapi.json', { key: null })).body.openapi, '3.1.0');
    assert.equal((await hub.request('GET', '/v1/referrals', { key: null })).status, 401);
    assert.equal((await hub.request('PUT', '/v1/referrals')).status, 405);
    assert.equal((await hub.request('GET', '/v1/nothing')).status, 404);
    assert.equal((await hub.request('POST', '/site.css', { key: null })).status, 404, 'files are read-only');
  });

  it('keeps the hub’s home page at / when no mounted directory has an index there', async () => {
    const home = await homeOnly.request('GET', '/', { key: null });
    assert.equal(home.status, 200);
    assert.match(home.text, /hubkit reference hub/);
    assert.equal((await homeOnly.request('GET', '/cdn/app.js', { key: null })).text, SCRIPT);
  });
});

/** A GET as a browser sends it, the body left as it came over the wire (fetch would decode it). */
function wire(
  url: string,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}${path}`, { headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (part: Buffer) => parts.push(part));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('served the way a CDN serves', () => {
  it('answers brotli or gzip as Accept-Encoding allows, the same bytes once decoded, and Vary', async () => {
    const br = await wire(hub.url, '/cdn/chunk.0123abcd4567.js', { 'Accept-Encoding': 'gzip, deflate, br' });
    assert.equal(br.status, 200);
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(br.headers.vary, 'Accept-Encoding');
    assert.equal(brotliDecompressSync(br.body).toString(), CHUNK);
    assert.ok(br.body.length < CHUNK.length / 10, `${br.body.length} bytes for ${CHUNK.length}`);

    const gzip = await wire(hub.url, '/cdn/chunk.0123abcd4567.js', { 'Accept-Encoding': 'gzip' });
    assert.equal(gzip.headers['content-encoding'], 'gzip');
    assert.equal(gunzipSync(gzip.body).toString(), CHUNK);

    const refused = await wire(hub.url, '/cdn/chunk.0123abcd4567.js', { 'Accept-Encoding': 'br;q=0, gzip' });
    assert.equal(refused.headers['content-encoding'], 'gzip', 'br;q=0 refuses brotli');

    const plain = await wire(hub.url, '/cdn/chunk.0123abcd4567.js', {});
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.headers.vary, 'Accept-Encoding');
    assert.equal(plain.body.toString(), CHUNK);
  });

  it('compresses pages too, filled in', async () => {
    const page = await wire(hub.url, '/', { 'Accept-Encoding': 'br' });
    assert.equal(page.headers['content-encoding'], 'br');
    assert.ok(brotliDecompressSync(page.body).toString().includes(`publishable-key="${DEMO_KEY}"`));
    assert.equal(page.headers['cache-control'], 'no-cache');
    const image = await wire(hub.url, '/notes.bin', { 'Accept-Encoding': 'br' });
    assert.equal(image.headers['content-encoding'], undefined, 'not text: as it is');
  });

  it('caches files named by their content hash immutably, and revalidates the others by ETag', async () => {
    const chunk = await wire(hub.url, '/cdn/chunk.0123abcd4567.js', { 'Accept-Encoding': 'br' });
    assert.equal(chunk.headers['cache-control'], IMMUTABLE);
    assert.equal(IMMUTABLE, 'public, max-age=31536000, immutable');

    const loader = await wire(hub.url, '/cdn/hubkit-elements-0.1.0.loader.js', { 'Accept-Encoding': 'br' });
    assert.equal(loader.headers['cache-control'], 'no-cache');
    const etag = loader.headers.etag;
    assert.equal(typeof etag, 'string');
    const again = await wire(hub.url, '/cdn/hubkit-elements-0.1.0.loader.js', {
      'Accept-Encoding': 'br',
      'If-None-Match': String(etag),
    });
    assert.equal(again.status, 304);
    assert.equal(again.body.length, 0);
    assert.equal(again.headers.etag, etag);

    // A new version of the file is a new ETag: the next revalidation gets the new bytes.
    writeFileSync(join(cdn, 'hubkit-elements-0.1.0.loader.js'), `${LOADER}// v2\n`);
    try {
      const changed = await wire(hub.url, '/cdn/hubkit-elements-0.1.0.loader.js', {
        'Accept-Encoding': 'gzip',
        'If-None-Match': String(etag),
      });
      assert.equal(changed.status, 200);
      assert.notEqual(changed.headers.etag, etag);
      assert.equal(gunzipSync(changed.body).toString(), `${LOADER}// v2\n`);
    } finally {
      writeFileSync(join(cdn, 'hubkit-elements-0.1.0.loader.js'), LOADER);
    }
  });

  it('reads Accept-Encoding the way RFC 9110 writes it', () => {
    assert.equal(negotiateEncoding(undefined), 'identity');
    assert.equal(negotiateEncoding(''), 'identity');
    assert.equal(negotiateEncoding('gzip, deflate, br, zstd'), 'br');
    assert.equal(negotiateEncoding('GZIP'), 'gzip');
    assert.equal(negotiateEncoding('br;q=0, gzip;q=0.5'), 'gzip');
    assert.equal(negotiateEncoding('*'), 'br');
    assert.equal(negotiateEncoding('*;q=0, identity'), 'identity');
    assert.equal(negotiateEncoding('deflate'), 'identity');
  });
});

/** A GET with a Host header of our choosing (fetch would not let us set it). */
function withHost(port: number, path: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers: { Host: host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('host names', () => {
  it('refuses a Host the hub was not configured for with a 421 problem, pages and API alike', async () => {
    for (const host of [
      'evil.example',
      `evil.example:${hub.port}`,
      `localhost.evil.example:${hub.port}`,
      `127.0.0.1:${hub.port + 1}`,
    ]) {
      for (const path of ['/', '/cdn/app.js', '/v1/services', '/healthz']) {
        const answer = await withHost(hub.port, path, host);
        assert.equal(answer.status, 421, `${host} ${path}`);
        const problem = JSON.parse(answer.body) as { code: string };
        assert.equal(problem.code, 'unknown_host');
        assert.ok(!answer.body.includes(DEMO_KEY), 'no page, no key');
      }
    }
  });

  it('answers its own loopback names, and fills {{origin}} with the one the page was asked on', async () => {
    for (const host of [`127.0.0.1:${hub.port}`, `localhost:${hub.port}`, `[::1]:${hub.port}`]) {
      const page = await withHost(hub.port, '/', host);
      assert.equal(page.status, 200, host);
      assert.ok(page.body.includes(`api-base="http://${host}"`), page.body);
    }
    // Host names are case-insensitive; {{origin}} is written the hub's way.
    const upper = await withHost(hub.port, '/', `LocalHost:${hub.port}`);
    assert.ok(upper.body.includes(`api-base="http://localhost:${hub.port}"`), upper.body);
  });

  it('fills {{origin}} from HUBKIT_PUBLIC_URL, whatever name the page was asked on', async () => {
    const public_ = await testHub({
      publicUrl: 'https://hub.example.org',
      static: [{ path: '/', dir: site }],
    });
    try {
      for (const host of ['hub.example.org', `127.0.0.1:${public_.port}`, `localhost:${public_.port}`]) {
        const page = await withHost(public_.port, '/', host);
        assert.equal(page.status, 200, host);
        assert.ok(page.body.includes('api-base="https://hub.example.org"'), page.body);
      }
      assert.equal((await withHost(public_.port, '/', 'hub.example.org.evil.example')).status, 421);
    } finally {
      await public_.close();
    }
  });
});

describe('allowedHosts', () => {
  it('is the public host, the listen address and, on loopback, every loopback name, with the port', () => {
    assert.deepEqual(
      [...allowedHosts('127.0.0.1', 8787, 'https://Hub.Example.org/hub', ['LocalHost:9000'])].sort(),
      ['127.0.0.1:8787', '[::1]:8787', 'hub.example.org', 'localhost:8787', 'localhost:9000'],
    );
    assert.deepEqual([...allowedHosts('192.0.2.10', 443, 'https://hub.example.org:8443')].sort(), [
      '192.0.2.10:443',
      'hub.example.org:8443',
    ]);
    assert.ok(allowedHosts('::1', 80).has('[::1]'), 'port 80 is left out by browsers');
    const everywhere = allowedHosts('0.0.0.0', 8787);
    for (const name of ['0.0.0.0:8787', 'localhost:8787', '127.0.0.1:8787', '[::1]:8787'])
      assert.ok(everywhere.has(name), name);
  });
});
