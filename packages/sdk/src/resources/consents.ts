import { Consent, ConsentCreate, ConsentWithdrawal } from '@hubkit/schema';
import type * as z from 'zod/mini';
import type { APIPromise } from '../core/api-promise.ts';
import type { HubClient, RequestOptions } from '../core/transport.ts';
import type * as read from '../types.ts';
import { checked } from '../core/validate-input.ts';

export type ConsentCreateParams = z.input<typeof ConsentCreate>;
export type ConsentWithdrawalParams = z.input<typeof ConsentWithdrawal>;

/** Records consent: each purpose answered separately. */
export function createConsent(
  client: HubClient,
  params: ConsentCreateParams,
  options?: RequestOptions,
): APIPromise<read.Consent> {
  const body = (): unknown => checked(ConsentCreate, params, client.lang);
  return client.request(
    { method: 'POST', path: '/v1/consents', body, response: Consent, idempotent: true, proof: true },
    options,
  );
}

export function retrieveConsent(
  client: HubClient,
  id: string,
  options?: RequestOptions,
): APIPromise<read.Consent> {
  return client.request(
    { method: 'GET', path: '/v1/consents/{id}', params: { id }, response: Consent },
    options,
  );
}

/** Withdraws consent: the hub shares nothing more with partners, and keeps the record. */
export function withdrawConsent(
  client: HubClient,
  id: string,
  params: ConsentWithdrawalParams,
  options?: RequestOptions,
): APIPromise<read.Consent> {
  const body = (): unknown => checked(ConsentWithdrawal, params, client.lang);
  return client.request(
    {
      method: 'POST',
      path: '/v1/consents/{id}/withdraw',
      params: { id },
      body,
      response: Consent,
      idempotent: true,
      proof: true,
    },
    options,
  );
}

/** Consent records: made once, each purpose separately; withdrawn, never deleted. */
export class Consents {
  readonly #client: HubClient;

  constructor(client: HubClient) {
    this.#client = client;
  }

  /** {@inheritDoc createConsent} */
  create(params: ConsentCreateParams, options?: RequestOptions): APIPromise<read.Consent> {
    return createConsent(this.#client, params, options);
  }

  retrieve(id: string, options?: RequestOptions): APIPromise<read.Consent> {
    return retrieveConsent(this.#client, id, options);
  }

  /** {@inheritDoc withdrawConsent} */
  withdraw(id: string, params: ConsentWithdrawalParams, options?: RequestOptions): APIPromise<read.Consent> {
    return withdrawConsent(this.#client, id, params, options);
  }
}
