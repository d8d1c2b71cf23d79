import assert from 'node:assert/strict';
import { it } from 'node:test';
import { newRequestId } from './request-context.ts';

it('gives request ids of 16 base64url characters, none twice, across many draws of random bytes', () => {
  const ids = Array.from({ length: 5_000 }, newRequestId);
  for (const id of ids) assert.match(id, /^req_[\w-]{16}$/);
  assert.equal(new Set(ids).size, ids.length);
});
