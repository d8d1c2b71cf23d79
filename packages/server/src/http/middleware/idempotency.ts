/**
 * Idempotency-Key (IETF draft) on creates: the key is claimed before the work, and the answer
 * kept with it, so the same request again gets the same answer (`Idempotent-Replayed: true`), the
 * same key with another request 422, and a request while the first is in flight 409. A refusal
 * (4xx) is the request's answer too; anything else lets the claim go, so a retry runs.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import {
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENT_REPLAY_HEADER,
  IdempotencyKey,
  idempotencyInFlight,
  ProblemError,
} from '@hubkit/schema';
import type { Hub } from '../../domain/hub.ts';
import { IdempotencyClaimLost } from '../../store/types.ts';
import { operationOf, type HubEnv } from '../env.ts';
import { json, problemOf } from '../responses.ts';
import { recordAudit } from './audit.ts';

/** Same key, same request: the method, the path and the exact body. */
export function requestHash(c: Context<HubEnv>): string {
  const { route, bodyText } = operationOf(c);
  return createHash('sha256').update(`${route.method} ${c.req.path}\n${bodyText}`).digest('hex');
}

/** The request's Idempotency-Key, on routes that take one. */
export function idempotencyKeyOf(c: Context<HubEnv>): string | undefined {
  return operationOf(c).route.idempotent ? c.req.header(IDEMPOTENCY_KEY_HEADER) : undefined;
}

export interface IdempotencyOptions {
  hub: Hub;
  /** Answers are kept at least this long. */
  ttlMs: number;
  /** A claim lapses after this long (the request timeout). */
  claimMs: number;
  /** This hub process, as named on its claims. */
  instanceId: string;
}

export const idempotency = ({ hub, ttlMs, claimMs, instanceId }: IdempotencyOptions) =>
  createMiddleware<HubEnv>(async (c, next) => {
    const operation = operationOf(c);
    const { key } = operation;
    const idempotencyKey = idempotencyKeyOf(c);
    if (idempotencyKey === undefined || !key) return next();
    if (!IdempotencyKey.safeParse(idempotencyKey).success) {
      throw new ProblemError(
        400,
        'idempotency_key_invalid',
        'An Idempotency-Key is 1 to 255 visible ASCII characters.',
      );
    }
    const hash = requestHash(c);
    const now = hub.now();
    const claim = { keyId: key.id, key: idempotencyKey, token: randomUUID() };
    const begun = await hub.store.beginIdempotent(
      key.id,
      idempotencyKey,
      hash,
      now,
      new Date(Date.parse(now) + ttlMs).toISOString(),
      { token: claim.token, holder: instanceId, until: new Date(Date.parse(now) + claimMs).toISOString() },
    );
    if (begun.state === 'in_flight') throw idempotencyInFlight();
    if (begun.state === 'done') {
      if (begun.requestHash !== hash) {
        throw new ProblemError(
          422,
          'idempotency_key_reused',
          'This Idempotency-Key was used with a different request; use a new key.',
        );
      }
      if (begun.status < 300) await recordAudit(hub, c, JSON.parse(begun.body));
      return json(begun.body, begun.status, { [IDEMPOTENT_REPLAY_HEADER]: 'true' });
    }
    operation.idempotency = { ...claim, status: operation.route.status };
    operation.releaseClaim = () => hub.store.releaseIdempotent(claim.keyId, claim.key, claim.token);
    const complete = async (status: number, body: string) => {
      try {
        await hub.store.completeIdempotent({ ...claim, status, body });
      } catch (lost) {
        if (lost instanceof IdempotencyClaimLost) throw idempotencyInFlight();
        throw lost;
      }
    };

    await next();
    const failure = c.error;
    if (failure === undefined) {
      // The hub stored most answers with the write itself; the rest are kept here.
      const { result } = operation;
      if (result && !result.stored) await complete(result.status, JSON.stringify(result.body));
    } else if (failure instanceof IdempotencyClaimLost) {
      // Another request with this key took over (answered 409, see problems.ts): it makes the record.
    } else if (failure instanceof ProblemError && failure.status < 500) {
      // A refusal is the answer to this request: a retry gets the same one.
      await complete(failure.status, JSON.stringify(problemOf(c, failure)));
    } else {
      await operation.releaseClaim();
    }
    return undefined;
  });
