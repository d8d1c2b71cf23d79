import { expect } from '@open-wc/testing';

interface Outcome<R> {
  result: R;
  violations: string[];
}

function load<R>(page: string): Promise<Outcome<R>> {
  return new Promise((resolve, reject) => {
    const frame = document.createElement('iframe');
    const timer = setTimeout(() => {
      reject(new Error(`${page} did not answer`));
    }, 8000);
    window.addEventListener('message', function onMessage(event: MessageEvent<Outcome<R>>) {
      if (event.source !== frame.contentWindow) return;
      window.removeEventListener('message', onMessage);
      clearTimeout(timer);
      frame.remove();
      resolve(event.data);
    });
    frame.src = new URL(`./${page}`, import.meta.url).href;
    document.body.append(frame);
  });
}

describe('@hubkit/elements under a strict Content-Security-Policy with Trusted Types', () => {
  it('the policy is strict enough to matter: an inline style and a string written as HTML are refused', async () => {
    const outcome = await load<{ sinkRefused: boolean }>('strict-csp-control.html');
    expect(outcome.result.sinkRefused, 'innerHTML with a string is refused').to.equal(true);
    expect(
      outcome.violations.some((v) => v.startsWith('style-src')),
      outcome.violations.join(),
    ).to.equal(true);
  });

  it('renders the provider and all three elements, in Welsh, and shows search results, with no violation', async () => {
    const outcome = await load<{ rendered: boolean[]; results: number }>('strict-csp.html');
    expect(outcome.violations).to.deep.equal([]);
    expect(outcome.result.rendered).to.deep.equal([true, true, true]);
    expect(outcome.result.results).to.be.greaterThan(0);
  });
});
