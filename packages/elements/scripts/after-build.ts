// Runs after rollup (scripts/build.mjs): the CDN build, the way Shoelace and Web Awesome deliver
// theirs (docs/decisions/0011). One rollup build of every element's define entry
// (src/define/<name>.ts, not `all`) into minified ES-module chunks with content-hashed names
// (`<name>.<hash>.js`: cached immutably), the code the elements share in shared chunks; then one
// small loader, dist/cdn/hubkit-elements-<version>.loader.js (src/cdn/loader.ts), which carries
// every chunk's Subresource Integrity hash and the chunks each imports, defines a `hub-*` element
// when one appears on the page, and checks every chunk it fetches. Dynamic imports inside chunks
// are rewritten to go through the loader, so they are checked too.
//
// Also written: dist/cdn/sri.json (every file → its hash; the loader's is the one a partner
// pastes) and dist/cdn/chunks.json (what each chunk imports and holds, for the size bench).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { globSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { transform } from 'esbuild';
import { rollup, type OutputChunk, type Plugin } from 'rollup';
import esbuild, { minify } from 'rollup-plugin-esbuild';

const dir = join(import.meta.dirname, '..');
const root = join(dir, '..', '..');
const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string };
const out = join(dir, 'dist', 'cdn');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const sriOf = (code: string) => `sha384-${createHash('sha384').update(code).digest('base64')}`;
const resolve = () =>
  nodeResolve({
    browser: true,
    exportConditions: ['source', 'browser', 'production'],
    rootDir: root,
    extensions: ['.ts', '.js', '.mjs'],
  });
const typescript = (define?: Record<string, string>) =>
  esbuild({ target: 'es2022', tsconfig: join(root, 'tsconfig.esbuild.json'), ...(define ? { define } : {}) });

// A chunk's `import('./x.js')` becomes a call to the loader, which checks x and what it imports.
const throughLoader: Plugin = {
  name: 'hubkit-dynamic-imports-through-loader',
  renderDynamicImport: ({ targetChunk }) =>
    targetChunk ? { left: "globalThis[Symbol.for('hubkit.import')](", right: ',import.meta.url)' } : null,
};

const names = globSync('src/define/*.ts', { cwd: dir })
  .filter((file) => !file.endsWith('.test.ts'))
  .map((file) => basename(file, '.ts'))
  .filter((name) => name !== 'all')
  .sort();

const bundle = await rollup({
  input: Object.fromEntries(names.map((name) => [name, join(dir, 'src', 'define', `${name}.ts`)])),
  onwarn: () => undefined,
  plugins: [resolve(), typescript(), throughLoader],
});
let chunks: OutputChunk[];
try {
  const { output } = await bundle.generate({
    format: 'es',
    entryFileNames: '[name].[hash].js',
    chunkFileNames: '[name].[hash].js',
    hashCharacters: 'hex',
    // Minify the chunk, not each module: minifying modules first strips the pure annotations
    // that tree shaking needs.
    plugins: [minify({ target: 'es2022' })],
  });
  chunks = output.filter((item): item is OutputChunk => item.type === 'chunk');
} finally {
  await bundle.close();
}

const sri: Record<string, string> = {};
for (const chunk of chunks) {
  writeFileSync(join(out, chunk.fileName), chunk.code);
  sri[chunk.fileName] = sriOf(chunk.code);
}
const fileNames = chunks.map((chunk) => chunk.fileName);
const manifest = {
  f: chunks.map((chunk) => `${chunk.fileName} ${sri[chunk.fileName]}`),
  d: chunks.map((chunk) => chunk.imports.map((file) => fileNames.indexOf(file))),
  t: Object.fromEntries(
    chunks
      .filter((chunk) => chunk.isEntry)
      .map((chunk) => [`hub-${chunk.name}`, fileNames.indexOf(chunk.fileName)]),
  ),
};

// The loader, with the manifest written into it.
const loaderBundle = await rollup({
  input: join(dir, 'src', 'cdn', 'loader.ts'),
  onwarn: () => undefined,
  plugins: [typescript({ HUBKIT_MANIFEST: JSON.stringify(manifest) })],
});
const loaderFile = `hubkit-elements-${version}.loader.js`;
try {
  const { output } = await loaderBundle.generate({ format: 'es', plugins: [minify({ target: 'es2022' })] });
  const [loader] = output;
  writeFileSync(join(out, loaderFile), loader.code);
  sri[loaderFile] = sriOf(loader.code);
} finally {
  await loaderBundle.close();
}

writeFileSync(
  join(out, 'sri.json'),
  `${JSON.stringify({ [loaderFile]: sri[loaderFile], ...Object.fromEntries(fileNames.map((f) => [f, sri[f]])) }, null, 2)}\n`,
);
// Each module's minified length in its chunk, for the bench's breakdown by package.
const minified = async (code: string | null) => {
  try {
    return (await transform(code ?? '', { minify: true, loader: 'js' })).code.length;
  } catch {
    return (code ?? '').length;
  }
};
const chunkInfo: Record<string, unknown> = {};
for (const chunk of chunks) {
  const modules: Record<string, number> = {};
  for (const [id, m] of Object.entries(chunk.modules))
    modules[id.replace(`${root}/`, '')] = await minified(m.code);
  chunkInfo[chunk.fileName] = { imports: chunk.imports, dynamicImports: chunk.dynamicImports, modules };
}
writeFileSync(
  join(out, 'chunks.json'),
  `${JSON.stringify({ loader: loaderFile, elements: manifest.t, chunks: chunkInfo }, null, 2)}\n`,
);

console.log(`@hubkit/elements: CDN build in dist/cdn: ${loaderFile} (paste it with ${sri[loaderFile]})`);
console.log(`  and ${chunks.length} chunks it loads, each integrity-checked: ${fileNames.join(', ')}`);

// The Custom Elements Manifest, from the sources (custom-elements-manifest.config.mjs).
const cem = spawnSync(
  join(dir, '..', '..', 'node_modules', '.bin', 'cem'),
  ['analyze', '--config', 'custom-elements-manifest.config.mjs', '--quiet'],
  { cwd: dir, stdio: 'inherit' },
);
if (cem.status !== 0) throw new Error('the Custom Elements Manifest could not be made');
console.log('@hubkit/elements: dist/custom-elements.json');
