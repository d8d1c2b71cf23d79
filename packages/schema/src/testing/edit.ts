/**
 * Helpers for the schema's own tests: copies of fixtures with one thing changed, the errors a
 * schema gives as short `path code` strings, and a seeded random source so that generated
 * cases are the same on every run.
 */
import assert from 'node:assert/strict';
import type * as z from 'zod/mini';
import { validate } from '../messages.ts';

/** Put at a path to remove the key there. */
export const REMOVE = Symbol('remove');

type Key = string | number;
export type Edit = readonly [path: readonly Key[], value: unknown];

/**
 * A deep copy of `base` with each edit applied; missing objects on a path are created. The copy
 * goes through JSON, as a request body would, so objects a fixture shares become separate.
 */
export function changed(base: unknown, ...edits: readonly Edit[]): unknown {
  const copy: unknown = JSON.parse(JSON.stringify(base));
  for (const [path, value] of edits) {
    const last = path.at(-1);
    if (last === undefined) throw new Error('An edit needs a path');
    let parent = copy as Record<Key, unknown>;
    for (const key of path.slice(0, -1)) {
      const next = parent[key];
      if (typeof next === 'object' && next !== null) {
        parent = next as Record<Key, unknown>;
      } else {
        const created: Record<Key, unknown> = {};
        parent[key] = created;
        parent = created;
      }
    }
    if (value === REMOVE) Reflect.deleteProperty(parent, last);
    else parent[last] = value;
  }
  return copy;
}

/** The errors `validate` gives, as sorted `path code` strings; empty when `value` is valid. */
export function errorsOf(schema: z.ZodMiniType, value: unknown, lang: 'en' | 'cy' = 'en'): string[] {
  const result = validate(schema, value, { lang });
  return result.success ? [] : result.errors.map((e) => `${e.path} ${e.code}`).sort();
}

/** Parses `value`, failing the test with every error when it is not valid. */
export function parsed<S extends z.ZodMiniType>(schema: S, value: unknown): z.output<S> {
  const result = validate(schema, value);
  assert.ok(result.success, `expected a valid value, got ${JSON.stringify(result.errors)}`);
  return result.data;
}

/** A small seeded pseudo-random generator (mulberry32): numbers in [0, 1). */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random element of `items`. */
export function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}
