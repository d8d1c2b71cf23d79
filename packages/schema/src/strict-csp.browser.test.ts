/// <reference types="mocha" />
import { expect } from '@open-wc/testing';

interface Outcome {
  result: { valid: boolean; errors: { path: string; code: string; message: string }[] };
  violations: string[];
}

function load(page: string): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const frame = document.createElement('iframe');
    const timer = setTimeout(() => {
      reject(new Error(`${page} did not answer`));
    }, 8000);
    window.addEventListener('message', function onMessage(event: MessageEvent<Outcome>) {
      if (event.source !== frame.contentWindow) return;
      window.removeEventListener('message', onMessage);
      clearTimeout(timer);
      frame.remove();
      resolve(event.data);
    });
    frame.src = new URL(`./testing/${page}`, import.meta.url).href;
    document.body.append(frame);
  });
}

describe('@hubkit/schema under a strict Content-Security-Policy', () => {
  it('the policy is strict enough to catch eval: classic zod’s JIT probe is reported', async () => {
    const outcome = await load('strict-csp-control.html');
    expect(outcome.result.valid).to.equal(true);
    expect(outcome.violations, 'the eval probe is reported').to.not.deep.equal([]);
  });

  it('validates referrals with no CSP violation at all', async () => {
    const outcome = await load('strict-csp.html');
    expect(outcome.violations).to.deep.equal([]);
    expect(outcome.result.valid).to.equal(true);
    expect(outcome.result.errors).to.deep.equal([
      // N1 1CA has the shape of a postcode but no inward code has a C: "Enter a real postcode".
      { path: '/resident/address/postcode', code: 'invalid', message: 'Rhowch god post go iawn' },
    ]);
  });
});
