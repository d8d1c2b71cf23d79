import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { moduleSpecifiers, readManifest, runtimeExports, typeExports } from '../../scripts/exports-check.mjs';

// Checks the built package (run after `npm run build`, as the test command does).
const dir = import.meta.dirname;
const manifest = readManifest(dir);
const specifiers = moduleSpecifiers(dir);

describe('@hubkit/schema as published', () => {
  it('is ESM, free of side effects, for Node 22 or newer, and ships dist without the build’s intermediate types', () => {
    assert.equal(manifest.type, 'module');
    assert.equal(manifest.sideEffects, false);
    assert.equal(manifest.engines?.node, '>=22');
    assert.deepEqual(manifest.files, ['dist', '!dist/types', 'src', '!src/**/*.test.ts', '!src/testing']);
    assert.deepEqual(specifiers, [
      '@hubkit/schema',
      '@hubkit/schema/cy',
      '@hubkit/schema/fixtures',
      '@hubkit/schema/routes',
      '@hubkit/schema/json-schema',
      '@hubkit/schema/openapi',
      '@hubkit/schema/fhir',
      '@hubkit/schema/oruk',
    ]);
  });

  const runtime = runtimeExports(specifiers);
  const types = typeExports(specifiers, 'node');

  it('resolves every entry point’s types for an ESM consumer in Node (nodenext), without errors', () => {
    assert.deepEqual(types.diagnostics, []);
  });

  it('resolves every entry point’s types for an ESM consumer in a browser (DOM types), without errors', () => {
    assert.deepEqual(typeExports(specifiers, 'browser').diagnostics, []);
  });

  it('exports at run time exactly the values its types declare', () => {
    for (const specifier of specifiers) {
      assert.ok((runtime[specifier]?.length ?? 0) > 0, `${specifier} exports nothing`);
      assert.deepEqual(runtime[specifier], types.names[specifier], specifier);
    }
    assert.ok(runtime['@hubkit/schema']?.includes('ReferralCreate'));
    assert.ok(runtime['@hubkit/schema/openapi']?.includes('buildOpenApiDocument'));
  });

  it('ships the JSON Schemas and the OpenAPI document as files that plain Node can import', () => {
    const script = `
      const { default: referral } = await import('@hubkit/schema/json-schema/Referral.json', { with: { type: 'json' } });
      const { default: openapi } = await import('@hubkit/schema/openapi.json', { with: { type: 'json' } });
      console.log(JSON.stringify([referral.$id, openapi.openapi, Object.keys(openapi.paths).length]));`;
    const out = JSON.parse(
      execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }),
    ) as unknown[];
    assert.deepEqual(out.slice(0, 2), ['https://hubkit.dev/schema/v1/Referral.json', '3.1.0']);
    assert.ok(Number(out[2]) >= 20);
  });

  it('ships a StructureDefinition file for every hubkit FHIR extension, as the fhir entry exports them', () => {
    const script = `
      const { extensionStructureDefinitions, structureDefinitionFileName } = await import('@hubkit/schema/fhir');
      const shipped = [];
      for (const definition of extensionStructureDefinitions) {
        const name = structureDefinitionFileName(definition).replace(/\\.json$/, '');
        const { default: file } = await import('@hubkit/schema/fhir/' + name + '.json', { with: { type: 'json' } });
        shipped.push(JSON.stringify(file) === JSON.stringify(definition) ? name : 'different: ' + name);
      }
      console.log(JSON.stringify(shipped));`;
    const shipped = JSON.parse(
      execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }),
    ) as string[];
    assert.equal(shipped.length, 30);
    assert.ok(shipped.includes('StructureDefinition-contact-preferences'));
    assert.deepEqual(
      shipped.filter((name) => name.startsWith('different')),
      [],
    );
  });
});
