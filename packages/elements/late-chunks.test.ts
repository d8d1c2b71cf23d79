import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { rollup, type OutputChunk } from 'rollup';
import esbuild from 'rollup-plugin-esbuild';

// Long tasks (issue 12): what a chunk loaded late brings with it runs when it is loaded, in the
// page's main thread. The submit controller loads the SDK's error classes on idle (to tell
// failures apart): they must not bring the Open Referral UK reader (its schemas, ky), which a
// page without `directory-url` never uses, and whose evaluation was a long task of its own.
const root = new URL('../..', import.meta.url).pathname;

/** The modules of the static closure of the chunk made for `module` (a dynamic import's target). */
async function closureOf(entry: string, module: string): Promise<string[]> {
  const bundle = await rollup({
    input: { [entry]: `${root}packages/elements/src/define/${entry}.ts` },
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
    const start = [...chunks.values()].find((c) => c.facadeModuleId?.endsWith(module));
    assert.ok(start, `no chunk for ${module}`);
    const seen = new Set<string>();
    const stack = [start.fileName];
    for (let file = stack.pop(); file !== undefined; file = stack.pop()) {
      if (seen.has(file)) continue;
      seen.add(file);
      stack.push(...(chunks.get(file)?.imports ?? []));
    }
    return [...seen].flatMap((f) => Object.keys(chunks.get(f)?.modules ?? {}));
  } finally {
    await bundle.close();
  }
}

describe('chunks loaded late bring only what they need', () => {
  for (const entry of ['service-finder', 'consent-capture'] as const) {
    it(`the SDK's error classes (loaded on idle by the ${entry}'s submit controller) bring no directory reader and no ky`, async () => {
      const modules = await closureOf(entry, '/packages/elements/src/core/sdk-errors.ts');
      assert.ok(
        modules.some((m) => m.endsWith('/packages/sdk/src/errors/directory-reader-error.ts')),
        'the DirectoryReaderError class is there',
      );
      const heavy = modules.filter((m) =>
        /\/packages\/sdk\/src\/directory\.ts$|\/packages\/schema\/src\/oruk\/|\/node_modules\/ky\//.test(m),
      );
      assert.deepEqual(heavy, []);
    });
  }
});
