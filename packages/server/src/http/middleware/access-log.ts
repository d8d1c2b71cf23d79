/** One log line per request: route template, status, time, ids. Never bodies, queries or personal data. */
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { routePath } from 'hono/route';
import type { Logger } from '../../log.ts';
import type { HubEnv } from '../env.ts';

export const accessLog = (logger: Logger) =>
  createMiddleware<HubEnv>(async (c, next) => {
    const started = performance.now();
    await next();
    logger.info({
      at: new Date().toISOString(),
      requestId: c.get('requestId'),
      method: c.req.method,
      route: routePath(c as Context),
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      keyId: c.get('keyId') ?? null,
    });
  });
