/** Hub-wide reports and the audit trail: the hub's own keys only. */
import type { AuditEventListQuery } from '@hubkit/schema';
import type { ReportRequest } from '../reports.ts';
import { pageRequest as page } from '../records.ts';
import { hubOnly, type Handler } from './context.ts';

export const reportHandlers = {
  retrieveReferralReport: async (c) => {
    hubOnly(c);
    return {
      status: 200,
      body: await c.hub.report(c.query as ReportRequest),
    };
  },
  listAuditEvents: async (c) => {
    hubOnly(c);
    const { resourceType, resourceId, since } = c.query as AuditEventListQuery;
    return {
      status: 200,
      body: await c.hub.store.listAudit({ resourceType, resourceId, since }, page(c.query)),
    };
  },
} satisfies Record<string, Handler>;
