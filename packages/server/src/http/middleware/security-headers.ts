/**
 * Headers every answer carries: no MIME sniffing and no referrer (Hono's secure-headers, with
 * only those two: the others are the static pages' own business, see static.ts), and no caching
 * of anything under /v1.
 */
import { createMiddleware } from 'hono/factory';
import { secureHeaders } from 'hono/secure-headers';
import type { HubEnv } from '../env.ts';

export const securityHeaders = secureHeaders({
  xContentTypeOptions: true,
  referrerPolicy: true,
  crossOriginResourcePolicy: false,
  crossOriginOpenerPolicy: false,
  originAgentCluster: false,
  strictTransportSecurity: false,
  xDnsPrefetchControl: false,
  xDownloadOptions: false,
  xFrameOptions: false,
  xPermittedCrossDomainPolicies: false,
  xXssProtection: false,
  removePoweredBy: false,
});

export const noStoreForApi = createMiddleware<HubEnv>(async (c, next) => {
  await next();
  if (c.req.path.startsWith('/v1/')) c.res.headers.set('Cache-Control', 'no-store');
});
