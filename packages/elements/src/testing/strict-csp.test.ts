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
    }, 25_000);
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

describe('@hubkit/elements under a strict Content-Security-Policy with Trusted Types', function () {
  // Each page loads the CDN build and a mock hub in a frame of its own: slower than one element.
  this.timeout(30_000);
  it('the policy is strict enough to matter: an inline style and a string written as HTML are refused', async () => {
    const outcome = await load<{ sinkRefused: boolean }>('strict-csp-control.html');
    expect(outcome.result.sinkRefused, 'innerHTML with a string is refused').to.equal(true);
    expect(
      outcome.violations.some((v) => v.startsWith('style-src')),
      outcome.violations.join(),
    ).to.equal(true);
  });

  it('renders the provider and all three elements from the CDN loader, in Welsh, and shows search results, with no violation', async () => {
    const outcome = await load<{ rendered: boolean[]; results: number }>('strict-csp.html');
    expect(outcome.violations).to.deep.equal([]);
    expect(outcome.result.rendered).to.deep.equal([true, true, true]);
    expect(outcome.result.results).to.be.greaterThan(0);
  });

  interface Tampered {
    kind: string;
    defined: boolean;
    failed: string[];
    loaded: number;
    ranTampered: number;
    ranUnchecked: number;
    shown: string;
    errors: string[];
  }

  it('the loader refuses a chunk whose bytes changed: the element stays undefined and nothing of it runs', async () => {
    const { result, violations } = await load<Tampered>('strict-csp-tampered-static.html');
    expect(violations).to.deep.equal([]);
    expect(result.failed, 'the changed chunk failed its modulepreload').to.have.length(1);
    expect(result.failed[0]).to.match(/^\/cdn-tampered\/static\/[\w-]+\.[0-9a-f]{8}\.js$/);
    expect(result.defined, '<hub-service-finder> is not defined').to.equal(false);
    expect(result.ranTampered, 'the changed bytes never ran').to.equal(0);
    expect(result.ranUnchecked, 'imported without the check, the same bytes do run').to.equal(1);
    expect(result.errors.join(' ')).to.match(/failed its integrity check/);
  });

  it('a chunk imported later through the loader is checked too: a changed one is refused, and the finder says so', async () => {
    const { result, violations } = await load<Tampered>('strict-csp-tampered-dynamic.html');
    expect(violations).to.deep.equal([]);
    expect(result.defined, 'the finder itself loads').to.equal(true);
    expect(result.loaded).to.be.greaterThan(1);
    expect(result.failed).to.have.length(1);
    expect(result.failed[0]).to.match(/^\/cdn-tampered\/dynamic\/directory-reader\.[0-9a-f]{8}\.js$/);
    expect(result.ranTampered, 'the changed bytes never ran').to.equal(0);
    expect(result.ranUnchecked, 'imported without the check, the same bytes do run').to.equal(1);
    expect(result.shown).to.include('Something went wrong');
  });

  it('the loader fetches nothing for a page without hub-* elements, and each element’s code when one appears, in open shadow roots too', async () => {
    const { result, violations } = await load<{
      idle: string[];
      finderInShadow: boolean;
      afterFinder: string[];
      consentInShadow: boolean;
      formDefined: boolean;
      all: string[];
      turns: Record<string, number | undefined>;
    }>('cdn-loader.html');
    expect(violations).to.deep.equal([]);
    expect(result.idle, 'nothing fetched before a hub-* element appears').to.deep.equal([]);
    expect(result.finderInShadow, 'a finder added to an open shadow root is defined').to.equal(true);
    expect(result.afterFinder).to.include('service-finder');
    expect(result.afterFinder, 'only what the finder needs').not.to.include('referral-form');
    expect(result.afterFinder).not.to.include('consent-capture');
    expect(result.afterFinder, 'the Open Referral UK reader only with directory-url').not.to.include(
      'directory-reader',
    );
    expect(result.consentInShadow, 'a consent capture inside a shadow root on a host added later').to.equal(
      true,
    );
    expect(result.formDefined, 'no referral form on the page, none defined').to.equal(false);
    expect(new Set(result.all).size, 'each chunk fetched once').to.equal(result.all.length);
  });

  it('the loader runs each chunk in a task of its own: lit’s code, then the element’s, never in one long task', async () => {
    const { result, violations } = await load<{ turns: Record<string, number | undefined> }>(
      'cdn-loader.html',
    );
    expect(violations).to.deep.equal([]);
    const { lit, 'hub-service-finder': finder, 'hub-consent-capture': consent } = result.turns;
    expect(lit, 'lit’s chunk ran').to.be.a('number');
    expect(finder, 'the finder was defined').to.be.a('number');
    expect(consent, 'the consent capture was defined').to.be.a('number');
    expect(finder, 'the finder’s chunk ran in a later task than lit’s').to.be.greaterThan(lit ?? Infinity);
    expect(consent, 'each element in a task of its own').to.be.greaterThan(finder ?? Infinity);
  });
});
