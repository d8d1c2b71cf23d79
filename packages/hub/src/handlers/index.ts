/**
 * One handler per operation of the v1 contract (`routes` in @hubkit/schema/routes), grouped by
 * resource. The server's Hono app and the mocks' msw handlers both answer with these.
 */
import type { RouteName } from '@hubkit/schema/routes';
import { assessmentHandlers } from './assessments.ts';
import { consentHandlers } from './consents.ts';
import type { Handler } from './context.ts';
import { metaHandlers } from './meta.ts';
import { referralHandlers } from './referrals.ts';
import { reportHandlers } from './reports.ts';
import { serviceHandlers } from './services.ts';
import { sessionHandlers } from './sessions.ts';
import { webhookHandlers } from './webhooks.ts';

export type { Handler, HandlerContext, HandlerResult } from './context.ts';

export const handlers: Readonly<Record<RouteName, Handler>> = {
  ...metaHandlers,
  ...referralHandlers,
  ...consentHandlers,
  ...assessmentHandlers,
  ...serviceHandlers,
  ...reportHandlers,
  ...webhookHandlers,
  ...sessionHandlers,
};
