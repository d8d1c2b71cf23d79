import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, globSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { moduleSpecifiers, readManifest, typeExports } from '../../scripts/exports-check.mjs';

// Checks the built package (run after `npm run build`, as the test command does). The elements
// run in browsers only, so nothing here imports them: it reads the built files.
const dir = import.meta.dirname;
const manifest = readManifest(dir) as ReturnType<typeof readManifest> & {
  version: string;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
};
const specifiers = moduleSpecifiers(dir);
const defineNames = globSync('src/define/*.ts', { cwd: dir })
  .filter((f) => !f.endsWith('.test.ts'))
  .map((f) => basename(f, '.ts'))
  .sort();

/** The relative modules a built module imports statically (`import … from './x.js'`, `export … from`, `import './x.js'`). */
function relativeImports(code: string): string[] {
  const found = code.matchAll(
    /(?:^|[;\s])(?:import|export)\s*(?:[^'";]*?\sfrom\s*)?['"](\.{1,2}\/[^'"]+)['"]/g,
  );
  return [...found].map((m) => m[1] ?? '');
}

/** Every module of this package's dist that loading `entry` runs. */
function moduleGraph(entry: string): Map<string, string> {
  const modules = new Map<string, string>();
  const visit = (file: string) => {
    if (modules.has(file)) return;
    const code = readFileSync(file, 'utf8');
    modules.set(file, code);
    for (const specifier of relativeImports(code)) visit(join(dirname(file), specifier));
  };
  visit(join(dir, entry));
  return modules;
}

const DEFINE = /customElements\.define\s*\(/;

describe('@hubkit/elements as published', () => {
  it('is ESM, for Node 22 or newer tooling, on lit, @lit/context, the SDK and the schema only', () => {
    assert.equal(manifest.type, 'module');
    assert.equal(manifest.engines?.node, '>=22');
    assert.deepEqual(Object.keys(manifest.dependencies ?? {}).sort(), [
      '@hubkit/schema',
      '@hubkit/sdk',
      '@lit/context',
      'lit',
    ]);
  });

  it('marks only the define entry points as having side effects, and each is exported', () => {
    assert.ok(Array.isArray(manifest.sideEffects), 'sideEffects is a list');
    assert.ok(manifest.sideEffects.length > 0);
    for (const pattern of manifest.sideEffects)
      assert.match(pattern, /^\.\/(dist|src)\/define\/\*\.(js|ts)$/);
    assert.ok(specifiers.includes('@hubkit/elements'));
    assert.ok(specifiers.includes('@hubkit/elements/define'));
    for (const specifier of specifiers.filter(
      (s) => s !== '@hubkit/elements' && s !== '@hubkit/elements/react',
    ))
      assert.match(specifier, /^@hubkit\/elements\/define(\/[\w-]+)?$/);
  });

  it('ships the tags as typed JSX for React in @hubkit/elements/react: types, and no code at all', () => {
    assert.ok(specifiers.includes('@hubkit/elements/react'));
    const code = readFileSync(join(dir, 'dist', 'react.js'), 'utf8');
    assert.equal(code.replace(/^\/\/.*$/gm, '').trim(), '', 'dist/react.js runs nothing');
    const types = readFileSync(join(dir, 'dist', 'react.d.ts'), 'utf8');
    for (const tag of [
      'hub-provider',
      'hub-service-finder',
      'hub-referral-form',
      'hub-consent-capture',
      'hub-referral-tracker',
      'hub-report',
    ])
      assert.ok(types.includes(`'${tag}': HubElementProps<`), tag);
    assert.equal(manifest.peerDependenciesMeta?.['@types/react']?.optional, true, '@types/react is optional');
  });

  it('exports a define entry point for every element (src/define/<element>.ts)', () => {
    const exported = specifiers.map((s) => s.replace(/^@hubkit\/elements\/define\/?/, '') || 'all');
    for (const name of defineNames) assert.ok(exported.includes(name), `@hubkit/elements/define/${name}`);
  });

  it('resolves its types for an ESM consumer in a browser, without errors', () => {
    assert.deepEqual(typeExports(specifiers, 'browser').diagnostics, []);
  });

  it('registers no custom element when its main entry is imported: only the define entries do', () => {
    const graph = moduleGraph('dist/index.js');
    assert.ok(graph.size > 3, `dist/index.js reaches its modules (${graph.size})`);
    for (const [file, code] of graph) {
      assert.ok(!file.includes(join('dist', 'define')), `${relative(dir, file)} is a define entry`);
      assert.doesNotMatch(code, DEFINE, `${relative(dir, file)} calls customElements.define`);
    }
    // The check can fail: every built define entry does call it.
    for (const name of defineNames.filter((n) => existsSync(join(dir, 'dist', 'define', `${n}.js`)))) {
      const reached = [...moduleGraph(`dist/define/${name}.js`).values()];
      assert.ok(
        reached.some((code) => DEFINE.test(code)),
        `dist/define/${name}.js registers its element`,
      );
    }
  });

  describe('the CDN files', () => {
    const cdn = join(dir, 'dist', 'cdn');
    const sri = existsSync(join(cdn, 'sri.json'))
      ? (JSON.parse(readFileSync(join(cdn, 'sri.json'), 'utf8')) as Record<string, string>)
      : {};

    const loader = `hubkit-elements-${manifest.version}.loader.js`;
    const chunks = Object.keys(sri).filter((file) => file !== loader);

    it('are one versioned loader and content-hashed chunks, every one listed in sri.json', () => {
      assert.ok(loader in sri, 'the loader');
      assert.ok(chunks.length > 0, 'chunks');
      for (const file of chunks) assert.match(file, /^[\w-]+(\.cy)?\.[0-9a-f]{8}\.js$/, file);
      assert.deepEqual(globSync('*.js', { cwd: cdn }).sort(), Object.keys(sri).sort());
      assert.deepEqual(
        globSync('hubkit-elements-*.js', { cwd: cdn }),
        [loader],
        'no self-contained file per element any more',
      );
    });

    it('the loader carries every chunk’s hash and knows a chunk for each element', () => {
      const code = readFileSync(join(cdn, loader), 'utf8');
      for (const file of chunks) assert.ok(code.includes(`${file} ${sri[file]}`), file);
      for (const name of defineNames.filter((n) => n !== 'all'))
        assert.ok(code.includes(`"hub-${name}":`), `the loader defines <hub-${name}>`);
      assert.doesNotMatch(code, /\bprocess\.env\b/, 'no Node globals');
    });

    it('have SHA-384 Subresource Integrity hashes that match their contents', () => {
      for (const [file, hash] of Object.entries(sri)) {
        const actual = `sha384-${createHash('sha384')
          .update(readFileSync(join(cdn, file)))
          .digest('base64')}`;
        assert.equal(hash, actual, file);
      }
    });

    it('are minified ES modules; each element’s chunk registers it; dynamic imports go through the loader', () => {
      for (const file of chunks) {
        const code = readFileSync(join(cdn, file), 'utf8');
        assert.doesNotMatch(code, /\bimport\s*\(/, `${file}: no unchecked dynamic import()`);
        assert.doesNotMatch(code, /\bprocess\.env\b/, `${file}: no Node globals`);
        // Minified: no indented statements left (lit's templates keep their own line breaks).
        assert.doesNotMatch(code, /^\s+(const|let|var|function|return)\b/m, `${file} is minified`);
      }
      for (const name of defineNames.filter((n) => n !== 'all')) {
        const file = chunks.find((f) => f.startsWith(`${name}.`));
        assert.ok(file, `a chunk for ${name}`);
        const code = readFileSync(join(cdn, file), 'utf8');
        assert.match(code, DEFINE, name);
        assert.ok(code.includes(`"hub-${name}"`), `${file} registers <hub-${name}>`);
      }
    });
  });
});

describe('@hubkit/elements’ Custom Elements Manifest', () => {
  interface Declaration {
    tagName?: string;
    attributes?: { name: string }[];
    events?: { name: string }[];
    cssParts?: { name: string }[];
  }
  const path = join(dir, (manifest as { customElements?: string }).customElements ?? 'missing');
  const elements = () => {
    const cem = JSON.parse(readFileSync(path, 'utf8')) as { modules: { declarations?: Declaration[] }[] };
    return new Map(
      cem.modules
        .flatMap((m) => m.declarations ?? [])
        .flatMap((d) => (d.tagName ? [[d.tagName, d] as const] : [])),
    );
  };

  it('is named by the package (`customElements`) and shipped with it', () => {
    assert.equal((manifest as { customElements?: string }).customElements, 'dist/custom-elements.json');
    assert.ok(existsSync(path), 'built with the package (npm run build)');
  });

  it('describes every element: its tag, its attributes, its hub-* events only, and its parts', () => {
    const found = elements();
    assert.deepEqual([...found.keys()].sort(), [
      'hub-consent-capture',
      'hub-provider',
      'hub-referral-form',
      'hub-referral-tracker',
      'hub-report',
      'hub-service-finder',
    ]);
    const names = (tag: string, key: 'attributes' | 'events' | 'cssParts') =>
      (found.get(tag)?.[key] ?? []).map((x) => x.name);
    for (const tag of found.keys()) {
      for (const shared of ['publishable-key', 'api-base', 'lang', 'theme']) {
        assert.ok(names(tag, 'attributes').includes(shared), `${tag} has ${shared}`);
      }
      for (const event of names(tag, 'events')) assert.match(event, /^hub-/, `${tag} fires ${event}`);
    }
    assert.deepEqual(names('hub-service-finder', 'events'), ['hub-service-select']);
    assert.deepEqual(names('hub-consent-capture', 'events'), ['hub-consent-change']);
    assert.deepEqual(names('hub-referral-form', 'events'), ['hub-referral-submitted']);
    assert.ok(names('hub-referral-form', 'attributes').includes('needs'));
    assert.ok(names('hub-service-finder', 'cssParts').includes('result'));
    assert.deepEqual(names('hub-referral-tracker', 'events'), ['hub-session-expired']);
    assert.ok(names('hub-referral-tracker', 'attributes').includes('refresh-interval'));
    assert.ok(names('hub-referral-tracker', 'cssParts').includes('table'));
    assert.deepEqual(names('hub-report', 'events'), ['hub-session-expired']);
    assert.ok(names('hub-report', 'attributes').includes('interval'));
    assert.ok(names('hub-report', 'cssParts').includes('download'));
  });
});
