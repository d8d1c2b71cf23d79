import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertValidFhir } from './fhir-validator.test.ts';
import { EXTENSIONS, FHIR_BASE, extensionStructureDefinitions } from './index.ts';

describe('extensionStructureDefinitions', () => {
  it('defines every hubkit extension, once', () => {
    const urls = extensionStructureDefinitions.map((d) => d.url);
    assert.deepEqual([...urls].sort(), Object.values(EXTENSIONS).sort());
    assert.equal(new Set(urls).size, urls.length);
    assert.equal(urls.length, 30);
  });

  for (const definition of extensionStructureDefinitions) {
    describe(definition.url.slice(`${FHIR_BASE}/StructureDefinition/`.length), () => {
      it('is a valid R4 StructureDefinition of an Extension', () => {
        assertValidFhir(definition);
        assert.equal(definition.type, 'Extension');
        assert.equal(definition.baseDefinition, 'http://hl7.org/fhir/StructureDefinition/Extension');
        assert.equal(definition.derivation, 'constraint');
        assert.ok(definition.context?.length);
      });

      it('fixes its url and gives each part its url and value type', () => {
        const elements = definition.differential?.element ?? [];
        assert.equal(elements.find((e) => e.id === 'Extension.url')?.fixedUri, definition.url);
        for (const value of elements.filter((e) => e.path.endsWith('.value[x]'))) {
          const prefix = value.id?.slice(0, -'.value[x]'.length);
          const url = elements.find((e) => e.id === `${String(prefix)}.url`);
          assert.ok(url?.fixedUri, `${String(prefix)} has a fixed url`);
          assert.ok(value.max === '0' || value.type?.length === 1, `${String(value.id)} has one type`);
        }
      });

      it('has unique element ids and a machine-friendly name', () => {
        const ids = definition.differential?.element.map((e) => e.id) ?? [];
        assert.equal(new Set(ids).size, ids.length);
        assert.match(definition.name, /^[A-Z][A-Za-z0-9]*$/);
      });
    });
  }
});
