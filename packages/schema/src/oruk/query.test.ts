import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validate } from '../messages.ts';
import { OrukListQuery } from './query.ts';

describe('list query parameters', () => {
  it('defaults to page 1 of 50', () => {
    const result = validate(OrukListQuery, {});
    assert.ok(result.success);
    assert.deepEqual([result.data.page, result.data.per_page], [1, 50]);
  });

  it('reads the strings a URL gives: numbers, a postcode, a flag', () => {
    const result = validate(OrukListQuery, {
      page: '3',
      per_page: '20',
      postcode: 'n11aa',
      proximity: '1500',
      full: 'true',
      taxonomy_id: 'abc',
      unknown: 'passes',
    });
    assert.ok(result.success);
    assert.deepEqual(
      [result.data.page, result.data.per_page, result.data.postcode, result.data.proximity, result.data.full],
      [3, 20, 'N1 1AA', 1500, true],
    );
    assert.equal(result.data.unknown, 'passes');
  });

  it('names each parameter that is wrong', () => {
    const result = validate(OrukListQuery, {
      page: '0',
      per_page: '100000',
      postcode: 'nowhere',
      proximity: '-1',
    });
    assert.equal(result.success, false);
    assert.deepEqual(
      result.errors.map((e) => e.path),
      ['/page', '/per_page', '/postcode', '/proximity'],
    );
    assert.equal(result.errors.find((e) => e.path === '/postcode')?.message, 'Enter a postcode, like N1 1AA');
  });
});
