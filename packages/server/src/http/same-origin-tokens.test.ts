/**
 * A staff token used by a page on the hub's own origin: its browser sends no `Origin` on a GET,
 * only `Sec-Fetch-Site: same-origin`, and the hub takes its own origin for the request's. Behind
 * a proxy, the address a request reaches this process on is not the page's: with a public URL
 * configured, that is the hub's origin, whatever the address asked. (Without one, the address
 * asked is: see the access matrix's report-token cases.)
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { makeKey } from '../domain/keys.ts';
import { testHub, type TestHub } from '../testing/hub.ts';

const PUBLIC_URL = 'https://hub.example.org';
const DASHBOARD = 'sk_test_SameOriginDashboardKeyForTests1';

describe('staff tokens from a page on the hub’s own origin, behind its public URL', () => {
  let hub: TestHub;
  /** The address this process listens on: not its public URL. */
  let asked = '';
  after(async () => {
    await hub.close();
  });
  before(async () => {
    hub = await testHub({ publicUrl: PUBLIC_URL });
    asked = `http://127.0.0.1:${hub.port}`;
    const { record } = makeKey({
      kind: 'secret',
      role: 'hub',
      name: 'Dashboard on the hub’s own pages',
      allowedOrigins: [PUBLIC_URL, asked],
      value: DASHBOARD,
      now: hub.hub.now(),
    });
    await hub.hub.store.insertKey(record);
  });

  /** A request to this process, as the proxy in front of it would pass it on. */
  const send = (path: string, key: string, headers: Record<string, string> = {}, body?: unknown) =>
    fetch(`${asked}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        Authorization: `Bearer ${key}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const mint = async (origin: string): Promise<string> => {
    const answer = await send('/v1/sessions', DASHBOARD, {}, { staffRef: 'analyst-1', origin });
    assert.equal(answer.status, 201, await answer.clone().text());
    return ((await answer.json()) as { token: string }).token;
  };
  const report = '/v1/reports/referrals?from=2026-01-01&to=2026-12-31';
  const codeOf = async (answer: Response) => ((await answer.json()) as { code?: string }).code;

  it('takes the public URL’s origin for a same-origin request without Origin', async () => {
    const token = await mint(PUBLIC_URL);
    const same = await send(report, token, { 'Sec-Fetch-Site': 'same-origin' });
    assert.equal(same.status, 200, await same.clone().text());
    for (const site of ['cross-site', 'same-site']) {
      const other = await send(report, token, { 'Sec-Fetch-Site': site });
      assert.equal(other.status, 403, site);
      assert.equal(await codeOf(other), 'origin_not_allowed');
    }
    const none = await send(report, token);
    assert.equal(none.status, 403);
    assert.equal(await codeOf(none), 'origin_not_allowed');
  });

  it('does not take the address asked for the hub’s origin when a public URL is configured', async () => {
    const token = await mint(asked);
    const same = await send(report, token, { 'Sec-Fetch-Site': 'same-origin' });
    assert.equal(same.status, 403);
    assert.equal(await codeOf(same), 'origin_not_allowed');
    // Sent as Origin, it is that origin's as ever.
    assert.equal((await send(report, token, { Origin: asked })).status, 200);
  });
});
