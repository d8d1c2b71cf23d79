/**
 * Page cursors: opaque and tamper-evident. A store gives out the sort keys of a page's last item
 * as a cursor and reads them back only from a cursor it issued; any other (edited, made up, from
 * another hub) is the caller's mistake, a 400 that names `cursor`, never a crash. The reference
 * server signs its cursors with an HMAC (its `store/cursor.ts`); the in-memory store remembers
 * the ones it gave out (`IssuedCursors`).
 */
import type { Page } from '@hubkit/schema';
import { ProblemError } from './problems.ts';
import type { PageRequest } from './store.ts';
import { base64url, randomBytes, utf8 } from './web.ts';

export interface Cursors {
  encode(keys: readonly (string | number)[]): string;
  /** The keys of a cursor this store issued with `arity` keys; else throws `CursorError`. */
  decode(cursor: string, arity: number): (string | number)[];
}

/** A cursor this hub did not give out. */
export class CursorError extends Error {
  override readonly name = 'CursorError';
}

export const CURSOR_NOT_OURS = 'The cursor is not one this hub gave out';

/** The answer to a cursor the hub did not give out. */
export function cursorProblem(error: CursorError): ProblemError {
  return new ProblemError(400, 'invalid_query', error.message, {
    errors: [{ path: '/cursor', code: 'invalid', message: 'Use the nextCursor of the previous page' }],
  });
}

/** One page of an in-memory list, with an offset cursor. */
export function slice<T>(cursors: Cursors, items: readonly T[], page: PageRequest): Page<T> {
  const offset = page.cursor ? Number(cursors.decode(page.cursor, 1)[0]) : 0;
  const data = items.slice(offset, offset + page.limit);
  const next = offset + page.limit;
  return { data, nextCursor: next < items.length ? cursors.encode([next]) : null };
}

/**
 * Cursors that are good only where they were given out: the sort keys as base64url JSON after a
 * random per-store prefix, and remembered. Where reads are synchronous and Web Crypto (whose
 * HMAC is asynchronous) is all there is, a caller sees them as it sees the server's signed ones.
 */
export class IssuedCursors implements Cursors {
  readonly #prefix = base64url(randomBytes(12));
  readonly #issued = new Map<string, (string | number)[]>();

  encode(keys: readonly (string | number)[]): string {
    const json = JSON.stringify(keys);
    const cursor = `${this.#prefix}.${base64url(utf8(json))}`;
    // Re-inserted, so the oldest cursors are the ones forgotten when a long test makes many.
    this.#issued.delete(cursor);
    this.#issued.set(cursor, [...keys]);
    if (this.#issued.size > 100_000) this.#issued.delete(this.#issued.keys().next().value ?? '');
    return cursor;
  }

  decode(cursor: string, arity: number): (string | number)[] {
    const keys = this.#issued.get(cursor);
    if (keys?.length !== arity) throw new CursorError(CURSOR_NOT_OURS);
    return [...keys];
  }
}
