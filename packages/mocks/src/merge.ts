/** Overrides for a fixture: any part of it, at any depth; lists are replaced whole. */
export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> | undefined }
    : T;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `base` with `overrides` merged in at every depth: objects merge, everything else (lists too)
 * replaces, and a key given as `undefined` is left out. Neither argument is changed.
 */
export function deepMerge<T>(base: T, overrides?: DeepPartial<NoInfer<T>>): T {
  if (overrides === undefined) return structuredClone(base);
  if (!isPlainObject(base) || !isPlainObject(overrides)) return structuredClone(overrides as unknown as T);
  const out: Record<string, unknown> = structuredClone(base);
  const removed = new Set<string>();
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) removed.add(key);
    else
      out[key] =
        isPlainObject(out[key]) && isPlainObject(value) ? deepMerge(out[key], value) : structuredClone(value);
  }
  return Object.fromEntries(Object.entries(out).filter(([key]) => !removed.has(key))) as T;
}
