import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type * as z from 'zod/mini';
import {
  AssessmentListQuery,
  IdempotencyKey,
  ListQuery,
  Problem,
  ReferralListQuery,
  ReportQuery,
  ServiceSearch,
  TransitionRequest,
  WebhookEndpointCreate,
  WebhookUrl,
  pageOf,
  problemCodes,
} from './api.ts';
import * as schema from './index.ts';
import { Need } from './needs.ts';
import { changed, errorsOf, parsed } from './testing/edit.ts';

const accepts = (s: z.ZodMiniType, value: unknown) => s.safeParse(value).success;

describe('unknown fields', () => {
  /** Every object schema inside `root`, with where it is. */
  function objects(root: z.ZodMiniType, at: string, found: Map<z.ZodMiniType, string>) {
    if (found.has(root)) return;
    const def = root._zod.def as unknown as Record<string, unknown>;
    const visit = (value: unknown, where: string) => {
      if (typeof value === 'object' && value !== null && '_zod' in value)
        objects(value as z.ZodMiniType, where, found);
    };
    if (def.type === 'object') {
      found.set(root, at);
      for (const [key, value] of Object.entries(def.shape as Record<string, unknown>))
        visit(value, `${at}.${key}`);
    }
    for (const field of ['innerType', 'element', 'in', 'out', 'keyType', 'valueType']) visit(def[field], at);
    if (Array.isArray(def.options)) {
      for (const [i, option] of def.options.entries()) visit(option, `${at}|${i}`);
    }
  }

  it('are refused by every object schema the package exports, but problem details', () => {
    const found = new Map<z.ZodMiniType, string>();
    for (const [name, value] of Object.entries(schema)) {
      if (typeof value === 'object' && '_zod' in value) objects(value as z.ZodMiniType, name, found);
    }
    assert.ok(found.size > 50, `only ${found.size} object schemas found`);
    const loose: string[] = [];
    for (const [object, where] of found) {
      const catchall = (object._zod.def as unknown as { catchall?: z.ZodMiniType }).catchall;
      if (catchall?._zod.def.type !== 'never') loose.push(where);
    }
    // RFC 9457 lets problem details carry extension members.
    assert.deepEqual(loose, ['Problem']);
  });
});

describe('Problem', () => {
  const problem = {
    type: 'https://hub.example.org/problems/validation_failed',
    title: 'Some fields need fixing',
    status: 422,
    code: 'validation_failed',
    requestId: 'req_123',
    errors: [{ path: '/resident/name/given', code: 'required', message: 'Enter a first name' }],
  };

  it('takes RFC 9457 problem details with a code and field errors', () => {
    assert.deepEqual(parsed(Problem, problem), problem);
    assert.ok(parsed(Problem, { ...problem, retryAfter: 30 }), 'extension members are allowed');
  });

  it('has an error status and well-formed field errors', () => {
    for (const status of [399, 600, 422.5, '422'])
      assert.equal(accepts(Problem, { ...problem, status }), false, String(status));
    assert.deepEqual(errorsOf(Problem, changed(problem, [['errors', 0, 'value'], 'Eileen'])), [
      '/errors/0/value unknown_field',
    ]);
  });

  it('has a stable code for every problem, the lifecycle’s included', () => {
    assert.equal(new Set(problemCodes).size, problemCodes.length);
    for (const code of [
      'validation_failed',
      'idempotency_key_reused',
      'idempotency_request_in_flight',
      'consent_withdrawn',
    ]) {
      assert.ok((problemCodes as readonly string[]).includes(code), code);
    }
  });
});

describe('pages and queries', () => {
  it('wraps a list in a page with the next cursor, or null on the last', () => {
    const Page = pageOf(Need);
    const need = { code: 'food', urgency: 'soon' };
    assert.deepEqual(parsed(Page, { data: [need], nextCursor: 'abc' }), { data: [need], nextCursor: 'abc' });
    assert.ok(parsed(Page, { data: [], nextCursor: null }));
    assert.deepEqual(errorsOf(Page, { data: [need] }), ['/nextCursor required']);
    assert.deepEqual(errorsOf(Page, { data: [{ code: 'food' }], nextCursor: null }), [
      '/data/0/urgency required',
    ]);
  });

  it('reads the limit from a query string as a whole number from 1 to 100', () => {
    for (const query of [ListQuery, ReferralListQuery, ServiceSearch]) {
      assert.equal(parsed(query, { limit: '20' }).limit, 20);
      assert.equal(parsed(query, { limit: 100 }).limit, 100);
      assert.deepEqual(parsed(query, {}), {});
      assert.deepEqual(errorsOf(query, { limit: '0' }), ['/limit too_small']);
      assert.deepEqual(errorsOf(query, { limit: '101' }), ['/limit too_big']);
      assert.deepEqual(errorsOf(query, { limit: '2.5' }), ['/limit invalid_type']);
      assert.deepEqual(errorsOf(query, { limit: 'ten' }), ['/limit invalid_type']);
    }
    assert.equal(
      parsed(AssessmentListQuery, { residentId: 'ffe7c3b4-2933-4736-a1c3-18ce113d0384', limit: '5' }).limit,
      5,
    );
  });

  it('takes a cursor of 1 to 500 characters', () => {
    assert.ok(parsed(ListQuery, { cursor: 'c'.repeat(500) }));
    assert.deepEqual(errorsOf(ListQuery, { cursor: '' }), ['/cursor required']);
    assert.deepEqual(errorsOf(ListQuery, { cursor: 'c'.repeat(501) }), ['/cursor too_long']);
  });

  it('filters referrals by status, need and time', () => {
    const query = { status: 'triage', need: 'food', createdSince: '2026-09-01T00:00:00Z' };
    assert.deepEqual(parsed(ReferralListQuery, query), query);
    assert.deepEqual(errorsOf(ReferralListQuery, { status: 'open' }), ['/status invalid_option']);
    assert.deepEqual(errorsOf(ReferralListQuery, { createdSince: '2026-09-01' }), ['/createdSince invalid']);
    assert.deepEqual(errorsOf(ReferralListQuery, { name: 'Eileen' }), ['/name unknown_field']);
  });

  it('lists assessments for a person or a referral only', () => {
    assert.deepEqual(errorsOf(AssessmentListQuery, {}), ['/residentId assessment_subject_required']);
    assert.ok(parsed(AssessmentListQuery, { referralId: 'edea930a-29bb-4e60-8e14-93489f65c0b7' }));
  });

  it('searches services by postcode in the body, normalised, within a radius', () => {
    assert.deepEqual(parsed(ServiceSearch, { postcode: 'n76qx', radiusKm: 5, need: 'food' }), {
      postcode: 'N7 6QX',
      radiusKm: 5,
      need: 'food',
    });
    assert.deepEqual(errorsOf(ServiceSearch, { postcode: 'N7 6QC' }), ['/postcode invalid']);
    assert.deepEqual(errorsOf(ServiceSearch, { radiusKm: 0 }), ['/radiusKm too_small']);
    assert.deepEqual(errorsOf(ServiceSearch, { radiusKm: 201 }), ['/radiusKm too_big']);
  });
});

describe('ReportQuery', () => {
  it('takes an inclusive range of dates in order', () => {
    assert.ok(parsed(ReportQuery, { from: '2026-01-01', to: '2026-03-31' }));
    assert.ok(parsed(ReportQuery, { from: '2026-01-01', to: '2026-01-01' }));
    assert.deepEqual(errorsOf(ReportQuery, { from: '2026-02-01', to: '2026-01-31' }), [
      '/to date_range_order',
    ]);
    assert.deepEqual(errorsOf(ReportQuery, { from: '2025-12-31', to: '2026-01-01' }), []);
  });

  it('does not compare a date that is not a date', () => {
    assert.deepEqual(errorsOf(ReportQuery, { from: '2026-02-31', to: '2026-01-01' }), ['/from invalid']);
    assert.deepEqual(errorsOf(ReportQuery, { from: '2026-01-01' }), ['/to required']);
    assert.deepEqual(errorsOf(ReportQuery, null), [' required']);
  });

  it('takes the small-number suppression flag as a query string value', () => {
    assert.equal(
      parsed(ReportQuery, { from: '2026-01-01', to: '2026-01-31', suppressSmallNumbers: 'true' })
        .suppressSmallNumbers,
      'true',
    );
    assert.deepEqual(
      errorsOf(ReportQuery, { from: '2026-01-01', to: '2026-01-31', suppressSmallNumbers: 'yes' }),
      ['/suppressSmallNumbers invalid_option'],
    );
  });
});

describe('webhook endpoints', () => {
  it('must use HTTPS, except on this machine', () => {
    for (const url of [
      'https://partner.example.org/hooks/hub',
      'https://example.org',
      'https://example.org:8443/x',
    ]) {
      assert.ok(accepts(WebhookUrl, url), url);
    }
    for (const url of [
      'http://localhost',
      'http://localhost:3000/hook',
      'http://127.0.0.1/hook',
      'http://[::1]:8080/',
    ]) {
      assert.ok(accepts(WebhookUrl, url), url);
    }
    const refused = [
      'http://partner.example.org/hook',
      'http://localhost.example.org/hook',
      'http://localhost@example.org/',
      'http://127.0.0.1.nip.io/',
      'http://10.0.0.1/hook',
      'ftp://partner.example.org',
      'javascript:alert(1)',
      'partner.example.org/hook',
      `https://example.org/${'a'.repeat(2000)}`,
    ];
    for (const url of refused) assert.equal(accepts(WebhookUrl, url), false, url);
  });

  it('subscribe to known events, each once', () => {
    const endpoint = {
      url: 'https://partner.example.org/hooks',
      events: ['referral.created', 'consent.withdrawn'],
    };
    assert.deepEqual(parsed(WebhookEndpointCreate, endpoint), endpoint);
    assert.deepEqual(errorsOf(WebhookEndpointCreate, { ...endpoint, events: [] }), ['/events required']);
    assert.deepEqual(
      errorsOf(WebhookEndpointCreate, { ...endpoint, events: ['referral.created', 'referral.created'] }),
      ['/events events_unique'],
    );
    assert.deepEqual(errorsOf(WebhookEndpointCreate, { ...endpoint, events: ['referral.deleted'] }), [
      '/events/0 invalid_option',
    ]);
    assert.deepEqual(errorsOf(WebhookEndpointCreate, { ...endpoint, url: 'http://partner.example.org' }), [
      '/url invalid',
    ]);
    for (const url of [
      'https://user:pass@partner.example.org/hooks',
      'https://token@partner.example.org/hooks',
      'https://:pass@partner.example.org/',
      'https://a%40b:c@partner.example.org',
    ]) {
      assert.deepEqual(
        errorsOf(WebhookEndpointCreate, { ...endpoint, url }),
        ['/url credentials_in_url'],
        url,
      );
    }
    // An @ after the host is part of the path or query, not a user name.
    assert.deepEqual(
      errorsOf(WebhookEndpointCreate, { ...endpoint, url: 'https://partner.example.org/@hooks?to=a@b' }),
      [],
    );
    assert.deepEqual(errorsOf(WebhookEndpointCreate, { ...endpoint, secret: 'whsec_1' }), [
      '/secret unknown_field',
    ]);
  });
});

describe('idempotency keys and transitions', () => {
  it('take 1 to 255 visible ASCII characters as an idempotency key', () => {
    for (const key of ['6b84f66a-dd1a-4fea-a209-5b78e8672639', 'a', '~'.repeat(255)])
      assert.ok(accepts(IdempotencyKey, key), key);
    for (const key of ['', 'a b', 'k'.repeat(256), 'clé', 'tab\t'])
      assert.equal(accepts(IdempotencyKey, key), false, key);
  });

  it('take the status to move to, with a reason or a service', () => {
    const request = { to: 'assigned', serviceId: '3e546a1c-cabc-43b7-a3e1-dcce1a0824c2' };
    assert.deepEqual(parsed(TransitionRequest, request), request);
    assert.deepEqual(parsed(TransitionRequest, { to: 'declined', reason: ' Out of area ' }), {
      to: 'declined',
      reason: 'Out of area',
    });
    assert.deepEqual(errorsOf(TransitionRequest, { to: 'archived' }), ['/to invalid_option']);
    assert.deepEqual(errorsOf(TransitionRequest, { to: 'assigned', serviceId: 'homes-and-money' }), [
      '/serviceId invalid',
    ]);
    assert.deepEqual(errorsOf(TransitionRequest, { to: 'closed', by: 'hub' }), ['/by unknown_field']);
  });
});
