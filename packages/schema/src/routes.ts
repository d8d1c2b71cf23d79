/**
 * The v1 API as data: every operation's method, path, which keys may call it, and the schemas
 * of its query, body and answer. The reference server registers its handlers from this table,
 * the mocks answer from it, and the OpenAPI document is built from it, so the three cannot
 * drift apart. (The SDK writes its paths out by hand instead of importing this table, to keep
 * browser bundles small; a contract test checks it against the table.)
 */
import type * as z from 'zod/mini';
import {
  AuditEvent,
  AuditEventListQuery,
  AssessmentListQuery,
  Health,
  ListQuery,
  ProofChallenge,
  ReferralListQuery,
  Session,
  SessionCreate,
  ReferralReport,
  ReportQuery,
  ServiceListQuery,
  ServiceSearch,
  TransitionRequest,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEndpointCreate,
  pageOf,
} from './api.ts';
import { Assessment, AssessmentCreate, AssessmentVersionCreate } from './assessment.ts';
import { Consent, ConsentCreate, ConsentWithdrawal } from './consent.ts';
import { Outcome, OutcomeCreate } from './outcome.ts';
import { Referral, ReferralCreate } from './referral.ts';
import { Service, ServiceSearchPage } from './service.ts';
import { WebhookEvent } from './webhook.ts';

export type KeyKind = 'publishable' | 'secret';
/**
 * Who may call a route: a kind of key, or a staff token, told apart by the role of the secret key
 * that minted it: `session` (a referring partner's, for its staff: reads its own referrals) or
 * `reportSession` (a hub's, for its dashboard: reads its reports).
 */
export type CallerKind = KeyKind | 'session' | 'reportSession';
export type HttpMethod = 'GET' | 'POST' | 'DELETE';

export interface Route {
  readonly method: HttpMethod;
  /** OpenAPI-style template: `/v1/referrals/{id}`. Path parameters are ids, never personal data. */
  readonly path: string;
  readonly summary: string;
  readonly tag:
    | 'Referrals'
    | 'Consents'
    | 'Assessments'
    | 'Directory'
    | 'Reports'
    | 'Webhooks'
    | 'Audit'
    | 'Sessions'
    | 'Meta';
  /** The keys (and staff tokens) that may call it; none for the public meta endpoints. */
  readonly keys: readonly CallerKind[];
  readonly query?: z.ZodMiniType;
  readonly body?: z.ZodMiniType;
  /** The answer on success; absent for 204. */
  readonly response?: z.ZodMiniType;
  readonly status: 200 | 201 | 204;
  /** Takes an `Idempotency-Key`: a repeat returns the first answer and changes nothing. */
  readonly idempotent?: boolean;
  /**
   * A publishable key's request must carry a solved challenge (`Hubkit-Proof`) when the hub has
   * proof of work switched on: the writes a copied key could flood.
   */
  readonly proof?: boolean;
}

const both = ['publishable', 'secret'] as const;
const secret = ['secret'] as const;
/** Reads of a partner's own referrals: secret keys, and the staff tokens they mint. */
const secretOrToken = ['secret', 'session'] as const;
/** The hub's reports: its secret keys, and the report tokens they mint for its dashboards. */
const secretOrReportToken = ['secret', 'reportSession'] as const;

export const routes = {
  createReferral: {
    method: 'POST',
    path: '/v1/referrals',
    summary: 'Make a referral',
    tag: 'Referrals',
    keys: both,
    body: ReferralCreate,
    response: Referral,
    status: 201,
    idempotent: true,
    proof: true,
  },
  listReferrals: {
    method: 'GET',
    path: '/v1/referrals',
    summary: 'List referrals, newest first',
    tag: 'Referrals',
    keys: secretOrToken,
    query: ReferralListQuery,
    response: pageOf(Referral),
    status: 200,
  },
  retrieveReferral: {
    method: 'GET',
    path: '/v1/referrals/{id}',
    summary: 'Retrieve a referral',
    tag: 'Referrals',
    keys: secretOrToken,
    response: Referral,
    status: 200,
  },
  transitionReferral: {
    method: 'POST',
    path: '/v1/referrals/{id}/transitions',
    summary: 'Move a referral to a new status, as the lifecycle allows',
    tag: 'Referrals',
    keys: secret,
    body: TransitionRequest,
    response: Referral,
    status: 200,
    idempotent: true,
  },
  listReferralEvents: {
    method: 'GET',
    path: '/v1/referrals/{id}/events',
    summary: 'List what has happened to a referral, oldest first',
    tag: 'Referrals',
    keys: secretOrToken,
    query: ListQuery,
    response: pageOf(WebhookEvent),
    status: 200,
  },
  recordReferralOutcome: {
    method: 'POST',
    path: '/v1/referrals/{id}/outcomes',
    summary: 'Record the outcome for one of a referral’s needs',
    tag: 'Referrals',
    keys: secret,
    body: OutcomeCreate,
    response: Outcome,
    status: 201,
    idempotent: true,
  },
  createConsent: {
    method: 'POST',
    path: '/v1/consents',
    summary: 'Record consent',
    tag: 'Consents',
    keys: both,
    body: ConsentCreate,
    response: Consent,
    status: 201,
    idempotent: true,
    proof: true,
  },
  retrieveConsent: {
    method: 'GET',
    path: '/v1/consents/{id}',
    summary: 'Retrieve a consent record',
    tag: 'Consents',
    keys: secret,
    response: Consent,
    status: 200,
  },
  withdrawConsent: {
    method: 'POST',
    path: '/v1/consents/{id}/withdraw',
    summary: 'Withdraw consent: sharing stops, the record and its audit trail stay',
    tag: 'Consents',
    keys: both,
    body: ConsentWithdrawal,
    response: Consent,
    status: 200,
    idempotent: true,
    proof: true,
  },
  createAssessment: {
    method: 'POST',
    path: '/v1/assessments',
    summary: 'Record a single assessment (version 1)',
    tag: 'Assessments',
    keys: secret,
    body: AssessmentCreate,
    response: Assessment,
    status: 201,
    idempotent: true,
  },
  listAssessments: {
    method: 'GET',
    path: '/v1/assessments',
    summary: 'List the assessments of a person or a referral (latest versions)',
    tag: 'Assessments',
    keys: secret,
    query: AssessmentListQuery,
    response: pageOf(Assessment),
    status: 200,
  },
  retrieveAssessment: {
    method: 'GET',
    path: '/v1/assessments/{id}',
    summary: 'Retrieve the latest version of an assessment',
    tag: 'Assessments',
    keys: secret,
    response: Assessment,
    status: 200,
  },
  createAssessmentVersion: {
    method: 'POST',
    path: '/v1/assessments/{id}/versions',
    summary: 'Record a new version of an assessment',
    tag: 'Assessments',
    keys: secret,
    body: AssessmentVersionCreate,
    response: Assessment,
    status: 201,
    idempotent: true,
  },
  listAssessmentVersions: {
    method: 'GET',
    path: '/v1/assessments/{id}/versions',
    summary: 'List every version of an assessment, newest first',
    tag: 'Assessments',
    keys: secret,
    query: ListQuery,
    response: pageOf(Assessment),
    status: 200,
  },
  retrieveAssessmentVersion: {
    method: 'GET',
    path: '/v1/assessments/{id}/versions/{version}',
    summary: 'Retrieve one version of an assessment',
    tag: 'Assessments',
    keys: secret,
    response: Assessment,
    status: 200,
  },
  listServices: {
    method: 'GET',
    path: '/v1/services',
    summary: 'Browse the directory by words and need',
    tag: 'Directory',
    keys: both,
    query: ServiceListQuery,
    response: pageOf(Service),
    status: 200,
  },
  searchServices: {
    method: 'POST',
    path: '/v1/services/search',
    summary:
      'Search the directory, nearest first when a postcode is given (in the body, never the URL); `distances` says whether the order is by distance (a postcode the hub cannot place is `postcode_not_found`, not an error)',
    tag: 'Directory',
    keys: both,
    body: ServiceSearch,
    response: ServiceSearchPage,
    status: 200,
  },
  retrieveService: {
    method: 'GET',
    path: '/v1/services/{id}',
    summary: 'Retrieve a service',
    tag: 'Directory',
    keys: both,
    response: Service,
    status: 200,
  },
  retrieveReferralReport: {
    method: 'GET',
    path: '/v1/reports/referrals',
    summary:
      'Count referrals by need, status, priority, outcome, referrer and area; no personal data (a hub key, or a report token it minted for a dashboard)',
    tag: 'Reports',
    keys: secretOrReportToken,
    query: ReportQuery,
    response: ReferralReport,
    status: 200,
  },
  createWebhookEndpoint: {
    method: 'POST',
    path: '/v1/webhook-endpoints',
    summary: 'Register a URL for events; the answer carries its signing secret, once',
    tag: 'Webhooks',
    keys: secret,
    body: WebhookEndpointCreate,
    response: WebhookEndpoint,
    status: 201,
    idempotent: true,
  },
  listWebhookEndpoints: {
    method: 'GET',
    path: '/v1/webhook-endpoints',
    summary: 'List webhook endpoints',
    tag: 'Webhooks',
    keys: secret,
    query: ListQuery,
    response: pageOf(WebhookEndpoint),
    status: 200,
  },
  retrieveWebhookEndpoint: {
    method: 'GET',
    path: '/v1/webhook-endpoints/{id}',
    summary: 'Retrieve a webhook endpoint',
    tag: 'Webhooks',
    keys: secret,
    response: WebhookEndpoint,
    status: 200,
  },
  deleteWebhookEndpoint: {
    method: 'DELETE',
    path: '/v1/webhook-endpoints/{id}',
    summary: 'Delete a webhook endpoint; nothing more is sent to it',
    tag: 'Webhooks',
    keys: secret,
    status: 204,
  },
  listWebhookDeliveries: {
    method: 'GET',
    path: '/v1/webhook-endpoints/{id}/deliveries',
    summary: 'List delivery attempts to an endpoint, newest first',
    tag: 'Webhooks',
    keys: secret,
    query: ListQuery,
    response: pageOf(WebhookDelivery),
    status: 200,
  },
  listAuditEvents: {
    method: 'GET',
    path: '/v1/audit-events',
    summary: 'List who read or changed personal data, and when; newest first',
    tag: 'Audit',
    keys: secret,
    query: AuditEventListQuery,
    response: pageOf(AuditEvent),
    status: 200,
  },
  createSession: {
    method: 'POST',
    path: '/v1/sessions',
    summary:
      'Mint a short-lived staff token for one of your staff, from one of your key’s registered origins: a referrer key’s reads your own referrals; a hub key’s reads only the reports, for a dashboard (secret referrer and hub keys only)',
    tag: 'Sessions',
    keys: secret,
    body: SessionCreate,
    response: Session,
    status: 201,
  },
  createChallenge: {
    method: 'GET',
    path: '/v1/challenges',
    summary:
      'A proof-of-work challenge, for a publishable key’s next write when the hub asks for one; single-use, expiring',
    tag: 'Meta',
    keys: ['publishable'],
    response: ProofChallenge,
    status: 200,
  },
  getOpenApiDocument: {
    method: 'GET',
    path: '/v1/openapi.json',
    summary: 'This API’s OpenAPI 3.1 document',
    tag: 'Meta',
    keys: [],
    status: 200,
  },
  getHealth: {
    method: 'GET',
    path: '/healthz',
    summary: 'Whether the hub and its database are up',
    tag: 'Meta',
    keys: [],
    response: Health,
    status: 200,
  },
} as const satisfies Record<string, Route>;

export type RouteName = keyof typeof routes;
