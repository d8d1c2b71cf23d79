import { Session, SessionCreate } from '@hubkit/schema';
import type * as z from 'zod/mini';
import type { APIPromise } from '../core/api-promise.ts';
import type { HubClient, RequestOptions } from '../core/transport.ts';
import type * as read from '../types.ts';
import { checked } from '../core/validate-input.ts';

export interface SessionParams {
  /**
   * Your own opaque id for the member of staff (1 to 64 of `A-Z a-z 0-9 . _ : -`): never a name
   * or an email. The hub's audit trail records it for every read the token makes.
   */
  staffRef: string;
  /** The web origin of the page that will use the token (`https://portal.example.org`): one registered for your key. */
  origin: string;
  /** Seconds the token works for: 60 to 3600 (default 900). */
  expiresIn?: number;
}

/**
 * Mints a staff token, on your server, with your referring partner's secret key: hand it to
 * your page, which sends it as its `apiKey` (`st_…`) from `origin` to read your own referrals
 * (list, one, and its events) until `expiresAt`, and nothing else. Not idempotent: nothing is
 * stored, so a retry mints another token, which is harmless.
 */
export function createSession(
  client: HubClient,
  params: SessionParams,
  options?: RequestOptions,
): APIPromise<read.Session> {
  const input: z.input<typeof SessionCreate> = params;
  return client.request(
    {
      method: 'POST',
      path: '/v1/sessions',
      body: () => checked(SessionCreate, input, client.lang),
      response: Session,
    },
    options,
  );
}

/** Staff tokens: short-lived, read-only access to your own referrals, for your staff's browsers. */
export class Sessions {
  readonly #client: HubClient;

  constructor(client: HubClient) {
    this.#client = client;
  }

  /** {@inheritDoc createSession} */
  create(params: SessionParams, options?: RequestOptions): APIPromise<read.Session> {
    return createSession(this.#client, params, options);
  }
}
