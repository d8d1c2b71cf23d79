/**
 * Every cell of the access matrix (testing/access-matrix.ts), against the reference server and
 * against the mock hub: each route, asked by each kind of caller about its own record, another
 * partner's and one that does not exist, must answer the status the table says. Where a caller
 * may not see a record, the answer must be exactly the one for a record that does not exist
 * (status and body, but for the request id), so no key can learn which ids are in use.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setupServer } from 'msw/node';
import type { Referral } from '@hubkit/schema';
import {
  consentOnline,
  councillorDebtAndFood,
  hollowayFoodCoop,
  tenantAssessment,
} from '@hubkit/schema/fixtures';
import { routes, type RouteName } from '@hubkit/schema/routes';
import { hashKey, makeKey } from '../../server/src/domain/keys.ts';
import {
  KEYS,
  ORIGIN,
  PORTAL,
  PROVIDER_SERVICE,
  testHub,
  type TestHub,
} from '../../server/src/testing/hub.ts';
import { postgresProcesses } from '../../server/src/testing/postgres-store.ts';
import { createHubMock, DEFAULT_BASE_URL } from './index.ts';
import {
  ACCESS_MATRIX,
  CALLER_NAMES,
  LISTED_REFERRALS,
  cellCount,
  type CallerName,
  type StateName,
} from './testing/access-matrix.ts';
import { client, type Answer, type Call } from './testing/harness.ts';

/** Two more keys than every test hub has: a second referring partner, and a revoked key. */
const SECOND_PARTNER = 'sk_test_SecondPartnerKeyForTests000004';
const REVOKED = 'sk_test_RevokedPartnerKeyForTests00005';
const NEVER_ISSUED = 'sk_test_NoHubEverIssuedThisKey0000006';
/** The service the other partner's referrals are assigned to: not the provider's. */
const OTHER_SERVICE = hollowayFoodCoop.id;
const ELSEWHERE = 'https://elsewhere.example.com';
/** Where the hub's own dashboard is: its hub key mints report tokens for this origin. */
const INTRANET = 'https://intranet.hub.example';
/** The hub's key in the table: its server's, with its dashboard's origin registered. */
const HUB = 'sk_test_HubKeyWithItsDashboardForTests08';
/** A second hub key for the dashboard: revoked mid-test, to see its report tokens stop. */
const HUB_REVOKED_LATER = 'sk_test_HubDashboardRevokedLaterTests09';

/** The request each caller sends: its key and, for publishable keys, its origin. */
const AS: Record<CallerName, { key: string | null; headers: Record<string, string> }> = {
  none: { key: null, headers: {} },
  wrong: { key: NEVER_ISSUED, headers: {} },
  revoked: { key: REVOKED, headers: {} },
  pk: { key: KEYS.publishable, headers: { Origin: ORIGIN } },
  pkElsewhere: { key: KEYS.publishable, headers: { Origin: ELSEWHERE } },
  pkServer: { key: KEYS.publishable, headers: {} },
  hub: { key: HUB, headers: {} },
  referrer: { key: KEYS.partner, headers: {} },
  provider: { key: KEYS.provider, headers: {} },
  // Minted by the referring partner's key at the start of each run (see runMatrix).
  token: { key: null, headers: { Origin: PORTAL } },
  // Minted by the hub's key for its dashboard at the start of each run.
  reportToken: { key: null, headers: { Origin: INTRANET } },
};

/** Whose records a caller's `own` state names; `other` is always the second partner's. */
type Owner = 'hub' | 'pk' | 'referrer' | 'provider' | 'other';
const OWNER: Record<CallerName, Owner> = {
  none: 'hub',
  wrong: 'hub',
  revoked: 'hub',
  pk: 'pk',
  pkElsewhere: 'pk',
  pkServer: 'pk',
  hub: 'hub',
  referrer: 'referrer',
  provider: 'provider',
  token: 'referrer',
  reportToken: 'hub',
};

/** The records a request can name. */
interface World {
  referralId: string;
  /** The consent the referral was made under. */
  consentId: string;
  /** A consent its maker recorded that no referral uses. */
  spareConsentId: string;
  assessmentId: string;
  serviceId: string;
  endpointId: string;
}

const missingId = () => crypto.randomUUID();

/**
 * A staff token minted by `key` (the referring partner's, unless another is named) for `origin`
 * (its portal, unless another is named).
 */
async function mintToken(
  call: Call,
  key: string = KEYS.partner,
  expiresIn = 3600,
  origin = PORTAL,
): Promise<string> {
  const { status, body } = await call<{ token: string }>('POST', '/v1/sessions', {
    key,
    body: { staffRef: 'staff-7', origin, expiresIn },
  });
  assert.equal(status, 201, JSON.stringify(body));
  return body.token;
}

/** Makes the records of one owner through the API, as partners and the hub would. */
async function makeWorld(call: Call, owner: Owner): Promise<World> {
  const maker = {
    hub: AS.hub,
    pk: AS.pk,
    referrer: AS.referrer,
    // The hub makes the referrals it assigns to a provider.
    provider: AS.hub,
    other: { key: SECOND_PARTNER, headers: {} },
  }[owner];
  const ok = async <T>(answer: Promise<Answer<T>>, what: string): Promise<T> => {
    const { status, body } = await answer;
    assert.ok(status < 300, `making ${what} for ${owner}: ${status} ${JSON.stringify(body)}`);
    return body;
  };
  const consent = await ok(
    call<{ id: string }>('POST', '/v1/consents', { ...maker, body: consentOnline }),
    'a consent',
  );
  const spare = await ok(
    call<{ id: string }>('POST', '/v1/consents', { ...maker, body: consentOnline }),
    'a consent',
  );
  const referral = await ok(
    call<Referral>('POST', '/v1/referrals', {
      ...maker,
      body: { ...councillorDebtAndFood, consentId: consent.id },
    }),
    'a referral',
  );
  const serviceId = owner === 'hub' || owner === 'provider' ? PROVIDER_SERVICE : OTHER_SERVICE;
  for (const body of [{ to: 'triage' }, { to: 'accepted' }, { to: 'assigned', serviceId }]) {
    await ok(
      call('POST', `/v1/referrals/${referral.id}/transitions`, { ...AS.hub, body }),
      `a ${body.to} referral`,
    );
  }
  const assessment = await ok(
    call<{ id: string }>('POST', '/v1/assessments', {
      ...AS.hub,
      body: {
        referralId: referral.id,
        sections: tenantAssessment.sections,
        completedBy: tenantAssessment.completedBy,
        completedAt: tenantAssessment.completedAt,
      },
    }),
    'an assessment',
  );
  const endpoint = await ok(
    call<{ id: string }>('POST', '/v1/webhook-endpoints', {
      ...AS.hub,
      body: { url: 'https://partner.example.org/hooks', events: ['referral.created'] },
    }),
    'a webhook endpoint',
  );
  return {
    referralId: referral.id,
    consentId: consent.id,
    spareConsentId: spare.id,
    assessmentId: assessment.id,
    serviceId: PROVIDER_SERVICE,
    endpointId: endpoint.id,
  };
}

/** The ids a cell's request names. */
function idsFor(world: World | null): World {
  return (
    world ?? {
      referralId: missingId(),
      consentId: missingId(),
      spareConsentId: missingId(),
      assessmentId: missingId(),
      serviceId: missingId(),
      endpointId: missingId(),
    }
  );
}

/** Each route's request, naming the records of `w`. */
const REQUESTS: Record<
  RouteName,
  (w: World, caller: CallerName) => { path: string; query?: string; body?: unknown }
> = {
  createReferral: (w) => ({ path: '', body: { ...councillorDebtAndFood, consentId: w.consentId } }),
  listReferrals: () => ({ path: '' }),
  retrieveReferral: (w) => ({ path: w.referralId }),
  transitionReferral: (w) => ({
    path: w.referralId,
    body: { to: 'withdrawn', reason: 'The person moved away' },
  }),
  listReferralEvents: (w) => ({ path: w.referralId }),
  recordReferralOutcome: (w) => ({ path: w.referralId, body: { need: 'food', code: 'food_secured' } }),
  createConsent: (w) => ({ path: '', body: { ...consentOnline, referralId: w.referralId } }),
  retrieveConsent: (w) => ({ path: w.consentId }),
  // A publishable key may withdraw only a consent no referral uses yet: its spare one.
  withdrawConsent: (w, caller) => ({
    path: caller.startsWith('pk') ? w.spareConsentId : w.consentId,
    body: { withdrawnAt: '2026-11-20T15:30:00Z', method: 'online' },
  }),
  createAssessment: (w) => ({
    path: '',
    body: {
      referralId: w.referralId,
      sections: tenantAssessment.sections,
      completedBy: tenantAssessment.completedBy,
      completedAt: tenantAssessment.completedAt,
    },
  }),
  listAssessments: (w) => ({ path: '', query: `referralId=${w.referralId}` }),
  retrieveAssessment: (w) => ({ path: w.assessmentId }),
  createAssessmentVersion: (w) => ({
    path: w.assessmentId,
    body: {
      sections: tenantAssessment.sections,
      completedBy: tenantAssessment.completedBy,
      completedAt: tenantAssessment.completedAt,
    },
  }),
  listAssessmentVersions: (w) => ({ path: w.assessmentId }),
  retrieveAssessmentVersion: (w) => ({ path: w.assessmentId }),
  listServices: () => ({ path: '', query: 'q=advice' }),
  searchServices: () => ({ path: '', body: { postcode: 'N7 6QX' } }),
  retrieveService: (w) => ({ path: w.serviceId }),
  retrieveReferralReport: () => ({ path: '', query: 'from=2026-01-01&to=2026-12-31' }),
  createWebhookEndpoint: () => ({
    path: '',
    body: { url: 'https://partner.example.org/hooks', events: ['referral.created'] },
  }),
  listWebhookEndpoints: () => ({ path: '' }),
  retrieveWebhookEndpoint: (w) => ({ path: w.endpointId }),
  deleteWebhookEndpoint: (w) => ({ path: w.endpointId }),
  listWebhookDeliveries: (w) => ({ path: w.endpointId }),
  listAuditEvents: () => ({ path: '' }),
  // Each key asks for its own origin: the hub's, its dashboard's.
  createSession: (_w, caller) => ({
    path: '',
    body: { staffRef: 'staff-7', origin: caller === 'hub' ? INTRANET : PORTAL },
  }),
  createChallenge: () => ({ path: '' }),
  getOpenApiDocument: () => ({ path: '' }),
  getHealth: () => ({ path: '' }),
};

/** The route's path with its `{id}` (and `{version}`, always 1) filled in. */
function pathOf(name: RouteName, id: string, query: string | undefined): string {
  const path = routes[name].path.replace('{id}', id).replace('{version}', '1');
  return query ? `${path}?${query}` : path;
}

/** An answer without what differs on every request. */
function comparable(answer: Answer): unknown {
  const {
    requestId: _requestId,
    instance: _instance,
    ...body
  } = (answer.body ?? {}) as Record<string, unknown>;
  return { status: answer.status, body };
}

interface Cell {
  route: RouteName;
  state: StateName;
  caller: CallerName;
  expected: number;
}

const cells: Cell[] = Object.entries(ACCESS_MATRIX).flatMap(([route, states]) =>
  Object.entries(states).flatMap(([state, row]) =>
    CALLER_NAMES.map((caller, i) => ({
      route: route as RouteName,
      state: state as StateName,
      caller,
      expected: row[i] ?? 0,
    })),
  ),
);

/** Runs every cell against one hub; returns the cells whose answer differed from the table. */
async function runMatrix(call: Call): Promise<string[]> {
  AS.token.key = await mintToken(call);
  AS.reportToken.key = await mintToken(call, HUB, 3600, INTRANET);
  const worlds = new Map<Owner, World>();
  const world = async (owner: Owner): Promise<World> => {
    let found = worlds.get(owner);
    if (!found) {
      found = await makeWorld(call, owner);
      worlds.set(owner, found);
    }
    return found;
  };
  const wrong: string[] = [];
  for (const cell of cells) {
    const route = routes[cell.route];
    const owner = cell.state === 'other' ? 'other' : OWNER[cell.caller];
    const ids = idsFor(cell.state === 'missing' ? null : await world(owner));
    const request = REQUESTS[cell.route](ids, cell.caller);
    const send = (w: World) => {
      const r = REQUESTS[cell.route](w, cell.caller);
      return call(route.method, pathOf(cell.route, r.path, r.query), { ...AS[cell.caller], body: r.body });
    };
    const answer = await call(route.method, pathOf(cell.route, request.path, request.query), {
      ...AS[cell.caller],
      body: request.body,
    });
    const label = `${cell.route} ${cell.state} as ${cell.caller}`;
    if (answer.status !== cell.expected) {
      wrong.push(
        `${label}: ${answer.status} (expected ${cell.expected}) ${JSON.stringify(answer.body).slice(0, 160)}`,
      );
    } else if (cell.state === 'other' && answer.status >= 400) {
      // Refused: it must be the very answer a missing record gets.
      const missing = await send(idsFor(null));
      if (JSON.stringify(comparable(missing)) !== JSON.stringify(comparable(answer))) {
        wrong.push(
          `${label}: answers unlike a missing record: ${JSON.stringify(comparable(answer))} vs ${JSON.stringify(comparable(missing))}`,
        );
      }
    }
    // A change made: later cells get fresh records.
    if (answer.status < 300 && route.method !== 'GET') worlds.delete(owner);
  }

  // What the referral list shows each caller.
  for (const [caller, sees] of Object.entries(LISTED_REFERRALS) as [CallerName, 'own' | 'all'][]) {
    const own = (await world(OWNER[caller])).referralId;
    const other = (await world('other')).referralId;
    const listed = (
      await call<{ data: Referral[] }>('GET', '/v1/referrals?limit=100', AS[caller])
    ).body.data.map((r) => r.id);
    if (!listed.includes(own)) wrong.push(`listReferrals as ${caller}: its own referral is not listed`);
    if (listed.includes(other) !== (sees === 'all')) {
      wrong.push(
        `listReferrals as ${caller}: another partner’s referral is ${sees === 'all' ? 'missing' : 'listed'}`,
      );
    }
  }
  return wrong;
}

/** A third referring partner, with a portal: its key is revoked mid-test, to see its tokens stop. */
const REVOKED_LATER = 'sk_test_PartnerRevokedLaterForTests007';

/**
 * What the table cannot say of a staff token, on one hub: expired, tampered, from the wrong
 * origin or none, and its minting key revoked. `advance` moves the hub's clock on; `revoke`
 * revokes a key. Returns what differed from the contract.
 */
async function tokenCases(
  call: Call,
  advance: (ms: number) => void,
  revoke: (key: string) => Promise<void>,
): Promise<string[]> {
  const wrong: string[] = [];
  const expect = (label: string, answer: Answer, status: number, code?: string) => {
    const got = (answer.body as { code?: string } | null)?.code;
    if (answer.status !== status || (code !== undefined && got !== code)) {
      wrong.push(`${label}: ${answer.status} ${got ?? ''} (expected ${status} ${code ?? ''})`);
    }
  };
  const own = (await makeWorld(call, 'referrer')).referralId;
  const token = await mintToken(call);
  const asToken = (headers: Record<string, string> = { Origin: PORTAL }) => ({ key: token, headers });
  const read = await call('GET', `/v1/referrals/${own}`, asToken());
  expect('own referral', read, 200);
  if (read.headers.get('access-control-allow-origin') !== PORTAL)
    wrong.push('no CORS for the token’s origin');
  const preflight = await call('OPTIONS', '/v1/referrals', {
    key: null,
    headers: {
      Origin: PORTAL,
      'Access-Control-Request-Method': 'GET',
      'Access-Control-Request-Headers': 'authorization',
    },
  });
  if (preflight.headers.get('access-control-allow-origin') !== PORTAL) {
    wrong.push(`preflight from the token’s origin: ${preflight.status}, no CORS`);
  }

  // Who read: the partner's key, for the member of staff the token names.
  const trail = await call<{ data: { keyType: string; staffRef?: string; resourceId: string }[] }>(
    'GET',
    `/v1/audit-events?resourceId=${own}`,
    { key: KEYS.secret },
  );
  if (!trail.body.data.some((e) => e.keyType === 'session' && e.staffRef === 'staff-7')) {
    wrong.push(`the token’s read is not audited with its staffRef: ${JSON.stringify(trail.body.data)}`);
  }

  // Tampered: another signature, or other claims under the same one.
  const [payload = '', signature = ''] = token.slice(3).split('.');
  const flipped = `${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
  expect(
    'tampered signature',
    await call('GET', '/v1/referrals', { ...asToken(), key: `st_${payload}.${flipped}` }),
    401,
    'unauthorized',
  );
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as unknown[];
  claims[4] = Number(claims[4]) + 86_400;
  const longer = Buffer.from(JSON.stringify(claims)).toString('base64url');
  expect(
    'tampered expiry',
    await call('GET', '/v1/referrals', { ...asToken(), key: `st_${longer}.${signature}` }),
    401,
    'unauthorized',
  );

  // Only from its origin.
  expect(
    'other origin',
    await call('GET', '/v1/referrals', asToken({ Origin: ELSEWHERE })),
    403,
    'origin_not_allowed',
  );
  expect('no origin', await call('GET', '/v1/referrals', asToken({})), 403, 'origin_not_allowed');
  // Same-origin, says the browser: the hub's own origin, which is not the portal's.
  expect(
    'no origin, same-origin, not the hub’s own',
    await call('GET', '/v1/referrals', asToken({ 'Sec-Fetch-Site': 'same-origin' })),
    403,
    'origin_not_allowed',
  );

  // Nothing but reads of the partner's referrals.
  expect(
    'a write',
    await call('POST', `/v1/referrals/${own}/transitions`, {
      ...asToken(),
      body: { to: 'withdrawn', reason: 'Moved away' },
    }),
    403,
    'forbidden',
  );
  expect(
    'minting another',
    await call('POST', '/v1/sessions', { ...asToken(), body: { staffRef: 'x', origin: PORTAL } }),
    403,
    'forbidden',
  );

  // Minting: only for an origin registered for the key.
  const unregistered = await call('POST', '/v1/sessions', {
    key: KEYS.partner,
    body: { staffRef: 'staff-7', origin: ELSEWHERE },
  });
  expect('minting for another origin', unregistered, 422, 'validation_failed');
  const field = (unregistered.body as { errors?: { path: string; code: string }[] }).errors?.[0];
  if (field?.path !== '/origin' || field.code !== 'origin_not_registered') {
    wrong.push(`minting for another origin names ${JSON.stringify(field)}`);
  }

  // Expired, by the hub's clock: the page should ask for a new one.
  const brief = await mintToken(call, KEYS.partner, 60);
  expect('fresh token', await call('GET', '/v1/referrals', { key: brief, headers: { Origin: PORTAL } }), 200);
  advance(61_000);
  try {
    expect(
      'expired token',
      await call('GET', '/v1/referrals', { key: brief, headers: { Origin: PORTAL } }),
      401,
      'token_expired',
    );
  } finally {
    advance(-61_000);
  }

  // Revoking the minting key stops its tokens.
  const doomed = await mintToken(call, REVOKED_LATER);
  expect(
    'before revoking',
    await call('GET', '/v1/referrals', { key: doomed, headers: { Origin: PORTAL } }),
    200,
  );
  await revoke(REVOKED_LATER);
  expect(
    'minting key revoked',
    await call('GET', '/v1/referrals', { key: doomed, headers: { Origin: PORTAL } }),
    401,
    'unauthorized',
  );
  return wrong;
}

/**
 * What the table cannot say of a hub's report token, on one hub: its CORS and audit, refused
 * beyond the reports, from the wrong origin or none, expired, and its minting key revoked; and a
 * page on the hub's own origin (`own`, registered for the hub key too), whose browser sends no
 * Origin on a GET but `Sec-Fetch-Site: same-origin`.
 */
async function reportTokenCases(
  call: Call,
  own: string,
  advance: (ms: number) => void,
  revoke: (key: string) => Promise<void>,
): Promise<string[]> {
  const wrong: string[] = [];
  const expect = (label: string, answer: Answer, status: number, code?: string) => {
    const got = (answer.body as { code?: string } | null)?.code;
    if (answer.status !== status || (code !== undefined && got !== code)) {
      wrong.push(`${label}: ${answer.status} ${got ?? ''} (expected ${status} ${code ?? ''})`);
    }
  };
  const report = '/v1/reports/referrals?from=2026-01-01&to=2026-12-31';
  const hubs = (await makeWorld(call, 'hub')).referralId;
  const token = await mintToken(call, HUB, 3600, INTRANET);
  const asToken = (headers: Record<string, string> = { Origin: INTRANET }) => ({ key: token, headers });

  const read = await call('GET', report, asToken());
  expect('the report', read, 200);
  if (read.headers.get('access-control-allow-origin') !== INTRANET)
    wrong.push('no CORS for the report token’s origin');
  const trail = await call<{ data: { keyType: string; staffRef?: string; keyId: string }[] }>(
    'GET',
    '/v1/audit-events?resourceType=report',
    { key: HUB },
  );
  if (!trail.body.data.some((e) => e.keyType === 'session' && e.staffRef === 'staff-7')) {
    wrong.push(
      `the report token’s read is not audited with its staffRef: ${JSON.stringify(trail.body.data)}`,
    );
  }

  // The hub key sees every referral: its dashboard's token sees none, nor writes, nor mints.
  for (const path of ['/v1/referrals', `/v1/referrals/${hubs}`, `/v1/referrals/${hubs}/events`]) {
    expect(`GET ${path}`, await call('GET', path, asToken()), 403, 'forbidden');
  }
  expect(
    'a write',
    await call('POST', '/v1/webhook-endpoints', {
      ...asToken(),
      body: { url: 'https://partner.example.org/hooks', events: ['referral.created'] },
    }),
    403,
    'forbidden',
  );
  expect(
    'minting another',
    await call('POST', '/v1/sessions', { ...asToken(), body: { staffRef: 'x', origin: INTRANET } }),
    403,
    'forbidden',
  );

  // Only from its origin: sent as Origin, or the hub's own when the browser says same-origin.
  expect(
    'other origin',
    await call('GET', report, asToken({ Origin: ELSEWHERE })),
    403,
    'origin_not_allowed',
  );
  expect('no origin', await call('GET', report, asToken({})), 403, 'origin_not_allowed');
  expect(
    'no origin, same-origin, not the hub’s own',
    await call('GET', report, asToken({ 'Sec-Fetch-Site': 'same-origin' })),
    403,
    'origin_not_allowed',
  );
  const ownPage = await mintToken(call, HUB, 3600, own);
  const fromOwnPage = (headers: Record<string, string>) => ({ key: ownPage, headers });
  expect(
    'same-origin page',
    await call('GET', report, fromOwnPage({ 'Sec-Fetch-Site': 'same-origin' })),
    200,
  );
  for (const site of ['cross-site', 'same-site', 'none']) {
    expect(
      `no origin, ${site}`,
      await call('GET', report, fromOwnPage({ 'Sec-Fetch-Site': site })),
      403,
      'origin_not_allowed',
    );
  }
  expect(
    'another Origin, same-origin',
    await call('GET', report, fromOwnPage({ Origin: ELSEWHERE, 'Sec-Fetch-Site': 'same-origin' })),
    403,
    'origin_not_allowed',
  );

  // Expired, by the hub's clock.
  const brief = await mintToken(call, HUB, 60, INTRANET);
  expect('fresh token', await call('GET', report, { key: brief, headers: { Origin: INTRANET } }), 200);
  advance(61_000);
  try {
    expect(
      'expired token',
      await call('GET', report, { key: brief, headers: { Origin: INTRANET } }),
      401,
      'token_expired',
    );
  } finally {
    advance(-61_000);
  }

  // Revoking the minting key stops its tokens.
  const doomed = await mintToken(call, HUB_REVOKED_LATER, 3600, INTRANET);
  expect('before revoking', await call('GET', report, { key: doomed, headers: { Origin: INTRANET } }), 200);
  await revoke(HUB_REVOKED_LATER);
  expect(
    'minting key revoked',
    await call('GET', report, { key: doomed, headers: { Origin: INTRANET } }),
    401,
    'unauthorized',
  );
  return wrong;
}

describe('the access matrix', () => {
  it('has a cell for every route, caller and state, and names every route', () => {
    assert.deepEqual(Object.keys(ACCESS_MATRIX).sort(), Object.keys(routes).sort());
    assert.equal(cells.length, cellCount());
    assert.ok(cells.length > 400, `${cells.length} cells`);
    console.log(`access matrix: ${cells.length} cells, run against the server and the mock`);
  });

  /** The reference server on `engine`: SQLite in memory, or a migrated PostgreSQL database. */
  const againstServer = (engine: 'SQLite' | 'PostgreSQL') =>
    describe(`against the reference server on ${engine}`, () => {
      let hub: TestHub | undefined;
      let offset = 0;
      // Registered before the cluster's own clean-up: the hub stops while its database is there.
      after(async () => {
        await hub?.close();
      });
      const postgres = engine === 'PostgreSQL' ? postgresProcesses() : null;
      before(async () => {
        if (postgres?.skip) return;
        hub = await testHub({
          ...(postgres ? { db: (await postgres.database(true)).url } : {}),
          clock: { now: () => new Date(Date.now() + offset) },
        });
        const { store } = hub.hub;
        const now = hub.hub.now();
        await store.insertKey(
          makeKey({
            kind: 'secret',
            role: 'referrer',
            name: 'Partner revoked later',
            allowedOrigins: [PORTAL],
            value: REVOKED_LATER,
            now,
          }).record,
        );
        await store.insertKey(
          makeKey({ kind: 'secret', role: 'referrer', name: 'Second partner', value: SECOND_PARTNER, now })
            .record,
        );
        // The hub's dashboard: on its intranet, and on the hub's own origin.
        for (const [value, name] of [
          [HUB, 'Hub with its dashboard'],
          [HUB_REVOKED_LATER, 'Dashboard revoked later'],
        ] as const) {
          await store.insertKey(
            makeKey({ kind: 'secret', role: 'hub', name, allowedOrigins: [INTRANET, hub.url], value, now })
              .record,
          );
        }
        const revoked = makeKey({
          kind: 'secret',
          role: 'referrer',
          name: 'Revoked',
          value: REVOKED,
          now,
        }).record;
        await store.insertKey({ ...revoked, revokedAt: now });
      });

      it('answers every cell as the table says', { skip: postgres?.skip ?? false }, async () => {
        assert.ok(hub);
        const wrong = await runMatrix(client(hub.url, KEYS.secret));
        assert.deepEqual(wrong, [], `${wrong.length} of ${cells.length} cells differ:\n${wrong.join('\n')}`);
      });

      it(
        'refuses staff tokens expired, tampered, from elsewhere or of a revoked key',
        { skip: postgres?.skip ?? false },
        async () => {
          assert.ok(hub);
          const { store } = hub.hub;
          const wrong = await tokenCases(
            client(hub.url, KEYS.secret),
            (ms) => {
              offset += ms;
            },
            async (value) => {
              const key = (await store.listKeys()).find((k) => k.hash === hashKey(value));
              assert.ok(key && (await store.revokeKey(key.id, hub?.hub.now() ?? '')));
            },
          );
          assert.deepEqual(wrong, [], wrong.join('\n'));
        },
      );

      it(
        'lets a hub’s report token read the reports, only, from its origin or the hub’s own page',
        { skip: postgres?.skip ?? false },
        async () => {
          assert.ok(hub);
          const { store } = hub.hub;
          const wrong = await reportTokenCases(
            client(hub.url, KEYS.secret),
            hub.url,
            (ms) => {
              offset += ms;
            },
            async (value) => {
              const key = (await store.listKeys()).find((k) => k.hash === hashKey(value));
              assert.ok(key && (await store.revokeKey(key.id, hub?.hub.now() ?? '')));
            },
          );
          assert.deepEqual(wrong, [], wrong.join('\n'));
        },
      );
    });
  againstServer('SQLite');
  againstServer('PostgreSQL');

  describe('against the mock hub', () => {
    let offset = 0;
    const mock = createHubMock({
      keys: [
        { key: KEYS.publishable, origins: [ORIGIN] },
        { key: KEYS.secret, role: 'hub' },
        { key: HUB, role: 'hub', origins: [INTRANET, DEFAULT_BASE_URL] },
        { key: HUB_REVOKED_LATER, role: 'hub', origins: [INTRANET, DEFAULT_BASE_URL] },
        { key: KEYS.partner, role: 'referrer', origins: [PORTAL] },
        { key: KEYS.provider, role: 'provider', serviceIds: [PROVIDER_SERVICE] },
        { key: SECOND_PARTNER, role: 'referrer' },
        { key: REVOKED, role: 'referrer', revoked: true },
        { key: REVOKED_LATER, role: 'referrer', origins: [PORTAL] },
      ],
      now: () => Date.now() + offset,
    });
    const server = setupServer(...mock.handlers);
    before(() => {
      server.listen({ onUnhandledFrame: 'error' });
    });
    after(() => {
      server.close();
    });

    it('answers every cell as the table says', async () => {
      const wrong = await runMatrix(client(mock.baseUrl, KEYS.secret));
      assert.deepEqual(wrong, [], `${wrong.length} of ${cells.length} cells differ:\n${wrong.join('\n')}`);
    });

    it('refuses staff tokens expired, tampered, from elsewhere or of a revoked key', async () => {
      const wrong = await tokenCases(
        client(mock.baseUrl, KEYS.secret),
        (ms) => {
          offset += ms;
        },
        (key) => {
          mock.revokeKey(key);
          return Promise.resolve();
        },
      );
      assert.deepEqual(wrong, [], wrong.join('\n'));
    });

    it('lets a hub’s report token read the reports, only, from its origin or the hub’s own page', async () => {
      const wrong = await reportTokenCases(
        client(mock.baseUrl, KEYS.secret),
        new URL(mock.baseUrl).origin,
        (ms) => {
          offset += ms;
        },
        (key) => {
          mock.revokeKey(key);
          return Promise.resolve();
        },
      );
      assert.deepEqual(wrong, [], wrong.join('\n'));
    });
  });
});
