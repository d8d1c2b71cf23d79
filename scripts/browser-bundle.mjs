// @ts-check
// Bundles for the browser the way the size benchmarks (bench/bundle-size.mjs) and the CDN files
// of @hubkit/elements (packages/elements/scripts/after-build.ts) need: one self-contained,
// minified ES module with every dependency inside, through rollup (our build tool) and esbuild
// (TypeScript with standard decorators, and minification). Workspace packages are read from
// source (the `source` export condition); lit's production build (no `development` condition).
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import esbuild, { minify } from 'rollup-plugin-esbuild';

const root = new URL('..', import.meta.url).pathname;
const ENTRY = '\0browser-bundle-entry.js';

/**
 * @param {{ input: string } | { contents: string }} entry a module file, or the text of an ES
 *   module that imports what is bundled
 * @returns {Promise<string>} the minified module
 */
export async function bundleForBrowser(entry) {
  const contents = 'contents' in entry ? entry.contents : undefined;
  const bundle = await rollup({
    input: 'input' in entry ? entry.input : ENTRY,
    onwarn: () => {},
    plugins: [
      {
        name: 'entry',
        resolveId: (id) => (id === ENTRY && contents !== undefined ? id : null),
        load: (id) => (id === ENTRY && contents !== undefined ? contents : null),
      },
      nodeResolve({
        browser: true,
        exportConditions: ['source', 'browser', 'production'],
        rootDir: root,
        extensions: ['.ts', '.js', '.mjs'],
      }),
      // Minify the chunk, not each module: minifying modules first strips the pure annotations
      // that tree shaking needs.
      esbuild({ target: 'es2022', tsconfig: `${root}tsconfig.esbuild.json` }),
    ],
  });
  try {
    const { output } = await bundle.generate({
      format: 'es',
      inlineDynamicImports: true,
      plugins: [minify({ target: 'es2022' })],
    });
    const [chunk] = output;
    return chunk.code;
  } finally {
    await bundle.close();
  }
}
