/**
 * Every page of a list, for tests that check two stores list alike: what each page holds and the
 * keys its cursor carries (read back with the store's own cursors, so two stores' cursors can be
 * compared though each signs with its own secret).
 */
import type { PageRequest } from '@hubkit/hub';
import type { Page } from '@hubkit/schema';
import type { Cursors } from '../store/cursor.ts';

export interface ReadPage {
  /** What the page holds, each item as `name` writes it. */
  items: string[];
  /** The keys of its cursor, or null on the last page. */
  keys: (string | number)[] | null;
}

export async function everyPage<T>(
  cursors: Cursors,
  read: (page: PageRequest) => Promise<Page<T>>,
  options: { limit: number; arity: number; name: (item: T) => string },
): Promise<ReadPage[]> {
  const found: ReadPage[] = [];
  let cursor: string | undefined;
  do {
    const page = await read({ limit: options.limit, cursor });
    found.push({
      items: page.data.map(options.name),
      keys: page.nextCursor === null ? null : cursors.decode(page.nextCursor, options.arity),
    });
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return found;
}
