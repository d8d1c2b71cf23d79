import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { moduleSpecifiers, readManifest, runtimeExports, typeExports } from '../../scripts/exports-check.mjs';

// Checks the built package (run after `npm run build`, as the test command does).
const dir = import.meta.dirname;
const manifest = readManifest(dir);
const specifiers = moduleSpecifiers(dir);

describe('@hubkit/sdk as published', () => {
  it('is ESM, free of side effects, for Node 22 or newer, on ky, zod, @noble/hashes and the schema only', () => {
    assert.equal(manifest.type, 'module');
    assert.equal(manifest.sideEffects, false);
    assert.equal(manifest.engines?.node, '>=22');
    assert.deepEqual(specifiers, ['@hubkit/sdk']);
    // @noble/hashes: the proof-of-work solver's SHA-256, loaded only when a hub asks for proof.
    assert.deepEqual(Object.keys(manifest.dependencies ?? {}).sort(), [
      '@hubkit/schema',
      '@noble/hashes',
      'ky',
      'zod',
    ]);
  });

  const runtime = runtimeExports(specifiers);

  it('resolves its types for ESM consumers in Node and in browsers, without errors', () => {
    assert.deepEqual(typeExports(specifiers, 'node').diagnostics, []);
    assert.deepEqual(typeExports(specifiers, 'browser').diagnostics, []);
  });

  it('exports at run time exactly the values its types declare: the class, the functions, the errors', () => {
    const types = typeExports(specifiers, 'browser');
    assert.deepEqual(runtime['@hubkit/sdk'], types.names['@hubkit/sdk']);
    for (const name of [
      'Hubkit',
      'createClient',
      'createReferral',
      'searchServices',
      'RateLimitError',
      'ValidationError',
    ]) {
      assert.ok(runtime['@hubkit/sdk']?.includes(name), name);
    }
  });
});
