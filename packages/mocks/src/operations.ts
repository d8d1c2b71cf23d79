/**
 * One operation for each route of the v1 contract, as the reference hub's handlers answer
 * them. The HTTP layer has already authenticated, read and validated; an operation asks the
 * in-memory hub and says what to answer.
 */
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
  WebhookEndpointCreate,
} from '@hubkit/schema';
import type { RouteName } from '@hubkit/schema/routes';
import type { Caller, MemoryHub } from './hub.ts';
import type { ProofOfWork } from './proof-of-work.ts';
import { base64url, randomBytes } from './http.ts';
import { notFound, pageRequest, requireCaller, requireHub, DEFAULT_PAGE_LIMIT } from '@hubkit/hub';

export interface OperationContext {
  hub: MemoryHub;
  caller: Caller | null;
  params: Record<string, string>;
  query: unknown;
  body: unknown;
  /** Where the mock answers, for the OpenAPI document's `servers`. */
  baseUrl: string;
  /** What `/healthz` reports. */
  version: string;
  proofOfWork: ProofOfWork;
}

export interface OperationResult {
  status: number;
  body: unknown;
}

type Operation = (context: OperationContext) => OperationResult | Promise<OperationResult>;

const page = pageRequest;
const caller = (context: OperationContext): Caller => requireCaller(context.caller);
/** Hub-wide reports, the audit trail and webhooks are the hub's own: not a provider's. */
const hubOnly = (context: OperationContext): Caller => requireHub(context.caller);

const id = (context: OperationContext) => context.params.id ?? '';

let openApiCache: { url: string; document: unknown } | undefined;

export const operations: Record<RouteName, Operation> = {
  createChallenge: async (c) => ({ status: 200, body: await c.proofOfWork.challenge() }),
  createReferral: (c) => ({ status: 201, body: c.hub.createReferral(c.body as ReferralCreate, caller(c)) }),
  listReferrals: (c) => {
    const { status, need, createdSince, updatedSince } = c.query as ReferralListQuery;
    return {
      status: 200,
      body: c.hub.listReferrals({ status, need, createdSince, updatedSince }, page(c.query), caller(c)),
    };
  },
  retrieveReferral: (c) => ({ status: 200, body: c.hub.getReferral(id(c), caller(c)) }),
  transitionReferral: (c) => ({
    status: 200,
    body: c.hub.transitionReferral(id(c), c.body as TransitionRequest, caller(c)),
  }),
  listReferralEvents: (c) => ({
    status: 200,
    body: c.hub.listReferralEvents(id(c), page(c.query), caller(c)),
  }),
  recordReferralOutcome: (c) => ({
    status: 201,
    body: c.hub.recordOutcome(id(c), c.body as OutcomeCreate, caller(c)),
  }),
  createConsent: (c) => ({ status: 201, body: c.hub.createConsent(c.body as ConsentCreate, caller(c)) }),
  retrieveConsent: (c) => ({ status: 200, body: c.hub.getConsent(id(c), caller(c)) }),
  withdrawConsent: (c) => ({
    status: 200,
    body: c.hub.withdrawConsent(id(c), c.body as ConsentWithdrawal, caller(c)),
  }),
  createAssessment: (c) => ({
    status: 201,
    body: c.hub.createAssessment(c.body as AssessmentCreate, caller(c)),
  }),
  listAssessments: (c) => {
    const { residentId, referralId } = c.query as { residentId?: string; referralId?: string };
    return { status: 200, body: c.hub.listAssessments({ residentId, referralId }, page(c.query), caller(c)) };
  },
  retrieveAssessment: (c) => ({ status: 200, body: c.hub.getAssessment(id(c), caller(c)) }),
  createAssessmentVersion: (c) => ({
    status: 201,
    body: c.hub.createAssessmentVersion(id(c), c.body as AssessmentDraft, caller(c)),
  }),
  listAssessmentVersions: (c) => ({
    status: 200,
    body: c.hub.listAssessmentVersions(id(c), page(c.query), caller(c)),
  }),
  retrieveAssessmentVersion: (c) => ({
    status: 200,
    body: c.hub.getAssessment(id(c), caller(c), Number(c.params.version)),
  }),
  listServices: (c) => {
    const { q, need } = c.query as ServiceListQuery;
    return { status: 200, body: c.hub.listServices({ q, need }, page(c.query)) };
  },
  searchServices: (c) => {
    const search = c.body as Omit<ServiceSearch, 'limit'> & { limit?: number };
    return {
      status: 200,
      body: c.hub.searchServices(search, {
        limit: search.limit ?? DEFAULT_PAGE_LIMIT,
        cursor: search.cursor,
      }),
    };
  },
  retrieveService: (c) => ({ status: 200, body: c.hub.getService(id(c)) }),
  retrieveReferralReport: (c) => {
    hubOnly(c);
    return { status: 200, body: c.hub.report(c.query as ReportQuery & { from: string; to: string }) };
  },
  createWebhookEndpoint: (c) => {
    hubOnly(c);
    const secret = `whsec_${base64url(randomBytes(32))}`;
    return { status: 201, body: c.hub.createWebhookEndpoint(c.body as WebhookEndpointCreate, secret) };
  },
  listWebhookEndpoints: (c) => {
    hubOnly(c);
    return { status: 200, body: c.hub.listWebhookEndpoints(page(c.query)) };
  },
  retrieveWebhookEndpoint: (c) => {
    hubOnly(c);
    const endpoint = c.hub.getWebhookEndpoint(id(c));
    if (!endpoint) throw notFound('webhook endpoint');
    return { status: 200, body: endpoint };
  },
  deleteWebhookEndpoint: (c) => {
    hubOnly(c);
    if (!c.hub.deleteWebhookEndpoint(id(c))) throw notFound('webhook endpoint');
    return { status: 204, body: null };
  },
  listWebhookDeliveries: (c) => {
    hubOnly(c);
    if (!c.hub.getWebhookEndpoint(id(c))) throw notFound('webhook endpoint');
    return { status: 200, body: c.hub.listDeliveries(id(c), page(c.query)) };
  },
  listAuditEvents: (c) => {
    hubOnly(c);
    const { resourceType, resourceId, since } = c.query as AuditEventListQuery;
    return { status: 200, body: c.hub.listAudit({ resourceType, resourceId, since }, page(c.query)) };
  },
  getOpenApiDocument: async (c) => {
    if (openApiCache?.url !== c.baseUrl) {
      // Loaded only when asked for, so a page that never reads the document never bundles it.
      const { buildOpenApiDocument } = await import('@hubkit/schema/openapi');
      openApiCache = { url: c.baseUrl, document: buildOpenApiDocument({ serverUrl: c.baseUrl }) };
    }
    return { status: 200, body: openApiCache.document };
  },
  getHealth: (c) => ({ status: 200, body: { status: 'ok', version: c.version, database: 'ok' } }),
};
