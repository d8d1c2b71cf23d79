/**
 * The base of every hubkit element: the configuration from `<hub-provider>` (or the element's
 * own attributes), the language, the theme, and the SDK client.
 */
import { consume } from '@lit/context';
import { LitElement } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Lang } from '@hubkit/schema';
import type { HubClient } from '@hubkit/sdk';
import { clientFor, connectable } from './client.ts';
import { hubContext, type HubConfig, type HubTheme } from './context.ts';
import { common } from './common.ts';
import { nextTask } from './lazy.ts';
import { langOf, welshOf, type WelshHalf } from './locale.ts';
import { PageLangController } from './page-lang.ts';

export class HubElement extends LitElement {
  /** What the nearest `<hub-provider>` gives. */
  @consume({ context: hubContext, subscribe: true })
  @state()
  protected accessor hub: HubConfig | undefined;

  /** A publishable key (`pk_…`), when the element is used without a provider. */
  @property({ attribute: 'publishable-key' }) accessor publishableKey: string | undefined;

  /** The hub's address, like `https://hub.example.org`, when used without a provider. */
  @property({ attribute: 'api-base' }) accessor apiBase: string | undefined;

  /** The language (`en` or `cy`); else the provider's, else the page's. */
  @property() override accessor lang = '';

  /** `light` or `dark` pins a theme; else the provider's; else the system's colour scheme. */
  @property() accessor theme: HubTheme | undefined;

  /**
   * The catalogues the element shows. Where its language is Welsh, it waits for their Welsh
   * halves (and the schema's) before every update, so a Welsh page never flashes English.
   */
  protected static catalogues: readonly WelshHalf[] = [common];

  /** Without its own `lang` or a provider's, it speaks the page's: and follows it when it changes. */
  // eslint-disable-next-line no-unused-private-class-members -- it works by being the host's controller
  readonly #pageLang = new PageLangController(this);

  /**
   * Holds an update (the first render, or a switch to Welsh) until the Welsh strings have
   * arrived; `updateComplete` waits with it. Before its first render the element shows nothing
   * but its reserved space. Where the Welsh cannot be fetched (the network dropped) it renders
   * in English rather than not at all, and tries the Welsh again at the next update.
   */
  // eslint-disable-next-line @typescript-eslint/no-invalid-void-type -- lit's own signature
  protected override scheduleUpdate(): void | Promise<unknown> {
    const welsh =
      this.locale === 'cy' ? welshOf((this.constructor as typeof HubElement).catalogues) : undefined;
    // The first render runs in a task of its own, not in the task that defined the element (or
    // that added it to the page): each is shorter, and the page can answer input in between.
    const first = this.hasUpdated ? undefined : nextTask();
    return welsh || first
      ? Promise.all([welsh, first]).then(() => super.scheduleUpdate())
      : super.scheduleUpdate();
  }

  /**
   * The level of the element's own headings (1–6, default 2): set it to fit the page's outline,
   * like 3 inside a section headed by an `<h2>`. Sub-headings sit one level below.
   */
  @property({ attribute: 'heading-level', type: Number }) accessor headingLevel = 2;

  /** The language every string is shown in. */
  protected get locale(): Lang {
    if (this.lang) return langOf(this.lang);
    if (this.hub) return this.hub.lang;
    return langOf(this.closest('[lang]')?.getAttribute('lang') ?? document.documentElement.lang);
  }

  protected get themeName(): HubTheme {
    const theme = this.theme ?? this.hub?.theme;
    return theme === 'light' || theme === 'dark' ? theme : 'auto';
  }

  /** Whether the element has a hub to talk to: its own key and address, else the provider's. */
  protected get configured(): boolean {
    if (this.publishableKey || this.apiBase) return connectable(this.publishableKey, this.apiBase);
    return this.hub?.configured ?? false;
  }

  /**
   * The SDK client: from the element's own key and address, else the provider's; undefined when
   * not configured. The SDK is loaded on the first call (or on idle, by `sdk.prefetch()`).
   */
  protected loadClient(): Promise<HubClient | undefined> {
    if (this.publishableKey || this.apiBase) return clientFor(this.publishableKey, this.apiBase, this.locale);
    return this.hub?.client() ?? Promise.resolve(undefined);
  }
}
