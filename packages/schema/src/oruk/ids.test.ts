import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { id } from '../primitives.ts';
import { childId, deterministicId } from './ids.ts';

const V8 = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('deterministicId', () => {
  it('is a version 8, RFC 9562 variant UUID that hubkit’s own id schema accepts', () => {
    for (const parts of [['taxonomy', 'hubkit-needs'], ['a'], [''], ['£ and ✓', 3], [0]]) {
      const value = deterministicId(...parts);
      assert.match(value, V8, String(parts));
      assert.ok(id.safeParse(value).success, value);
    }
  });

  it('gives the same id for the same parts, every time', () => {
    assert.equal(deterministicId('x', 'phone', 0), deterministicId('x', 'phone', 0));
    assert.equal(childId('p', 'schedule', 2), deterministicId('p', 'schedule', 2));
  });

  it('gives different ids for different parts, including where the parts split', () => {
    assert.notEqual(deterministicId('a-b', 'c'), deterministicId('a', 'b-c'));
    assert.notEqual(deterministicId('1'), deterministicId(1));
    assert.notEqual(childId('p', 'phone', 0), childId('p', 'phone', 1));
    assert.notEqual(childId('p', 'phone', 0), childId('p', 'schedule', 0));
    assert.notEqual(childId('p', 'phone', 0), childId('q', 'phone', 0));
  });

  it('does not collide across many children of many parents', () => {
    const seen = new Set<string>();
    const kinds = ['phone', 'schedule', 'language', 'attribute'] as const;
    for (let parent = 0; parent < 500; parent += 1) {
      for (const kind of kinds) {
        for (let index = 0; index < 10; index += 1) seen.add(childId(`service-${parent}`, kind, index));
      }
    }
    assert.equal(seen.size, 500 * kinds.length * 10);
  });
});
