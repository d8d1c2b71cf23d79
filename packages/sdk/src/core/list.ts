import type * as z from 'zod/mini';
import { Page, PagePromise } from './page.ts';
import type { RequestOptions, Transport } from './transport.ts';

/** A paginated GET: the query, then the next cursor, page after page. */
export function listPages<T>(
  transport: Transport,
  path: string,
  query: Record<string, string | number | boolean | undefined>,
  pageSchema: z.ZodMiniType<{ data: T[]; nextCursor: string | null }>,
  options: RequestOptions | undefined,
): PagePromise<T> {
  const fetchPage = async (cursor: string | undefined): Promise<Page<T>> => {
    const page = await transport.request(
      { method: 'GET', path, query: { ...query, cursor }, response: pageSchema },
      options,
    );
    return new Page(page.data, page.nextCursor, (next) => fetchPage(next));
  };
  return new PagePromise(() => fetchPage(typeof query.cursor === 'string' ? query.cursor : undefined));
}

export const segment = (id: string | number) => encodeURIComponent(String(id));
