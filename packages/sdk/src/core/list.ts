import type * as z from 'zod/mini';
import type { APIPromise } from './api-promise.ts';
import { Page, PagePromise } from './page.ts';
import type { Read } from './tolerant.ts';
import type { RequestOptions, Transport } from './transport.ts';

type PageSchema = z.ZodMiniType<{ data: unknown[]; nextCursor: string | null }>;

/** The items of a page read with the tolerant twin of its schema. */
export type ItemOf<S extends PageSchema> = Read<S> extends { data: (infer T)[] } ? T : never;

/** A paginated GET: the query, then the next cursor, page after page. */
export function listPages<S extends PageSchema>(
  transport: Transport,
  path: string,
  params: Readonly<Record<string, string | number>>,
  query: Record<string, string | number | boolean | undefined>,
  pageSchema: S,
  options: RequestOptions | undefined,
): PagePromise<ItemOf<S>> {
  const fetchPage = (cursor: string | undefined): APIPromise<Page<ItemOf<S>>> =>
    transport
      .request({ method: 'GET', path, params, query: { ...query, cursor }, response: pageSchema }, options)
      ._thenUnwrap((answer) => {
        const page = answer as { data: ItemOf<S>[]; nextCursor: string | null };
        return new Page(page.data, page.nextCursor, (next) => fetchPage(next));
      });
  return new PagePromise(() => fetchPage(typeof query.cursor === 'string' ? query.cursor : undefined));
}
