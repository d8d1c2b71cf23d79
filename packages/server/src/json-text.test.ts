import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lasting, parsedFrom, toJson, toJsonBytes } from './json-text.ts';

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

  it('writes the same answer as UTF-8 bytes, the known texts copied in', () => {
    // Text outside Latin-1 (Welsh, a curly apostrophe) and an emoji (a surrogate pair), in known
    // texts and around them.
    const service = parsedFrom('{"name": "Banc bwyd Caerdydd \u2019 D\u0175r \ud83c\udf5e"}');
    const other = parsedFrom('{ "id": "b" }');
    const lastingItem = { id: 'x', note: 'Cym\u0175r' };
    lasting(lastingItem);
    for (const answer of [
      { data: [service, other, service], nextCursor: 'caf\u00e9 \u2013 \ud83c\udf5e', total: 3 },
      { contents: [lastingItem, lastingItem], page: 1 },
      { plain: ['\u0175', { two: 2 }] },
      { note: '\u0000json-text:0', data: [service] },
      { ['\u0000json-text:1']: 1, data: [service, other] },
      [service],
      'text',
      42,
    ]) {
      const written = toJsonBytes(answer);
      assert.ok(written instanceof Uint8Array);
      assert.equal(Buffer.from(written).toString('utf8'), toJson(answer));
      // Twice: the second time from the bytes kept.
      assert.deepEqual(Buffer.from(toJsonBytes(answer)), Buffer.from(toJson(answer), 'utf8'));
    }
  });
});
