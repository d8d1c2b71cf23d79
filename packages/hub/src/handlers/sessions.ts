/** Staff tokens: minted by a referring partner's server for one member of its staff. */
import type { SessionCreate } from '@hubkit/schema';
import { caller, type Handler } from './context.ts';

export const sessionHandlers = {
  createSession: async (c) => ({
    status: 201,
    body: await c.hub.createSession(c.body as SessionCreate, caller(c)),
  }),
} satisfies Record<string, Handler>;
