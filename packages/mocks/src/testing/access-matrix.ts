/**
 * The hub's access model as one table: for every route of the v1 contract, every kind of
 * caller and every state of the record the request names, the status the hub answers. It is
 * written out by hand, here in the tests, and never imported by the server or the mocks, so it
 * checks them instead of restating them. `access.test.ts` runs every cell against the reference
 * server and the mock hub; docs/reference.ts renders it into docs/guides/security.md.
 */
import type { RouteName } from '@hubkit/schema/routes';

/** Who calls, in the order of the table's columns. */
export const CALLERS = {
  none: 'no key',
  wrong: 'unknown key',
  revoked: 'revoked key',
  pk: '`pk_`, its origin',
  pkElsewhere: '`pk_`, other origin',
  pkServer: '`pk_`, no `Origin`',
  hub: '`sk_` hub',
  referrer: '`sk_` referrer',
  provider: '`sk_` provider',
  token: '`st_` staff token, its origin',
  reportToken: '`st_` hub’s report token, its origin',
} as const;
export type CallerName = keyof typeof CALLERS;
export const CALLER_NAMES = Object.keys(CALLERS) as CallerName[];

/**
 * The record a request names (in its path, its query or its body):
 * - `own`: the caller's own. For a referring partner (either kind of key), the referral it made
 *   and the consents it recorded; for a provider, a referral assigned to one of its services, its
 *   consent and its assessment; for the hub, a referral the hub made; for a staff token, its
 *   minting partner's; for a hub's report token, the hub's.
 * - `other`: another partner's, made by a second referring partner and assigned to a service
 *   that is not the provider's.
 * - `missing`: an id no record has.
 * - `any`: a record that is nobody's own (a directory service, a webhook endpoint of the hub).
 * - `none`: the request names no record.
 */
export const STATES = {
  own: 'own',
  other: 'another’s',
  missing: 'missing',
  any: 'exists',
  none: '',
} as const;
export type StateName = keyof typeof STATES;

/** The statuses of one row: one a caller, in the order of `CALLERS`. */
export type Row = readonly [
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
];

// Shorthands for the columns every route shares: no key, a key never issued and a revoked key
// are refused before anything else (401); a publishable key from an origin it is not
// registered for is refused (403) whatever it asks; a staff token (minted by the referring
// partner's key, used from its origin) may do nothing (403) but read that partner's referrals;
// a report token (minted by a hub key for its dashboard) nothing but read the reports.
const row = (
  pk: number,
  pkServer: number,
  hub: number,
  referrer: number,
  provider: number,
  { anonymous = 401, elsewhere = 403, token = 403, reportToken = 403 } = {},
): Row => [
  anonymous,
  anonymous,
  anonymous,
  pk,
  elsewhere,
  pkServer,
  hub,
  referrer,
  provider,
  token,
  reportToken,
];
/** A route for secret keys only: every publishable key is refused (403), and staff tokens. */
const secret = (hub: number, referrer: number, provider: number): Row =>
  row(403, 403, hub, referrer, provider);
/** A read of referrals that a staff token may make too, as its minting partner would. */
const secretOrToken = (hub: number, referrer: number, provider: number): Row =>
  row(403, 403, hub, referrer, provider, { token: referrer });

export const ACCESS_MATRIX: Readonly<Record<RouteName, Partial<Record<StateName, Row>>>> = {
  // The record is the consent the new referral is made under (`consentId`).
  createReferral: {
    own: row(201, 201, 201, 201, 201),
    other: row(422, 422, 201, 422, 422),
    missing: row(422, 422, 422, 422, 422),
  },
  listReferrals: { none: secretOrToken(200, 200, 200) },
  retrieveReferral: {
    own: secretOrToken(200, 200, 200),
    other: secretOrToken(200, 404, 404),
    missing: secretOrToken(404, 404, 404),
  },
  // Withdrawing an assigned referral: the hub and the partner who made it may; a provider may
  // see it but not do that (403); nobody else learns it exists.
  transitionReferral: {
    own: secret(200, 200, 403),
    other: secret(200, 404, 404),
    missing: secret(404, 404, 404),
  },
  listReferralEvents: {
    own: secretOrToken(200, 200, 200),
    other: secretOrToken(200, 404, 404),
    missing: secretOrToken(404, 404, 404),
  },
  recordReferralOutcome: {
    own: secret(201, 201, 201),
    other: secret(201, 404, 404),
    missing: secret(404, 404, 404),
  },
  // The record is the referral the consent is recorded for (`referralId`): a provider works
  // under that consent but may not set it (403).
  createConsent: {
    own: row(201, 201, 201, 201, 403),
    other: row(422, 422, 201, 422, 422),
    missing: row(422, 422, 422, 422, 422),
  },
  retrieveConsent: {
    own: secret(200, 200, 200),
    other: secret(200, 404, 404),
    missing: secret(404, 404, 404),
  },
  // A publishable key's own consent here is one it recorded that no referral uses yet.
  withdrawConsent: {
    own: row(200, 200, 200, 200, 200),
    other: row(404, 404, 200, 404, 404),
    missing: row(404, 404, 404, 404, 404),
  },
  // Assessments are the hub's and the helping services': never a referring partner's (403,
  // whatever the record). The record is the referral named in the body or the query.
  createAssessment: {
    own: secret(201, 403, 201),
    other: secret(201, 403, 422),
    missing: secret(422, 403, 422),
  },
  listAssessments: {
    own: secret(200, 403, 200),
    other: secret(200, 403, 404),
    missing: secret(200, 403, 404),
  },
  retrieveAssessment: {
    own: secret(200, 403, 200),
    other: secret(200, 403, 404),
    missing: secret(404, 403, 404),
  },
  createAssessmentVersion: {
    own: secret(201, 403, 201),
    other: secret(201, 403, 404),
    missing: secret(404, 403, 404),
  },
  listAssessmentVersions: {
    own: secret(200, 403, 200),
    other: secret(200, 403, 404),
    missing: secret(404, 403, 404),
  },
  retrieveAssessmentVersion: {
    own: secret(200, 403, 200),
    other: secret(200, 403, 404),
    missing: secret(404, 403, 404),
  },
  listServices: { none: row(200, 200, 200, 200, 200) },
  searchServices: { none: row(200, 200, 200, 200, 200) },
  retrieveService: { any: row(200, 200, 200, 200, 200), missing: row(404, 404, 404, 404, 404) },
  // The one route a hub's report token may call; a partner's staff token may not (403).
  retrieveReferralReport: { none: row(403, 403, 200, 403, 403, { reportToken: 200 }) },
  createWebhookEndpoint: { none: secret(201, 403, 403) },
  listWebhookEndpoints: { none: secret(200, 403, 403) },
  retrieveWebhookEndpoint: { any: secret(200, 403, 403), missing: secret(404, 403, 403) },
  deleteWebhookEndpoint: { any: secret(204, 403, 403), missing: secret(404, 403, 403) },
  listWebhookDeliveries: { any: secret(200, 403, 403), missing: secret(404, 403, 403) },
  listAuditEvents: { none: secret(200, 403, 403) },
  // A referring partner's or a hub's secret key mints staff tokens (for an origin registered
  // for it); no token mints another.
  createSession: { none: secret(201, 201, 403) },
  // Public: any caller, any key or none.
  // A proof-of-work challenge is for publishable keys: secret keys are never asked for one.
  createChallenge: { none: row(200, 200, 403, 403, 403) },
  getOpenApiDocument: {
    none: row(200, 200, 200, 200, 200, { anonymous: 200, elsewhere: 200, token: 200, reportToken: 200 }),
  },
  getHealth: {
    none: row(200, 200, 200, 200, 200, { anonymous: 200, elsewhere: 200, token: 200, reportToken: 200 }),
  },
};

/**
 * What the referral list shows each caller that may list: `own` only (a partner's own
 * referrals, a provider's assigned ones) or `all`.
 */
export const LISTED_REFERRALS: Readonly<Partial<Record<CallerName, 'own' | 'all'>>> = {
  hub: 'all',
  referrer: 'own',
  provider: 'own',
  token: 'own',
};

/** How many cells the table has. */
export function cellCount(): number {
  return (
    Object.values(ACCESS_MATRIX).reduce((n, states) => n + Object.keys(states).length, 0) *
    CALLER_NAMES.length
  );
}
