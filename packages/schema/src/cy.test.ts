import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { codelists, labelOf, needCodes, type Codelist } from './codelists.ts';
import { registerWelsh, welshLabels, welshMessages } from './cy.ts';
import { fieldMessages, fieldNames, generalMessages, validate } from './messages.ts';
import { Organisation } from './referrer.ts';

// The Welsh lives apart from the English (a browser on an English page never fetches it) and is
// put in place by registerWelsh(). This file checks the order: English until then, Welsh after.
describe('the Welsh of the schema, apart', () => {
  it('answers in English until registerWelsh() is called, and in Welsh after it, synchronously', () => {
    assert.equal(labelOf(needCodes, 'money_debt', 'cy'), 'Money and debt');
    const before = validate(Organisation, { name: '' }, { lang: 'cy' });
    if (before.success) assert.fail('an empty name is refused');
    assert.match(before.errors[0]?.message ?? '', /^Enter /u);

    registerWelsh();
    assert.equal(labelOf(needCodes, 'money_debt', 'cy'), 'Arian a dyled');
    assert.equal(needCodes.entries[0]?.cy, 'Arian a dyled');
    assert.equal(labelOf(needCodes, 'money_debt', 'en'), 'Money and debt');
    const after = validate(Organisation, { name: '' }, { lang: 'cy' });
    if (after.success) assert.fail('an empty name is refused');
    assert.match(after.errors[0]?.message ?? '', /^Rhowch /u);
    registerWelsh(); // twice is harmless
    assert.equal(labelOf(needCodes, 'money_debt', 'cy'), 'Arian a dyled');
  });

  it('has a Welsh label for every code of every codelist, and none for a code that is not there', () => {
    for (const list of Object.values(codelists) as Codelist<string>[]) {
      const welsh = (welshLabels as Record<string, Record<string, string>>)[list.name];
      assert.ok(welsh, `no Welsh for the ${list.name} codelist`);
      assert.deepEqual(Object.keys(welsh).sort(), [...list.codes].sort(), list.name);
      for (const code of list.codes) assert.ok(welsh[code]?.trim(), `${list.name}.${code}`);
    }
  });

  it('has a Welsh message for every English one: fields, field names and general messages', () => {
    for (const [field, kinds] of Object.entries(fieldMessages))
      assert.deepEqual(
        Object.keys(welshMessages.fields[field] ?? {}).sort(),
        Object.keys(kinds).sort(),
        field,
      );
    assert.deepEqual(Object.keys(welshMessages.names).sort(), Object.keys(fieldNames).sort());
    assert.deepEqual(Object.keys(welshMessages.general).sort(), Object.keys(generalMessages).sort());
  });
});
