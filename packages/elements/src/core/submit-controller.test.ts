/**
 * The submit controller against the mock hub, in the browser: each state, and the exactly-once
 * rules of a write (one key across retries, a new one only after the hub refused the answers).
 */
import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import type { Consent } from '@hubkit/sdk';
import { consentByPhone, consentOnline } from '@hubkit/schema/fixtures';
import { createClient, createConsent, searchServices, type HubClient } from '@hubkit/sdk';
import { startMockHub, type MockHubRun } from '../testing/mock-hub.ts';
import {
  SubmitController,
  SupersededError,
  failureText,
  type SubmitControllerOptions,
} from './submit-controller.ts';
import { common } from './common.ts';

class SubmitHost extends LitElement {
  updates = 0;
  protected override updated(): void {
    this.updates += 1;
  }
}
customElements.define('submit-host', SubmitHost);

let run: MockHubRun;
let client: HubClient;
beforeEach(async () => {
  run = await startMockHub();
  client = createClient({ apiKey: run.key, baseUrl: run.apiBase });
});
afterEach(async () => {
  await run.stop();
});

async function controller<T>(options: Partial<SubmitControllerOptions> = {}) {
  const host = await fixture<SubmitHost>(html`<submit-host></submit-host>`);
  const submit = new SubmitController<T>(host, { client: () => client, maxRetries: 0, ...options });
  return { host, submit };
}

/** A request that records `body` as a consent. */
const record =
  (body: object) =>
  async ({ client: get, options }: Parameters<Parameters<SubmitController<Consent>['send']>[0]>[0]) =>
    createConsent(await get(), body as typeof consentOnline, options);

const failed = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('it did not fail');
};

describe('SubmitController', () => {
  it('done: sends once under its key; a second send on the way gets the same answer; the host updates', async () => {
    const { host, submit } = await controller<Consent>();
    expect(submit.status).to.equal('idle');
    const key = submit.idempotencyKey;
    const first = submit.send(record(consentOnline));
    const second = submit.send(record(consentOnline));
    expect(second).to.equal(first);
    expect(submit.status).to.equal('sending');
    expect(submit.busy).to.equal(true);
    const consent = await first;
    expect(submit.status).to.equal('done');
    expect(submit.result).to.deep.equal(consent);
    expect(submit.failure).to.equal(undefined);
    expect(submit.idempotencyKey, 'the key is kept').to.equal(key);
    expect(run.hub.state.consents()).to.have.length(1);
    await host.updateComplete;
    expect(host.updates).to.be.greaterThan(1);
  });

  it('network: the answer lost, Try again under the same key makes exactly one record', async () => {
    const { submit } = await controller<Consent>();
    run.hub.faults.add({ kind: 'lost', route: 'createConsent', times: 1 });
    await failed(submit.send(record(consentOnline)));
    expect(submit.status).to.equal('failed');
    expect(submit.failure).to.equal('network');
    expect(failureText(submit, common.en)).to.equal(common.en.networkError);
    expect(run.hub.state.consents(), 'the hub made it').to.have.length(1);
    const consent = await submit.retry();
    expect(submit.status).to.equal('done');
    expect(consent.id).to.equal(run.hub.state.consents()[0]?.id);
    expect(run.hub.state.consents()).to.have.length(1);
  });

  it('answers changed after a lost answer: the hub’s record of the first is given back, never a second', async () => {
    const { submit } = await controller<Consent>();
    run.hub.faults.add({ kind: 'lost', route: 'createConsent', times: 1 });
    await failed(submit.send(record(consentOnline)));
    const changed = { ...consentOnline, givenBy: { type: 'resident', name: 'Eileen M. Hartley' } };
    const consent = await submit.send(record(changed));
    expect(consent.givenBy.name).to.equal('Eileen Hartley');
    expect(run.hub.state.consents()).to.have.length(1);
  });

  it('offline: says so when the browser is offline', async () => {
    const { submit } = await controller<Consent>();
    run.hub.faults.add({ kind: 'network', route: 'createConsent', times: 1 });
    const onLine = Object.getOwnPropertyDescriptor(Navigator.prototype, 'onLine');
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    try {
      await failed(submit.send(record(consentOnline)));
    } finally {
      delete (navigator as { onLine?: boolean }).onLine;
      if (onLine) Object.defineProperty(Navigator.prototype, 'onLine', onLine);
    }
    expect(submit.failure).to.equal('offline');
    expect(failureText(submit, common.cy)).to.equal(common.cy.offline);
  });

  it('rejected by the hub: its errors, and a new key for the corrected answers', async () => {
    const { submit } = await controller<Consent>();
    const key = submit.idempotencyKey;
    const unknown = { ...consentByPhone, referralId: '00000000-0000-4000-8000-000000000000' };
    await failed(submit.send(record(unknown)));
    expect(submit.failure).to.equal('rejected');
    expect(submit.errors.map((e) => e.path)).to.deep.equal(['/referralId']);
    expect(submit.idempotencyKey).not.to.equal(key);
    await submit.send(record(consentByPhone));
    expect(submit.status).to.equal('done');
    expect(submit.errors).to.deep.equal([]);
    expect(run.hub.state.consents()).to.have.length(1);
  });

  it('rejected before sending (the SDK’s own check): the errors, nothing sent', async () => {
    const { submit } = await controller<Consent>();
    await failed(submit.send(record({ ...consentOnline, method: 'phone' })));
    expect(submit.failure).to.equal('rejected');
    expect(submit.errors.map((e) => e.path)).to.deep.equal(['/recordedBy']);
    expect(run.hub.state.consents()).to.have.length(0);
  });

  it('rate limited: the seconds the hub asked to wait, in words; the key is kept', async () => {
    const { submit } = await controller<Consent>();
    const key = submit.idempotencyKey;
    run.hub.faults.add({ kind: 'status', status: 429, retryAfter: 7, route: 'createConsent', times: 1 });
    await failed(submit.send(record(consentOnline)));
    expect(submit.failure).to.equal('rateLimited');
    expect(submit.retryAfter).to.equal(7);
    expect(failureText(submit, common.en)).to.contain('Try again in 7 seconds');
    expect(submit.idempotencyKey).to.equal(key);
    await submit.retry();
    expect(run.hub.state.consents()).to.have.length(1);
  });

  it('proof of work failed: says so and keeps the key', async () => {
    const { submit } = await controller<Consent>();
    const key = submit.idempotencyKey;
    // Refused however often the SDK solves a new challenge.
    const off = run.hub.faults.add({
      kind: 'status',
      status: 403,
      code: 'proof_of_work_invalid',
      route: 'createConsent',
    });
    await failed(submit.send(record(consentOnline)));
    off();
    expect(submit.failure).to.equal('proofFailed');
    expect(failureText(submit, common.en)).to.equal(common.en.proofFailed);
    expect(submit.idempotencyKey).to.equal(key);
  });

  it('server: a 5xx is the hub’s failure; Try again under the same key', async () => {
    const { submit } = await controller<Consent>();
    const key = submit.idempotencyKey;
    run.hub.faults.add({ kind: 'status', status: 503, route: 'createConsent', times: 1 });
    await failed(submit.send(record(consentOnline)));
    expect(submit.failure).to.equal('server');
    expect(submit.idempotencyKey).to.equal(key);
    await submit.retry();
    expect(run.hub.state.consents()).to.have.length(1);
  });

  it('conflict: other answers under a key the hub already answered', async () => {
    const { submit } = await controller<Consent>();
    await submit.send(record(consentOnline));
    await failed(submit.send(record(consentByPhone)));
    expect(submit.failure).to.equal('conflict');
    expect(failureText(submit, common.en)).to.equal(common.en.conflict);
    expect(run.hub.state.consents()).to.have.length(1);
    submit.reset();
    expect(submit.status).to.equal('idle');
    await submit.send(record(consentByPhone));
    expect(run.hub.state.consents(), 'after reset, a new record').to.have.length(2);
  });

  it('not configured: no client, nothing sent', async () => {
    const { submit } = await controller<Consent>({ client: () => undefined });
    await failed(submit.send(record(consentOnline)));
    expect(submit.failure).to.equal('notConfigured');
    expect(run.hub.state.consents()).to.have.length(0);
  });

  it('reads: no key, and a newer request replaces the one on its way', async () => {
    const { submit } = await controller<number>({ kind: 'read' });
    const search = (q: string) =>
      submit.send(async ({ client: get, options }) => {
        expect(options.idempotencyKey).to.equal(undefined);
        const page = await searchServices(await get(), { q }, options);
        return page.data.length;
      });
    const older = search('food');
    const newer = search('debt');
    expect(await failed(older)).to.be.instanceOf(SupersededError);
    const found = await newer;
    expect(submit.status).to.equal('done');
    expect(submit.result).to.equal(found);
  });
});
