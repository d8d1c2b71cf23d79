import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { after, before, describe, it } from 'node:test';
import {
  consentByPhone,
  councillorDebtAndFood,
  homesAndMoneyHub,
  tenantAssessmentDraft,
  tenantAtRiskOfEviction,
} from '@hubkit/schema/fixtures';
import { startHub, makeKey, silentLogger, type RunningHub } from '@hubkit/server';
import {
  AuthenticationError,
  ConflictError,
  HubkitError,
  Hubkit,
  NotFoundError,
  PermissionDeniedError,
  UnprocessableEntityError,
  ValidationError,
  APIError,
  createClient,
} from './index.ts';

const SECRET = 'sk_test_SdkTestsSecretKey00000000000001';
const PUBLISHABLE = 'pk_test_SdkTestsPublishable00001';

let running: RunningHub;
let hub: Hubkit;
let site: Hubkit;

before(async () => {
  running = await startHub({
    port: 0,
    db: ':memory:',
    demo: true,
    logger: silentLogger,
    secretKey: SECRET,
    publishableKey: PUBLISHABLE,
  });
  hub = new Hubkit({ apiKey: SECRET, baseUrl: running.url, maxRetries: 0 });
  site = new Hubkit({ apiKey: PUBLISHABLE, baseUrl: running.url, maxRetries: 0 });
});
after(async () => {
  await running.close();
});

const assessmentDraft = tenantAssessmentDraft;

describe('the SDK against the reference hub', () => {
  it('makes a referral with a publishable key, typed and checked, and the secret key reads it back', async () => {
    const made = await site.referrals.create(councillorDebtAndFood);
    assert.match(made.reference, /^HUB-[0-9A-Z]{4}-[0-9A-Z]{2}$/);
    assert.equal(made.status, 'submitted');
    const read = await hub.referrals.retrieve(made.id);
    assert.deepEqual(read, made);
  });

  it('follows a referral through the lifecycle to its outcomes, and lists its events', async () => {
    const referral = await hub.referrals.create(tenantAtRiskOfEviction);
    await hub.referrals.transition(referral.id, { to: 'triage' });
    await hub.referrals.transition(referral.id, { to: 'accepted' });
    await hub.referrals.transition(referral.id, { to: 'assigned', serviceId: homesAndMoneyHub.id });
    await hub.referrals.transition(referral.id, { to: 'in_progress' });
    await hub.referrals.recordOutcome(referral.id, { need: 'housing', code: 'eviction_prevented' });
    await hub.referrals.recordOutcome(referral.id, {
      need: 'benefits',
      code: 'income_maximised',
      amount: { amount: 8640, currency: 'GBP', frequency: 'weekly' },
    });
    await hub.referrals.recordOutcome(referral.id, { need: 'money_debt', code: 'debt_managed' });
    const closed = await hub.referrals.transition(referral.id, { to: 'closed' });
    assert.equal(closed.status, 'closed');
    const types: string[] = [];
    for await (const event of hub.referrals.events(referral.id, { limit: 2 })) types.push(event.type);
    assert.equal(types.length, 9);
    assert.equal(types[0], 'referral.created');
  });

  it('lists across pages: await a page, or iterate every item, or every page', async () => {
    for (let i = 0; i < 5; i += 1) await hub.referrals.create(councillorDebtAndFood);
    const first = await hub.referrals.list({ limit: 2, need: 'food' });
    assert.equal(first.data.length, 2);
    assert.equal(first.hasNextPage(), true);
    const second = await first.nextPage();
    assert.equal(second?.data.length, 2);
    assert.notEqual(second.data[0]?.id, first.data[0]?.id);
    const all: string[] = [];
    for await (const referral of hub.referrals.list({ limit: 2, need: 'food' })) all.push(referral.id);
    assert.ok(all.length >= 6);
    assert.equal(new Set(all).size, all.length);
    let pages = 0;
    for await (const page of hub.referrals.list({ limit: 3, need: 'food' }).pages())
      pages += page.data.length > 0 ? 1 : 0;
    assert.equal(pages, Math.ceil(all.length / 3));
  });

  it('records consent, links it, withdraws it', async () => {
    const consent = await hub.consents.create(consentByPhone);
    const referral = await hub.referrals.create({ ...councillorDebtAndFood, consentId: consent.id });
    assert.equal(referral.consentId, consent.id);
    const withdrawn = await hub.consents.withdraw(consent.id, {
      withdrawnAt: '2026-11-20T15:30:00Z',
      method: 'phone',
      recordedBy: { name: 'Sam Okoro' },
    });
    assert.equal(withdrawn.status, 'withdrawn');
    assert.equal((await hub.referrals.retrieve(referral.id)).sharingRestricted, true);
  });

  it('keeps single assessments in versions', async () => {
    const referral = await hub.referrals.create(tenantAtRiskOfEviction);
    const v1 = await hub.assessments.create({ ...assessmentDraft, referralId: referral.id });
    const v2 = await hub.assessments.createVersion(v1.id, {
      ...assessmentDraft,
      whatMattersMost: 'Keeping the flat',
    });
    assert.deepEqual([v1.version, v2.version], [1, 2]);
    assert.equal((await hub.assessments.retrieve(v1.id)).version, 2);
    assert.equal(
      (await hub.assessments.retrieveVersion(v1.id, 1)).whatMattersMost,
      assessmentDraft.whatMattersMost,
    );
    const versions: number[] = [];
    for await (const a of hub.assessments.listVersions(v1.id)) versions.push(a.version);
    assert.deepEqual(versions, [2, 1]);
    const forReferral = await hub.assessments.list({ referralId: referral.id });
    assert.deepEqual(
      forReferral.data.map((a) => a.version),
      [2],
    );
  });

  it('searches the directory, nearest first, with a publishable key', async () => {
    const page = await site.services.search({ postcode: 'n7 6qx', need: 'food', limit: 3 });
    assert.equal(page.data.length, 3);
    assert.ok((page.data[0]?.distanceKm ?? Infinity) <= (page.data[1]?.distanceKm ?? Infinity));
    const ids = new Set<string>();
    for await (const result of site.services.search({ postcode: 'N7 6QX', limit: 4 }))
      ids.add(result.service.id);
    assert.ok(ids.size > 20, 'every page of the search, each service once');
    const listed = await site.services.list({ q: 'food' });
    assert.ok(listed.data.length > 0);
    const service = await site.services.retrieve(homesAndMoneyHub.id);
    assert.equal(service.name, homesAndMoneyHub.name);
  });

  it('reads reports, the audit trail and webhook endpoints with a secret key', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const report = await hub.reports.referrals({ from: today, to: today, suppressSmallNumbers: true });
    assert.ok((report.total ?? 0) >= 5 || report.total === null);
    assert.equal(report.smallNumbersSuppressed, true);
    const weekly = await hub.reports.referrals({
      from: today,
      to: today,
      interval: 'week',
      seriesByNeed: true,
      targetWorkingDays: 1,
      closeTargetWorkingDays: 10,
    });
    const { series, timeliness } = weekly;
    assert.ok(series && timeliness, 'a hub of this version answers with both');
    assert.equal(series.interval, 'week');
    assert.deepEqual(
      series.buckets.map((b) => [b.start, b.end, b.total]),
      [[today, today, weekly.total]],
    );
    assert.ok(series.buckets[0]?.byNeed);
    assert.equal(timeliness.firstContact.targetWorkingDays, 1);
    assert.equal(timeliness.close.targetWorkingDays, 10);
    assert.deepEqual(Object.keys(weekly.outcomeValues ?? {}), ['income_maximised', 'debt_managed']);
    assert.equal(Object.keys(weekly.byEquality ?? {}).length, 9);
    await assert.rejects(
      hub.reports.referrals({ from: '2000-01-01', to: today, interval: 'month' }),
      (error: unknown) => error instanceof ValidationError && error.errors[0]?.path === '/interval',
    );
    const audit = await hub.auditEvents.list({ resourceType: 'referral', limit: 5 });
    assert.equal(audit.data.length, 5);
    const endpoint = await hub.webhookEndpoints.create({
      url: 'https://partner.example.org/hubkit',
      events: ['referral.created'],
    });
    assert.match(endpoint.secret, /^whsec_/);
    assert.equal((await hub.webhookEndpoints.retrieve(endpoint.id)).secret, undefined);
    const deliveries = await hub.webhookEndpoints.deliveries(endpoint.id);
    assert.ok(Array.isArray(deliveries.data));
    await hub.webhookEndpoints.delete(endpoint.id);
    await assert.rejects(hub.webhookEndpoints.retrieve(endpoint.id), NotFoundError);
    assert.deepEqual(await hub.health(), { status: 'ok', version: '0.1.0', database: 'ok' });
  });
});

describe('errors', () => {
  it('are one class per failure, with the status, problem, code, field errors and request id', async () => {
    const missing = await hub.referrals.retrieve(crypto.randomUUID()).catch((e: unknown) => e);
    assert.ok(
      missing instanceof NotFoundError && missing instanceof APIError && missing instanceof HubkitError,
    );
    assert.equal(missing.status, 404);
    assert.equal(missing.code, 'not_found');
    assert.match(missing.requestId ?? '', /^req_/);

    const forbidden = await site.referrals.list().then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(forbidden instanceof PermissionDeniedError);

    const unknown = new Hubkit({
      apiKey: 'sk_test_NotAKeyTheHubKnows000000000',
      baseUrl: running.url,
      maxRetries: 0,
    });
    await assert.rejects(
      unknown.health().then(() => unknown.referrals.list()),
      AuthenticationError,
    );

    const referral = await hub.referrals.create(councillorDebtAndFood);
    const impossible = await hub.referrals.transition(referral.id, { to: 'closed' }).catch((e: unknown) => e);
    assert.ok(impossible instanceof ConflictError);
    assert.equal(impossible.code, 'transition_not_allowed');

    const withdrawn = await hub.referrals
      .transition(referral.id, { to: 'withdrawn' })
      .catch((e: unknown) => e);
    assert.ok(withdrawn instanceof UnprocessableEntityError);
    assert.equal(withdrawn.code, 'reason_required');
  });

  it('catch bad input before sending anything, naming each field, in Welsh when asked', async () => {
    let requests = 0;
    const counting: typeof fetch = (input, init) => {
      requests += 1;
      return fetch(input, init);
    };
    const welsh = new Hubkit({ apiKey: SECRET, baseUrl: running.url, fetch: counting, lang: 'cy' });
    const broken = {
      ...councillorDebtAndFood,
      resident: {
        ...councillorDebtAndFood.resident,
        address: { ...councillorDebtAndFood.resident.address, postcode: 'N1 1CA' },
      },
    };
    const error = await welsh.referrals.create(broken).catch((e: unknown) => e);
    assert.ok(error instanceof ValidationError);
    assert.deepEqual(error.errors, [
      { path: '/resident/address/postcode', code: 'invalid', message: 'Rhowch god post go iawn' },
    ]);
    assert.equal(requests, 0, 'nothing was sent');
  });

  it('never contain the API key, however they are printed', async () => {
    const errors = await Promise.all([
      hub.referrals.retrieve(crypto.randomUUID()).catch((e: unknown) => e),
      new Hubkit({ apiKey: SECRET, baseUrl: 'http://127.0.0.1:9', maxRetries: 0 })
        .health()
        .catch((e: unknown) => e),
      new Hubkit({ apiKey: `${SECRET}x`, baseUrl: running.url, maxRetries: 0 })
        .health()
        .then(() =>
          new Hubkit({ apiKey: `${SECRET}x`, baseUrl: running.url, maxRetries: 0 }).referrals.list(),
        )
        .catch((e: unknown) => e),
    ]);
    for (const error of errors) {
      assert.ok(error instanceof HubkitError, String(error));
      for (const text of [
        String(error),
        inspect(error, { depth: 10, showHidden: true }),
        JSON.stringify(error),
        (error as Error).stack ?? '',
      ]) {
        assert.ok(!text.includes(SECRET), text);
      }
    }
  });

  it('refuse a secret key in a browser unless the caller opts in', () => {
    const global = globalThis as { document?: unknown };
    global.document = {};
    try {
      assert.throws(
        () => new Hubkit({ apiKey: SECRET, baseUrl: running.url }),
        /secret key may not be used in a browser/,
      );
      assert.doesNotThrow(
        () => new Hubkit({ apiKey: SECRET, baseUrl: running.url, dangerouslyAllowBrowser: true }),
      );
      assert.doesNotThrow(() => new Hubkit({ apiKey: PUBLISHABLE, baseUrl: running.url }));
    } finally {
      delete global.document;
    }
  });

  it('refuse to send a key over plain http to anything but this machine, naming baseUrl', () => {
    for (const baseUrl of [
      'http://hub.example.org',
      'http://HUB.example.org:8787/hub',
      'http://10.0.0.5:8787',
      'http://192.168.1.20',
      'http://[2001:db8::1]:8787',
      'http://localhost.example.org',
      'http://127.0.0.1.nip.io',
    ]) {
      for (const apiKey of [SECRET, PUBLISHABLE]) {
        assert.throws(
          () => createClient({ apiKey, baseUrl }),
          (error: Error) =>
            error instanceof HubkitError && error.message.includes('baseUrl must start https://'),
          baseUrl,
        );
      }
    }
    for (const baseUrl of [
      'https://hub.example.org',
      'http://localhost:8787',
      'http://127.0.0.1:8787/hub',
      'http://127.8.9.10',
      'http://[::1]:8787',
    ]) {
      assert.doesNotThrow(() => createClient({ apiKey: SECRET, baseUrl }), baseUrl);
    }
  });

  it('refuse a key that is not a hubkit key, without repeating it', () => {
    assert.throws(
      () => new Hubkit({ apiKey: 'Bearer abcdef-123456', baseUrl: running.url }),
      (error: Error) => error instanceof HubkitError && !error.message.includes('abcdef'),
    );
  });
});

describe('keys made with hubkit-server', () => {
  it('work with the SDK from the origin they are registered for', async () => {
    const made = makeKey({ kind: 'secret', name: 'SDK test', now: running.hub.now() });
    await running.hub.store.insertKey(made.record);
    const client = new Hubkit({ apiKey: made.key, baseUrl: running.url });
    assert.equal((await client.health()).status, 'ok');
    assert.ok((await client.referrals.list({ limit: 1 })).data.length === 1);
  });
});
