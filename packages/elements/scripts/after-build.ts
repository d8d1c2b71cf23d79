// Runs after rollup (scripts/build.mjs): the CDN files. One self-contained, minified ES module per
// define entry (src/define/<name>.ts registers its element; `all` registers every one), with lit,
// @lit/context, the SDK and the schema inside, as dist/cdn/hubkit-elements-<version>.<name>.js,
// and their Subresource Integrity hashes, printed and written to dist/cdn/sri.json.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { globSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { bundleForBrowser } from '../../../scripts/browser-bundle.mjs';

const dir = join(import.meta.dirname, '..');
const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string };
const out = join(dir, 'dist', 'cdn');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const entries = globSync('src/define/*.ts', { cwd: dir })
  .filter((file) => !file.endsWith('.test.ts'))
  .map((file) => basename(file, '.ts'))
  .sort();
const sri: Record<string, string> = {};
for (const name of entries) {
  const file = `hubkit-elements-${version}.${name}.js`;
  const code = await bundleForBrowser({ input: join(dir, 'src', 'define', `${name}.ts`) });
  writeFileSync(join(out, file), code);
  sri[file] = `sha384-${createHash('sha384').update(code).digest('base64')}`;
}
writeFileSync(join(out, 'sri.json'), `${JSON.stringify(sri, null, 2)}\n`);

const width = Math.max(...Object.keys(sri).map((f) => f.length));
console.log(`@hubkit/elements: CDN files in dist/cdn (Subresource Integrity):`);
for (const [file, hash] of Object.entries(sri)) console.log(`  ${file.padEnd(width)}  ${hash}`);

// The Custom Elements Manifest, from the sources (custom-elements-manifest.config.mjs).
const cem = spawnSync(
  join(dir, '..', '..', 'node_modules', '.bin', 'cem'),
  ['analyze', '--config', 'custom-elements-manifest.config.mjs', '--quiet'],
  { cwd: dir, stdio: 'inherit' },
);
if (cem.status !== 0) throw new Error('the Custom Elements Manifest could not be made');
console.log('@hubkit/elements: dist/custom-elements.json');
