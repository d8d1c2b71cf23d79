import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lasting, parsedFrom, toJson } from './json-text.ts';

describe('json-text', () => {
  it('writes an object read with parsedFrom as the very text it was read from', () => {
    // Spacing JSON.stringify would not write: seen in the output only if the text was reused.
    const first = parsedFrom('{"id": "a",  "n": 1}');
    const second = parsedFrom('{ "id": "b" }');
    const text = toJson({ data: [first, second], nextCursor: null, total: 2 });
    assert.equal(text, '{"data":[{"id": "a",  "n": 1},{ "id": "b" }],"nextCursor":null,"total":2}');
    assert.deepEqual(
      JSON.parse(text),
      JSON.parse(JSON.stringify({ data: [first, second], nextCursor: null, total: 2 })),
    );
  });

  it('finds remembered objects at any depth, and writes other objects as JSON.stringify does', () => {
    const service = parsedFrom('{"name": "Food bank"}');
    const answer = { results: [{ service, distanceKm: 1.5, nearestLocationId: 'loc-1' }], 'a"b': [1, 'x'] };
    assert.equal(
      toJson(answer),
      JSON.stringify(answer).replace('{"name":"Food bank"}', '{"name": "Food bank"}'),
    );
    assert.equal(toJson({ plain: [1, { two: 2 }] }), JSON.stringify({ plain: [1, { two: 2 }] }));
  });

  it('writes a lasting object out once and answers its text again', () => {
    const item = { id: 'x', names: ['a', 'b'] };
    lasting(item);
    assert.equal(toJson({ contents: [item] }), '{"contents":[{"id":"x","names":["a","b"]}]}');
    // Changed against the rule (a lasting object never changes): the text written first stands.
    item.names.push('c');
    assert.equal(
      toJson({ page: 2, contents: [item, item] }),
      '{"page":2,"contents":[{"id":"x","names":["a","b"]},{"id":"x","names":["a","b"]}]}',
    );
    // Not lasting: written as it is now.
    const other = { id: 'y' };
    assert.equal(toJson([other]), '[{"id":"y"}]');
    other.id = 'z';
    assert.equal(toJson([other]), '[{"id":"z"}]');
  });

  it('cannot be fooled by a string of the answer that looks like its mark', () => {
    const service = parsedFrom('{"id": "real"}');
    for (const sneaky of ['\u0000json-text:0', 'x\u0000', '\u0000json-text:7']) {
      const answer = { note: sneaky, data: [service] };
      assert.equal(toJson(answer), JSON.stringify(answer));
      const keyed = { [sneaky]: 1, data: [service] };
      assert.equal(toJson(keyed), JSON.stringify(keyed));
    }
  });

  it('leaves primitives and texts of primitives alone', () => {
    assert.equal(parsedFrom('42'), 42);
    assert.equal(toJson('text'), '"text"');
    assert.equal(toJson([null, true, 3]), '[null,true,3]');
  });
});
