/**
 * `<hub-provider publishable-key="pk_…" api-base="https://hub.example.org" lang="cy">` gives the
 * SDK client, the language and the theme to every hubkit element inside it. The client is made
 * (and the SDK loaded) when an element first needs it, not with the page. On a staff page, its
 * `staffToken` property (a function that fetches a staff token from the page's own server) gives
 * the elements a client that reads with that token instead.
 */
import { provide } from '@lit/context';
import { LitElement, css, html, type CSSResultGroup, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { hubContext, type HubConfig, type HubTheme } from '../core/context.ts';
import {
  clientFor,
  connectable,
  connectableBase,
  StaffCredential,
  staffClientFor,
  type StaffTokenSource,
} from '../core/client.ts';
import { langOf } from '../core/locale.ts';
import { PageLangController } from '../core/page-lang.ts';

/** How often, at most, a refused staff token is replaced by a new one without the page's help. */
const RENEW_MS = 30_000;

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

  /**
   * For a staff page: a function that asks the page's own server for a staff token (`st_…`),
   * which that server mints with its secret key (`client.sessions.create`) for the member of
   * staff signed in. Give back what the hub answered (`{ token, expiresAt }`): the token is kept
   * until shortly before it expires, then asked for again. Elements inside then read with it
   * (`<hub-referral-tracker>`), and the publishable key is not used. Never a secret key.
   */
  @property({ attribute: false }) accessor staffToken: StaffTokenSource | undefined;

  /** The key the config's client was made for. */
  #key: string | undefined;
  /** The token source the config's client was made for, and what keeps its token. */
  #source: StaffTokenSource | undefined;
  #credential: StaffCredential | undefined;
  /** When the hub last refused a token and a new client was given (at most one every RENEW_MS). */
  #renewedAt = Number.NEGATIVE_INFINITY;

  @provide({ context: hubContext })
  protected accessor config: HubConfig | undefined = this.#configNow();

  #configNow(): HubConfig {
    // An empty lang attribute means "not set".
    const own = this.lang === '' ? null : this.lang;
    const lang = langOf(own ?? this.closest('[lang]')?.getAttribute('lang') ?? document.documentElement.lang);
    const { publishableKey, apiBase, staffToken } = this;
    if (staffToken !== this.#source) {
      this.#source = staffToken;
      this.#credential = staffToken ? new StaffCredential(staffToken) : undefined;
    }
    const credential = this.#credential;
    return {
      configured: credential
        ? apiBase !== undefined && connectableBase(apiBase)
        : connectable(publishableKey, apiBase),
      client: credential
        ? () => staffClientFor(credential, apiBase, lang)
        : () => clientFor(publishableKey, apiBase, lang),
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
    const sourceBefore = this.#source;
    const next = this.#configNow();
    const now = this.config;
    const same =
      now !== undefined &&
      this.#key === this.publishableKey &&
      sourceBefore === this.staffToken &&
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

  constructor() {
    super();
    // An element inside was refused its staff token (it ran out, or the hub's clock is ahead of
    // the page's): ask the page for a new one, and give the elements a new client, so that they
    // read again. At most once every RENEW_MS, so a page whose server gives a dead token does not
    // make them ask forever (they say the session has expired instead).
    this.addEventListener('hub-session-expired', () => {
      const now = Date.now();
      if (!this.#credential || now - this.#renewedAt < RENEW_MS) return;
      this.#renewedAt = now;
      this.#credential.forget();
      this.config = { ...this.#configNow() };
    });
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
