/**
 * Opaque cursors for keyset pagination: the sort keys of the last item of a page, as
 * base64url JSON. A cursor that cannot be read is the caller's mistake (400), never a crash.
 */
export class CursorError extends Error {
  override readonly name = 'CursorError';
}

export function encodeCursor(keys: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(keys), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, arity: number): (string | number)[] {
  let keys: unknown;
  try {
    keys = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new CursorError('The cursor is not one this hub gave out');
  }
  if (
    !Array.isArray(keys) ||
    keys.length !== arity ||
    !keys.every((k) => typeof k === 'string' || (typeof k === 'number' && Number.isFinite(k)))
  ) {
    throw new CursorError('The cursor is not one this hub gave out');
  }
  return keys as (string | number)[];
}
