import { welshLabels } from '../codelists.cy.ts';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { codelists, needCodes, serviceStatusCodes } from '../codelists.ts';
import { assertInValueSet, assertValidFhir, R4_VALUE_SETS } from './fhir-validator.test.ts';
import { FHIR_BASE, codeSystemFor, codeSystemUrl } from './index.ts';

describe('codeSystemFor', () => {
  for (const [name, list] of Object.entries(codelists)) {
    it(`makes a valid R4 CodeSystem of ${name}, with every code in English and Welsh`, () => {
      const codeSystem = codeSystemFor(list);
      assertValidFhir(codeSystem);
      assertInValueSet(codeSystem.status, R4_VALUE_SETS.publicationStatus, 'CodeSystem.status');
      assertInValueSet(codeSystem.content, R4_VALUE_SETS.codeSystemContent, 'CodeSystem.content');
      assert.equal(codeSystem.url, `${FHIR_BASE}/CodeSystem/${name}`);
      assert.equal(codeSystem.count, list.entries.length);
      assert.deepEqual(
        codeSystem.concept?.map((c) => [c.code, c.display, c.designation]),
        // Welsh without registerWelsh(): a CodeSystem reads the Welsh table itself.
        list.entries.map((e) => [
          e.code,
          e.en,
          [
            {
              language: 'cy',
              value: (welshLabels as Record<string, Record<string, string>>)[list.name]?.[e.code],
            },
          ],
        ]),
      );
    });
  }

  it('gives each a machine-friendly name', () => {
    assert.equal(codeSystemFor(codelists['referrer-type']).name, 'ReferrerType');
    for (const list of Object.values(codelists)) {
      assert.match(codeSystemFor(list).name ?? '', /^[A-Z][A-Za-z0-9_]{0,254}$/);
    }
  });

  it('keeps a code with a space (FHIR codes may have single spaces)', () => {
    assert.ok(codeSystemFor(serviceStatusCodes).concept?.some((c) => c.code === 'temporarily closed'));
  });

  it('builds the canonical URL from the codelist name', () => {
    assert.equal(codeSystemUrl(needCodes.name), 'https://hubkit.dev/fhir/CodeSystem/need');
  });
});
