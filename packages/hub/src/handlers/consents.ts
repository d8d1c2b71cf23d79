/** Consent records: made, read and withdrawn. */
import type { ConsentCreate, ConsentWithdrawal } from '@hubkit/schema';
import { caller, id, type Handler } from './context.ts';

export const consentHandlers = {
  createConsent: async (c) => ({
    status: 201,
    body: await c.hub.createConsent(c.body as ConsentCreate, caller(c)),
    stored: true,
  }),
  retrieveConsent: async (c) => ({ status: 200, body: await c.hub.getConsent(id(c), caller(c)) }),
  withdrawConsent: async (c) => ({
    status: 200,
    body: await c.hub.withdrawConsent(id(c), c.body as ConsentWithdrawal, caller(c)),
    stored: true,
  }),
} satisfies Record<string, Handler>;
