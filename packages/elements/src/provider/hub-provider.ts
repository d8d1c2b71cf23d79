/**
 * `<hub-provider publishable-key="pk_…" api-base="https://hub.example.org" lang="cy">` gives the
 * SDK client, the language and the theme to every hubkit element inside it. The client is made
 * (and the SDK loaded) when an element first needs it, not with the page.
 */
import { provide } from '@lit/context';
import { LitElement, css, html, type CSSResultGroup, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { hubContext, type HubConfig, type HubTheme } from '../core/context.ts';
import { clientFor, connectable } from '../core/client.ts';
import { langOf } from '../core/locale.ts';
import { PageLangController } from '../core/page-lang.ts';

export class HubProvider extends LitElement {
  static override styles: CSSResultGroup = css`
    :host {
      display: contents;
    }
  `;

  /** A publishable key (`pk_…`). Never a secret key: a page is readable by everyone using it. */
  @property({ attribute: 'publishable-key' }) accessor publishableKey: string | undefined;
  /** The hub's address. */
  @property({ attribute: 'api-base' }) accessor apiBase: string | undefined;
  /** `en` or `cy` (any `cy-*` tag is Welsh); else the page's language. */
  @property() override accessor lang = '';
  /** `light` or `dark` pins the elements' theme; by default they follow the system's colour scheme. */
  @property() accessor theme: HubTheme = 'auto';
  /** An Open Referral UK feed for service finders to read instead of the hub's directory. */
  @property({ attribute: 'directory-url' }) accessor directoryUrl: string | undefined;

  /** The key the config's client was made for. */
  #key: string | undefined;

  @provide({ context: hubContext })
  protected accessor config: HubConfig | undefined = this.#configNow();

  #configNow(): HubConfig {
    // An empty lang attribute means "not set".
    const own = this.lang === '' ? null : this.lang;
    const lang = langOf(own ?? this.closest('[lang]')?.getAttribute('lang') ?? document.documentElement.lang);
    const { publishableKey, apiBase } = this;
    return {
      configured: connectable(publishableKey, apiBase),
      client: () => clientFor(publishableKey, apiBase, lang),
      lang,
      theme: this.theme === 'dark' || this.theme === 'light' ? this.theme : 'auto',
      apiBase: this.apiBase,
      directoryUrl: this.directoryUrl,
    };
  }

  /** Without its own `lang`, it gives the page's, and follows it when it changes. */
  // eslint-disable-next-line no-unused-private-class-members -- it works by being the host's controller
  readonly #pageLang = new PageLangController(this);

  protected override willUpdate(): void {
    const next = this.#configNow();
    const now = this.config;
    const same =
      now !== undefined &&
      this.#key === this.publishableKey &&
      next.configured === now.configured &&
      next.lang === now.lang &&
      next.theme === now.theme &&
      next.apiBase === now.apiBase &&
      next.directoryUrl === now.directoryUrl;
    if (!same) {
      this.config = next;
      this.#key = this.publishableKey;
    }
  }

  protected override render(): TemplateResult {
    return html`<slot></slot>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hub-provider': HubProvider;
  }
}
