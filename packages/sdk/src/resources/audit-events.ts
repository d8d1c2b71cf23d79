import { AuditEvent, AuditEventListQuery, pageOf } from '@hubkit/schema';
import type * as z from 'zod/mini';
import { listPages } from '../core/list.ts';
import type { PagePromise } from '../core/page.ts';
import type { HubClient, RequestOptions } from '../core/transport.ts';
import type * as read from '../types.ts';
import { checked } from '../core/validate-input.ts';

const AuditPage = /* @__PURE__ */ pageOf(AuditEvent);

/** Who read or changed personal data, and when; newest first. */
export function listAuditEvents(
  client: HubClient,
  params: z.input<typeof AuditEventListQuery> = {},
  options?: RequestOptions,
): PagePromise<read.AuditEvent> {
  return listPages(
    client,
    '/v1/audit-events',
    {},
    checked(AuditEventListQuery, params, client.lang),
    AuditPage,
    options,
  );
}

/** The audit trail. */
export class AuditEvents {
  readonly #client: HubClient;

  constructor(client: HubClient) {
    this.#client = client;
  }

  /** {@inheritDoc listAuditEvents} */
  list(params?: z.input<typeof AuditEventListQuery>, options?: RequestOptions): PagePromise<read.AuditEvent> {
    return listAuditEvents(this.#client, params, options);
  }
}
