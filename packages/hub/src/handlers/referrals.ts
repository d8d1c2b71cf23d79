/** Referrals: made, listed, read, moved through the lifecycle, their events and outcomes. */
import type { OutcomeCreate, ReferralCreate, ReferralListQuery, TransitionRequest } from '@hubkit/schema';
import { pageRequest as page } from '../records.ts';
import { caller, id, type Handler } from './context.ts';

export const referralHandlers = {
  createReferral: async (c) => ({
    status: 201,
    body: await c.hub.createReferral(c.body as ReferralCreate, caller(c)),
    stored: true,
  }),
  listReferrals: async (c) => {
    const { status, need, createdSince, updatedSince } = c.query as ReferralListQuery;
    return {
      status: 200,
      body: await c.hub.listReferrals({ status, need, createdSince, updatedSince }, page(c.query), caller(c)),
    };
  },
  retrieveReferral: async (c) => ({ status: 200, body: await c.hub.getReferral(id(c), caller(c)) }),
  transitionReferral: async (c) => ({
    status: 200,
    body: await c.hub.transitionReferral(id(c), c.body as TransitionRequest, caller(c)),
    stored: true,
  }),
  listReferralEvents: async (c) => ({
    status: 200,
    body: await c.hub.listReferralEvents(id(c), page(c.query), caller(c)),
  }),
  recordReferralOutcome: async (c) => ({
    status: 201,
    body: await c.hub.recordOutcome(id(c), c.body as OutcomeCreate, caller(c)),
    stored: true,
  }),
} satisfies Record<string, Handler>;
