import { expect } from '@open-wc/testing';
import { startMockHub, type MockHubRun } from '../testing/mock-hub.ts';
import type { HubReferralForm } from './referral-form.ts';
import {
  $,
  input,
  answerAll,
  expectNoPersonalDataStored,
  heading,
  mount,
  next,
  sendButton,
  type,
  until,
} from '../testing/referral-form.ts';

describe('<hub-referral-form>: when sending fails', () => {
  let run: MockHubRun;
  beforeEach(async () => {
    run = await startMockHub();
  });
  afterEach(async () => {
    await run.stop();
  });

  /** The Idempotency-Key of every referral sent while `body` runs (read on the way out). */
  async function keysSent(body: () => Promise<void>): Promise<string[]> {
    const keys: string[] = [];
    const realFetch = globalThis.fetch;
    globalThis.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      // Read without copying the request (a copy would take its body).
      const request = input instanceof Request ? input : undefined;
      const url = input instanceof Request ? input.url : input instanceof URL ? input.href : input;
      const method = init?.method ?? request?.method ?? 'GET';
      if (method === 'POST' && new URL(url).pathname.endsWith('/v1/referrals')) {
        keys.push(new Headers(init?.headers ?? request?.headers).get('Idempotency-Key') ?? '');
      }
      return realFetch(input, init);
    };
    try {
      await body();
    } finally {
      globalThis.fetch = realFetch;
    }
    return keys;
  }

  /** The failure the notice says, in the words every element uses (see SubmitFailure). */
  const failureOf = (el: HubReferralForm): string | null => $(el, '.notice').getAttribute('data-failure');

  it('says each failure in the shared vocabulary: network, rateLimited, proofFailed, server, notConfigured', async () => {
    const el = await mount(run);
    await answerAll(el);
    const cases = [
      [{ kind: 'network', route: 'createReferral' }, 'network', 'We could not reach the service'],
      [
        { kind: 'status', status: 429, retryAfter: 7, route: 'createReferral' },
        'rateLimited',
        'Try again in 7 seconds',
      ],
      [
        { kind: 'status', status: 403, code: 'proof_of_work_invalid', route: 'createReferral' },
        'proofFailed',
        'check that protects this form from misuse',
      ],
      [{ kind: 'status', status: 500, route: 'createReferral' }, 'server', 'Something went wrong'],
    ] as const;
    for (const [fault, failure, words] of cases) {
      // Every try fails while the fault stands.
      const off = run.hub.faults.add(fault);
      sendButton(el).click();
      // Settles once the send has started.
      await el.updateComplete;
      await until(
        () =>
          el.shadowRoot?.querySelector('.notice') !== null && !sendButton(el).textContent.includes('Sending'),
        8000,
      );
      await el.updateComplete;
      expect(failureOf(el), failure).to.equal(failure);
      expect($(el, '.notice').textContent).to.contain(words);
      off();
    }
    expect(run.hub.state.referrals()).to.have.length(0);
    el.removeAttribute('publishable-key');
    el.removeAttribute('api-base');
    await el.updateComplete;
    sendButton(el).click();
    await el.updateComplete;
    expect(failureOf(el)).to.equal('notConfigured');
    // Back on line and set up: the same referral is made, once.
    el.setAttribute('publishable-key', run.key);
    el.setAttribute('api-base', run.apiBase);
    await el.updateComplete;
    sendButton(el).click();
    await until(() => el.value !== undefined);
    expect(run.hub.state.referrals()).to.have.length(1);
  });

  it('a double click on Send sends one referral', async () => {
    const el = await mount(run);
    await answerAll(el);
    const keys = await keysSent(async () => {
      sendButton(el).click();
      sendButton(el).click();
      await until(() => el.value !== undefined);
    });
    expect(keys).to.have.length(1);
    expect(run.hub.state.referrals()).to.have.length(1);
    expect(heading(el)).to.equal('Referral sent');
  });

  it('Try again after a network failure sends under the same key, and the hub makes one referral', async () => {
    const el = await mount(run);
    await answerAll(el);
    run.hub.faults.add({ kind: 'network', route: 'createReferral', times: 2 });
    const keys = await keysSent(async () => {
      sendButton(el).click();
      await until(() => el.shadowRoot?.querySelector('.notice') !== null, 8000);
      await el.updateComplete;
      expect(failureOf(el)).to.equal('network');
      sendButton(el).click();
      await until(() => el.value !== undefined);
    });
    expect(keys.length).to.be.greaterThan(1);
    expect(new Set(keys).size, 'one key for every send of the referral').to.equal(1);
    expect(keys[0]).to.match(/^[0-9a-f-]{36}$/);
    expect(run.hub.state.referrals()).to.have.length(1);
  });

  it('an answer lost on the way back, then Try again: exactly one referral, with its reference', async () => {
    const el = await mount(run);
    await answerAll(el);
    // Lost on the first try and on every retry the SDK makes by itself.
    run.hub.faults.add({ kind: 'lost', route: 'createReferral', times: 3 });
    sendButton(el).click();
    await until(() => el.shadowRoot?.querySelector('.notice') !== null, 8000);
    await el.updateComplete;
    expect(run.hub.state.referrals()).to.have.length(1);
    expect($(el, '.notice').textContent).to.contain('We could not reach the service');
    expect(el.shadowRoot?.activeElement).to.equal($(el, '.notice'));
    expect(sendButton(el).textContent.trim()).to.equal('Try again');
    await expect(el).to.be.accessible();

    sendButton(el).click();
    await until(() => el.value !== undefined);
    await el.updateComplete;
    expect(run.hub.state.referrals()).to.have.length(1);
    expect(el.value?.id).to.equal(run.hub.state.referrals()[0]?.id);
    expect(heading(el)).to.equal('Referral sent');
  });

  it('a network failure keeps every answer, says so, and lets the person try again', async () => {
    const el = await mount(run);
    await answerAll(el);
    run.hub.faults.add({ kind: 'network', route: 'createReferral', times: 3 });
    sendButton(el).click();
    await until(() => el.shadowRoot?.querySelector('.notice') !== null, 8000);
    await el.updateComplete;
    expect(run.hub.state.referrals()).to.have.length(0);
    expect($(el, '.notice').getAttribute('role')).to.equal('alert');
    expect($(el, '.notice').textContent).to.contain('Nothing you typed has been lost');
    // Every answer is still on "Check your answers".
    const text = el.shadowRoot?.textContent ?? '';
    for (const answer of [
      'Dr Priya Shah',
      'Marcus Bell',
      '18 Mercer Street',
      'N7 6QX',
      'Council tax arrears',
      '07700 900123',
    ]) {
      expect(text).to.contain(answer);
    }
    expectNoPersonalDataStored();

    sendButton(el).click();
    await until(() => el.value !== undefined);
    expect(run.hub.state.referrals()).to.have.length(1);
    expect(run.hub.state.referrals()[0]?.resident.name.given).to.equal('Marcus');
  });

  it('says the person is offline when the browser is', async () => {
    const el = await mount(run);
    await answerAll(el);
    run.hub.faults.add({ kind: 'network', route: 'createReferral', times: 3 });
    const onLine = Object.getOwnPropertyDescriptor(Navigator.prototype, 'onLine');
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    try {
      sendButton(el).click();
      await until(() => el.shadowRoot?.querySelector('.notice') !== null, 8000);
      expect($(el, '.notice').textContent).to.contain('You are offline');
    } finally {
      if (onLine) Object.defineProperty(navigator, 'onLine', onLine);
      delete (navigator as { onLine?: boolean }).onLine;
    }
  });

  it('puts the hub’s 422 field errors back on their step and field, and Continue returns to check', async () => {
    const el = await mount(run);
    await answerAll(el);
    const realFetch = globalThis.fetch;
    const problem = {
      type: 'https://hub.example.org/problems/validation_failed',
      title: 'Check the data',
      status: 422,
      code: 'validation_failed',
      errors: [
        { path: '/resident/name/family', code: 'invalid', message: 'Enter their last name as it is written' },
      ],
    };
    globalThis.fetch = () =>
      Promise.resolve(
        new Response(JSON.stringify(problem), {
          status: 422,
          headers: { 'Content-Type': 'application/problem+json' },
        }),
      );
    try {
      sendButton(el).click();
      await until(() => el.shadowRoot?.querySelector('.error-summary') !== null, 8000);
    } finally {
      globalThis.fetch = realFetch;
    }
    await el.updateComplete;
    expect(heading(el)).to.equal('About the person');
    expect(el.shadowRoot?.activeElement).to.equal($(el, '.error-summary'));
    expect($(el, '#family-name-error').textContent).to.contain('Enter their last name as it is written');
    expect(input(el, '#family-name').value).to.equal('Bell');
    $(el, 'button[type="submit"]').click();
    await el.updateComplete;
    expect(heading(el)).to.equal('Check your answers before sending the referral');
    expect(run.hub.state.referrals()).to.have.length(0);
  });

  it('shows what the hub refused when no step asks about it (an unknown service)', async () => {
    const el = await mount(run);
    el.serviceId = '00000000-0000-4000-8000-000000000000';
    await answerAll(el);
    sendButton(el).click();
    await until(() => el.shadowRoot?.querySelector('.notice') !== null, 8000);
    await el.updateComplete;
    expect($(el, '.notice').textContent).to.contain('There is a problem');
    expect($(el, '.notice li').textContent.length).to.be.greaterThan(0);
    expect(run.hub.state.referrals()).to.have.length(0);
  });

  it('says it is not set up without a key and address', async () => {
    const el = await mount(run);
    el.removeAttribute('publishable-key');
    el.removeAttribute('api-base');
    await answerAll(el);
    sendButton(el).click();
    await el.updateComplete;
    expect($(el, '.notice').textContent).to.contain('not set up');
  });

  it('answers changed after a lost answer: still exactly one referral, the one the hub made', async () => {
    const el = await mount(run);
    await answerAll(el);
    run.hub.faults.add({ kind: 'lost', route: 'createReferral', times: 3 });
    sendButton(el).click();
    await until(() => el.shadowRoot?.querySelector('.notice') !== null, 8000);
    expect(run.hub.state.referrals()).to.have.length(1);
    // The person changes an answer, then tries again.
    [...(el.shadowRoot?.querySelectorAll<HTMLElement>('.summary-list__actions a') ?? [])]
      .find((a) => a.textContent.includes('Date of birth'))
      ?.click();
    await el.updateComplete;
    await type(el, 'given-name', 'Marc');
    await next(el);
    sendButton(el).click();
    await until(() => el.value !== undefined);
    expect(run.hub.state.referrals()).to.have.length(1);
    expect(el.value?.id).to.equal(run.hub.state.referrals()[0]?.id);
  });

  it('after the hub refuses a referral, the corrected one is sent under a new key and made once', async () => {
    const el = await mount(run);
    el.serviceId = '00000000-0000-4000-8000-000000000000';
    await answerAll(el);
    sendButton(el).click();
    await until(() => el.shadowRoot?.querySelector('.notice') !== null, 8000);
    el.serviceId = '';
    await el.updateComplete;
    sendButton(el).click();
    await until(() => el.value !== undefined);
    expect(run.hub.state.referrals()).to.have.length(1);
    expect(run.hub.state.referrals()[0]?.requestedServiceId).to.equal(null);
  });
});
