/** What is not a record: proof-of-work challenges, the OpenAPI document, health. */
import type { Handler } from './context.ts';

let openApiCache: { url: string; document: unknown } | undefined;

export const metaHandlers = {
  createChallenge: async (c) => ({ status: 200, body: await c.proofOfWork.challenge() }),
  getOpenApiDocument: async (c) => {
    if (openApiCache?.url !== c.baseUrl) {
      // Loaded only when asked for, so a page that never reads the document never bundles it.
      const { buildOpenApiDocument } = await import('@hubkit/schema/openapi');
      openApiCache = { url: c.baseUrl, document: buildOpenApiDocument({ serverUrl: c.baseUrl }) };
    }
    return { status: 200, body: openApiCache.document };
  },
  getHealth: async (c) => {
    const database = (await c.hub.store.ping()) ? 'ok' : 'error';
    return {
      status: database === 'ok' ? 200 : 503,
      body: { status: database === 'ok' ? 'ok' : 'degraded', version: c.version, database },
    };
  },
} satisfies Record<string, Handler>;
