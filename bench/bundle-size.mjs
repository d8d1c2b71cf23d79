// Shared by the size benchmarks: bundles a snippet for the browser with rollup (our build tool;
// Vite/Rolldown and webpack honour the same pure annotations), minifies it with esbuild, and
// returns the minified and gzip sizes in bytes. Reads workspace packages from source.
import { gzipSync } from 'node:zlib';
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import esbuild, { minify } from 'rollup-plugin-esbuild';

const root = new URL('..', import.meta.url).pathname;
const ENTRY = '\0bench-entry.js';

/** @param {string} contents an ES module that imports what is measured */
export async function bundleSize(contents) {
  const bundle = await rollup({
    input: ENTRY,
    onwarn: () => {},
    plugins: [
      {
        name: 'entry',
        resolveId: (id) => (id === ENTRY ? id : null),
        load: (id) => (id === ENTRY ? contents : null),
      },
      nodeResolve({
        exportConditions: ['source', 'browser', 'production'],
        rootDir: root,
        extensions: ['.ts', '.js', '.mjs'],
      }),
      // Minify the chunk, not each module: minifying modules first strips the pure annotations
      // that tree shaking needs.
      esbuild({ target: 'es2022', tsconfig: `${root}tsconfig.esbuild.json` }),
    ],
  });
  const { output } = await bundle.generate({
    format: 'es',
    inlineDynamicImports: true,
    plugins: [minify({ target: 'es2022' })],
  });
  await bundle.close();
  const code = Buffer.from(output[0].code);
  return { min: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

export const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;

/** Prints a table of named snippets' sizes. */
export async function printSizes(title, cases) {
  console.log(title);
  console.log(`${'bundle'.padEnd(72)} ${'min'.padStart(10)} ${'gzip'.padStart(10)}`);
  const results = {};
  for (const [name, contents] of Object.entries(cases)) {
    const size = await bundleSize(contents);
    results[name] = size;
    console.log(`${name.padEnd(72)} ${kib(size.min).padStart(10)} ${kib(size.gzip).padStart(10)}`);
  }
  return results;
}
