/**
 * The base of every hubkit element: the configuration from `<hub-provider>` (or the element's
 * own attributes), the language, the theme, and the SDK client.
 */
import { consume } from '@lit/context';
import { LitElement } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Lang } from '@hubkit/schema';
import { createClient, type HubClient } from '@hubkit/sdk';
import { hubContext, type HubConfig, type HubTheme } from './context.ts';
import { langOf } from './locale.ts';

/** One client per key and address, shared by every element that names the same ones. */
const clients = new Map<string, HubClient | undefined>();

/** A client for a publishable key and a hub address, or undefined when either is missing or wrong. */
export function clientFor(
  publishableKey: string | undefined,
  apiBase: string | undefined,
  lang: Lang,
): HubClient | undefined {
  if (!publishableKey || !apiBase) return undefined;
  const id = `${publishableKey} ${apiBase} ${lang}`;
  if (!clients.has(id)) {
    let client: HubClient | undefined;
    try {
      client = createClient({ apiKey: publishableKey, baseUrl: apiBase, lang });
    } catch {
      // A secret key, a malformed key or address: the element says it is not set up.
      client = undefined;
    }
    clients.set(id, client);
  }
  return clients.get(id);
}

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

  /** The SDK client: from the element's own key and address, else the provider's. */
  protected get client(): HubClient | undefined {
    if (this.publishableKey || this.apiBase) return clientFor(this.publishableKey, this.apiBase, this.locale);
    return this.hub?.client;
  }
}
