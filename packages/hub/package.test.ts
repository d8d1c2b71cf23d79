import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { moduleSpecifiers, readManifest, runtimeExports, typeExports } from '../../scripts/exports-check.mjs';

// Checks the built package (run after `npm run build`, as the test command does).
const dir = import.meta.dirname;
const manifest = readManifest(dir);
const specifiers = moduleSpecifiers(dir);

describe('@hubkit/hub as published', () => {
  // The schema, and the proof-of-work puzzle's library (its rule is the core's, one for the
  // server and the mocks): nothing else, and no framework.
  it('is ESM, free of side effects, for Node 22 or newer, on the schema and the puzzle alone', () => {
    assert.equal(manifest.type, 'module');
    assert.equal(manifest.sideEffects, false);
    assert.equal(manifest.engines?.node, '>=22');
    assert.deepEqual(specifiers, ['@hubkit/hub']);
    assert.deepEqual(Object.keys(manifest.dependencies ?? {}), ['@hubkit/schema', 'altcha-lib']);
  });

  const runtime = runtimeExports(specifiers);

  it('resolves its types for an ESM consumer in Node and in a browser, without errors', () => {
    assert.deepEqual(typeExports(specifiers, 'node').diagnostics, []);
    assert.deepEqual(typeExports(specifiers, 'browser').diagnostics, []);
  });

  it('exports at run time exactly the values its types declare', () => {
    const types = typeExports(specifiers, 'node');
    assert.deepEqual(runtime['@hubkit/hub'], types.names['@hubkit/hub']);
    for (const name of ['Hub', 'MemoryStore', 'answerRoute', 'handlers', 'ProblemError'])
      assert.ok(runtime['@hubkit/hub']?.includes(name), name);
  });
});
