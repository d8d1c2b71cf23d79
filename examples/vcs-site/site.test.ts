import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { root, startSite } from '../testing/start-site.ts';

const cdn = join(root, 'packages', 'elements', 'dist', 'cdn');
const KEY = 'pk_demo_ExampleSiteSmokeTest0001';

let url = '';
let stop: () => Promise<void> = () => Promise.resolve();

before(async () => {
  ({ url, stop } = await startSite({ publishable: KEY, secret: 'sk_demo_ExampleSiteSmokeTestSecret00001' }));
});
after(async () => {
  await stop();
});

/** The page as served, and the CDN script it loads. */
async function page() {
  const response = await fetch(`${url}/`);
  const html = await response.text();
  const script =
    /<script\s+type="module"\s+src="([^"]+)"\s+integrity="([^"]*)"\s+crossorigin="anonymous"/.exec(html);
  return { response, html, src: script?.[1], integrity: script?.[2] };
}

describe('the example partner site, as npm start serves it', () => {
  it('is the Northfield Community Advice page with the provider, the finder and the referral form', async () => {
    const { response, html } = await page();
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/html; charset=utf-8/);
    assert.match(html, /<title>[^<]*Northfield Community Advice<\/title>/);
    assert.match(html, /<hub-provider [^>]*>[\s\S]*<hub-service-finder>[\s\S]*<hub-referral-form>/);
    assert.doesNotMatch(html, /\{\{/, 'every placeholder is filled in');
  });

  it('has a strict CSP, in the page and in the header: no inline script or style, Trusted Types', async () => {
    const { response, html } = await page();
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    for (const policy of [meta, response.headers.get('content-security-policy')]) {
      assert.ok(policy);
      for (const directive of [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "require-trusted-types-for 'script'",
      ])
        assert.ok(policy.includes(directive), `${directive} in ${policy}`);
      assert.doesNotMatch(policy, /unsafe-(inline|eval)/);
    }
    assert.equal(response.headers.get('x-frame-options'), 'DENY');
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    // Nothing inline for the policy to block.
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script');
    assert.doesNotMatch(html, /<style|\sstyle=|\son[a-z]+=/i, 'no inline style or handlers');
  });

  it('loads the versioned CDN loader from the same origin with the SRI hash of sri.json and of its bytes', async () => {
    const { src, integrity } = await page();
    assert.ok(src, 'a module script with integrity and crossorigin');
    const version = (
      JSON.parse(readFileSync(join(root, 'packages', 'elements', 'package.json'), 'utf8')) as {
        version: string;
      }
    ).version;
    assert.equal(src, `/cdn/hubkit-elements-${version}.loader.js`);
    const sri = JSON.parse(readFileSync(join(cdn, 'sri.json'), 'utf8')) as Record<string, string>;
    assert.equal(integrity, sri[`hubkit-elements-${version}.loader.js`]);
    const script = await fetch(`${url}${src}`);
    assert.equal(script.status, 200);
    assert.match(script.headers.get('content-type') ?? '', /^text\/javascript/);
    const bytes = Buffer.from(await script.arrayBuffer());
    assert.equal(`sha384-${createHash('sha384').update(bytes).digest('base64')}`, integrity);
    // The loader is revalidated (its name has no content hash); the chunks it loads never change.
    assert.equal(script.headers.get('cache-control'), 'no-cache');
    assert.ok(script.headers.get('etag'));
    const chunk = Object.keys(sri).find((file) => /\.[0-9a-f]{8}\.js$/.test(file));
    assert.ok(chunk, 'content-hashed chunks beside the loader');
    const chunkAnswer = await fetch(`${url}/cdn/${chunk}`, { headers: { 'Accept-Encoding': 'br' } });
    assert.equal(chunkAnswer.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.equal(chunkAnswer.headers.get('content-encoding'), 'br');
    assert.ok(bytes.includes(sri[chunk] ?? '-'), 'the loader carries each chunk’s hash');
  });

  it('serves its stylesheet and wiring script, and nothing outside its directories', async () => {
    const css = await fetch(`${url}/site.css`);
    assert.equal(css.status, 200);
    assert.match(css.headers.get('content-type') ?? '', /^text\/css/);
    const js = await fetch(`${url}/site.js`);
    assert.equal(js.status, 200);
    assert.match(await js.text(), /hub-service-select/);
    for (const path of [
      '/site.test.ts/..%2f..%2fpackage.json',
      '/cdn/..%2f..%2fpackage.json',
      '/nothing.html',
    ])
      assert.equal((await fetch(`${url}${path}`)).status, 404, path);
  });

  it('gives the page the demo publishable key and this hub as api-base, and the key works from the page', async () => {
    const { html } = await page();
    const provider = /<hub-provider\s+publishable-key="([^"]+)"\s+api-base="([^"]+)"/.exec(html);
    assert.equal(provider?.[1], KEY);
    assert.equal(provider[2], url);
    // From the page's origin, as the elements call it: CORS allows it and the key is accepted.
    const search = await fetch(`${url}/v1/services?limit=5`, {
      headers: { Authorization: `Bearer ${KEY}`, Origin: url },
    });
    assert.equal(search.status, 200);
    assert.equal(search.headers.get('access-control-allow-origin'), url);
  });
});
