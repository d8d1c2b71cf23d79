import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AuditEvent } from '@hubkit/schema';
import { newId, pooledRandom, randomId } from './web.ts';

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('record ids', () => {
  it('are version 7 UUIDs that the schema takes, telling the millisecond they were made', () => {
    const at = Date.UTC(2026, 11, 2, 16, 30, 0, 123);
    const made = newId(at);
    assert.match(made, V7);
    const event = {
      id: made,
      at: '2026-12-02T16:30:00.123Z',
      keyId: 'key_hub',
      keyType: 'secret',
      action: 'create',
      resourceType: 'referral',
      resourceId: newId(),
      requestId: 'req_0123456789abcdef',
    };
    assert.deepEqual(AuditEvent.safeParse(event).error, undefined);
    assert.equal(Number.parseInt(made.replace('-', '').slice(0, 12), 16), at);
  });

  it('made one after another sort one after another, and are all different', () => {
    const ids = Array.from({ length: 2_000 }, (_, i) => newId(1_700_000_000_000 + Math.floor(i / 10)));
    // In the order made, up to the millisecond (the random bits order those of one millisecond).
    assert.deepEqual(
      ids.map((x) => x.slice(0, 13)),
      ids.toSorted().map((x) => x.slice(0, 13)),
    );
    assert.equal(new Set(ids).size, ids.length);
  });

  it('keep 74 random bits: ids of the same millisecond differ after the time', () => {
    const same = Array.from({ length: 1_000 }, () => newId(1_700_000_000_000));
    assert.equal(new Set(same).size, same.length);
    assert.equal(new Set(same.map((x) => x.slice(0, 14))).size, 1);
  });

  it('random tokens are version 4, telling nothing of when', () => {
    assert.match(randomId(), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('pooled random values', () => {
  it('fill what they are given, across refills of the pool, never repeating a run of bytes', () => {
    const runs = new Set<string>();
    for (let i = 0; i < 2_000; i += 1) {
      const bytes = pooledRandom.getRandomValues(new Uint8Array(5 + (i % 7)));
      runs.add(Buffer.from(bytes).toString('hex'));
    }
    assert.equal(runs.size, 2_000);
  });

  it('spread over every byte value', () => {
    const seen = new Set(pooledRandom.getRandomValues(new Uint8Array(20_000)));
    assert.equal(seen.size, 256);
  });
});
