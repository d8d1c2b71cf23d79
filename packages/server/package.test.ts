import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { moduleSpecifiers, readManifest, runtimeExports, typeExports } from '../../scripts/exports-check.mjs';

// Checks the built package (run after `npm run build`, as the test command does).
const dir = import.meta.dirname;
const manifest = readManifest(dir);
const specifiers = moduleSpecifiers(dir);

describe('@hubkit/server as published', () => {
  it('is ESM for Node 22 or newer, with a hubkit-server command', () => {
    assert.equal(manifest.type, 'module');
    assert.equal(manifest.engines?.node, '>=22');
    assert.deepEqual((manifest as { bin?: unknown }).bin, { 'hubkit-server': './bin/hubkit-server.js' });
    assert.deepEqual(specifiers, ['@hubkit/server', '@hubkit/server/cli']);
    assert.deepEqual(Object.keys(manifest.dependencies ?? {}).sort(), [
      '@hono/node-server',
      '@hubkit/hub',
      '@hubkit/schema',
      // Proof-of-work challenges for publishable keys under attack.
      'altcha-lib',
      'hono',
      // The PostgreSQL store's driver (decision 17).
      'pg',
    ]);
  });

  const runtime = runtimeExports(specifiers);
  const types = typeExports(specifiers, 'node');

  it('resolves its types for an ESM consumer in Node, without errors', () => {
    assert.deepEqual(types.diagnostics, []);
  });

  it('exports at run time exactly the values its types declare', () => {
    for (const specifier of specifiers)
      assert.deepEqual(runtime[specifier], types.names[specifier], specifier);
    assert.ok(runtime['@hubkit/server']?.includes('startHub'));
    assert.ok(runtime['@hubkit/server']?.includes('SqliteStore'));
  });
});
