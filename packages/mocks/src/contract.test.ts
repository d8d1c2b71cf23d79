/**
 * The mock against the reference server: the same requests, in the same order, to both, and
 * the same answers back (status, the headers that matter, the body), once what is random is
 * put aside: ids and references (matched by order of appearance), times, request ids, cursor
 * strings and signing secrets. Directory searches by words are compared as sets: the hub ranks
 * them by relevance, the mock keeps the directory's order.
 *
 * The reference server runs on SQLite and on PostgreSQL (issue 15): the journey on PostgreSQL
 * must match SQLite's step by step, and every other test runs on each hub, engines included.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import { setupServer } from 'msw/node';
import type { Referral } from '@hubkit/schema';
import {
  consentByPhone,
  consentOnline,
  councillorDebtAndFood,
  gpSocialPrescribingLoneliness,
  homesAndMoneyHub,
  immediateSafeguardingConcern,
  selfReferralShielding,
  tenantAssessment,
  tenantAtRiskOfEviction,
} from '@hubkit/schema/fixtures';
import { jsonSchemaCheck } from '../../schema/src/testing/json-schema-check.ts';
import {
  KEYS,
  ORIGIN,
  PORTAL,
  PROVIDER_SERVICE,
  testHub,
  type TestHub,
} from '../../server/src/testing/hub.ts';
import { makeKey } from '../../server/src/domain/keys.ts';
import { postgresProcesses } from '../../server/src/testing/postgres-store.ts';
import { openApiResponses } from '../../schema/src/testing/openapi-responses.ts';
import { createHubMock } from './index.ts';
import { client, type Answer, type Call } from './testing/harness.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const REFERENCE = /^HUB-[0-9A-Z]{4}-[0-9A-Z]{2}$/;
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const HEADERS = [
  'content-type',
  'cache-control',
  'vary',
  'allow',
  'www-authenticate',
  'retry-after',
  'idempotent-replayed',
  'x-correlation-id',
  'access-control-allow-origin',
  'x-content-type-options',
  'referrer-policy',
];

/** Puts aside what is random, naming ids and references by the order they first appear. */
function normaliser() {
  const names = new Map<string, string>();
  const named = (value: string, kind: string) => {
    let name = names.get(value);
    if (!name) {
      name = `${kind}#${names.size + 1}`;
      names.set(value, name);
    }
    return name;
  };
  const walk = (value: unknown, key?: string): unknown => {
    if (Array.isArray(value)) return value.map((v) => walk(v));
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
    }
    if (typeof value !== 'string') return value;
    if (key === 'nextCursor') return 'cursor';
    if (UUID.test(value)) return named(value.toLowerCase(), 'id');
    if (REFERENCE.test(value)) return named(value, 'ref');
    if (TIME.test(value)) return 'time';
    if (value.startsWith('req_')) return 'request-id';
    if (value.startsWith('key_')) return named(value, 'key');
    if (value.startsWith('whsec_')) return 'secret';
    if (value.startsWith('st_')) return 'staff token';
    return value;
  };
  return (answer: Answer) => ({
    status: answer.status,
    headers: Object.fromEntries(HEADERS.map((h) => [h, answer.headers.get(h)])),
    requestId: /^req_[A-Za-z0-9_-]{16}$/.test(answer.headers.get('x-request-id') ?? ''),
    body: walk(answer.body),
  });
}

/** The items of a page in a fixed order, for answers whose order is the hub's own ranking. */
function sortLists(body: unknown): void {
  const page = body as { data?: unknown[]; contents?: unknown[] } | null;
  for (const list of [page?.data, page?.contents]) {
    list?.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  }
}

interface Step {
  label: string;
  answer: ReturnType<ReturnType<typeof normaliser>>;
}

const today = new Date().toISOString().slice(0, 10);

/** The journey both hubs are taken through; each uses the ids its own answers gave. */
async function journey(request: Call): Promise<Step[]> {
  const normalise = normaliser();
  const steps: Step[] = [];
  const call = async <T = any>(
    label: string,
    method: string,
    path: string,
    options?: Parameters<Call>[2],
    { unordered = false, shape }: { unordered?: boolean; shape?: (body: any) => unknown } = {},
  ) => {
    const answer = await request<T>(method, path, options);
    // Sorted before ids are named, so that both name them in the same order.
    if (unordered) sortLists(answer.body);
    if (shape && answer.status < 300) answer.body = shape(answer.body) as T;
    steps.push({ label, answer: normalise(answer) });
    return answer;
  };
  const web = { key: KEYS.publishable, headers: { Origin: ORIGIN } };

  // Meta, keys, reading bodies and queries.
  await call('health', 'GET', '/healthz', { key: null });
  await call('no key', 'GET', '/v1/referrals', { key: null });
  await call('not a key', 'GET', '/v1/referrals', { key: 'nonsense' });
  await call('unknown key', 'GET', '/v1/referrals', { key: 'sk_live_unknownunknownunknown00' });
  await call('publishable lists', 'GET', '/v1/referrals', web);
  // A challenge is random: compare what it asks and how it is signed, not its bytes.
  await call('challenge', 'GET', '/v1/challenges', web, {
    shape: (body: { parameters: Record<string, unknown>; signature: string }) => ({
      keys: Object.keys(body).sort(),
      parameters: Object.fromEntries(
        Object.entries(body.parameters).map(([k, v]) =>
          typeof v === 'string' && /^[0-9a-f]+$/.test(v)
            ? [k, `hex ${v.length}`]
            : [k, typeof v === 'number' ? typeof v : v],
        ),
      ),
      signature: /^[0-9a-f]{64}$/.test(body.signature),
    }),
  });
  await call('secret key asks for a challenge', 'GET', '/v1/challenges');
  await call('publishable reports', 'GET', '/v1/reports/referrals?from=2026-01-01&to=2026-12-31', web);
  await call('wrong origin', 'GET', '/v1/services', {
    key: KEYS.publishable,
    headers: { Origin: 'https://evil.example' },
  });
  await call('other site', 'GET', '/v1/services?limit=1', {
    key: KEYS.otherPublishable,
    headers: { Origin: 'https://other.example.org' },
  });
  await call('bad json', 'POST', '/v1/referrals', { body: '{"resident": {' });
  await call('empty body', 'POST', '/v1/referrals', { body: '' });
  await call('form body', 'POST', '/v1/referrals', {
    body: 'a=b',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
  await call('too large', 'POST', '/v1/referrals', {
    body: { ...councillorDebtAndFood, notes: 'x'.repeat(110 * 1024) },
  });
  await call('invalid in Welsh', 'POST', '/v1/referrals', {
    body: { ...councillorDebtAndFood, needs: [], nickname: 'Zed' },
    headers: { 'Accept-Language': 'cy-GB, en;q=0.5', 'X-Correlation-Id': 'corr-123' },
  });
  await call('bad query', 'GET', '/v1/referrals?status=lost&limit=1000');
  await call('repeated query', 'GET', '/v1/referrals?status=draft&status=closed');
  await call('secret key from a browser', 'GET', '/v1/referrals', {
    headers: { Origin: 'https://vcs.example.org' },
  });
  await call('bad cursor', 'GET', '/v1/referrals?cursor=not-a-cursor');
  // Well-formed keys the hub never signed or gave out: [-5], [0.5] and ["abc"] as base64url JSON.
  for (const forged of ['Wy01XQ', 'WzAuNV0', 'WyJhYmMiXQ']) {
    await call(`forged cursor ${forged}`, 'GET', `/v1/services?cursor=${forged}`);
  }
  await call('not an id', 'GET', '/v1/referrals/123');
  await call('unknown id', 'GET', '/v1/referrals/00000000-0000-4000-8000-000000000000');
  await call('wrong method', 'PUT', '/v1/referrals');
  await call('no such address', 'GET', '/v2/referrals');
  await call('head', 'HEAD', '/v1/services?limit=1');

  // Consent and referrals from a VCS site, then from the hub and a partner.
  const consent = await call<{ id: string }>('consent online', 'POST', '/v1/consents', {
    ...web,
    body: consentOnline,
  });
  const fromSite = await call<Referral>('referral from site', 'POST', '/v1/referrals', {
    ...web,
    body: { ...selfReferralShielding, consentId: consent.body.id },
  });
  await call('site withdraws used consent', 'POST', `/v1/consents/${consent.body.id}/withdraw`, {
    ...web,
    body: { withdrawnAt: '2026-11-05T10:00:00Z', method: 'online' },
  });
  await call('consent of unknown referral', 'POST', '/v1/consents', {
    body: { ...consentByPhone, referralId: '00000000-0000-4000-8000-000000000000' },
  });
  await call('referral with unknown consent', 'POST', '/v1/referrals', {
    body: { ...councillorDebtAndFood, consentId: '00000000-0000-4000-8000-000000000000' },
  });
  await call('referral for unknown service', 'POST', '/v1/referrals', {
    body: { ...councillorDebtAndFood, requestedServiceId: '00000000-0000-4000-8000-000000000000' },
  });
  // The consent sent with the referral: one write under one key, or nothing.
  const together = await call<Referral>('referral with its consent', 'POST', '/v1/referrals', {
    ...web,
    body: { ...selfReferralShielding, consent: consentOnline },
    headers: { ...web.headers, 'Idempotency-Key': 'together-1' },
  });
  await call('referral with its consent replayed', 'POST', '/v1/referrals', {
    ...web,
    body: { ...selfReferralShielding, consent: consentOnline },
    headers: { ...web.headers, 'Idempotency-Key': 'together-1' },
  });
  await call('consent made with the referral', 'GET', `/v1/consents/${together.body.consentId ?? ''}`);
  await call('consent and consentId', 'POST', '/v1/referrals', {
    body: { ...councillorDebtAndFood, consent: consentByPhone, consentId: consent.body.id },
  });
  await call('consent fields wrong', 'POST', '/v1/referrals', {
    body: {
      ...councillorDebtAndFood,
      consent: { ...consentByPhone, recordedBy: undefined, referralId: 'x' },
    },
  });
  await call('consent with a referral refused', 'POST', '/v1/referrals', {
    body: {
      ...councillorDebtAndFood,
      consent: consentByPhone,
      requestedServiceId: '00000000-0000-4000-8000-000000000000',
    },
  });
  const tenant = await call<Referral>('tenant referral', 'POST', '/v1/referrals', {
    body: {
      ...tenantAtRiskOfEviction,
      assessment: {
        sections: tenantAssessment.sections,
        completedBy: tenantAssessment.completedBy,
        completedAt: tenantAssessment.completedAt,
      },
    },
    headers: { 'Idempotency-Key': 'tenant-1' },
  });
  await call('replay', 'POST', '/v1/referrals', {
    body: {
      ...tenantAtRiskOfEviction,
      assessment: {
        sections: tenantAssessment.sections,
        completedBy: tenantAssessment.completedBy,
        completedAt: tenantAssessment.completedAt,
      },
    },
    headers: { 'Idempotency-Key': 'tenant-1' },
  });
  await call('key reused', 'POST', '/v1/referrals', {
    body: councillorDebtAndFood,
    headers: { 'Idempotency-Key': 'tenant-1' },
  });
  await call('key invalid', 'POST', '/v1/referrals', {
    body: councillorDebtAndFood,
    headers: { 'Idempotency-Key': 'has space' },
  });
  const gp = await call<Referral>('gp referral', 'POST', '/v1/referrals', {
    body: gpSocialPrescribingLoneliness,
  });
  await call('same person again', 'POST', '/v1/referrals', { body: gpSocialPrescribingLoneliness });
  await call('same person from site', 'POST', '/v1/referrals', {
    ...web,
    body: gpSocialPrescribingLoneliness,
  });
  const partner = await call<Referral>('partner referral', 'POST', '/v1/referrals', {
    key: KEYS.partner,
    body: { ...immediateSafeguardingConcern, status: 'draft' },
  });
  await call('partner sees own', 'GET', '/v1/referrals', { key: KEYS.partner });
  await call('partner cannot see others', 'GET', `/v1/referrals/${tenant.body.id}`, { key: KEYS.partner });
  await call('partner submits draft', 'POST', `/v1/referrals/${partner.body.id}/transitions`, {
    key: KEYS.partner,
    body: { to: 'submitted' },
  });

  // The tenant's referral through the lifecycle, and what is refused on the way.
  const move = (label: string, body: unknown, key: string = KEYS.secret, id = tenant.body.id) =>
    call(label, 'POST', `/v1/referrals/${id}/transitions`, { key, body });
  await move('provider cannot see unassigned', { to: 'triage' }, KEYS.provider);
  await move('not allowed', { to: 'closed' });
  await move('triage', { to: 'triage' });
  await move('decline without reason', { to: 'declined' });
  await move('accept', { to: 'accepted' });
  await move('assign without service', { to: 'assigned' });
  await move('assign to unknown service', {
    to: 'assigned',
    serviceId: '00000000-0000-4000-8000-000000000000',
  });
  await call('outcome too early', 'POST', `/v1/referrals/${gp.body.id}/outcomes`, {
    body: { need: 'loneliness_isolation', code: 'connected_to_community' },
  });
  await move('assign', { to: 'assigned', serviceId: PROVIDER_SERVICE });
  await move('partner cannot move it', { to: 'in_progress' }, KEYS.partner);
  await move('provider starts', { to: 'in_progress' }, KEYS.provider);
  await move('provider cannot withdraw', { to: 'withdrawn', reason: 'No' }, KEYS.provider);
  await move('close without outcomes', { to: 'closed' }, KEYS.provider);
  const outcome = (label: string, body: unknown) =>
    call(label, 'POST', `/v1/referrals/${tenant.body.id}/outcomes`, { key: KEYS.provider, body });
  await outcome('outcome for another need', { need: 'food', code: 'food_secured' });
  await outcome('outcome that does not fit', { need: 'housing', code: 'food_secured' });
  await outcome('housing outcome', { need: 'housing', code: 'eviction_prevented' });
  await outcome('same outcome again', { need: 'housing', code: 'eviction_prevented' });
  await outcome('benefits outcome', {
    need: 'benefits',
    code: 'income_maximised',
    amount: { amount: 8640, currency: 'GBP', frequency: 'weekly' },
  });
  await call('outcome replayed', 'POST', `/v1/referrals/${tenant.body.id}/outcomes`, {
    key: KEYS.provider,
    body: { need: 'money_debt', code: 'debt_managed' },
    headers: { 'Idempotency-Key': 'outcome-1' },
  });
  await call('outcome replayed again', 'POST', `/v1/referrals/${tenant.body.id}/outcomes`, {
    key: KEYS.provider,
    body: { need: 'money_debt', code: 'debt_managed' },
    headers: { 'Idempotency-Key': 'outcome-1' },
  });
  await move('close', { to: 'closed' }, KEYS.provider);
  await call('refusal stored', 'POST', `/v1/referrals/${tenant.body.id}/transitions`, {
    body: { to: 'triage' },
    headers: { 'Idempotency-Key': 'refused-1' },
  });
  await call('refusal replayed', 'POST', `/v1/referrals/${tenant.body.id}/transitions`, {
    body: { to: 'triage' },
    headers: { 'Idempotency-Key': 'refused-1' },
  });
  await call('provider reads', 'GET', `/v1/referrals/${tenant.body.id}`, { key: KEYS.provider });
  await call('provider lists', 'GET', '/v1/referrals', { key: KEYS.provider });
  const events = await call<{ nextCursor: string }>(
    'events page 1',
    'GET',
    `/v1/referrals/${tenant.body.id}/events?limit=3`,
  );
  await call(
    'events page 2',
    'GET',
    `/v1/referrals/${tenant.body.id}/events?limit=3&cursor=${events.body.nextCursor}`,
  );
  const page1 = await call<{ nextCursor: string }>('referrals page 1', 'GET', '/v1/referrals?limit=2');
  const page2 = await call<{ nextCursor: string }>(
    'referrals page 2',
    'GET',
    `/v1/referrals?limit=2&cursor=${page1.body.nextCursor}`,
  );
  await call('referrals page 3', 'GET', `/v1/referrals?limit=2&cursor=${page2.body.nextCursor}`);
  await call('referrals by status', 'GET', '/v1/referrals?status=submitted&need=loneliness_isolation');

  // Assessments.
  const made = await call<{ id: string }>('assessment for referral', 'POST', '/v1/assessments', {
    body: {
      sections: tenantAssessment.sections,
      completedBy: tenantAssessment.completedBy,
      completedAt: tenantAssessment.completedAt,
      referralId: gp.body.id,
    },
  });
  await call('assessment for unknown person', 'POST', '/v1/assessments', {
    body: {
      sections: tenantAssessment.sections,
      completedBy: tenantAssessment.completedBy,
      completedAt: tenantAssessment.completedAt,
      residentId: '00000000-0000-4000-8000-000000000000',
    },
  });
  await call('assessment for wrong person', 'POST', '/v1/assessments', {
    body: {
      sections: tenantAssessment.sections,
      completedBy: tenantAssessment.completedBy,
      completedAt: tenantAssessment.completedAt,
      referralId: gp.body.id,
      residentId: tenant.body.residentId,
    },
  });
  await call('assessment by partner', 'POST', '/v1/assessments', {
    key: KEYS.partner,
    body: {
      sections: tenantAssessment.sections,
      completedBy: tenantAssessment.completedBy,
      completedAt: tenantAssessment.completedAt,
      residentId: gp.body.residentId,
    },
  });
  await call('new version', 'POST', `/v1/assessments/${made.body.id}/versions`, {
    body: {
      sections: tenantAssessment.sections.slice(0, 1),
      completedBy: tenantAssessment.completedBy,
      completedAt: tenantAssessment.completedAt,
    },
  });
  await call('latest', 'GET', `/v1/assessments/${made.body.id}`);
  await call('version 1', 'GET', `/v1/assessments/${made.body.id}/versions/1`);
  await call('version 9', 'GET', `/v1/assessments/${made.body.id}/versions/9`);
  await call('version 0', 'GET', `/v1/assessments/${made.body.id}/versions/0`);
  await call('versions', 'GET', `/v1/assessments/${made.body.id}/versions?limit=1`);
  await call('by person', 'GET', `/v1/assessments?residentId=${gp.body.residentId}`);
  await call('no subject', 'GET', '/v1/assessments');
  await call('tenant assessment by provider', 'GET', `/v1/assessments?referralId=${tenant.body.id}`, {
    key: KEYS.provider,
  });
  await call('provider by person', 'GET', `/v1/assessments?residentId=${tenant.body.residentId}`, {
    key: KEYS.provider,
  });

  // Consent withdrawn: sharing stops.
  const phone = await call<{ id: string }>('consent by phone', 'POST', '/v1/consents', {
    body: { ...consentByPhone, referralId: tenant.body.id },
  });
  await call('retrieve consent', 'GET', `/v1/consents/${phone.body.id}`);
  await call('withdraw', 'POST', `/v1/consents/${phone.body.id}/withdraw`, {
    body: { withdrawnAt: '2026-11-20T15:30:00Z', method: 'phone', recordedBy: { name: 'Sam Okoro' } },
  });
  await call('withdraw again', 'POST', `/v1/consents/${phone.body.id}/withdraw`, {
    body: { withdrawnAt: '2026-11-20T15:30:00Z', method: 'online' },
  });
  await call('withdrawal without recorder', 'POST', `/v1/consents/${phone.body.id}/withdraw`, {
    body: { withdrawnAt: '2026-11-20T15:30:00Z', method: 'phone' },
  });
  await call('provider after withdrawal', 'GET', `/v1/referrals/${tenant.body.id}`, { key: KEYS.provider });
  await call('hub after withdrawal', 'GET', `/v1/referrals/${tenant.body.id}`);
  await call('events after withdrawal', 'GET', `/v1/referrals/${tenant.body.id}/events?limit=20`);
  await call('referral with withdrawn consent', 'POST', '/v1/referrals', {
    body: { ...councillorDebtAndFood, consentId: phone.body.id },
  });
  const own = await call<{ id: string }>('site consent', 'POST', '/v1/consents', {
    ...web,
    body: consentOnline,
  });
  await call('other site withdraws', 'POST', `/v1/consents/${own.body.id}/withdraw`, {
    key: KEYS.otherPublishable,
    headers: { Origin: 'https://other.example.org' },
    body: { withdrawnAt: '2026-11-05T10:00:00Z', method: 'online' },
  });
  await call('site withdraws its own', 'POST', `/v1/consents/${own.body.id}/withdraw`, {
    ...web,
    body: { withdrawnAt: '2026-11-05T10:00:00Z', method: 'online' },
  });
  await call('site cannot read consent', 'GET', `/v1/consents/${own.body.id}`, web);
  await call('from site referral read', 'GET', `/v1/referrals/${fromSite.body.id}`);

  // The directory.
  await call('services', 'GET', '/v1/services?limit=5');
  const services = await call<{ nextCursor: string }>(
    'services by need',
    'GET',
    '/v1/services?need=food&limit=3',
  );
  await call(
    'services by need, page 2',
    'GET',
    `/v1/services?need=food&limit=3&cursor=${services.body.nextCursor}`,
  );
  await call('service', 'GET', `/v1/services/${homesAndMoneyHub.id}`, web);
  await call('unknown service', 'GET', '/v1/services/00000000-0000-4000-8000-000000000000', web);
  await call('search near', 'POST', '/v1/services/search', {
    ...web,
    body: { postcode: 'n7 6qx', limit: 10 },
  });
  await call('search near for need', 'POST', '/v1/services/search', {
    body: { postcode: 'IG11 9QP', need: 'housing' },
  });
  await call('search within radius', 'POST', '/v1/services/search', {
    body: { postcode: 'BL9 6ST', radiusKm: 3 },
  });
  await call('search radius without postcode', 'POST', '/v1/services/search', { body: { radiusKm: 3 } });
  await call('search outside area', 'POST', '/v1/services/search', { body: { postcode: 'SW1A 1AA' } });
  await call('search bad postcode', 'POST', '/v1/services/search', { body: { postcode: 'nonsense' } });
  for (const q of [
    'housing',
    'debt advice',
    'food',
    'carers',
    'islington',
    'walk',
    'digital',
    'benefit',
    'café',
    'warm homes',
  ]) {
    // The same services, in another order: the hub ranks by relevance.
    const unordered = { unordered: true };
    await call(`words ${q}`, 'GET', `/v1/services?q=${encodeURIComponent(q)}`, {}, unordered);
    await call(
      `search words ${q}`,
      'POST',
      '/v1/services/search',
      { body: { q, postcode: 'N7 6QX' } },
      unordered,
    );
    await call(
      `oruk words ${q}`,
      'GET',
      `/oruk/services?search=${encodeURIComponent(q)}`,
      { key: null },
      unordered,
    );
  }
  await call('search no postcode', 'POST', '/v1/services/search', { body: { need: 'caring', limit: 2 } });

  // Staff tokens: minted by the partner's server, used from its portal, reading its referrals only.
  const session = await call<{ token: string }>('partner mints a staff token', 'POST', '/v1/sessions', {
    key: KEYS.partner,
    body: { staffRef: 'staff-7', origin: PORTAL, expiresIn: 600 },
  });
  await call('hub key mints no token for an origin not its own', 'POST', '/v1/sessions', {
    body: { staffRef: 'staff-7', origin: PORTAL },
  });
  await call('provider key mints no token', 'POST', '/v1/sessions', {
    key: KEYS.provider,
    body: { staffRef: 'staff-7', origin: PORTAL },
  });
  await call('token for an origin not registered', 'POST', '/v1/sessions', {
    key: KEYS.partner,
    body: { staffRef: 'staff-7', origin: ORIGIN },
  });
  await call('token for a name, not a reference', 'POST', '/v1/sessions', {
    key: KEYS.partner,
    body: { staffRef: 'Jo Bloggs', origin: PORTAL, expiresIn: 5 },
  });
  const staff = { key: session.body.token, headers: { Origin: PORTAL } };
  await call('token lists its partner’s referrals', 'GET', '/v1/referrals', staff);
  await call('token reads one', 'GET', `/v1/referrals/${partner.body.id}`, staff);
  await call('token reads its events', 'GET', `/v1/referrals/${partner.body.id}/events`, staff);
  await call('token reads no other partner’s', 'GET', `/v1/referrals/${tenant.body.id}`, staff);
  await call('token from another origin', 'GET', '/v1/referrals', { ...staff, headers: { Origin: ORIGIN } });
  await call('token may not write', 'POST', `/v1/referrals/${partner.body.id}/transitions`, {
    ...staff,
    body: { to: 'withdrawn', reason: 'Moved away' },
  });
  await call('token reads no report', 'GET', `/v1/reports/referrals?from=${today}&to=${today}`, staff);

  // Report tokens: minted by a hub key for its dashboard, reading the reports only.
  const dashboardSession = await call<{ token: string }>('hub mints a report token', 'POST', '/v1/sessions', {
    key: DASHBOARD,
    body: { staffRef: 'analyst-2', origin: INTRANET, expiresIn: 600 },
  });
  const dashboard = { key: dashboardSession.body.token, headers: { Origin: INTRANET } };
  await call(
    'report token reads the report',
    'GET',
    `/v1/reports/referrals?from=${today}&to=${today}`,
    dashboard,
  );
  await call('report token lists no referrals', 'GET', '/v1/referrals', dashboard);
  await call('report token reads no referral', 'GET', `/v1/referrals/${partner.body.id}`, dashboard);
  await call('report token from another origin', 'GET', `/v1/reports/referrals?from=${today}&to=${today}`, {
    ...dashboard,
    headers: { Origin: PORTAL },
  });

  // Reports, webhooks, the audit trail.
  await call('report', 'GET', `/v1/reports/referrals?from=${today}&to=${today}`);
  await call(
    'report suppressed',
    'GET',
    `/v1/reports/referrals?from=${today}&to=${today}&suppressSmallNumbers=true`,
  );
  await call('report backwards', 'GET', '/v1/reports/referrals?from=2026-02-01&to=2026-01-01');
  await call(
    'report by week and need',
    'GET',
    `/v1/reports/referrals?from=${today}&to=${today}&interval=week&seriesByNeed=true&targetWorkingDays=0`,
  );
  await call(
    'report by month, suppressed',
    'GET',
    `/v1/reports/referrals?from=2026-01-01&to=${today}&interval=month&suppressSmallNumbers=true&closeTargetWorkingDays=5`,
  );
  await call(
    'report series too long',
    'GET',
    '/v1/reports/referrals?from=2000-01-01&to=2026-01-01&interval=week',
  );
  await call(
    'report target not a number',
    'GET',
    `/v1/reports/referrals?from=${today}&to=${today}&targetWorkingDays=two`,
  );
  await call('report by provider', 'GET', `/v1/reports/referrals?from=${today}&to=${today}`, {
    key: KEYS.provider,
  });
  const endpoint = await call<{ id: string }>('webhook endpoint', 'POST', '/v1/webhook-endpoints', {
    body: {
      url: 'https://partner.example.org/hooks',
      events: ['referral.created'],
      description: 'Case system',
    },
  });
  await call('webhook endpoint over http', 'POST', '/v1/webhook-endpoints', {
    body: { url: 'http://partner.example.org/hooks', events: ['referral.created'] },
  });
  await call('webhook endpoint with a password', 'POST', '/v1/webhook-endpoints', {
    body: { url: 'https://hooks:hunter2@partner.example.org/hooks', events: ['referral.created'] },
  });
  await call('webhook endpoints', 'GET', '/v1/webhook-endpoints');
  await call('webhook endpoint read', 'GET', `/v1/webhook-endpoints/${endpoint.body.id}`);
  await call('deliveries', 'GET', `/v1/webhook-endpoints/${endpoint.body.id}/deliveries`);
  await call('delete endpoint', 'DELETE', `/v1/webhook-endpoints/${endpoint.body.id}`);
  await call('delete again', 'DELETE', `/v1/webhook-endpoints/${endpoint.body.id}`);
  await call('provider webhooks', 'GET', '/v1/webhook-endpoints', { key: KEYS.provider });
  await call('audit', 'GET', '/v1/audit-events?limit=100');
  const audit = await call<{ nextCursor: string }>(
    'audit for tenant',
    'GET',
    `/v1/audit-events?resourceType=referral&resourceId=${tenant.body.id}&limit=4`,
  );
  await call(
    'audit page 2',
    'GET',
    `/v1/audit-events?resourceType=referral&resourceId=${tenant.body.id}&limit=4&cursor=${audit.body.nextCursor}`,
  );

  // Open Referral UK.
  await call('oruk', 'GET', '/oruk', { key: null });
  await call('oruk services', 'GET', '/oruk/services?per_page=5&page=2', { key: null });
  await call('oruk services full', 'GET', '/oruk/services?per_page=2&full=true', { key: null });
  await call('oruk service', 'GET', `/oruk/services/${homesAndMoneyHub.id}`, { key: null });
  await call('oruk no service', 'GET', '/oruk/services/not-an-id', { key: null });
  await call('oruk near', 'GET', '/oruk/service_at_locations?postcode=N7%206QX&proximity=3000', {
    key: null,
  });
  await call('oruk near a postcode it cannot place', 'GET', '/oruk/service_at_locations?postcode=ZE1%200AA', {
    key: null,
  });
  await call('oruk organisations', 'GET', '/oruk/organizations?per_page=3', { key: null });
  await call('oruk taxonomies', 'GET', '/oruk/taxonomies', { key: null });
  await call('oruk terms', 'GET', '/oruk/taxonomy_terms?per_page=5', { key: null });
  await call('oruk bad query', 'GET', '/oruk/services?per_page=0&format=csv&taxonomy_id=x', { key: null });
  await call('oruk post', 'POST', '/oruk/services', { key: null, body: {} });
  await call('oruk nowhere', 'GET', '/oruk/nowhere/at/all', { key: null });
  return steps;
}

/** The hub's dashboard: a hub key that mints report tokens for its intranet. */
const DASHBOARD = 'sk_test_ContractDashboardHubKey0000001';
const INTRANET = 'https://intranet.hub.example';
/** Gives a test hub the dashboard's key, as `keys create --secret --role hub --origin` does. */
async function withDashboard(hub: TestHub): Promise<TestHub> {
  const { record } = makeKey({
    kind: 'secret',
    role: 'hub',
    name: 'Dashboard',
    allowedOrigins: [INTRANET],
    value: DASHBOARD,
    now: hub.hub.now(),
  });
  await hub.hub.store.insertKey(record);
  return hub;
}

let server: TestHub;
const postgres = postgresProcesses();
const mock = createHubMock({
  origins: [ORIGIN],
  keys: [
    { key: KEYS.publishable, origins: [ORIGIN] },
    { key: KEYS.otherPublishable, origins: ['https://other.example.org'] },
    { key: KEYS.secret, role: 'hub' },
    { key: KEYS.partner, role: 'referrer', origins: [PORTAL] },
    { key: KEYS.provider, role: 'provider', serviceIds: [PROVIDER_SERVICE] },
    { key: DASHBOARD, role: 'hub', origins: [INTRANET] },
  ],
});
const interceptor = setupServer(...mock.handlers);

before(async () => {
  server = await withDashboard(await testHub());
  // Only the mock's own address is answered by msw; the real hub is reached over loopback.
  interceptor.listen({ onUnhandledFrame: 'bypass' });
});
after(async () => {
  interceptor.close();
  await server.close();
});

/** Every answer a hub gives in the journey and the money round trip, checked against the OpenAPI document. */
const documented = {
  sqlite: openApiResponses(),
  postgres: openApiResponses(),
  mock: openApiResponses(),
};

describe('the mock and the reference server', () => {
  let real: Step[] = [];
  let mocked: Step[] = [];
  let stored: Step[] = [];
  /** The same reference server on PostgreSQL (issue 15): the contract is the store's too. */
  let onPostgres: TestHub | undefined;
  // Before the cluster's own clean-up (a hook of the file): the hub stops while its database is there.
  after(async () => {
    await onPostgres?.close();
  });
  before(async () => {
    if (!postgres.skip)
      onPostgres = await withDashboard(await testHub({ db: (await postgres.database(true)).url }));
    real = await journey(client(server.url, KEYS.secret, documented.sqlite.check));
    mocked = await journey(client(mock.baseUrl, KEYS.secret, documented.mock.check));
    if (onPostgres) stored = await journey(client(onPostgres.url, KEYS.secret, documented.postgres.check));
  });

  it('answer the same journey on PostgreSQL as on SQLite, step by step', { skip: postgres.skip }, () => {
    assert.equal(stored.length, real.length);
    const differing = real.filter((step, i) => !isDeepStrictEqual(stored[i], step));
    const first = differing[0];
    if (first) {
      assert.deepStrictEqual(
        stored[real.indexOf(first)],
        first,
        `${differing.length} steps differ: ${differing.map((s) => s.label).join('; ')}`,
      );
    }
  });

  it('answer the same journey the same way, step by step', () => {
    assert.equal(mocked.length, real.length);
    assert.ok(real.length > 100, 'the journey is long enough to mean something');
    const differing = real.filter((step, i) => !isDeepStrictEqual(mocked[i], step));
    if (process.env.PARITY_DEBUG) {
      for (const step of differing) {
        const i = real.indexOf(step);
        console.log(step.label, JSON.stringify(step.answer), '\n  mock:', JSON.stringify(mocked[i]?.answer));
      }
    }
    const first = differing[0];
    if (first) {
      assert.deepStrictEqual(
        mocked[real.indexOf(first)],
        first,
        `${differing.length} steps differ: ${differing.map((s) => s.label).join('; ')}`,
      );
    }
  });

  /** Each hub the contract is checked on: its address, its OpenAPI tally, and when it cannot run. */
  const hubs = [
    { name: 'reference server on SQLite', url: () => server.url, responses: documented.sqlite, skip: false },
    {
      name: 'reference server on PostgreSQL',
      url: () => onPostgres?.url ?? assert.fail('no hub on PostgreSQL'),
      responses: documented.postgres,
      skip: postgres.skip,
    },
    { name: 'mock', url: () => mock.baseUrl, responses: documented.mock, skip: false },
  ] as const;

  for (const { name, url, responses, skip } of hubs) {
    it(
      `keep money in whole pence: £1.15 is 115 and comes back valid by the exported JSON Schema (${name})`,
      { skip },
      async () => {
        const check = jsonSchemaCheck();
        // Amounts that standard validators refused as pounds with multipleOf 0.01 (£0.07, £1.15…).
        // One outcome per need and code, so each amount goes with a different pair.
        const outcomes = [
          ['benefits', 'income_maximised', 115],
          ['money_debt', 'income_maximised', 7],
          ['money_debt', 'debt_managed', 29],
          ['housing', 'debt_managed', 57],
          ['housing', 'eviction_prevented', 8640],
          ['benefits', 'advice_given', 1_000_000_000],
        ] as const;
        const amounts = outcomes.map(([, , amount]) => amount);
        const call = client(url(), KEYS.secret, responses.check);
        const made = await call<Referral>('POST', '/v1/referrals', { body: tenantAtRiskOfEviction });
        assert.equal(made.status, 201, name);
        const path = `/v1/referrals/${made.body.id}`;
        for (const to of ['triage', 'accepted']) await call('POST', `${path}/transitions`, { body: { to } });
        await call('POST', `${path}/transitions`, { body: { to: 'assigned', serviceId: PROVIDER_SERVICE } });
        const started = await call('POST', `${path}/transitions`, {
          key: KEYS.provider,
          body: { to: 'in_progress' },
        });
        assert.equal(started.status, 200, `${name}: ${started.text}`);
        for (const [need, code, amount] of outcomes) {
          const recorded = await call('POST', `${path}/outcomes`, {
            key: KEYS.provider,
            body: { need, code, amount: { amount, currency: 'GBP', frequency: 'weekly' } },
          });
          assert.equal(recorded.status, 201, `${name} ${amount}: ${recorded.text}`);
        }
        const read = await call<Referral>('GET', path);
        assert.deepEqual(
          read.body.outcomes.map((o) => o.amount?.amount),
          amounts,
          name,
        );
        const { valid, errors } = check('Referral', read.body);
        assert.ok(valid, `${name}: ${JSON.stringify(errors)}`);
        // A fraction of a penny (or pounds sent the old way) is a field to correct, by name.
        for (const amount of [1.15, 86.4, 0.5]) {
          const refused = await call<{ errors: { path: string; code: string; message: string }[] }>(
            'POST',
            `${path}/outcomes`,
            {
              key: KEYS.provider,
              body: {
                need: 'benefits',
                code: 'income_maximised',
                amount: { amount, currency: 'GBP', frequency: 'weekly' },
              },
            },
          );
          assert.equal(refused.status, 422, `${name} ${amount}`);
          assert.deepEqual(
            refused.body.errors,
            [
              {
                path: '/amount/amount',
                code: 'invalid_type',
                message: 'Enter the amount in pence, as a whole number, like 2550 for £25.50',
              },
            ],
            `${name} ${amount}`,
          );
        }
      },
    );

    it(`answer only what the OpenAPI document says (${name})`, { skip }, () => {
      assert.ok(responses.checked > 150, `${responses.checked} answers checked against the document`);
      if (process.env.PARITY_DEBUG)
        console.log(
          name,
          responses.checked,
          'checked;',
          responses.seen.size,
          'operation/status pairs;',
          responses.outside,
          'outside',
        );
      assert.deepEqual(
        responses.mismatches,
        [],
        `${responses.mismatches.length} answers differ from the document`,
      );
    });
  }
});
