/** The service directory: browse, search by where a person is, read one. */
import type { ServiceListQuery, ServiceSearch } from '@hubkit/schema';
import { DEFAULT_PAGE_LIMIT, pageRequest as page } from '../records.ts';
import { id, type Handler } from './context.ts';

export const serviceHandlers = {
  listServices: async (c) => {
    const { q, need } = c.query as ServiceListQuery;
    return { status: 200, body: await c.hub.listServices({ q, need }, page(c.query)) };
  },
  searchServices: async (c) => {
    const search = c.body as Omit<ServiceSearch, 'limit'> & { limit?: number };
    return {
      status: 200,
      body: await c.hub.searchServices(search, {
        limit: search.limit ?? DEFAULT_PAGE_LIMIT,
        cursor: search.cursor,
      }),
    };
  },
  retrieveService: async (c) => ({ status: 200, body: await c.hub.getService(id(c)) }),
} satisfies Record<string, Handler>;
