/**
 * The generated reference cannot drift: each committed file must be exactly what
 * docs/reference.ts renders from @hubkit/schema today, and the embed guide's integrity hashes
 * must be those of the last build of the CDN files.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  readSri,
  renderReference,
  root,
  securityGuide,
  sriGuides,
  withAccessMatrix,
  withCurrentSri,
} from './reference.ts';

const fix = 'run `npm run docs:reference` and commit the result';

describe('the generated schema reference', async () => {
  const rendered = await renderReference();

  it('renders the entities, codelists, lifecycle and mapping tables', () => {
    assert.deepEqual(Object.keys(rendered).sort(), [
      'docs/guides/reference/codelists.md',
      'docs/guides/reference/entities.md',
      'docs/guides/reference/fhir-oruk-tables.md',
      'docs/guides/reference/lifecycle.md',
    ]);
    // A few facts the pages must carry, so an empty render cannot pass.
    assert.match(
      rendered['docs/guides/reference/codelists.md'] ?? '',
      /\| `money_debt` +\| Money and debt +\| Arian a dyled +\|/,
    );
    assert.match(
      rendered['docs/guides/reference/lifecycle.md'] ?? '',
      /stateDiagram-v2\n[^`]*triage --> accepted: hub\n/,
    );
    assert.match(
      rendered['docs/guides/reference/fhir-oruk-tables.md'] ?? '',
      /\| `returned` +\| `active` +\| `on-hold` +\|/,
    );
    assert.match(rendered['docs/guides/reference/entities.md'] ?? '', /## Referral\n/);
  });

  for (const [path, text] of Object.entries(rendered)) {
    it(`${path} is what the generator renders`, () => {
      assert.ok(existsSync(join(root, path)), `${path} is missing: ${fix}`);
      assert.ok(readFileSync(join(root, path), 'utf8') === text, `${path} differs from the schema: ${fix}`);
    });
  }

  for (const path of sriGuides) {
    it(`${path} carries the integrity hashes of the built CDN files`, () => {
      const text = readFileSync(join(root, path), 'utf8');
      assert.ok(
        text === withCurrentSri(text, readSri()),
        `${path} has a stale integrity hash: run npm run build, then ${fix}`,
      );
    });
  }

  it(`${securityGuide} carries the access matrix the tests run`, async () => {
    const text = readFileSync(join(root, securityGuide), 'utf8');
    assert.match(text, /\| POST `\/v1\/consents` +\| another’s +\| 401 /);
    assert.ok(text === (await withAccessMatrix(text)), `${securityGuide} has a stale access table: ${fix}`);
  });
});
