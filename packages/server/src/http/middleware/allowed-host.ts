/**
 * Before anything else is read or done: only the host names this hub is configured for, so a
 * page on another name that resolves here (DNS rebinding) is refused with 421.
 */
import { ProblemError } from '@hubkit/hub';
import { createMiddleware } from 'hono/factory';
import type { HubEnv } from '../env.ts';

export const allowedHostOnly = (allowedHost: (host: string) => boolean) =>
  createMiddleware<HubEnv>(async (c, next) => {
    if (allowedHost((c.req.header('host') ?? '').toLowerCase())) return next();
    throw new ProblemError(
      421,
      'unknown_host',
      'This hub does not answer for that host name: use its own address (HUBKIT_PUBLIC_URL, or the address it listens on).',
    );
  });
