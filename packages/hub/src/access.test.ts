import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { requestOrigin, sessionKindOf } from './index.ts';

describe('sessionKindOf', () => {
  it('gives a referrer’s secret key staff tokens and a hub’s report tokens, and nobody else any', () => {
    assert.equal(sessionKindOf({ kind: 'secret', role: 'referrer' }), 'session');
    assert.equal(sessionKindOf({ kind: 'secret', role: 'hub' }), 'reportSession');
    assert.equal(sessionKindOf({ kind: 'secret', role: 'provider' }), null);
    assert.equal(sessionKindOf({ kind: 'publishable', role: 'referrer' }), null);
  });
});

describe('requestOrigin', () => {
  const own = 'https://hub.example.org';
  it('is the Origin sent, whatever Sec-Fetch-Site says', () => {
    assert.equal(requestOrigin('https://portal.example', 'same-origin', own), 'https://portal.example');
    assert.equal(requestOrigin('null', 'same-origin', own), 'null');
  });

  it('is the hub’s own, normalised, when a browser says same-origin and sends no Origin', () => {
    assert.equal(requestOrigin(undefined, 'same-origin', own), own);
    assert.equal(requestOrigin(null, 'Same-Origin', 'https://Hub.Example.org:443/v1'), own);
  });

  it('is none without Origin from anywhere else, or without Sec-Fetch-Site, or without an own origin', () => {
    for (const site of ['same-site', 'cross-site', 'none', '', undefined, null])
      assert.equal(requestOrigin(undefined, site, own), null, String(site));
    assert.equal(requestOrigin(undefined, 'same-origin', ''), null);
  });
});
