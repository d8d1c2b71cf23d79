import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ProblemError, parseJson, queryObject } from './index.ts';

describe('parseJson', () => {
  it('reads JSON, and refuses an empty or broken body with a 400 that never quotes it', () => {
    assert.deepEqual(parseJson('{"a":1}'), { a: 1 });
    for (const text of ['', '  ', '{"name":"Ann Smith"']) {
      assert.throws(
        () => parseJson(text),
        (error: unknown) =>
          error instanceof ProblemError &&
          error.status === 400 &&
          error.code === 'invalid_json' &&
          !error.message.includes('Ann'),
      );
    }
  });
});

describe('queryObject', () => {
  it('reads each parameter once, values as sent', () => {
    assert.deepEqual(
      { ...queryObject(new URLSearchParams('q=food+bank&page=2&empty=')) },
      {
        q: 'food bank',
        page: '2',
        empty: '',
      },
    );
  });

  it('refuses a parameter given twice, naming it', () => {
    assert.throws(
      () => queryObject(new URLSearchParams('need=food&need=money')),
      (error: unknown) =>
        error instanceof ProblemError &&
        error.status === 400 &&
        error.code === 'invalid_query' &&
        error.errors?.[0]?.path === '/need',
    );
  });

  it('takes __proto__ as a plain parameter, not as the prototype', () => {
    const query = queryObject(new URLSearchParams('__proto__=x&polluted=no'));
    assert.equal(Object.getPrototypeOf(query), null);
    assert.equal(query.__proto__, 'x');
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});
