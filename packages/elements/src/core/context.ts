/**
 * What `<hub-provider>` gives every hubkit element inside it (through @lit/context): the SDK
 * client (made, and the SDK loaded, on first need), the language and the shared options. An
 * element with its own `publishable-key` and `api-base` makes its own client instead.
 */
import { createContext } from '@lit/context';
import type { Lang } from '@hubkit/schema';
import type { HubClient } from '@hubkit/sdk';

/** `auto` follows the system's `prefers-color-scheme`; `light` and `dark` pin one. */
export type HubTheme = 'light' | 'dark' | 'auto';

export interface HubConfig {
  /** Whether there is a publishable key and a hub address a client can be made from. */
  configured: boolean;
  /**
   * The client for the hub, made from the publishable key and the hub's address on the first
   * call (the SDK is loaded then, not with the page); undefined without them. The same client
   * for every call and every element.
   */
  client(): Promise<HubClient | undefined>;
  /** The language of every string the elements show. */
  lang: Lang;
  theme: HubTheme;
  /** The hub's address, as given. */
  apiBase: string | undefined;
  /** An Open Referral UK feed the service finder reads instead of the hub's directory. */
  directoryUrl: string | undefined;
}

/** Undefined outside a provider. */
export const hubContext = createContext<HubConfig | undefined>(Symbol('hubkit'));
