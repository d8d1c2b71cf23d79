import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { rollup, type OutputChunk } from 'rollup';
import esbuild from 'rollup-plugin-esbuild';

// What an element needs before it can paint, as a bundler splitting the code sees it (rollup,
// our build tool): the chunks its define entry imports statically. The schemas (zod), the SDK
// and ky are imported dynamically, when the person starts answering, so they are never in it.
const root = new URL('../..', import.meta.url).pathname;

/** The modules of each define entry's static closure. */
async function criticalModules(names: readonly string[]): Promise<Map<string, string[]>> {
  const bundle = await rollup({
    input: Object.fromEntries(names.map((n) => [n, `${root}packages/elements/src/define/${n}.ts`])),
    onwarn: () => undefined,
    plugins: [
      nodeResolve({
        browser: true,
        exportConditions: ['source', 'browser', 'production'],
        rootDir: root,
        extensions: ['.ts', '.js', '.mjs'],
      }),
      esbuild({ target: 'es2022', tsconfig: `${root}tsconfig.esbuild.json` }),
    ],
  });
  try {
    const { output } = await bundle.generate({ format: 'es' });
    const chunks = new Map(
      output.filter((o): o is OutputChunk => o.type === 'chunk').map((c) => [c.fileName, c]),
    );
    const result = new Map<string, string[]>();
    for (const chunk of chunks.values()) {
      if (!chunk.isEntry) continue;
      const seen = new Set<string>();
      const stack = [chunk.fileName];
      for (let file = stack.pop(); file !== undefined; file = stack.pop()) {
        if (seen.has(file)) continue;
        seen.add(file);
        stack.push(...(chunks.get(file)?.imports ?? []));
      }
      result.set(
        chunk.name,
        [...seen].flatMap((f) => Object.keys(chunks.get(f)?.modules ?? {})),
      );
    }
    return result;
  } finally {
    await bundle.close();
  }
}

const late = [
  ['zod', /\/node_modules\/zod\//],
  ['ky', /\/node_modules\/ky\//],
  ['the SDK', /\/packages\/sdk\/src\//],
  ['the schemas', /\/packages\/schema\/src\/(primitives|referral|messages|consent)\.ts$/],
  ['the referral checks', /\/referral-form\/(draft|send)\.ts$/],
  ['the consent checks', /\/consent-capture\/consent-checks\.ts$/],
  ['the search checks', /\/service-finder\/search-checks\.ts$/],
] as const;

describe('what an element loads before it paints', { timeout: 120_000 }, () => {
  it('<hub-referral-form> and <hub-provider>: lit, the element and its text; no schemas, SDK or ky', async () => {
    const critical = await criticalModules(['referral-form', 'provider']);
    for (const name of ['referral-form', 'provider']) {
      const modules = critical.get(name) ?? [];
      assert.ok(
        modules.some((m) => m.includes('/node_modules/lit-html/')),
        `${name} paints with lit`,
      );
      for (const [what, pattern] of late) {
        const found = modules.filter((m) => pattern.test(m));
        assert.deepEqual(found, [], `${name} loads ${what} before it paints`);
      }
    }
    const form = critical.get('referral-form') ?? [];
    // Only the first step paints first: the later steps (and check, done) come with the checks.
    assert.deepEqual(
      form.filter((m) => /\/referral-form\/steps\/(?!referrer|consent|notice)\w+\.ts$/.test(m)),
      [],
      'the form loads its later steps before it paints',
    );
    assert.ok(
      form.some((m) => m.endsWith('/referral-form/messages.ts')),
      'the form paints with its text',
    );
  });

  it('<hub-consent-capture>, <hub-service-finder>, <hub-referral-tracker> and <hub-report>: lit, the element and its text; no schemas, SDK or ky', async () => {
    const names = ['consent-capture', 'service-finder', 'referral-tracker', 'report'];
    const critical = await criticalModules(names);
    for (const name of names) {
      const modules = critical.get(name) ?? [];
      assert.ok(
        modules.some((m) => m.includes('/node_modules/lit-html/')),
        `${name} paints with lit`,
      );
      assert.ok(
        modules.some((m) => m.endsWith(`/${name}/messages.ts`)),
        `${name} paints with its text`,
      );
      for (const [what, pattern] of late) {
        const found = modules.filter((m) => pattern.test(m));
        assert.deepEqual(found, [], `${name} loads ${what} before it paints`);
      }
    }
  });
});
