/**
 * The v1 API's own shapes: problem details, pages, queries, transitions, reports, webhook
 * endpoints and deliveries, audit events. The reference server validates with these, the SDK
 * types its calls with them, and the OpenAPI document is built from them.
 */
import * as z from 'zod/mini';
import { NEED_CODES, REFERRAL_STATUS_CODES } from './codes.ts';
import {
  WHITE_SPACE,
  checked,
  code,
  date,
  dateTime,
  id,
  jsonFormsOf,
  longText,
  postcode,
  rule,
  sayableAs,
  text,
  url,
  withJsonForms,
} from './primitives.ts';
import { webhookEventTypes } from './webhook.ts';

export const API_VERSION = 'v1';
export const PUBLISHABLE_KEY_PREFIX = 'pk_';
export const SECRET_KEY_PREFIX = 'sk_';
/** A short-lived staff token (`POST /v1/sessions`): read-only, one partner's referrals, one origin. */
export const SESSION_TOKEN_PREFIX = 'st_';
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
export const REQUEST_ID_HEADER = 'X-Request-Id';
export const CORRELATION_ID_HEADER = 'X-Correlation-Id';
/** Set on a response replayed for a repeated Idempotency-Key. */
export const IDEMPOTENT_REPLAY_HEADER = 'Idempotent-Replayed';
/**
 * Carries a solved proof-of-work challenge (`GET /v1/challenges`) on a publishable key's write,
 * when the hub asks for one: base64 of the JSON `{ challenge, solution }`, as ALTCHA sends it.
 */
export const PROOF_HEADER = 'Hubkit-Proof';
/** The SDK and runtime that sent a request (`hubkit-sdk/0.1.0 node/24.1.0 (linux; x64)`), for the hub's logs. */
export const CLIENT_HEADER = 'Hubkit-Client';
/** Idempotency keys: 1 to 255 visible ASCII characters (a UUID is a good choice). */
export const IdempotencyKey = checked(z.string(), z.regex(/^[\x21-\x7e]{1,255}$/));

/** Stable machine-readable codes of every problem the API answers with. */
export const problemCodes = [
  'validation_failed',
  'invalid_json',
  'unsupported_media_type',
  'payload_too_large',
  'invalid_query',
  'unauthorized',
  'token_expired',
  'forbidden',
  'origin_not_allowed',
  'secret_key_in_browser',
  'not_found',
  'method_not_allowed',
  'idempotency_key_invalid',
  'idempotency_key_reused',
  'idempotency_request_in_flight',
  'transition_not_allowed',
  'role_not_allowed',
  'reason_required',
  'service_required',
  'outcomes_required',
  'conflict',
  'consent_withdrawn',
  'postcode_not_found',
  'rate_limited',
  'proof_of_work_required',
  'proof_of_work_invalid',
  'bad_request',
  'unknown_host',
  'headers_too_large',
  'request_timeout',
  'internal_error',
] as const;
export type ProblemCode = (typeof problemCodes)[number];

/** One failing field: where (a JSON Pointer into the request body or query), why, and what to do. */
export const FieldError = z.strictObject({
  path: z.string(),
  code: z.string(),
  message: z.string(),
});
export type FieldError = z.infer<typeof FieldError>;

/** RFC 9457 problem details, with a stable `code` and, for validation, every failing field. */
export const Problem = z.looseObject({
  type: z.string(),
  title: z.string(),
  status: checked(z.number(), z.int(), z.minimum(400), z.maximum(599)),
  detail: z.optional(z.string()),
  instance: z.optional(z.string()),
  code: z.string(),
  requestId: z.optional(z.string()),
  errors: z.optional(z.array(FieldError)),
});
export type Problem = z.infer<typeof Problem>;

/** A page of a list: the items and the cursor of the next page, or null on the last. */
/* @__NO_SIDE_EFFECTS__ */
export function pageOf<T extends z.ZodMiniType>(item: T) {
  return z.strictObject({ data: z.array(item), nextCursor: z.nullable(z.string()) });
}
export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

const limit = z.optional(checked(z.coerce.number(), z.int(), z.minimum(1), z.maximum(100)));
const cursor = z.optional(checked(z.string(), z.minLength(1), z.maxLength(500)));

/** `GET /v1/referrals` query. */
export const ReferralListQuery = z.strictObject({
  status: z.optional(code(REFERRAL_STATUS_CODES)),
  need: z.optional(code(NEED_CODES)),
  createdSince: z.optional(dateTime),
  updatedSince: z.optional(dateTime),
  limit,
  cursor,
});
export type ReferralListQuery = z.input<typeof ReferralListQuery>;

/** `POST /v1/referrals/{id}/transitions`. */
export const TransitionRequest = z.strictObject({
  to: code(REFERRAL_STATUS_CODES),
  reason: z.optional(longText(2000)),
  /** The service a referral is assigned to (`to: "assigned"`). */
  serviceId: z.optional(id),
});
export type TransitionRequest = z.infer<typeof TransitionRequest>;

export const ListQuery = z.strictObject({ limit, cursor });
export type ListQuery = z.input<typeof ListQuery>;

/** `GET /v1/assessments` query: the assessments of a person or of a referral. */
export const AssessmentListQuery = checked(
  z.strictObject({ residentId: z.optional(id), referralId: z.optional(id), limit, cursor }),
  z.refine((q) => q.residentId !== undefined || q.referralId !== undefined, {
    path: ['residentId'],
    params: { key: 'assessment_subject_required' },
  }),
);
export type AssessmentListQuery = z.input<typeof AssessmentListQuery>;

/**
 * `POST /v1/services/search`. A postcode is searched in the body, not the URL, so it does
 * not end up in server logs, proxies or browser history.
 */
export const ServiceSearch = z.strictObject({
  q: z.optional(text(200)),
  need: z.optional(code(NEED_CODES)),
  postcode: z.optional(postcode),
  /** Only services with a location within this many kilometres (needs a postcode). */
  radiusKm: z.optional(checked(z.number(), z.minimum(0.1), z.maximum(200))),
  limit,
  cursor,
});
export type ServiceSearch = z.input<typeof ServiceSearch>;

/** `GET /v1/services` query: browse without a location. */
export const ServiceListQuery = z.strictObject({
  q: z.optional(text(200)),
  need: z.optional(code(NEED_CODES)),
  limit,
  cursor,
});
export type ServiceListQuery = z.input<typeof ServiceListQuery>;

/** What the report can count over time by. */
export const REPORT_INTERVALS = ['week', 'month'] as const;
/** The characteristics of {@link EqualityMonitoring} the report breaks down by (not the free text). */
export const EQUALITY_CHARACTERISTICS = [
  'ageBand',
  'disability',
  'genderReassignment',
  'maritalStatus',
  'pregnancyMaternity',
  'ethnicity',
  'religion',
  'sex',
  'sexualOrientation',
] as const;
/** The outcomes whose amounts the report adds up. */
export const VALUED_OUTCOMES = ['income_maximised', 'debt_managed'] as const;

/** The longest a series may run: ten years (523 weeks), so that its answer stays small. */
const SERIES_MAX_DAYS = 3653;
const workingDays = z.optional(checked(z.coerce.number(), z.int(), z.minimum(0), z.maximum(365)));
const daysBetween = (from: string, to: string) =>
  (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;

/** `GET /v1/reports/referrals` query: an inclusive range of dates (UK). */
export const ReportQuery = checked(
  z.strictObject({
    from: date,
    to: date,
    /** Replace counts from 1 to 4 with null, for reports that will be published. */
    suppressSmallNumbers: z.optional(z.enum(['true', 'false'])),
    /** Count referrals made in each ISO week (from Monday) or calendar month of the range, UK days. */
    interval: z.optional(z.enum(REPORT_INTERVALS)),
    /** With `interval`: each week's or month's counts by need too. */
    seriesByNeed: z.optional(z.enum(['true', 'false'])),
    /** The target for first contact, in working days after the day of submission (default 2). */
    targetWorkingDays: workingDays,
    /** The target for closing, in working days after the day of submission (default 20). */
    closeTargetWorkingDays: workingDays,
  }),
  rule<{ from: string; to: string }>((q) => q.from <= q.to, {
    reads: ['from', 'to'],
    path: ['to'],
    key: 'date_range_order',
  }),
  rule<{ from: string; to: string; interval?: string | undefined }>(
    (q) => q.interval === undefined || q.from > q.to || daysBetween(q.from, q.to) < SERIES_MAX_DAYS,
    { reads: ['from', 'to', 'interval'], path: ['interval'], key: 'series_too_long' },
  ),
);
export type ReportQuery = z.input<typeof ReportQuery>;

/** A count, or null where a small number was suppressed. */
const count = z.nullable(checked(z.number(), z.int(), z.minimum(0)));
const counts = z.record(z.string(), count);
/** A sum of money in pence, or null where it would give away a suppressed count. */
const pence = z.nullable(checked(z.number(), z.int(), z.minimum(0)));

/** Referrals made in one week or month of a series (the first and last may be part weeks or months). */
export const ReportBucket = z.strictObject({
  /** The first UK day of the bucket inside the range: a Monday or a 1st, or `from`. */
  start: date,
  /** The last UK day of the bucket inside the range: a Sunday or a month's end, or `to`. */
  end: date,
  total: count,
  /** With `seriesByNeed=true`. */
  byNeed: z.optional(counts),
});
export type ReportBucket = z.infer<typeof ReportBucket>;

/**
 * How quickly one step follows submission, for referrals submitted in the range, in working days
 * (Monday to Friday but England and Wales bank holidays): the days after the UK day of submission
 * up to and including the day of the step, so the same day is 0 and Friday to Monday is 1.
 */
export const ReportTimeliness = z.strictObject({
  /** The target, in working days. */
  targetWorkingDays: checked(z.number(), z.int(), z.minimum(0)),
  /** Referrals that reached the step. */
  reached: count,
  /** Median working days to the step over those that reached it; null when none did, or fewer than 5 with suppression. */
  medianWorkingDays: z.nullable(z.number()),
  /** Reached it within the target. */
  withinTarget: count,
  /** Reached it after the target, or still waiting for it with the target already passed. */
  outsideTarget: count,
  /** Still waiting for it, the target not yet passed: in neither of the above. */
  waiting: count,
  /** `withinTarget / (withinTarget + outsideTarget)`, from 0 to 1; null when either is suppressed or both are 0. */
  shareWithinTarget: z.nullable(checked(z.number(), z.minimum(0), z.maximum(1))),
});
export type ReportTimeliness = z.infer<typeof ReportTimeliness>;

/** Money outcomes of one kind recorded on referrals made in the range (the amounts as recorded). */
export const ReportOutcomeValue = z.strictObject({
  /** Outcomes of this kind, with or without an amount. */
  count,
  /** By how often the amount comes: how many, and their sum in pence. */
  byFrequency: z.record(z.string(), z.strictObject({ count, pence })),
  /**
   * The amounts over a year, in pence: weekly × 52, fortnightly × 26, four-weekly × 13, monthly ×
   * 12, yearly and one-off once. Null when a frequency's count is suppressed.
   */
  annualPence: pence,
});
export type ReportOutcomeValue = z.infer<typeof ReportOutcomeValue>;

/**
 * Counts of referrals made in a date range (UK days, whole days at both ends); no personal data.
 * With small numbers suppressed, counts of 1 to 4 are null, and so is the next smallest count in
 * a table where only one was, so that no hidden count can be worked out from the others.
 *
 * The fields after `byArea` came later: a client reads a report without them as from an older hub.
 */
export const ReferralReport = z.strictObject({
  from: date,
  to: date,
  generatedAt: dateTime,
  total: count,
  byNeed: counts,
  byStatus: counts,
  byPriority: counts,
  byOutcome: counts,
  byReferrerType: counts,
  /** By postcode district (`N1`, `IG11`); `unknown` where no postcode was given. */
  byArea: counts,
  smallNumbersSuppressed: z.boolean(),
  /** With `interval`: every week or month of the range, in order, zeros included. */
  series: z.optional(z.strictObject({ interval: z.enum(REPORT_INTERVALS), buckets: z.array(ReportBucket) })),
  /**
   * First contact is a referral's first move into `accepted`, `assigned` or `in_progress`: the
   * hub or a service has taken it on and is in touch with the person, where `triage` is still
   * the hub reading it. Close is its move into `closed` (declined and withdrawn referrals never
   * close: they are neither within nor outside the close target, nor waiting).
   */
  timeliness: z.optional(z.strictObject({ firstContact: ReportTimeliness, close: ReportTimeliness })),
  /** Income gained and debt managed, from the outcomes' amounts. */
  outcomeValues: z.optional(z.record(z.string(), ReportOutcomeValue)),
  /**
   * By each equality monitoring characteristic: its codes (`prefer_not_to_say` among them), and
   * `not_asked` where the referral has no answer. Counts referrals, not people.
   */
  byEquality: z.optional(z.record(z.string(), counts)),
});
export type ReferralReport = z.infer<typeof ReferralReport>;

const webhookEventType = z.enum(webhookEventTypes);

/**
 * Webhook URLs must be HTTPS; plain HTTP only to this machine (for development and tests). No
 * `user:pass@`: a password in a URL ends up in logs and lists, and deliveries are signed instead.
 */
const WEBHOOK_SCHEME = '(https://|http://(localhost|127\\.0\\.0\\.1|\\[::1\\])(:[0-9]+)?(/|$))';
// Leading white space is trimmed, and matches `[^:/?#]` anyway: one pattern for both forms.
const CREDENTIALS = '^[^:/?#]+://[^/?#]*@';
const urlForms = jsonFormsOf(url);
export const WebhookUrl = withJsonForms(
  checked(
    url,
    z.regex(new RegExp(`^${WEBHOOK_SCHEME}`)),
    sayableAs(
      z.refine((value) => !new RegExp(CREDENTIALS).test(value), { params: { key: 'credentials_in_url' } }),
      {},
    ),
  ),
  {
    input: {
      ...urlForms?.input,
      allOf: [{ pattern: `^[${WHITE_SPACE}]*${WEBHOOK_SCHEME.replace('|$)', `|[${WHITE_SPACE}]*$)`)}` }],
      not: { pattern: CREDENTIALS },
    },
    output: {
      ...urlForms?.output,
      allOf: [{ pattern: `^${WEBHOOK_SCHEME}` }],
      not: { pattern: CREDENTIALS },
    },
  },
);

export const WebhookEndpointCreate = z.strictObject({
  url: WebhookUrl,
  events: checked(
    z.array(webhookEventType),
    z.minLength(1),
    sayableAs(
      z.refine((e) => new Set(e).size === e.length, { params: { key: 'events_unique' } }),
      { uniqueItems: true },
    ),
  ),
  description: z.optional(text(200)),
});
export type WebhookEndpointCreate = z.infer<typeof WebhookEndpointCreate>;

export const WebhookEndpoint = z.strictObject({
  id,
  url: WebhookUrl,
  events: z.array(webhookEventType),
  description: z.optional(text(200)),
  enabled: z.boolean(),
  createdAt: dateTime,
  /** The signing secret (`whsec_…`): in the response that creates the endpoint, and only there. */
  secret: z.optional(z.string()),
});
export type WebhookEndpoint = z.infer<typeof WebhookEndpoint>;

export const WebhookDelivery = z.strictObject({
  id,
  endpointId: id,
  eventId: id,
  eventType: webhookEventType,
  attempt: checked(z.number(), z.int(), z.minimum(1)),
  status: z.enum(['pending', 'succeeded', 'failed']),
  responseStatus: z.nullable(checked(z.number(), z.int())),
  /** Why it failed, without the response body. */
  error: z.nullable(z.string()),
  attemptedAt: dateTime,
  nextAttemptAt: z.nullable(dateTime),
});
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;

export const auditActions = [
  'create',
  'read',
  'list',
  'update',
  'transition',
  'record_outcome',
  'withdraw',
  'search',
  'report',
] as const;
export const auditResourceTypes = [
  'referral',
  'consent',
  'assessment',
  'service',
  'report',
  'webhook_endpoint',
  'audit_event',
] as const;

/**
 * Who did what to which record, and when; never the personal data itself. A list of personal
 * data records one event per record it returned (`action: 'list'`, sharing the request id); an
 * empty page records none. Listing webhook endpoints or the trail itself records one event
 * without `resourceId`.
 */
export const AuditEvent = z.strictObject({
  id,
  at: dateTime,
  keyId: z.string(),
  /** `session`: a staff token minted by the key `keyId`, for the member of staff `staffRef`. */
  keyType: z.enum(['publishable', 'secret', 'session']),
  /** The partner's own opaque id for the member of staff who read, through a staff token. */
  staffRef: z.optional(z.string()),
  action: z.enum(auditActions),
  resourceType: z.enum(auditResourceTypes),
  resourceId: z.nullable(z.string()),
  requestId: z.string(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

export const AuditEventListQuery = z.strictObject({
  resourceType: z.optional(z.enum(auditResourceTypes)),
  resourceId: z.optional(checked(z.string(), z.maxLength(100))),
  since: z.optional(dateTime),
  limit,
  cursor,
});
export type AuditEventListQuery = z.input<typeof AuditEventListQuery>;

export const Health = z.strictObject({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  database: z.enum(['ok', 'error']),
});
export type Health = z.infer<typeof Health>;

/**
 * A proof-of-work challenge (ALTCHA v2): find the counter whose SHA-256 of salt, nonce and the
 * counter (4 bytes, big-endian) starts with `keyPrefix`; signed by the hub, single-use, expiring
 * at `expiresAt` (seconds since 1970). The parameters go back exactly as received: the
 * signature covers them all.
 */
export const ProofChallenge = z.strictObject({
  parameters: z.strictObject({
    algorithm: z.string(),
    nonce: checked(z.string(), z.regex(/^(?:[0-9a-f]{2})+$/)),
    salt: checked(z.string(), z.regex(/^(?:[0-9a-f]{2})+$/)),
    cost: checked(z.number(), z.int(), z.minimum(1)),
    keyLength: checked(z.number(), z.int(), z.minimum(1)),
    keyPrefix: checked(z.string(), z.regex(/^[0-9a-f]+$/)),
    expiresAt: z.optional(z.number()),
    keySignature: z.optional(z.string()),
  }),
  signature: z.string(),
});
export type ProofChallenge = z.infer<typeof ProofChallenge>;

/** The partner's own opaque id for a member of its staff: no name, no email. */
export const StaffRef = checked(z.string(), z.regex(/^[A-Za-z0-9._:-]{1,64}$/));

/** A web origin as browsers send it: `https://`, a host and perhaps a port; no path. */
export const WebOrigin = checked(
  z.string(),
  z.maxLength(200),
  z.regex(/^https?:\/\/(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)(?::[0-9]{1,5})?$/),
);

/**
 * `POST /v1/sessions`: a referring partner's server (or a hub's own, for its dashboard) asks for
 * a staff token, for one member of its staff (`staffRef`), to be used from one of its key's
 * registered web origins, for `expiresIn` seconds (60 to 3600, default 900).
 */
export const SessionCreate = z.strictObject({
  staffRef: StaffRef,
  origin: WebOrigin,
  expiresIn: z.optional(checked(z.number(), z.int(), z.minimum(60), z.maximum(3600))),
});
export type SessionCreate = z.infer<typeof SessionCreate>;

/**
 * A staff token (`st_…`): send it as `Authorization: Bearer st_…` from its origin, never in a URL.
 * Until `expiresAt`, one minted by a referring partner's key reads that partner's own referrals,
 * one minted by a hub key reads the hub's reports, and nothing else.
 */
export const Session = z.strictObject({
  token: checked(z.string(), z.regex(/^st_[A-Za-z0-9_.-]+$/)),
  expiresAt: dateTime,
  origin: z.string(),
  staffRef: z.string(),
});
export type Session = z.infer<typeof Session>;
