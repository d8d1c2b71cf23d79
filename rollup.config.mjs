// Builds every package in packages/* to ESM: one JS module per source module (so bundlers
// tree-shake what partners do not use) and one bundled `.d.ts` per entry point, from the
// `source` conditions of each package's `exports` map. tsc -b runs first (scripts/build.mjs)
// and leaves declarations in dist/types for the .d.ts bundles.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import esbuild from 'rollup-plugin-esbuild';
import { dts } from 'rollup-plugin-dts';

const root = import.meta.dirname;

function entriesOf(dir) {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const entries = {};
  for (const target of Object.values(pkg.exports ?? {})) {
    if (typeof target !== 'object' || !target.source) continue;
    // dist/ mirrors src/: `./src/fixtures/index.ts` builds to `dist/fixtures/index.{js,d.ts}`.
    const source = target.source.replace(/^\.\//, '');
    entries[source.replace(/^src\//, '').replace(/\.ts$/, '')] = source;
  }
  return { pkg, entries };
}

const external = (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0');

// scripts/build.mjs names the packages to build when only some changed (`npm start`).
const only = process.env.HUBKIT_BUILD_PACKAGES?.split(',');

const configs = [];
for (const name of readdirSync(join(root, 'packages'))) {
  if (only && !only.includes(name)) continue;
  const dir = join(root, 'packages', name);
  if (!existsSync(join(dir, 'package.json'))) continue;
  const { entries } = entriesOf(dir);
  if (Object.keys(entries).length === 0) continue;
  configs.push({
    input: Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, join(dir, v)])),
    external,
    plugins: [esbuild({ target: 'es2022', tsconfig: join(root, 'tsconfig.esbuild.json'), sourceMap: true })],
    output: {
      dir: join(dir, 'dist'),
      format: 'es',
      preserveModules: true,
      preserveModulesRoot: join(dir, 'src'),
      entryFileNames: '[name].js',
      sourcemap: true,
    },
  });
  configs.push({
    input: Object.fromEntries(
      Object.entries(entries).map(([k]) => [k, join(dir, 'dist/types', `${k}.d.ts`)]),
    ),
    external,
    plugins: [dts()],
    output: {
      dir: join(dir, 'dist'),
      format: 'es',
      entryFileNames: '[name].d.ts',
      chunkFileNames: '[name]-[hash].d.ts',
    },
  });
}

export default configs;
