/**
 * One handler per operation of the v1 contract. The app has already authenticated, parsed and
 * validated; a handler calls the hub and says what to answer. `stored` marks answers the hub
 * saved with the write itself, for the request's Idempotency-Key.
 */
import { notFound, pageRequest, requireCaller, requireHub, DEFAULT_PAGE_LIMIT } from '@hubkit/hub';
import { randomBytes } from 'node:crypto';
import type {
  AssessmentCreate,
  AssessmentDraft,
  AuditEventListQuery,
  ConsentCreate,
  ConsentWithdrawal,
  OutcomeCreate,
  ReferralCreate,
  ReferralListQuery,
  ReportQuery,
  ServiceListQuery,
  ServiceSearch,
  TransitionRequest,
  WebhookEndpoint,
  WebhookEndpointCreate,
} from '@hubkit/schema';
import { buildOpenApiDocument } from '@hubkit/schema/openapi';
import type { RouteName } from '@hubkit/schema/routes';
import type { Caller, Hub } from '../domain/hub.ts';
import type { StoredWebhookEndpoint } from '../store/types.ts';
import type { AppOptions } from './app.ts';
import type { ProofOfWork } from './proof-of-work.ts';

export interface HandlerContext {
  hub: Hub;
  caller: Caller | null;
  params: Record<string, string>;
  query: unknown;
  body: unknown;
  request: Request;
  options: AppOptions;
  proofOfWork: ProofOfWork;
}

export interface HandlerResult {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  stored?: boolean;
}

type Handler = (context: HandlerContext) => Promise<HandlerResult>;

const page = pageRequest;
const caller = (context: HandlerContext): Caller => requireCaller(context.caller);
/** Hub-wide reports, the audit trail and webhooks are the hub's own: not a provider's. */
const hubOnly = (context: HandlerContext): Caller => requireHub(context.caller);

const id = (context: HandlerContext) => context.params.id ?? '';

/** A webhook endpoint as the API shows it: the signing secret only when it is made. */
function publicEndpoint({ secret: _secret, ...endpoint }: StoredWebhookEndpoint): WebhookEndpoint {
  return endpoint;
}

let openApiCache: { url: string; document: unknown } | undefined;

export const handlers: Record<RouteName, Handler> = {
  createChallenge: async (c) => ({ status: 200, body: await c.proofOfWork.challenge() }),
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
  createAssessment: async (c) => ({
    status: 201,
    body: await c.hub.createAssessment(c.body as AssessmentCreate, caller(c)),
    stored: true,
  }),
  listAssessments: async (c) => {
    const { residentId, referralId } = c.query as { residentId?: string; referralId?: string };
    return {
      status: 200,
      body: await c.hub.listAssessments({ residentId, referralId }, page(c.query), caller(c)),
    };
  },
  retrieveAssessment: async (c) => ({ status: 200, body: await c.hub.getAssessment(id(c), caller(c)) }),
  createAssessmentVersion: async (c) => ({
    status: 201,
    body: await c.hub.createAssessmentVersion(id(c), c.body as AssessmentDraft, caller(c)),
    stored: true,
  }),
  listAssessmentVersions: async (c) => {
    return { status: 200, body: await c.hub.listAssessmentVersions(id(c), page(c.query), caller(c)) };
  },
  retrieveAssessmentVersion: async (c) => ({
    status: 200,
    body: await c.hub.getAssessment(id(c), caller(c), Number(c.params.version)),
  }),
  listServices: async (c) => {
    const { q, need } = c.query as ServiceListQuery;
    return { status: 200, body: await c.hub.listServices({ q, need }, page(c.query)) };
  },
  searchServices: async (c) => {
    const search = c.body as Omit<ServiceSearch, 'limit'> & { limit?: number };
    return {
      status: 200,
      body: await c.hub.searchServices(search, {
        limit: search.limit ?? DEFAULT_PAGE_LIMIT,
        cursor: search.cursor,
      }),
    };
  },
  retrieveService: async (c) => ({ status: 200, body: await c.hub.getService(id(c)) }),
  retrieveReferralReport: async (c) => {
    hubOnly(c);
    return {
      status: 200,
      body: await c.hub.report(c.query as ReportQuery & { from: string; to: string }),
    };
  },
  createWebhookEndpoint: async (c) => {
    hubOnly(c);
    const secret = `whsec_${randomBytes(32).toString('base64url')}`;
    const endpoint = await c.hub.createWebhookEndpoint(c.body as WebhookEndpointCreate, secret, caller(c));
    return { status: 201, body: endpoint, stored: true };
  },
  listWebhookEndpoints: async (c) => {
    hubOnly(c);
    const result = await c.hub.store.listWebhookEndpoints(page(c.query));
    return { status: 200, body: { data: result.data.map(publicEndpoint), nextCursor: result.nextCursor } };
  },
  retrieveWebhookEndpoint: async (c) => {
    hubOnly(c);
    const endpoint = await c.hub.store.getWebhookEndpoint(id(c));
    if (!endpoint) throw notFound('webhook endpoint');
    return { status: 200, body: publicEndpoint(endpoint) };
  },
  deleteWebhookEndpoint: async (c) => {
    hubOnly(c);
    if (!(await c.hub.store.deleteWebhookEndpoint(id(c), c.hub.now()))) throw notFound('webhook endpoint');
    return { status: 204, body: null };
  },
  listWebhookDeliveries: async (c) => {
    hubOnly(c);
    if (!(await c.hub.store.getWebhookEndpoint(id(c)))) throw notFound('webhook endpoint');
    return { status: 200, body: await c.hub.store.listDeliveries(id(c), page(c.query)) };
  },
  listAuditEvents: async (c) => {
    hubOnly(c);
    const { resourceType, resourceId, since } = c.query as AuditEventListQuery;
    return {
      status: 200,
      body: await c.hub.store.listAudit({ resourceType, resourceId, since }, page(c.query)),
    };
  },
  getOpenApiDocument: (c) => {
    const url = c.options.publicUrl ?? new URL(c.request.url).origin;
    if (openApiCache?.url !== url) openApiCache = { url, document: buildOpenApiDocument({ serverUrl: url }) };
    return Promise.resolve({ status: 200, body: openApiCache.document });
  },
  getHealth: async (c) => {
    const database = (await c.hub.store.ping()) ? 'ok' : 'error';
    return {
      status: database === 'ok' ? 200 : 503,
      body: {
        status: database === 'ok' ? 'ok' : 'degraded',
        version: c.options.version ?? '0.0.0',
        database,
      },
    };
  },
};
