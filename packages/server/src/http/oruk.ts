/**
 * The hub's directory as Open Referral UK (HSDS 3.0) read endpoints under `/oruk`, so that any
 * ORUK consumer can read it. The endpoints themselves are the schema's (`orukEndpoints`, shared
 * with the mocks); this mounts them on Hono over the hub's store.
 *
 * Public and read-only: a directory is public information, so no key is asked for and any
 * website may read it (`Access-Control-Allow-Origin: *`).
 */
import type { Hono } from 'hono';
import { CORRELATION_ID_HEADER, REQUEST_ID_HEADER } from '@hubkit/schema';
import { ProblemError } from '@hubkit/hub';
import { ORUK_KNOWN_PATHS, ORUK_METHODS, orukEndpoints, type OrukDirectory } from '@hubkit/hub';
import type { Hub } from '@hubkit/hub';
import type { HubEnv } from './app.ts';
import { lasting, toJsonBytes } from '../json-text.ts';

const BASE = '/oruk';

export function orukRoutes(app: Hono<HubEnv>, hub: Hub): void {
  const directory: OrukDirectory = {
    findServices: (query) => hub.store.findServices(query),
    getService: async (id) => (await hub.store.getService(id)) ?? undefined,
    pageServices: ({ q }, window) => hub.store.pageServices({ q }, window),
    version: () => hub.store.servicesVersion(),
    // A service's ORUK forms are made once and answered again: written out once (json-text.ts).
    lasting,
  };

  // Public: any website may read the directory, so CORS is `*`, and answers may be cached a while.
  app.use(`${BASE}/*`, async (c, next) => {
    if (c.req.method === 'OPTIONS') {
      return c.body(null, 204, {
        'Access-Control-Allow-Origin': '*',
        'Access-Control-Allow-Methods': ORUK_METHODS,
        'Access-Control-Allow-Headers': ['Accept', 'Accept-Language', CORRELATION_ID_HEADER].join(', '),
        'Access-Control-Max-Age': '86400',
      });
    }
    await next();
    const headers = c.res.headers;
    headers.set('Access-Control-Allow-Origin', '*');
    headers.set('Access-Control-Expose-Headers', [REQUEST_ID_HEADER, CORRELATION_ID_HEADER].join(', '));
    headers.set('Cache-Control', c.res.ok ? 'public, max-age=300' : 'no-store');
    return undefined;
  });

  for (const endpoint of orukEndpoints) {
    app.get(`${BASE}${endpoint.path}`, async (c) => {
      const url = new URL(c.req.url);
      // The id as sent: the endpoint decodes it once (Hono's param is already decoded).
      const id = endpoint.path.endsWith('/:id')
        ? url.pathname.slice(url.pathname.lastIndexOf('/') + 1)
        : undefined;
      const body = await endpoint.answer({ directory, params: url.searchParams, lang: c.get('lang'), id });
      return new Response(toJsonBytes(body), {
        status: 200,
        headers: { 'Content-Type': 'application/json; charset=utf-8' },
      });
    });
  }

  // Read-only: anything but GET, HEAD and OPTIONS at a known path is 405; an unknown path 404.
  app.all(`${BASE}/*`, (c) => {
    if (ORUK_KNOWN_PATHS.some((path) => path.test(c.req.path))) {
      throw new ProblemError(
        405,
        'method_not_allowed',
        'The Open Referral UK directory is read-only: use GET here.',
        {
          headers: { Allow: ORUK_METHODS },
        },
      );
    }
    throw new ProblemError(404, 'not_found', 'There is nothing at this address.');
  });
}
