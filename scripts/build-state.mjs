// @ts-check
// What `npm start` must build and what it may skip. Each package's build writes a stamp,
// dist/.build-stamp, holding a hash of everything its dist/ is made from: its own files (not its
// tests, not dist/), the workspace packages it depends on (the CDN files bundle their sources),
// and the build's own tools and settings. A package whose stamp is missing (never built, dist/
// removed, a build that stopped half-way) or differs is stale. Content hashes, not modification
// times: a checkout or a copy that touches every file does not make everything stale, and an edit
// that keeps the time does not go unseen.
import { createHash } from 'node:crypto';
import { existsSync, globSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Files every package's build depends on, relative to the root. */
export const SHARED_INPUTS = [
  'package-lock.json',
  'tsconfig.json',
  'tsconfig.esbuild.json',
  'rollup.config.mjs',
  'scripts/build.mjs',
  'scripts/build-state.mjs',
  'scripts/browser-bundle.mjs',
];

const STAMP = '.build-stamp';

/**
 * The workspace packages under root/packages: folder name, package name, workspace dependencies.
 * @param {string} root
 * @returns {{ dir: string, name: string, deps: string[] }[]}
 */
export function workspacePackages(root) {
  const packages = readdirSync(join(root, 'packages'))
    .filter((dir) => existsSync(join(root, 'packages', dir, 'package.json')))
    .sort()
    .map((dir) => {
      const pkg = JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8'));
      const named = [pkg.dependencies, pkg.peerDependencies, pkg.devDependencies].flatMap((d) =>
        Object.keys(d ?? {}),
      );
      return { dir, name: /** @type {string} */ (pkg.name), named };
    });
  const dirOf = new Map(packages.map((p) => [p.name, p.dir]));
  return packages.map(({ dir, name, named }) => ({
    dir,
    name,
    deps: named.flatMap((n) => (dirOf.has(n) ? [/** @type {string} */ (dirOf.get(n))] : [])),
  }));
}

/**
 * A package's own inputs: every file in its folder but dist/, node_modules/, tests and tsc's
 * incremental state, relative to the root, sorted.
 * @param {string} root
 * @param {string} dir
 */
function ownInputs(root, dir) {
  return globSync('**/*', {
    cwd: join(root, 'packages', dir),
    withFileTypes: true,
    // Folders are left out here; files below (glob's `exclude` does not see every file).
    exclude: (entry) => entry.name === 'dist' || entry.name === 'node_modules',
  })
    .filter((entry) => entry.isFile() && !/\.test\.[cm]?[jt]s$|\.tsbuildinfo$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name).slice(root.length + 1))
    .sort();
}

/**
 * The hash of everything package `dir`'s build reads.
 * @param {string} root
 * @param {string} dir
 * @param {ReturnType<typeof workspacePackages>} [packages]
 */
export function inputsHash(root, dir, packages = workspacePackages(root)) {
  const byDir = new Map(packages.map((p) => [p.dir, p]));
  // The package and, transitively, the workspace packages it depends on.
  const closure = new Set([dir]);
  for (const d of closure) for (const dep of byDir.get(d)?.deps ?? []) closure.add(dep);
  const files = [
    ...SHARED_INPUTS.filter((f) => existsSync(join(root, f))),
    ...[...closure].sort().flatMap((d) => ownInputs(root, d)),
  ];
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/**
 * The packages (folder names) whose dist/ is missing or was built from other inputs than today's.
 * @param {string} root
 * @returns {string[]}
 */
export function stalePackages(root) {
  const packages = workspacePackages(root);
  return packages
    .filter(({ dir }) => {
      const stamp = join(root, 'packages', dir, 'dist', STAMP);
      return !existsSync(stamp) || readFileSync(stamp, 'utf8').trim() !== inputsHash(root, dir, packages);
    })
    .map((p) => p.dir);
}

/**
 * After a package's build has finished: records what it was built from (the hash taken before
 * the build began, so an edit made while it ran leaves the package stale).
 * @param {string} root
 * @param {string} dir
 * @param {string} hash
 */
export function writeStamp(root, dir, hash) {
  writeFileSync(join(root, 'packages', dir, 'dist', STAMP), `${hash}\n`);
}
