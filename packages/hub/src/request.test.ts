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

  it('refuses a string or key that escapes half of a surrogate pair, and takes a whole pair', () => {
    assert.deepEqual(parseJson('{"name":"\\ud83d\\ude00 Ann"}'), { name: '\u{1F600} Ann' });
    for (const text of [
      '{"name":"Ann \\ud800"}',
      '{"name":"\\udfff Ann"}',
      '{"names":["Ann","\\udc00\\ud800"]}',
      '{"a":{"\\ud800":1}}',
    ]) {
      assert.throws(
        () => parseJson(text),
        (error: unknown) =>
          error instanceof ProblemError && error.status === 400 && error.code === 'invalid_json',
        text,
      );
    }
  });

  it('looks through JSON nested as deep as a body can hold without running out of stack', () => {
    for (const [open, close] of [
      ['[', ']'],
      ['{"a":', '}'],
    ] as const) {
      const deep = `${open.repeat(40_000)}"\\ud800"${close.repeat(40_000)}`;
      assert.throws(
        () => parseJson(deep),
        (error: unknown) => error instanceof ProblemError && error.code === 'invalid_json',
      );
      assert.ok(parseJson(deep.replace('\\ud800', 'x')));
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
