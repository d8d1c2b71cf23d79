import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KEY_MIN_CHARACTERS, KeyError, keyValueProblem, makeKey } from './keys.ts';

describe('keys given by an operator', () => {
  const now = '2026-12-02T09:00:00.000Z';

  it(`need their prefix and at least ${KEY_MIN_CHARACTERS} more visible characters`, () => {
    assert.equal(KEY_MIN_CHARACTERS, 16);
    for (const [kind, prefix] of [
      ['publishable', 'pk_'],
      ['secret', 'sk_'],
    ] as const) {
      assert.equal(keyValueProblem(kind, `${prefix}${'a'.repeat(16)}`), null, `${kind}: 16 is enough`);
      assert.equal(keyValueProblem(kind, `${prefix}${'!~'.repeat(20)}`), null, `${kind}: punctuation counts`);
      assert.match(keyValueProblem(kind, `${prefix}${'a'.repeat(15)}`) ?? '', /fewer than 16 after/, kind);
      assert.match(
        keyValueProblem(kind, `${prefix}${'a'.repeat(8)} ${'a'.repeat(8)}`) ?? '',
        /a space/,
        kind,
      );
      assert.match(
        keyValueProblem(kind, `${prefix}${'a'.repeat(15)}é`) ?? '',
        /a space or another character/,
      );
      assert.match(
        keyValueProblem(kind, `xx_${'a'.repeat(20)}`) ?? '',
        new RegExp(`does not start ${prefix}`),
      );
    }
  });

  it('are refused when made, in words that never repeat the key', () => {
    const short = 'sk_secretButShort';
    assert.throws(
      () => makeKey({ kind: 'secret', name: 'Demo', value: short, now }),
      (error: unknown) =>
        error instanceof KeyError &&
        error.message.startsWith('a secret key is sk_ followed by at least 16 more visible characters') &&
        !error.message.includes(short.slice(3)),
    );
  });
});
