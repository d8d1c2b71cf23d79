// Shared by the size benchmarks: bundles a snippet for the browser with rollup (our build tool;
// Vite/Rolldown and webpack honour the same pure annotations), minifies it with esbuild
// (scripts/browser-bundle.mjs, which also builds the CDN files of @hubkit/elements), and
// returns the minified and gzip sizes in bytes. Reads workspace packages from source.
import { gzipSync } from 'node:zlib';
import { bundleForBrowser } from '../scripts/browser-bundle.mjs';

/** @param {string | { input: string }} entry an ES module that imports what is measured, or a module file */
export async function bundleSize(entry) {
  const code = Buffer.from(await bundleForBrowser(typeof entry === 'string' ? { contents: entry } : entry));
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
