/**
 * The SDK against a hub newer than itself: the mock hub, with every JSON answer passed through a
 * rewrite that adds a field this SDK does not know (at the top and nested) and a status, a
 * priority and a need code it does not know. Lists, reads and creates still return the data;
 * the new field is dropped, the new codes are kept as sent. Requests stay strict.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { getResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { councillorDebtAndFood } from '@hubkit/schema/fixtures';
import { createHubMock } from '@hubkit/mocks';
import { Hubkit, InvalidResponseError, ValidationError } from './index.ts';

const hub = createHubMock();
/** How the newer hub changes an answer: set per test. */
let rewrite: ((body: unknown, path: string) => unknown) | undefined;

const server = setupServer(
  http.all(`${hub.baseUrl}/*`, async ({ request }) => {
    const answer = await getResponse(hub.handlers, request);
    if (!answer || !rewrite || !answer.headers.get('content-type')?.includes('json')) return answer;
    const body = rewrite(await answer.json(), new URL(request.url).pathname);
    const headers = new Headers(answer.headers);
    headers.delete('content-length');
    return new Response(JSON.stringify(body), { status: answer.status, headers });
  }),
);
before(() => {
  server.listen({ onUnhandledFrame: 'error' });
});
afterEach(() => {
  hub.reset();
  rewrite = undefined;
});
after(() => {
  server.close();
});

const client = () => new Hubkit({ apiKey: hub.keys.secret, baseUrl: hub.baseUrl, logLevel: 'off' });

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A referral as a newer hub would send it. */
function newer(referral: unknown): unknown {
  if (!isObject(referral) || typeof referral.reference !== 'string') return referral;
  const history = Array.isArray(referral.history) ? referral.history : [];
  return {
    ...referral,
    status: 'escalated',
    priority: 'critical',
    escalation: { level: 2, team: 'duty' },
    needs: [...(referral.needs as unknown[]), { code: 'digital_access', urgency: 'soon' }],
    history: history.map((change) =>
      isObject(change) ? { ...change, to: 'escalated', via: 'api' } : change,
    ),
  };
}

/** Every referral in an answer (one, or a page of them) as a newer hub would send it. */
function newerAnswer(body: unknown): unknown {
  if (isObject(body) && Array.isArray(body.data)) return { ...body, data: body.data.map(newer), total: 1 };
  return newer(body);
}

describe('a hub newer than the SDK', () => {
  it('creates, reads and lists referrals whose fields and codes the SDK does not know', async () => {
    rewrite = newerAnswer;
    const sdk = client();
    const created = await sdk.referrals.create(councillorDebtAndFood);
    assert.equal(created.status, 'escalated', 'a new status is kept as sent');
    assert.equal(created.priority, 'critical');
    assert.deepEqual(
      created.needs.map((n) => n.code),
      [...councillorDebtAndFood.needs.map((n) => n.code), 'digital_access'],
    );
    assert.equal('escalation' in created, false, 'a field the SDK does not know is dropped');
    assert.equal(created.resident.name.family, councillorDebtAndFood.resident.name.family);
    const change = created.history.at(0);
    assert.ok(change);
    assert.equal(change.to, 'escalated');
    assert.equal('via' in change, false, 'nested too');

    const read = await sdk.referrals.retrieve(created.id);
    assert.equal(read.status, 'escalated');
    assert.equal(read.id, created.id);

    const page = await sdk.referrals.list();
    assert.deepEqual(
      page.data.map((r) => [r.id, r.status]),
      [[created.id, 'escalated']],
    );
    assert.equal('total' in page, false);
    const all = [];
    for await (const referral of sdk.referrals.list()) all.push(referral.status);
    assert.deepEqual(all, ['escalated']);
  });

  it('returns events of a type and with fields it does not know from the events list', async () => {
    const sdk = client();
    const referral = await sdk.referrals.create(councillorDebtAndFood);
    rewrite = (body) =>
      isObject(body) && Array.isArray(body.data)
        ? {
            ...body,
            data: [
              ...body.data.map((event: unknown) =>
                isObject(event)
                  ? { ...event, deliveredBy: 'v2', data: { ...(event.data as Json), extra: 1 } }
                  : event,
              ),
              {
                id: '8c4a1d2e-0b6f-4b8e-9a55-0c1d2e3f4a5b',
                type: 'referral.escalated',
                apiVersion: 'v1',
                createdAt: '2026-12-02T09:00:00Z',
                data: { referral: { id: referral.id }, level: 2 },
              },
            ],
          }
        : body;
    const events = [];
    for await (const event of sdk.referrals.events(referral.id)) events.push(event);
    assert.deepEqual(
      events.map((e) => e.type),
      ['referral.created', 'referral.escalated'],
    );
    assert.equal('deliveredBy' in (events[0] ?? {}), false);
    assert.deepEqual(events[1]?.data, { referral: { id: referral.id }, level: 2 });
  });

  it('still refuses an answer that is not the contract: a field of the wrong type or missing', async () => {
    rewrite = (body) => (isObject(body) ? { ...body, status: 7, createdAt: undefined } : body);
    const error = await client()
      .referrals.create(councillorDebtAndFood)
      .catch((e: unknown) => e);
    assert.ok(error instanceof InvalidResponseError, String(error));
    assert.deepEqual(error.errors.map((e) => e.path).sort(), ['/createdAt', '/status']);
  });

  it('still checks requests strictly: an unknown field or code is refused before sending', async () => {
    const sdk = client();
    await assert.rejects(
      sdk.referrals.create({ ...councillorDebtAndFood, escalation: 2 } as typeof councillorDebtAndFood),
      ValidationError,
    );
    await assert.rejects(
      // @ts-expect-error: the SDK's requests take only the codes it knows.
      sdk.referrals.transition('8c4a1d2e-0b6f-4b8e-9a55-0c1d2e3f4a5b', { to: 'escalated' }),
      ValidationError,
    );
    assert.equal(hub.state.referrals().length, 0, 'nothing was sent');
  });
});
