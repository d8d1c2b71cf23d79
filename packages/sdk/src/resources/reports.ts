import { ReferralReport, ReportQuery } from '@hubkit/schema';
import type * as z from 'zod/mini';
import type { APIPromise } from '../core/api-promise.ts';
import type { HubClient, RequestOptions } from '../core/transport.ts';
import type * as read from '../types.ts';
import { checked } from '../core/validate-input.ts';

export interface ReportParams {
  /** First and last UK days, `YYYY-MM-DD`, both whole. */
  from: string;
  to: string;
  /** Hide counts of 1 to 4, for figures you will publish. */
  suppressSmallNumbers?: boolean;
}

/** Counts of referrals for hub managers; no personal data. */
export function retrieveReferralReport(
  client: HubClient,
  params: ReportParams,
  options?: RequestOptions,
): APIPromise<read.ReferralReport> {
  const query: z.input<typeof ReportQuery> = {
    from: params.from,
    to: params.to,
    ...(params.suppressSmallNumbers === undefined
      ? {}
      : { suppressSmallNumbers: params.suppressSmallNumbers ? 'true' : 'false' }),
  };
  return client.request(
    {
      method: 'GET',
      path: '/v1/reports/referrals',
      query: () => checked(ReportQuery, query, client.lang),
      response: ReferralReport,
    },
    options,
  );
}

/** Counts for hub managers; no personal data. */
export class Reports {
  readonly #client: HubClient;

  constructor(client: HubClient) {
    this.#client = client;
  }

  /** {@inheritDoc retrieveReferralReport} */
  referrals(params: ReportParams, options?: RequestOptions): APIPromise<read.ReferralReport> {
    return retrieveReferralReport(this.#client, params, options);
  }
}
