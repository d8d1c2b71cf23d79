/** First on each v1 route: begins the operation its middleware fill in (see env.ts). */
import { createMiddleware } from 'hono/factory';
import type { Route, RouteName } from '@hubkit/schema/routes';
import type { HubEnv } from '../env.ts';

export const operation = (name: RouteName, route: Route) =>
  createMiddleware<HubEnv>(async (c, next) => {
    c.set('operation', {
      name,
      route,
      key: null,
      bodyText: '',
    });
    await next();
  });
