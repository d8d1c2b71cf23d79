/**
 * The package as a bundler sees it: importing it does nothing, and a bundle that only uses the
 * fixture factories leaves msw and the request handlers out.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { build } from 'esbuild';

async function bundle(source: string): Promise<string> {
  const result = await build({
    stdin: { contents: source, resolveDir: import.meta.dirname, loader: 'ts' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    conditions: ['source'],
    external: ['msw'],
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}

describe('the package', () => {
  it('does nothing when imported: a bundle that imports it and uses nothing is empty', async () => {
    const code = await bundle(`import './index.ts';`);
    assert.equal(code.replace(/\/\/.*$/gm, '').trim(), '');
  });

  it('leaves msw and the handlers out of a bundle that only makes fixtures', async () => {
    const code = await bundle(`import { make } from './index.ts'; console.log(make.referral());`);
    assert.match(code, /packages\/mocks\/src\/factories\.ts/, 'the factories are there');
    assert.doesNotMatch(code, /from ["']msw["']/);
    assert.doesNotMatch(code, /use a new key/, 'the handlers’ own words are not');
    assert.doesNotMatch(code, /whsec_/);
  });

  it('brings msw in for the handlers', async () => {
    const code = await bundle(`import { createHubMock } from './index.ts'; console.log(createHubMock());`);
    assert.match(code, /from ["']msw["']/);
    assert.match(code, /use a new key/);
  });
});
