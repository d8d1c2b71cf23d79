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
 * Mints a staff token, on your server, with a secret key that has `origin` registered: hand it
 * to your page, which sends it as its `apiKey` (`st_…`) from `origin` until `expiresAt`.
 *
 * - With a **referring partner's** key, the token reads your own referrals (list, one, and its
 *   events), and nothing else.
 * - With a **hub** key, it is a report token, for a dashboard on the hub's intranet (such as
 *   `<hub-report>`): it reads the reports (`reports.referrals`: counts, no personal data), and
 *   nothing else, not even one referral, though the hub key itself sees them all.
 *
 * Provider and publishable keys mint none (403). Not idempotent: nothing is stored, so a retry
 * mints another token, which is harmless.
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

/**
 * Staff tokens: short-lived, read-only access for your staff's browsers: to your own referrals
 * (a referring partner's key), or to the hub's reports (a hub key's report tokens).
 */
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
