/**
 * `<hub-provider publishable-key="pk_…" api-base="https://hub.example.org" lang="cy">` gives the
 * SDK client, the language and the theme to every hubkit element inside it.
 */
import { provide } from '@lit/context';
import { LitElement, css, html, type CSSResultGroup, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { hubContext, type HubConfig, type HubTheme } from '../core/context.ts';
import { clientFor } from '../core/hub-element.ts';
import { langOf } from '../core/locale.ts';

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

  @provide({ context: hubContext })
  protected accessor config: HubConfig | undefined = this.#configNow();

  #configNow(): HubConfig {
    // An empty lang attribute means "not set".
    const own = this.lang === '' ? null : this.lang;
    const lang = langOf(own ?? this.closest('[lang]')?.getAttribute('lang') ?? document.documentElement.lang);
    return {
      client: clientFor(this.publishableKey, this.apiBase, lang),
      lang,
      theme: this.theme === 'dark' || this.theme === 'light' ? this.theme : 'auto',
      apiBase: this.apiBase,
      directoryUrl: this.directoryUrl,
    };
  }

  protected override willUpdate(): void {
    const next = this.#configNow();
    const now = this.config;
    if (
      !now ||
      next.client !== now.client ||
      next.lang !== now.lang ||
      next.theme !== now.theme ||
      next.apiBase !== now.apiBase ||
      next.directoryUrl !== now.directoryUrl
    ) {
      this.config = next;
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
