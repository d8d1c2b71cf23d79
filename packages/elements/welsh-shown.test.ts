import assert from 'node:assert/strict';
import { globSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import * as schema from '@hubkit/schema';
import { welshLabels as schemaWelshLabels } from '@hubkit/schema/cy';
import { welshLabels } from './src/core/codelists.cy.ts';

// The elements' Welsh chunk carries only the Welsh the elements can show: the codelists their
// code names, not every codelist of the schema (the server, FHIR and the docs take those from
// `@hubkit/schema/cy`). Read from the elements' own sources, so a list shown by a new step and
// missing from the chunk fails here, and so does a list in the chunk that no element shows.
const src = new URL('./src/', import.meta.url).pathname;

/** Every codelist of the schema, by the name it is exported under. */
const isCodelist = (value: unknown): value is schema.Codelist<string> =>
  typeof value === 'object' && value !== null && 'entries' in value && 'name' in value;
const codelistExports = new Map(
  Object.entries(schema as Readonly<Record<string, unknown>>).flatMap(([exported, value]) =>
    isCodelist(value) ? [[exported, value.name] as const] : [],
  ),
);

/** The codelists the elements' code (not their tests, not their Welsh) names. */
function shownCodelists(): Set<string> {
  const shown = new Set<string>();
  const files = globSync('**/*.ts', { cwd: src }).filter(
    (file) => !file.endsWith('.test.ts') && !file.endsWith('.cy.ts') && !file.startsWith('testing/'),
  );
  for (const file of files) {
    const code = readFileSync(`${src}${file}`, 'utf8');
    for (const [exported, name] of codelistExports)
      if (new RegExp(`\\b${exported}\\b`, 'u').test(code)) shown.add(name);
  }
  // The schema's own messages name a need in words ("Select how urgent … is"): its labels show too.
  shown.add(schema.needCodes.name);
  return shown;
}

describe('the elements’ Welsh: only what the elements show', () => {
  it('has a Welsh label table for exactly the codelists the elements show', () => {
    assert.ok(codelistExports.size > 30, 'the schema’s codelists were found');
    assert.deepEqual(Object.keys(welshLabels).sort(), [...shownCodelists()].sort());
  });

  it('takes each list whole, the same as the schema’s', () => {
    const all = schemaWelshLabels as Readonly<Record<string, unknown>>;
    for (const [name, labels] of Object.entries(welshLabels)) assert.equal(labels, all[name], name);
  });
});
