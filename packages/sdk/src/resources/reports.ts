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
  /** Count referrals made in each ISO week (from Monday) or calendar month too: the answer's `series`. */
  interval?: 'week' | 'month';
  /** With `interval`: each week's or month's counts by need too. */
  seriesByNeed?: boolean;
  /** The target for first contact, in working days after the day of submission (the hub's default is 2). */
  targetWorkingDays?: number;
  /** The target for closing, in working days after the day of submission (the hub's default is 20). */
  closeTargetWorkingDays?: number;
}

const flag = (value: boolean | undefined) => (value === undefined ? undefined : value ? 'true' : 'false');

/**
 * Counts of referrals for hub managers; no personal data: by need, status, area and more, over
 * time by week or month, timeliness (first contact and close, in working days), outcome values in
 * pence and equality monitoring breakdowns.
 */
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
      : { suppressSmallNumbers: flag(params.suppressSmallNumbers) }),
    ...(params.interval === undefined ? {} : { interval: params.interval }),
    ...(params.seriesByNeed === undefined ? {} : { seriesByNeed: flag(params.seriesByNeed) }),
    ...(params.targetWorkingDays === undefined ? {} : { targetWorkingDays: params.targetWorkingDays }),
    ...(params.closeTargetWorkingDays === undefined
      ? {}
      : { closeTargetWorkingDays: params.closeTargetWorkingDays }),
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
