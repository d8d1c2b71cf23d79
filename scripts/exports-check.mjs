// @ts-check
// Checks a package's public surface as a consumer sees it, from its built files: every entry
// in its `exports` map resolves for an ESM consumer in plain Node (no `source` condition), its
// types resolve and compile under `moduleResolution: nodenext`, and the names the types declare
// are the names the JavaScript exports.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const root = join(import.meta.dirname, '..');

/** @param {string} packageDir */
export function readManifest(packageDir) {
  return JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
}

/**
 * The export subpaths that are modules (not JSON files or package.json), as import specifiers.
 * @param {string} packageDir
 */
export function moduleSpecifiers(packageDir) {
  const manifest = readManifest(packageDir);
  return Object.entries(manifest.exports)
    .filter(([, target]) => typeof target === 'object' && target.types)
    .map(([key]) => (key === '.' ? manifest.name : `${manifest.name}/${key.slice(2)}`));
}

/**
 * Names each module exports at run time, imported by plain Node from the built files.
 * @param {string[]} specifiers
 * @returns {Record<string, string[]>}
 */
export function runtimeExports(specifiers) {
  const script = `const out = {}; for (const s of ${JSON.stringify(specifiers)}) out[s] = Object.keys(await import(s)).sort(); console.log(JSON.stringify(out));`;
  const stdout = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: root,
    encoding: 'utf8',
  });
  return JSON.parse(stdout);
}

/**
 * Compiles a consumer that imports every module with `moduleResolution: nodenext` (no source
 * condition, so through the `types` conditions), and returns the diagnostics and the value
 * names each module's types declare. `environment` is the consumer's: a browser (DOM types)
 * or Node (@types/node); every .d.ts is checked (no skipLibCheck).
 * @param {string[]} specifiers
 * @param {'browser' | 'node'} environment
 */
export function typeExports(specifiers, environment) {
  const dir = join(root, '.tmp', `consumer-${environment}`);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'consumer.mts');
  writeFileSync(
    file,
    specifiers.map((s, i) => `import * as m${i} from '${s}';\nexport { m${i} };\n`).join(''),
  );
  const program = ts.createProgram([file], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    noEmit: true,
    skipLibCheck: false,
    types: environment === 'node' ? ['node'] : [],
    typeRoots: [join(root, 'node_modules', '@types')],
    lib:
      environment === 'node'
        ? ['lib.es2023.d.ts']
        : ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
  });
  const diagnostics = ts
    .getPreEmitDiagnostics(program)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  /** @type {Record<string, string[]>} */
  const names = {};
  if (source) {
    const moduleSymbol = checker.getSymbolAtLocation(source);
    for (const [i, specifier] of specifiers.entries()) {
      const ns = moduleSymbol && checker.getExportsOfModule(moduleSymbol).find((s) => s.name === `m${i}`);
      const target = ns && checker.getAliasedSymbol(ns);
      const exports = target ? checker.getExportsOfModule(target) : [];
      names[specifier] = exports
        .filter((s) => {
          const resolved = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
          return (resolved.flags & ts.SymbolFlags.Value) !== 0;
        })
        .map((s) => s.name)
        .sort();
    }
  }
  return { diagnostics, names };
}
