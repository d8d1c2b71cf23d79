/**
 * Proof of work for publishable keys' writes, when the hub asks for it: checked before the
 * Idempotency-Key is claimed, since a refusal here is not the write's answer. A retry of the same
 * write (same key, Idempotency-Key and body) may carry the same solution.
 */
import { createMiddleware } from 'hono/factory';
import { PROOF_HEADER } from '@hubkit/schema';
import { operationOf, type HubEnv } from '../env.ts';
import type { ProofOfWork } from '../proof-of-work.ts';
import { idempotencyKeyOf, requestHash } from './idempotency.ts';

export const proofOfWork = (proof: ProofOfWork) =>
  createMiddleware<HubEnv>(async (c, next) => {
    const { route, key } = operationOf(c);
    if (route.proof && key?.kind === 'publishable' && proof.required) {
      const idempotencyKey = idempotencyKeyOf(c);
      const use = idempotencyKey === undefined ? null : `${key.id}\n${idempotencyKey}\n${requestHash(c)}`;
      await proof.check(c.req.header(PROOF_HEADER), use);
    }
    return next();
  });
