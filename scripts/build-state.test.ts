/**
 * What `npm start` rebuilds (scripts/build-state.mjs), on a small workspace of its own: a package
 * is rebuilt when its own sources, a workspace package it depends on, or the build's tools change,
 * or when its dist/ is gone; not for a test file, a touched file or another package's change.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import {
  inputsHash as inputs,
  stalePackages as stale,
  workspacePackages,
  writeStamp as stamp,
} from './build-state.mjs';

let root = '';
const write = (path: string, text: string) => {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
};
/** Builds every package as scripts/build.mjs does: dist/, then the stamp of its inputs. */
const buildAll = () => {
  for (const dir of ['schema', 'sdk', 'server']) {
    const hash = inputs(root, dir);
    write(`packages/${dir}/dist/index.js`, 'export {};\n');
    stamp(root, dir, hash);
  }
};

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'hubkit-build-state-'));
  write('package-lock.json', '{}\n');
  write('tsconfig.esbuild.json', '{}\n');
  write('packages/schema/package.json', JSON.stringify({ name: '@t/schema' }));
  write('packages/schema/src/index.ts', 'export const a = 1;\n');
  write('packages/schema/src/index.test.ts', '// a test\n');
  write('packages/sdk/package.json', JSON.stringify({ name: '@t/sdk', dependencies: { '@t/schema': '*' } }));
  write('packages/sdk/src/index.ts', 'export const b = 2;\n');
  write('packages/server/package.json', JSON.stringify({ name: '@t/server', dependencies: { hono: '*' } }));
  write('packages/server/src/index.ts', 'export const c = 3;\n');
  write('packages/server/scripts/after-build.ts', '// after\n');
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('npm start builds only what changed (scripts/build-state.mjs)', () => {
  it('reads the workspace and its dependencies on itself', () => {
    assert.deepEqual(workspacePackages(root), [
      { dir: 'schema', name: '@t/schema', deps: [] },
      { dir: 'sdk', name: '@t/sdk', deps: ['schema'] },
      { dir: 'server', name: '@t/server', deps: [] },
    ]);
  });

  it('builds everything never built, and nothing once built with the same sources', () => {
    assert.deepEqual(stale(root), ['schema', 'sdk', 'server']);
    buildAll();
    assert.deepEqual(stale(root), []);
  });

  it('rebuilds a changed package, and the packages that depend on it, only', () => {
    buildAll();
    write('packages/sdk/src/index.ts', 'export const b = 22;\n');
    assert.deepEqual(stale(root), ['sdk']);
    buildAll();
    write('packages/schema/src/index.ts', 'export const a = 11;\n');
    assert.deepEqual(stale(root), ['schema', 'sdk']);
    buildAll();
    write('packages/server/src/new-module.ts', 'export {};\n');
    assert.deepEqual(stale(root), ['server']);
    buildAll();
    write('packages/server/scripts/after-build.ts', '// after, changed\n');
    assert.deepEqual(stale(root), ['server']);
  });

  it('rebuilds everything when the build’s tools or the installed dependencies change', () => {
    buildAll();
    write('tsconfig.esbuild.json', '{ "compilerOptions": {} }\n');
    assert.deepEqual(stale(root), ['schema', 'sdk', 'server']);
    buildAll();
    write('package-lock.json', '{ "lockfileVersion": 3 }\n');
    assert.deepEqual(stale(root), ['schema', 'sdk', 'server']);
  });

  it('ignores tests, dist/ itself, and a file touched but not changed', () => {
    buildAll();
    write('packages/schema/src/index.test.ts', '// another test\n');
    write('packages/schema/dist/extra.js', 'export {};\n');
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(root, 'packages/sdk/src/index.ts'), later, later);
    assert.deepEqual(stale(root), []);
  });

  it('rebuilds a package whose dist/ is gone, or whose build stopped before its stamp', () => {
    buildAll();
    rmSync(join(root, 'packages/server/dist'), { recursive: true });
    assert.deepEqual(stale(root), ['server']);
    buildAll();
    rmSync(join(root, 'packages/schema/dist/.build-stamp'));
    assert.deepEqual(stale(root), ['schema']);
  });

  it('an edit made while the build ran leaves the package to build again', () => {
    const before = inputs(root, 'server');
    write('packages/server/src/index.ts', 'export const c = 33;\n');
    write('packages/server/dist/index.js', 'export {};\n');
    stamp(root, 'server', before);
    assert.ok(stale(root).includes('server'));
  });
});
