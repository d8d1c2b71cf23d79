/** The audit trail: who read or changed which records, written in one batch after the handler answers. */
import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { auditEventsFor } from '@hubkit/schema';
import type { Hub } from '../../domain/hub.ts';
import { operationOf, type HubEnv } from '../env.ts';

/** Records what `answer` disclosed or changed; a replayed answer discloses it again. */
export async function recordAudit(hub: Hub, c: Context<HubEnv>, answer: unknown): Promise<void> {
  const { key, name, params, body } = operationOf(c);
  if (!key) return;
  const events = auditEventsFor(name, {
    newId: randomUUID,
    at: hub.now(),
    key,
    requestId: c.get('requestId'),
    pathId: params.id,
    answer,
    body,
  });
  await hub.store.insertAudit(events);
}

export const audit = (hub: Hub) =>
  createMiddleware<HubEnv>(async (c, next) => {
    await next();
    const { result } = operationOf(c);
    if (c.error === undefined && result) await recordAudit(hub, c, result.body);
  });
