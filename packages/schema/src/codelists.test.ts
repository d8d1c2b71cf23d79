import { registerWelsh } from './cy.ts';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as exported from './codelists.ts';
import { codelists, labelOf, langs, needCodes, referralStatusCodes, type Codelist } from './codelists.ts';

// The Welsh messages and labels are checked here too: put them in place, as a server does.
registerWelsh();

const isCodelist = (value: unknown): value is Codelist<string> =>
  typeof value === 'object' && value !== null && 'codes' in value && 'entries' in value && 'name' in value;

const lists = Object.entries(codelists) as [string, Codelist<string>][];

describe('codelists', () => {
  it('speak English and Welsh', () => {
    assert.deepEqual([...langs], ['en', 'cy']);
  });

  it('are each named by their key', () => {
    for (const [key, list] of lists) assert.equal(list.name, key);
  });

  it('have unique codes, in the same order as their entries', () => {
    for (const [name, list] of lists) {
      assert.ok(list.codes.length > 0, name);
      assert.equal(new Set(list.codes).size, list.codes.length, name);
      assert.deepEqual(
        list.entries.map((e) => e.code),
        [...list.codes],
        name,
      );
    }
  });

  it('label every code in English and Welsh, with no two options alike', () => {
    for (const [name, list] of lists) {
      for (const entry of list.entries) {
        const label = `${name}.${entry.code}`;
        assert.ok(entry.en.trim().length > 0 && entry.en === entry.en.trim(), label);
        assert.ok(entry.cy.trim().length > 0 && entry.cy === entry.cy.trim(), label);
      }
      assert.equal(
        new Set(list.entries.map((e) => e.en)).size,
        list.entries.length,
        `${name} English labels`,
      );
      assert.equal(new Set(list.entries.map((e) => e.cy)).size, list.entries.length, `${name} Welsh labels`);
      // A list whose Welsh is all the same as its English has not been translated.
      assert.ok(
        list.entries.some((e) => e.cy !== e.en),
        `${name} is not translated`,
      );
    }
  });

  it('has every exported codelist in `codelists`, and nothing else', () => {
    const all = Object.entries(exported).filter(([, value]) => isCodelist(value));
    assert.deepEqual(new Set(all.map(([, value]) => value)), new Set(Object.values(codelists)));
    assert.equal(all.length, lists.length);
    // Each list in `codelists` can be imported by a name of its own.
    for (const [key, list] of lists)
      assert.ok(
        all.some(([, value]) => value === list),
        key,
      );
  });
});

describe('labelOf', () => {
  it('gives the English label by default, and the Welsh one when asked', () => {
    assert.equal(labelOf(needCodes, 'housing'), 'Housing and homelessness');
    assert.equal(labelOf(needCodes, 'housing', 'en'), 'Housing and homelessness');
    assert.equal(labelOf(needCodes, 'housing', 'cy'), 'Tai a digartrefedd');
    assert.equal(labelOf(referralStatusCodes, 'returned', 'cy'), 'Wedi’i dychwelyd am ragor o wybodaeth');
  });

  it('agrees with the entries for every code of every list', () => {
    for (const [, list] of lists) {
      for (const entry of list.entries) {
        assert.equal(labelOf(list, entry.code), entry.en);
        assert.equal(labelOf(list, entry.code, 'cy'), entry.cy);
      }
    }
  });

  it('gives back a code that is not in the list', () => {
    assert.equal(labelOf(needCodes, 'gardening' as 'food'), 'gardening');
  });
});
