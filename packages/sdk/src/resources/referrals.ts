import {
  ListQuery,
  Outcome,
  OutcomeCreate,
  Referral,
  type ReferralConsent,
  ReferralCreate,
  ReferralListQuery,
  TransitionRequest,
  pageOf,
  type ReferralStatus,
} from '@hubkit/schema';
import type * as z from 'zod/mini';
import { listPages } from '../core/list.ts';
import type { PagePromise } from '../core/page.ts';
import type { APIPromise } from '../core/api-promise.ts';
import type { HubClient, RequestOptions } from '../core/transport.ts';
import type * as read from '../types.ts';
import { checked } from '../core/validate-input.ts';
import { WebhookEventReader } from '../core/events.ts';

const ReferralPage = /* @__PURE__ */ pageOf(Referral);
const EventPage = /* @__PURE__ */ pageOf(WebhookEventReader);

export type ReferralCreateParams = z.input<typeof ReferralCreate>;
/** The consent record sent with a referral (`consent`): a consent without `referralId`. */
export type ReferralConsentParams = z.input<typeof ReferralConsent>;
export type ReferralListParams = z.input<typeof ReferralListQuery>;
export type TransitionParams = z.input<typeof TransitionRequest> & { to: ReferralStatus };
export type OutcomeParams = z.input<typeof OutcomeCreate>;

/**
 * Makes a referral. Checked against the schema before it is sent; sent with an
 * Idempotency-Key (a new one unless you give yours), so retries never make a second referral.
 * Give `consent` to record the person's consent with it, in the same write (the referral's
 * `consentId` names the record made), or `consentId` for one already recorded: not both.
 */
export function createReferral(
  client: HubClient,
  params: ReferralCreateParams,
  options?: RequestOptions,
): APIPromise<read.Referral> {
  const body = (): unknown => checked(ReferralCreate, params, client.lang);
  return client.request(
    { method: 'POST', path: '/v1/referrals', body, response: Referral, idempotent: true, proof: true },
    options,
  );
}

export function retrieveReferral(
  client: HubClient,
  id: string,
  options?: RequestOptions,
): APIPromise<read.Referral> {
  return client.request(
    { method: 'GET', path: '/v1/referrals/{id}', params: { id }, response: Referral },
    options,
  );
}

/** Newest first; filter by status, need, or when they were made or changed. */
export function listReferrals(
  client: HubClient,
  params: ReferralListParams = {},
  options?: RequestOptions,
): PagePromise<read.Referral> {
  return listPages(
    client,
    '/v1/referrals',
    {},
    checked(ReferralListQuery, params, client.lang),
    ReferralPage,
    options,
  );
}

/** Moves a referral to a new status, as the lifecycle allows the key's role. */
export function transitionReferral(
  client: HubClient,
  id: string,
  params: TransitionParams,
  options?: RequestOptions,
): APIPromise<read.Referral> {
  const body = (): unknown => checked(TransitionRequest, params, client.lang);
  return client.request(
    {
      method: 'POST',
      path: '/v1/referrals/{id}/transitions',
      params: { id },
      body,
      response: Referral,
      idempotent: true,
    },
    options,
  );
}

/** What has happened to a referral, oldest first: the same events webhooks deliver. */
export function listReferralEvents(
  client: HubClient,
  id: string,
  params: z.input<typeof ListQuery> = {},
  options?: RequestOptions,
): PagePromise<read.WebhookEvent | read.UnknownWebhookEvent> {
  return listPages(
    client,
    '/v1/referrals/{id}/events',
    { id },
    checked(ListQuery, params, client.lang),
    EventPage,
    options,
  );
}

/** Records the outcome for one of the referral's needs. */
export function recordReferralOutcome(
  client: HubClient,
  id: string,
  params: OutcomeParams,
  options?: RequestOptions,
): APIPromise<read.Outcome> {
  const body = (): unknown => checked(OutcomeCreate, params, client.lang);
  return client.request(
    {
      method: 'POST',
      path: '/v1/referrals/{id}/outcomes',
      params: { id },
      body,
      response: Outcome,
      idempotent: true,
    },
    options,
  );
}

/** Referrals: make them, follow them through the lifecycle, record their outcomes. */
export class Referrals {
  readonly #client: HubClient;

  constructor(client: HubClient) {
    this.#client = client;
  }

  /** {@inheritDoc createReferral} */
  create(params: ReferralCreateParams, options?: RequestOptions): APIPromise<read.Referral> {
    return createReferral(this.#client, params, options);
  }

  retrieve(id: string, options?: RequestOptions): APIPromise<read.Referral> {
    return retrieveReferral(this.#client, id, options);
  }

  /** {@inheritDoc listReferrals} */
  list(params?: ReferralListParams, options?: RequestOptions): PagePromise<read.Referral> {
    return listReferrals(this.#client, params, options);
  }

  /** {@inheritDoc transitionReferral} */
  transition(id: string, params: TransitionParams, options?: RequestOptions): APIPromise<read.Referral> {
    return transitionReferral(this.#client, id, params, options);
  }

  /** {@inheritDoc listReferralEvents} */
  events(
    id: string,
    params?: z.input<typeof ListQuery>,
    options?: RequestOptions,
  ): PagePromise<read.WebhookEvent | read.UnknownWebhookEvent> {
    return listReferralEvents(this.#client, id, params, options);
  }

  /** {@inheritDoc recordReferralOutcome} */
  recordOutcome(id: string, params: OutcomeParams, options?: RequestOptions): APIPromise<read.Outcome> {
    return recordReferralOutcome(this.#client, id, params, options);
  }
}
