import { expect, fixture, html } from '@open-wc/testing';
import { html as litHtml, type TemplateResult } from 'lit';
import { HubElement } from '../core/hub-element.ts';
import '../define/provider.ts';

/** A hubkit element that shows what it was given. */
class ProbeElement extends HubElement {
  get seen() {
    return {
      lang: this.locale,
      theme: this.themeName,
      configured: this.configured,
      client: () => this.loadClient(),
    };
  }
  protected override render(): TemplateResult {
    return litHtml`<p>${this.locale}</p>`;
  }
}
customElements.define('hub-test-probe', ProbeElement);

/** Whether the page has fetched any module of the SDK (or ky) yet. */
const sdkFetched = () =>
  performance
    .getEntriesByType('resource')
    .some((entry) => entry.name.includes('/packages/sdk/src/') || entry.name.includes('/node_modules/ky/'));

describe('<hub-provider>', () => {
  // First in the file: nothing on this page has asked for a client yet.
  it('loads the SDK only when an element first asks for the client, and gives every element the same one', async () => {
    const el = await fixture(
      html`<hub-provider
        publishable-key="pk_test_ProviderTestKey0000000001"
        api-base="https://hub.example.org"
        ><hub-test-probe></hub-test-probe><hub-test-probe></hub-test-probe
      ></hub-provider>`,
    );
    const [one, two] = el.querySelectorAll<ProbeElement>('hub-test-probe');
    expect(one?.seen.configured).to.equal(true);
    expect(sdkFetched(), 'no SDK before a client is asked for').to.equal(false);
    const client = await one?.seen.client();
    expect(client).to.not.equal(undefined);
    expect(sdkFetched(), 'the SDK once a client is asked for').to.equal(true);
    expect(await two?.seen.client()).to.equal(client);
  });

  it('gives its client, language and theme to every hubkit element inside it, through shadow roots too', async () => {
    const el = await fixture(
      html`<hub-provider
        publishable-key="pk_test_ProviderTestKey0000000001"
        api-base="https://hub.example.org"
        lang="cy-GB"
        theme="dark"
        ><div><hub-test-probe></hub-test-probe></div
      ></hub-provider>`,
    );
    const probe = el.querySelector<ProbeElement>('hub-test-probe');
    expect(probe?.seen.lang).to.equal('cy');
    expect(probe?.seen.theme).to.equal('dark');
    expect(await probe?.seen.client()).to.not.equal(undefined);
    // In Welsh, an element renders once its Welsh strings have arrived: updateComplete waits for them.
    await probe?.updateComplete;
    expect(probe?.shadowRoot?.textContent).to.contain('cy');
  });

  it('tells its elements when its language changes', async () => {
    const el = await fixture<HTMLElement>(
      html`<hub-provider lang="en"><hub-test-probe></hub-test-probe></hub-provider>`,
    );
    const probe = el.querySelector<ProbeElement>('hub-test-probe');
    el.setAttribute('lang', 'cy');
    await probe?.updateComplete;
    await new Promise((r) => setTimeout(r));
    expect(probe?.seen.lang).to.equal('cy');
    expect(probe?.shadowRoot?.textContent).to.contain('cy');
  });

  it('lets an element’s own attributes win, and works with none at all', async () => {
    const el = await fixture(
      html`<div lang="cy">
        <hub-provider
          lang="en"
          publishable-key="pk_test_ProviderTestKey0000000001"
          api-base="https://hub.example.org"
        >
          <hub-test-probe lang="cy"></hub-test-probe>
        </hub-provider>
        <hub-test-probe class="alone"></hub-test-probe>
      </div>`,
    );
    expect(el.querySelector<ProbeElement>('hub-provider hub-test-probe')?.seen.lang).to.equal('cy');
    const alone = el.querySelector<ProbeElement>('.alone');
    expect(alone?.seen.lang, 'the page’s language').to.equal('cy');
    expect(alone?.seen.configured, 'no key, not configured').to.equal(false);
    expect(await alone?.seen.client(), 'no key, no client').to.equal(undefined);
  });

  it('never makes a client from a secret key', async () => {
    const el = await fixture(
      html`<hub-provider
        publishable-key="sk_test_SecretKeysNeverInPages000001"
        api-base="https://hub.example.org"
        ><hub-test-probe></hub-test-probe
      ></hub-provider>`,
    );
    const probe = el.querySelector<ProbeElement>('hub-test-probe');
    expect(probe?.seen.configured).to.equal(false);
    expect(await probe?.seen.client()).to.equal(undefined);
  });
});
